import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calendar2026, calendarProblems, addWorkingDaysAcross } from '../../shared/reference/calendar';
import { chineseDaysTable, chineseDaysTables, CHINESE_DAYS_VERSION } from '../../shared/reference/chineseDays';

/** Issue 18: "Seed the calendar from the chinese-days package's data (pinned exactly) for every year it has". */
describe('the working-day calendar from chinese-days', () => {
  const tables = chineseDaysTables();
  it('is pinned exactly, and has every year from 2004, each a valid table', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['chinese-days']).toBe(CHINESE_DAYS_VERSION);
    const years = tables.map((t) => t.year);
    expect(years[0]).toBe(2004);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => 2004 + i));
    expect(years).toContain(2025);
    for (const t of tables) expect(calendarProblems(t), String(t.year)).toEqual([]);
  });
  it('keeps 2026 exactly as DOMAIN.md gives it', () => {
    expect(chineseDaysTable(2026)).toBe(calendar2026);
  });
  it('2025 as the State Council set it: 春节 01-28 to 02-04, 调休 on Sun 01-26 and Sat 02-08, 国庆 10-01 to 10-08', () => {
    const t = chineseDaysTable(2025)!;
    expect(t.holidays.find((h) => h.name === '春节')).toEqual({ name: '春节', from: '2025-01-28', to: '2025-02-04' });
    expect(t.workdays).toEqual(expect.arrayContaining(['2025-01-26', '2025-02-08', '2025-09-28', '2025-10-11']));
    expect(t.holidays.find((h) => h.from === '2025-10-01')?.to).toBe('2025-10-08');
  });
  it('a complaint received in December 2025 has its calendar: 3 working days from Wed 12-31 skip 元旦 (01-01 to 01-03), count the 调休 Sunday 01-04, and end Tue 2026-01-06', () => {
    const r = addWorkingDaysAcross('2025-12-31', 3, tables);
    expect(r).toEqual({ date: '2026-01-06', missingYears: [] });
  });
});
