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
    await t.signIn(guide.id, GUIDE_PIN);
    expect((await refusal(t, 'training.edit', { ...base, rev: e.rev, passMark: 70 })).code).toBe('forbidden');
  });
});
