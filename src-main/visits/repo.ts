import { phoneFor } from '../../shared/desk/visibility';
import type { StaffRole } from '../../shared/reference/schemas';
import type { Db } from '../store/pouch';
import type { CustomerDoc, VisitDoc } from '../../shared/desk/schemas';
import type { BoardRow, DisplaySettingsDoc, HandoverAckDoc, HandoverDoc, VisitEventDoc } from '../../shared/visits/schemas';
import { deriveVisit, initialStatus, isWaiting, queueLabels, type DerivedVisit } from '../../shared/visits/rules';
import type { IdRange } from '../../shared/doc';
import { displaySettingsDocs, handoverAckDocs, handoverDocs, visitEventDocs } from '../../shared/visits/docs';
import { visitDocs } from '../../shared/desk/docs';
import { getOrNull } from '../store/get';

/** Repository of the visit after check-in: events, handovers, and the derived state of each visit. */

/** A type whose ids carry the clinic day (shared/doc.ts's byDay). */
export interface DayDocs {
  range: (clinic: string, from: string, to: string) => IdRange;
}

export function ofDay<T>(db: Db, docs: DayDocs, clinic: string, date: string): Promise<T[]> {
  return ofDays<T>(db, docs, clinic, date, date);
}

export async function ofDays<T>(db: Db, docs: DayDocs, clinic: string, from: string, to: string): Promise<T[]> {
  const res = await db.allDocs<T & object>({ include_docs: true, ...docs.range(clinic, from, to) });
  return res.rows.flatMap((r) => (r.doc ? [r.doc as T] : []));
}

export async function getVisit(db: Db, id: string, clinic: string): Promise<VisitDoc | null> {
  const doc = await getOrNull<VisitDoc>(db, id);
  return doc && doc.type === 'visit' && doc.clinic === clinic ? doc : null;
}

export const eventsOfDay = async (db: Db, clinic: string, date: string) => standing(await ofDay<VisitEventDoc>(db, visitEventDocs, clinic, date));

/**
 * The events that count: without those a `withdraw` of the same visit took back, and without the
 * withdraws themselves (issue 21, 撤销合并). Every reader of a day's events reads them through here.
 * (Head office's validation checks `withdraws`, when present, is a list of strings: storage.ts.)
 */
export function standing(events: VisitEventDoc[]): VisitEventDoc[] {
  const withdrawn = new Set(events.flatMap((e) => (e.kind === 'withdraw' ? (e.withdraws ?? []).map((id) => `${e.visitId} ${id}`) : [])));
  if (!withdrawn.size) return events.filter((e) => e.kind !== 'withdraw');
  return events.filter((e) => e.kind !== 'withdraw' && !withdrawn.has(`${e.visitId} ${e._id}`));
}
/**
 * The withdrawals among `events`: each withdrawn event's id → the `withdraw` that took it back (of
 * the same visit). The visit's history shows every event as written, these marked (issue 21).
 */
export function withdrawals(events: readonly VisitEventDoc[]): Map<string, VisitEventDoc> {
  const by = new Map<string, VisitEventDoc>();
  const ofVisit = new Map(events.map((e) => [`${e.visitId} ${e._id}`, e._id]));
  for (const w of events) {
    if (w.kind !== 'withdraw') continue;
    for (const id of w.withdraws ?? []) {
      const taken = ofVisit.get(`${w.visitId} ${id}`);
      if (taken !== undefined && !by.has(taken)) by.set(taken, w);
    }
  }
  return by;
}

/** Every event of the day as written, those withdrawn and the withdrawals too (a visit's history). */
export const writtenEventsOfDay = (db: Db, clinic: string, date: string) => ofDay<VisitEventDoc>(db, visitEventDocs, clinic, date);

export const handoversOfDay = (db: Db, clinic: string, date: string) => ofDay<HandoverDoc>(db, handoverDocs, clinic, date);
export const acksOfDay = (db: Db, clinic: string, date: string) => ofDay<HandoverAckDoc>(db, handoverAckDocs, clinic, date);

