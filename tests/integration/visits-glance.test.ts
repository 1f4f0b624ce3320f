import { afterEach, describe, expect, it } from 'vitest';
import { vipAckDoc } from '../../shared/desk/reminders';
import { clinicDate } from '../../shared/time';
import { expectRefusals, refusal, startTestApp, type TestApp } from '../support/app';
import { addStaff, firstVisit, setUpClinic, visitFields } from '../support/factories';
import { booking } from '../support/valid/appointments';
import { displayBoard } from '../../src-main/visits/display';

/** Issue 21, seeing at a glance: the tier on the card, VIP reminders for the whole desk, hand-offs to staff on duty, cancelled visits counted nowhere. */
let t: TestApp;
afterEach(async () => t?.close());

const today = () => clinicDate(t.clock.now);

describe('the waiting list card', () => {
  it('carries the member tier as it is now', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const [member, other] = [await t.api['desk.checkIn'](firstVisit({ name: '钱多多' })), await t.api['desk.checkIn'](firstVisit())];
    await t.api['customer.setTier']({ customerId: member.customerId, tier: 'B', vip: null });
    expect((await t.api['visits.board']({})).map((r) => [r.id, r.tier])).toEqual([
      [member.id, 'B'],
      [other.id, null],
    ]);
  });
});

describe('hand-off to staff on duty (issue 21: 「交接名单只列当班人员」)', () => {
  it('refuses a consultant or doctor off the day roster, names the field and writes nothing; 医助 are not rostered', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const off = await addStaff(t, { name: '孙医生', role: 'doctor', departmentId: 'plastic-surgery' });
    const assistant = await addStaff(t, { name: '周医助', role: 'doctorAssistant', departmentId: 'plastic-surgery' });
    const v = await t.api['desk.checkIn'](firstVisit());
    // No roster for the day: everyone active may be handed to (as triage).
    await t.api['duty.set']({ date: today(), staffId: f.consultant.id, onDuty: true });
    const before = await t.api['visits.events']({ visitId: v.id });
    await expectRefusals(t, 'visits.handOff', [{ why: 'a doctor off duty today', input: { visitId: v.id, toStaffId: off.id, status: 'inTreatment' }, field: 'toStaffId' }]);
    expect(await t.api['visits.events']({ visitId: v.id })).toEqual(before);
    expect((await refusal(t, 'visits.handOff', { visitId: v.id, toStaffId: off.id, status: 'inTreatment' })).message).toContain('not on duty');
    await t.api['visits.handOff']({ visitId: v.id, toStaffId: f.consultant.id, status: 'withConsultant', note: '' });
    expect((await t.api['visits.handOff']({ visitId: v.id, toStaffId: assistant.id, status: 'inTreatment', note: '' })).lookingAfter).toBe('周医助');
  });
});

