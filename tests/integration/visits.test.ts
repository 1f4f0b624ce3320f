import { afterEach, describe, expect, it } from 'vitest';
import type { OperationName } from '../../shared/contract';
import { visitEventDoc, handoverDoc, handoverAckDoc } from '../../shared/visits/schemas';
import { expectRefusals, refusal, startTestApp, type TestApp } from '../support/app';
import { addStaff, firstVisit, LEAD_PIN, setUpClinic } from '../support/factories';
import { booking, bookAt } from '../support/valid/appointments';

let t: TestApp;
afterEach(async () => t?.close());

const refused = (operation: OperationName, input: unknown) => refusal(t, operation, input);

const expectRefused = (operation: OperationName, cases: Parameters<typeof expectRefusals>[2]) => expectRefusals(t, operation, cases);

async function clinicWithStaff() {
  const f = await setUpClinic(t);
  const doctor = await addStaff(t, { name: '赵医生', role: 'doctor', departmentId: 'plastic-surgery' });
  const assistant = await addStaff(t, { name: '周医助', role: 'doctorAssistant', departmentId: 'plastic-surgery' });
  const guide = await addStaff(t, { name: '小林', role: 'guide', pin: '2468' });
  return { ...f, doctor, assistant, guide };
}

describe('a visit moves through statuses as append-only events', () => {
  it('check-in → hand-off to consultant → treatment with the doctor → left with outcome; the visit doc never changes', async () => {
    t = await startTestApp();
    const f = await clinicWithStaff();
    const visit = await t.api['desk.checkIn'](firstVisit({ name: '张晓梅' }));
    const visitBefore = await t.app.store.db.get(visit.id);

    let [row] = await t.api['visits.board']({});
    expect(row).toMatchObject({ id: visit.id, status: 'triaged', waitEndedAt: null, lookingAfter: '王主任', handedTo: null });

    t.clock.advance(12);
    row = await t.api['visits.handOff']({ visitId: visit.id, toStaffId: f.consultant.id, status: 'withConsultant', note: '' });
    expect(row).toMatchObject({ status: 'withConsultant', lookingAfter: '李咨询', handedTo: { name: '李咨询', at: '2026-11-27T02:12:00.000Z' }, waitEndedAt: '2026-11-27T02:12:00.000Z' });

    t.clock.advance(20);
    row = await t.api['visits.handOff']({ visitId: visit.id, toStaffId: f.doctor.id, status: 'inTreatment', note: '面诊' });
    expect(row).toMatchObject({ status: 'inTreatment', lookingAfter: '赵医生' });
    // Handed on within the same stage: the doctor's assistant takes over.
    t.clock.advance(1);
    row = await t.api['visits.handOff']({ visitId: visit.id, toStaffId: f.assistant.id, status: 'inTreatment', note: '' });
    expect(row).toMatchObject({ status: 'inTreatment', lookingAfter: '周医助' });

    t.clock.advance(30);
    row = await t.api['visits.setStatus']({ visitId: visit.id, status: 'left', outcome: 'nonSurgical', note: '' });
    expect(row).toMatchObject({ status: 'left', outcome: 'nonSurgical', leftAt: '2026-11-27T03:03:00.000Z' });
    row = await t.api['visits.setOutcome']({ visitId: visit.id, outcome: 'surgical' });
    expect(row.outcome).toBe('surgical');

    const events = await t.api['visits.events']({ visitId: visit.id });
    expect(events.map((e) => [e.kind, e.status, e.toName, e.outcome, e.byName])).toEqual([
      ['handOff', 'withConsultant', '李咨询', null, '王主任'],
      ['handOff', 'inTreatment', '赵医生', null, '王主任'],
      ['handOff', 'inTreatment', '周医助', null, '王主任'],
      ['status', 'left', null, 'nonSurgical', '王主任'],
      ['outcome', null, null, 'surgical', '王主任'],
    ]);
    // Each event is its own document of the visit's day, shaped as the schema says; the visit is untouched.
    const docs = await t.app.store.db.allDocs({ startkey: 'visit-event:BJ:2026-11-27:', endkey: 'visit-event:BJ:2026-11-27:\ufff0', include_docs: true });
    expect(docs.rows).toHaveLength(5);
    for (const r of docs.rows) visitEventDoc.parse(r.doc);
    expect(await t.app.store.db.get(visit.id)).toEqual(visitBefore);
  });

  it('who did it: the actor of each event is the operator signed in then', async () => {
    t = await startTestApp();
    const f = await clinicWithStaff();
    const visit = await t.api['desk.checkIn'](firstVisit());
    await t.signIn(f.guide.id, '2468');
    await t.api['visits.setStatus']({ visitId: visit.id, status: 'withConsultant', outcome: null, note: '' });
    expect((await t.api['visits.board']({}))[0]!.lookingAfter).toBe('王主任'); // no hand-off, no consultant: the registering guide
    const withConsultant = await t.api['desk.checkIn'](firstVisit({}, { consultantId: f.consultant.id }));
    t.clock.advance(1);
    expect((await t.api['visits.setStatus']({ visitId: withConsultant.id, status: 'withConsultant', outcome: null, note: '' })).lookingAfter).toBe('李咨询');
    const [e] = await t.api['visits.events']({ visitId: visit.id });
    expect(e).toMatchObject({ by: f.guide.id, byName: '小林', at: '2026-11-27T02:00:00.000Z' });
  });

  it('refuses impossible moves, unknown visits and wrong people, naming the field, writing nothing', async () => {
    t = await startTestApp();
    const f = await clinicWithStaff();
    const visit = await t.api['desk.checkIn'](firstVisit());
    const gone = await t.api['desk.checkIn'](firstVisit());
    await t.api['visits.setStatus']({ visitId: gone.id, status: 'left', outcome: 'noPurchase', note: '' });
    const inactive = await addStaff(t, { name: '离职医生', role: 'doctor' });
    await t.api['staff.update']({ id: inactive.id, name: '离职医生', sex: 'F', role: 'doctor', departmentId: null, active: false, pin: null });

    await expectRefused('visits.setStatus', [
      { why: 'empty input', input: {}, field: 'visitId' },
      { why: 'empty visitId', input: { visitId: '', status: 'left' }, field: 'visitId' },
      { why: 'visitId as a number', input: { visitId: 5, status: 'left' }, field: 'visitId' },
      { why: 'visitId over 80', input: { visitId: 'v'.repeat(81), status: 'left' }, field: 'visitId' },
      { why: 'unknown status', input: { visitId: visit.id, status: 'waiting' }, field: 'status' },
      { why: 'unknown outcome', input: { visitId: visit.id, status: 'left', outcome: 'maybe' }, field: 'outcome' },
      { why: 'note over 200', input: { visitId: visit.id, status: 'withConsultant', note: '长'.repeat(201) }, field: 'note' },
      { why: 'no such visit', input: { visitId: 'visit:BJ:2026-11-27:nope', status: 'withConsultant' }, code: 'not_found', field: 'visitId' },
      { why: 'not a visit id at all', input: { visitId: 'clinic:BJ', status: 'withConsultant' }, code: 'not_found', field: 'visitId' },
      { why: 'a staff id as the visit', input: { visitId: f.guide.id, status: 'withConsultant' }, code: 'not_found', field: 'visitId' },
      { why: 'leaving without an outcome', input: { visitId: visit.id, status: 'left' }, field: 'outcome' },
      { why: 'an outcome before leaving', input: { visitId: visit.id, status: 'withConsultant', outcome: 'surgical' }, field: 'outcome' },
      { why: 'back to arrived', input: { visitId: visit.id, status: 'arrived' }, code: 'conflict', field: 'status' },
      { why: 'already triaged', input: { visitId: visit.id, status: 'triaged' }, code: 'conflict', field: 'status' },
      { why: 'out of left', input: { visitId: gone.id, status: 'withConsultant' }, code: 'conflict', field: 'status' },
    ]);
    await expectRefused('visits.handOff', [
      { why: 'empty input', input: {}, field: 'visitId' },
      { why: 'no toStaffId', input: { visitId: visit.id, status: 'withConsultant' }, field: 'toStaffId' },
      { why: 'hand-off status left', input: { visitId: visit.id, toStaffId: f.doctor.id, status: 'left' }, field: 'status' },
      { why: 'to a guide', input: { visitId: visit.id, toStaffId: f.guide.id, status: 'withConsultant' }, field: 'toStaffId' },
      { why: 'to an inactive doctor', input: { visitId: visit.id, toStaffId: inactive.id, status: 'inTreatment' }, field: 'toStaffId' },
      { why: 'to nobody', input: { visitId: visit.id, toStaffId: 'staff:BJ:nobody', status: 'inTreatment' }, field: 'toStaffId' },
      { why: 'to the clinic doc', input: { visitId: visit.id, toStaffId: 'clinic:BJ', status: 'inTreatment' }, field: 'toStaffId' },
      { why: 'a visitor who left', input: { visitId: gone.id, toStaffId: f.doctor.id, status: 'inTreatment' }, code: 'conflict', field: 'status' },
    ]);
    await expectRefused('visits.setOutcome', [
      { why: 'empty input', input: {}, field: 'visitId' },
      { why: 'no outcome', input: { visitId: gone.id }, field: 'outcome' },
      { why: 'outcome unknown', input: { visitId: gone.id, outcome: 'free' }, field: 'outcome' },
      { why: 'still waiting', input: { visitId: visit.id, outcome: 'surgical' }, code: 'conflict', field: 'outcome' },
    ]);
    await expectRefused('visits.events', [
      { why: 'empty input', input: {}, field: 'visitId' },
      { why: 'unknown visit', input: { visitId: 'visit:BJ:2026-11-27:x' }, code: 'not_found', field: 'visitId' },
    ]);
    await expectRefused('visits.board', [
      { why: 'date not a date', input: { date: '2026-02-30' }, field: 'date' },
      { why: 'date as number', input: { date: 20261127 }, field: 'date' },
    ]);
    // The day view is the desk lead's: a guide may not read it.
    await t.signIn(f.guide.id, '2468');
    await expectRefused('visits.dayView', [{ why: 'a guide', input: {}, code: 'forbidden', field: undefined as unknown as string }]);
  });

  it('a visitor of another clinic cannot be moved (ids are per clinic)', async () => {
    t = await startTestApp();
    await clinicWithStaff();
    const visit = await t.api['desk.checkIn'](firstVisit());
    const foreign = visit.id.replace('visit:BJ:', 'visit:SH:');
    const doc = await t.app.store.db.get(visit.id);
    const { _rev: _r, ...body } = doc as unknown as Record<string, unknown>;
    await t.app.store.db.put({ ...body, _id: foreign, clinic: 'SH' });
    const e = await refused('visits.setStatus', { visitId: foreign, status: 'withConsultant' });
    expect([e.code, e.field]).toEqual(['not_found', 'visitId']);
  });
});

