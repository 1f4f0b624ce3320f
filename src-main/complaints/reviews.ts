/**
 * The GM office's monthly review (seed 001 (五) "总经办每月 10 日前应审视上月份客服部上报结案的患者投诉案件"):
 * one `complaint-review` document per clinic and month, written once by head office into the
 * clinic's database. The review's status is worked out here for both sides, the clinic's 受理台 and
 * head office's to-do, from the same cases and documents.
 */
import type { ComplaintView, MonthReviewView } from '../../shared/complaints/schemas';
import { endOfClinicDay } from '../../shared/complaints/rules';
import { addMonthsToMonth, clinicDate } from '../../shared/time';
import type { Db } from '../store/pouch';
import { complaintIds, type ComplaintReviewDoc } from './storage';

/** The month a case was closed in (clinic time), or null while it is open. */
const closedMonth = (c: ComplaintView) => {
  const at = c.events.find((e) => e.kind === 'close' && !e.ignored)?.at ?? null;
  return at === null ? null : clinicDate(at).slice(0, 7);
};

/** One clinic month's review: its cases closed in `month`, due at the end of the 10th of the month after. */
export function monthReview(clinic: { code: string; name: string }, month: string, cases: readonly ComplaintView[], doc: ComplaintReviewDoc | null, names: ReadonlyMap<string, string>, now: Date): MonthReviewView {
  const closed = cases.filter((c) => closedMonth(c) === month);
  const dueAt = endOfClinicDay(`${addMonthsToMonth(month, 1)}-10`);
  return {
    clinic: clinic.code,
    clinicName: clinic.name,
    month,
    dueAt,
    closedCases: closed.length,
    penalised: closed.filter((c) => c.events.some((e) => e.kind === 'penalty' && !e.ignored && Array.isArray(e.data.persons) && e.data.persons.length > 0)).length,
    status: doc ? (doc.createdAt > dueAt ? 'reviewedLate' : 'reviewed') : now.toISOString() > dueAt ? 'overdue' : 'open',
    reviewedAt: doc?.createdAt ?? null,
    reviewedByName: doc ? (doc.byName ?? names.get(doc.createdBy) ?? doc.createdBy) : null,
    note: doc?.note ?? null,
  };
}

/** The clinic's review documents by month, read as one id range. */
export async function reviewDocsOf(db: Db, clinic: string): Promise<Map<string, ComplaintReviewDoc>> {
  const res = await db.allDocs<ComplaintReviewDoc>({ include_docs: true, ...complaintIds.range(`complaint-review:${clinic}:`) });
  return new Map(res.rows.flatMap((r) => (r.doc && r.doc.type === 'complaint-review' ? [[r.doc.month, r.doc] as const] : [])));
}

/** The `count` finished months before `now`'s month, newest first (`2026-12` → 2026-11, 2026-10, …). */
export function finishedMonths(now: Date, count: number): string[] {
  const month = clinicDate(now).slice(0, 7);
  return Array.from({ length: count }, (_, i) => addMonthsToMonth(month, -(i + 1)));
}
