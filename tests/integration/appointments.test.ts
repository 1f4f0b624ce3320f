import { afterEach, describe, expect, it } from 'vitest';
import { PouchDB } from '../../src-main/store/pouch';
import { settleNoShows } from '../../src-main/appointments/views';
import { ApiError, type ErrorCode } from '../../shared/errors';
import { fromApiError } from '../../src-renderer/ui/errors';
import { addDays } from '../../shared/appointments/rules';
import { clinicDate } from '../../shared/time';
import { expectRefused, startTestApp, storeMark, tempDir, type TestApp } from '../support/app';
import { waitFor } from '../support/wait';
import { addStaff, firstVisit, LEAD_PIN, newCustomer, seedStaff, setUpClinic, type ClinicFixture } from '../support/factories';
import { bookAt, booking, offlineTwin } from '../support/valid/appointments';

let t: TestApp;
let f: ClinicFixture;
const others: TestApp[] = [];
const dirs: { remove(): void }[] = [];
afterEach(async () => {
  await t?.close();
  for (const o of others.splice(0)) await o.close();
  for (const d of dirs.splice(0)) d.remove();
});

async function start() {
  t = await startTestApp();
  f = await setUpClinic(t);
}

/** A refusal names the field and moves nothing in the store. */
const refused = (call: () => Promise<unknown>, code: ErrorCode, field: string | undefined) => expectRefused(t, call, code, field);

const today = () => clinicDate(t.clock.now);
const tomorrow = () => addDays(today(), 1);

