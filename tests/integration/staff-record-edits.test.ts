import { afterEach, describe, expect, it } from 'vitest';
import { headOfficeVerdict } from '../support/verdict';
import { expectRefusals, refusal, startTestApp, type TestApp } from '../support/app';
import { LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { GUIDE_PIN } from '../support/valid/staff';

let t: TestApp | undefined;
afterEach(async () => t?.close());

async function docsOf(app: TestApp, prefix: string) {
  const res = await app.app.store.db.allDocs({ include_docs: true, startkey: prefix, endkey: `${prefix}\ufff0` });
  return res.rows.map((r) => r.doc!);
}

describe('a lead corrects saved meeting minutes (例会), the history kept', () => {
  it('seed 003 「組織每周一次的小組例會,總結工作,提出工作中存在的問題」: an edit keeps who changed which field when and the old value; a stale version and bad input are refused, nothing written', async () => {
    t = await startTestApp(); // Friday 27 Nov 2026, 10:00 in the clinic
    const f = await setUpClinic(t);
    const guide = await seedStaff(t, { role: 'guide', name: '王导医', pin: GUIDE_PIN });
    const saved = await t.api['meeting.save']({ kind: 'weekly', date: '2026-11-20', attendees: [f.lead.id], issues: ['指示牌不醒目'], actions: [{ what: '更换指示牌', ownerId: guide.id, due: '2026-11-25' }], followUps: [] });
    const m = saved.meetings[0]!;
    expect(m.edits).toEqual([]);
    const edited = await t.api['meeting.edit']({ id: m.id, rev: m.rev, attendees: [f.lead.id, guide.id], issues: ['指示牌不醒目', '候诊区灯光暗'], actions: [{ what: '更换指示牌', ownerId: guide.id, due: '2026-11-26' }], followUps: [] });
    const e = edited.meetings[0]!;
    expect(e.attendees.map((a) => a.name)).toEqual([f.lead.name, '王导医']);
    expect(e.issues).toEqual(['指示牌不醒目', '候诊区灯光暗']);
    expect(e.edits).toEqual([
      {
        by: f.lead.name,
        at: '2026-11-27T02:00:00.000Z',
        changes: [
          { field: 'attendees', from: f.lead.name, to: `${f.lead.name}\n王导医` },
          { field: 'issues', from: '指示牌不醒目', to: '指示牌不醒目\n候诊区灯光暗' },
          { field: 'actions', from: '更换指示牌 · 王导医 · 2026-11-25', to: '更换指示牌 · 王导医 · 2026-11-26' },
        ],
      },
    ]);
    expect(e.rev).not.toBe(m.rev);
    // The stored record carries who and when, and passes head office's check.
    const [doc] = await docsOf(t, 'staff-meeting:');
    expect(doc).toMatchObject({ createdBy: f.lead.id, updatedBy: f.lead.id, updatedAt: '2026-11-27T02:00:00.000Z' });
    expect(headOfficeVerdict(doc!)).toBeNull();
    // A later meeting follows the action up: the first meeting's edit cannot remove it.
    await t.api['meeting.save']({ kind: 'weekly', date: '2026-11-27', attendees: [f.lead.id], issues: [], actions: [], followUps: [{ actionId: e.actions[0]!.id, done: true, note: '已更换' }] });
    const base = { id: e.id, rev: e.rev, attendees: [f.lead.id, guide.id], issues: ['指示牌不醒目'], actions: [{ what: '更换指示牌', ownerId: guide.id, due: '2026-11-26' }], followUps: [] };
    const before = JSON.stringify(await docsOf(t, 'staff-meeting:'));
    await expectRefusals(t, 'meeting.edit', [
      { why: 'a stale version (another edit came first)', input: { ...base, rev: m.rev }, field: 'rev', code: 'conflict' },
      { why: 'nothing changed', input: { ...base, issues: ['指示牌不醒目', '候诊区灯光暗'] }, field: 'id' },
      { why: 'an action followed up later removed', input: { ...base, actions: [] }, field: 'actions' },
      { why: 'no such meeting', input: { ...base, id: 'staff-meeting:BJ:weekly:2026-11-20:nope' }, field: 'id', code: 'not_found' },
      { why: 'another kind of record', input: { ...base, id: f.lead.id }, field: 'id', code: 'not_found' },
      { why: 'nobody came', input: { ...base, attendees: [] }, field: 'attendees' },
      { why: 'an attendee twice', input: { ...base, attendees: [guide.id, guide.id] }, field: 'attendees.1' },
      { why: 'an unknown owner', input: { ...base, actions: [{ what: '整改', ownerId: 'staff:BJ:nobody', due: '2026-12-01' }] }, field: 'actions.0.ownerId', code: 'not_found' },
      { why: 'due before the meeting', input: { ...base, actions: [{ what: '更换指示牌', ownerId: guide.id, due: '2026-11-19' }] }, field: 'actions.0.due' },
      { why: 'a follow-up of its own action', input: { ...base, followUps: [{ actionId: e.actions[0]!.id, done: true, note: '' }] }, field: 'followUps.0.actionId' },
      { why: 'an oversized issue', input: { ...base, issues: ['长'.repeat(301)] }, field: 'issues.0' },
      { why: 'no version', input: { ...base, rev: '' }, field: 'rev' },
      { why: 'wrong type', input: { ...base, issues: '指示牌' }, field: 'issues' },
      { why: 'kind is not edited', input: { ...base, kind: 'quality' }, field: 'kind' },
    ]);
    expect(JSON.stringify(await docsOf(t, 'staff-meeting:'))).toBe(before);
    // The stale version's refusal reads Chinese at the desk, keyed by its rule.
    const { fromApiError } = await import('../../src-renderer/ui/errors');
    const { ApiError } = await import('../../shared/errors');
    const stale = await refusal(t, 'meeting.edit', { ...base, rev: m.rev });
    expect(stale.rule).toBe('staff.staleVersion');
    expect(fromApiError(new ApiError(stale), 'zh-CN', {}).fields.rev).toBe('这条记录刚被别人改过，请重新打开再改');
    const followed = await refusal(t, 'meeting.edit', { ...base, actions: [] });
    expect(fromApiError(new ApiError(followed), 'zh-CN', {}).fields.actions).toBe('事项「更换指示牌」已在之后的会议中跟进，不能删除');
    // A second edit adds to the history; a guide reads it and may not edit.
    const again = await t.api['meeting.edit']({ ...base, issues: ['指示牌不醒目', '候诊区灯光太暗'] });
    expect(again.meetings.find((x) => x.id === e.id)!.edits.map((x) => x.changes.map((c) => c.field))).toEqual([['attendees', 'issues', 'actions'], ['issues']]);
    await t.signIn(guide.id, GUIDE_PIN);
    expect((await t.api['meeting.list']({ kind: 'weekly' })).meetings.find((x) => x.id === e.id)!.edits).toHaveLength(2);
    const cur = (await t.api['meeting.list']({ kind: 'weekly' })).meetings.find((x) => x.id === e.id)!;
    expect((await refusal(t, 'meeting.edit', { ...base, rev: cur.rev, issues: ['x'] })).code).toBe('forbidden');
    await t.signIn(f.lead.id, LEAD_PIN);
  });
});

describe('a lead corrects a saved training session (培训考核), the history kept', () => {
  it('seed 000 「負責監督服務質量,定期組織培訓和考核」: a corrected score keeps its old value; a stale version, bad input refused, nothing written', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const guide = await seedStaff(t, { role: 'guide', name: '王导医', pin: GUIDE_PIN });
    const s = await t.api['training.save']({ date: '2026-11-26', topic: '接待礼仪', trainer: '总部培训师', passMark: 80, attendees: [{ staffId: guide.id, score: 78 }] });
    expect(s.attendees[0]!.passed).toBe(false);
    const base = { id: s.id, rev: s.rev, topic: '接待礼仪', trainer: '总部培训师', passMark: 80, attendees: [{ staffId: guide.id, score: 88 }] };
    const e = await t.api['training.edit'](base);
    expect(e.attendees[0]).toMatchObject({ score: 88, passed: true });
    expect(e.edits).toEqual([{ by: f.lead.name, at: '2026-11-27T02:00:00.000Z', changes: [{ field: 'attendees', from: '王导医 78', to: '王导医 88' }] }]);
    const before = JSON.stringify(await docsOf(t, 'training:'));
    await expectRefusals(t, 'training.edit', [
      { why: 'a stale version', input: { ...base, attendees: [{ staffId: guide.id, score: 90 }] }, field: 'rev', code: 'conflict' },
      { why: 'nothing changed', input: { ...base, rev: e.rev }, field: 'id' },
      { why: 'no such session', input: { ...base, rev: e.rev, id: 'training:BJ:2026-11-26:nope' }, field: 'id', code: 'not_found' },
      { why: 'a score over 100', input: { ...base, rev: e.rev, attendees: [{ staffId: guide.id, score: 101 }] }, field: 'attendees.0.score' },
      { why: 'an unknown person', input: { ...base, rev: e.rev, attendees: [{ staffId: 'staff:BJ:nobody', score: 90 }] }, field: 'attendees.0.staffId', code: 'not_found' },
      { why: 'a person twice', input: { ...base, rev: e.rev, attendees: [{ staffId: guide.id, score: 90 }, { staffId: guide.id, score: 91 }] }, field: 'attendees.1' },
      { why: 'an empty topic', input: { ...base, rev: e.rev, topic: ' ' }, field: 'topic' },
      { why: 'the date is not edited', input: { ...base, rev: e.rev, date: '2026-11-25' }, field: 'date' },
    ]);
    expect(JSON.stringify(await docsOf(t, 'training:'))).toBe(before);
    const [doc] = await docsOf(t, 'training:');
    expect(headOfficeVerdict(doc!)).toBeNull();
    // Someone who came and has left since stays on the corrected session; nobody inactive is added.
    const left = await seedStaff(t, { role: 'guide', name: '李导医' });
    const gone = await seedStaff(t, { role: 'guide', name: '赵导医' });
    const withLeft = await t.api['training.save']({ date: '2026-11-25', topic: '分诊流程', trainer: '王组长', passMark: 60, attendees: [{ staffId: left.id, score: 55 }] });
    for (const id of [left.id, gone.id]) {
      const d = await t.app.store.db.get<{ active: boolean }>(id);
      await t.app.store.db.put({ ...d, active: false });
    }
    const lower = await t.api['training.edit']({ id: withLeft.id, rev: withLeft.rev, topic: '分诊流程', trainer: '王组长', passMark: 50, attendees: [{ staffId: left.id, score: 55 }] });
    expect(lower.attendees).toEqual([{ staffId: left.id, name: '李导医', score: 55, passed: true }]);
    expect((await refusal(t, 'training.edit', { id: withLeft.id, rev: lower.rev, topic: '分诊流程', trainer: '王组长', passMark: 50, attendees: [{ staffId: left.id, score: 55 }, { staffId: gone.id, score: 70 }] })).field).toBe('attendees.1.staffId');
    await t.signIn(guide.id, GUIDE_PIN);
    expect((await refusal(t, 'training.edit', { ...base, rev: e.rev, passMark: 70 })).code).toBe('forbidden');
  });
});