describe('VIP reminders for the whole desk (issue 21)', () => {
  it('every guide and the desk lead see an A/B member due and arrived, with her note; one acknowledges, all see who and when', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const host = await addStaff(t, { name: '陈导医', role: 'guide', pin: '5555' });
    const other = await addStaff(t, { name: '小林', role: 'guide', pin: '2468' });
    const doctor = await addStaff(t, { name: '孙医生', role: 'doctor', departmentId: 'plastic-surgery', pin: '7777' });
    const first = await t.api['desk.checkIn'](firstVisit({ name: '钱多多' }));
    await t.api['visits.setStatus']({ visitId: first.id, status: 'left', outcome: 'noPurchase' });
    await t.api['customer.setTier']({ customerId: first.customerId, tier: 'A', vip: { hostId: host.id, drinks: '龙井', snacks: '无糖点心', note: '怕冷，备毯子' } });
    const appt = await t.api['appointment.book'](booking(t, { customer: { id: first.customerId }, date: today(), time: '10:30' }));

    const due = expect.objectContaining({ kind: 'meetAtDoor', key: appt.id, customerName: '钱多多', tier: 'A', note: '怕冷，备毯子', hostName: '陈导医', ack: null });
    // The lead (王主任) and a guide who is not the host see it, not only the host.
    expect(await t.api['desk.reminders']({})).toEqual(expect.arrayContaining([due]));
    await t.signIn(other.id, '2468');
    expect(await t.api['desk.reminders']({})).toEqual([due]);
    await t.signIn(doctor.id, '7777');
    expect(await t.api['desk.reminders']({})).toEqual([]);
    await expectRefusals(t, 'desk.ackReminder', [{ why: 'not for a doctor: no reminder of hers', input: { key: appt.id }, code: 'not_found', field: 'key' }]);

    // 小林 takes it: one vip-ack document with who and when; the host sees it taken.
    await t.signIn(other.id, '2468');
    t.clock.advance(2);
    const ack = await t.api['desk.ackReminder']({ key: appt.id });
    expect(ack).toEqual({ key: appt.id, byName: '小林', at: t.clock.now.toISOString() });
    const docs = (await t.app.store.db.allDocs({ include_docs: true, startkey: 'vip-ack:', endkey: 'vip-ack:\ufff0' })).rows.map((r) => vipAckDoc.parse(r.doc));
    expect(docs).toEqual([expect.objectContaining({ key: appt.id, kind: 'meetAtDoor', createdBy: other.id, createdAt: ack.at })]);
    await t.signIn(host.id, '5555');
    expect(await t.api['desk.reminders']({})).toEqual([expect.objectContaining({ key: appt.id, ack: { byName: '小林', at: ack.at } })]);
    const again = await refusal(t, 'desk.ackReminder', { key: appt.id });
    expect({ code: again.code, field: again.field }).toEqual({ code: 'conflict', field: 'key' });

    // She arrives (a second visit today, with its reason): the arrival reminder, until she is handed on.
    const visit = await t.api['desk.checkIn']({ customer: { id: first.customerId }, visit: visitFields({ appointmentId: appt.id, repeatReason: '按预约回来' }) });
    expect(await t.api['desk.reminders']({})).toEqual([expect.objectContaining({ kind: 'vipArrived', key: visit.id, visitId: visit.id, arrived: true, note: '怕冷，备毯子', ack: null })]);
    await t.api['desk.ackReminder']({ key: visit.id });
    expect((await t.api['desk.reminders']({}))[0]?.ack?.byName).toBe('陈导医');
    await t.signIn(f.lead.id, '1234');
    await t.api['visits.handOff']({ visitId: visit.id, toStaffId: f.consultant.id, status: 'withConsultant', note: '' });
    expect((await t.api['desk.reminders']({})).filter((r) => r.kind !== 'greetVip')).toEqual([]);
  });

  it('refuses bad keys, naming the field, and writes nothing', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const plain = await t.api['desk.checkIn'](firstVisit());
    await expectRefusals(t, 'desk.ackReminder', [
      { why: 'empty input', input: {}, field: 'key' },
      { why: 'empty key', input: { key: '' }, field: 'key' },
      { why: 'wrong type', input: { key: 7 }, field: 'key' },
      { why: 'oversized', input: { key: 'x'.repeat(81) }, field: 'key' },
      { why: 'unknown field', input: { key: plain.id, extra: 1 }, field: 'extra' },
      { why: 'a visitor who is no member', input: { key: plain.id }, code: 'not_found', field: 'key' },
    ]);
    expect((await t.app.store.db.allDocs({ startkey: 'vip-ack:', endkey: 'vip-ack:\ufff0' })).rows).toEqual([]);
  });
});

