import type { Grain, Period, TeaFigures, VisitFigures } from './schemas';
import { daysBetween, fridayWeek, lastDayOf, utcDay } from '../time';

/**
 * Pure rules of head office's figures: which period a clinic day falls in, the periods of a range,
 * and the dashboard's visit figures from the grouped view rows (src-main/headoffice/storage.ts).
 */

const utc = utcDay;

/** ISO-8601 week: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(date: string): string {
  const day = utc(date);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  day.setUTCDate(day.getUTCDate() - weekday + 3); // the Thursday of this week
  const year = day.getUTCFullYear();
  const week = 1 + Math.floor((day.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The label of the period a clinic day belongs to: `2026-11-27`, `2026-W48` or `2026-11`. */
export function periodOf(date: string, grain: Grain): string {
  if (grain === 'day') return date;
  if (grain === 'month') return date.slice(0, 7);
  return isoWeek(date);
}

/** Every clinic day from `from` to `to`, both included; the last day of a month (shared/time.ts). */
export { daysBetween, lastDayOf };

/** The periods of a range in order, each once. */
export function periodsBetween(from: string, to: string, grain: Grain): string[] {
  return [...new Set(daysBetween(from, to).map((d) => periodOf(d, grain)))];
}

/** One grouped row of the `visits` view: [date, clinic, first 1/0, department] and its count. */
export interface VisitRow {
  key: [string, string, number, string];
  value: number;
}
/** One grouped row of the `customers` view: [date, clinic, source] and its count. */
export interface CustomerRow {
  key: [string, string, string];
  value: number;
}

/** One day's service summary rows (see src-main/headoffice/summaries.ts for their shape). */
export interface ServiceRow {
  date: string;
  waits: [string, number, number][];
  outcomes: [string, string, number][];
  tea: [string, number, number, number, number, number][];
  teaExceptions: [string, string, number][];
  /** [clinic, no-show id] */
  noShows: [string, string][];
}

export interface SummaryRows {
  visits: VisitRow[];
  customers: CustomerRow[];
  service: ServiceRow[];
}

/** Named counts, largest first (then by name). */
export function ranked(counts: Map<string, number>): { key: string; count: number }[] {
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function add(map: Map<string, number>, key: string, n = 1) {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** The dashboard's visit figures of a period, for one clinic or (clinic null) all of them. */
export function visitFigures(period: Period, rows: SummaryRows, clinicNames: Map<string, string>): VisitFigures {
  const { visits, customers } = rows;
  const periods = periodsBetween(period.from, period.to, period.grain);
  const index = new Map(periods.map((p, i) => [p, i]));
  const first = periods.map(() => 0);
  const returning = periods.map(() => 0);
  const noShows = periods.map(() => 0);
  const byClinic = new Map<string, { first: number; returning: number; noShows: number }>();
  const byDepartment = new Map<string, number>();
  const bySource = new Map<string, number>();
  const wanted = (date: string, clinic: string) => date >= period.from && date <= period.to && (period.clinic === null || clinic === period.clinic);

  for (const { key, value } of visits) {
    const [date, clinic, isFirst, department] = key;
    if (!wanted(date, clinic)) continue;
    const i = index.get(periodOf(date, period.grain))!;
    const c = byClinic.get(clinic) ?? { first: 0, returning: 0, noShows: 0 };
    if (isFirst) {
      first[i]! += value;
      c.first += value;
    } else {
      returning[i]! += value;
      c.returning += value;
    }
    byClinic.set(clinic, c);
    add(byDepartment, department, value);
  }
  for (const { key, value } of customers) {
    const [date, clinic, source] = key;
    if (wanted(date, clinic)) add(bySource, source, value);
  }
  let waitMinutes = 0;
  let waits = 0;
  const byOutcome = new Map<string, number>();
  for (const day of rows.service) {
    if (day.date < period.from || day.date > period.to) continue;
    for (const [clinic, minutes, n] of day.waits) {
      if (period.clinic !== null && clinic !== period.clinic) continue;
      waitMinutes += minutes;
      waits += n;
    }
    for (const [clinic, outcome, n] of day.outcomes) if (period.clinic === null || clinic === period.clinic) add(byOutcome, outcome, n);
    for (const [clinic] of day.noShows) {
      if (period.clinic !== null && clinic !== period.clinic) continue;
      noShows[index.get(periodOf(day.date, period.grain))!]! += 1;
      const c = byClinic.get(clinic) ?? { first: 0, returning: 0, noShows: 0 };
      c.noShows += 1;
      byClinic.set(clinic, c);
    }
  }
  const firstTotal = first.reduce((a, b) => a + b, 0);
  return {
    averageWaitMinutes: waits ? Math.round((waitMinutes / waits) * 10) / 10 : null,
    byOutcome: ranked(byOutcome),
    periods,
    first,
    returning,
    firstTotal,
    total: firstTotal + returning.reduce((a, b) => a + b, 0),
    noShows,
    noShowTotal: noShows.reduce((a, b) => a + b, 0),
    byClinic: [...byClinic]
      .map(([key, c]) => ({ key, name: clinicNames.get(key) ?? key, ...c }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    byDepartment: ranked(byDepartment),
    bySource: ranked(bySource),
  };
}

/** The dashboard's tea figures of a period (DOMAIN.md §2). */
export function teaFigures(period: Period, rows: SummaryRows, clinicNames: Map<string, string>): TeaFigures {
  let served = 0;
  let declined = 0;
  let refills = 0;
  let cupMinutes = 0;
  let cups = 0;
  const exceptions = new Map<string, number>();
  const byClinic = new Map<string, { served: number; refills: number; exceptions: number }>();
  for (const day of rows.service) {
    if (day.date < period.from || day.date > period.to) continue;
    for (const [clinic, s, d, r, minutes, n] of day.tea) {
      if (period.clinic !== null && clinic !== period.clinic) continue;
      served += s;
      declined += d;
      refills += r;
      cupMinutes += minutes;
      cups += n;
      const c = byClinic.get(clinic) ?? { served: 0, refills: 0, exceptions: 0 };
      c.served += s;
      c.refills += r;
      byClinic.set(clinic, c);
    }
    for (const [clinic, text, n] of day.teaExceptions) {
      if (period.clinic !== null && clinic !== period.clinic) continue;
      add(exceptions, text, n);
      const c = byClinic.get(clinic) ?? { served: 0, refills: 0, exceptions: 0 };
      c.exceptions += n;
      byClinic.set(clinic, c);
    }
  }
  return {
    served,
    declined,
    refills,
    averageFirstCupMinutes: cups ? Math.round((cupMinutes / cups) * 10) / 10 : null,
    exceptions: ranked(exceptions),
    byClinic: [...byClinic].map(([key, c]) => ({ key, name: clinicNames.get(key) ?? key, ...c })).sort((a, b) => a.key.localeCompare(b.key)),
  };
}

/** The week the Friday figures cover, Saturday to Friday (shared/time.ts). */
export { fridayWeek };