export function derive(visit: VisitDoc, events: VisitEventDoc[]): DerivedVisit {
  return deriveVisit(
    initialStatus(visit.status, Boolean(visit.departmentId)),
    // Ties in time are broken by id, so every desk applies the same events in the same order.
    events
      .filter((e) => e.visitId === visit._id)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a._id.localeCompare(b._id))
      .map((e) => ({ at: e.createdAt, status: e.status, outcome: e.outcome, toStaffId: e.toStaffId, toName: e.toName, cancel: e.kind === 'cancel' ? { by: e.createdBy, reason: e.note } : undefined, reopen: e.kind === 'reopen' ? { by: e.createdBy, reason: e.note } : undefined })),
  );
}

export function toBoardRow(v: VisitDoc, d: DerivedVisit, names: Map<string, string>, role: StaffRole, tier: CustomerDoc['tier'] = null, queue: QueuePlace = { number: 0, label: '' }): BoardRow {
  const registeredByName = names.get(v.createdBy) ?? v.createdBy;
  return {
    id: v._id,
    queueNumber: queue.number,
    queueLabel: queue.label,
    customerId: v.customerId,
    customerName: v.customerName,
    customerPhone: phoneFor(role, v.customerPhone),
    firstVisit: v.firstVisit,
    tier,
    hasAppointment: v.hasAppointment,
    intention: v.intention,
    departmentName: v.departmentName,
    consultantName: v.consultantName,
    arrivedAt: v.arrivedAt,
    status: d.status,
    waitEndedAt: d.waitEndedAt,
    leftAt: d.leftAt,
    outcome: d.outcome,
    handedTo: d.handedTo ? { name: d.handedTo.name, at: d.handedTo.at } : null,
    // While waiting the guide looks after them; afterwards the person handed to, else the consultant triaged to.
    lookingAfter: d.handedTo?.name ?? (isWaiting(d.status) ? registeredByName : (v.consultantName ?? registeredByName)),
    registeredByName,
    repeatReason: v.repeatReason ?? null,
    cancelled: d.cancelled ? { at: d.cancelled.at, byName: names.get(d.cancelled.by) ?? d.cancelled.by, reason: d.cancelled.reason } : null,
    leftFrom: d.leftFrom,
    reopened: d.reopened ? { at: d.reopened.at, byName: names.get(d.reopened.by) ?? d.reopened.by, reason: d.reopened.reason } : null,
  };
}

/**
 * Every visit of a clinic day with its derived state, oldest first. Cancelled visits (作废) are
 * left out: this is what every list and figure of visits reads (waiting list, tea, display, 今日概览,
 * handover, head office's summaries), so a cancelled visit counts nowhere.
 */
export function dayBoard(db: Db, clinic: string, date: string): Promise<BoardEntry[]> {
  return boardBetween(db, clinic, date, date);
}

/** A visit's 排队号 and how it is shown (`queueLabels`: 2, or 2B when two desks cut off from each other both gave 2). */
export interface QueuePlace {
  number: number;
  label: string;
}

export interface BoardEntry extends QueuePlace {
  visit: VisitDoc;
  state: DerivedVisit;
  /** 排队号: the number given at check-in (visits from before, by arrival within the day, ties by id); a 作废 renumbers nobody. */
  number: number;
}

/**
 * The boards of clinic days `from`..`to` in two range reads (visits, events): oldest first, cancelled left out.
 * Queue numbers are the same on every desk once both hold the day's visits; a visit synced in late
 * with an earlier arrival (a desk that was offline) moves the numbers after it by one.
 */
