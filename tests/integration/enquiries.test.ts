import { afterEach, describe, expect, it } from 'vitest';
import { expectRefusals, startTestApp, type TestApp } from '../support/app';
import { firstVisit, LEAD_PIN, newCustomer, seedStaff, setUpClinic } from '../support/factories';
import { enquiry } from '../support/valid/enquiries';
import { enquiryDoc } from '../../shared/enquiries/schemas';
import { appointmentDoc } from '../../shared/appointments/schemas';
import { addDays } from '../../shared/appointments/rules';
import { clinicDate } from '../../shared/time';

let t: TestApp;
afterEach(async () => t?.close());

async function consultingDesk() {
  t = await startTestApp();
  const f = await setUpClinic(t);
  const online = await seedStaff(t, { role: 'onlineConsultant', name: '赵网咨', pin: '2468' });
  const phone = await seedStaff(t, { role: 'phoneConsultant', name: '钱电咨', pin: '1357' });
  const doctor = await seedStaff(t, { role: 'doctor', name: '孙医生', departmentId: 'plastic-surgery' });
  await t.signIn(online.id, '2468');
  return { f, online, phone, doctor };
}

describe('the enquiry register (enquiry.record, enquiry.list)', () => {
  it('an online enquiry of someone new registers the customer (same form as the door) and the enquiry, stamped with who and when', async () => {
    const { online } = await consultingDesk();
    const person = newCustomer({ name: '周晓', phone: '13600001111', source: 'web', directed: { healthEnquiry: '无过敏史' } });
    const e = await t.api['enquiry.record'](enquiry({ channel: 'qq', customer: { new: person }, items: ['双眼皮', '开眼角'] }));
    expect(e).toMatchObject({ channel: 'qq', consultantId: online.id, consultantName: '赵网咨', name: '周晓', phone: '13600001111', items: ['双眼皮', '开眼角'], outcome: { kind: 'answered' }, answeredAt: t.clock.now.toISOString(), dueState: 'answered', appointment: null, visitId: null });
    expect(e.id).toMatch(/^enquiry:BJ:2026-11-27:/);
    const stored = enquiryDoc.parse(await t.app.store.db.get(e.id));
    expect(stored).toMatchObject({ createdBy: online.id, createdAt: t.clock.now.toISOString(), clinic: 'BJ', steps: [{ by: online.id, outcome: { kind: 'answered' } }] });
    // The door finds the same person by phone: one record for the door and the phone.
    const hits = await t.api['customer.search']({ query: '13600001111' });
    expect(hits.map((h) => h.id)).toEqual([e.customerId]);
    expect((await t.api['customer.record']({ customerId: e.customerId! })).directed.healthEnquiry).toBe('无过敏史');
    expect((await t.api['enquiry.list']({})).map((x) => x.id)).toEqual([e.id]);
  });

  it('an enquirer on file is found by phone and linked; one who leaves only a WeChat id is kept without a record', async () => {
    await consultingDesk();
    const visit = await t.api['desk.checkIn'](firstVisit({ phone: '13800002222' }));
    const [hit] = await t.api['customer.search']({ query: '13800002222' });
    const known = await t.api['enquiry.record'](enquiry({ channel: 'wechat', customer: { id: hit!.id } }));
    expect(known.customerId).toBe(visit.customerId);
    const anon = await t.api['enquiry.record'](enquiry({ channel: 'wechat', customer: { anonymous: { name: '微信用户小美', contact: 'wx_xiaomei' } } }));
    expect(anon).toMatchObject({ customerId: null, name: '微信用户小美', contact: 'wx_xiaomei', phone: '' });
  });
});

