import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addMonthsToMonth, ageOn, dateParts, daysBetween, fridayWeek, isoDate, lastDayOf, mondayWeek, utcDay, weekday } from '../../shared/time';

/*
 * The one calendar-date arithmetic (shared/time.ts), checked against the copies it replaced, kept
 * here verbatim as the oracle, over every day of 2023–2029 (leap years, month and year ends).
 */
const old = {
  addDays(date: string, days: number): string {
    const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, mo - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
  },
  monthsBefore(date: string, months: number): string {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const total = y * 12 + (m - 1) - months;
    const ny = Math.floor(total / 12);
    const nm = (total % 12) + 1;
    const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
    return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  },
  weekOf(date: string): { from: string; to: string } {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const t = Date.UTC(y, m - 1, d);
    const dow = (new Date(t).getUTCDay() + 6) % 7;
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    return { from: iso(t - dow * 86_400_000), to: iso(t + (6 - dow) * 86_400_000) };
  },
  fridayWeek(date: string): { from: string; to: string } {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const day = new Date(Date.UTC(y, m - 1, d));
    const ahead = (5 - day.getUTCDay() + 7) % 7;
    const friday = new Date(day.getTime() + ahead * 86_400_000);
    const saturday = new Date(friday.getTime() - 6 * 86_400_000);
    return { from: saturday.toISOString().slice(0, 10), to: friday.toISOString().slice(0, 10) };
  },
  /** followup's call-list week (src-main/followup/handlers.ts), Saturday to Friday. */
  followupWeek(date: string): { from: string; to: string } {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    const from = old.addDays(date, -((wd + 1) % 7));
    return { from, to: old.addDays(from, 6) };
  },
  takeoverPrev(month: string): string {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  },
  tenthOfNextMonth(date: string): string {
    const [y, m] = date.split('-').map(Number) as [number, number];
    return m === 12 ? `${y + 1}-01-10` : `${y}-${String(m + 1).padStart(2, '0')}-10`;
  },
  lastDayOf(month: string): string {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  },
  monthRange(today: string, back: number): { from: string; to: string } {
    const [y, m] = today.split('-').map(Number) as [number, number];
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    return { from: iso(new Date(Date.UTC(y, m - 1 - back, 1))), to: back === 0 ? today : iso(new Date(Date.UTC(y, m - back, 0))) };
  },
};

const every: string[] = [];
for (let d = Date.UTC(2023, 0, 1); d <= Date.UTC(2029, 11, 31); d += 86_400_000) every.push(new Date(d).toISOString().slice(0, 10));

describe('shared/time.ts calendar-date arithmetic', () => {
  it('agrees with the copies it replaced on every day of 2023–2029', () => {
    for (const date of every) {
      for (const n of [-400, -31, -7, -1, 0, 1, 6, 7, 30, 366]) expect(addDays(date, n), `${date} ${n}`).toBe(old.addDays(date, n));
      for (const n of [0, 1, 6, 12, 13, 25]) expect(addMonths(date, -n), `${date} −${n} months`).toBe(old.monthsBefore(date, n));
      expect(mondayWeek(date), date).toEqual(old.weekOf(date));
      expect(fridayWeek(date), date).toEqual(old.fridayWeek(date));
      expect(fridayWeek(date), date).toEqual(old.followupWeek(date));
      expect(`${addMonthsToMonth(date, 1)}-10`, date).toBe(old.tenthOfNextMonth(date));
      expect(weekday(date)).toBe(new Date(`${date}T00:00:00Z`).getUTCDay());
      expect(isoDate(utcDay(date))).toBe(date);
    }
    for (const month of new Set(every.map((d) => d.slice(0, 7)))) {
      expect(addMonthsToMonth(month, -1), month).toBe(old.takeoverPrev(month));
      expect(lastDayOf(month), month).toBe(old.lastDayOf(month));
    }
    for (const today of every.filter((_, i) => i % 5 === 0)) for (const back of [0, 1, 2, 11, 13]) {
      const month = addMonthsToMonth(today, -back);
      expect({ from: `${month}-01`, to: back === 0 ? today : lastDayOf(month) }, `${today} back ${back}`).toEqual(old.monthRange(today, back));
    }
  });

  it('known dates: leap days, month ends, the Friday week, ages', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-03-31', -1)).toBe('2028-02-29');
    expect(addMonthsToMonth('2026-01', -1)).toBe('2025-12');
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(dateParts('2026-11')).toEqual([2026, 11, 1]);
    expect(daysBetween('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(daysBetween('2026-12-02', '2026-11-29')).toEqual([]);
    // 2026-11-27 is a Friday: its week runs from Saturday the 21st; the Saturday after starts the next.
    expect(fridayWeek('2026-11-27')).toEqual({ from: '2026-11-21', to: '2026-11-27' });
    expect(fridayWeek('2026-11-28')).toEqual({ from: '2026-11-28', to: '2026-12-04' });
    expect(mondayWeek('2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });
});
