import { afterEach, describe, expect, it } from 'vitest';
import { headOfficeVerdict } from '../support/verdict';
import { expectRefusals, refusal, startTestApp, type TestApp } from '../support/app';
import { LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { GUIDE_PIN } from '../support/valid/staff';

let t: TestApp | undefined;
afterEach(async () => t?.close());

/** Every document of a type passes head office's validation (the storage's couchTypes). */
async function allValid(app: TestApp, prefix: string, count: number) {
  const docs = await app.app.store.db.allDocs({ include_docs: true, startkey: prefix, endkey: `${prefix}\ufff0` });
  expect(docs.rows.length, prefix).toBe(count);
  for (const r of docs.rows) expect(headOfficeVerdict(r.doc!), r.id).toBeNull();
}

describe('the away-from-post log (离岗) on a real store', () => {
  it('seed 003 「不得私自脫崗、10分鐘,須向部門負責人請示」: more than 10 minutes away is logged by a lead or herself; shorter, reversed, future or a colleague\'s refused by field', async () => {
    t = await startTestApp(); // Friday 27 Nov 2026, 10:00 in the clinic
    const f = await setUpClinic(t);
    const guide = await seedStaff(t, { role: 'guide', name: '王导医', pin: GUIDE_PIN });
    const logged = await t.api['away.log']({ staffId: guide.id, from: '2026-11-27T09:10:00+08:00', to: '2026-11-27T09:35:00+08:00', reason: '去银行' });
    expect(logged).toMatchObject({ name: '王导医', minutes: 25, loggedBy: f.lead.name, reason: '去银行' });
    await expectRefusals(t, 'away.log', [
      { why: '10 minutes is not logged', input: { staffId: guide.id, from: '2026-11-27T09:00:00+08:00', to: '2026-11-27T09:10:00+08:00', reason: '洗手间' }, field: 'to' },
      { why: 'ends before it starts', input: { staffId: guide.id, from: '2026-11-27T09:30:00+08:00', to: '2026-11-27T09:00:00+08:00', reason: '取快递' }, field: 'to' },
      { why: 'has not ended yet', input: { staffId: guide.id, from: '2026-11-27T09:30:00+08:00', to: '2026-11-27T11:00:00+08:00', reason: '取快递' }, field: 'to' },
      { why: 'no reason', input: { staffId: guide.id, from: '2026-11-27T09:10:00+08:00', to: '2026-11-27T09:35:00+08:00', reason: ' ' }, field: 'reason' },
      { why: 'oversized reason', input: { staffId: guide.id, from: '2026-11-27T09:10:00+08:00', to: '2026-11-27T09:35:00+08:00', reason: '长'.repeat(201) }, field: 'reason' },
      { why: 'nobody', input: { staffId: 'staff:BJ:nobody', from: '2026-11-27T09:10:00+08:00', to: '2026-11-27T09:35:00+08:00', reason: '去银行' }, field: 'staffId', code: 'not_found' },
      { why: 'a date, not an instant', input: { staffId: guide.id, from: '2026-11-27', to: '2026-11-27T09:35:00+08:00', reason: '去银行' }, field: 'from' },
      { why: 'an unknown field', input: { staffId: guide.id, from: '2026-11-27T09:10:00+08:00', to: '2026-11-27T09:35:00+08:00', reason: '去银行', minutes: 25 }, field: 'minutes' },
    ]);
    // The guide logs her own, not a colleague's, and sees only her own.
    await t.signIn(guide.id, GUIDE_PIN);
    await t.api['away.log']({ staffId: guide.id, from: '2026-11-27T08:20:00+08:00', to: '2026-11-27T08:45:00+08:00', reason: '送客人去停车场' });
    await expectRefusals(t, 'away.log', [{ why: 'a colleague\'s', input: { staffId: f.lead.id, from: '2026-11-27T08:20:00+08:00', to: '2026-11-27T08:45:00+08:00', reason: '开会' }, field: 'staffId', code: 'forbidden' }]);
    await t.signIn(f.lead.id, LEAD_PIN);
    await t.api['away.log']({ staffId: f.lead.id, from: '2026-11-26T14:00:00+08:00', to: '2026-11-26T15:00:00+08:00', reason: '总部开会' });
    await t.signIn(guide.id, GUIDE_PIN);
    expect((await t.api['away.list']({ from: '2026-11-26', to: '2026-11-27' })).map((a) => a.reason)).toEqual(['送客人去停车场', '去银行']);
    await t.signIn(f.lead.id, LEAD_PIN);
    expect((await t.api['away.list']({ from: '2026-11-26', to: '2026-11-27' })).map((a) => a.minutes)).toEqual([60, 25, 25]);
    await expectRefusals(t, 'away.list', [
      { why: 'reversed', input: { from: '2026-11-27', to: '2026-11-26' }, field: 'to' },
      { why: 'over a year', input: { from: '2025-01-01', to: '2026-11-27' }, field: 'to' },
    ]);
    await allValid(t, 'staff-away:', 3);
  });
});

describe('meetings (每周例会, 服务质量分析会)', () => {
  it('seed 003 「組織每周一次的小組例會,總結工作,提出工作中存在的問題」: actions carried forward until a later meeting follows them up as done', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const guide = await seedStaff(t, { role: 'guide', name: '王导医', pin: GUIDE_PIN });
    const first = await t.api['meeting.save']({
      kind: 'weekly',
      date: '2026-11-20',
      attendees: [f.lead.id, guide.id],
      issues: ['指示牌不醒目', '与皮肤科协作不畅'],
      actions: [
        { what: '更换指示牌', ownerId: guide.id, due: '2026-11-25' },
        { what: '与皮肤科主任沟通', ownerId: f.lead.id, due: '2026-11-27' },
      ],
      followUps: [],
    });
    expect(first.open.map((a) => [a.what, a.ownerName, a.meetingDate])).toEqual([
      ['更换指示牌', '王导医', '2026-11-20'],
      ['与皮肤科主任沟通', f.lead.name, '2026-11-20'],
    ]);
    const [sign, talk] = first.open;
    // The next week's meeting follows both up: one done, one still open with a note.
    const second = await t.api['meeting.save']({
      kind: 'weekly',
      date: '2026-11-27',
      attendees: [f.lead.id, guide.id],
      issues: [],
      actions: [],
      followUps: [
        { actionId: sign!.id, done: true, note: '已更换' },
        { actionId: talk!.id, done: false, note: '主任出差，下周再谈' },
      ],
    });
    expect(second.open.map((a) => [a.what, a.notes])).toEqual([['与皮肤科主任沟通', ['2026-11-27：主任出差，下周再谈']]]);
    expect(second.meetings.map((m) => m.date)).toEqual(['2026-11-27', '2026-11-20']);
    expect(second.meetings[0]!.followUps.map((x) => x.what)).toEqual(['更换指示牌', '与皮肤科主任沟通']);
    // A quality-analysis meeting has its own actions.
    expect((await t.api['meeting.list']({ kind: 'quality' })).open).toEqual([]);
    const base = { kind: 'weekly', date: '2026-11-27', attendees: [f.lead.id], issues: [], actions: [], followUps: [] };
    await expectRefusals(t, 'meeting.save', [
      { why: 'a closed action', input: { ...base, followUps: [{ actionId: sign!.id, done: true, note: '' }] }, field: 'followUps.0.actionId' },
      { why: 'another kind\'s action', input: { ...base, kind: 'quality', followUps: [{ actionId: talk!.id, done: true, note: '' }] }, field: 'followUps.0.actionId' },
      { why: 'an action followed up twice', input: { ...base, followUps: [{ actionId: talk!.id, done: false, note: '' }, { actionId: talk!.id, done: true, note: '' }] }, field: 'followUps.1' },
      { why: 'nobody came', input: { ...base, attendees: [] }, field: 'attendees' },
      { why: 'an attendee twice', input: { ...base, attendees: [f.lead.id, f.lead.id] }, field: 'attendees.1' },
      { why: 'an unknown attendee', input: { ...base, attendees: ['staff:BJ:nobody'] }, field: 'attendees.0', code: 'not_found' },
      { why: 'an unknown owner', input: { ...base, actions: [{ what: '整改', ownerId: 'staff:BJ:nobody', due: '2026-12-01' }] }, field: 'actions.0.ownerId', code: 'not_found' },
      { why: 'due before the meeting', input: { ...base, actions: [{ what: '整改', ownerId: guide.id, due: '2026-11-20' }] }, field: 'actions.0.due' },
      { why: 'a meeting not held yet', input: { ...base, date: '2026-11-28' }, field: 'date' },
      { why: 'an empty issue', input: { ...base, issues: [''] }, field: 'issues.0' },
      { why: 'an unknown kind', input: { ...base, kind: 'monthly' }, field: 'kind' },
      { why: 'wrong type', input: { ...base, attendees: f.lead.id }, field: 'attendees' },
    ]);
    // A guide reads the minutes, does not write them.
    await t.signIn(guide.id, GUIDE_PIN);
    expect((await t.api['meeting.list']({ kind: 'weekly' })).meetings).toHaveLength(2);
    const e = await refusal(t, 'meeting.save', base);
    expect(e.code).toBe('forbidden');
    await allValid(t, 'staff-meeting:', 2);
  });
});