describe('the 24 h answer target (seed 000: 客户咨询与投诉的响应时间不超过24小时) and call-backs', () => {
  it('a referral to a doctor is open, due near 24 h and overdue after; the doctor’s answer closes it', async () => {
    const { doctor, online } = await consultingDesk();
    const e = await t.api['enquiry.record'](enquiry({ answer: '', outcome: { kind: 'referred', doctorId: doctor.id } }));
    expect(e).toMatchObject({ outcome: { kind: 'referred', doctorName: '孙医生' }, answeredAt: null, dueState: 'open', dueAt: new Date(t.clock.now.getTime() + 24 * 3_600_000).toISOString() });
    t.clock.advance(23 * 60);
    await t.signIn(online.id, '2468'); // a new shift signs in again
    expect((await t.api['enquiry.due']({})).map((x) => [x.id, x.dueState])).toEqual([[e.id, 'due']]);
    t.clock.advance(61);
    expect((await t.api['enquiry.due']({})).map((x) => x.dueState)).toEqual(['overdue']);
    const answered = await t.api['enquiry.answer']({ id: e.id, answer: '孙医生：可以做，建议先面诊。', outcome: { kind: 'answered' } });
    expect(answered).toMatchObject({ dueState: 'answered', answeredAt: t.clock.now.toISOString() });
    expect(await t.api['enquiry.due']({})).toEqual([]);
  });

  it('待回电 comes due at the agreed time; soonest first', async () => {
    await consultingDesk();
    const later = await t.api['enquiry.record'](enquiry({ channel: 'phone', recordingRef: 'REC-1', answer: '', outcome: { kind: 'callBack', at: new Date(t.clock.now.getTime() + 5 * 3_600_000).toISOString() } }));
    const sooner = await t.api['enquiry.record'](enquiry({ channel: 'phone', recordingRef: 'REC-2', answer: '', outcome: { kind: 'callBack', at: new Date(t.clock.now.getTime() + 3_600_000).toISOString() } }));
    expect((await t.api['enquiry.due']({})).map((x) => [x.id, x.dueState])).toEqual([
      [sooner.id, 'due'],
      [later.id, 'open'],
    ]);
    t.clock.advance(90);
    expect((await t.api['enquiry.due']({}))[0]).toMatchObject({ id: sooner.id, dueState: 'overdue' });
  });
});