describe('booking, changing, cancelling (预约)', () => {
  it('books a person not yet on file; the day list and tomorrow’s call list show them; calls are recorded', async () => {
    await start();
    const a = await t.api['appointment.book'](booking(t, { source: 'online', time: '15:30', consultantId: f.consultant.id }));
    expect(a).toMatchObject({ customerId: null, date: tomorrow(), time: '15:30', at: `${tomorrow()}T07:30:00.000Z`, state: 'expected', source: 'online', consultantName: '李咨询', departmentName: '整形外科', lateChanges: 0, bookedBy: '王主任' });
    expect((await t.api['appointment.day']({ date: tomorrow() })).map((x) => x.id)).toEqual([a.id]);
    expect(await t.api['appointment.day']({})).toEqual([]);
    const calls = await t.api['appointment.callList']({});
    expect(calls.map((x) => x.id)).toEqual([a.id]);
    const called = await t.api['appointment.recordCall']({ id: a.id, outcome: 'noAnswer', note: '无人接听' });
    t.clock.advance(30);
    const again = await t.api['appointment.recordCall']({ id: a.id, outcome: 'confirmed', note: '' });
    expect(called.lastCall).toMatchObject({ outcome: 'noAnswer', by: f.lead.id });
    expect(again).toMatchObject({ calls: 2, lastCall: { outcome: 'confirmed', at: t.clock.now.toISOString() } });
  });

  it('flags a change or cancellation with less than 24 h notice as late, and not one made earlier', async () => {
    await start();
    const a = await t.api['appointment.book'](booking(t, { date: addDays(today(), 3) }));
    const early = await t.api['appointment.change']({ id: a.id, date: tomorrow(), time: '11:00', serviceItem: a.serviceItem, departmentId: a.departmentId, consultantId: null, note: '', reason: '改期' });
    expect(early.lateChanges).toBe(0);
    const late = await t.api['appointment.change']({ id: a.id, date: tomorrow(), time: '09:30', serviceItem: a.serviceItem, departmentId: a.departmentId, consultantId: null, note: '', reason: '提前' });
    expect(late).toMatchObject({ lateChanges: 1, time: '09:30' });
    const b = await t.api['appointment.book'](booking(t, { date: addDays(today(), 2) }));
    expect((await t.api['appointment.cancel']({ id: b.id, reason: '出差' })).cancelLate).toBe(false);
    const c = await t.api['appointment.book'](booking(t, { date: today(), time: '18:00' }));
    const cancelled = await t.api['appointment.cancel']({ id: c.id, reason: '临时有事' });
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelLate: true, cancelReason: '临时有事' });
    // The change history is on the document: who, when, from, to, late.
    const doc = await t.app.store.db.get<{ changes: unknown[] }>(a.id);
    expect(doc.changes).toEqual([
      { at: t.clock.now.toISOString(), by: f.lead.id, fromAt: a.at, toAt: early.at, late: false, reason: '改期' },
      { at: t.clock.now.toISOString(), by: f.lead.id, fromAt: early.at, toAt: late.at, late: true, reason: '提前' },
    ]);
  });

  it('books with a consultant or doctor of the department only, refused by the same check as at the door', async () => {
    await start();
    const skin = await addStaff(t, { name: '皮肤咨询', role: 'consultant', departmentId: 'skin' });
    // The booking form offers only the department's people (or those of none); the server agrees.
    await expect(t.api['appointment.book'](booking(t, { consultantId: skin.id }))).rejects.toMatchObject({ code: 'invalid_input', field: 'consultantId', rule: 'appointments.notConsultantOf', params: { department: '整形外科' } });
    await expect(t.api['desk.checkIn'](firstVisit({}, { consultantId: skin.id }))).rejects.toMatchObject({ code: 'invalid_input', field: 'visit.consultantId', rule: 'desk.notConsultantOf', params: { department: '整形外科' } });
    await refused(() => t.api['appointment.book'](booking(t, { consultantId: skin.id })), 'invalid_input', 'consultantId');
    // The same person is taken for her own department, at the door and for a booking.
    await t.api['appointment.book'](booking(t, { consultantId: skin.id, departmentId: 'skin' }));
    expect(await t.api['desk.checkIn'](firstVisit({}, { departmentId: 'skin', consultantId: skin.id }))).toMatchObject({ consultantId: skin.id });
  });

  it('refuses impossible, past and closed times, unknown targets, duplicates — naming the field, writing nothing', async () => {
    await start();
    const existing = await t.api['desk.checkIn'](firstVisit({ phone: '13811112222' }));
    await refused(() => t.api['appointment.book'](booking(t, { date: '2026-02-30' })), 'invalid_input', 'date');
    await refused(() => t.api['appointment.book'](booking(t, { time: '25:70' })), 'invalid_input', 'time');
    await refused(() => t.api['appointment.book'](booking(t, { date: addDays(today(), -1) })), 'invalid_input', 'date');
    await refused(() => t.api['appointment.book'](booking(t, { date: today(), time: '09:00' })), 'invalid_input', 'time');
    await refused(() => t.api['appointment.book'](booking(t, { time: '22:00' })), 'invalid_input', 'time');
    await refused(() => t.api['appointment.book'](booking(t, { date: addDays(today(), 400) })), 'invalid_input', 'date');
    await refused(() => t.api['appointment.book'](booking(t, { departmentId: 'no-such' })), 'invalid_input', 'departmentId');
    await refused(() => t.api['appointment.book'](booking(t, { consultantId: f.lead.id })), 'invalid_input', 'consultantId');
    await refused(() => t.api['appointment.book'](booking(t, { customer: { id: 'customer:BJ:nobody' } })), 'not_found', 'customer.id');
    await refused(() => t.api['appointment.book'](booking(t, { serviceItem: '  ' })), 'invalid_input', 'serviceItem');
    await refused(() => t.api['appointment.book'](booking(t, { customer: { name: '张三', phone: '12' } })), 'invalid_input', 'customer.phone');
    // The phone is on file: the desk is told whose it is (to book them), never a second person.
    const before = await storeMark(t.app.store.db);
    await expect(t.api['appointment.book'](booking(t, { customer: { name: '别名', phone: '138-1111-2222' } }))).rejects.toMatchObject({
      code: 'conflict',
      field: 'customer.phone',
      detail: { existingId: existing.customerId, existingName: existing.customerName },
    });
    expect(await storeMark(t.app.store.db)).toEqual(before);
    // One person, one booking per day.
    const first = await t.api['appointment.book'](booking(t, { customer: { id: existing.customerId } }));
    await refused(() => t.api['appointment.book'](booking(t, { customer: { id: existing.customerId }, time: '16:00' })), 'conflict', 'date');
    await refused(() => t.api['appointment.change']({ id: 'appointment:BJ:nope', date: tomorrow(), time: '10:00', serviceItem: 'x', departmentId: 'plastic-surgery', consultantId: null, note: '', reason: '' }), 'not_found', 'id');
    await refused(() => t.api['appointment.change']({ id: first.id, date: today(), time: '08:30', serviceItem: 'x', departmentId: 'plastic-surgery', consultantId: null, note: '', reason: '' }), 'invalid_input', 'time');
    await t.api['appointment.cancel']({ id: first.id, reason: '取消' });
    await refused(() => t.api['appointment.cancel']({ id: first.id, reason: '再取消' }), 'conflict', 'id');
    await refused(() => t.api['appointment.change']({ id: first.id, date: tomorrow(), time: '12:00', serviceItem: 'x', departmentId: 'plastic-surgery', consultantId: null, note: '', reason: '' }), 'conflict', 'id');
    await refused(() => t.api['appointment.recordCall']({ id: first.id, outcome: 'confirmed', note: '' }), 'conflict', 'id');
    await refused(() => t.api['appointment.cancel']({ id: first.id, reason: '' }), 'invalid_input', 'reason');
  });
});

