import { describe, expect, it } from 'vitest';
import { closedBetween, complaintFigures, complaintFiguresOf, complaintMatches, complaintRecords, inspectionFigures, inspectionFiguresOf, inspectionRecords, tallyComplaints, tallyMarks } from '../../shared/headoffice/qualityRules';
import { complaintFilterKinds, type ComplaintFact, type InspectionFacts, type Period } from '../../shared/headoffice/schemas';

/** Pure rules of head office's complaint and inspection figures (shared/headoffice/qualityRules.ts). */

const names = new Map([
  ['BJ', '北京院'],
  ['SH', '上海院'],
]);
const november: Period = { from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'week' };

function fact(overrides: Partial<ComplaintFact>): ComplaintFact {
  return {
    id: `complaint:BJ:2026-11-02:${Math.random().toString(36).slice(2)}`,
    clinic: 'BJ',
    number: null,
    receivedAt: '2026-11-02T02:00:00.000Z',
    date: '2026-11-02',
    patientName: '王女士',
    channel: 'inPerson',
    category: null,
    departmentName: null,
    step: 'accept',
    closed: false,
    overdue: false,
    overdueDeadlines: [],
    refund: 0,
    compensation: 0,
    penaltyLevels: [],
    closeLimit: null,
    closedAt: null,
    daysToClose: null,
    limitDays: 7,
    satisfaction: null,
    missingCalendarYears: [],
    ...overrides,
  };
}

const cases = [
  fact({ id: 'a', step: 'done', closed: true, category: 'nonQuality', refund: 500, penaltyLevels: ['II', 'I'], closeLimit: 'inTime', closedAt: '2026-11-04T02:00:00.000Z', daysToClose: 2, satisfaction: 'satisfied' }),
  fact({ id: 'b', channel: 'wechat', step: 'investigate', overdue: true, overdueDeadlines: ['investigate', 'close'], closeLimit: 'overdue' }),
  fact({ id: 'c', clinic: 'SH', date: '2026-11-10', receivedAt: '2026-11-10T02:00:00.000Z', channel: 'phone', category: 'quality', step: 'penalty', closed: true, compensation: 300, closeLimit: 'late', closedAt: '2026-11-27T02:00:00.000Z', daysToClose: 17, limitDays: 14, overdue: true, satisfaction: 'neutral' }),
  fact({ id: 'd', clinic: 'SH', date: '2026-12-01', receivedAt: '2026-11-30T17:00:00.000Z', channel: 'website' }),
];

