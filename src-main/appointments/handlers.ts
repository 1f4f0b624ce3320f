import type { appointmentsContract } from '../../shared/appointments/contract';
import type { AppointmentDoc, AppointmentView, NoShowCorrectionDoc, NoShowDoc, Reminder, VipAckDoc } from '../../shared/appointments/schemas';
import {
  addDays,
  bookingTimeProblem,
  callListDate,
  canMarkNoShow,
  canStillChange,
  clinicInstant,
  dayEnd,
  doorReminderDue,
  isLateChange,
  isLateNotice,
  noShowDue,
  appointmentState,
  NO_SHOW_LOOKBACK_DAYS,
} from '../../shared/appointments/rules';
import type { CustomerDoc, VisitDoc } from '../../shared/desk/schemas';
import { leadershipRoles, phoneFor, visibilityFor } from '../../shared/desk/visibility';
import { ApiError } from '../../shared/errors';
import { newIdTail } from '../../shared/ids';
import { triageRoles, type ClinicDoc, type StaffDoc, type StaffRole } from '../../shared/reference/schemas';
import { clinicDate, clinicTime } from '../../shared/time';
import { isWaiting } from '../../shared/visits/rules';
import type { OperatorContext } from '../api/context';
import type { Handlers } from '../api/types';
import { deskHandlers } from '../desk/handlers';
import { customerByPhone, getCustomer } from '../desk/repo';
import { customerIndex } from '../desk/customerIndex';
import { deskClinicCode, getStaff, listStaff, requireClinic } from '../reference/repo';
import { newMeta, touched, upserted } from '../store/meta';
import { cancelledBetween, dayBoard } from '../visits/repo';
import { visitDate } from '../../shared/desk/docs';
import type { Db } from '../store/pouch';
import { serialised } from '../store/serial';
import { onDuty } from '../staff/repo';
import { appointmentDocs, dutyDocs, noShowCorrectionDocs, noShowDocs, vipAckDocs } from '../../shared/appointments/docs';
import { appointmentsBetween, arrivalOf, arrivalsBetween, dutyOfDay, getAppointment, noShowCorrectionsOf, noShowsOf, onDutyToday, type DutyDoc } from './repo';
import { getOrNull } from '../store/get';

type Ops = keyof typeof appointmentsContract;

function refuse(field: string, message: string, code: 'invalid_input' | 'not_found' | 'conflict' | 'forbidden' = 'invalid_input'): never {
  throw new ApiError({ code, field, message: `${field}: ${message}` });
}

const stateWords = { cancelled: 'was cancelled', arrived: 'has already arrived', noShow: 'is recorded as a no-show', past: 'was on a past day', notYet: 'is still ahead' } as const;

/** What the desk shows of appointments: names, tier, state, masked phones; one read per kind. */
export async function toViews(db: Db, clinic: ClinicDoc, list: AppointmentDoc[], arrivals: Map<string, string>, now: Date, role: StaffRole): Promise<AppointmentView[]> {
  if (!list.length) return [];
  const [noShows, corrections, staff, customers] = await Promise.all([
    noShowsOf(db, list.map((a) => a._id)),
    noShowCorrectionsOf(db, list.map((a) => a._id)),
    listStaff(db, clinic.code),
    db.allDocs<CustomerDoc>({ keys: [...new Set(list.flatMap((a) => (a.customerId ? [a.customerId] : [])))], include_docs: true }),
  ]);
  const names = new Map(staff.map((s) => [s._id, s.name]));
  const tiers = new Map(customers.rows.flatMap((r) => ('doc' in r && r.doc ? [[r.doc._id, r.doc.tier] as const] : [])));
  return list.map((a) => {
    const visitId = arrivals.get(a._id) ?? null;
    const correction = corrections.get(a._id);
    return {
      id: a._id,
      customerId: a.customerId,
      name: a.name,
      phone: phoneFor(role, a.phone),
      tier: (a.customerId && tiers.get(a.customerId)) || null,
      date: a.date,
      time: a.time,
      at: a.at,
      serviceItem: a.serviceItem,
      departmentId: a.departmentId,
      departmentName: clinic.departments.find((d) => d.id === a.departmentId)?.name ?? a.departmentId,
      consultantId: a.consultantId,
      consultantName: a.consultantId ? (names.get(a.consultantId) ?? null) : null,
      source: a.source,
      note: a.note,
      // A corrected no-show no longer stands: a past day's reads `corrected`, today's by the time.
      state: appointmentState(a, { arrived: visitId !== null, noShow: noShows.has(a._id) && !correction, corrected: Boolean(correction) }, now),
      visitId,
      lateChanges: a.changes.filter((c) => c.late).length,
      cancelLate: a.cancelLate,
      cancelReason: a.cancelReason,
      lastCall: a.calls.at(-1) ?? null,
      calls: a.calls.length,
      bookedBy: names.get(a.createdBy) ?? a.createdBy,
      noShowCorrection: correction ? { at: correction.createdAt, byName: names.get(correction.createdBy) ?? correction.createdBy, reason: correction.reason } : null,
    };
  });
}

