import { describe, expect, it } from 'vitest';
import {
  DAY,
  defaultShiftTypes,
  defaultStaffSettings as S,
  awayCountsAsAbsence,
  cleaningReminder,
  fineProposal,
  judgeDay,
  leaveProblem,
  OFF,
  onDutyAt,
  REST,
  rotaWarnings,
  seasonOn,
  workMinutes,
  shiftTypeProblems,
  shiftWindow,
  cellWindow,
  weekProblems,
  weekStartOf,
  type PersonRota,
  type ShiftType,
} from '../../shared/staff/rules';

const at = (local: string) => new Date(`${local}+08:00`);
const rota = (cells: Record<string, Record<string, string>>) => new Map(Object.entries(cells).map(([id, c]) => [id, new Map(Object.entries(c)) as PersonRota]));
const night: ShiftType = { code: 'N', name: '夜班', summer: { from: '20:00', to: '08:00', breaks: [{ from: '23:30', to: '00:30' }] }, winter: null };
const types = [...defaultShiftTypes, night];

describe('shift types (班次), seed 003', () => {
  it('「8:00~6:00 12:00 2:00 / 8:00~4:00 11:30 12:00 / 12:00~8:00 11:30 12:00 5:30」: the defaults carry those hours and meal breaks', () => {
    expect(defaultShiftTypes.map((t) => [t.code, t.summer.from, t.summer.to, t.summer.breaks])).toEqual([
      ['A', '08:00', '18:00', [{ from: '12:00', to: '14:00' }]],
      ['B', '08:00', '16:00', [{ from: '11:30', to: '12:00' }]],
      ['C', '12:00', '20:00', [{ from: '17:30', to: '18:00' }]],
      ['O', '09:00', '18:00', [{ from: '12:00', to: '13:30' }]],
    ]);
    expect(shiftTypeProblems(defaultShiftTypes)).toEqual([]);
  });

  it('「下午:13:30–18:00〔夏季〕下午:13:00–17:30〔冬季〕」: office hours follow the season the clinic sets', () => {
    const office = defaultShiftTypes.find((t) => t.code === 'O')!;
    expect(seasonOn('2026-09-30', S)).toBe('summer');
    expect(seasonOn('2026-10-01', S)).toBe('winter');
    expect(seasonOn('2027-01-15', S)).toBe('winter');
    expect(seasonOn('2027-05-01', S)).toBe('summer');
    expect(cellWindow('O', '2026-09-30', types, S)).toEqual({ start: '2026-09-30T01:00:00.000Z', end: '2026-09-30T10:00:00.000Z' });
    expect(cellWindow('O', '2026-10-01', types, S)).toEqual({ start: '2026-10-01T01:00:00.000Z', end: '2026-10-01T09:30:00.000Z' });
    // A southern clinic whose "summer" wraps the new year.
    expect(seasonOn('2027-01-15', { summerFrom: '11-01', winterFrom: '03-01' })).toBe('summer');
    expect(office.winter!.breaks).toEqual([{ from: '12:00', to: '13:00' }]);
  });

  it('a shift that ends at or before its start runs past midnight', () => {
    expect(shiftWindow(night.summer, '2026-11-27')).toEqual({ start: '2026-11-27T12:00:00.000Z', end: '2026-11-28T00:00:00.000Z' });
    expect(shiftTypeProblems([night])).toEqual([]);
  });

  it('refuses duplicate or reserved codes, a shift that starts when it ends, breaks outside the shift or overlapping', () => {
    const a = defaultShiftTypes[0]!;
    expect(shiftTypeProblems([a, { ...a, name: '又一个' }])).toEqual([{ field: 'shiftTypes.1.code', problem: 'duplicateCode' }]);
    expect(shiftTypeProblems([{ ...a, code: REST }])).toEqual([{ field: 'shiftTypes.0.code', problem: 'reservedCode' }]);
    expect(shiftTypeProblems([{ ...a, summer: { from: '08:00', to: '08:00', breaks: [] } }])).toEqual([{ field: 'shiftTypes.0.summer.to', problem: 'sameStartEnd' }]);
    expect(shiftTypeProblems([{ ...a, summer: { from: '08:00', to: '16:00', breaks: [{ from: '15:30', to: '16:30' }] } }])).toEqual([{ field: 'shiftTypes.0.summer.breaks.0', problem: 'breakOutside' }]);
    expect(shiftTypeProblems([{ ...a, summer: { from: '08:00', to: '18:00', breaks: [{ from: '12:00', to: '13:00' }, { from: '12:30', to: '13:30' }] } }])).toEqual([{ field: 'shiftTypes.0.summer.breaks.1', problem: 'breaksOverlap' }]);
    expect(shiftTypeProblems([{ ...a, winter: { from: '8:00', to: '16:00', breaks: [] } }])).toEqual([{ field: 'shiftTypes.0.winter', problem: 'badTime' }]);
  });
});

