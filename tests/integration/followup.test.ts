import { afterEach, describe, expect, it } from 'vitest';
import { followupTaskDoc } from '../../shared/followup/schemas';
import { deriveVisitTasks, withdrawalReads, withdrawnVisitTasks } from '../../src-main/followup/repo';
import { defaultPlans } from '../../shared/followup/rules';
import type { FollowupTaskDoc } from '../../shared/followup/schemas';
import { headOfficeVerdict } from '../support/verdict';

import { expectRefusals, startTestApp, type TestApp } from '../support/app';
import { firstVisit, LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';

let a: TestApp | undefined;
let b: TestApp | undefined;
afterEach(async () => {
  await a?.close();
  await b?.close();
});

describe('follow-up tasks derived from visits on a real store', () => {
  it('a visitor who left with an outcome gets her tasks; still in the clinic, none; two desks write the identical revision', async () => {
    a = await startTestApp();
    await setUpClinic(a);
    const left = await a.api['desk.checkIn'](firstVisit({ name: '张晓梅' }));
    const staying = await a.api['desk.checkIn'](firstVisit({ name: '李娜' }));
    a.clock.advance(45);
    await a.api['visits.setStatus']({ visitId: left.id, status: 'left', outcome: 'surgical', note: '' });
    const db = a.app.store.db;

    // The next day: the visit of 2026-11-27 is in the window.
    const tasks = await deriveVisitTasks(db, 'BJ', '2026-11-28');
    expect(tasks.map((t) => t.planId).sort()).toEqual(['nextDaySurvey', 'postRecovery', 'postSurgery', 'service7d']);
    expect(tasks.every((t) => t.visitId === left.id && t.customerName === '张晓梅')).toBe(true);
    expect(tasks.find((t) => t.planId === 'service7d')).toMatchObject({ dueDate: '2026-11-28', lastDate: '2026-12-04', createdBy: 'system', createdAt: '2026-11-27T02:45:00.000Z' });
    expect(tasks.some((t) => t.visitId === staying.id)).toBe(false);
    const stored = await db.allDocs({ startkey: 'followup-task:BJ:', endkey: 'followup-task:BJ:\ufff0', include_docs: true });
    expect(stored.rows).toHaveLength(4);
    for (const r of stored.rows) {
      expect(followupTaskDoc.safeParse(r.doc).success).toBe(true);
      expect(headOfficeVerdict(r.doc!)).toBeNull();
    }
    const revs = Object.fromEntries(stored.rows.map((r) => [r.id, r.value.rev]));

    // Derived again: nothing new written.
    const seq = (await db.info()).update_seq;
    await deriveVisitTasks(db, 'BJ', '2026-11-28');
    expect((await db.info()).update_seq).toBe(seq);

    // A second desk with the same visits (replicated, before any task) derives the same ids and revisions.
    b = await startTestApp();
    await db.replicate.to(b.app.store.db, { filter: (doc: { _id: string }) => doc._id.startsWith('visit') });
    await deriveVisitTasks(b.app.store.db, 'BJ', '2026-11-28');
    const other = await b.app.store.db.allDocs({ startkey: 'followup-task:BJ:', endkey: 'followup-task:BJ:\ufff0' });
    expect(Object.fromEntries(other.rows.map((r) => [r.id, r.value.rev]))).toEqual(revs);

    // After the window closes (the longest plan's last day has passed) the visit is not read any more.
    expect(await deriveVisitTasks(db, 'BJ', '2027-02-01')).toEqual([]);
  });
});

describe('the call list, taking a task and a call, through the dispatcher', () => {
  it('the next day the visitor is on the list; a call with ratings closes the task; bad input and the wrong role are refused, nothing written', async () => {
    a = await startTestApp();
    const f = await setUpClinic(a);
    const v = await a.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13812345678' }));
    await a.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'nonSurgical', note: '' });
    expect(await a.api['followup.list']({})).toEqual([]);

    a.clock.advance(24 * 60); // the next day (a new day's sign-in)
    await a.signIn(f.lead.id, LEAD_PIN);
    const list = await a.api['followup.list']({});
    expect(list.map((r) => r.planId).sort()).toEqual(['nextDaySurvey', 'service7d']);
    expect(list[0]).toMatchObject({ customerName: '张晓梅', phone: '138****5678', dial: '13812345678', state: 'open', overdue: false });
    const task = list.find((r) => r.planId === 'service7d')!;

    const taken = await a.api['followup.take']({ taskId: task.id });
    expect(taken).toMatchObject({ takenBy: f.lead.id, takenByName: '王主任', contested: false });

    // Refusals: each names its field and writes nothing.
    await expectRefusals(a, 'followup.attempt', [
      { why: 'a rating outside the four levels', input: { taskId: task.id, result: 'reached', ratings: { attitude: 'excellent', skill: 'satisfied', punctuality: 'satisfied', promises: 'satisfied' } }, field: 'ratings.attitude' },
      { why: 'reached without the survey', input: { taskId: task.id, result: 'reached' }, field: 'ratings' },
      { why: 'an unknown task', input: { taskId: 'followup-task:BJ:service7d:2026-11-27:nope', result: 'noAnswer' }, field: 'taskId', code: 'not_found' },
      { why: 'a reschedule in the past', input: { taskId: task.id, result: 'reschedule', rescheduleAt: '2026-11-01T00:00:00.000Z' }, field: 'rescheduleAt' },
    ]);

    const noAnswer = await a.api['followup.attempt']({ taskId: task.id, result: 'noAnswer' });
    expect(noAnswer).toMatchObject({ state: 'open', attempts: 1, nextAt: '2026-11-28T06:00:00.000Z' });
    a.clock.advance(4 * 60);
    const reached = await a.api['followup.attempt']({ taskId: task.id, result: 'reached', ratings: { attitude: 'verySatisfied', skill: 'satisfied', punctuality: 'fair', promises: 'satisfied' }, feedback: 'suggestion', comments: '候诊时间有点长' });
    expect(reached).toMatchObject({ state: 'reached', attempts: 2, nextAt: null, dial: null });
    expect((await a.api['followup.list']({})).map((r) => r.planId)).toEqual(['nextDaySurvey']);
    const events = await a.app.store.db.allDocs({ startkey: 'followup-event:BJ:', endkey: 'followup-event:BJ:\ufff0', include_docs: true });
    expect(events.rows.map((r) => (r.doc as { kind?: string }).kind)).toEqual(['take', 'attempt', 'attempt']);
    for (const r of events.rows) expect(headOfficeVerdict(r.doc!)).toBeNull();
    await expectRefusals(a, 'followup.attempt', [{ why: 'an attempt on a closed task', input: { taskId: task.id, result: 'noAnswer' }, field: 'taskId', code: 'conflict' }]);

    // The week's figures (Saturday 11-28 to Friday 12-04): 3 of 4 answers 满意 or better, 75 % < 90 %.
    const week = await a.api['followup.figures']({ date: '2026-11-30', period: 'week' });
    expect(week).toMatchObject({ from: '2026-11-28', to: '2026-12-04', due: 2, reached: 1, successRate: 0.5, overdue: 0 });
    expect(week.total).toMatchObject({ answers: 4, satisfied: 3, share: 0.75, met: false });
    expect(week.byDepartment).toHaveLength(1);
    expect(week.byQuestion.find((q) => q.question === 'punctuality')).toMatchObject({ fair: 1, satisfied: 0 });
    expect(week.comments).toMatchObject([{ customerName: '张晓梅', feedback: 'suggestion', comments: '候诊时间有点长' }]);
    const month = await a.api['followup.figures']({ date: '2026-11-30', period: 'month' });
    expect(month).toMatchObject({ from: '2026-11-01', to: '2026-11-30', due: 2 });

    // Each figure opens the tasks it counts (回访 → 统计): as many records as the figure says.
    const records = (figure: 'due' | 'reached' | 'overdue' | 'answered', group: { kind: 'department' | 'consultant' | 'doctor'; key: string } | null = null) =>
      a!.api['followup.records']({ date: '2026-11-30', period: 'week', figure, group });
    expect((await records('due')).map((r) => r.planId).sort()).toEqual(['nextDaySurvey', 'service7d']);
    expect(await records('reached')).toMatchObject([{ id: task.id, customerName: '张晓梅', state: 'reached', satisfied: 3, feedback: 'suggestion' }]);
    expect(await records('answered')).toHaveLength(week.total.answers / 4);
    expect(await records('overdue')).toHaveLength(week.overdue);
    const dept = week.byDepartment[0]!;
    expect(await records('answered', { kind: 'department', key: dept.key })).toHaveLength(dept.answers / 4);
    expect(await records('due', { kind: 'department', key: 'dental' })).toEqual([]);
    expect(await records('answered', { kind: 'consultant', key: week.byConsultant[0]!.key })).toHaveLength(1);
    await expectRefusals(a, 'followup.records', [
      { why: 'an unknown figure', input: { date: '2026-11-30', period: 'week', figure: 'satisfied' }, field: 'figure' },
      { why: 'an unknown group kind', input: { date: '2026-11-30', period: 'week', figure: 'due', group: { kind: 'clinic', key: 'BJ' } }, field: 'group.kind' },
      { why: 'an oversized group key', input: { date: '2026-11-30', period: 'week', figure: 'due', group: { kind: 'doctor', key: 'x'.repeat(81) } }, field: 'group.key' },
      { why: 'a day that is not a date', input: { date: '30/11/2026', period: 'week', figure: 'due' }, field: 'date' },
    ]);

    // A guide may not call: refused naming the role.
    const guide = await seedStaff(a, { role: 'guide', name: '小林', pin: '2468' });
    await a.signIn(guide.id, '2468');
    await expectRefusals(a, 'followup.list', [{ why: 'a guide does not call', input: {}, field: 'role', code: 'forbidden' }]);
    await expectRefusals(a, 'followup.records', [{ why: 'a guide sees no follow-up figures', input: { date: '2026-11-30', period: 'week', figure: 'due' }, field: 'role', code: 'forbidden' }]);
    // A 回访专员 sees the full number on her list; another caller's taken task shows no number.
    const caller = await seedStaff(a, { role: 'followupCaller', name: '周回访', pin: '1357' });
    await a.signIn(caller.id, '1357');
    const hers = await a.api['followup.list']({});
    expect(hers).toHaveLength(1);
    expect(hers[0]).toMatchObject({ phone: '138****5678', dial: '13812345678' });
  });
});