describe('a cleaning check (卫生值日) corrected with its history, a failed area re-checked the same day', () => {
  it('seed 003 「交由主管檢查,檢查不合格者重清掃」: a failed area cleaned again is re-checked (failed → passed); a correction keeps who, when and the old result; refusals write nothing', async () => {
    t = await startTestApp({ now: new Date('2026-11-27T00:40:00Z') }); // Friday 08:40 in the clinic
    const f = await setUpClinic(t);
    const guide = await seedStaff(t, { role: 'guide', name: '王导医', pin: GUIDE_PIN });
    const week = (id: string | null) => [id, id, id, id, id, id, null];
    const plan = await t.api['cleaning.savePlan']({ areas: [{ id: null, name: '导医台', byWeekday: week(guide.id) }, { id: null, name: '候诊区', byWeekday: week(guide.id) }] });
    const [desk, waiting] = plan.areas.map((a) => a.id) as [string, string];
    const none = await t.api['cleaning.day']({});
    await expectRefusals(t, 'cleaning.recheck', [{ why: 'no check yet', input: { date: '2026-11-27', kind: 'opening', areaId: waiting, done: true, note: '' }, field: 'kind', code: 'not_found' }]);
    await expectRefusals(t, 'cleaning.edit', [{ why: 'no check yet', input: { date: '2026-11-27', kind: 'opening', rev: '1-x', items: [] }, field: 'kind', code: 'not_found' }]);
    expect(none.checks).toEqual([]);
    const checked = await t.api['cleaning.check']({ date: '2026-11-27', kind: 'opening', items: [{ areaId: desk, done: true, note: '' }, { areaId: waiting, done: false, note: '地毯待清洗' }] });
    const first = checked.checks[0]!;
    expect(first.items.map((i) => [i.name, i.done, i.passed, i.rechecks])).toEqual([
      ['导医台', true, true, []],
      ['候诊区', false, false, []],
    ]);

    // 09:20: the waiting area cleaned again, still a stain; 09:45 it passes.
    const before = async () => JSON.stringify(await docsOf(t!, 'cleaning-check:'));
    t.clock.now = new Date('2026-11-27T01:20:00Z');
    const stored = await before();
    await expectRefusals(t, 'cleaning.recheck', [
      { why: 'an area that passed', input: { date: '2026-11-27', kind: 'opening', areaId: desk, done: true, note: '' }, field: 'areaId' },
      { why: 'an area not in the check', input: { date: '2026-11-27', kind: 'opening', areaId: 'area-x', done: true, note: '' }, field: 'areaId' },
      { why: 'failed again without a note', input: { date: '2026-11-27', kind: 'opening', areaId: waiting, done: false, note: ' ' }, field: 'note' },
      { why: 'another day', input: { date: '2026-11-26', kind: 'opening', areaId: waiting, done: true, note: '' }, field: 'date' },
      { why: 'no Saturday check on a Friday', input: { date: '2026-11-27', kind: 'saturday', areaId: waiting, done: true, note: '' }, field: 'kind', code: 'not_found' },
      { why: 'an oversized note', input: { date: '2026-11-27', kind: 'opening', areaId: waiting, done: false, note: '长'.repeat(201) }, field: 'note' },
      { why: 'done not a boolean', input: { date: '2026-11-27', kind: 'opening', areaId: waiting, done: 'yes', note: '' }, field: 'done' },
    ]);
    expect(await before()).toBe(stored);
    await t.api['cleaning.recheck']({ date: '2026-11-27', kind: 'opening', areaId: waiting, done: false, note: '还有污渍' });
    t.clock.now = new Date('2026-11-27T01:45:00Z');
    const passed = await t.api['cleaning.recheck']({ date: '2026-11-27', kind: 'opening', areaId: waiting, done: true, note: '' });
    const area = passed.checks[0]!.items.find((i) => i.areaId === waiting)!;
    // What the director reads: failed at the check (its note kept), failed again, then passed.
    expect(area).toEqual({
      areaId: waiting,
      name: '候诊区',
      done: false,
      note: '地毯待清洗',
      passed: true,
      rechecks: [
        { done: false, note: '还有污渍', by: f.lead.name, at: '2026-11-27T01:20:00.000Z' },
        { done: true, note: '', by: f.lead.name, at: '2026-11-27T01:45:00.000Z' },
      ],
    });
    // Passed now: no third re-check.
    expect((await refusal(t, 'cleaning.recheck', { date: '2026-11-27', kind: 'opening', areaId: waiting, done: true, note: '' })).rule).toBe('staff.areaNotFailed');

    // A correction: the desk was ticked by mistake. The old result stays in the history.
    const rev = passed.checks[0]!.rev;
    expect(rev).not.toBe(first.rev);
    const items = [{ areaId: desk, done: false, note: '台面有灰' }, { areaId: waiting, done: false, note: '地毯待清洗' }];
    const kept = await before();
    await expectRefusals(t, 'cleaning.edit', [
      { why: 'a stale version', input: { date: '2026-11-27', kind: 'opening', rev: first.rev, items }, field: 'rev', code: 'conflict' },
      { why: 'nothing changed', input: { date: '2026-11-27', kind: 'opening', rev, items: [items[1], { areaId: desk, done: true, note: '' }] }, field: 'id' },
      { why: 'an area left out', input: { date: '2026-11-27', kind: 'opening', rev, items: [items[0]] }, field: 'items' },
      { why: 'an area neither ticked nor noted', input: { date: '2026-11-27', kind: 'opening', rev, items: [{ areaId: desk, done: false, note: '' }, items[1]] }, field: 'items' },
      { why: 'an area not in the check', input: { date: '2026-11-27', kind: 'opening', rev, items: [...items, { areaId: 'area-x', done: true, note: '' }] }, field: 'items.2.areaId' },
      { why: 'an area twice', input: { date: '2026-11-27', kind: 'opening', rev, items: [items[0], items[0]] }, field: 'items.1.areaId' },
      { why: 'no version', input: { date: '2026-11-27', kind: 'opening', rev: '', items }, field: 'rev' },
      { why: 'an unknown kind', input: { date: '2026-11-27', kind: 'weekly', rev, items }, field: 'kind' },
    ]);
    expect(await before()).toBe(kept);
    // Items in another order are the same check: only the desk changed.
    const edited = await t.api['cleaning.edit']({ date: '2026-11-27', kind: 'opening', rev, items: [items[1]!, items[0]!] });
    const c = edited.checks[0]!;
    expect(c.items.map((i) => [i.name, i.done, i.note, i.passed])).toEqual([
      ['导医台', false, '台面有灰', false],
      ['候诊区', false, '地毯待清洗', true],
    ]);
    expect(c.edits).toEqual([{ by: f.lead.name, at: '2026-11-27T01:45:00.000Z', changes: [{ field: 'items', from: '导医台 · ✓\n候诊区 · ✗ · 地毯待清洗', to: '导医台 · ✗ · 台面有灰\n候诊区 · ✗ · 地毯待清洗' }] }]);
    // The corrected desk is failed now, so it is re-checked in turn; the stored record carries who and when and passes head office's check.
    await t.api['cleaning.recheck']({ date: '2026-11-27', kind: 'opening', areaId: desk, done: true, note: '' });
    const [doc] = await docsOf(t, 'cleaning-check:');
    expect(doc).toMatchObject({ createdBy: f.lead.id, createdAt: '2026-11-27T00:40:00.000Z', updatedBy: f.lead.id, updatedAt: '2026-11-27T01:45:00.000Z' });
    expect(headOfficeVerdict(doc!)).toBeNull();
    // The refusals read Chinese at the desk.
    const { fromApiError } = await import('../../src-renderer/ui/errors');
    const { ApiError } = await import('../../shared/errors');
    expect(fromApiError(new ApiError(await refusal(t, 'cleaning.recheck', { date: '2026-11-27', kind: 'opening', areaId: desk, done: true, note: '' })), 'zh-CN', {}).fields.areaId).toBe('该区域检查合格，只有不合格的区域才复查');
    // A guide reads the day, and may neither correct nor re-check.
    await t.signIn(guide.id, GUIDE_PIN);
    const seen = await t.api['cleaning.day']({});
    expect(seen.checks[0]!.items.map((i) => i.rechecks.length)).toEqual([1, 2]);
    expect((await refusal(t, 'cleaning.edit', { date: '2026-11-27', kind: 'opening', rev: seen.checks[0]!.rev, items })).code).toBe('forbidden');
    expect((await refusal(t, 'cleaning.recheck', { date: '2026-11-27', kind: 'opening', areaId: desk, done: true, note: '' })).code).toBe('forbidden');
  });
});