describe('who is on duty at an instant', () => {
  const r = rota({
    'staff:BJ:a': { '2026-11-27': 'A' },
    'staff:BJ:c': { '2026-11-27': 'C' },
    'staff:BJ:n': { '2026-11-26': 'N', '2026-11-27': REST },
    'staff:BJ:old': { '2026-11-27': DAY },
    'staff:BJ:off': { '2026-11-27': OFF },
  });
  it('by the shift hours of the day, and of the day before for a night shift past midnight', () => {
    expect([...onDutyAt(r, at('2026-11-27T07:30:00'), types, S)].sort()).toEqual(['staff:BJ:n', 'staff:BJ:old']);
    expect([...onDutyAt(r, at('2026-11-27T08:00:00'), types, S)].sort()).toEqual(['staff:BJ:a', 'staff:BJ:old']);
    expect([...onDutyAt(r, at('2026-11-27T13:00:00'), types, S)].sort()).toEqual(['staff:BJ:a', 'staff:BJ:c', 'staff:BJ:old']);
    expect([...onDutyAt(r, at('2026-11-27T19:59:00'), types, S)].sort()).toEqual(['staff:BJ:c', 'staff:BJ:old']);
    expect([...onDutyAt(r, at('2026-11-27T20:00:00'), types, S)].sort()).toEqual(['staff:BJ:old']);
    expect([...onDutyAt(r, at('2026-11-28T00:00:00'), types, S)]).toEqual([]);
  });
  it('across the summer/winter switch: 17:45 on 30 Sept is office hours, on 1 Oct it is not', () => {
    const o = rota({ 'staff:BJ:o': { '2026-09-30': 'O', '2026-10-01': 'O' } });
    expect(onDutyAt(o, at('2026-09-30T17:45:00'), types, S).size).toBe(1);
    expect(onDutyAt(o, at('2026-10-01T17:45:00'), types, S).size).toBe(0);
  });
  it('an approved leave over the instant takes the person off duty', () => {
    const leaves = [{ staffId: 'staff:BJ:a', from: at('2026-11-27T12:00:00').toISOString(), to: at('2026-11-28T00:00:00').toISOString() }];
    expect(onDutyAt(r, at('2026-11-27T10:00:00'), types, S, leaves).has('staff:BJ:a')).toBe(true);
    expect(onDutyAt(r, at('2026-11-27T13:00:00'), types, S, leaves).has('staff:BJ:a')).toBe(false);
  });
});

