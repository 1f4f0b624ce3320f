import type { appointmentsContract } from '../../../shared/appointments/contract';
import type { BookInput } from '../../../shared/appointments/schemas';
import { addDays } from '../../../shared/appointments/rules';
import { clinicDate } from '../../../shared/time';
import type { TestApp } from '../app';
import { firstVisit, newCustomer, type ClinicFixture } from '../factories';

/** A booking for tomorrow 10:00 of a person not yet on file, overridable. */
export function booking(t: TestApp, overrides: Partial<BookInput> = {}): BookInput {
  const c = newCustomer();
  return {
    customer: { name: c.name, phone: c.phone },
    source: 'phone',
    date: addDays(clinicDate(t.clock.now), 1),
    time: '10:00',
    serviceItem: '双眼皮咨询',
    departmentId: 'plastic-surgery',
    consultantId: null,
    note: '',
    ...overrides,
  };
}

/** Books at a moment other than now (e.g. earlier today, so the appointment time has passed). */
export async function bookAt(t: TestApp, at: Date, input: BookInput) {
  const real = t.clock.now;
  t.clock.now = at;
  try {
    return await t.api['appointment.book'](input);
  } finally {
    t.clock.now = real;
  }
}

/** A valid input for each of this domain's operations (tests/integration/contract.test.ts breaks each one). */
export async function appointmentsValidInputs(t: TestApp, f: ClinicFixture): Promise<Record<keyof typeof appointmentsContract, Record<string, unknown>>> {
  const today = clinicDate(t.clock.now);
  const [toChange, toCancel, toCall] = [await t.api['appointment.book'](booking(t)), await t.api['appointment.book'](booking(t)), await t.api['appointment.book'](booking(t))];
  // Booked two hours ago for 09:00 today (now is 10:00): the visitor has not come.
  const missed = await bookAt(t, new Date(t.clock.now.getTime() - 2 * 3_600_000), booking(t, { date: today, time: '09:00' }));
  const visit = await t.api['desk.checkIn'](firstVisit());
  // Marked a no-show at 09:30 by mistake (issue 21): the lead corrects it.
  const mistaken = await bookAt(t, new Date(t.clock.now.getTime() - 2 * 3_600_000), booking(t, { date: today, time: '09:30' }));
  await t.api['appointment.markNoShow']({ id: mistaken.id });
  // Registered by mistake as a walk-in and cancelled (作废), so the booking can be kept today (one visit a day: issue 21).
  await t.api['visits.cancel']({ visitId: visit.id, reason: '应按预约到诊登记' });
  const due = await t.api['appointment.book'](booking(t, { customer: { id: visit.customerId }, date: today, time: '11:00' }));
  return {
    'appointment.book': { ...booking(t) },
    'appointment.change': { id: toChange.id, date: toChange.date, time: '14:30', serviceItem: '复查', departmentId: 'plastic-surgery', consultantId: f.consultant.id, note: '', reason: '客户来电改时间' },
    'appointment.cancel': { id: toCancel.id, reason: '客户来电取消' },
    'appointment.day': { date: today },
    'appointment.callList': {},
    'appointment.recordCall': { id: toCall.id, outcome: 'confirmed', note: '' },
    'appointment.markNoShow': { id: missed.id },
    'appointment.correctNoShow': { id: mistaken.id, reason: '客户已到院，误记爽约' },
    'appointment.checkIn': { id: due.id },
  };
}

/**
 * A second record of an existing customer, as another desk created it while offline and sync
 * brought it here (the API itself never creates one): same phone, its own id.
 */
export async function offlineTwin(t: TestApp, customerId: string, name?: string): Promise<string> {
  const original = await t.app.store.db.get<Record<string, unknown>>(customerId);
  const { _rev: _r, ...body } = original;
  const id = `customer:BJ:twin${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const at = new Date(t.clock.now.getTime() + 1000).toISOString();
  await t.app.store.db.put({ ...body, _id: id, ...(name ? { name } : {}), createdAt: at, updatedAt: at });
  return id;
}