describe('a complaint from a call (feedback 投诉)', () => {
  it('opens the complaint intake with channel 回访反馈; the complaint keeps the task id, the task shows the complaint number; refused unless the call was a 投诉, only once, nothing written', async () => {
    a = await startTestApp();
    await setUpClinic(a);
    const director = await seedStaff(a, { role: 'csDirector', name: '赵主任', pin: '1357' });
    await a.signIn(director.id, '1357');
    await a.api['complaint.setNumberingDesk']({});
    const v = await a.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13812345678' }));
    await a.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'nonSurgical', note: '' });
    a.clock.advance(24 * 60);
    await a.signIn(director.id, '1357');
    const [first, second] = await a.api['followup.list']({});
    const poor = { attitude: 'poor', skill: 'fair', punctuality: 'fair', promises: 'poor' } as const;
    await a.api['followup.attempt']({ taskId: first!.id, result: 'reached', ratings: poor, feedback: 'complaint', comments: '术后肿胀没人管' });
    await a.api['followup.attempt']({ taskId: second!.id, result: 'reached', ratings: poor, feedback: 'opinion', comments: '' });

    // Refusals, each naming its field, nothing written.
    await expectRefusals(a, 'followup.complaint', [
      { why: 'a call whose feedback was not 投诉', input: { taskId: second!.id, what: '态度差' }, field: 'taskId', code: 'conflict' },
      { why: 'an unknown task', input: { taskId: 'followup-task:BJ:service7d:2026-11-27:nope', what: '态度差' }, field: 'taskId', code: 'not_found' },
      { why: 'no complaint text', input: { taskId: first!.id, what: '' }, field: 'what' },
      { why: 'a complaint text of the wrong type', input: { taskId: first!.id, what: 3 }, field: 'what' },
      { why: 'an oversized complaint text', input: { taskId: first!.id, what: '长'.repeat(2001) }, field: 'what' },
      { why: 'an unknown field', input: { taskId: first!.id, what: '态度差', channel: 'phone' }, field: 'channel' },
    ]);

    const task = await a.api['followup.complaint']({ taskId: first!.id, what: '术后肿胀，打电话没人回', wants: '院方说明' });
    expect(task.complaintId).toMatch(/^complaint:BJ:2026-11-28:/);
    expect(task.complaintNumber).toBeNull(); // 待编号 until accepted
    const complaint = await a.api['complaint.get']({ id: task.complaintId! });
    // The case links back to the call that opened it (its view carries the task's id).
    expect(complaint).toMatchObject({ channel: 'followUp', patientName: '张晓梅', what: '术后肿胀，打电话没人回', wants: '院方说明', followupTaskId: first!.id });
    expect(await a.app.store.db.get(task.complaintId!)).toMatchObject({ followupTaskId: first!.id, customerId: v.customerId });
    const events = await a.app.store.db.allDocs({ startkey: 'followup-event:BJ:', endkey: 'followup-event:BJ:\ufff0', include_docs: true });
    for (const r of events.rows) expect(headOfficeVerdict(r.doc!)).toBeNull();
    expect(headOfficeVerdict(await a.app.store.db.get(task.complaintId!))).toBeNull();

    // Accepted at the numbering desk: the task shows the number.
    await a.api['complaint.step']({ id: task.complaintId!, step: { kind: 'accept', note: '' }, attachments: [] });
    const number = (await a.api['complaint.get']({ id: task.complaintId! })).number;
    expect(number).toBe('BJ20261101');
    expect(await a.api['followup.task']({ taskId: first!.id })).toMatchObject({ state: 'reached', complaintId: task.complaintId, complaintNumber: 'BJ20261101' });
    await expectRefusals(a, 'followup.complaint', [{ why: 'a second complaint from the same call', input: { taskId: first!.id, what: '再投诉' }, field: 'taskId', code: 'conflict' }]);
    await expectRefusals(a, 'followup.task', [{ why: 'an unknown task', input: { taskId: 'followup-task:BJ:service7d:2026-11-27:nope' }, field: 'taskId', code: 'not_found' }]);
  });
});