describe('training and tests (培训与考核)', () => {
  it('seed 000 「負責監督服務質量,定期組織培訓和考核」: a session with its trainer, attendees and scores, passed against the pass mark', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const guide = await seedStaff(t, { role: 'guide', name: '王导医', pin: GUIDE_PIN });
    const saved = await t.api['training.save']({ date: '2026-11-26', topic: '接待礼仪', trainer: '总部 陈老师', passMark: 80, attendees: [{ staffId: guide.id, score: 92 }, { staffId: f.consultant.id, score: 70 }, { staffId: f.lead.id, score: null }] });
    expect(saved.attendees.map((a) => [a.name, a.score, a.passed])).toEqual([
      ['王导医', 92, true],
      ['李咨询', 70, false],
      [f.lead.name, null, null],
    ]);
    const base = { date: '2026-11-26', topic: '接待礼仪', trainer: '陈老师', passMark: null, attendees: [{ staffId: guide.id, score: null }] };
    await expectRefusals(t, 'training.save', [
      { why: 'no topic', input: { ...base, topic: '' }, field: 'topic' },
      { why: 'a score over 100', input: { ...base, attendees: [{ staffId: guide.id, score: 101 }] }, field: 'attendees.0.score' },
      { why: 'a score as text', input: { ...base, attendees: [{ staffId: guide.id, score: '90' }] }, field: 'attendees.0.score' },
      { why: 'nobody came', input: { ...base, attendees: [] }, field: 'attendees' },
      { why: 'twice', input: { ...base, attendees: [{ staffId: guide.id, score: 1 }, { staffId: guide.id, score: 2 }] }, field: 'attendees.1' },
      { why: 'an unknown person', input: { ...base, attendees: [{ staffId: 'staff:BJ:nobody', score: 1 }] }, field: 'attendees.0.staffId', code: 'not_found' },
      { why: 'in the future', input: { ...base, date: '2026-12-01' }, field: 'date' },
      { why: 'an unknown field', input: { ...base, room: '3楼' }, field: 'room' },
    ]);
    expect((await t.api['training.list']({ from: '2026-11-01', to: '2026-11-30' })).map((x) => x.topic)).toEqual(['接待礼仪']);
    await allValid(t, 'training:', 1);

    // The staff file gathers her training, her meetings and actions, her time away.
    await t.api['meeting.save']({ kind: 'quality', date: '2026-11-25', attendees: [f.lead.id], issues: ['候诊时间长'], actions: [{ what: '优化分诊', ownerId: f.consultant.id, due: '2026-12-05' }], followUps: [] });
    await t.api['away.log']({ staffId: f.consultant.id, from: '2026-11-27T09:00:00+08:00', to: '2026-11-27T09:30:00+08:00', reason: '接孩子' });
    const file = await t.api['staffFile.get']({ staffId: f.consultant.id, from: '2026-11-01', to: '2026-11-27' });
    expect({ training: file.training, meetings: file.meetings, away: file.away }).toEqual({
      training: [{ date: '2026-11-26', topic: '接待礼仪', score: 70, passed: false }],
      meetings: [{ date: '2026-11-25', kind: 'quality', attended: false, actions: [{ what: '优化分诊', due: '2026-12-05' }] }],
      away: [{ from: '2026-11-27T01:00:00.000Z', to: '2026-11-27T01:30:00.000Z', minutes: 30, reason: '接孩子' }],
    });
    expect((await t.api['staffFile.get']({ staffId: guide.id, from: '2026-11-01', to: '2026-11-25' })).training).toEqual([]);
  });
});