async function viewOne(ctx: OperatorContext, clinic: ClinicDoc, a: AppointmentDoc): Promise<AppointmentView> {
  const arrivals = await arrivalsBetween(ctx.db, clinic.code, a.date, a.date);
  return (await toViews(ctx.db, clinic, [a], arrivals, ctx.now(), ctx.operator.role))[0]!;
}

/** The record of an appointment not kept: its id is the appointment's, so every desk writes the same one. */
function noShowDoc(a: AppointmentDoc, by: string, at: Date, how: NoShowDoc['how']): NoShowDoc {
  return { ...newMeta('no-show', noShowDocs.id(a._id), a.clinic, by, at), type: 'no-show', appointmentId: a._id, customerId: a.customerId, name: a.name, date: a.date, at: a.at, how };
}

/**
 * The end-of-day job (若客户未能按时到达,将记录在案): appointments of the last NO_SHOW_LOOKBACK_DAYS
 * clinic days that were neither kept nor cancelled get their no-show record. Run lazily when a
 * desk reads its appointments. The record is the same on every desk (id from the appointment,
 * stamped with the day's end and `system`), so two desks that both run it write one revision.
 */
export async function settleNoShows(db: Db, clinic: string, now: Date): Promise<number> {
  const today = clinicDate(now);
  const from = addDays(today, -NO_SHOW_LOOKBACK_DAYS);
  const past = (await appointmentsBetween(db, from, addDays(today, -1))).filter((a) => a.status === 'booked' && a.clinic === clinic);
  if (!past.length) return 0;
  const [arrivals, noShows] = await Promise.all([arrivalsBetween(db, clinic, from, today), noShowsOf(db, past.map((a) => a._id))]);
  const due = past.filter((a) => noShowDue(a, { arrived: arrivals.has(a._id), noShow: noShows.has(a._id) }, now));
  const docs = due.map((a) => noShowDoc(a, 'system', new Date(dayEnd(a.date)), 'auto'));
  if (docs.length) await db.bulkDocs(docs); // an id another call wrote meanwhile answers 409: nothing lost
  return docs.length;
}

/** At start: yesterday's (and older) unkept appointments get their no-shows before anyone asks. */
export async function settleNoShowsAtStart(db: Db, now: Date): Promise<void> {
  const clinic = await deskClinicCode(db);
  if (clinic) await serialised(db, () => settleNoShows(db, clinic, now));
}

/** The department is active; the consultant, if named, an active consultant or doctor (on duty that day if a roster is set). */
async function checkTarget(db: Db, clinic: ClinicDoc, departmentId: string, consultantId: string | null, date: string): Promise<StaffDoc | null> {
  if (!clinic.departments.some((d) => d.id === departmentId && d.active)) refuse('departmentId', 'no such active department');
  if (consultantId === null) return null;
  const s = await getStaff(db, consultantId);
  if (!s || !s.active || s.clinic !== clinic.code || !triageRoles.includes(s.role)) refuse('consultantId', 'not an active consultant or doctor');
  const onDuty = await onDutyToday(db, clinic.code, date);
  if (onDuty && !onDuty.has(s._id)) refuse('consultantId', `${s.name} is not on duty on ${date}`);
  return s;
}

function checkTime(date: string, time: string, now: Date) {
  const p = bookingTimeProblem(date, time, now);
  if (!p) return;
  const words = { date: 'not a real date', time: 'not a real time', past: 'is in the past', closed: 'is outside opening hours (08:00-21:00)', tooFar: 'is more than a year ahead' };
  refuse(p.field, `${date} ${time} ${words[p.problem]}`);
}

