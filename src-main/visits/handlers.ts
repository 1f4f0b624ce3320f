import { ApiError } from '../../shared/errors';
import { visitsRefusals } from '../../shared/visits/refusals';
import type { DocMeta } from '../../shared/doc';
import { newIdTail } from '../../shared/ids';
import { clinicDate, minutesBetween } from '../../shared/time';
import type { visitsContract } from '../../shared/visits/contract';
import type { DisplaySettingsDoc, HandoverAckDoc, HandoverDoc, HandoverView, VisitEventDoc } from '../../shared/visits/schemas';
import { averageMinutes, isWaiting, transitionProblem, type VisitOutcome, type VisitStatus } from '../../shared/visits/rules';
import type { CustomerDoc, VisitDoc } from '../../shared/desk/schemas';
import { triageRoles, type StaffDoc, type StaffRole } from '../../shared/reference/schemas';
import type { Handlers } from '../api/types';
import type { OperatorContext } from '../api/context';
import { serialised } from '../store/serial';
import { getStaff, listStaff, requireClinic } from '../reference/repo';
import { newMeta, upserted } from '../store/meta';
import { visitDate } from '../../shared/desk/docs';
import { displaySettingsDocs, handoverAckDocs, handoverDocs, visitEventDocs } from '../../shared/visits/docs';
import { acksOfDay, dayBoard, derive, displaySettings, eventsOfDay, getVisit, handoversOfDay, queuePlaceOf, tiersOf, toBoardRow, withdrawals, writtenEventsOfDay } from './repo';
import { appointmentsBetween, noShowsOf, onDutyToday } from '../appointments/repo';
import { getOrNull } from '../store/get';

/** Who a guide hands a visitor to (引导/交接): the consultant, the doctor, or the doctor's assistant. */
const handOffRoles: readonly StaffRole[] = ['consultant', 'doctor', 'doctorAssistant'];

async function staffNames(ctx: OperatorContext, clinic: string): Promise<Map<string, string>> {
  return new Map((await listStaff(ctx.db, clinic)).map((s) => [s._id, s.name]));
}

/** The visit and its day; unknown ids name the field. */
async function requireVisit(ctx: OperatorContext, clinic: string, visitId: string) {
  const date = visitDate(visitId);
  const visit = date ? await getVisit(ctx.db, visitId, clinic) : null;
  if (!visit || !date) throw visitsRefusals.refuse('not_found', 'visitId', 'noSuchVisit', {}, 'visitId: no such visit');
  return { visit, date };
}

/** The visit, its events and derived state; unknown ids name the field. */
async function loadVisit(ctx: OperatorContext, clinic: string, visitId: string) {
  const { visit, date } = await requireVisit(ctx, clinic, visitId);
  const events = (await eventsOfDay(ctx.db, clinic, date)).filter((e) => e.visitId === visitId);
  return { visit, date, events, state: derive(visit, events) };
}

/** A visit that can still be moved: not cancelled (作废). */
async function loadLiveVisit(ctx: OperatorContext, clinic: string, visitId: string) {
  const loaded = await loadVisit(ctx, clinic, visitId);
  if (loaded.state.cancelled) throw visitsRefusals.refuse('conflict', 'visitId', 'visitCancelled', { reason: loaded.state.cancelled.reason }, `visitId: this visit was cancelled (${loaded.state.cancelled.reason})`);
  return loaded;
}

function eventDoc(ctx: OperatorContext, clinic: string, date: string, fields: Omit<VisitEventDoc, keyof DocMeta | 'type'>): VisitEventDoc {
  const now = ctx.now();
  return { ...newMeta('visit-event', visitEventDocs.id(clinic, date, newIdTail(now)), clinic, ctx.operator._id, now), type: 'visit-event', ...fields };
}

async function write(ctx: OperatorContext, doc: object) {
  const res = await ctx.db.put(doc as { _id: string });
  if (!res.ok) throw new Error(`write failed: ${JSON.stringify(res)}`);
}

async function rowAfter(ctx: OperatorContext, clinic: string, visit: VisitDoc, date: string) {
  const [events, names, tiers, number] = await Promise.all([eventsOfDay(ctx.db, clinic, date), staffNames(ctx, clinic), tiersOf(ctx.db, [visit.customerId]), queuePlaceOf(ctx.db, clinic, date, visit)]);
  return toBoardRow(visit, derive(visit, events.filter((e) => e.visitId === visit._id)), names, ctx.operator.role, tiers.get(visit.customerId) ?? null, number);
}

