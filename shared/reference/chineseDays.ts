import data from 'chinese-days/dist/chinese-days.json';
import { calendar2026, isWeekend, type CalendarTable, type Holiday } from './calendar';
import { addDays } from '../time';

/** The pinned package (package.json: exactly this version); named in each table's source. */
export const CHINESE_DAYS_VERSION = '1.5.7';

/**
 * The working-day calendar of every year the `chinese-days` package has (the State Council's
 * notices, 2004 on), as the app's year tables: each holiday a run of consecutive days off under
 * its Chinese name(s), each 调休上班 weekend day a make-up working day. 2026 is the table DOMAIN.md
 * gives (shipped as `calendar2026`), whatever the package says. Head office's own tables win over
 * these wherever it has saved one (set-up seeds only missing years; readers prefer stored ones).
 */
function build(): CalendarTable[] {
  const raw = data as { holidays: Record<string, string>; workdays: Record<string, string> };
  const years = new Map<number, { days: [string, string][]; workdays: string[] }>();
  const of = (date: string) => {
    const y = Number(date.slice(0, 4));
    return years.get(y) ?? years.set(y, { days: [], workdays: [] }).get(y)!;
  };
  // "Spring Festival,春节,4" → 春节
  for (const [date, label] of Object.entries(raw.holidays)) of(date).days.push([date, label.split(',')[1] ?? label]);
  for (const date of Object.keys(raw.workdays)) if (isWeekend(date)) of(date).workdays.push(date);
  const tables: CalendarTable[] = [];
  for (const [year, y] of [...years].sort((a, b) => a[0] - b[0])) {
    if (year === calendar2026.year) {
      tables.push(calendar2026);
      continue;
    }
    const holidays: Holiday[] = [];
    for (const [date, name] of y.days.sort((a, b) => a[0].localeCompare(b[0]))) {
      const last = holidays.at(-1);
      // One run of days off is one holiday, e.g. 2025's 国庆节 and 中秋节 (10-01 to 10-08) together.
      if (last && nextDay(last.to) === date) {
        last.to = date;
        if (!last.name.split('、').includes(name)) last.name = `${last.name}、${name}`;
      } else holidays.push({ name, from: date, to: date });
    }
    tables.push({ year, holidays, workdays: y.workdays.sort(), source: `chinese-days ${CHINESE_DAYS_VERSION}（国务院办公厅节假日安排通知）` });
  }
  return tables;
}

const nextDay = (date: string): string => addDays(date, 1);

let cached: CalendarTable[] | null = null;
/** Every year's table, built once (read-only: callers copy before they change one). */
export function chineseDaysTables(): readonly CalendarTable[] {
  cached ??= build();
  return cached;
}

/** The package's table of one year (null when it has none). */
export function chineseDaysTable(year: number): CalendarTable | null {
  return chineseDaysTables().find((t) => t.year === year) ?? null;
}