describe('shift types as versioned settings; 人员调班 for the handover log', () => {
  it('a clinic\'s save of other shift types is a new version of its own; the day\'s changes after publishing are read for the handover', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const s = await t.api['rota.settings']({});
    expect({ v: s.shiftTypesVersion, ho: s.shiftTypesByHeadOffice }).toEqual({ v: 0, ho: true });
    const { fromHeadOffice: _h, updatedAt: _a, updatedBy: _b, shiftTypesVersion: _v, shiftTypesByHeadOffice: _o, ...save } = s;
    const fines = await t.api['rota.saveSettings']({ ...save, lateFineYuan: 20 });
    expect({ v: fines.shiftTypesVersion, ho: fines.shiftTypesByHeadOffice }).toEqual({ v: 0, ho: false });
    const night = { code: 'N', name: '夜班', summer: { from: '20:00', to: '09:00', breaks: [] }, winter: null };
    const more = await t.api['rota.saveSettings']({ ...save, shiftTypes: [...save.shiftTypes, night] });
    expect(more.shiftTypesVersion).toBe(1);
    // 「班次記好,不允許遲到早退」: overlapping breaks named by their field, as a rule the desk reads.
    const e = await refusal(t, 'rota.saveSettings', { ...save, shiftTypes: [{ ...night, summer: { from: '20:00', to: '09:00', breaks: [{ from: '22:00', to: '23:00' }, { from: '22:30', to: '23:30' }] } }] });
    expect({ field: e.field, rule: e.rule, params: e.params }).toEqual({ field: 'shiftTypes.0.summer.breaks.1', rule: 'staff.shiftTypeBad', params: { problem: 'breaksOverlap' } });

    // Monday 30 Nov published, then a change: the handover log of that day offers it.
    for (const [i, code] of ['A', 'A', 'B', 'REST', 'C', 'A', 'B'].entries()) await t.api['rota.set']({ date: i === 0 ? '2026-11-30' : `2026-12-0${i}`, staffId: f.consultant.id, code });
    const week = await t.api['rota.week']({ weekStart: '2026-11-30' });
    for (const p of new Set(week.problems.map((x) => x.staffId))) for (const d of week.dates) await t.api['rota.set']({ date: d, staffId: p, code: d === '2026-12-03' ? 'REST' : 'OFF' });
    await t.api['rota.publish']({ weekStart: '2026-11-30' });
    await t.api['rota.set']({ date: '2026-12-01', staffId: f.consultant.id, code: 'C', reason: '与王芳调班' });
    expect(await t.api['rota.changes']({ from: '2026-12-01', to: '2026-12-01' })).toMatchObject([{ date: '2026-12-01', name: '李咨询', fromCode: 'A', toCode: 'C', reason: '与王芳调班', by: f.lead.name }]);
    expect(await t.api['rota.changes']({ from: '2026-12-02', to: '2026-12-02' })).toEqual([]);
    await expectRefusals(t, 'rota.changes', [{ why: 'reversed', input: { from: '2026-12-02', to: '2026-12-01' }, field: 'to' }]);
    // Head office's roll-out is head office's: a clinic desk is refused.
    expect((await refusal(t, 'rota.rollOutShiftTypes', { shiftTypes: save.shiftTypes, targets: ['BJ'] })).code).toBe('forbidden');
  });
});

