import type { ClinicDoc } from '../../shared/reference/schemas';
import { HEAD_OFFICE_CODE } from '../../shared/reference/schemas';
import { calendar2026, calendarDocSchema, type CalendarDoc } from '../../shared/reference/calendar';
import { chineseDaysTable } from '../../shared/reference/chineseDays';
import type { Db } from '../store/pouch';
import { getOrNull } from '../store/get';

/** Every clinic head office has pulled (its own `HO` excluded), by code. */
export async function listClinics(db: Db): Promise<ClinicDoc[]> {
  const res = await db.allDocs<ClinicDoc>({ include_docs: true, startkey: 'clinic:', endkey: 'clinic:\ufff0' });
  return res.rows.flatMap((r) => (r.doc && r.doc.type === 'clinic' && r.doc.code !== HEAD_OFFICE_CODE ? [r.doc] : []));
}

/** A year's calendar as stored (saved by head office), or null. */
export async function storedCalendar(db: Db, year: number): Promise<CalendarDoc | null> {
  const doc = await getOrNull(db, `calendar:${year}`);
  const parsed = calendarDocSchema.safeParse(doc === null ? null : stripRev(doc));
  return parsed.success ? parsed.data : null;
}

function stripRev(doc: object): object {
  const { _rev: _r, _conflicts: _c, ...rest } = doc as { _rev?: string; _conflicts?: unknown };
  return rest;
}

/** The shipped defaults (only 2026 today), for a year nobody has saved yet. */
export function defaultCalendar(year: number) {
  // 2026 as DOMAIN.md gives it; other years from the pinned chinese-days package (issue 18).
  return year === calendar2026.year ? calendar2026 : chineseDaysTable(year);
}
