import { appointmentDocs, noShowCorrectionDocs } from '../../shared/appointments/docs';
import type { appointmentsContract } from '../../shared/appointments/contract';
import type { AppointmentDoc, AppointmentView, NoShowCorrectionDoc } from '../../shared/appointments/schemas';
import { bookingTimeProblem, callListDate, canMarkNoShow, canStillChange, clinicInstant, isLateChange, isLateNotice } from '../../shared/appointments/rules';
import { ApiError, withDetail, type RefusalParams } from '../../shared/errors';
import { appointmentsRefusals, type AppointmentsRule } from '../../shared/appointments/refusals';
import { newIdTail } from '../../shared/ids';
import { triageRoles, type ClinicDoc, type StaffDoc } from '../../shared/reference/schemas';
import { clinicDate } from '../../shared/time';
import type { OperatorContext } from '../api/context';
import type { Handlers } from '../api/types';
// eslint-disable-next-line no-restricted-imports -- checking in a booked visitor is desk.checkIn; NOT DONE (issue 20): a check-in module both call
import { deskHandlers } from '../desk/handlers';
import { customerByPhone, getCustomer } from '../desk/repo';
import { getStaff, requireClinic } from '../reference/repo';
import { newMeta, touched } from '../store/meta';
import type { Db } from '../store/pouch';
import { serialised } from '../store/serial';
import { appointmentsBetween, arrivalOf, arrivalsBetween, getAppointment, noShowCorrectionsOf, noShowsOf, onDutyToday } from './repo';
import { noShowDoc, settleNoShows, toViews } from './views';

/** Read by the enquiries domain (its booking answers an appointment view). */
export { toViews };

type Ops = keyof typeof appointmentsContract;

/** A refusal keyed by its rule (shared/appointments/refusals.ts); `message` stays English for logs. */
function refuse(field: string, rule: AppointmentsRule, params: RefusalParams, message: string, code: 'invalid_input' | 'not_found' | 'conflict' | 'forbidden' = 'invalid_input'): never {
  throw appointmentsRefusals.refuse(code, field, rule, params, `${field}: ${message}`);
}

const stateWords = { cancelled: 'was cancelled', arrived: 'has already arrived', noShow: 'is recorded as a no-show', past: 'was on a past day', notYet: 'is still ahead' } as const;
const stateRules = { cancelled: 'wasCancelled', arrived: 'alreadyArrived', noShow: 'isNoShow', past: 'pastDay', notYet: 'stillAhead' } as const satisfies Record<keyof typeof stateWords, AppointmentsRule>;

async function viewOne(ctx: OperatorContext, clinic: ClinicDoc, a: AppointmentDoc): Promise<AppointmentView> {
  const arrivals = await arrivalsBetween(ctx.db, clinic.code, a.date, a.date);
  return (await toViews(ctx.db, clinic, [a], arrivals, ctx.now(), ctx.operator.role))[0]!;
}

/** The department is active; the consultant, if named, an active consultant or doctor (on duty that day if a roster is set). */
async function checkTarget(db: Db, clinic: ClinicDoc, departmentId: string, consultantId: string | null, date: string): Promise<StaffDoc | null> {
  if (!clinic.departments.some((d) => d.id === departmentId && d.active)) refuse('departmentId', 'noSuchDepartment', {}, 'no such active department');
  if (consultantId === null) return null;
  const s = await getStaff(db, consultantId);
  if (!s || !s.active || s.clinic !== clinic.code || !triageRoles.includes(s.role)) refuse('consultantId', 'notTriageStaff', {}, 'not an active consultant or doctor');
  const onDuty = await onDutyToday(db, clinic.code, date);
  if (onDuty && !onDuty.has(s._id)) refuse('consultantId', 'offDuty', { name: s.name, date }, `${s.name} is not on duty on ${date}`);
  return s;
}

function checkTime(date: string, time: string, now: Date) {
  const p = bookingTimeProblem(date, time, now);
  if (!p) return;
  const words = { date: 'not a real date', time: 'not a real time', past: 'is in the past', closed: 'is outside opening hours (08:00-21:00)', tooFar: 'is more than a year ahead' };
  const rules = { date: 'notRealDate', time: 'notRealTime', past: 'inPast', closed: 'outsideHours', tooFar: 'tooFar' } as const;
  refuse(p.field, rules[p.problem], { date, time, hours: '08:00-21:00' }, `${date} ${time} ${words[p.problem]}`);
}

async function facts(db: Db, a: AppointmentDoc) {
  const [arrived, noShows, corrections] = await Promise.all([arrivalOf(db, a), noShowsOf(db, [a._id]), noShowCorrectionsOf(db, [a._id])]);
  return { arrived: arrived !== null, noShow: noShows.has(a._id) && !corrections.has(a._id), corrected: corrections.has(a._id), recorded: noShows.has(a._id) };
}

async function requireAppointment(db: Db, clinic: ClinicDoc, id: string): Promise<AppointmentDoc> {
  const a = await getAppointment(db, id);
  if (!a || a.clinic !== clinic.code) refuse('id', 'noSuchAppointment', {}, 'no such appointment', 'not_found');
  return a;
}

async function save(db: Db, doc: AppointmentDoc): Promise<AppointmentDoc> {
  const res = await db.put(doc);
  return { ...doc, _rev: res.rev };
}

/**
 * An edit of an appointment that may still change (booked, not arrived, no no-show, not on a past
 * day), under the store's one-at-a-time queue: `edit` returns the next version, which is saved
 * and answered as a view.
 */