describe('arrival from today’s list (预约到诊)', () => {
  it('a check-in refusal reaches the one action under its `id`, keyed by the check-in’s own rule: no message is cut to rename it', async () => {
    await start();
    const v = await t.api['desk.checkIn'](firstVisit());
    const later = await t.api['appointment.book'](booking(t, { customer: { id: v.customerId } }));
    const err = await t.api['appointment.checkIn']({ id: later.id }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    const body = (err as ApiError).toBody();
    // desk.checkIn says it at `visit.appointmentId`; the one action has only `id`.
    expect(body).toEqual({
      code: 'invalid_input',
      field: 'id',
      issues: [{ field: 'id', message: `id: visit.appointmentId: this appointment is for ${tomorrow()}, not today` }],
      rule: 'desk.appointmentOtherDay',
      params: { date: tomorrow() },
      message: `id: visit.appointmentId: this appointment is for ${tomorrow()}, not today`,
    });
    // The desk reads it from the rule, in Chinese by default and in English one click away.
    expect(fromApiError(err, 'zh-CN', {})).toEqual({ fields: { id: `该预约是 ${tomorrow()} 的，不是今天` }, general: null });
    expect(fromApiError(err, 'en', {}).fields.id).toBe(`This appointment is for ${tomorrow()}, not today`);
  });

  it('checks a booked returning visitor in with one call: visit keeps the appointment, the list says arrived', async () => {
    await start();
    const v = await t.api['desk.checkIn'](firstVisit());
    // Registered on an earlier day (a second visit the same day needs a reason: issue 21).
    t.clock.advance(24 * 60);
    await t.signIn(f.lead.id, LEAD_PIN);
    const a = await t.api['appointment.book'](booking(t, { customer: { id: v.customerId }, date: today(), time: '11:00', consultantId: f.consultant.id, serviceItem: '复查' }));
    const visit = await t.api['appointment.checkIn']({ id: a.id });
    expect(visit).toMatchObject({ appointmentId: a.id, hasAppointment: true, firstVisit: false, intention: '复查', consultantId: f.consultant.id, customerId: v.customerId });
    const [listed] = await t.api['appointment.day']({});
    expect(listed).toMatchObject({ id: a.id, state: 'arrived', visitId: visit.id });
    await refused(() => t.api['appointment.checkIn']({ id: a.id }), 'conflict', 'id');
    await refused(() => t.api['appointment.cancel']({ id: a.id, reason: 'x' }), 'conflict', 'id');
    await refused(() => t.api['appointment.markNoShow']({ id: a.id }), 'conflict', 'id');
  });

  it('refuses a one-action check-in for someone not on file, of another day, or cancelled; the form links a new person', async () => {
    await start();
    const stranger = await t.api['appointment.book'](booking(t, { date: today(), time: '12:00' }));
    await refused(() => t.api['appointment.checkIn']({ id: stranger.id }), 'invalid_input', 'id');
    const v = await t.api['desk.checkIn'](firstVisit());
    const later = await t.api['appointment.book'](booking(t, { customer: { id: v.customerId } }));
    await refused(() => t.api['appointment.checkIn']({ id: later.id }), 'invalid_input', 'id');
    // Someone else's booking (another phone) cannot be kept by this customer.
    await refused(() => t.api['desk.checkIn']({ customer: { id: v.customerId }, visit: { ...firstVisit().visit, appointmentId: stranger.id } }), 'invalid_input', 'visit.appointmentId');
    await refused(() => t.api['desk.checkIn']({ customer: { new: newCustomer({ name: stranger.name }) }, visit: { ...firstVisit().visit, appointmentId: stranger.id } }), 'invalid_input', 'visit.appointmentId');
    await refused(() => t.api['appointment.checkIn']({ id: 'appointment:BJ:none' }), 'not_found', 'id');
    // The person booked by phone registers at the door through the form, with the appointment.
    const visit = await t.api['desk.checkIn']({ customer: { new: newCustomer({ name: stranger.name, phone: stranger.phone }) }, visit: { ...firstVisit().visit, appointmentId: stranger.id } });
    expect(visit).toMatchObject({ appointmentId: stranger.id, hasAppointment: true, firstVisit: true });
    expect((await t.api['appointment.day']({})).find((x) => x.id === stranger.id)?.state).toBe('arrived');
  });
});

describe('no-shows（若客户未能按时到达，将记录在案）', () => {
  it('marks a no-show by hand once the time has passed; records the rest when the day is over; shows them in the history', async () => {
    await start();
    const v = await t.api['desk.checkIn'](firstVisit());
    const missed = await bookAt(t, new Date(t.clock.now.getTime() - 3 * 3_600_000), booking(t, { customer: { id: v.customerId }, date: today(), time: '09:00' }));
    const ahead = await t.api['appointment.book'](booking(t, { date: today(), time: '16:00' }));
    await refused(() => t.api['appointment.markNoShow']({ id: ahead.id }), 'conflict', 'id');
    expect((await t.api['appointment.day']({})).find((x) => x.id === missed.id)?.state).toBe('overdue');
    expect(await t.api['appointment.markNoShow']({ id: missed.id })).toMatchObject({ state: 'noShow' });
    await refused(() => t.api['appointment.markNoShow']({ id: missed.id }), 'conflict', 'id');

    t.clock.advance(24 * 60); // the next day
    await t.signIn(f.lead.id, LEAD_PIN);
    const list = await t.api['appointment.day']({ date: addDays(today(), -1) });
    expect(list.map((x) => [x.id, x.state])).toEqual([
      [missed.id, 'noShow'],
      [ahead.id, 'noShow'],
    ]);
    const auto = await t.app.store.db.get<{ createdBy: string; createdAt: string; how: string }>(`no-show:BJ:${ahead.id.split(':')[2]}`);
    expect(auto).toMatchObject({ createdBy: 'system', how: 'auto', createdAt: new Date(`${addDays(today(), -1)}T16:00:00.000Z`).toISOString() });
    // Running again records nothing more.
    expect(await settleNoShows(t.app.store.db, 'BJ', t.clock.now)).toBe(0);

    const history = await t.api['customer.history']({ customerId: v.customerId });
    expect(history.noShows).toEqual([expect.objectContaining({ appointmentId: missed.id, how: 'manual', recordedBy: '王主任' })]);
    expect(history.appointments.map((x) => [x.id, x.state])).toEqual([[missed.id, 'noShow']]);
    expect(history.visits).toHaveLength(1);
  });

  it('a no-show marked by mistake is corrected by a lead with the reason; both records are kept; a guide may not (issue 21)', async () => {
    await start();
    const v = await t.api['desk.checkIn'](firstVisit());
    await t.api['visits.cancel']({ visitId: v.id, reason: '应按预约到诊登记' });
    const missed = await bookAt(t, new Date(t.clock.now.getTime() - 3 * 3_600_000), booking(t, { customer: { id: v.customerId }, date: today(), time: '09:00' }));
    // Nothing to correct before a no-show is recorded.
    await refused(() => t.api['appointment.correctNoShow']({ id: missed.id, reason: '误记' }), 'conflict', 'id');
    await t.api['appointment.markNoShow']({ id: missed.id });
    // A guide may mark a no-show but not withdraw one.
    const guide = await seedStaff(t, { role: 'guide', pin: '5555' });
    await t.signIn(guide.id, '5555');
    await refused(() => t.api['appointment.correctNoShow']({ id: missed.id, reason: '误记' }), 'forbidden', undefined);
    await t.signIn(f.lead.id, LEAD_PIN);
    // Bad input: no reason, unknown appointment, an unknown field.
    await refused(() => t.api['appointment.correctNoShow']({ id: missed.id, reason: ' ' }), 'invalid_input', 'reason');
    await refused(() => t.api['appointment.correctNoShow']({ id: 'appointment:BJ:none', reason: '误记' }), 'not_found', 'id');
    await refused(() => t.api['appointment.correctNoShow']({ id: missed.id, reason: '误记', extra: 1 } as never), 'invalid_input', 'extra');

    const corrected = await t.api['appointment.correctNoShow']({ id: missed.id, reason: '客户在候诊区，误按爽约' });
    expect(corrected).toMatchObject({ state: 'overdue', noShowCorrection: { byName: '王主任', reason: '客户在候诊区，误按爽约' } });
    await refused(() => t.api['appointment.correctNoShow']({ id: missed.id, reason: '再次' }), 'conflict', 'id');
    await refused(() => t.api['appointment.markNoShow']({ id: missed.id }), 'conflict', 'id');
    // Both documents stay: the no-show and its correction.
    const tail = missed.id.split(':')[2];
    expect(await t.app.store.db.get(`no-show:BJ:${tail}`)).toMatchObject({ how: 'manual' });
    expect(await t.app.store.db.get(`no-show-correction:BJ:${tail}`)).toMatchObject({ appointmentId: missed.id, createdBy: f.lead.id });
    expect((await t.api['customer.history']({ customerId: v.customerId })).noShows).toEqual([]);
    // She can be checked in with her booking now.
    expect(await t.api['appointment.checkIn']({ id: missed.id })).toMatchObject({ appointmentId: missed.id });
    // The next day the end-of-day job leaves the corrected appointment alone.
    t.clock.advance(24 * 60);
    expect(await settleNoShows(t.app.store.db, 'BJ', t.clock.now)).toBe(0);
  });

  it('a desk started on a later day records the unkept appointments of earlier days by itself', async () => {
    const dir = tempDir();
    dirs.push(dir);
    t = await startTestApp({ dir: dir.path });
    f = await setUpClinic(t);
    const a = await t.api['appointment.book'](booking(t, { date: today(), time: '15:00' }));
    await t.close();
    t = await startTestApp({ dir: dir.path, now: new Date(t.clock.now.getTime() + 24 * 3_600_000) });
    const id = `no-show:BJ:${a.id.split(':')[2]}`;
    const doc = await waitFor(() => t.app.store.db.get<{ how: string; createdBy: string }>(id).catch(() => null), 'the no-show recorded at start');
    expect(doc).toMatchObject({ how: 'auto', createdBy: 'system' });
  });

  it('two desks recording the same no-show write one revision, not a conflict', async () => {
    await start();
    const a = await bookAt(t, new Date(t.clock.now.getTime() - 3 * 3_600_000), booking(t, { date: today(), time: '09:00' }));
    const other = await startTestApp({ now: t.clock.now });
    others.push(other);
    await PouchDB.replicate(t.app.store.db, other.app.store.db, { doc_ids: [a.id, `clinic:BJ`] });
    const next = new Date(t.clock.now.getTime() + 24 * 3_600_000);
    expect(await settleNoShows(t.app.store.db, 'BJ', next)).toBe(1);
    expect(await settleNoShows(other.app.store.db, 'BJ', next)).toBe(1);
    const id = `no-show:BJ:${a.id.split(':')[2]}`;
    const [mine, theirs] = [await t.app.store.db.get(id), await other.app.store.db.get(id)];
    expect(mine._rev).toBe(theirs._rev);
    await PouchDB.replicate(other.app.store.db, t.app.store.db);
    expect((await t.app.store.db.get(id, { conflicts: true }))._conflicts).toBeUndefined();
  });
});

describe('duty roster and triage on duty (排班)', () => {
  it('offers only staff on duty once a day has a roster; only admins edit it; past days are kept', async () => {
    await start();
    const second = await addStaff(t, { name: '周医生', role: 'doctor', departmentId: 'plastic-surgery' });
    let day = await t.api['duty.day']({});
    expect(day).toMatchObject({ rosterSet: false });
    expect(day.staff.map((s) => s.name).sort()).toEqual(['周医生', '李咨询']);
    // No roster yet: everyone active is offered.
    await t.api['desk.checkIn'](firstVisit({}, { consultantId: second.id }));
    day = await t.api['duty.set']({ date: today(), staffId: f.consultant.id, onDuty: true });
    expect(day).toMatchObject({ rosterSet: true });
    expect(day.staff.find((s) => s.staffId === f.consultant.id)).toMatchObject({ onDuty: true, setBy: f.lead.id });
    await refused(() => t.api['desk.checkIn'](firstVisit({}, { consultantId: second.id })), 'invalid_input', 'visit.consultantId');
    await t.api['desk.checkIn'](firstVisit({}, { consultantId: f.consultant.id }));
    await refused(() => t.api['duty.set']({ date: addDays(today(), -1), staffId: f.consultant.id, onDuty: false }), 'invalid_input', 'date');
    await refused(() => t.api['duty.set']({ date: today(), staffId: f.lead.id, onDuty: true }), 'invalid_input', 'staffId');
    // A guide may read the roster, not edit it.
    const guide = await addStaff(t, { name: '陈导医', role: 'guide', pin: '5555' });
    await t.signIn(guide.id, '5555');
    expect((await t.api['duty.day']({})).rosterSet).toBe(true);
    await refused(() => t.api['duty.set']({ date: today(), staffId: second.id, onDuty: true }), 'forbidden', undefined);
  });
});

describe('lookup and what a role sees', () => {
  it('finds by name prefix, pinyin initials and 4+ digits anywhere; a guide gets masked phones, a lead the full one', async () => {
    await start();
    const v = await t.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13912345678' }));
    await t.api['desk.checkIn'](firstVisit({ name: '李丽', phone: '13800005678' }));
    const ids = async (q: string) => (await t.api['customer.search']({ query: q })).map((h) => h.name).sort();
    expect(await ids('zxm')).toEqual(['张晓梅']);
    expect(await ids('张晓')).toEqual(['张晓梅']);
    expect(await ids('5678')).toEqual(['张晓梅', '李丽']);
    expect(await ids('1234')).toEqual(['张晓梅']);
    expect(await ids('xm')).toEqual([]);
    t.clock.advance(60);
    await t.api['desk.checkIn']({ customer: { id: v.customerId }, visit: { ...firstVisit().visit, repeatReason: '复查' } });
    const [lead] = await t.api['customer.search']({ query: '13912345678' });
    expect(lead).toMatchObject({ phone: '13912345678', exactPhone: true, visitCount: 2, lastVisitAt: t.clock.now.toISOString() });
    expect((await t.api['customer.search']({ query: '1391234' }))[0]).toMatchObject({ exactPhone: false });

    const guide = await addStaff(t, { name: '陈导医', role: 'guide', pin: '5555' });
    await t.signIn(guide.id, '5555');
    const raw = await t.app.dispatcher.invoke('customer.search', { query: 'zxm' }, t.session());
    expect(JSON.stringify(raw)).not.toContain('13912345678');
    expect(raw).toMatchObject({ ok: true, data: [{ id: v.customerId, phone: '139****5678' }] });
    const waiting = JSON.stringify(await t.app.dispatcher.invoke('desk.waitingList', {}, t.session()));
    expect(waiting).not.toContain('13912345678');
    expect(waiting).toContain('139****5678');
  });

  it('an index built once follows later changes (a new customer is found on the next keystroke)', async () => {
    await start();
    await t.api['desk.checkIn'](firstVisit({ name: '王芳' }));
    expect((await t.api['customer.search']({ query: 'wf' })).map((h) => h.name)).toEqual(['王芳']);
    await t.api['desk.checkIn'](firstVisit({ name: '吴非' }));
    expect((await t.api['customer.search']({ query: 'wf' })).map((h) => h.name)).toEqual(['王芳', '吴非']);
  });
});

describe('members and VIPs (会员分级)', () => {
  it('reminds the named host of a due A/B member, leadership of an A member; VIP details only to allowed roles', async () => {
    await start();
    const host = await addStaff(t, { name: '陈导医', role: 'guide', pin: '5555' });
    const dean = await seedStaff(t, { name: '赵院长', role: 'dean', pin: '6666' });
    const doctor = await addStaff(t, { name: '孙医生', role: 'doctor', departmentId: 'plastic-surgery', pin: '7777' });
    const v = await t.api['desk.checkIn'](firstVisit({ name: '钱多多' }));
    await t.api['customer.setTier']({ customerId: v.customerId, tier: 'A', vip: { hostId: host.id, drinks: '龙井', snacks: '无糖点心', note: '' } });
    await refused(() => t.api['customer.setTier']({ customerId: v.customerId, tier: 'A', vip: { hostId: 'staff:BJ:nobody', drinks: '', snacks: '', note: '' } }), 'invalid_input', 'vip.hostId');
    await t.api['appointment.book'](booking(t, { customer: { id: v.customerId }, date: today(), time: '11:30' }));
    // Her walk-in visit of this morning is over (while she waits, she has an arrival reminder: visits-glance.test.ts).
    await t.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'noPurchase' });

    await t.signIn(host.id, '5555');
    expect(await t.api['desk.reminders']({})).toEqual([]); // 90 minutes ahead: not yet
    t.clock.advance(31);
    expect(await t.api['desk.reminders']({})).toEqual([expect.objectContaining({ kind: 'meetAtDoor', customerName: '钱多多', tier: 'A', drinks: '龙井', snacks: '无糖点心' })]);
    expect((await t.api['customer.search']({ query: '钱多' }))[0]?.vip).toMatchObject({ drinks: '龙井' });
    await t.signIn(dean.id, '6666');
    expect(await t.api['desk.reminders']({})).toEqual([expect.objectContaining({ kind: 'greetVip', customerName: '钱多多' })]);
    await t.signIn(doctor.id, '7777');
    const seen = JSON.stringify(await t.app.dispatcher.invoke('customer.search', { query: '钱多' }, t.session()));
    expect(seen).not.toContain('龙井');
    await refused(() => t.api['customer.setTier']({ customerId: v.customerId, tier: 'B', vip: null }), 'forbidden', undefined);
  });
});