describe('a cancelled visit (作废) counts in no visit count (issue 21)', () => {
  it('the lookup and the customer history leave it out', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const v = await t.api['desk.checkIn'](firstVisit({ name: '郑作废', phone: '13700001111' }));
    const hit = async () => (await t.api['customer.search']({ query: '13700001111' }))[0]!;
    expect((await hit()).visitCount).toBe(1);
    expect((await t.api['customer.history']({ customerId: v.customerId })).visits).toHaveLength(1);
    await t.api['visits.cancel']({ visitId: v.id, reason: '登记错人' });
    expect((await hit()).visitCount).toBe(0);
    expect((await hit()).lastVisitAt).toBeNull();
    expect((await t.api['customer.history']({ customerId: v.customerId })).visits).toEqual([]);
    // Her real visit counts.
    const real = await t.api['desk.checkIn']({ customer: { id: v.customerId }, visit: visitFields() });
    expect((await hit()).visitCount).toBe(1);
    expect((await t.api['customer.history']({ customerId: v.customerId })).visits.map((x) => x.id)).toEqual([real.id]);
  });
});

describe('queue numbers and 叫号 on the waiting-room display (issue 21)', () => {
  it('numbers the day by arrival, a cancelled visit keeps its number; a call shows 请 X 号 王*玲 到 整形外科 and whether to speak it', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const a = await t.api['desk.checkIn'](firstVisit({ name: '王晓玲' }));
    t.clock.advance(1);
    const b = await t.api['desk.checkIn'](firstVisit({ name: '李丽' }));
    t.clock.advance(1);
    const c = await t.api['desk.checkIn'](firstVisit({ name: '王芳' }, { departmentId: 'skin' }));
    await t.api['visits.cancel']({ visitId: b.id, reason: '登记错人' });
    expect((await t.api['visits.board']({})).map((r) => [r.customerName, r.queueNumber])).toEqual([
      ['王晓玲', 1],
      ['王芳', 3],
    ]);
    let shown = await displayBoard(t.app.store.db, t.clock.now);
    expect(shown.rows).toEqual([
      { number: '1', name: '王*玲', department: '整形外科' },
      { number: '3', name: '王*', department: '皮肤美容科' },
    ]);
    expect({ call: shown.call, speak: shown.speak, now: shown.now }).toEqual({ call: null, speak: false, now: t.clock.now.toISOString() });

    const row = await t.api['visits.call']({ visitId: a.id });
    expect(row.queueNumber).toBe(1);
    await t.api['visits.setDisplaySettings']({ speakCalls: true });
    shown = await displayBoard(t.app.store.db, t.clock.now);
    expect(shown.call).toMatchObject({ number: '1', name: '王*玲', department: '整形外科' });
    expect(shown.speak).toBe(true);
    expect((await t.api['visits.events']({ visitId: a.id })).map((e) => e.kind)).toEqual(['call']);
    // The next call replaces it; a visitor handed on is no longer called on the screen.
    t.clock.advance(1);
    await t.api['visits.call']({ visitId: c.id });
    expect((await displayBoard(t.app.store.db, t.clock.now)).call).toMatchObject({ number: '3', name: '王*' });
    await t.api['visits.handOff']({ visitId: c.id, toStaffId: f.consultant.id, status: 'withConsultant', note: '' });
    expect((await displayBoard(t.app.store.db, t.clock.now)).call).toMatchObject({ number: '1' });
    t.clock.advance(6);
    expect((await displayBoard(t.app.store.db, t.clock.now)).call).toBeNull();

    await expectRefusals(t, 'visits.call', [
      { why: 'empty input', input: {}, field: 'visitId' },
      { why: 'no such visit', input: { visitId: 'visit:BJ:2026-11-27:nope' }, code: 'not_found', field: 'visitId' },
      { why: 'a cancelled visit', input: { visitId: b.id }, code: 'conflict', field: 'visitId' },
      { why: 'not waiting any more', input: { visitId: c.id }, code: 'conflict', field: 'visitId' },
      { why: 'unknown field', input: { visitId: a.id, loud: true }, field: 'loud' },
    ]);
    await expectRefusals(t, 'visits.setDisplaySettings', [
      { why: 'empty input', input: {}, field: 'speakCalls' },
      { why: 'wrong type', input: { speakCalls: 'yes' }, field: 'speakCalls' },
    ]);
    expect(await t.api['visits.displaySettings']({})).toEqual({ speakCalls: true });
  });
});