describe('complaint figures', () => {
  it('counts the cases received in the period, by week, clinic, step, deadline, money, level and limit', () => {
    const f = complaintFigures(november, cases, names);
    expect(f.periods).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49']);
    expect(f.received).toEqual([0, 2, 1, 0, 0, 0]); // d is a December case
    expect({ total: f.total, open: f.open, closed: f.closed, overdue: f.overdue }).toEqual({ total: 3, open: 1, closed: 2, overdue: 2 });
    // c is closed but still waits at step 10; a is through every step.
    expect(f.byStep).toEqual([
      { key: 'investigate', open: 1, overdue: 1 },
      { key: 'penalty', open: 1, overdue: 0 },
    ]);
    expect(f.overdueDeadlines).toEqual([
      { key: 'close', count: 1 },
      { key: 'investigate', count: 1 },
    ]);
    expect(f.byCategory).toEqual([
      { key: 'none', count: 1 },
      { key: 'nonQuality', count: 1 },
      { key: 'quality', count: 1 },
    ]);
    expect(f.refunds).toEqual({ cases: 1, yuan: 500 });
    expect(f.compensation).toEqual({ cases: 1, yuan: 300 });
    expect(f.penaltyLevels).toEqual([
      { key: 'I', count: 1 },
      { key: 'II', count: 1 },
    ]);
    expect(f.closing).toEqual({ inTime: 1, late: 1, overdue: 1, open: 0, averageDays: 9.5 });
    expect(f.byClinic).toEqual([
      { key: 'BJ', name: '北京院', received: 2, open: 1, overdue: 1, closedLate: 0 },
      { key: 'SH', name: '上海院', received: 1, open: 0, overdue: 1, closedLate: 1 },
    ]);
  });

  it('from per-day tallies made in any grouping and order (as head office keeps them): the same figures; ¥ and days summed exactly', () => {
    const money = [...cases, fact({ id: 'e', refund: 0.1, closed: true, step: 'done', closeLimit: 'inTime', daysToClose: 0.2 }), fact({ id: 'f', refund: 0.2, closed: true, step: 'done', closeLimit: 'inTime', daysToClose: 0.1 })];
    const whole = complaintFigures(november, money, names);
    // Kept per month, each case tallied with its day, the stable ones apart from those worked out at the ask.
    const split = [...tallyComplaints(money.filter((_, i) => i % 2 === 1)), ...tallyComplaints(money.filter((_, i) => i % 2 === 0)).reverse()];
    expect(complaintFiguresOf(november, split, names)).toEqual(whole);
    expect(whole.refunds).toEqual({ cases: 3, yuan: 500.3 });
    // Summed in fen: ¥0.1 + ¥0.2 in floating point would be 0.30000000000000004.
    expect(complaintFigures(november, money.slice(4), names).refunds).toEqual({ cases: 2, yuan: 0.3 });
    expect(whole.closing.averageDays).toBe(4.8); // (2 + 17 + 0.2 + 0.1) / 4 = 4.825 → 4.8
  });

  it('the figures name every year a case\'s deadlines were counted without a holiday calendar (issue 18: the warning wherever a deadline is shown)', () => {
    const f = complaintFigures(november, [fact({ missingCalendarYears: [2027] }), fact({ clinic: 'SH', missingCalendarYears: [2027, 2025] }), fact({})], names);
    expect(f.missingCalendarYears).toEqual([2025, 2027]);
    // Only the period's cases count: one received in October does not warn November.
    expect(complaintFigures(november, [fact({ receivedAt: '2026-10-30T02:00:00.000Z', date: '2026-10-30', missingCalendarYears: [2027] })], names).missingCalendarYears).toEqual([]);
  });

  it('lists penalty levels in their order I–V, not by spelling', () => {
    const f = complaintFigures(november, [fact({ penaltyLevels: ['V', 'IV', 'III', 'II', 'I', 'IV'] })], names);
    expect(f.penaltyLevels.map((l) => [l.key, l.count])).toEqual([['I', 1], ['II', 1], ['III', 1], ['IV', 2], ['V', 1]]);
  });

  it('one clinic, and a period with nothing: zeros and no averages', () => {
    const sh = complaintFigures({ ...november, clinic: 'SH', grain: 'month' }, cases, names);
    expect(sh.received).toEqual([1]);
    expect(sh.byClinic.map((c) => c.key)).toEqual(['SH']);
    const none = complaintFigures({ from: '2026-10-01', to: '2026-10-31', clinic: null, grain: 'day' }, cases, names);
    expect(none.received).toHaveLength(31);
    expect(none.total).toBe(0);
    expect(none.closing.averageDays).toBeNull();
    expect(none.byStep).toEqual([]);
  });

  it('every kind of drill-down lists exactly the cases its figure counts', () => {
    const f = complaintFigures(november, cases, names);
    const listed = (kind: (typeof complaintFilterKinds)[number], value: string | null) => complaintRecords(november, cases, { kind, value }).map((c) => c.id);
    expect(listed('all', null)).toHaveLength(f.total);
    expect(listed('open', null)).toHaveLength(f.open);
    expect(listed('overdue', null)).toHaveLength(f.overdue);
    for (const s of f.byStep) expect(listed('step', s.key)).toHaveLength(s.open);
    for (const d of f.overdueDeadlines) expect(listed('overdueDeadline', d.key)).toHaveLength(d.count);
    for (const c of f.byCategory) expect(listed('category', c.key)).toHaveLength(c.count);
    for (const c of f.byChannel) expect(listed('channel', c.key)).toHaveLength(c.count);
    expect(listed('closed', null)).toHaveLength(f.closed);
    expect(listed('money', null)).toEqual(['a', 'c']);
    expect(listed('refund', null)).toEqual(['a']);
    expect(listed('compensation', null)).toEqual(['c']);
    for (const l of f.penaltyLevels) expect(listed('level', l.key)).toHaveLength(l.count);
    expect(listed('level', null)).toEqual(['a']);
    for (const k of ['inTime', 'late', 'overdue', 'open'] as const) expect(listed('closeLimit', k)).toHaveLength(f.closing[k]);
    for (const s of f.satisfaction) expect(listed('satisfaction', s.key)).toHaveLength(s.count);
    expect(listed('overdueDeadline', null)).toEqual(['b']);
    // Every filter kind is handled (a new kind without a case would fail the type-check).
    for (const kind of complaintFilterKinds) expect(typeof complaintMatches(cases[0]!, { kind, value: null })).toBe('boolean');
  });

  it('the Friday figures: complaints closed in the week, whenever received, and the satisfied share', () => {
    expect(closedBetween(cases, '2026-11-21', '2026-11-27', null)).toEqual({ complaintsClosed: 1, satisfied: 0, satisfactionRate: 0 });
    expect(closedBetween(cases, '2026-10-31', '2026-11-06', 'BJ')).toEqual({ complaintsClosed: 1, satisfied: 1, satisfactionRate: 1 });
    expect(closedBetween(cases, '2026-10-31', '2026-11-06', 'SH')).toEqual({ complaintsClosed: 0, satisfied: 0, satisfactionRate: null });
    const unrated = [fact({ closedAt: '2026-11-04T02:00:00.000Z', satisfaction: null })];
    expect(closedBetween(unrated, '2026-11-04', '2026-11-04', null)).toEqual({ complaintsClosed: 1, satisfied: 0, satisfactionRate: null });
    // Closed at 23:30 clinic time on the 6th (15:30 UTC) is the 6th, not the 7th.
    const late = [fact({ closedAt: '2026-11-06T15:30:00.000Z', satisfaction: 'verySatisfied' })];
    expect(closedBetween(late, '2026-10-31', '2026-11-06', null).complaintsClosed).toBe(1);
    expect(closedBetween(late, '2026-11-07', '2026-11-13', null).complaintsClosed).toBe(0);
  });
});