describe('the week (每周轮休一天)', () => {
  const monday = '2026-11-23';
  it('weeks start on Monday', () => {
    expect(weekStartOf('2026-11-27')).toBe(monday);
    expect(weekStartOf('2026-11-23')).toBe(monday);
    expect(weekStartOf('2026-11-29')).toBe(monday);
  });
  it('「員工休假規定每周輪休一天」: a person without a rest day in the week is named; one not on the rota is not', () => {
    const week = (codes: string[]) => Object.fromEntries(codes.map((c, i) => [`2026-11-${23 + i}`, c]));
    const r = rota({ 'staff:BJ:ok': week(['A', 'A', REST, 'B', 'C', 'A', 'A']), 'staff:BJ:tired': week(['A', 'A', 'A', 'B', 'C', 'A', 'A']), 'staff:BJ:away': {} });
    expect(weekProblems(monday, r, types, S)).toEqual([{ problem: 'noRestDay', staffId: 'staff:BJ:tired' }]);
  });
  it('overlapping shifts: a night shift running into the next morning, also from the Sunday before', () => {
    const late: ShiftType = { code: 'L', name: '通宵班', summer: { from: '22:00', to: '08:30', breaks: [] }, winter: null };
    const r = rota({ 'staff:BJ:x': { '2026-11-22': 'L', '2026-11-23': 'B', '2026-11-24': 'L', '2026-11-25': 'A', '2026-11-26': REST, '2026-11-27': 'Z' } });
    // 20:00–08:00 and then 08:00 touch, they do not overlap.
    expect(weekProblems(monday, rota({ 'staff:BJ:y': { '2026-11-23': 'N', '2026-11-24': 'B', '2026-11-25': REST } }), types, S)).toEqual([]);
    expect(weekProblems(monday, r, [...types, late], S)).toEqual([
      { problem: 'unknownShift', staffId: 'staff:BJ:x', date: '2026-11-27', code: 'Z' },
      { problem: 'overlap', staffId: 'staff:BJ:x', date: '2026-11-23' },
      { problem: 'overlap', staffId: 'staff:BJ:x', date: '2026-11-25' },
    ]);
  });
});

describe('warnings on the rota: weekly hours and the month\'s rest days', () => {
  const monday = '2026-11-23';
  const days = (from: string, codes: string[]) => Object.fromEntries(codes.map((c, i) => [new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), c]));
  it('「五、班次及上下班時間 8:00~6:00 午飯 12:00~2:00」: a shift works its window less its breaks, across midnight too; REST, OFF and DAY none', () => {
    expect(workMinutes('A', '2026-11-27', types, S)).toBe(8 * 60);
    expect(workMinutes('B', '2026-11-27', types, S)).toBe(7.5 * 60);
    expect(workMinutes('C', '2026-11-27', types, S)).toBe(7.5 * 60);
    expect(workMinutes('N', '2026-11-27', types, S)).toBe(11 * 60); // 20:00–08:00 less 23:30–00:30
    const split: ShiftType = { code: 'W', name: '冬夏班', summer: { from: '08:00', to: '18:00', breaks: [] }, winter: { from: '09:00', to: '17:00', breaks: [{ from: '12:00', to: '13:00' }] } };
    expect(workMinutes('W', '2026-07-01', [split], S)).toBe(600);
    expect(workMinutes('W', '2026-12-01', [split], S)).toBe(420);
    for (const code of [REST, OFF, DAY, 'Z']) expect(workMinutes(code, '2026-11-27', types, S)).toBe(0);
  });
  it('a week over the clinic\'s weekly hours limit is warned; the seeds name no limit, so none by default', () => {
    const r = rota({ 'staff:BJ:x': days(monday, ['A', 'A', 'A', 'A', 'A', 'A', REST]), 'staff:BJ:y': days(monday, ['B', 'B', 'B', 'B', 'B', REST, OFF]) });
    expect(rotaWarnings(monday, r, types, S).filter((w) => w.warning === 'weeklyHours')).toEqual([]);
    expect(rotaWarnings(monday, r, types, { ...S, weeklyHoursLimit: 45 }).filter((w) => w.warning === 'weeklyHours')).toEqual([{ warning: 'weeklyHours', staffId: 'staff:BJ:x', minutes: 48 * 60, limitHours: 45 }]);
    expect(rotaWarnings(monday, r, types, { ...S, weeklyHoursLimit: 48 }).filter((w) => w.warning === 'weeklyHours')).toEqual([]);
  });
  it('「員工休假規定每周輪休一天 … 假期當月輪休完畢」: a rest day for every 7 days on the month\'s rota, taken within the month', () => {
    // November 2026, 30 days on the rota: 4 rest days due. Rest on the 4 Wednesdays: enough; on 3: warned.
    const november = (rests: number[]) => days('2026-11-01', Array.from({ length: 30 }, (_, i) => (rests.includes(i + 1) ? REST : 'A')));
    expect(rotaWarnings(monday, rota({ 'staff:BJ:x': november([4, 11, 18, 25]) }), types, S)).toEqual([]);
    expect(rotaWarnings(monday, rota({ 'staff:BJ:x': november([4, 11, 25]) }), types, S)).toEqual([{ warning: 'monthRest', staffId: 'staff:BJ:x', month: '2026-11', rest: 3, owed: 4, onRota: 30 }]);
    // A month only half on the rota so far: 13 days, one rest day due.
    expect(rotaWarnings(monday, rota({ 'staff:BJ:x': days('2026-11-18', ['A', 'A', 'A', 'A', 'A', REST, 'A', 'A', 'A', 'A', 'A', 'A', 'A']) }), types, S)).toEqual([]);
    // The week of 30 Nov touches November and December: each month is counted on its own (the rest of the straddling week falls in December).
    const straddle = { ...november([4, 11, 18, 25]), ...days('2026-12-01', ['A', 'A', REST, 'A', 'A', 'A']) };
    expect(rotaWarnings('2026-11-30', rota({ 'staff:BJ:x': straddle }), types, S)).toEqual([]);
    // Someone not on that week's rota is not warned.
    expect(rotaWarnings('2026-12-07', rota({ 'staff:BJ:x': november([]) }), types, S)).toEqual([]);
  });
});