describe('the waiting board and the day view', () => {
  it('lists the day oldest first with status and who looks after them; the day view counts', async () => {
    t = await startTestApp();
    const f = await clinicWithStaff();
    const a = await t.api['desk.checkIn'](firstVisit({ name: '甲', source: 'web' }));
    t.clock.advance(5);
    const b = await t.api['desk.checkIn'](firstVisit({ name: '乙', source: 'referral' }, { hasAppointment: true, departmentId: 'skin' }));
    t.clock.advance(5);
    const c = await t.api['desk.checkIn']({ customer: { id: a.customerId }, visit: { ...firstVisit().visit, repeatReason: '复查' } });
    t.clock.advance(10); // a waited 20, b 15
    await t.api['visits.handOff']({ visitId: a.id, toStaffId: f.consultant.id, status: 'withConsultant', note: '' });
    await t.api['visits.handOff']({ visitId: b.id, toStaffId: f.doctor.id, status: 'inTreatment', note: '' });
    t.clock.advance(10);
    await t.api['visits.setStatus']({ visitId: b.id, status: 'left', outcome: 'surgical', note: '' });

    const board = await t.api['visits.board']({});
    expect(board.map((r) => [r.customerName, r.status, r.lookingAfter])).toEqual([
      ['甲', 'withConsultant', '李咨询'],
      ['乙', 'left', '赵医生'],
      ['甲', 'triaged', '王主任'],
    ]);
    expect(c.firstVisit).toBe(false);

    const day = await t.api['visits.dayView']({});
    expect(day).toEqual({
      date: '2026-11-27',
      arrivals: 3,
      firstVisits: 2,
      returning: 1,
      bySource: { web: 2, referral: 1 },
      byDepartment: { 整形外科: 2, 皮肤美容科: 1 },
      byStatus: { withConsultant: 1, left: 1, triaged: 1 },
      byOutcome: { surgical: 1 },
      withAppointment: 1,
      appointments: { booked: 0, kept: 0, noShows: 0 },
      averageWaitMinutes: 18, // (20 + 15) / 2 rounded
      stillWaiting: 1,
    });
    expect((await t.api['visits.dayView']({ date: '2026-11-26' })).arrivals).toBe(0);
  });

  it('the day view counts the day’s appointments kept and missed (the appointments domain’s records)', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const at = async (iso: string) => {
      t.clock.now = new Date(iso);
      await t.signIn(f.lead.id, LEAD_PIN); // a new day: the session has ended
    };
    // A customer from yesterday, and three bookings made early this morning for 09:30, 10:30 and 11:00; one is cancelled.
    await at('2026-11-26T02:00:00Z');
    const yesterday = await t.api['desk.checkIn'](firstVisit());
    await at('2026-11-27T00:30:00Z');
    const morning = t.clock.now;
    const kept = await bookAt(t, morning, booking(t, { customer: { id: yesterday.customerId }, date: '2026-11-27', time: '09:30' }));
    const missed = await bookAt(t, morning, booking(t, { date: '2026-11-27', time: '10:30' }));
    const cancelled = await bookAt(t, morning, booking(t, { date: '2026-11-27', time: '11:00' }));
    await t.api['appointment.cancel']({ id: cancelled.id, reason: '客户改期' });
    await at('2026-11-27T03:00:00Z'); // 11:00: the 10:30 one has passed
    await t.api['appointment.checkIn']({ id: kept.id });
    await t.api['appointment.markNoShow']({ id: missed.id });
    const day = await t.api['visits.dayView']({});
    expect(day.appointments).toEqual({ booked: 2, kept: 1, noShows: 1 });
    expect((await t.api['visits.dayView']({ date: '2026-11-28' })).appointments).toEqual({ booked: 0, kept: 0, noShows: 0 });
  });
});

