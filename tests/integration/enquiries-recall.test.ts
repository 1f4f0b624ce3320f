import { afterEach, describe, expect, it } from 'vitest';
import { expectRefusals, refusal, startTestApp, storeMark, type TestApp } from '../support/app';
import { staffRoles } from '../../shared/reference/schemas';
import { headOfficeRoles } from '../../shared/headoffice/schemas';
import { recallRoles } from '../../shared/followup/rules';
import { newCustomer, seedStaff, setUpClinic } from '../support/factories';
import type { EnquiryRecallDoc } from '../../shared/enquiries/schemas';
import type { FollowupEventDoc } from '../../shared/followup/schemas';

let t: TestApp;
afterEach(async () => t?.close());

const asked = (name: string, phone: string) => ({ channel: 'swt' as const, customer: { anonymous: { name, contact: phone } }, question: '双眼皮多少钱', items: ['双眼皮'], answer: '三千起', outcome: { kind: 'answered' as const }, recordingRef: '' });

/**
 * Seed 003 询诊患者定期回访: 对咨询后未预约的患者定期回访. A re-call's 接通 asks what the re-call is for
 * (issue 14: did she book, why not, the next step), not the visit survey's four ratings.
 */
describe('enquiry.recall: 接通 of a re-call asks the enquiry’s own questions', () => {
  it('records why she did not book and the next call (the task comes due again), a booking made by a second consultant, and refuses by field writing nothing', async () => {
    t = await startTestApp(); // Friday 2026-11-27, 10:00
    const f = await setUpClinic(t);
    const a = await seedStaff(t, { role: 'onlineConsultant', name: '赵网咨', pin: '2468' });
    const b = await seedStaff(t, { role: 'phoneConsultant', name: '钱电咨', pin: '1357' });
    await t.signIn(a.id, '2468');
    const [e1, e2, e3] = [await t.api['enquiry.record'](asked('周女士', '13912340001')), await t.api['enquiry.record']({ ...asked('吴女士', ''), customer: { new: newCustomer({ name: '吴女士', phone: '13912340002', source: 'web' }) } }), await t.api['enquiry.record'](asked('郑女士', '13912340003'))];
    t.clock.advance(7 * 24 * 60); // a week on: 2026-12-04
    await t.signIn(a.id, '2468');
    const list = await t.api['followup.recalls']({});
    const taskOf = (id: string) => list.find((x) => x.id === `followup-task:BJ:enquiryRecall:${id.split(':').slice(2).join(':')}`)!;
    expect(list).toHaveLength(3);

    // 周女士: not booked, too dear; call again in two days with the offer. The task stays open, due then.
    const nextAt = new Date(t.clock.now.getTime() + 2 * 86_400_000).toISOString();
    const r1 = await t.api['enquiry.recall']({ taskId: taskOf(e1.id).id, booked: 'no', reason: 'price', reasonNote: '', nextStep: 'callAgain', nextAt, note: '觉得贵，周日发活动价' });
    expect(r1).toMatchObject({ enquiryId: e1.id, booked: 'no', reason: 'price', nextStep: 'callAgain', nextAt, byName: '赵网咨', taskState: 'open' });
    const stored = await t.app.store.db.get<EnquiryRecallDoc>(r1.id);
    expect(stored).toMatchObject({ type: 'enquiry-recall', createdBy: a.id, enquiryId: e1.id, taskId: taskOf(e1.id).id });
    const events = await t.app.store.db.allDocs<FollowupEventDoc>({ include_docs: true, startkey: 'followup-event:BJ:', endkey: 'followup-event:BJ:\ufff0' });
    // No satisfaction ratings: the follow-up figures get no survey from a re-call.
    expect(events.rows.map((r) => r.doc)).toMatchObject([{ taskId: taskOf(e1.id).id, kind: 'attempt', result: 'reschedule', rescheduleAt: nextAt, ratings: null, comments: '觉得贵，周日发活动价' }]);
    // Off today's list until the agreed time (checked at the end, two days on).
    expect((await t.api['followup.recalls']({})).some((x) => x.id === taskOf(e1.id).id)).toBe(false);

    // 吴女士 books on the call: 'here' is refused until the booking is on the enquiry (B first)…
    const before = await storeMark(t.app.store.db);
    await expectRefusals(t, 'enquiry.recall', [{ why: 'booked here, but nothing booked yet', input: { taskId: taskOf(e2.id).id, booked: 'here', reason: null, reasonNote: '', nextStep: 'none', nextAt: null, note: '' }, field: 'booked', code: 'conflict' }]);
    expect(await storeMark(t.app.store.db)).toEqual(before);
    // …and the second consultant, 钱电咨, who took the call, books it from the re-call: booked by her.
    await t.signIn(b.id, '1357');
    const booked = await t.api['enquiry.book']({ id: e2.id, date: '2026-12-06', time: '10:00', serviceItem: '双眼皮', departmentId: 'plastic-surgery', consultantId: f.consultant.id, note: '回访时预约' });
    expect(booked.appointment).toMatchObject({ bookedBy: '钱电咨' });
    expect(await t.app.store.db.get(booked.appointmentId!)).toMatchObject({ createdBy: b.id, source: 'online' });
    const r2 = await t.api['enquiry.recall']({ taskId: taskOf(e2.id).id, booked: 'here', reason: null, reasonNote: '', nextStep: 'none', nextAt: null, note: '' });
    expect(r2).toMatchObject({ booked: 'here', byName: '钱电咨', taskState: 'reached' });
    expect((await t.api['followup.recalls']({})).some((x) => x.id === taskOf(e2.id).id)).toBe(false);
    // Closed: a second 接通 on it is refused.
    await expectRefusals(t, 'enquiry.recall', [{ why: 'the task is closed', input: { taskId: taskOf(e2.id).id, booked: 'here', reason: null, reasonNote: '', nextStep: 'none', nextAt: null, note: '' }, field: 'taskId', code: 'conflict' }]);

    // 郑女士: every wrong answer is refused naming its field, and nothing is written.
    const task3 = taskOf(e3.id).id;
    const ok = { taskId: task3, booked: 'no' as const, reason: 'other' as const, reasonNote: '家人不同意', nextStep: 'none' as const, nextAt: null, note: '' };
    const mark = await storeMark(t.app.store.db);
    await expectRefusals(t, 'enquiry.recall', [
      { why: 'empty input', input: {}, field: 'taskId' },
      { why: 'did she book: not one of the answers', input: { ...ok, booked: 'maybe' }, field: 'booked' },
      { why: 'did she book: a number', input: { ...ok, booked: 1 }, field: 'booked' },
      { why: 'not booked without a reason', input: { ...ok, reason: null }, field: 'reason' },
      { why: 'a reason not in the list', input: { ...ok, reason: 'weather' }, field: 'reason' },
      { why: 'a reason though she went elsewhere', input: { ...ok, booked: 'elsewhere' }, field: 'reason' },
      { why: 'other reason with no words', input: { ...ok, reasonNote: '  ' }, field: 'reasonNote' },
      { why: 'the reason’s words over 300', input: { ...ok, reasonNote: '长'.repeat(301) }, field: 'reasonNote' },
      { why: 'call again without a time', input: { ...ok, nextStep: 'callAgain' }, field: 'nextAt' },
      { why: 'a time without calling again', input: { ...ok, nextAt }, field: 'nextAt' },
      { why: 'a time not ISO', input: { ...ok, nextStep: 'callAgain', nextAt: '下周一' }, field: 'nextAt' },
      { why: 'a time past', input: { ...ok, nextStep: 'callAgain', nextAt: new Date(t.clock.now.getTime() - 60_000).toISOString() }, field: 'nextAt' },
      { why: 'a time over 31 days on', input: { ...ok, nextStep: 'callAgain', nextAt: new Date(t.clock.now.getTime() + 32 * 86_400_000).toISOString() }, field: 'nextAt' },
      { why: 'a next step not in the list', input: { ...ok, nextStep: 'visit' }, field: 'nextStep' },
      { why: 'a control character in the note', input: { ...ok, note: '好\u0000' }, field: 'note' },
      { why: 'a note over 500', input: { ...ok, note: '长'.repeat(501) }, field: 'note' },
      { why: 'markup in the note is text, but an unknown field is refused', input: { ...ok, note: '<script>alert(1)</script>', ratings: { attitude: 'satisfied' } }, field: 'ratings' },
      { why: 'no such task', input: { ...ok, taskId: 'followup-task:BJ:enquiryRecall:2026-11-27:nope' }, field: 'taskId', code: 'not_found' },
      { why: 'a visit’s 回访 task is not a re-call', input: { ...ok, taskId: 'followup-task:BJ:service7d:2026-11-27:x' }, field: 'taskId', code: 'not_found' },
    ]);
    expect(await storeMark(t.app.store.db)).toEqual(mark);
    const caller = await seedStaff(t, { role: 'followupCaller', name: '周回访', pin: '9753' });
    await t.signIn(caller.id, '9753');
    const mark2 = await storeMark(t.app.store.db);
    await expectRefusals(t, 'enquiry.recall', [{ why: 'a 回访专员 does not make the consulting group’s re-calls', input: ok, field: 'role', code: 'forbidden' }]);
    expect(await storeMark(t.app.store.db)).toEqual(mark2);
    await t.signIn(a.id, '2468');
    expect(await t.api['enquiry.recall'](ok)).toMatchObject({ booked: 'no', reason: 'other', reasonNote: '家人不同意', taskState: 'reached' });

    // Two days on, 周女士 is due again at the agreed time.
    t.clock.advance(2 * 24 * 60);
    await t.signIn(a.id, '2468');
    expect(await t.api['followup.recalls']({})).toMatchObject([{ id: taskOf(e1.id).id, state: 'open', nextAt, attempts: 1 }]);
  });
});