describe('a 离院 undone by a lead (visits.reopen) withdraws the tasks it made (issue 21)', () => {
  it('they leave the list and the figures and cannot be taken; the documents stay', async () => {
    a = await startTestApp();
    const f = await setUpClinic(a);
    const v = await a.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13812345678' }));
    await a.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'nonSurgical', note: '' });
    // Reading the list derives her tasks and writes them (due from tomorrow).
    expect(await a.api['followup.list']({})).toEqual([]);
    const stored = async () =>
      (await a!.app.store.db.allDocs<{ visitId: string | null }>({ startkey: 'followup-task:BJ:', endkey: 'followup-task:BJ:\ufff0', include_docs: true })).rows
        .filter((r) => r.doc?.visitId === v.id)
        .map((r) => r.id)
        .sort();
    const ids = await stored();
    expect(ids.length).toBeGreaterThan(1);

    // She had not left: the lead undoes the 离院.
    a.clock.advance(5);
    await a.api['visits.reopen']({ visitId: v.id, reason: '点错了离院，她还在候诊' });

    a.clock.advance(24 * 60);
    await a.signIn(f.lead.id, LEAD_PIN);
    expect(await a.api['followup.list']({})).toEqual([]);
    const figures = await a.api['followup.figures']({ date: '2026-11-28', period: 'month' });
    expect({ due: figures.due, overdue: figures.overdue }).toEqual({ due: 0, overdue: 0 });
    const seq = (await a.app.store.db.info()).update_seq;
    const e = await a.api['followup.take']({ taskId: ids[0]! }).catch((err: unknown) => err as { code: string; field: string; rule?: string });
    expect(e).toMatchObject({ code: 'conflict', field: 'taskId', rule: 'followup.taskWithdrawn' });
    expect((await a.app.store.db.info()).update_seq).toBe(seq);
    // The documents stay (written once, never deleted): withdrawn, not erased.
    expect(await stored()).toEqual(ids);
  });

  it('a visitor who leaves again with the same outcome has her tasks again', async () => {
    a = await startTestApp();
    const f = await setUpClinic(a);
    const v = await a.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13812345678' }));
    await a.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'nonSurgical', note: '' });
    expect(await a.api['followup.list']({})).toEqual([]);
    a.clock.advance(5);
    await a.api['visits.reopen']({ visitId: v.id, reason: '还在候诊' });
    a.clock.advance(30);
    await a.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'nonSurgical', note: '' });
    a.clock.advance(24 * 60);
    await a.signIn(f.lead.id, LEAD_PIN);
    const list = await a.api['followup.list']({});
    expect(list.map((r) => r.planId).sort()).toEqual(['nextDaySurvey', 'service7d']);
    expect(await a.api['followup.take']({ taskId: list[0]!.id })).toMatchObject({ takenBy: f.lead.id });
  });

  // Seed 000: 「所有完成服务的客户应在服务后的7天内进行回访」 — the 7-day call is owed to a 手术消费 and a
  // 非手术消费 alike, and seed 001's next-day survey to every category: a corrected outcome keeps them.
  it('a visitor who leaves again with another outcome: the new outcome’s tasks are made, the old one’s withdrawn, a task both outcomes call kept', async () => {
    a = await startTestApp();
    const f = await setUpClinic(a);
    const v = await a.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13812345678' }));
    await a.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'surgical', note: '' });
    expect(await a.api['followup.list']({})).toEqual([]); // writes the 手术消费 tasks (due from tomorrow)
    const tail = v.id.split(':').slice(2).join(':');
    const id = (plan: string) => `followup-task:BJ:${plan}:${tail}`;
    a.clock.advance(5);
    await a.api['visits.reopen']({ visitId: v.id, reason: '消费类型登记错了' });
    a.clock.advance(30);
    await a.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'nonSurgical', note: '' });

    a.clock.advance(24 * 60);
    await a.signIn(f.lead.id, LEAD_PIN);
    const list = await a.api['followup.list']({});
    expect(list.map((r) => [r.planId, r.outcome])).toEqual([
      ['nextDaySurvey', 'nonSurgical'],
      ['service7d', 'nonSurgical'],
    ]);
    // The new outcome's own task (非手术疗程后, due in 14 days) is written.
    const stored = await a.app.store.db.allDocs({ keys: ['postCourse', 'postSurgery', 'postRecovery', 'service7d', 'nextDaySurvey'].map(id) });
    expect(stored.rows.every((r) => 'value' in r && r.value && !r.value.deleted)).toBe(true);
    // The tasks both outcomes call stand: they count in the figures and are taken.
    const figures = await a.api['followup.figures']({ date: '2026-11-28', period: 'month' });
    expect(figures.due).toBe(2);
    // Head office's plans pulled in (as from reference) where the 7-day call is for 手术消费 only: her
    // 7-day call (written for 手术消费) no longer stands, and the kept figures follow the plans.
    const at = '2026-11-28T01:00:00.000Z';
    const plans = defaultPlans.map((p) => (p.id === 'service7d' ? { ...p, outcomes: ['surgical' as const] } : p));
    await a.app.store.db.put({ _id: 'followup-plans', type: 'followup-plans', schemaVersion: 1, clinic: '*', createdAt: at, createdBy: 'staff:HO:director', updatedAt: at, updatedBy: 'staff:HO:director', version: 1, plans });
    expect((await a.api['followup.plans']({})).version).toBe(1);
    expect((await a.api['followup.figures']({ date: '2026-11-28', period: 'month' })).due).toBe(1);
    const refused = await a.api['followup.take']({ taskId: id('service7d') }).catch((err: unknown) => err as { rule?: string });
    expect(refused).toMatchObject({ rule: 'followup.taskWithdrawn' });
    // Back to the shipped plans: it stands again.
    await a.app.store.db.put({ ...(await a.app.store.db.get('followup-plans')), version: 2, plans: defaultPlans });
    expect((await a.api['followup.figures']({ date: '2026-11-28', period: 'month' })).due).toBe(2);
    expect(await a.api['followup.take']({ taskId: id('service7d') })).toMatchObject({ takenBy: f.lead.id });
    expect(await a.api['followup.take']({ taskId: id('postCourse') })).toMatchObject({ takenBy: f.lead.id });
    // The 手术消费 ones are withdrawn: refused, nothing written.
    for (const plan of ['postSurgery', 'postRecovery']) {
      const seq = (await a.app.store.db.info()).update_seq;
      const e = await a.api['followup.take']({ taskId: id(plan) }).catch((err: unknown) => err as { code: string; field: string; rule?: string });
      expect(e, plan).toMatchObject({ code: 'conflict', field: 'taskId', rule: 'followup.taskWithdrawn' });
      expect((await a.app.store.db.info()).update_seq).toBe(seq);
    }
  });
});

