import type { ClinicDoc } from '../../shared/reference/schemas';
import { HEAD_OFFICE_CODE } from '../../shared/reference/schemas';
import { calendar2026, calendarDocSchema, type CalendarDoc } from '../../shared/reference/calendar';
import type { CustomerRow, VisitRow } from '../../shared/headoffice/rules';
import type { Period, VisitRecord } from '../../shared/headoffice/schemas';
import type { VisitDoc } from '../../shared/desk/schemas';
import type { Db } from '../store/pouch';

/** Every clinic head office has pulled (its own `HO` excluded), by code. */
export async function listClinics(db: Db): Promise<ClinicDoc[]> {
  const res = await db.allDocs<ClinicDoc>({ include_docs: true, startkey: 'clinic:', endkey: 'clinic:\ufff0' });
  return res.rows.flatMap((r) => (r.doc && r.doc.type === 'clinic' && r.doc.code !== HEAD_OFFICE_CODE ? [r.doc] : []));
}

/** The grouped rows of one of head office's `_count` views over a range of clinic days. */
async function groupedRows<K>(db: Db, view: 'visits' | 'customers', period: Period, level: number): Promise<{ key: K; value: number }[]> {
  const res = await db.query(`ho/${view}`, { startkey: [period.from], endkey: [period.to, {}], group_level: level });
  return res.rows as unknown as { key: K; value: number }[];
}

export function visitRows(db: Db, period: Period): Promise<VisitRow[]> {
  return groupedRows<VisitRow['key']>(db, 'visits', period, 4);
}

export function customerRows(db: Db, period: Period): Promise<CustomerRow[]> {
  return groupedRows<CustomerRow['key']>(db, 'customers', period, 3);
}

export interface VisitFilter {
  firstVisit: boolean | null;
  departmentName: string | null;
}

/** The visits behind a figure: keys filtered first, then at most `limit` documents read. */
export async function visitRecords(db: Db, period: Period, filter: VisitFilter, limit: number): Promise<VisitRecord[]> {
  const keys = await db.query('ho/visits', { startkey: [period.from], endkey: [period.to, {}], reduce: false });
  const ids = keys.rows
    .filter((r) => {
      const [, clinic, first, department] = r.key as VisitRow['key'];
      return (
        (period.clinic === null || clinic === period.clinic) &&
        (filter.firstVisit === null || Boolean(first) === filter.firstVisit) &&
        (filter.departmentName === null || department === filter.departmentName)
      );
    })
    .slice(0, limit)
    .map((r) => r.id);
  const docs = await db.allDocs<VisitDoc>({ keys: ids, include_docs: true });
  return docs.rows.flatMap((r) => {
    const v = 'doc' in r ? r.doc : null;
    if (!v) return [];
    return [
      {
        id: v._id,
        clinic: v.clinic,
        date: v._id.split(':')[2] ?? '',
        arrivedAt: v.arrivedAt,
        customerName: v.customerName,
        firstVisit: v.firstVisit,
        departmentName: v.departmentName,
        consultantName: v.consultantName,
        registeredBy: v.createdBy,
      },
    ];
  });
}

/** A year's calendar as stored (saved by head office), or null. */
export async function storedCalendar(db: Db, year: number): Promise<CalendarDoc | null> {
  const doc = await db.get(`calendar:${year}`).catch(() => null);
  const parsed = calendarDocSchema.safeParse(doc === null ? null : stripRev(doc));
  return parsed.success ? parsed.data : null;
}

function stripRev(doc: object): object {
  const { _rev: _r, _conflicts: _c, ...rest } = doc as { _rev?: string; _conflicts?: unknown };
  return rest;
}

/** The shipped defaults (only 2026 today), for a year nobody has saved yet. */
export function defaultCalendar(year: number) {
  return year === calendar2026.year ? calendar2026 : null;
}