describe('leave (請休假制度)', () => {
  const req = at('2026-11-27T10:00:00');
  it('leave ending before it starts is refused', () => {
    expect(leaveProblem({ kind: 'sick', from: at('2026-11-28T08:00:00').toISOString(), to: at('2026-11-28T08:00:00').toISOString(), emergency: false }, req, S)).toEqual({ field: 'to', problem: 'endsBeforeStart' });
  });
  it('「如發生突發大事…(24小時內)告知部門負責人…并在上班當天準時補辦請假手續」: 事假 needs 24 h notice unless an emergency; 病假 does not', () => {
    const tomorrow = { from: at('2026-11-28T08:00:00').toISOString(), to: at('2026-11-28T18:00:00').toISOString() };
    expect(leaveProblem({ kind: 'personal', ...tomorrow, emergency: false }, req, S)).toEqual({ field: 'from', problem: 'shortNotice' });
    expect(leaveProblem({ kind: 'personal', ...tomorrow, emergency: true }, req, S)).toBeNull();
    expect(leaveProblem({ kind: 'sick', ...tomorrow, emergency: false }, req, S)).toBeNull();
    expect(leaveProblem({ kind: 'personal', from: at('2026-11-28T10:00:00').toISOString(), to: at('2026-11-28T18:00:00').toISOString(), emergency: false }, req, S)).toBeNull();
  });
});

