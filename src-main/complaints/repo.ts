import { calendar2026, calendarTable, type CalendarTable } from '../../shared/reference/calendar';
import { chineseDaysTables } from '../../shared/reference/chineseDays';
import type { IssuedNumber } from '../../shared/complaints/rules';
import type { Db } from '../store/pouch';
import { complaintIds, type ComplaintDoc, type ComplaintEventDoc, type ComplaintLimitsDoc, type ComplaintNumberDoc, type ComplaintSettingsDoc } from './storage';
import { complaintEventDocs, complaintNumberDocs, receivedIn } from '../../shared/complaints/docs';
import { getOrNull } from '../store/get';

/** Repository of complaints: the db comes first; reads are id ranges. */

export async function getComplaint(db: Db, id: string): Promise<ComplaintDoc | null> {
  if (!id.startsWith('complaint:')) return null;
  const doc = await getOrNull<ComplaintDoc>(db, id);
  return doc && doc.type === 'complaint' ? doc : null;
}

export async function eventsOf(db: Db, complaintId: string): Promise<ComplaintEventDoc[]> {
  const res = await db.allDocs<ComplaintEventDoc>({ include_docs: true, ...complaintEventDocs.range(complaintId) });
  return res.rows.flatMap((r) => (r.doc && r.doc.type === 'complaint-event' ? [r.doc] : []));
}

/** Every complaint of the clinic received in `datePrefix` (`''` for all, `2026-11` for a month). */
export async function complaintsOf(db: Db, clinic: string, datePrefix = ''): Promise<ComplaintDoc[]> {
  const res = await db.allDocs<ComplaintDoc>({ include_docs: true, ...receivedIn('complaint', clinic, datePrefix) });
  return res.rows.flatMap((r) => (r.doc && r.doc.type === 'complaint' ? [r.doc] : []));
}

/** Every event of the clinic's cases received in `datePrefix`, grouped by case. */
export async function eventsByCaseOf(db: Db, clinic: string, datePrefix = ''): Promise<Map<string, ComplaintEventDoc[]>> {
  const events = await db.allDocs<ComplaintEventDoc>({ include_docs: true, ...receivedIn('complaint-event', clinic, datePrefix) });
  const eventsByCase = new Map<string, ComplaintEventDoc[]>();
  for (const r of events.rows) if (r.doc) (eventsByCase.get(r.doc.complaintId) ?? eventsByCase.set(r.doc.complaintId, []).get(r.doc.complaintId)!).push(r.doc);
  return eventsByCase;
}

function claimOf(doc: ComplaintNumberDoc, conflicted: boolean): IssuedNumber {
  return {
    number: doc.number,
    complaintId: doc.complaintId,
    docId: doc._id,
    ...(conflicted ? { rev: doc._rev as string } : {}),
    deskId: doc.deskId,
    issuedAt: doc.createdAt,
    acceptEventId: doc.acceptEventId,
    replaces: doc.replaces ?? null,
  };
}

/**
 * Every claim of a number in the clinic, read as an id range (`complaint-number:<CODE>:`) with
 * both sides of a conflict (two desks that claimed one number while apart: one document, two
 * revisions). Not a view: views index winners only, and on head office's computer the first read
 * of a view after a large pull indexes every document pulled (docs/bench.md).
 */
export async function clinicNumbers(db: Db, clinic: string): Promise<IssuedNumber[]> {
  const res = await db.allDocs<ComplaintNumberDoc>({ include_docs: true, conflicts: true, ...complaintNumberDocs.range(clinic) });
  const claims: IssuedNumber[] = [];
  for (const r of res.rows) {
    const doc = r.doc as (ComplaintNumberDoc & { _conflicts?: string[] }) | undefined;
    if (!doc || doc.type !== 'complaint-number') continue;
    const conflicts = doc._conflicts ?? [];
    claims.push(claimOf(doc, conflicts.length > 0));
    if (!conflicts.length) continue;
    const others = (await db.get(doc._id, { open_revs: conflicts } as PouchDB.Core.GetOpenRevisions)) as unknown as { ok?: ComplaintNumberDoc }[];
    for (const o of others) if (o.ok && !(o.ok as { _deleted?: boolean })._deleted && o.ok.type === 'complaint-number') claims.push(claimOf(o.ok, true));
  }
  return claims;
}

export async function getLimits(db: Db, clinic: string): Promise<ComplaintLimitsDoc | null> {
  return getOrNull<ComplaintLimitsDoc>(db, complaintIds.limits(clinic));
}

export async function getSettings(db: Db, clinic: string): Promise<ComplaintSettingsDoc | null> {
  return getOrNull<ComplaintSettingsDoc>(db, complaintIds.settings(clinic));
}

/**
 * The working-day calendars the desk knows: every `calendar:<year>` head office has sent (pulled
 * from `reference` — set-up seeds every year of the pinned chinese-days package there — and the
 * shipped 2026 default where head office has sent no 2026 table.
 */
export async function knownCalendars(db: Db): Promise<CalendarTable[]> {
  const res = await db.allDocs<Record<string, unknown>>({ include_docs: true, startkey: 'calendar:', endkey: 'calendar:\ufff0' });
  const tables: CalendarTable[] = [];
  for (const r of res.rows) {
    const doc = r.doc;
    if (!doc || doc.type !== 'calendar') continue;
    const parsed = calendarTable.safeParse({ year: doc.year, holidays: doc.holidays, workdays: doc.workdays, source: doc.source });
    if (parsed.success) tables.push(parsed.data);
  }
  // The other years reach the desk from `reference`, where set-up seeds every chinese-days year; a
  // desk that never synced (or before its first pull) counts them from the shipped package instead.
  const stored = new Set(tables.map((t) => t.year));
  if (!stored.has(2026)) tables.push(calendar2026);
  for (const t of chineseDaysTables()) if (!stored.has(t.year) && t.year !== 2026) tables.push(t);
  return tables;
}