describe('booking from an enquiry, the arrival at the door, the funnel', () => {
  it('books the appointment (source from the channel, booked by the consultant); the arrival links back; the funnel counts the links', async () => {
    const { f, online, phone } = await consultingDesk();
    const booked = await t.api['enquiry.record'](enquiry({ channel: 'swt' }));
    const plain = await t.api['enquiry.record'](enquiry({ channel: 'swt' }));
    const tomorrow = addDays(clinicDate(t.clock.now), 1);
    const r = await t.api['enquiry.book']({ id: booked.id, date: tomorrow, time: '10:00', serviceItem: '双眼皮咨询', departmentId: 'plastic-surgery', consultantId: f.consultant.id, note: '商务通预约' });
    expect(r).toMatchObject({ outcome: { kind: 'booked' }, appointment: { source: 'online', bookedBy: '赵网咨', date: tomorrow, state: 'expected', customerId: booked.customerId }, visitId: null });
    const appt = appointmentDoc.parse(await t.app.store.db.get(r.appointmentId!));
    expect(appt).toMatchObject({ createdBy: online.id, source: 'online', customerId: booked.customerId });
    // A phone consultant's enquiry on the same day that does not book.
    await t.signIn(phone.id, '1357');
    await t.api['enquiry.record'](enquiry({ channel: 'phone', recordingRef: 'REC-3' }));

    // Next morning the visitor arrives at the door (预约到诊).
    t.clock.advance(24 * 60);
    await t.signIn(f.lead.id, LEAD_PIN);
    const visit = await t.api['appointment.checkIn']({ id: r.appointmentId! });
    const list = await t.api['enquiry.list']({ from: clinicDate(booked.at) });
    expect(list.find((x) => x.id === booked.id)).toMatchObject({ visitId: visit.id, appointment: { state: 'arrived' } });
    expect(list.find((x) => x.id === plain.id)).toMatchObject({ visitId: null, appointmentId: null });

    const day = clinicDate(booked.at);
    const funnel = await t.api['enquiry.funnel']({ from: day, to: addDays(day, 1), grain: 'day' });
    expect(funnel.rows.map((x) => [x.period, x.consultantName, x.channel, x.enquiries, x.answered, x.appointments, x.arrivals, x.arrivalRate, x.bookingRate])).toEqual([
      // By consultant in pinyin order (钱 qián before 赵 zhào).
      [day, '钱电咨', 'phone', 1, 1, 0, 0, 0, 0],
      [day, '赵网咨', 'swt', 2, 2, 1, 1, 0.5, 0.5],
    ]);
    expect(funnel.total).toMatchObject({ enquiries: 3, appointments: 1, arrivals: 1, arrivalRate: 0.333, bookingRate: 0.333 });
    const month = await t.api['enquiry.funnel']({ from: day, to: day, grain: 'month' });
    expect(month.rows.map((x) => x.period)).toEqual(['2026-11', '2026-11']);
  });

  it('bad input is refused with the field named and nothing written', async () => {
    const { doctor, f } = await consultingDesk();
    await t.api['desk.checkIn'](firstVisit({ phone: '13500003333' }));
    const open = await t.api['enquiry.record'](enquiry());
    const anon = await t.api['enquiry.record'](enquiry({ customer: { anonymous: { name: '网友', contact: 'qq 12345' } } }));
    const tomorrow = addDays(clinicDate(t.clock.now), 1);
    const book = { date: tomorrow, time: '10:00', serviceItem: '双眼皮咨询', departmentId: 'plastic-surgery', consultantId: null, note: '' };
    await t.api['enquiry.book']({ id: open.id, ...book });
    const past = new Date(t.clock.now.getTime() - 60_000).toISOString();
    await expectRefusals(t, 'enquiry.record', [
      { why: 'a phone already on file', input: enquiry({ customer: { new: newCustomer({ phone: '13500003333' }) } }), field: 'customer.new.phone', code: 'conflict' },
      { why: '已解答 without an answer', input: enquiry({ answer: '' }), field: 'answer' },
      { why: 'a call-back in the past', input: enquiry({ outcome: { kind: 'callBack', at: past } }), field: 'outcome.at' },
      { why: 'a call-back a year ahead', input: enquiry({ outcome: { kind: 'callBack', at: '2027-11-27T02:00:00.000Z' } }), field: 'outcome.at' },
      { why: 'referred to a consultant, not a doctor', input: enquiry({ outcome: { kind: 'referred', doctorId: f.consultant.id } }), field: 'outcome.doctorId' },
      { why: 'booked is not given, it is done', input: enquiry({ outcome: { kind: 'booked' } as never }), field: 'outcome.kind' },
      { why: 'an unknown channel', input: enquiry({ channel: 'msn' as never }), field: 'channel' },
      { why: 'no question', input: enquiry({ question: ' ' }), field: 'question' },
      { why: 'eleven items', input: enquiry({ items: Array.from({ length: 11 }, (_, i) => `项目${i}`) }), field: 'items' },
      { why: 'an unknown customer', input: enquiry({ customer: { id: 'customer:BJ:nobody' } }), field: 'customer.id', code: 'not_found' },
      { why: 'a stamp', input: { ...enquiry(), createdBy: doctor.id }, field: 'createdBy' },
    ]);
    await expectRefusals(t, 'enquiry.book', [
      { why: 'booked twice', input: { id: open.id, ...book }, field: 'id', code: 'conflict' },
      { why: 'nobody on file', input: { id: anon.id, ...book }, field: 'id' },
      { why: 'no such enquiry', input: { id: 'enquiry:BJ:2026-11-27:nothing', ...book }, field: 'id', code: 'not_found' },
    ]);
    await expectRefusals(t, 'enquiry.answer', [
      { why: 'already booked', input: { id: open.id, answer: '好的', outcome: { kind: 'answered' } }, field: 'id', code: 'conflict' },
      { why: 'an empty answer', input: { id: anon.id, answer: '', outcome: { kind: 'answered' } }, field: 'answer' },
    ]);
    await expectRefusals(t, 'enquiry.list', [{ why: 'to before from', input: { from: '2026-11-27', to: '2026-11-01' }, field: 'to' }]);
    await expectRefusals(t, 'enquiry.funnel', [{ why: 'two years', input: { from: '2025-01-01', to: '2026-11-27', grain: 'month' }, field: 'to' }]);
  });

  it('a booking the appointments domain refuses (a past day) leaves the enquiry open', async () => {
    await consultingDesk();
    const e = await t.api['enquiry.record'](enquiry());
    await expectRefusals(t, 'enquiry.book', [{ why: 'a past day', input: { id: e.id, date: '2026-11-01', time: '10:00', serviceItem: '双眼皮', departmentId: 'plastic-surgery', consultantId: null, note: '' }, field: 'date' }]);
    expect((await t.api['enquiry.list']({}))[0]).toMatchObject({ id: e.id, appointmentId: null });
  });
});