function refuseMove(from: VisitStatus, to: VisitStatus) {
  const problem = transitionProblem(from, to);
  if (!problem) return;
  const refusal = visitsRefusals.refuse('conflict', 'status', from === to ? 'alreadyStatus' : 'cannotMove', { from, to }, `status: ${problem}`);
  throw new ApiError({ ...refusal.toBody(), detail: { current: from } });
}

function toHandoverView(h: HandoverDoc, ack: HandoverAckDoc | undefined, names: Map<string, string>): HandoverView {
  return {
    id: h._id,
    at: h.createdAt,
    by: h.createdBy,
    byName: names.get(h.createdBy) ?? h.createdBy,
    equipment: h.equipment,
    unresolved: h.unresolved,
    staffChanges: h.staffChanges,
    openVisits: h.openVisits,
    ack: ack ? { at: ack.createdAt, by: ack.createdBy, byName: names.get(ack.createdBy) ?? ack.createdBy, note: ack.note } : null,
  };
}

async function handoverViews(ctx: OperatorContext, clinic: string, date: string): Promise<HandoverView[]> {
  const [handovers, acks, names] = await Promise.all([handoversOfDay(ctx.db, clinic, date), acksOfDay(ctx.db, clinic, date), staffNames(ctx, clinic)]);
  const firstAck = new Map<string, HandoverAckDoc>();
  for (const a of acks.sort((x, y) => x.createdAt.localeCompare(y.createdAt))) if (!firstAck.has(a.handoverId)) firstAck.set(a.handoverId, a);
  return handovers.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((h) => toHandoverView(h, firstAck.get(h._id), names));
}

/** The day's appointments kept and missed (appointments domain: booked, not cancelled). */
async function appointmentsOfDay(ctx: OperatorContext, clinic: string, date: string, visits: VisitDoc[]) {
  const booked = (await appointmentsBetween(ctx.db, date, date)).filter((a) => a.clinic === clinic && a.status === 'booked');
  const noShows = await noShowsOf(ctx.db, booked.map((a) => a._id));
  const kept = new Set(visits.flatMap((v) => (v.appointmentId ? [v.appointmentId] : [])));
  return { booked: booked.length, kept: booked.filter((a) => kept.has(a._id)).length, noShows: noShows.size };
}