describe('a task that stands when its visit’s outcome is changed follows the new outcome (issue 21)', () => {
  // Task documents are written once (head office refuses an edit); the calls made on one stay its
  // own. So the task is kept, and every reader takes its visit's outcome and doctor as they are now.
  it('the task, the figures’ doctor and the records follow the corrected visit; the call on it kept; the document unchanged', async () => {
    a = await startTestApp();
    const f = await setUpClinic(a);
    const doctor = await a.api['staff.add']({ name: '刘医生', sex: 'M', role: 'doctor', departmentId: 'plastic-surgery', pin: null });
    const v = await a.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13812345678' }));
    const tail = v.id.split(':').slice(2).join(':');
    const id = (plan: string) => `followup-task:BJ:${plan}:${tail}`;
    a.clock.advance(10);
    await a.api['visits.handOff']({ visitId: v.id, toStaffId: f.consultant.id, status: 'withConsultant', note: '' });
    a.clock.advance(30);
    await a.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'surgical', note: '' });
    expect(await a.api['followup.list']({})).toEqual([]); // writes the 手术消费 tasks, with 李咨询 as the doctor
    const written = await a.app.store.db.get<{ outcome: string; doctorName: string | null }>(id('service7d'));
    expect({ outcome: written.outcome, doctorName: written.doctorName }).toEqual({ outcome: 'surgical', doctorName: '李咨询' });

    // She had not left: the lead brings her back, the doctor takes her, she leaves as 非手术消费.
    a.clock.advance(5);
    await a.api['visits.reopen']({ visitId: v.id, reason: '消费类型登记错了' });
    await a.api['visits.handOff']({ visitId: v.id, toStaffId: doctor.id, status: 'inTreatment', note: '' });
    a.clock.advance(20);
    await a.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'nonSurgical', note: '' });

    a.clock.advance(24 * 60);
    await a.signIn(f.lead.id, LEAD_PIN);
    const taken = await a.api['followup.take']({ taskId: id('service7d') });
    expect(taken.outcome).toBe('nonSurgical');
    const reached = await a.api['followup.attempt']({ taskId: id('service7d'), result: 'reached', ratings: { attitude: 'verySatisfied', skill: 'satisfied', punctuality: 'satisfied', promises: 'satisfied' }, feedback: null, comments: '' });
    expect(reached).toMatchObject({ state: 'reached', outcome: 'nonSurgical' });
    const figures = await a.api['followup.figures']({ date: '2026-11-28', period: 'month' });
    expect(figures.byDoctor.map((r) => [r.key, r.name, r.answers])).toEqual([[doctor.id, '刘医生', 4]]);
    const records = await a.api['followup.records']({ date: '2026-11-28', period: 'month', figure: 'answered', group: { kind: 'doctor', key: doctor.id } });
    expect(records.map((r) => [r.id, r.doctorName])).toEqual([[id('service7d'), '刘医生']]);

    // The next day a lead corrects the outcome again (visits.setOutcome) to 到诊未消费: the next-day
    // survey, which every category has, follows it; the 7-day call (not owed to 到诊未消费) is withdrawn.
    await a.api['visits.setOutcome']({ visitId: v.id, outcome: 'noPurchase' });
    expect(await a.api['followup.task']({ taskId: id('nextDaySurvey') })).toMatchObject({ outcome: 'noPurchase', state: 'open' });
    expect((await a.api['followup.list']({ outcome: 'noPurchase' })).map((r) => r.id)).toEqual([id('nextDaySurvey')]);
    expect((await a.api['followup.figures']({ date: '2026-11-28', period: 'month' })).due).toBe(1);
    // Written once: the stored documents are as first derived, and the call made on the 7-day task stays.
    expect(await a.app.store.db.get(id('service7d'))).toMatchObject({ _rev: written._rev, outcome: 'surgical', doctorName: '李咨询' });
    expect(await a.api['followup.task']({ taskId: id('service7d') })).toMatchObject({ state: 'reached', attempts: 1 });
  });
});

