/**
 * Clinic time. Every clinic of the chain is in China, so "today", "this month" and working days
 * are reckoned in Asia/Shanghai whatever the PC's own time zone is; instants are stored as ISO UTC.
 */
export const CLINIC_TIME_ZONE = 'Asia/Shanghai';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: CLINIC_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: CLINIC_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `YYYY-MM-DD` of the instant in clinic time. */
export function clinicDate(at: Date | string): string {
  return dateFormat.format(typeof at === 'string' ? new Date(at) : at);
}

/** `HH:MM` of the instant in clinic time. */
export function clinicTime(at: Date | string): string {
  return timeFormat.format(typeof at === 'string' ? new Date(at) : at);
}

/** Whole minutes from `from` to `to` (never negative: a clock that stepped back reads 0). */
export function minutesBetween(from: string | Date, to: string | Date): number {
  const ms = new Date(to).getTime() - new Date(from).getTime();
  return Math.max(0, Math.floor(ms / 60_000));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Age in whole years on `today` (both `YYYY-MM-DD`). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = dateParts(birthDate);
  const [ty, tm, td] = dateParts(today);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/*
 * Calendar-date arithmetic. A calendar date (`YYYY-MM-DD`, or a month `YYYY-MM`) is a day of the
 * clinic's calendar, not an instant: it is reckoned as UTC midnight, so no time zone or summer time
 * moves it. This is the one copy; the domains' rules import it from here.
 */

const DAY_MS = 86_400_000;

/** Year, month (1–12) and day of `YYYY-MM-DD`; of a month `YYYY-MM` the day is 1. */
export function dateParts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number | undefined];
  return [y, m, d ?? 1];
}

/** UTC midnight of a calendar date (a fresh Date each call; callers may step it). */
export function utcDay(date: string): Date {
  const [y, m, d] = dateParts(date);
  return new Date(Date.UTC(y, m - 1, d));
}

/** The calendar date `YYYY-MM-DD` of a UTC-midnight Date or its milliseconds. */
export function isoDate(day: Date | number): string {
  return new Date(day).toISOString().slice(0, 10);
}

/** Day of the week of a calendar date: 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return utcDay(date).getUTCDay();
}

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return isoDate(utcDay(date).getTime() + days * DAY_MS);
}

/** The calendar date `months` months after `date` (negative: before); the 31st of a shorter month becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = dateParts(date);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return isoDate(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

/** The month `YYYY-MM` `months` after the month of `date` (a date or a month; negative: before). */
export function addMonthsToMonth(date: string, months: number): string {
  return addMonths(`${date.slice(0, 7)}-01`, months).slice(0, 7);
}

/** Every calendar date from `from` to `to`, both included (none when `to` is before `from`). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (const d = utcDay(from), end = utcDay(to); d <= end; d.setUTCDate(d.getUTCDate() + 1)) days.push(isoDate(d));
  return days;
}

/** The last day of a `YYYY-MM` month. */
export function lastDayOf(month: string): string {
  const [y, m] = dateParts(month);
  return isoDate(Date.UTC(y, m, 0));
}

/** Monday and Sunday of the week that contains `date`. */
export function mondayWeek(date: string): { from: string; to: string } {
  const dow = (weekday(date) + 6) % 7; // Monday = 0
  return { from: addDays(date, -dow), to: addDays(date, 6 - dow) };
}

/**
 * The week the Friday figures cover (DOMAIN.md §5: every Friday the week's figures go out): the
 * seven days ending on the Friday of `date`'s week, Saturday to Friday. A Saturday or Sunday
 * belongs to the week ending the Friday after it.
 */
export function fridayWeek(date: string): { from: string; to: string } {
  const ahead = (5 - weekday(date) + 7) % 7; // days until Friday (0 on a Friday)
  const friday = addDays(date, ahead);
  return { from: addDays(friday, -6), to: friday };
}