/**
 * The re-call's 接通 (`enquiry.recall`) and its other results (`followup.attempt`) check the task by
 * one code (src-main/followup/tasks.ts): every role is let through or refused by both alike, a closed
 * task is closed to both, and the visit survey's 接通 is not a way round the re-call's questions.
 */
describe('a re-call is checked the same by enquiry.recall and followup.attempt', () => {
  it('every clinic role passes or fails both; a re-call closed by 无人接听 is closed to 接通; 接通 with ratings is refused naming result, nothing written', async () => {
    t = await startTestApp(); // Friday 2026-11-27, 10:00
    await setUpClinic(t);
    const a = await seedStaff(t, { role: 'onlineConsultant', name: '赵网咨', pin: '2468' });
    await t.signIn(a.id, '2468');
    const e = await t.api['enquiry.record'](asked('周女士', '13912340001'));
    t.clock.advance(7 * 24 * 60);
    await t.signIn(a.id, '2468');
    const [task] = await t.api['followup.recalls']({});
    const taskId = task!.id;
    expect(taskId).toBe(`followup-task:BJ:enquiryRecall:${e.id.split(':').slice(2).join(':')}`);
    // Both inputs are refused after the task's checks (nothing booked yet; 接通 is the re-call form's): `refusal` fails the test if either wrote.
    const recallIn = { taskId, booked: 'here', reason: null, reasonNote: '', nextStep: 'none', nextAt: null, note: '' };
    const attemptIn = { taskId, result: 'reached', ratings: { attitude: 'satisfied', skill: 'satisfied', punctuality: 'satisfied', promises: 'satisfied' }, feedback: null, comments: '' };
    const seen: Record<string, [string, string]> = {};
    let pin = 3000;
    for (const role of staffRoles.filter((r) => !headOfficeRoles.includes(r))) {
      pin += 1;
      const s = await seedStaff(t, { role, pin: String(pin) });
      await t.signIn(s.id, String(pin));
      const [r1, r2] = [await refusal(t, 'enquiry.recall', recallIn), await refusal(t, 'followup.attempt', attemptIn)];
      seen[role] = [r1.field === 'role' ? 'role' : 'passed', r2.field === 'role' ? 'role' : 'passed'];
      expect(seen[role]![0], `${role}: enquiry.recall and followup.attempt let the same roles through`).toBe(seen[role]![1]);
      if (seen[role]![0] === 'passed') {
        expect({ code: r1.code, field: r1.field }).toEqual({ code: 'conflict', field: 'booked' });
        expect({ code: r2.code, field: r2.field }).toEqual({ code: 'invalid_input', field: 'result' });
      }
    }
    // The consulting group, the desk lead and the 客服主任 make re-calls; no one else (recallRoles).
    expect(Object.keys(seen).filter((r) => seen[r]![0] === 'passed').sort()).toEqual([...recallRoles].sort());

    // Three unanswered calls close it as 未联系上 (the plan's tries): then 接通 is refused as closed by both.
    await t.signIn(a.id, '2468');
    for (let i = 0; i < task!.tries; i += 1) {
      await t.api['followup.attempt']({ taskId, result: 'noAnswer' });
      t.clock.advance(5 * 60);
    }
    await t.signIn(a.id, '2468');
    await expectRefusals(t, 'enquiry.recall', [{ why: 'closed as 未联系上', input: { ...recallIn, booked: 'no', reason: 'price' }, field: 'taskId', code: 'conflict' }]);
    await expectRefusals(t, 'followup.attempt', [{ why: 'closed as 未联系上', input: { taskId, result: 'noAnswer' }, field: 'taskId', code: 'conflict' }]);
  });
});
