import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  calendar2026,
  calendarDoc,
  calendarDocSchema,
  calendarProblems,
  calendarProblemText,
  calendarTable,
  isWorkingDay,
  type CalendarTable,
} from '../../shared/reference/calendar';

const STAMP = { at: '2026-11-27T02:00:00.000Z', by: 'couch-setup:admin' };
const table = (overrides: Partial<CalendarTable>): CalendarTable => ({ ...calendar2026, ...overrides });
const firstProblem = (t: CalendarTable) => {
  const [p] = calendarProblems(t);
  return p && calendarProblemText(p);
};

describe('the shipped 2026 calendar', () => {
  it('is the table of DOMAIN.md "Working days", holiday by holiday', () => {
    expect(calendar2026.year).toBe(2026);
    expect(calendar2026.holidays.map((h) => `${h.name} ${h.from}..${h.to}`)).toEqual([
      '元旦 2026-01-01..2026-01-03',
      '春节 2026-02-15..2026-02-23',
      '清明节 2026-04-04..2026-04-06',
      '劳动节 2026-05-01..2026-05-05',
      '端午节 2026-06-19..2026-06-21',
      '中秋节 2026-09-25..2026-09-27',
      '国庆节 2026-10-01..2026-10-07',
    ]);
    // Sun Jan 4; Sat Feb 14, Sat Feb 28; Sat May 9; Sun Sep 20, Sat Oct 10.
    expect(calendar2026.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(calendar2026.workdays.map((d) => new Date(`${d}T12:00:00Z`).getUTCDay())).toEqual([0, 6, 6, 6, 0, 6]);
  });

  it('passes its own validation, as a table and as a document', () => {
    expect(calendarProblems(calendar2026)).toEqual([]);
    expect(calendarTable.parse(calendar2026)).toEqual(calendar2026);
    const doc = calendarDoc(calendar2026, STAMP);
    expect(calendarDocSchema.parse(doc)).toEqual(doc);
    expect(doc).toMatchObject({ _id: 'calendar:2026', type: 'calendar', clinic: '*', schemaVersion: 1, createdAt: STAMP.at, createdBy: STAMP.by });
  });

  it('counts working days as DOMAIN.md does: received Wed 2026-09-30, the 3rd working day is Sat 2026-10-10', () => {
    expect(addWorkingDays('2026-09-30', 1, calendar2026)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, calendar2026)).toBe('2026-10-10');
    expect(isWorkingDay('2026-01-04', calendar2026)).toBe(true); // 调休上班 on a Sunday
    expect(isWorkingDay('2026-01-01', calendar2026)).toBe(false); // 元旦
    expect(isWorkingDay('2026-01-10', calendar2026)).toBe(false); // an ordinary Saturday
    expect(isWorkingDay('2026-01-05', calendar2026)).toBe(true); // an ordinary Monday
    expect(() => isWorkingDay('2027-01-04', calendar2026)).toThrow(/no calendar/);
    expect(() => addWorkingDays('2026-12-30', 5, calendar2026)).toThrow(/no calendar/);
  });
});

describe('calendar validation', () => {
  it('refuses a date that is not real or not in the year', () => {
    expect(firstProblem(table({ holidays: [{ name: '春节', from: '2026-02-30', to: '2026-03-01' }] }))).toBe('holidays[0].from: "2026-02-30" is not a real date (YYYY-MM-DD)');
    expect(firstProblem(table({ holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-02' }] }))).toBe('holidays[0].to: 2027-01-02 is not in 2026');
    expect(firstProblem(table({ workdays: ['2026-1-4'] }))).toBe('workdays[0]: "2026-1-4" is not a real date (YYYY-MM-DD)');
  });

  it('refuses a holiday that ends before it starts, and holidays that overlap', () => {
    expect(firstProblem(table({ holidays: [{ name: '清明节', from: '2026-04-06', to: '2026-04-04' }], workdays: [] }))).toBe('holidays[0].to: ends (2026-04-04) before it starts (2026-04-06)');
    const overlapping = table({ holidays: [...calendar2026.holidays, { name: '补休', from: '2026-05-05', to: '2026-05-06' }] });
    expect(calendarProblems(overlapping)).toEqual([{ path: ['holidays', 7, 'from'], message: 'overlaps 劳动节 (2026-05-01 to 2026-05-05)' }]);
  });

  it('refuses a make-up day inside a holiday, on a weekday, or listed twice', () => {
    expect(firstProblem(table({ workdays: ['2026-10-03'] }))).toBe('workdays[0]: 2026-10-03 is inside 国庆节');
    expect(firstProblem(table({ workdays: ['2026-01-05'] }))).toBe('workdays[0]: 2026-01-05 is not a Saturday or Sunday');
    expect(firstProblem(table({ workdays: ['2026-01-04', '2026-01-04'] }))).toBe('workdays[1]: 2026-01-04 is listed twice');
  });

  it('gives zod issues with the field path, so a form can show them', () => {
    const result = calendarTable.safeParse(table({ workdays: ['2026-01-05'], holidays: [{ name: '', from: '2026-01-01', to: '2026-01-01' }] }));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['holidays.0.name', 'required'],
      ['workdays.0', '2026-01-05 is not a Saturday or Sunday'],
    ]);
    expect(calendarTable.safeParse({ ...calendar2026, holidays: 'none' }).success).toBe(false);
    expect(calendarTable.safeParse({ ...calendar2026, year: 2026.5 }).success).toBe(false);
  });

  it('ties a document to its year and to every clinic', () => {
    const doc = calendarDoc(calendar2026, STAMP);
    expect(calendarDocSchema.safeParse({ ...doc, _id: 'calendar:2027' }).error?.issues[0]).toMatchObject({ path: ['_id'], message: 'must be calendar:2026' });
    expect(calendarDocSchema.safeParse({ ...doc, clinic: 'BJ' }).success).toBe(false);
    expect(calendarDocSchema.safeParse({ ...doc, extra: 1 }).success).toBe(false);
  });
});