describe('spot checks (抽查): the group leader marks entries wrong or incomplete; the error rate per consultant', () => {
  it('a leader checks others’ entries with a note, checks again keeping the earlier verdict, and the funnel counts the error rate', async () => {
    const { online, phone } = await consultingDesk();
    const a = await t.api['enquiry.record'](enquiry({ channel: 'swt' }));
    const b = await t.api['enquiry.record'](enquiry({ channel: 'swt', items: [] }));
    await t.signIn(phone.id, '1357');
    const c = await t.api['enquiry.record'](enquiry({ channel: 'phone', recordingRef: 'REC-9' }));
    const leader = await seedStaff(t, { role: 'onlineLead', name: '孙组长', pin: '9753' });
    await t.signIn(leader.id, '9753');
    const before = (await t.app.store.db.allDocs({ startkey: 'enquiry-check:', endkey: 'enquiry-check:\ufff0' })).rows.length;
    // A verdict other than right needs its note; nothing written on refusal.
    await expectRefusals(t, 'enquiry.spotCheck', [
      { why: 'wrong without a note', input: { id: a.id, verdict: 'wrong', note: '' }, field: 'note' },
      { why: 'an unknown verdict', input: { id: a.id, verdict: 'bad', note: 'x' }, field: 'verdict' },
      { why: 'no such enquiry', input: { id: 'enquiry:BJ:2026-11-27:nope', verdict: 'ok', note: '' }, field: 'id', code: 'not_found' },
      { why: 'an unknown field', input: { id: a.id, verdict: 'ok', note: '', score: 1 }, field: 'score' },
      { why: 'an oversized note', input: { id: a.id, verdict: 'wrong', note: '错'.repeat(301) }, field: 'note' },
    ]);
    expect((await t.app.store.db.allDocs({ startkey: 'enquiry-check:', endkey: 'enquiry-check:\ufff0' })).rows.length).toBe(before);
    const checkedB = await t.api['enquiry.spotCheck']({ id: b.id, verdict: 'incomplete', note: '未填咨询项目' });
    expect(checkedB.check).toMatchObject({ verdict: 'incomplete', note: '未填咨询项目', byName: '孙组长', at: t.clock.now.toISOString() });
    await t.api['enquiry.spotCheck']({ id: a.id, verdict: 'wrong', note: '价格报错' });
    await t.api['enquiry.spotCheck']({ id: c.id, verdict: 'ok', note: '' });
    // Checked again: the last verdict counts, the earlier one is kept.
    t.clock.advance(5);
    const again = await t.api['enquiry.spotCheck']({ id: a.id, verdict: 'ok', note: '复核：价格无误' });
    expect(again.check).toMatchObject({ verdict: 'ok', note: '复核：价格无误' });
    expect(await t.app.store.db.get(`enquiry-check:${a.id.slice('enquiry:'.length)}`)).toMatchObject({ createdBy: leader.id, updatedBy: leader.id, consultantId: online.id, history: [{ verdict: 'wrong', note: '价格报错', by: leader.id }] });
    const day = clinicDate(a.at);
    const f = await t.api['enquiry.funnel']({ from: day, to: day, grain: 'day' });
    expect(f.rows.map((r) => [r.consultantName, r.checked, r.faulty, r.errorRate])).toEqual([
      ['钱电咨', 1, 0, 0],
      ['赵网咨', 2, 1, 0.5],
    ]);
    expect(f.total).toMatchObject({ checked: 3, faulty: 1, errorRate: 0.333 });
    expect((await t.api['enquiry.list']({})).find((x) => x.id === b.id)?.check?.verdict).toBe('incomplete');

    // Not one's own entry; and only the leaders check.
    const mine = await t.api['enquiry.record'](enquiry());
    await expectRefusals(t, 'enquiry.spotCheck', [{ why: 'her own entry', input: { id: mine.id, verdict: 'ok', note: '' }, field: 'id', code: 'forbidden' }]);
    await t.signIn(phone.id, '1357');
    await expectRefusals(t, 'enquiry.spotCheck', [{ why: 'a consultant does not check', input: { id: a.id, verdict: 'ok', note: '' }, field: 'role', code: 'forbidden' }]);
  });
});

