import { z } from 'zod';
import { docMeta, requiredText, text } from '../doc';
import { isCalendarDate, isoDate, utcDay, weekday } from '../time';

/**
 * The working-day calendar (DOMAIN.md "Working days"): one document per year, `calendar:<year>`,
 * that head office writes into the `reference` database and every clinic pulls. Limits in working
 * days skip weekends and the holidays (法定节假日), and count the make-up working days (调休上班)
 * that fall on a weekend.
 *
 * The same rules run on the server as the reference database's `validate_doc_update`
 * (src-main/sync/couch/validation.ts, ES5); the tests hold the two to the same answers.
 */

/** Every clinic's document: reference documents carry `*` where others carry a clinic code. */
export const ALL_CLINICS = '*';
export const CALENDAR_SCHEMA_VERSION = 1;

/** Dates are checked by `calendarProblems` (real, inside the year), so one place words the errors. */
const dateText = z.string().max(10);

export const holiday = z.strictObject({
  name: requiredText(20),
  /** First and last day off, both included. */
  from: dateText,
  to: dateText,
});
export type Holiday = z.infer<typeof holiday>;

const tableFields = {
  year: z.number().int().min(2000).max(2100),
  holidays: z.array(holiday).max(30),
  /** 调休上班: weekend days that are working days. */
  workdays: z.array(dateText).max(30),
  /** Where the table comes from, e.g. the State Council notice. */
  source: text(200),
};

export interface CalendarTable {
  year: number;
  holidays: Holiday[];
  workdays: string[];
  source: string;
}

export interface CalendarProblem {
  path: (string | number)[];
  message: string;
}

export function isWeekend(date: string): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

/**
 * What is wrong with a year's table, in a fixed order (the server's validation reports the
 * first of these): dates real and inside the year, from ≤ to, holidays not overlapping, each
 * make-up day on a weekend and outside every holiday, no make-up day twice.
 */
export function calendarProblems(table: CalendarTable): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const inYear = (date: string) => date.slice(0, 4) === String(table.year);
  const checkDate = (date: string, path: (string | number)[]) => {
    if (!isCalendarDate(date)) problems.push({ path, message: `"${date}" is not a real date (YYYY-MM-DD)` });
    else if (!inYear(date)) problems.push({ path, message: `${date} is not in ${table.year}` });
    else return true;
    return false;
  };

  const valid: { index: number; from: string; to: string }[] = [];
  table.holidays.forEach((h, index) => {
    const fromOk = checkDate(h.from, ['holidays', index, 'from']);
    const toOk = checkDate(h.to, ['holidays', index, 'to']);
    if (fromOk && toOk) {
      if (h.from > h.to) problems.push({ path: ['holidays', index, 'to'], message: `ends (${h.to}) before it starts (${h.from})` });
      else valid.push({ index, from: h.from, to: h.to });
    }
  });
  const sorted = [...valid].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.index - b.index));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.from <= prev.to)
      problems.push({ path: ['holidays', cur.index, 'from'], message: `overlaps ${table.holidays[prev.index]!.name} (${prev.from} to ${prev.to})` });
  }

  const seen = new Set<string>();
  table.workdays.forEach((date, index) => {
    if (!checkDate(date, ['workdays', index])) return;
    if (!isWeekend(date)) problems.push({ path: ['workdays', index], message: `${date} is not a Saturday or Sunday` });
    const inside = valid.find((h) => h.from <= date && date <= h.to);
    if (inside) problems.push({ path: ['workdays', index], message: `${date} is inside ${table.holidays[inside.index]!.name}` });
    if (seen.has(date)) problems.push({ path: ['workdays', index], message: `${date} is listed twice` });
    seen.add(date);
  });
  return problems;
}

/** `holidays[1].from: …` — how a problem reads in messages (the server's validation words it the same). */
export function calendarProblemText(problem: CalendarProblem): string {
  const path = problem.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  return `${path}: ${problem.message}`;
}