describe('attendance and fines (簽到表, 懲罰細則)', () => {
  const w = cellWindow('A', '2026-11-27', types, S)!;
  const signs = (...x: [kind: 'in' | 'out', local: string][]) => x.map(([kind, l]) => ({ kind, at: at(l).toISOString() }));
  it('「按時上、下班並簽到,不遲到、不早退、不曠工」: late, early leave and absence come from the rota and the sign-ins', () => {
    const end = at('2026-11-27T19:00:00');
    expect(judgeDay(w, signs(['in', '2026-11-27T07:50:00'], ['out', '2026-11-27T18:05:00']), false, end, 0)).toEqual({ state: 'present', lateMinutes: 0, earlyMinutes: 0 });
    expect(judgeDay(w, signs(['in', '2026-11-27T08:12:00'], ['out', '2026-11-27T17:30:00']), false, end, 0)).toEqual({ state: 'present', lateMinutes: 12, earlyMinutes: 30 });
    expect(judgeDay(w, signs(['in', '2026-11-27T08:04:00']), false, end, 5)).toEqual({ state: 'present', lateMinutes: 0, earlyMinutes: 0 });
    expect(judgeDay(w, [], false, end, 0)).toEqual({ state: 'absent', lateMinutes: 0, earlyMinutes: 0 });
    expect(judgeDay(w, [], false, at('2026-11-27T08:20:00'), 0)).toEqual({ state: 'notYet', lateMinutes: 20, earlyMinutes: 0 });
    expect(judgeDay(w, [], true, end, 0).state).toBe('onLeave');
    expect(judgeDay(null, [], false, end, 0).state).toBe('off');
    // A sign-in of the day before does not count for today.
    expect(judgeDay(w, signs(['in', '2026-11-26T08:00:00']), false, end, 0).state).toBe('absent');
  });
  it('「正常班次遲到/10元,超過二次〔含二次〕每次罰款…按月計算,跨月不累計」: ¥10 the first time in a month, the repeat fine after', () => {
    expect(fineProposal('late', 0, S)).toBe(10);
    expect(fineProposal('late', 1, S)).toBe(20);
    expect(fineProposal('late', 0, { ...S, lateFineYuan: 15 })).toBe(15);
    // 「不請假未到崗者視為曠工扣當天雙倍底薪」: the app holds no pay, the lead enters the amount.
    expect(fineProposal('absent', 0, S)).toBeNull();
  });
  it('「不得私自脫崗、10分鐘,須向部門負責人請示,同意前方可離崗,否則視為曠工,按曠工半日處理」: more than 10 minutes without an agreement given before leaving', () => {
    const away = (from: string, to: string, agreedAt: string | null = null) => ({ from: at(from).toISOString(), to: at(to).toISOString(), agreedAt: agreedAt && at(agreedAt).toISOString() });
    expect(awayCountsAsAbsence(away('2026-11-27T09:00:00', '2026-11-27T09:10:00'))).toBe(false); // 10 minutes: not more than 10
    expect(awayCountsAsAbsence(away('2026-11-27T09:00:00', '2026-11-27T09:10:30'))).toBe(true);
    expect(awayCountsAsAbsence(away('2026-11-27T09:00:00', '2026-11-27T10:00:00', '2026-11-27T08:55:00'))).toBe(false);
    expect(awayCountsAsAbsence(away('2026-11-27T09:00:00', '2026-11-27T10:00:00', '2026-11-27T09:00:00'))).toBe(false); // agreed as she left
    expect(awayCountsAsAbsence(away('2026-11-27T09:00:00', '2026-11-27T10:00:00', '2026-11-27T09:20:00'))).toBe(true); // agreed only afterwards
    // Across midnight (a night shift's): still judged by its minutes.
    expect(awayCountsAsAbsence(away('2026-11-27T23:55:00', '2026-11-28T00:20:00'))).toBe(true);
    // Half a day's absence: its amount, like an absence's, is the lead's to enter.
    expect(fineProposal('away', 0, S)).toBeNull();
  });
});

describe('the 8:50 cleaning reminder strip (an injected clock)', () => {
  const day = (checks: { kind: string }[] = [], duty = [{ name: '导医台', staffName: '王导医' }]) => ({ date: '2026-11-27', dueAt: at('2026-11-27T08:50:00').toISOString(), duty, checks });
  it('「值日生應提前到辦公室,在每天上午8:50之前做好責任區域內的衛生清潔,交由主管檢查」: minutes left before 8:50, then late until noon, gone once checked', () => {
    expect(cleaningReminder(day(), at('2026-11-27T07:30:00'))).toEqual({ state: 'due', minutes: 80 });
    expect(cleaningReminder(day(), at('2026-11-27T08:49:30'))).toEqual({ state: 'due', minutes: 1 });
    expect(cleaningReminder(day(), at('2026-11-27T08:50:00'))).toEqual({ state: 'late', minutes: 0 });
    expect(cleaningReminder(day(), at('2026-11-27T10:00:00'))).toEqual({ state: 'late', minutes: 70 });
    expect(cleaningReminder(day(), at('2026-11-27T12:00:00'))).toBeNull();
    // Ticked on the checklist (the before-opening check saved): gone; Saturday's collective cleaning does not count for it.
    expect(cleaningReminder(day([{ kind: 'opening' }]), at('2026-11-27T08:30:00'))).toBeNull();
    expect(cleaningReminder(day([{ kind: 'saturday' }]), at('2026-11-27T08:30:00'))).toEqual({ state: 'due', minutes: 20 });
    // No areas in the cleaning rota; a day read before midnight shown after it.
    expect(cleaningReminder(day([], []), at('2026-11-27T08:30:00'))).toBeNull();
    expect(cleaningReminder(day(), at('2026-11-28T08:30:00'))).toBeNull();
  });
});