function editOpen(ctx: OperatorContext, id: string, edit: (a: AppointmentDoc, clinic: ClinicDoc, now: Date) => AppointmentDoc | Promise<AppointmentDoc>): Promise<AppointmentView> {
  return serialised(ctx.db, async () => {
    const clinic = await requireClinic(ctx.db);
    const now = ctx.now();
    const a = await requireAppointment(ctx.db, clinic, id);
    const f = await facts(ctx.db, a);
    const can = canStillChange(a, f.arrived, f.noShow, now);
    if (can !== 'ok') refuse('id', stateRules[can], {}, `this appointment ${stateWords[can]}`, 'conflict');
    return viewOne(ctx, clinic, await save(ctx.db, await edit(a, clinic, now)));
  });
}

export const appointmentsHandlers: Pick<Handlers, Ops> = {
  async 'appointment.book'(ctx, input) {
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
  },

  async 'appointment.change'(ctx, input) {
    return editOpen(ctx, input.id, async (a, clinic, now) => {
      checkTime(input.date, input.time, now);
      await checkTarget(ctx.db, clinic, input.departmentId, input.consultantId, input.date);
      const toAt = clinicInstant(input.date, input.time);
      const change = { at: now.toISOString(), by: ctx.operator._id, fromAt: a.at, toAt, late: isLateChange(a.at, toAt, now), reason: input.reason };
      return {
        ...touched(a, ctx.operator, now),
        date: input.date,
        time: input.time,
        at: toAt,
        serviceItem: input.serviceItem,
        departmentId: input.departmentId,
        consultantId: input.consultantId,
        note: input.note,
        changes: toAt === a.at ? a.changes : [...a.changes, change],
      };
    });
  },

  async 'appointment.cancel'(ctx, input) {
    return editOpen(ctx, input.id, (a, _clinic, now) => ({ ...touched(a, ctx.operator, now), status: 'cancelled', cancelledAt: now.toISOString(), cancelledBy: ctx.operator._id, cancelLate: isLateNotice(a.at, now), cancelReason: input.reason }));
  },

  async 'appointment.day'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const now = ctx.now();
    await serialised(ctx.db, () => settleNoShows(ctx.db, clinic.code, now));
    const date = input.date ?? clinicDate(now);
    const list = (await appointmentsBetween(ctx.db, date, date)).filter((a) => a.clinic === clinic.code);
    return toViews(ctx.db, clinic, list, await arrivalsBetween(ctx.db, clinic.code, date, date), now, ctx.operator.role);
  },

  async 'appointment.callList'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const now = ctx.now();
    const date = input.date ?? callListDate(now);
    const list = (await appointmentsBetween(ctx.db, date, date)).filter((a) => a.clinic === clinic.code && a.status === 'booked');
    return toViews(ctx.db, clinic, list, await arrivalsBetween(ctx.db, clinic.code, date, date), now, ctx.operator.role);
  },

  async 'appointment.recordCall'(ctx, input) {
    return editOpen(ctx, input.id, (a, _clinic, now) => ({ ...touched(a, ctx.operator, now), calls: [...a.calls, { at: now.toISOString(), by: ctx.operator._id, outcome: input.outcome, note: input.note }] }));
  },

  async 'appointment.markNoShow'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const a = await requireAppointment(ctx.db, clinic, input.id);
      const f = await facts(ctx.db, a);
      // A no-show a lead corrected stays corrected (the record is written once).
      if (f.corrected) refuse('id', 'correctedStays', {}, 'this no-show was corrected by a lead; it stays corrected', 'conflict');
      const can = canMarkNoShow(a, f, now);
      if (can !== 'ok') refuse('id', stateRules[can], {}, `this appointment ${stateWords[can]}`, 'conflict');
      await ctx.db.put(noShowDoc(a, ctx.operator._id, now, 'manual'));
      return viewOne(ctx, clinic, a);
    });
  },

  async 'appointment.correctNoShow'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const a = await requireAppointment(ctx.db, clinic, input.id);
      const f = await facts(ctx.db, a);
      if (f.corrected) refuse('id', 'alreadyCorrected', {}, 'this no-show is already corrected', 'conflict');
      if (!f.recorded) refuse('id', 'noNoShow', {}, 'no no-show is recorded for this appointment', 'conflict');
      const doc: NoShowCorrectionDoc = { ...newMeta('no-show-correction', noShowCorrectionDocs.id(a._id), a.clinic, ctx.operator._id, now), type: 'no-show-correction', appointmentId: a._id, reason: input.reason };
      await ctx.db.put(doc);
      return viewOne(ctx, clinic, a);
    });
  },

  async 'appointment.checkIn'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const a = await requireAppointment(ctx.db, clinic, input.id);
    if (a.customerId === null) refuse('id', 'notRegistered', { name: a.name }, `${a.name} is not registered yet: register them with the check-in form`);
    try {
      return await deskHandlers['desk.checkIn'](ctx, {
        customer: { id: a.customerId },
        visit: { hasAppointment: true, appointmentId: a._id, intention: a.serviceItem, concerns: '', course: '', history: '', departmentId: a.departmentId, consultantId: a.consultantId, repeatReason: null },
      });
    } catch (err) {
      // The check-in's own refusals (cancelled, not today, already in, consultant off duty) name this op's one field.
      // Its rule and params come along (desk.appointmentCancelled …), so the desk reads the check-in's own text.
      if (err instanceof ApiError && err.field) {
        const { issues: _i, ...body } = err.toBody();
        throw new ApiError({ ...body, field: 'id', message: `id: ${err.message.replace(/^[\w.]+: /, '')}` });
      }
      throw err;
    }
  },

};