describe('the cleaning rota (卫生值日表)', () => {
  it('seed 003 「在每天上午8:50之前做好責任區域內的衛生清潔,交由主管檢查」「每周六進行集體掃除」: who cleans which area today; the lead ticks every area; Saturday\'s cleaning only on Saturdays', async () => {
    t = await startTestApp({ now: new Date('2026-11-27T00:40:00Z') }); // Friday 08:40 in the clinic
    const f = await setUpClinic(t);
    const guide = await seedStaff(t, { role: 'guide', name: '王导医', pin: GUIDE_PIN });
    await expectRefusals(t, 'cleaning.check', [{ why: 'no rota yet', input: { date: '2026-11-27', kind: 'opening', items: [] }, field: 'date' }]);
    const week = (id: string | null) => [id, id, id, id, id, id, null];
    const plan = await t.api['cleaning.savePlan']({ areas: [{ id: null, name: '导医台', byWeekday: week(guide.id) }, { id: null, name: '候诊区', byWeekday: [f.lead.id, null, null, null, guide.id, f.lead.id, null] }] });
    const [desk, waiting] = plan.areas.map((a) => a.id);
    const day = await t.api['cleaning.day']({});
    expect(day).toMatchObject({ date: '2026-11-27', dueAt: '2026-11-27T00:50:00.000Z', saturday: false, checks: [] });
    expect(day.duty.map((d) => [d.name, d.staffName])).toEqual([
      ['导医台', '王导医'],
      ['候诊区', '王导医'],
    ]);
    await expectRefusals(t, 'cleaning.check', [
      { why: 'an area neither ticked nor noted', input: { date: '2026-11-27', kind: 'opening', items: [{ areaId: desk, done: true, note: '' }, { areaId: waiting, done: false, note: ' ' }] }, field: 'items' },
      { why: 'an unknown area', input: { date: '2026-11-27', kind: 'opening', items: [{ areaId: 'area-x', done: true, note: '' }] }, field: 'items.0.areaId' },
      { why: 'an area twice', input: { date: '2026-11-27', kind: 'opening', items: [{ areaId: desk, done: true, note: '' }, { areaId: desk, done: true, note: '' }] }, field: 'items.1.areaId' },
      { why: 'Saturday\'s cleaning on a Friday', input: { date: '2026-11-27', kind: 'saturday', items: [{ areaId: desk, done: true, note: '' }, { areaId: waiting, done: true, note: '' }] }, field: 'kind' },
      { why: 'another day', input: { date: '2026-11-26', kind: 'opening', items: [] }, field: 'date' },
      { why: 'an unknown kind', input: { date: '2026-11-27', kind: 'weekly', items: [] }, field: 'kind' },
    ]);
    const checked = await t.api['cleaning.check']({ date: '2026-11-27', kind: 'opening', items: [{ areaId: desk!, done: true, note: '' }, { areaId: waiting!, done: false, note: '地毯待清洗' }] });
    expect(checked.checks).toEqual([
      {
        kind: 'opening',
        checkedBy: f.lead.name,
        checkedAt: '2026-11-27T00:40:00.000Z',
        afterDeadline: false,
        items: [
          { areaId: desk, name: '导医台', done: true, note: '', rechecks: [], passed: true },
          { areaId: waiting, name: '候诊区', done: false, note: '地毯待清洗', rechecks: [], passed: false },
        ],
        rev: expect.stringMatching(/^1-/),
        edits: [],
      },
    ]);
    await expectRefusals(t, 'cleaning.check', [{ why: 'twice', input: { date: '2026-11-27', kind: 'opening', items: [{ areaId: desk, done: true, note: '' }, { areaId: waiting, done: true, note: '' }] }, field: 'kind', code: 'conflict' }]);
    // Saturday at 09:00: the collective cleaning, and a before-opening check after 8:50.
    t.clock.now = new Date('2026-11-28T01:00:00Z');
    await t.signIn(f.lead.id, LEAD_PIN); // a new day's session
    const items = [{ areaId: desk!, done: true, note: '' }, { areaId: waiting!, done: true, note: '' }];
    await t.api['cleaning.check']({ date: '2026-11-28', kind: 'saturday', items });
    const sat = await t.api['cleaning.check']({ date: '2026-11-28', kind: 'opening', items });
    expect(sat.saturday).toBe(true);
    expect(sat.duty.map((d) => d.staffName)).toEqual(['王导医', f.lead.name]);
    expect(sat.checks.map((c) => [c.kind, c.afterDeadline])).toEqual([['opening', true], ['saturday', false]]);
    // The plan keeps the areas' ids; a guide may read, not plan.
    await expectRefusals(t, 'cleaning.savePlan', [
      { why: 'an unknown id', input: { areas: [{ id: 'area-x', name: '导医台', byWeekday: week(null) }] }, field: 'areas.0.id' },
      { why: 'a name twice', input: { areas: [{ id: null, name: '导医台', byWeekday: week(null) }, { id: null, name: '导医台', byWeekday: week(null) }] }, field: 'areas.1.name' },
      { why: 'six days', input: { areas: [{ id: null, name: '导医台', byWeekday: [null, null, null, null, null, null] }] }, field: 'areas.0.byWeekday' },
      { why: 'nobody', input: { areas: [{ id: null, name: '导医台', byWeekday: ['staff:BJ:nobody', null, null, null, null, null, null] }] }, field: 'areas.0.byWeekday.0', code: 'not_found' },
    ]);
    await t.signIn(guide.id, GUIDE_PIN);
    expect((await t.api['cleaning.plan']({})).areas.map((a) => a.name)).toEqual(['导医台', '候诊区']);
    expect((await refusal(t, 'cleaning.savePlan', { areas: [] })).code).toBe('forbidden');
    await allValid(t, 'cleaning-', 4);
  });
});