describe('shift handover (交接班)', () => {
  it('the outgoing guide writes it with the open visitors; it stays "not taken over" until the incoming one acknowledges', async () => {
    t = await startTestApp();
    const f = await clinicWithStaff();
    const stays = await t.api['desk.checkIn'](firstVisit({ name: '留下' }));
    const goes = await t.api['desk.checkIn'](firstVisit({ name: '走了' }));
    await t.api['visits.setStatus']({ visitId: goes.id, status: 'left', outcome: 'noPurchase', note: '' });
    await t.signIn(f.guide.id, '2468');
    t.clock.advance(60);
    const h = await t.api['handover.write']({ equipment: '叫号屏正常', unresolved: '留下 等报价', staffChanges: '无' });
    expect(h).toMatchObject({ byName: '小林', ack: null, openVisits: [{ visitId: stays.id, customerName: '留下', status: 'triaged', departmentName: '整形外科' }] });
    handoverDoc.parse(await t.app.store.db.get(h.id));

    // The writer cannot take over her own shift.
    const own = await refused('handover.ack', { handoverId: h.id });
    expect([own.code, own.field]).toEqual(['forbidden', 'handoverId']);
    expect((await t.api['handover.list']({}))[0]!.ack).toBeNull();

    await t.signIn(f.lead.id, LEAD_PIN);
    t.clock.advance(2);
    const acked = await t.api['handover.ack']({ handoverId: h.id, note: '已接' });
    expect(acked.ack).toMatchObject({ byName: '王主任', note: '已接', at: '2026-11-27T03:02:00.000Z' });
    const list = await t.api['handover.list']({});
    expect(list).toHaveLength(1);
    expect(list[0]!.ack?.byName).toBe('王主任');
    const ackDocs = await t.app.store.db.allDocs({ startkey: 'handover-ack:BJ:', endkey: 'handover-ack:BJ:\ufff0', include_docs: true });
    handoverAckDoc.parse(ackDocs.rows[0]!.doc);

    await expectRefused('handover.ack', [
      { why: 'twice', input: { handoverId: h.id }, code: 'conflict', field: 'handoverId' },
      { why: 'empty', input: {}, field: 'handoverId' },
      { why: 'unknown', input: { handoverId: 'handover:BJ:2026-11-27:nope' }, code: 'not_found', field: 'handoverId' },
      { why: 'a visit id', input: { handoverId: stays.id }, code: 'not_found', field: 'handoverId' },
      { why: 'note over 300', input: { handoverId: h.id, note: '长'.repeat(301) }, field: 'note' },
    ]);
    await expectRefused('handover.write', [
      { why: 'empty', input: {}, field: 'equipment' },
      { why: 'unresolved over 1000', input: { equipment: '', unresolved: '长'.repeat(1001), staffChanges: '' }, field: 'unresolved' },
      { why: 'control character', input: { equipment: 'a\u0007', unresolved: '', staffChanges: '' }, field: 'equipment' },
      { why: 'staffChanges as a number', input: { equipment: '', unresolved: '', staffChanges: 3 }, field: 'staffChanges' },
    ]);
  });
});