describe('inspection figures', () => {
  const mark = (date: string, staffId: string, label: string, m: 'pass' | 'fail', clinic = 'BJ') => ({ id: `${date}${staffId}${label}`, clinic, date, inspectionId: `inspection:${clinic}:${date}:x`, staffId, staffName: staffId, itemId: label, label, mark: m });
  const facts: InspectionFacts = {
    inspections: [
      { id: 'i1', clinic: 'BJ', date: '2026-11-03', kind: 'weekly', templateName: '仪容', inspectorName: '王', inspected: 2, fails: 1 },
      { id: 'i2', clinic: 'BJ', date: '2026-11-10', kind: 'weekly', templateName: '仪容', inspectorName: '王', inspected: 2, fails: 1 },
      { id: 'i3', clinic: 'SH', date: '2026-11-12', kind: 'preShift', templateName: '仪容', inspectorName: '李', inspected: 1, fails: 0 },
    ],
    marks: [mark('2026-11-03', 'anna', '指甲', 'fail'), mark('2026-11-03', 'bo', '指甲', 'pass'), mark('2026-11-10', 'anna', '指甲', 'fail'), mark('2026-11-10', 'anna', '胸卡', 'pass'), mark('2026-11-12', 'cai', '胸卡', 'pass', 'SH')],
    penalties: [{ id: 'p1', clinic: 'BJ', date: '2026-11-10', staffName: 'anna', itemLabel: '指甲', measure: 'fine', yuan: 300 }],
    weeks: [
      { clinic: 'BJ', from: '2026-11-02', to: '2026-11-08', done: true },
      { clinic: 'BJ', from: '2026-11-09', to: '2026-11-15', done: true },
      { clinic: 'SH', from: '2026-11-02', to: '2026-11-08', done: false },
      { clinic: 'SH', from: '2026-11-09', to: '2026-11-15', done: false },
    ],
    months: [
      { clinic: 'BJ', month: '2026-10', done: false },
      { clinic: 'BJ', month: '2026-11', done: true },
      { clinic: 'SH', month: '2026-11', done: false },
    ],
    stars: [
      { clinic: 'BJ', month: '2026-11', name: 'bo', reason: '全部合格' },
      { clinic: 'BJ', month: '2026-10', name: 'anna', reason: '上月' },
    ],
  };

  it('done vs due, pass rate per item worst first, repeat offenders, penalties, the months’ stars', () => {
    const f = inspectionFigures({ ...november, grain: 'month' }, facts, names);
    expect(f.done).toEqual([3]);
    expect(f.weekly).toEqual({ due: 4, done: 2 });
    expect(f.teamVisits).toEqual({ due: 2, done: 1 }); // October's month is outside the period
    expect(f.marks).toEqual({ pass: 3, fail: 2 });
    expect(f.passRate).toBeCloseTo(0.6);
    expect(f.items).toEqual([
      { key: '指甲', pass: 1, fail: 2, rate: 1 / 3 },
      { key: '胸卡', pass: 2, fail: 0, rate: 1 },
    ]);
    expect(f.repeatOffenders).toEqual([{ key: 'anna', clinic: 'BJ', name: 'anna', failures: 2 }]);
    expect(f.penalties).toEqual({ count: 1, yuan: 300 });
    expect(f.stars).toEqual([{ clinic: 'BJ', month: '2026-11', name: 'bo', reason: '全部合格' }]);
    expect(f.byClinic).toEqual([
      { key: 'BJ', name: '北京院', weeklyDue: 2, weeklyDone: 2, teamDue: 1, teamDone: 1, inspections: 2, pass: 2, fail: 2, penalties: 1, yuan: 300 },
      { key: 'SH', name: '上海院', weeklyDue: 2, weeklyDone: 0, teamDue: 1, teamDone: 0, inspections: 1, pass: 1, fail: 0, penalties: 0, yuan: 0 },
    ]);
  });

  it('from the marks counted per clinic day: the same figures, repeat offenders named as on their last mark', () => {
    const period = { ...november, grain: 'month' } as const;
    const renamed = { ...facts, marks: [...facts.marks, { ...mark('2026-11-20', 'anna', '指甲', 'fail'), staffName: '安娜' }] };
    const f = inspectionFiguresOf(period, renamed, tallyMarks(renamed.marks), names);
    expect(f).toEqual(inspectionFigures(period, renamed, names));
    expect(f.repeatOffenders).toEqual([{ key: 'anna', clinic: 'BJ', name: '安娜', failures: 3 }]);
    expect(tallyMarks(renamed.marks)).toHaveLength(4); // four clinic days, not five marks
  });

  it('narrows to a clinic and a range; a week counts where it begins', () => {
    const early = inspectionFigures({ from: '2026-11-01', to: '2026-11-05', clinic: 'SH', grain: 'day' }, facts, names);
    expect(early.weekly).toEqual({ due: 1, done: 0 });
    expect(early.done.reduce((a, b) => a + b, 0)).toBe(0);
    expect(early.passRate).toBeNull();
    expect(early.stars).toEqual([]);
    const october = inspectionFigures({ from: '2026-10-01', to: '2026-11-30', clinic: null, grain: 'month' }, facts, names);
    expect(october.stars.map((s) => s.month)).toEqual(['2026-10', '2026-11']);
  });

  it('each drill-down lists what its figure counts', () => {
    const p = { ...november, grain: 'month' } as const;
    const f = inspectionFigures(p, facts, names);
    expect(inspectionRecords(p, facts, { kind: 'inspections', value: null }).inspections).toHaveLength(3);
    expect(inspectionRecords(p, facts, { kind: 'inspections', value: 'weekly' }).inspections.map((i) => i.id)).toEqual(['i1', 'i2']);
    expect(inspectionRecords(p, facts, { kind: 'weeksMissed', value: null }).weeks).toHaveLength(f.weekly.due - f.weekly.done);
    expect(inspectionRecords(p, facts, { kind: 'teamMissed', value: null }).months).toEqual([{ clinic: 'SH', month: '2026-11', done: false }]);
    for (const item of f.items) expect(inspectionRecords(p, facts, { kind: 'item', value: item.key }).marks).toHaveLength(item.pass + item.fail);
    expect(inspectionRecords(p, facts, { kind: 'offender', value: 'anna' }).marks.map((m) => m.date)).toEqual(['2026-11-03', '2026-11-10']);
    expect(inspectionRecords(p, facts, { kind: 'fails', value: null }).marks).toHaveLength(f.marks.fail);
    expect(inspectionRecords(p, facts, { kind: 'offender', value: null }).marks.map((m) => m.staffId)).toEqual(['anna', 'anna']);
    expect(inspectionRecords(p, facts, { kind: 'penalties', value: 'fine' }).penalties).toHaveLength(1);
    expect(inspectionRecords(p, facts, { kind: 'penalties', value: 'warning' }).penalties).toHaveLength(0);
  });
});