describe('directed registration (定向性登记) by role', () => {
  it('a guide cannot fill the directed fields; a lead can', async () => {
    await start();
    const guide = await addStaff(t, { name: '陈导医', role: 'guide', pin: '5555' });
    const input = firstVisit({ directed: { economicStatus: '较好' } });
    await t.api['desk.checkIn'](input);
    await t.signIn(guide.id, '5555');
    await refused(() => t.api['desk.checkIn'](firstVisit({ directed: { priceComparison: '比较过三家' } })), 'forbidden', 'customer.new.directed');
    await t.api['desk.checkIn'](firstVisit({ directed: {} }));
  });
});

describe('two records of one person (merge)', () => {
  it('finds records sharing a phone, merges them by a person: visits, appointments and no-shows re-pointed, the other kept as mergedInto', async () => {
    await start();
    const v = await t.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13912345678' }));
    const twin = await offlineTwin(t, v.customerId, '张小梅');
    // The twin's own visit and a missed appointment, as the other desk wrote them.
    await t.app.store.db.put({ ...(await t.app.store.db.get(v.id)), _id: `visit:BJ:2026-11-26:twinvisit`, _rev: undefined, customerId: twin, arrivedAt: '2026-11-26T02:00:00.000Z' });
    const missed = await bookAt(t, new Date(t.clock.now.getTime() - 3 * 3_600_000), booking(t, { customer: { id: twin }, date: today(), time: '09:00' }));
    await t.api['appointment.markNoShow']({ id: missed.id });

    const groups = await t.api['customer.duplicates']({});
    expect(groups).toEqual([{ phone: '13912345678', customers: [expect.objectContaining({ id: v.customerId, name: '张晓梅', visitCount: 1 }), expect.objectContaining({ id: twin, name: '张小梅', visitCount: 1 })] }]);
    await refused(() => t.api['customer.merge']({ keepId: v.customerId, mergeId: v.customerId }), 'invalid_input', 'mergeId');
    await refused(() => t.api['customer.merge']({ keepId: v.customerId, mergeId: 'customer:BJ:none' }), 'not_found', 'mergeId');

    expect(await t.api['customer.merge']({ keepId: v.customerId, mergeId: twin })).toEqual({ keptId: v.customerId, mergedId: twin, visits: 1, appointments: 1, noShows: 1 });
    const loser = await t.app.store.db.get<{ mergedInto: string; updatedBy: string }>(twin);
    expect(loser).toMatchObject({ mergedInto: v.customerId, updatedBy: f.lead.id }); // kept, never deleted
    expect(await t.api['customer.duplicates']({})).toEqual([]);
    expect((await t.api['customer.search']({ query: '5678' })).map((h) => [h.id, h.visitCount])).toEqual([[v.customerId, 2]]);
    const history = await t.api['customer.history']({ customerId: v.customerId });
    expect(history.visits).toHaveLength(2);
    expect(history.appointments.map((a) => a.id)).toEqual([missed.id]);
    expect(history.noShows).toHaveLength(1);
    await refused(() => t.api['desk.checkIn']({ customer: { id: twin }, visit: firstVisit().visit }), 'conflict', 'customer.id');
    await refused(() => t.api['customer.merge']({ keepId: v.customerId, mergeId: twin }), 'conflict', 'mergeId');
    // A guide may not merge.
    const guide = await addStaff(t, { name: '陈导医', role: 'guide', pin: '5555' });
    await t.signIn(guide.id, '5555');
    await refused(() => t.api['customer.duplicates']({}), 'forbidden', undefined);
  });
});
