import ExcelJS from 'exceljs';
import { sheetProblems } from '../support/xlsxTypes';
import { afterEach, describe, expect, it } from 'vitest';
import { followupTaskDoc } from '../../shared/followup/schemas';
import { deriveComplaintTasks, deriveMemberTasks } from '../../src-main/followup/repo';
import { headOfficeVerdict } from '../support/verdict';
import { expectRefusals, startTestApp, type TestApp } from '../support/app';
import { complaintIntake, complaintStaff, plainSteps } from '../support/complaints';
import { complaintReads } from '../../src-main/followup/kept';
import { addDays } from '../../shared/time';
import { firstVisit, seedStaff, setUpClinic } from '../support/factories';


let a: TestApp | undefined;
let b: TestApp | undefined;
afterEach(async () => {
  await a?.close();
  await b?.close();
  a = b = undefined;
});

const revsOf = async (t: TestApp, prefix: string) => Object.fromEntries((await t.app.store.db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0` })).rows.map((r) => [r.id, r.value.rev]));

describe('投诉回访: a call after a complaint is closed (seed 001 客服部「定期進行投訴回訪」)', () => {
  it('a closed case gives the CS director one task 3 days on; an open case none; two desks write the identical document; other callers never see it', async () => {
    a = await startTestApp();
    await setUpClinic(a);
    const staff = await complaintStaff(a);
    await staff.as('csDirector');
    await a.api['complaint.setNumberingDesk']({});
    const step = (id: string, s: Parameters<TestApp['api']['complaint.step']>[0]['step']) => a!.api['complaint.step']({ id, step: s, attachments: [] });
    const closed = await a.api['complaint.record'](complaintIntake());
    const open = await a.api['complaint.record'](complaintIntake({ patient: { name: '李女士', phone: '13900004321' } }));
    for (const s of plainSteps) await step(closed.id, s);
    await staff.as('dean');
    await step(closed.id, { kind: 'approve', approved: true, note: '同意' });
    await staff.as('csDirector');
    await step(closed.id, { kind: 'negotiate', agreed: true, note: '患者同意' });
    await step(closed.id, { kind: 'paperwork', payment: 'none', oaStarted: false, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '' });
    const db = a.app.store.db;
    // Not closed yet: no task.
    expect(await deriveComplaintTasks(db, 'BJ', '2026-11-30')).toEqual([]);
    a.clock.advance(60);
    await step(closed.id, { kind: 'close', patientConfirmed: true, handedToLegal: false, satisfaction: 'satisfied', note: '' });
    await step(open.id, plainSteps[0]!);

    const tasks = await deriveComplaintTasks(db, 'BJ', '2026-11-30');
    expect(tasks).toHaveLength(1);
    const tail = closed.id.split(':').slice(2).join(':');
    expect(tasks[0]).toMatchObject({ _id: `followup-task:BJ:complaintClosed:${tail}`, planId: 'complaintClosed', sourceId: closed.id, visitId: null, customerName: '王女士', contactPhone: '13800001234', dueDate: '2026-11-30', lastDate: '2026-12-04', createdBy: 'system', departmentId: 'plastic-surgery', channel: 'call' });
    expect(followupTaskDoc.safeParse(tasks[0]).success).toBe(true);
    expect(headOfficeVerdict(tasks[0]!)).toBeNull();
    const revs = await revsOf(a, 'followup-task:BJ:complaintClosed:');

    // A second desk with the same complaint documents derives the identical revision.
    b = await startTestApp();
    await db.replicate.to(b.app.store.db, { filter: (doc: { _id: string }) => doc._id.startsWith('complaint') });
    await deriveComplaintTasks(b.app.store.db, 'BJ', '2026-11-30');
    expect(await revsOf(b, 'followup-task:BJ:complaintClosed:')).toEqual(revs);

    // Through the dispatcher, three days after closing: on the CS director's list with the number to dial.
    a.clock.advance(3 * 24 * 60);
    await staff.as('csDirector');
    const list = await a.api['followup.list']({ planId: 'complaintClosed' });
    expect(list).toMatchObject([{ id: tasks[0]!._id, customerName: '王女士', dial: '13800001234', channel: 'call', state: 'open' }]);
    // A 回访专员's list does not carry it, and she may not call it.
    const caller = await seedStaff(a, { role: 'followupCaller', name: '周回访', pin: '1357' });
    await a.signIn(caller.id, '1357');
    expect(await a.api['followup.list']({ planId: 'complaintClosed' })).toEqual([]);
    await expectRefusals(a, 'followup.attempt', [{ why: 'a 回访专员 does not call after a complaint', input: { taskId: tasks[0]!._id, result: 'noAnswer' }, field: 'role', code: 'forbidden' }]);
    await staff.as('csDirector');
    const done = await a.api['followup.attempt']({ taskId: tasks[0]!._id, result: 'reached', ratings: { attitude: 'satisfied', skill: 'satisfied', punctuality: 'satisfied', promises: 'satisfied' }, feedback: 'praise', comments: '处理及时' });
    expect(done.state).toBe('reached');
  });
});

describe('会员关怀: member care derived from the tier and the 入会日期 (seed 001 九 (五))', () => {
  it('day 1 message, month 1 and month 3 calls, the Friday message, the birthday for A/B only; the same documents on two desks; messages are sent, not reached', async () => {
    a = await startTestApp(); // Friday 2026-11-27, 10:00 in the clinic
    const f = await setUpClinic(a);
    const gold = await a.api['desk.checkIn'](firstVisit({ name: '金卡会员', phone: '13811112222', birthDate: '1990-12-28', age: null }));
    const plain = await a.api['desk.checkIn'](firstVisit({ name: '普通会员', phone: '13833334444', birthDate: '1990-12-28', age: null }));
    const none = await a.api['desk.checkIn'](firstVisit({ name: '非会员', phone: '13855556666' }));
    void none;
    // 入会日期 omitted: a new member's is today (the tier is set where it always was).
    const set = await a.api['customer.setTier']({ customerId: gold.customerId, tier: 'B', vip: null });
    expect(set.memberSince).toBe('2026-11-27');
    await a.api['customer.setTier']({ customerId: plain.customerId, tier: 'D', vip: null, memberSince: '2026-10-28' });
    await expectRefusals(a, 'customer.setTier', [{ why: 'a 入会日期 in the future', input: { customerId: plain.customerId, tier: 'D', vip: null, memberSince: '2027-01-01' }, field: 'memberSince' }]);
    // The desk's lookup carries it (the tier editor shows and sets 入会日期).
    expect((await a.api['customer.search']({ query: '13833334444' }))[0]).toMatchObject({ tier: 'D', memberSince: '2026-10-28' });
    const db = a.app.store.db;

    // 「成為會員後的第 1 天 短信拜訪」: the day after joining.
    const sat = await deriveMemberTasks(db, 'BJ', '2026-11-28');
    const on = (list: { planId: string; customerName: string; dueDate: string }[], date: string) => list.filter((t) => t.dueDate === date).map((t) => `${t.customerName}:${t.planId}`).sort();
    expect(on(sat, '2026-11-28')).toEqual(['普通会员:memberMonth1', '金卡会员:memberDay1']);
    // The plain member joined 10-28: 「第 1 個月 電話拜訪」 on 11-28 — a call, open 3 more days.
    expect(sat.find((t) => t.planId === 'memberMonth1')).toMatchObject({ channel: 'call', lastDate: '2026-12-01', createdBy: 'system', createdAt: '2026-11-27T16:00:00.000Z', visitId: null });
    // 「每周五 短信拜訪」 and 「牢記金卡會員生日」: Friday 12-04; the birthday 12-28 for B, not for D.
    expect(on(await deriveMemberTasks(db, 'BJ', '2026-12-04'), '2026-12-04')).toEqual(['普通会员:memberFriday', '金卡会员:memberFriday']);
    expect(on(await deriveMemberTasks(db, 'BJ', '2026-12-28'), '2026-12-28')).toEqual(['金卡会员:memberBirthday']);
    // 「第 3 個月 電話拜訪」: 10-28 → 01-28.
    expect(on(await deriveMemberTasks(db, 'BJ', '2027-01-28'), '2027-01-28')).toEqual(['普通会员:memberMonth3']);
    // 「傳統節日的問候…聖誕」: 12-25 for every member.
    expect(on(await deriveMemberTasks(db, 'BJ', '2026-12-25'), '2026-12-25')).toEqual(['普通会员:memberFriday', '普通会员:memberGreeting', '金卡会员:memberFriday', '金卡会员:memberGreeting']);
    const stored = await db.allDocs({ startkey: 'followup-task:BJ:member', endkey: 'followup-task:BJ:member\ufff0', include_docs: true });
    for (const r of stored.rows) {
      expect(followupTaskDoc.safeParse(r.doc).success).toBe(true);
      expect(headOfficeVerdict(r.doc!)).toBeNull();
    }

    // A second desk with the same customers derives the identical revisions.
    b = await startTestApp();
    await db.replicate.to(b.app.store.db, { filter: (doc: { _id: string }) => doc._id.startsWith('customer') });
    for (const d of ['2026-11-28', '2026-12-04', '2026-12-28', '2027-01-28', '2026-12-25']) await deriveMemberTasks(b.app.store.db, 'BJ', d);
    expect(await revsOf(b, 'followup-task:BJ:member')).toEqual(await revsOf(a, 'followup-task:BJ:member'));

    // The next day on the lead's list: the message is recorded as sent, a call is not "sent".
    a.clock.advance(24 * 60);
    await a.signIn(f.lead.id, '1234');
    const list = await a.api['followup.list']({});
    const day1 = list.find((t) => t.planId === 'memberDay1')!;
    const month1 = list.find((t) => t.planId === 'memberMonth1')!;
    expect(day1).toMatchObject({ channel: 'message', customerName: '金卡会员', dial: '13811112222' });
    await expectRefusals(a, 'followup.attempt', [
      { why: 'a message task is not reached by a call', input: { taskId: day1.id, result: 'noAnswer' }, field: 'result' },
      { why: 'a call is not sent', input: { taskId: month1.id, result: 'sent' }, field: 'result' },
    ]);
    expect(await a.api['followup.attempt']({ taskId: day1.id, result: 'sent' })).toMatchObject({ state: 'reached', dial: null });
    expect((await a.api['followup.list']({})).some((t) => t.id === day1.id)).toBe(false);
  });
});

describe('询诊患者定期回访 and the day\'s SMS list', () => {
  it('an enquirer who did not book is called again a week later by the consulting group; one who booked is not; the SMS list opens in exceljs with the right cells', async () => {
    a = await startTestApp(); // Friday 2026-11-27
    const f = await setUpClinic(a);
    const online = await seedStaff(a, { role: 'onlineConsultant', name: '赵网咨', pin: '2468' });
    await a.signIn(online.id, '2468');
    const base = { channel: 'swt' as const, question: '双眼皮恢复多久', items: ['双眼皮'], answer: '一般七天拆线', outcome: { kind: 'answered' as const }, recordingRef: '' };
    const notBooked = await a.api['enquiry.record']({ ...base, customer: { anonymous: { name: '周女士', contact: '13912340000' } } });
    const booked = await a.api['enquiry.record']({ ...base, customer: { new: { name: '吴女士', sex: 'F', birthDate: null, age: 30, phone: '13912340001', address: '', source: 'web', directed: {} } } });
    await a.api['enquiry.book']({ id: booked.id, date: '2026-11-30', time: '10:00', serviceItem: '双眼皮', departmentId: 'plastic-surgery', consultantId: null, note: '' });
    expect(await a.api['followup.recalls']({})).toEqual([]);

    a.clock.advance(7 * 24 * 60); // a week on
    await a.signIn(online.id, '2468');
    const list = await a.api['followup.recalls']({});
    const tail = notBooked.id.split(':').slice(2).join(':');
    expect(list).toMatchObject([{ id: `followup-task:BJ:enquiryRecall:${tail}`, planId: 'enquiryRecall', customerName: '周女士', dial: '13912340000', dueDate: '2026-12-04', lastDate: '2026-12-07' }]);
    // The consulting group calls it through the follow-up mechanism; it is not on the CS department's 回访 list, and they may not call the others'.
    expect(await a.api['followup.attempt']({ taskId: list[0]!.id, result: 'noAnswer' })).toMatchObject({ state: 'open', attempts: 1 });
    await expectRefusals(a, 'followup.list', [{ why: 'an online consultant has no 回访 list', input: {}, field: 'role', code: 'forbidden' }]);
    const caller = await seedStaff(a, { role: 'followupCaller', name: '周回访', pin: '1357' });
    await a.signIn(caller.id, '1357');
    await expectRefusals(a, 'followup.attempt', [{ why: 'a 回访专员 does not make the consulting group\'s re-calls', input: { taskId: list[0]!.id, result: 'noAnswer' }, field: 'role', code: 'forbidden' }]);
    await expectRefusals(a, 'followup.recalls', [{ why: 'a 回访专员 has no re-call list', input: {}, field: 'role', code: 'forbidden' }]);

    // The SMS list: today's member messages (the Friday message of 12-04 for a D member who joined 11-27).
    await a.signIn(f.lead.id, '1234');
    const member = await a.api['desk.checkIn'](firstVisit({ name: '普通会员', phone: '13833334444' }));
    await a.api['customer.setTier']({ customerId: member.customerId, tier: 'D', vip: null, memberSince: '2026-11-27' });
    const file = await a.api['followup.messagesXlsx']({});
    expect(file.filename).toBe('短信名单-BJ-2026-12-04.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = book.getWorksheet('短信名单')!;
    expect(ws.getRow(1).values).toEqual([undefined, '手机号', '姓名', '类型', '应发日期']);
    expect(ws.rowCount).toBe(2);
    // The due day an Excel date, nothing a code (issue 19: the sheet type check of every export).
    expect(ws.getRow(2).values).toEqual([undefined, '13833334444', '普通会员', '周五短信', new Date('2026-12-04T00:00:00Z')]);
    expect(sheetProblems(book)).toEqual([]);
    // Once recorded as sent it leaves the list.
    await a.api['followup.attempt']({ taskId: `followup-task:BJ:memberFriday:2026-12-04:${member.customerId.split(':')[2]}`, result: 'sent' });
    const after = new ExcelJS.Workbook();
    await after.xlsx.load(Buffer.from((await a.api['followup.messagesXlsx']({})).base64, 'base64') as unknown as ArrayBuffer);
    expect(after.getWorksheet('短信名单')!.rowCount).toBe(1);
  });
});

describe('投诉回访 reads only the span of complaints still open to a call (the first list read reads all)', () => {
  it('a case closed long ago is not read again; a complaint received before the span (backdated) widens it, and its case is read', async () => {
    a = await startTestApp();
    await setUpClinic(a);
    const staff = await complaintStaff(a);
    await staff.as('csDirector');
    await a.api['complaint.setNumberingDesk']({});
    const step = (id: string, s: Parameters<TestApp['api']['complaint.step']>[0]['step']) => a!.api['complaint.step']({ id, step: s, attachments: [] });
    const old = await a.api['complaint.record'](complaintIntake());
    for (const s of plainSteps) await step(old.id, s);
    await staff.as('dean');
    await step(old.id, { kind: 'approve', approved: true, note: '同意' });
    await staff.as('csDirector');
    await step(old.id, { kind: 'negotiate', agreed: true, note: '患者同意' });
    await step(old.id, { kind: 'paperwork', payment: 'none', oaStarted: false, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '' });
    await step(old.id, { kind: 'close', patientConfirmed: true, handedToLegal: false, satisfaction: 'satisfied', note: '' });
    // Sixty days on, a new case, still open.
    a.clock.advance(60 * 24 * 60);
    await staff.as('csDirector');
    const open = await a.api['complaint.record'](complaintIntake({ patient: { name: '李女士', phone: '13900004321' } }));
    const today = open.id.split(':')[2]!;
    const db = a.app.store.db;
    const read = async () => {
      const before = complaintReads(db);
      const tasks = await deriveComplaintTasks(db, 'BJ', today);
      return { read: complaintReads(db) - before, tasks: tasks.length };
    };
    // The first read reads both cases; the old one's call (due 3 days after its closing) is long past.
    expect(await read()).toEqual({ read: 2, tasks: 0 });
    // Then only the span from the open case's day: the old case is not read.
    expect(await read()).toEqual({ read: 1, tasks: 0 });
    expect(await read()).toEqual({ read: 1, tasks: 0 });
    // A complaint received five days before the open one (receivedAt, seed 001 allows recording it late) widens the span again.
    const late = await a.api['complaint.record'](complaintIntake({ patient: { name: '赵女士', phone: '13900005678' }, receivedAt: `${addDays(today, -5)}T10:00` }));
    expect(late.id.split(':')[2]).toBe(addDays(today, -5));
    expect(await read()).toEqual({ read: 3, tasks: 0 });
    expect(await read()).toEqual({ read: 2, tasks: 0 }); // from the late one's day: it and the open one
  });
});