function refineTable(table: CalendarTable, ctx: z.RefinementCtx) {
  for (const p of calendarProblems(table)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
}

/** A year's table as head office enters it. */
export const calendarTable = z.strictObject(tableFields).superRefine(refineTable);

export const calendarDocSchema = z
  .strictObject({
    ...docMeta,
    _id: z.string().regex(/^calendar:\d{4}$/, { error: 'calendar:<year>' }),
    type: z.literal('calendar'),
    clinic: z.literal(ALL_CLINICS),
    ...tableFields,
  })
  .superRefine((doc, ctx) => {
    if (doc._id !== `calendar:${doc.year}`) ctx.addIssue({ code: 'custom', path: ['_id'], message: `must be calendar:${doc.year}` });
    refineTable(doc, ctx);
  });
export type CalendarDoc = z.infer<typeof calendarDocSchema>;

/** The document for a table, stamped as written by `by` at `at` (ISO UTC). */
export function calendarDoc(table: CalendarTable, stamp: { at: string; by: string }): CalendarDoc {
  return {
    _id: `calendar:${table.year}`,
    type: 'calendar',
    schemaVersion: CALENDAR_SCHEMA_VERSION,
    clinic: ALL_CLINICS,
    createdAt: stamp.at,
    createdBy: stamp.by,
    updatedAt: stamp.at,
    updatedBy: stamp.by,
    year: table.year,
    holidays: table.holidays.map((h) => ({ ...h })),
    workdays: [...table.workdays],
    source: table.source,
  };
}

/** The shipped default for 2026 (DOMAIN.md, State Council notice of 2025-11-04). */
export const calendar2026: CalendarTable = {
  year: 2026,
  holidays: [
    { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
    { name: '春节', from: '2026-02-15', to: '2026-02-23' },
    { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
    { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
    { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
    { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
    { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  source: '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)',
};

/** True when `date` (inside the table's year) is a working day: a weekday off no holiday, or a make-up day. */
export function isWorkingDay(date: string, table: CalendarTable): boolean {
  if (!isCalendarDate(date) || date.slice(0, 4) !== String(table.year)) throw new RangeError(`${date}: no calendar for this date (have ${table.year})`);
  if (table.workdays.includes(date)) return true;
  if (table.holidays.some((h) => h.from <= date && date <= h.to)) return false;
  return !isWeekend(date);
}

/** The `n`th working day after `date` (n ≥ 1), within the table's year. */
export function addWorkingDays(date: string, n: number, table: CalendarTable): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n: a whole number ≥ 1, not ${n}`);
  const day = utcDay(date);
  let left = n;
  for (;;) {
    day.setUTCDate(day.getUTCDate() + 1);
    const next = isoDate(day);
    if (isWorkingDay(next, table) && --left === 0) return next;
  }
}

/**
 * Working days across years, with the tables known to the desk (the shipped 2026 default plus
 * every `calendar:<year>` head office has sent). A date in a year no table covers is counted as a
 * plain weekday/weekend, and the year is reported in `missingYears` so the screen can warn that
 * the calendar is missing (DOMAIN.md: a deadline must never silently rest on a guess).
 */
export function addWorkingDaysAcross(date: string, n: number, tables: readonly CalendarTable[]): { date: string; missingYears: number[] } {
  if (!isCalendarDate(date)) throw new RangeError(`${date}: not a real date (YYYY-MM-DD)`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n: a whole number ≥ 1, not ${n}`);
  const byYear = new Map(tables.map((t) => [t.year, t]));
  const missing = new Set<number>();
  const day = utcDay(date);
  let left = n;
  for (;;) {
    day.setUTCDate(day.getUTCDate() + 1);
    const next = isoDate(day);
    const table = byYear.get(day.getUTCFullYear());
    let working: boolean;
    if (table) working = isWorkingDay(next, table);
    else {
      missing.add(day.getUTCFullYear());
      working = !isWeekend(next);
    }
    if (working && --left === 0) return { date: next, missingYears: [...missing] };
  }
}
