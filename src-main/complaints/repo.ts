import { calendar2026, calendarTable, type CalendarTable } from '../../shared/reference/calendar';
import type { IssuedNumber } from '../../shared/complaints/rules';
import type { Db } from '../store/pouch';
import { complaintIds, type ComplaintDoc, type ComplaintEventDoc, type ComplaintNumberDoc, type ComplaintSettingsDoc } from './storage';

/** Repository of complaints: the db comes first; reads are id ranges or the by_number view. */

export async function getComplaint(db: Db, id: string): Promise<ComplaintDoc | null> {
  if (!id.startsWith('complaint:')) return null;
  const doc = await db.get<ComplaintDoc>(id).catch(() => null);
  return doc && doc.type === 'complaint' ? doc : null;
}

export async function eventsOf(db: Db, complaintId: string): Promise<ComplaintEventDoc[]> {
  const res = await db.allDocs<ComplaintEventDoc>({ include_docs: true, ...complaintIds.range(`complaint-event:${complaintIds.caseKey(complaintId)}:`) });
  return res.rows.flatMap((r) => (r.doc && r.doc.type === 'complaint-event' ? [r.doc] : []));
}

export async function numbersOf(db: Db, complaintId: string): Promise<ComplaintNumberDoc[]> {
  const res = await db.allDocs<ComplaintNumberDoc>({ include_docs: true, ...complaintIds.range(`complaint-number:${complaintIds.caseKey(complaintId)}:`) });
  return res.rows.flatMap((r) => (r.doc && r.doc.type === 'complaint-number' ? [r.doc] : []));
}

/** Every complaint of the clinic received in `datePrefix` (`''` for all, `2026-11` for a month). */
export async function complaintsOf(db: Db, clinic: string, datePrefix = ''): Promise<ComplaintDoc[]> {
  const res = await db.allDocs<ComplaintDoc>({ include_docs: true, ...complaintIds.range(`complaint:${clinic}:${datePrefix}`) });
  return res.rows.flatMap((r) => (r.doc && r.doc.type === 'complaint' ? [r.doc] : []));
}

/** Every event and number of the clinic's cases received in `datePrefix`, grouped by case. */
export async function caseDocsOf(db: Db, clinic: string, datePrefix = '') {
  const [events, numbers] = await Promise.all([
    db.allDocs<ComplaintEventDoc>({ include_docs: true, ...complaintIds.range(`complaint-event:${clinic}:${datePrefix}`) }),
    db.allDocs<ComplaintNumberDoc>({ include_docs: true, ...complaintIds.range(`complaint-number:${clinic}:${datePrefix}`) }),
  ]);
  const eventsByCase = new Map<string, ComplaintEventDoc[]>();
  for (const r of events.rows) if (r.doc) (eventsByCase.get(r.doc.complaintId) ?? eventsByCase.set(r.doc.complaintId, []).get(r.doc.complaintId)!).push(r.doc);
  const numbersByCase = new Map<string, ComplaintNumberDoc[]>();
  for (const r of numbers.rows) if (r.doc) (numbersByCase.get(r.doc.complaintId) ?? numbersByCase.set(r.doc.complaintId, []).get(r.doc.complaintId)!).push(r.doc);
  return { eventsByCase, numbersByCase };
}

/**
 * Every number issued in the clinic, read as an id range (`complaint-number:<CODE>:`). Not the
 * by_number view: on head office's computer, the first read of a view after a large pull indexes
 * every document pulled (half a million: minutes, `npm run bench`), and a case view needs only its
 * own clinic's numbers.
 */
export async function clinicNumbers(db: Db, clinic: string): Promise<IssuedNumber[]> {
  const res = await db.allDocs<ComplaintNumberDoc>({ include_docs: true, ...complaintIds.range(`complaint-number:${clinic}:`) });
  return res.rows.flatMap((r) => (r.doc && r.doc.type === 'complaint-number' ? [{ number: r.doc.number, complaintId: r.doc.complaintId, docId: r.doc._id }] : []));
}

/** Numbers issued for a prefix of numbers (`BJ202611` for a clinic-month, `BJ` for a clinic), through the view. */
export async function issuedNumbers(db: Db, prefix: string): Promise<IssuedNumber[]> {
  const res = await db.query<{ complaintId: string }>('complaints/by_number', { startkey: prefix, endkey: `${prefix}\ufff0` });
  return res.rows.map((r) => ({ number: r.key as string, complaintId: r.value.complaintId, docId: r.id }));
}

export async function getSettings(db: Db, clinic: string): Promise<ComplaintSettingsDoc | null> {
  return db.get<ComplaintSettingsDoc>(complaintIds.settings(clinic)).catch(() => null);
}

/**
 * The working-day calendars the desk knows: every `calendar:<year>` head office has sent (pulled
 * from `reference`), and the shipped 2026 default where head office has sent no 2026 table.
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
  if (!tables.some((t) => t.year === 2026)) tables.push(calendar2026);
  return tables;
}