export async function boardBetween(db: Db, clinic: string, from: string, to: string): Promise<BoardEntry[]> {
  const [visits, events] = await Promise.all([ofDays<VisitDoc>(db, visitDocs, clinic, from, to), ofDays<VisitEventDoc>(db, visitEventDocs, clinic, from, to).then(standing)]);
  const byVisit = new Map<string, VisitEventDoc[]>();
  for (const e of events) byVisit.set(e.visitId, [...(byVisit.get(e.visitId) ?? []), e]);
  const perDay = new Map<string, number>();
  const entries = visits
    .sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt) || a._id.localeCompare(b._id))
    .map((visit) => {
      const day = dayOf(visit);
      const byArrival = (perDay.get(day) ?? 0) + 1;
      perDay.set(day, byArrival);
      // The number given at check-in (issue 21); visits from before it by arrival.
      return { visit, state: derive(visit, byVisit.get(visit._id) ?? []), number: visit.queueNumber ?? byArrival, label: '' };
    })
    .filter((b) => !b.state.cancelled);
  const labels = labelsByDay(entries.map((e) => ({ id: e.visit._id, day: dayOf(e.visit), number: e.number, arrivedAt: e.visit.arrivedAt })));
  return entries.map((e) => ({ ...e, label: labels.get(e.visit._id) ?? String(e.number) }));
}

const dayOf = (visit: VisitDoc) => visit._id.split(':')[2] ?? '';

function labelsByDay(visits: { id: string; day: string; number: number; arrivedAt: string }[]): Map<string, string> {
  const days = new Map<string, typeof visits>();
  for (const v of visits) days.set(v.day, [...(days.get(v.day) ?? []), v]);
  return new Map([...days.values()].flatMap((day) => [...queueLabels(day)]));
}

/** Ids of the visits of clinic days `from`..`to` that were cancelled (作废). */
export async function cancelledBetween(db: Db, clinic: string, from: string, to: string): Promise<Set<string>> {
  const res = await db.allDocs<VisitEventDoc>({ include_docs: true, ...visitEventDocs.range(clinic, from, to) });
  return new Set(standing(res.rows.flatMap((r) => (r.doc ? [r.doc] : []))).flatMap((e) => (e.kind === 'cancel' ? [e.visitId] : [])));
}

/** The member tier of each customer (A-D or null), in one read by keys. */
export async function tiersOf(db: Db, customerIds: string[]): Promise<Map<string, CustomerDoc['tier']>> {
  const ids = [...new Set(customerIds)];
  if (!ids.length) return new Map();
  const res = await db.allDocs<CustomerDoc>({ keys: ids, include_docs: true });
  return new Map(res.rows.flatMap((r) => ('doc' in r && r.doc && r.doc.type === 'customer' ? [[r.doc._id, r.doc.tier ?? null] as const] : [])));
}

/** The queue number and label of one visit of its day, as `boardBetween` gives them. */
export async function queuePlaceOf(db: Db, clinic: string, date: string, visit: VisitDoc): Promise<QueuePlace> {
  const entry = (await dayBoard(db, clinic, date)).find((b) => b.visit._id === visit._id);
  return entry ? { number: entry.number, label: entry.label } : { number: visit.queueNumber ?? 0, label: String(visit.queueNumber ?? '') };
}

/**
 * The number the next check-in of the day gets: one past the highest this desk holds (visits from
 * before numbers were kept count by their place). Two desks offline at the same time can give out
 * one number twice (each continues its own count); it is never taken back or moved.
 */
export async function nextQueueNumber(db: Db, clinic: string, date: string): Promise<number> {
  const visits = await ofDay<VisitDoc>(db, visitDocs, clinic, date);
  return Math.max(visits.length - visits.filter((v) => v.queueNumber).length, ...visits.map((v) => v.queueNumber ?? 0)) + 1;
}

export async function displaySettings(db: Db, clinic: string): Promise<DisplaySettingsDoc | null> {
  const doc = await getOrNull<DisplaySettingsDoc>(db, displaySettingsDocs.id(clinic));
  return doc && doc.type === 'display-settings' ? doc : null;
}