describe('the first round\'s refusals (rota, leave, sign-in, fines) keyed by rule', () => {
  it('each names its field and rule, reads Chinese at the desk, and writes nothing', async () => {
    t = await startTestApp(); // Friday 27 Nov 2026, 10:00 in the clinic
    const f = await setUpClinic(t);
    const guide = await seedStaff(t, { role: 'guide', name: '王导医', pin: GUIDE_PIN });
    const cases = [
      // seed 003: 嚴禁他人代簽 — another's PIN is refused.
      ['attendance.sign', { staffId: guide.id, pin: LEAD_PIN, kind: 'in' }, 'pin', 'staff.notOwnPin', '不是王导医本人的 PIN（签到只能用本人 PIN，严禁代签）'],
      ['attendance.sign', { staffId: guide.id, pin: GUIDE_PIN, kind: 'out' }, 'kind', 'staff.notSignedIn', '王导医还没有签到'],
      ['rota.set', { date: '2026-11-26', staffId: guide.id, code: 'A' }, 'date', 'staff.pastDay', '2026-11-26已过去，当天的排班保持原样'],
      ['rota.set', { date: '2026-11-30', staffId: guide.id, code: 'Z' }, 'code', 'staff.unknownShift', '本院没有班次「Z」'],
      // seed 003: 事假須提前24小時.
      ['leave.request', { staffId: guide.id, kind: 'personal', from: '2026-11-28T00:00:00Z', to: '2026-11-28T10:00:00Z', reason: '家事', emergency: false }, 'from', 'staff.leaveNotice', '事假须提前 24 小时申请，或标为紧急情况'],
      ['leave.request', { staffId: guide.id, kind: 'sick', from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z', reason: '', emergency: false }, 'to', 'staff.leaveReversed', '请假结束时间早于开始时间'],
      ['rota.publish', { weekStart: '2026-12-07' }, 'weekStart', 'staff.emptyWeek', '这一周还没有排班'],
      ['attendance.decideFine', { date: '2026-11-27', staffId: f.lead.id, kind: 'late', confirm: true, amountYuan: null, note: '' }, 'staffId', 'staff.ownFineDecision', '不能处理自己的罚款'],
    ] as const;
    const { fromApiError } = await import('../../src-renderer/ui/errors');
    const { ApiError } = await import('../../shared/errors');
    for (const [op, input, field, rule, zh] of cases) {
      const e = await refusal(t, op, input);
      expect({ field: e.field, rule: e.rule }, op).toEqual({ field, rule });
      expect(fromApiError(new ApiError(e), 'zh-CN', {}).fields[field], op).toBe(zh);
    }
  });
});