async function facts(db: Db, a: AppointmentDoc) {
  const [arrived, noShows, corrections] = await Promise.all([arrivalOf(db, a), noShowsOf(db, [a._id]), noShowCorrectionsOf(db, [a._id])]);
  return { arrived: arrived !== null, noShow: noShows.has(a._id) && !corrections.has(a._id), corrected: corrections.has(a._id), recorded: noShows.has(a._id) };
}

async function requireAppointment(db: Db, clinic: ClinicDoc, id: string): Promise<AppointmentDoc> {
  const a = await getAppointment(db, id);
  if (!a || a.clinic !== clinic.code) refuse('id', 'no such appointment', 'not_found');
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
    if (can !== 'ok') refuse('id', `this appointment ${stateWords[can]}`, 'conflict');
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
        if (!c || c.clinic !== clinic.code) refuse('customer.id', 'no such customer', 'not_found');
        if (c.mergedInto) refuse('customer.id', `this record was merged into ${c.mergedInto}`, 'conflict');
        who = { customerId: c._id, name: c.name, phone: c.phone };
      } else {
        const existing = await customerByPhone(ctx.db, input.customer.phone);
        if (existing) {
          // Never a second person for one phone: the desk books the customer on file instead.
          throw new ApiError({ code: 'conflict', field: 'customer.phone', message: `customer.phone: already registered to ${existing.name}`, detail: { existingId: existing._id, existingName: existing.name } });
        }
        who = { customerId: null, ...input.customer };
      }
      const sameDay = (await appointmentsBetween(ctx.db, input.date, input.date)).find((a) => a.status === 'booked' && (who.customerId ? a.customerId === who.customerId : a.phone === who.phone));
      if (sameDay) refuse('date', `${who.name} is already booked on ${input.date} at ${sameDay.time}`, 'conflict');
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
      if (f.corrected) refuse('id', 'this no-show was corrected by a lead; it stays corrected', 'conflict');
      const can = canMarkNoShow(a, f, now);
      if (can !== 'ok') refuse('id', `this appointment ${stateWords[can]}`, 'conflict');
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
      if (f.corrected) refuse('id', 'this no-show is already corrected', 'conflict');
      if (!f.recorded) refuse('id', 'no no-show is recorded for this appointment', 'conflict');
      const doc: NoShowCorrectionDoc = { ...newMeta('no-show-correction', noShowCorrectionDocs.id(a._id), a.clinic, ctx.operator._id, now), type: 'no-show-correction', appointmentId: a._id, reason: input.reason };
      await ctx.db.put(doc);
      return viewOne(ctx, clinic, a);
    });
  },

  async 'appointment.checkIn'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const a = await requireAppointment(ctx.db, clinic, input.id);
    if (a.customerId === null) refuse('id', `${a.name} is not registered yet: register them with the check-in form`);
    try {
      return await deskHandlers['desk.checkIn'](ctx, {
        customer: { id: a.customerId },
        visit: { hasAppointment: true, appointmentId: a._id, intention: a.serviceItem, concerns: '', course: '', history: '', departmentId: a.departmentId, consultantId: a.consultantId, repeatReason: null },
      });
    } catch (err) {
      // The check-in's own refusals (cancelled, not today, already in, consultant off duty) name this op's one field.
      if (err instanceof ApiError && err.field) throw new ApiError({ code: err.code, field: 'id', message: `id: ${err.message.replace(/^[\w.]+: /, '')}` });
      throw err;
    }
  },

  async 'customer.history'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const now = ctx.now();
    const c = await getCustomer(ctx.db, input.customerId);
    if (!c || c.clinic !== clinic.code) refuse('customerId', 'no such customer', 'not_found');
    await serialised(ctx.db, () => settleNoShows(ctx.db, clinic.code, now));
    const [visits, linked, staff] = await Promise.all([
      ctx.db.query<VisitDoc>('desk/visits_by_customer', { key: c._id, reduce: false, include_docs: true }),
      ctx.db.query<AppointmentDoc | NoShowDoc>('appointments/by_customer', { key: c._id, include_docs: true }),
      listStaff(ctx.db, clinic.code),
    ]);
    const names = new Map(staff.map((s) => [s._id, s.name]));
    // A cancelled visit (作废, a mistaken check-in) is no visit of hers: its events keep it (issue 21).
    const days = [...new Set(visits.rows.flatMap((r) => (r.doc ? [visitDate(r.doc._id) ?? r.doc.arrivedAt.slice(0, 10)] : [])))];
    const cancelled = new Set((await Promise.all(days.map((d) => cancelledBetween(ctx.db, clinic.code, d, d)))).flatMap((set) => [...set]));
    const visitDocs = visits.rows.flatMap((r) => (r.doc && !cancelled.has(r.doc._id) ? [r.doc] : [])).sort((x, y) => y.arrivedAt.localeCompare(x.arrivedAt));
    const appointments = linked.rows.flatMap((r) => (r.doc?.type === 'appointment' ? [r.doc] : [])).sort((x, y) => y.at.localeCompare(x.at));
    const recorded = linked.rows.flatMap((r) => (r.doc?.type === 'no-show' ? [r.doc] : []));
    // A no-show a lead corrected is no longer hers (the appointment's view says who corrected it).
    const corrected = await noShowCorrectionsOf(ctx.db, recorded.map((n) => n.appointmentId));
    const noShows = recorded.filter((n) => !corrected.has(n.appointmentId));
    const arrivals = new Map(visitDocs.flatMap((v) => (v.appointmentId ? [[v.appointmentId, v._id] as const] : [])));
    return {
      customerId: c._id,
      name: c.name,
      visits: visitDocs.map((v) => ({ id: v._id, arrivedAt: v.arrivedAt, departmentName: v.departmentName, intention: v.intention, appointmentId: v.appointmentId ?? null })),
      appointments: await toViews(ctx.db, clinic, appointments, arrivals, now, ctx.operator.role),
      noShows: noShows.map((n) => ({ appointmentId: n.appointmentId, date: n.date, at: n.at, how: n.how, recordedBy: n.createdBy === 'system' ? 'system' : (names.get(n.createdBy) ?? n.createdBy) })),
    };
  },

  async 'duty.day'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    return dutyView(ctx.db, clinic, input.date ?? clinicDate(ctx.now()), ctx.now());
  },

  async 'duty.set'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      if (input.date < clinicDate(now)) refuse('date', `${input.date} is a past day: its roster is kept as it was`);
      const s = await getStaff(ctx.db, input.staffId);
      if (!s || s.clinic !== clinic.code || !s.active || !triageRoles.includes(s.role)) refuse('staffId', 'not an active consultant or doctor');
      const id = dutyDocs.id(clinic.code, input.date, s._id);
      const existing = await getOrNull<DutyDoc>(ctx.db, id);
      const doc = upserted<DutyDoc, 'onDuty'>(existing, { onDuty: input.onDuty }, () => ({ ...newMeta('duty', id, clinic.code, ctx.operator._id, now), type: 'duty', date: input.date, staffId: s._id }), ctx.operator, now);
      await ctx.db.put(doc);
      return dutyView(ctx.db, clinic, input.date, now);
    });
  },

  'customer.setTier': (ctx, input) => setTier(ctx, input),

  async 'customer.duplicates'(ctx) {
    const clinic = await requireClinic(ctx.db);
    const index = customerIndex(ctx.db);
    const groups = await index.sharedPhones(50);
    const docs = await ctx.db.allDocs<CustomerDoc>({ keys: groups.flatMap((g) => g.ids), include_docs: true });
    const byId = new Map(docs.rows.flatMap((r) => ('doc' in r && r.doc ? [[r.doc._id, r.doc] as const] : [])));
    const stats = await index.stats([...byId.keys()]);
    return groups
      .map((g) => ({
        phone: phoneFor(ctx.operator.role, g.phone),
        customers: g.ids
          .flatMap((id) => {
            const c = byId.get(id);
            return c && c.clinic === clinic.code ? [{ id, name: c.name, createdAt: c.createdAt, visitCount: stats.get(id)?.count ?? 0, tier: c.tier }] : [];
          })
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      }))
      .filter((g) => g.customers.length > 1);
  },

  async 'customer.merge'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      if (input.keepId === input.mergeId) refuse('mergeId', 'the same record as keepId');
      const [keep, lose] = [await getCustomer(ctx.db, input.keepId), await getCustomer(ctx.db, input.mergeId)];
      for (const [field, c] of [['keepId', keep], ['mergeId', lose]] as const) {
        if (!c || c.clinic !== clinic.code) refuse(field, 'no such customer', 'not_found');
        if (c.mergedInto) refuse(field, `this record was merged into ${c.mergedInto}`, 'conflict');
      }
      const [visits, linked] = await Promise.all([
        ctx.db.query<VisitDoc>('desk/visits_by_customer', { key: lose!._id, reduce: false, include_docs: true }),
        ctx.db.query<AppointmentDoc | NoShowDoc>('appointments/by_customer', { key: lose!._id, include_docs: true }),
      ]);
      const moved = [...visits.rows, ...linked.rows].flatMap((r) => (r.doc ? [{ ...touched(r.doc, ctx.operator, now), customerId: keep!._id }] : []));
      const tombstone = { ...touched(lose!, ctx.operator, now), mergedInto: keep!._id };
      // One bulkDocs is one LevelDB batch: the records move and the loser is marked together.
      const results = await ctx.db.bulkDocs([...moved, tombstone]);
      const failed = results.find((r) => 'error' in r && r.error);
      if (failed) throw new Error(`merge write failed: ${JSON.stringify(failed)}`);
      return {
        keptId: keep!._id,
        mergedId: lose!._id,
        visits: visits.rows.length,
        appointments: linked.rows.filter((r) => r.doc?.type === 'appointment').length,
        noShows: linked.rows.filter((r) => r.doc?.type === 'no-show').length,
      };
    });
  },

  async 'desk.reminders'(ctx) {
    const clinic = await requireClinic(ctx.db);
    const now = ctx.now();
    const today = clinicDate(now);
    const [list, board, acks, staff] = await Promise.all([
      appointmentsBetween(ctx.db, today, today).then((all) => all.filter((a) => a.status === 'booked' && a.customerId)),
      dayBoard(ctx.db, clinic.code, today),
      vipAcksOfDay(ctx.db, clinic.code, today),
      listStaff(ctx.db, clinic.code),
    ]);
    const ids = [...new Set([...list.map((a) => a.customerId!), ...board.map((b) => b.visit.customerId)])];
    if (!ids.length) return [];
    const customers = await ctx.db.allDocs<CustomerDoc>({ keys: ids, include_docs: true });
    const byId = new Map(customers.rows.flatMap((r) => ('doc' in r && r.doc ? [[r.doc._id, r.doc] as const] : [])));
    const names = new Map(staff.map((x) => [x._id, x.name]));
    const arrivals = new Map(board.flatMap((b) => (b.visit.appointmentId ? [[b.visit.appointmentId, b.visit._id] as const] : [])));
    const seeVip = visibilityFor(ctx.operator.role).vip;
    const leader = leadershipRoles.includes(ctx.operator.role);
    // Not only the named host: every guide, the desk lead and the CS director (客服主任, who runs the desk) see an A/B member due or arrived (issue 21).
    const atTheDoor = ctx.operator.role === 'guide' || ctx.operator.role === 'guideLead' || ctx.operator.role === 'csDirector';
    const ackOf = (key: string) => {
      const a = acks.get(key);
      return a ? { byName: names.get(a.createdBy) ?? a.createdBy, at: a.createdAt } : null;
    };
    const care = (c: CustomerDoc) => ({
      drinks: seeVip ? (c.vip?.drinks ?? '') : null,
      snacks: seeVip ? (c.vip?.snacks ?? '') : null,
      note: seeVip ? (c.vip?.note ?? '') : null,
      hostName: seeVip && c.vip?.hostId ? (names.get(c.vip.hostId) ?? null) : null,
    });
    const out: Reminder[] = [];
    for (const a of list) {
      const c = byId.get(a.customerId!);
      if (!c?.tier || (c.tier !== 'A' && c.tier !== 'B')) continue;
      const visitId = arrivals.get(a._id) ?? null;
      const arrived = visitId !== null;
      const base = { appointmentId: a._id, visitId, customerName: a.name, tier: c.tier, time: a.time, arrived, ...care(c) };
      if ((c.vip?.hostId === ctx.operator._id || atTheDoor) && doorReminderDue(c.tier, a, arrived, now)) out.push({ kind: 'meetAtDoor', key: a._id, ...base, ack: ackOf(a._id) });
      if (leader && c.tier === 'A') out.push({ kind: 'greetVip', key: `greet:${a._id}`, ...base, ack: null });
    }
    // Arrived and still waiting, booked or not: until she is handed on.
    for (const { visit, state } of board) {
      const c = byId.get(visit.customerId);
      if (!c?.tier || (c.tier !== 'A' && c.tier !== 'B') || !isWaiting(state.status)) continue;
      if (c.vip?.hostId !== ctx.operator._id && !atTheDoor) continue;
      out.push({ kind: 'vipArrived', key: visit._id, appointmentId: visit.appointmentId ?? null, visitId: visit._id, customerName: visit.customerName, tier: c.tier, time: clinicTime(visit.arrivedAt), arrived: true, ...care(c), ack: ackOf(visit._id) });
    }
    return out.sort((x, y) => x.time.localeCompare(y.time) || x.key.localeCompare(y.key));
  },

  async 'desk.ackReminder'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const today = clinicDate(now);
      const reminders = await appointmentsHandlers['desk.reminders'](ctx, {});
      const r = reminders.find((x) => x.key === input.key && x.kind !== 'greetVip');
      if (!r) refuse('key', 'no reminder of an A/B member due or waiting today has this key', 'not_found');
      if (r.ack) throw new ApiError({ code: 'conflict', field: 'key', message: `key: already taken by ${r.ack.byName}`, detail: r.ack });
      const doc: VipAckDoc = { ...newMeta('vip-ack', vipAckDocs.id(clinic.code, today, newIdTail(now)), clinic.code, ctx.operator._id, now), type: 'vip-ack', key: input.key, kind: r.kind === 'meetAtDoor' ? 'meetAtDoor' : 'vipArrived' };
      await ctx.db.put(doc);
      return { key: input.key, byName: ctx.operator.name, at: doc.createdAt };
    });
  },
};

