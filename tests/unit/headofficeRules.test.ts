import { describe, expect, it } from 'vitest';
import { daysBetween, fridayWeek, isoWeek, periodOf, periodsBetween, teaFigures, visitFigures, type CustomerRow, type ServiceRow, type VisitRow } from '../../shared/headoffice/rules';
import { periodInput } from '../../shared/headoffice/schemas';

describe('periods of head office’s figures', () => {
  it.each([
    ['2026-01-01', '2026-W01'], // a Thursday: week 1 by definition
    ['2026-01-04', '2026-W01'], // Sunday of week 1
    ['2026-01-05', '2026-W02'],
    ['2026-11-27', '2026-W48'],
    ['2026-12-28', '2026-W53'], // 2026 has 53 ISO weeks (it starts on a Thursday)
    ['2027-01-03', '2026-W53'], // … and they reach into 2027
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'], // a Monday that belongs to next year's week 1
    ['2021-01-03', '2020-W53'],
  ])('%s is in ISO week %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });

  it('labels a day by day, ISO week or month', () => {
    expect(periodOf('2026-11-27', 'day')).toBe('2026-11-27');
    expect(periodOf('2026-11-27', 'week')).toBe('2026-W48');
    expect(periodOf('2026-11-27', 'month')).toBe('2026-11');
  });

  it.each([
    ['2026-11-27', '2026-11-21', '2026-11-27'], // a Friday: its own week
    ['2026-11-23', '2026-11-21', '2026-11-27'], // Monday
    ['2026-11-21', '2026-11-21', '2026-11-27'], // Saturday starts the next Friday's week
    ['2026-11-22', '2026-11-21', '2026-11-27'], // Sunday
    ['2026-12-31', '2026-12-26', '2027-01-01'], // across the year end
    ['2026-03-01', '2026-02-28', '2026-03-06'],
  ])('the Friday week of %s runs from %s to %s', (date, from, to) => {
    expect(fridayWeek(date)).toEqual({ from, to });
  });

  it('lists every day and each period once, across month and year ends', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysBetween('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(periodsBetween('2026-12-20', '2027-01-10', 'month')).toEqual(['2026-12', '2027-01']);
    expect(periodsBetween('2026-12-20', '2027-01-10', 'week')).toEqual(['2026-W51', '2026-W52', '2026-W53', '2027-W01']);
    expect(periodsBetween('2026-11-27', '2026-11-27', 'day')).toEqual(['2026-11-27']);
  });
});

describe('the dashboard’s visit figures from grouped view rows', () => {
  const visits: VisitRow[] = [
    { key: ['2026-10-31', 'BJ', 1, '整形外科'], value: 9 }, // before the period
    { key: ['2026-11-02', 'BJ', 1, '整形外科'], value: 3 },
    { key: ['2026-11-02', 'BJ', 0, '整形外科'], value: 2 },
    { key: ['2026-11-03', 'SH', 1, '皮肤美容科'], value: 1 },
    { key: ['2026-11-10', 'BJ', 0, '皮肤美容科'], value: 4 },
    { key: ['2026-12-01', 'SH', 1, '皮肤美容科'], value: 7 }, // after it
  ];
  const customers: CustomerRow[] = [
    { key: ['2026-11-02', 'BJ', 'web'], value: 2 },
    { key: ['2026-11-02', 'BJ', 'phone'], value: 1 },
    { key: ['2026-11-03', 'SH', 'web'], value: 1 },
    { key: ['2026-12-01', 'SH', 'ad'], value: 7 },
  ];
  const service: ServiceRow[] = [
    { date: '2026-10-31', waits: [['BJ', 100, 1]], outcomes: [['BJ', 'surgical', 5]], tea: [['BJ', 9, 0, 0, 9, 9]], teaExceptions: [], noShows: [['BJ', 'no-show:BJ:a']] },
    { date: '2026-11-02', waits: [['BJ', 30, 3], ['SH', 12, 1]], outcomes: [['BJ', 'noPurchase', 2], ['SH', 'surgical', 1]], tea: [['BJ', 4, 1, 3, 20, 4], ['SH', 1, 0, 0, 2, 1]], teaExceptions: [['BJ', '茶水八分满', 2]], noShows: [['SH', 'no-show:SH:b'], ['BJ', 'no-show:BJ:c']] },
    { date: '2026-11-10', waits: [['BJ', 18, 2]], outcomes: [['BJ', 'nonSurgical', 1]], tea: [['BJ', 2, 0, 1, 6, 2]], teaExceptions: [['BJ', '茶水八分满', 1], ['BJ', '一定要用茶托', 1]], noShows: [['BJ', 'no-show:BJ:d']] },
  ];
  const names = new Map([['BJ', '北京院'], ['SH', '上海院']]);
  const november = periodInput.parse({ from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'week' });

  it('sums per period, clinic, department and source inside the range only', () => {
    const f = visitFigures(november, { visits, customers, service }, names);
    expect(f.periods).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49']);
    expect(f.first).toEqual([0, 4, 0, 0, 0, 0]);
    expect(f.returning).toEqual([0, 2, 4, 0, 0, 0]);
    expect({ total: f.total, firstTotal: f.firstTotal }).toEqual({ total: 10, firstTotal: 4 });
    expect(f.byClinic).toEqual([
      { key: 'BJ', name: '北京院', first: 3, returning: 6, noShows: 2 },
      { key: 'SH', name: '上海院', first: 1, returning: 0, noShows: 1 },
    ]);
    // No-shows by the appointment's day; October's is outside the range.
    expect(f.noShows).toEqual([0, 2, 1, 0, 0, 0]);
    expect(f.noShowTotal).toBe(3);
    expect(f.byDepartment).toEqual([
      { key: '整形外科', count: 5 },
      { key: '皮肤美容科', count: 5 },
    ]);
    expect(f.bySource).toEqual([
      { key: 'web', count: 3 },
      { key: 'phone', count: 1 },
    ]);
  });

  it('averages the waits that ended and counts outcomes and tea inside the range only', () => {
    const f = visitFigures(november, { visits, customers, service }, names);
    expect(f.averageWaitMinutes).toBe(10); // (30 + 12 + 18) minutes over 6 waits
    expect(f.byOutcome).toEqual([
      { key: 'noPurchase', count: 2 },
      { key: 'nonSurgical', count: 1 },
      { key: 'surgical', count: 1 },
    ]);
    const tea = teaFigures(november, { visits, customers, service }, names);
    expect(tea).toEqual({
      served: 7,
      declined: 1,
      refills: 4,
      averageFirstCupMinutes: 4, // (20 + 2 + 6) over 7 first cups
      exceptions: [
        { key: '茶水八分满', count: 3 },
        { key: '一定要用茶托', count: 1 },
      ],
      byClinic: [
        { key: 'BJ', name: '北京院', served: 6, refills: 4, exceptions: 4 },
        { key: 'SH', name: '上海院', served: 1, refills: 0, exceptions: 0 },
      ],
    });
    expect(teaFigures({ ...november, clinic: 'SH' }, { visits, customers, service }, names).served).toBe(1);
    expect(visitFigures({ ...november, from: '2026-11-20' }, { visits, customers, service }, names).averageWaitMinutes).toBeNull();
  });

  it('keeps to one clinic when asked', () => {
    const f = visitFigures({ ...november, clinic: 'SH' }, { visits, customers, service }, names);
    expect({ total: f.total, clinics: f.byClinic.map((c) => c.key), sources: f.bySource }).toEqual({ total: 1, clinics: ['SH'], sources: [{ key: 'web', count: 1 }] });
  });

  it('refuses a period that ends before it starts or is longer than 400 days, naming the field', () => {
    const issues = (input: unknown) => periodInput.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ from: '2026-11-02', to: '2026-11-01', clinic: null })).toEqual(['to']);
    expect(issues({ from: '2025-01-01', to: '2026-02-05', clinic: null })).toEqual(['to']);
    expect(issues({ from: '2025-01-01', to: '2026-02-04', clinic: null })).toBeUndefined();
    expect(issues({ from: '2026-13-01', to: '2026-12-01', clinic: null })).toEqual(['from']);
  });
});