describe('withdrawnVisitTasks reads only the days it needs (issue 21)', () => {
  it('the tasks’ visits by key and the events of their days, not of every day between; the same answer', async () => {
    a = await startTestApp();
    const f = await setUpClinic(a);
    const db = a.app.store.db;
    // 11-27: she leaves after surgery (her tasks); 11-28: three visitors, each moved along, no tasks; 11-29: another leaves.
    const first = await a.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13812345678' }));
    await a.api['visits.setStatus']({ visitId: first.id, status: 'left', outcome: 'surgical', note: '' });
    a.clock.advance(24 * 60);
    await a.signIn(f.lead.id, LEAD_PIN);
    for (const [i, name] of ['李娜', '王芳', '刘洋'].entries()) {
      const v = await a.api['desk.checkIn'](firstVisit({ name, phone: `1391234560${i}` }));
      await a.api['visits.setStatus']({ visitId: v.id, status: 'withConsultant', outcome: null, note: '' });
    }
    a.clock.advance(24 * 60);
    await a.signIn(f.lead.id, LEAD_PIN);
    const last = await a.api['desk.checkIn'](firstVisit({ name: '陈静', phone: '13712345678' }));
    await a.api['visits.setStatus']({ visitId: last.id, status: 'left', outcome: 'nonSurgical', note: '' });
    await a.api['followup.list']({}); // writes the tasks of 11-27 and 11-29
    a.clock.advance(5);
    await a.api['visits.reopen']({ visitId: last.id, reason: '点错了离院' }); // hers are withdrawn
    a.clock.advance(24 * 60);
    await a.signIn(f.lead.id, LEAD_PIN);
    const tasks = (await db.allDocs<FollowupTaskDoc>({ startkey: 'followup-task:BJ:', endkey: 'followup-task:BJ:\ufff0', include_docs: true })).rows.map((r) => r.doc!);
    expect(new Set(tasks.map((t) => t.visitId))).toEqual(new Set([first.id, last.id]));

    const range = async (from: string, to: string) => (await db.allDocs({ startkey: `visit-event:BJ:${from}:`, endkey: `visit-event:BJ:${to}:\ufff0` })).rows.length;
    const needed = 2 + (await range('2026-11-27', '2026-11-27')) + (await range('2026-11-29', '2026-11-29'));
    const wholeSpan = 5 + (await range('2026-11-27', '2026-11-29'));
    const before = withdrawalReads(db);
    const withdrawn = await withdrawnVisitTasks(db, 'BJ', tasks, defaultPlans);
    expect(withdrawalReads(db) - before).toBe(needed);
    expect(needed).toBeLessThan(wholeSpan - 3); // the three visitors of 11-28 and their events are not read
    // The same answer as before: the first visitor's tasks stand, the reopened one's are withdrawn.
    expect([...withdrawn].sort()).toEqual(tasks.filter((t) => t.visitId === last.id).map((t) => t._id).sort());
    expect(tasks.some((t) => t.visitId === first.id)).toBe(true);
    // A 作废 of the first visit (a mistaken check-in) withdraws hers too.
    await a.api['visits.cancel']({ visitId: first.id, reason: '登记错人' });
    expect([...(await withdrawnVisitTasks(db, 'BJ', tasks, defaultPlans))].sort()).toEqual(tasks.map((t) => t._id).sort());
  });
});