/** The day's acknowledgements of VIP reminders, the first of each key (one id range). */
async function vipAcksOfDay(db: Db, clinic: string, date: string): Promise<Map<string, VipAckDoc>> {
  const res = await db.allDocs<VipAckDoc>({ include_docs: true, ...vipAckDocs.range(clinic, date) });
  const out = new Map<string, VipAckDoc>();
  for (const d of res.rows.flatMap((r) => (r.doc ? [r.doc] : [])).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a._id.localeCompare(b._id))) if (!out.has(d.key)) out.set(d.key, d);
  return out;
}

async function setTier(ctx: OperatorContext, input: { customerId: string; tier: CustomerDoc['tier']; vip: CustomerDoc['vip']; memberSince?: string | null | undefined }) {
  return serialised(ctx.db, async () => {
    const clinic = await requireClinic(ctx.db);
    const c = await getCustomer(ctx.db, input.customerId);
    if (!c || c.clinic !== clinic.code) refuse('customerId', 'no such customer', 'not_found');
    if (c.mergedInto) refuse('customerId', `this record was merged into ${c.mergedInto}`, 'conflict');
    if (input.vip?.hostId) {
      const host = await getStaff(ctx.db, input.vip.hostId);
      if (!host || !host.active || host.clinic !== clinic.code) refuse('vip.hostId', 'not an active staff member of this clinic');
    }
    // 入会日期 (issue 13, member care): given, or kept, or today for a new member; none without a tier.
    const today = clinicDate(ctx.now());
    const memberSince = input.tier === null ? null : input.memberSince !== undefined && input.memberSince !== null ? input.memberSince : (c.memberSince ?? today);
    if (memberSince !== null && memberSince > today) refuse('memberSince', 'cannot be in the future');
    await ctx.db.put({ ...touched(c, ctx.operator, ctx.now()), tier: input.tier, vip: input.vip, memberSince });
    return { customerId: c._id, tier: input.tier, vip: input.vip, memberSince };
  });
}

/**
 * The day's on/off list. `onDuty` is the rota's word merged with this list's (src-main/staff/repo.ts):
 * for today, on shift at this moment (so triage offers only people on shift); another day, rostered.
 */
async function dutyView(db: Db, clinic: ClinicDoc, date: string, now: Date) {
  const [staff, roster, duty] = await Promise.all([listStaff(db, clinic.code), dutyOfDay(db, clinic.code, date), onDuty(db, clinic.code, date, now)]);
  return {
    date,
    rosterSet: duty.rosterSet,
    staff: staff
      .filter((s) => s.active && triageRoles.includes(s.role))
      // Consultants, then doctors, each by name: the same order on every desk.
      .sort((a, b) => triageRoles.indexOf(a.role) - triageRoles.indexOf(b.role) || a.name.localeCompare(b.name, 'zh-CN'))
      .map((s) => {
        const d = roster.get(s._id);
        return { staffId: s._id, name: s.name, role: s.role, departmentId: s.departmentId, onDuty: duty.on.has(s._id), setBy: d?.updatedBy ?? null, setAt: d?.updatedAt ?? null };
      }),
  };
}
