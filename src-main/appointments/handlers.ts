import { noShowCorrectionDocs } from '../../shared/appointments/docs';
import type { appointmentsContract } from '../../shared/appointments/contract';
import type { AppointmentDoc, AppointmentView, NoShowCorrectionDoc } from '../../shared/appointments/schemas';
import { callListDate, canMarkNoShow, canStillChange, clinicInstant, isLateChange, isLateNotice } from '../../shared/appointments/rules';
import { ApiError, atField } from '../../shared/errors';
import type { AppointmentsRule } from '../../shared/appointments/refusals';
import type { ClinicDoc } from '../../shared/reference/schemas';
import { clinicDate } from '../../shared/time';
import type { OperatorContext } from '../api/context';
import type { Handlers } from '../api/types';
import { checkIn } from '../desk/checkIn';
import { requireClinic } from '../reference/repo';
import { newMeta, touched } from '../store/meta';
import type { Db } from '../store/pouch';
import { serialised } from '../store/serial';
import { book, checkTarget, checkTime, refuse, save, viewOne } from './booking';
import { appointmentsBetween, arrivalOf, arrivalsBetween, getAppointment, noShowCorrectionsOf, noShowsOf } from './repo';
import { noShowDoc, settleNoShows, toViews } from './views';

type Ops = keyof typeof appointmentsContract;

const stateWords = { cancelled: 'was cancelled', arrived: 'has already arrived', noShow: 'is recorded as a no-show', past: 'was on a past day', notYet: 'is still ahead' } as const;
const stateRules = { cancelled: 'wasCancelled', arrived: 'alreadyArrived', noShow: 'isNoShow', past: 'pastDay', notYet: 'stillAhead' } as const satisfies Record<keyof typeof stateWords, AppointmentsRule>;

async function facts(db: Db, a: AppointmentDoc) {
  const [arrived, noShows, corrections] = await Promise.all([arrivalOf(db, a), noShowsOf(db, [a._id]), noShowCorrectionsOf(db, [a._id])]);
  return { arrived: arrived !== null, noShow: noShows.has(a._id) && !corrections.has(a._id), corrected: corrections.has(a._id), recorded: noShows.has(a._id) };
}

async function requireAppointment(db: Db, clinic: ClinicDoc, id: string): Promise<AppointmentDoc> {
  const a = await getAppointment(db, id);
  if (!a || a.clinic !== clinic.code) refuse('id', 'noSuchAppointment', {}, 'no such appointment', 'not_found');
  return a;
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
  'appointment.book': book,

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
      return await checkIn(ctx, {
        customer: { id: a.customerId },
        visit: { hasAppointment: true, appointmentId: a._id, intention: a.serviceItem, concerns: '', course: '', history: '', departmentId: a.departmentId, consultantId: a.consultantId, repeatReason: null },
      });
    } catch (err) {
      // The check-in's own refusals (cancelled, not today, already in, consultant off duty) name this op's one field.
      // Its rule and params come along (desk.appointmentCancelled …), so the desk reads the check-in's own text.
      if (err instanceof ApiError && err.field) throw atField(err, 'id');
      throw err;
    }
  },

};