describe('the daily sheet (每日工作总结): reported by each consultant, summed and scored for the group leader', () => {
  it('scores seed 002 「每天登记表填写完善 一次加1分…上报不及时 一次扣2分」 from the register, the spot checks and the time of the report', async () => {
    const { phone } = await consultingDesk();
    const day = clinicDate(t.clock.now);
    // 赵网咨: two complete entries, reported the same day → +1 +1.
    await t.api['enquiry.record'](enquiry());
    await t.api['enquiry.record'](enquiry({ channel: 'qq' }));
    const reported = await t.api['enquiry.sheetReport']({ date: day, summary: '商务通咨询两条，均已解答。' });
    expect(reported).toMatchObject({ consultantName: '赵网咨', reported: true, onTime: true, enquiries: 2, answered: 2, incomplete: 0, wrong: 0, score: 2 });
    // 钱电咨: a phone call without its recording (incomplete, −2), one found 有误 (−2), reported the next day (late, −2).
    await t.signIn(phone.id, '1357');
    await t.api['enquiry.record'](enquiry({ channel: 'phone' }));
    const wrong = await t.api['enquiry.record'](enquiry({ channel: 'phone', recordingRef: 'REC-1' }));
    const leader = await seedStaff(t, { role: 'onlineLead', name: '孙组长', pin: '9753' });
    await t.signIn(leader.id, '9753');
    await t.api['enquiry.spotCheck']({ id: wrong.id, verdict: 'wrong', note: '价格报错' });
    t.clock.advance(24 * 60);
    await t.signIn(phone.id, '1357');
    await expectRefusals(t, 'enquiry.sheetReport', [
      { why: 'two days ago', input: { date: addDays(day, -1), summary: 'x' }, field: 'date' },
      { why: 'no summary', input: { date: day, summary: '' }, field: 'summary' },
      { why: 'not a date', input: { date: '2026-02-30x', summary: 'x' }, field: 'date' },
    ]);
    expect(await t.api['enquiry.sheetReport']({ date: day, summary: '电话咨询两条。' })).toMatchObject({ onTime: false, incomplete: 1, wrong: 1, score: -2 - 2 - 2 });
    await expectRefusals(t, 'enquiry.sheets', [{ why: 'a consultant does not read everyone’s sheets', input: { date: day }, field: 'role', code: 'forbidden' }]);
    await t.signIn(leader.id, '9753');
    const sheets = await t.api['enquiry.sheets']({ date: day });
    expect(sheets.rows.map((r) => [r.consultantName, r.enquiries, r.reported, r.onTime, r.score])).toEqual([
      ['钱电咨', 2, true, false, -6],
      ['赵网咨', 2, true, true, 2],
    ]);
    expect(sheets.total).toEqual({ enquiries: 4, answered: 4, appointments: 0, incomplete: 1, wrong: 1, score: -4 });
    // Reported again the same day: the summary changes, the time of the first report stays.
    await t.signIn(phone.id, '1357');
    const again = await t.api['enquiry.sheetReport']({ date: day, summary: '补充：一条录音未登记。' });
    expect(again).toMatchObject({ summary: '补充：一条录音未登记。', onTime: false });
  });
});