export const visitsHandlers: Pick<Handlers, keyof typeof visitsContract> = {
  async 'visits.board'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const date = input.date ?? clinicDate(ctx.now());
    const [board, names] = await Promise.all([dayBoard(ctx.db, clinic.code, date), staffNames(ctx, clinic.code)]);
    const tiers = await tiersOf(ctx.db, board.map((b) => b.visit.customerId));
    return board.map(({ visit, state, number, label }) => toBoardRow(visit, state, names, ctx.operator.role, tiers.get(visit.customerId) ?? null, { number, label }));
  },

  async 'visits.setStatus'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const { visit, date, state } = await loadLiveVisit(ctx, clinic.code, input.visitId);
      refuseMove(state.status, input.status);
      if (input.status === 'left' && input.outcome === null)
        throw visitsRefusals.refuse('invalid_input', 'outcome', 'outcomeRequired', {}, 'outcome: required when the visitor leaves (到诊未消费 / 非手术消费 / 手术消费)');
      if (input.status !== 'left' && input.outcome !== null) throw visitsRefusals.refuse('invalid_input', 'outcome', 'outcomeOnlyOnLeaving', {}, 'outcome: set only when the visitor leaves');
      await write(ctx, eventDoc(ctx, clinic.code, date, { visitId: visit._id, kind: 'status', status: input.status, toStaffId: null, toName: null, toRole: null, outcome: input.outcome, note: input.note }));
      return rowAfter(ctx, clinic.code, visit, date);
    });
  },

  async 'visits.handOff'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const { visit, date, state } = await loadLiveVisit(ctx, clinic.code, input.visitId);
      const to: StaffDoc | null = await getStaff(ctx.db, input.toStaffId);
      if (!to || to.clinic !== clinic.code || !to.active || !handOffRoles.includes(to.role))
        throw visitsRefusals.refuse('invalid_input', 'toStaffId', 'notHandOffStaff', {}, 'toStaffId: not an active consultant, doctor or 医助 of this clinic');
      // Only to staff on duty today when the day has a roster (it lists consultants and doctors, not 医助).
      const onDuty = await onDutyToday(ctx.db, clinic.code, clinicDate(ctx.now()));
      if (onDuty && triageRoles.includes(to.role) && !onDuty.has(to._id))
        throw visitsRefusals.refuse('invalid_input', 'toStaffId', 'notOnDuty', { name: to.name }, `toStaffId: ${to.name} is not on duty today`);
      // Handing on within the same stage (consultant to doctor's assistant) is a hand-off too.
      if (state.status !== input.status) refuseMove(state.status, input.status);
      await write(ctx, eventDoc(ctx, clinic.code, date, { visitId: visit._id, kind: 'handOff', status: input.status, toStaffId: to._id, toName: to.name, toRole: to.role, outcome: null, note: input.note }));
      return rowAfter(ctx, clinic.code, visit, date);
    });
  },

  async 'visits.setOutcome'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const { visit, date, state } = await loadLiveVisit(ctx, clinic.code, input.visitId);
      if (state.status !== 'left') throw visitsRefusals.refuse('conflict', 'outcome', 'notLeftYet', {}, 'outcome: the visitor has not left yet; set it when they leave');
      const outcome: VisitOutcome = input.outcome;
      await write(ctx, eventDoc(ctx, clinic.code, date, { visitId: visit._id, kind: 'outcome', status: null, toStaffId: null, toName: null, toRole: null, outcome, note: '' }));
      return rowAfter(ctx, clinic.code, visit, date);
    });
  },

  async 'visits.events'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const { visit, date } = await requireVisit(ctx, clinic.code, input.visitId);
    // The history is every event as written: those a withdrawal (撤销合并) took back are shown, marked, beside it.
    const [written, names] = await Promise.all([writtenEventsOfDay(ctx.db, clinic.code, date), staffNames(ctx, clinic.code)]);
    const events = written.filter((e) => e.visitId === visit._id);
    const by = withdrawals(events);
    const name = (id: string) => names.get(id) ?? id;
    return events
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a._id.localeCompare(b._id))
      .map((e) => {
        const w = by.get(e._id);
        return { id: e._id, at: e.createdAt, by: e.createdBy, byName: name(e.createdBy), kind: e.kind, status: e.status, toName: e.toName, outcome: e.outcome, note: e.note, withdrawn: w ? { at: w.createdAt, by: w.createdBy, byName: name(w.createdBy), reason: w.note } : null };
      });
  },

  async 'visits.dayView'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const date = input.date ?? clinicDate(ctx.now());
    const board = await dayBoard(ctx.db, clinic.code, date);
    const customerIds = [...new Set(board.map((b) => b.visit.customerId))];
    const customers = customerIds.length ? await ctx.db.allDocs<CustomerDoc>({ keys: customerIds, include_docs: true }) : { rows: [] };
    const source = new Map<string, string>();
    for (const r of customers.rows) if ('doc' in r && r.doc) source.set(r.id, r.doc.source);
    const tally = (keys: string[]) => keys.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});
    const waits = board.flatMap(({ visit, state }) => (state.waitEndedAt ? [minutesBetween(visit.arrivedAt, state.waitEndedAt)] : []));
    return {
      date,
      arrivals: board.length,
      firstVisits: board.filter((b) => b.visit.firstVisit).length,
      returning: board.filter((b) => !b.visit.firstVisit).length,
      bySource: tally(board.map((b) => source.get(b.visit.customerId) ?? 'other')),
      byDepartment: tally(board.map((b) => b.visit.departmentName)),
      byStatus: tally(board.map((b) => b.state.status)),
      byOutcome: tally(board.flatMap((b) => (b.state.outcome ? [b.state.outcome] : []))),
      withAppointment: board.filter((b) => b.visit.hasAppointment).length,
      appointments: await appointmentsOfDay(ctx, clinic.code, date, board.map((b) => b.visit)),
      averageWaitMinutes: averageMinutes(waits),
      stillWaiting: board.filter((b) => isWaiting(b.state.status)).length,
    };
  },

  async 'visits.cancel'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const { visit, date } = await loadLiveVisit(ctx, clinic.code, input.visitId);
      await write(ctx, eventDoc(ctx, clinic.code, date, { visitId: visit._id, kind: 'cancel', status: null, toStaffId: null, toName: null, toRole: null, outcome: null, note: input.reason }));
      return rowAfter(ctx, clinic.code, visit, date);
    });
  },

  async 'visits.reopen'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const { visit, date, state } = await loadLiveVisit(ctx, clinic.code, input.visitId);
      if (state.status !== 'left' || !state.leftFrom) throw visitsRefusals.refuse('conflict', 'visitId', 'reopenNotLeft', { status: state.status }, `visitId: only a visitor who left is brought back (now ${state.status})`);
      if (date !== clinicDate(ctx.now())) throw visitsRefusals.refuse('conflict', 'visitId', 'reopenOtherDay', {}, "visitId: only today's visits are brought back");
      // The status it goes back to is written for the history; deriveVisit takes it from the events themselves.
      await write(ctx, eventDoc(ctx, clinic.code, date, { visitId: visit._id, kind: 'reopen', status: state.leftFrom, toStaffId: null, toName: null, toRole: null, outcome: null, note: input.reason }));
      return rowAfter(ctx, clinic.code, visit, date);
    });
  },

  async 'visits.call'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const { visit, date, state } = await loadLiveVisit(ctx, clinic.code, input.visitId);
      if (!isWaiting(state.status)) throw visitsRefusals.refuse('conflict', 'visitId', 'callNotWaiting', { status: state.status }, `visitId: only a waiting visitor is called (now ${state.status})`);
      if (date !== clinicDate(ctx.now())) throw visitsRefusals.refuse('conflict', 'visitId', 'callOtherDay', {}, 'visitId: a visit of another day');
      await write(ctx, eventDoc(ctx, clinic.code, date, { visitId: visit._id, kind: 'call', status: null, toStaffId: null, toName: null, toRole: null, outcome: null, note: '' }));
      return rowAfter(ctx, clinic.code, visit, date);
    });
  },

  async 'visits.displaySettings'(ctx) {
    const clinic = await requireClinic(ctx.db);
    return { speakCalls: (await displaySettings(ctx.db, clinic.code))?.speakCalls ?? false };
  },

  async 'visits.setDisplaySettings'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const existing = await displaySettings(ctx.db, clinic.code);
      const now = ctx.now();
      const doc = upserted<DisplaySettingsDoc, 'speakCalls'>(existing, { speakCalls: input.speakCalls }, () => ({ ...newMeta('display-settings', displaySettingsDocs.id(clinic.code), clinic.code, ctx.operator._id, now), type: 'display-settings' }), ctx.operator, now);
      await write(ctx, doc);
      return { speakCalls: input.speakCalls };
    });
  },

  async 'handover.write'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const date = clinicDate(now);
      const board = await dayBoard(ctx.db, clinic.code, date);
      const doc: HandoverDoc = {
        ...newMeta('handover', handoverDocs.id(clinic.code, date, newIdTail(now)), clinic.code, ctx.operator._id, now),
        type: 'handover',
        ...input,
        openVisits: board
          .filter((b) => b.state.status !== 'left')
          .map((b) => ({ visitId: b.visit._id, customerName: b.visit.customerName, status: b.state.status, departmentName: b.visit.departmentName })),
      };
      await write(ctx, doc);
      return toHandoverView(doc, undefined, await staffNames(ctx, clinic.code));
    });
  },

  async 'handover.ack'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const m = new RegExp(`^handover:${clinic.code}:(\\d{4}-\\d{2}-\\d{2}):[^:]+$`).exec(input.handoverId);
      const handover = m ? await getOrNull<HandoverDoc>(ctx.db, input.handoverId) : null;
      if (!m || !handover || handover.type !== 'handover') throw visitsRefusals.refuse('not_found', 'handoverId', 'noSuchHandover', {}, 'handoverId: no such handover');
      const date = m[1]!;
      if (handover.createdBy === ctx.operator._id)
        throw visitsRefusals.refuse('forbidden', 'handoverId', 'ownHandover', {}, 'handoverId: the incoming guide takes over, not the one who wrote the handover');
      if ((await acksOfDay(ctx.db, clinic.code, date)).some((a) => a.handoverId === handover._id))
        throw visitsRefusals.refuse('conflict', 'handoverId', 'handoverTaken', {}, 'handoverId: already taken over');
      const now = ctx.now();
      const ack: HandoverAckDoc = {
        ...newMeta('handover-ack', handoverAckDocs.id(clinic.code, date, newIdTail(now)), clinic.code, ctx.operator._id, now),
        type: 'handover-ack',
        handoverId: handover._id,
        note: input.note,
      };
      await write(ctx, ack);
      return toHandoverView(handover, ack, await staffNames(ctx, clinic.code));
    });
  },

  async 'handover.list'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    return handoverViews(ctx, clinic.code, input.date ?? clinicDate(ctx.now()));
  },
};
