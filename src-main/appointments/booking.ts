import { appointmentDocs } from '../../shared/appointments/docs';
import type { AppointmentDoc, AppointmentView } from '../../shared/appointments/schemas';
import { bookingTimeProblem, clinicInstant } from '../../shared/appointments/rules';
import { withDetail, type RefusalParams } from '../../shared/errors';
import { appointmentsRefusals, type AppointmentsRule } from '../../shared/appointments/refusals';
import { newIdTail } from '../../shared/ids';
import type { ClinicDoc, StaffDoc } from '../../shared/reference/schemas';
import type { OperatorContext } from '../api/context';
import type { Handler } from '../api/types';
import { customerByPhone, getCustomer } from '../desk/repo';
import { requireClinic } from '../reference/repo';
import { triageTarget } from '../staff/triage';
import { newMeta } from '../store/meta';
import type { Db } from '../store/pouch';
import { serialised } from '../store/serial';
import { appointmentsBetween, arrivalsBetween } from './repo';
import { toViews } from './views';

/**
 * Booking an appointment (appointment.book), also called by the enquiries domain when it books
 * from an enquiry, and the checks and helpers the other appointment operations share with it.
 */

/** A refusal keyed by its rule (shared/appointments/refusals.ts); `message` stays English for logs. */
export function refuse(field: string, rule: AppointmentsRule, params: RefusalParams, message: string, code: 'invalid_input' | 'not_found' | 'conflict' | 'forbidden' = 'invalid_input'): never {
  throw appointmentsRefusals.refuse(code, field, rule, params, `${field}: ${message}`);
}

export async function viewOne(ctx: OperatorContext, clinic: ClinicDoc, a: AppointmentDoc): Promise<AppointmentView> {
  const arrivals = await arrivalsBetween(ctx.db, clinic.code, a.date, a.date);
  return (await toViews(ctx.db, clinic, [a], arrivals, ctx.now(), ctx.operator.role))[0]!;
}

/** Whom the appointment is with (src-main/staff/triage.ts, the check-in's check), refused by the appointments' rules. */
export async function checkTarget(db: Db, clinic: ClinicDoc, departmentId: string, consultantId: string | null, date: string): Promise<StaffDoc | null> {
  const { consultant } = await triageTarget(db, clinic, { departmentId, consultantId }, { date }, (p) => {
    if (p.rule === 'noSuchDepartment') refuse('departmentId', 'noSuchDepartment', {}, 'no such active department');
    if (p.rule === 'notConsultantOf') refuse('consultantId', 'notConsultantOf', { department: p.department }, `not an active consultant or doctor of ${p.department}`);
    return refuse('consultantId', 'offDuty', { name: p.name, date }, `${p.name} is not on duty on ${date}`);
  });
  return consultant;
}

export function checkTime(date: string, time: string, now: Date) {
  const p = bookingTimeProblem(date, time, now);
  if (!p) return;
  const words = { date: 'not a real date', time: 'not a real time', past: 'is in the past', closed: 'is outside opening hours (08:00-21:00)', tooFar: 'is more than a year ahead' };
  const rules = { date: 'notRealDate', time: 'notRealTime', past: 'inPast', closed: 'outsideHours', tooFar: 'tooFar' } as const;
  refuse(p.field, rules[p.problem], { date, time, hours: '08:00-21:00' }, `${date} ${time} ${words[p.problem]}`);
}

export async function save(db: Db, doc: AppointmentDoc): Promise<AppointmentDoc> {
  const res = await db.put(doc);
  return { ...doc, _rev: res.rev };
}

/** appointment.book: one appointment, for a customer on file or by name and phone (never a second person for one phone). */
export const book: Handler<'appointment.book'> = async (ctx, input) => {
  return serialised(ctx.db, async () => {
    const clinic = await requireClinic(ctx.db);
    const now = ctx.now();
    checkTime(input.date, input.time, now);
    await checkTarget(ctx.db, clinic, input.departmentId, input.consultantId, input.date);
    let who: { customerId: string | null; name: string; phone: string };
    if ('id' in input.customer) {
      const c = await getCustomer(ctx.db, input.customer.id);
      if (!c || c.clinic !== clinic.code) refuse('customer.id', 'noSuchCustomer', {}, 'no such customer', 'not_found');
      if (c.mergedInto) refuse('customer.id', 'merged', {}, `this record was merged into ${c.mergedInto}`, 'conflict');
      who = { customerId: c._id, name: c.name, phone: c.phone };
    } else {
      const existing = await customerByPhone(ctx.db, input.customer.phone);
      if (existing) {
        // Never a second person for one phone: the desk books the customer on file instead.
        throw withDetail(appointmentsRefusals.refuse('conflict', 'customer.phone', 'phoneTaken', { name: existing.name }, `customer.phone: already registered to ${existing.name}`), { existingId: existing._id, existingName: existing.name });
      }
      who = { customerId: null, ...input.customer };
    }
    const sameDay = (await appointmentsBetween(ctx.db, input.date, input.date)).find((a) => a.status === 'booked' && (who.customerId ? a.customerId === who.customerId : a.phone === who.phone));
    if (sameDay) refuse('date', 'alreadyBooked', { name: who.name, date: input.date, time: sameDay.time }, `${who.name} is already booked on ${input.date} at ${sameDay.time}`, 'conflict');
    const doc: AppointmentDoc = {
      ...newMeta('appointment', appointmentDocs.id(clinic.code, newIdTail(now)), clinic.code, ctx.operator._id, now),
      type: 'appointment',
      ...who,
      date: input.date,
      time: input.time,
      at: clinicInstant(input.date, input.time),
      serviceItem: input.serviceItem,
      departmentId: input.departmentId,
      consultantId: input.consultantId,
      source: input.source,
      note: input.note,
      status: 'booked',
      changes: [],
      calls: [],
      cancelledAt: null,
      cancelledBy: null,
      cancelLate: null,
      cancelReason: '',
    };
    return viewOne(ctx, clinic, await save(ctx.db, doc));
  });
};
