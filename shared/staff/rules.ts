/**
 * Shifts, the rota, leave and attendance (排班、考勤), seed 003. Pure: no I/O, no clock of its own.
 * Clinic time is Asia/Shanghai (UTC+8 all year, no daylight saving): "summer" and "winter" are
 * the clinic's two sets of office hours (seed 003: 下午 13:30–18:00 夏季, 13:00–17:30 冬季), not a
 * clock change.
 */
import { addDays, clinicInstant } from '../appointments/rules';
import { clinicDate, mondayWeek } from '../time';

/** One break inside a shift (午饭, 晚饭), clock times of the clinic. */
export interface ShiftBreak {
  from: string;
  to: string;
}

/** Hours of one shift type in one season. `to` ≤ `from` means the shift ends the next day. */
export interface ShiftHours {
  from: string;
  to: string;
  breaks: ShiftBreak[];
}

/** A shift type (班次) of a clinic: its code typed in the rota grid, its hours, and winter hours if they differ. */
export interface ShiftType {
  code: string;
  name: string;
  summer: ShiftHours;
  /** null: the same hours all year. */
  winter: ShiftHours | null;
}

/** The codes a rota cell may hold besides a shift type's: the weekly rest day, not on the rota, and a day of the old on/off list. */
export const REST = 'REST'; // 休 (每周轮休一天)
export const OFF = 'OFF'; // 不在岗 (not rostered that day, not the rest day)
/** A day carried over from the old on/off duty list (migration 3): on duty, hours never entered, so the whole day. */
export const DAY = 'DAY';
export const specialCodes = [REST, OFF, DAY] as const;
export const SHIFT_CODE = /^[A-Z][A-Z0-9]{0,2}$/;

/**
 * Head office's defaults, from seed 003 「五、班次及上下班時間」:
 * 8:00~6:00 午飯 12:00–2:00; 8:00~4:00 午飯 11:30–12:00; 12:00~8:00 飯 11:30–12:00, 5:30–(6:00).
 * The third shift's lunch (11:30–12:00) lies before its start: it is eaten before the shift and is
 * not a break of it. Office hours (作息制度): 9:00–12:00, 下午 13:30–18:00 夏季 / 13:00–17:30 冬季.
 */
export const defaultShiftTypes: ShiftType[] = [
  { code: 'A', name: '全天班', summer: { from: '08:00', to: '18:00', breaks: [{ from: '12:00', to: '14:00' }] }, winter: null },
  { code: 'B', name: '早班', summer: { from: '08:00', to: '16:00', breaks: [{ from: '11:30', to: '12:00' }] }, winter: null },
  { code: 'C', name: '晚班', summer: { from: '12:00', to: '20:00', breaks: [{ from: '17:30', to: '18:00' }] }, winter: null },
  {
    code: 'O',
    name: '行政班',
    summer: { from: '09:00', to: '18:00', breaks: [{ from: '12:00', to: '13:30' }] },
    winter: { from: '09:00', to: '17:30', breaks: [{ from: '12:00', to: '13:00' }] },
  },
];

/** The clinic's staff settings: when the seasons start, the fines, the notice leave needs. */
export interface StaffSettings {
  /** MM-DD: summer hours from this day, winter hours from `winterFrom`. The seed names no dates. */
  summerFrom: string;
  winterFrom: string;
  /** Seed 003 懲罰細則 8: 正常班次遲到 10 元. */
  lateFineYuan: number;
  /** From the second lateness of a month (含二次); the seed's figure is lost in the scan (每次罰款?0): 20 by default. */
  lateRepeatFineYuan: number;
  /** Minutes after the start that are not yet late. 0: the seed asks for the post 10 minutes early. */
  graceMinutes: number;
  /** Hours of notice a personal leave (事假) needs. */
  personalLeaveNoticeHours: number;
  /** Weekly working hours above which the rota warns (the clinic's; the seeds name no limit): null, no warning. */
  weeklyHoursLimit: number | null;
}

export const defaultStaffSettings: StaffSettings = {
  summerFrom: '05-01',
  winterFrom: '10-01',
  lateFineYuan: 10,
  lateRepeatFineYuan: 20,
  graceMinutes: 0,
  personalLeaveNoticeHours: 24,
  weeklyHoursLimit: null,
};

export const leaveKinds = ['personal', 'sick', 'marriage', 'maternity', 'bereavement'] as const; // 事假 病假 婚假 产假 丧假
export type LeaveKind = (typeof leaveKinds)[number];

const toMin = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

/** Summer or winter on a clinic date. */
export function seasonOn(date: string, s: Pick<StaffSettings, 'summerFrom' | 'winterFrom'>): 'summer' | 'winter' {
  const md = date.slice(5);
  const { summerFrom: su, winterFrom: wi } = s;
  // Summer is [summerFrom, winterFrom) when it starts earlier in the year, else it wraps the new year.
  const summer = su <= wi ? md >= su && md < wi : md >= su || md < wi;
  return summer ? 'summer' : 'winter';
}

export function hoursOn(t: ShiftType, date: string, s: Pick<StaffSettings, 'summerFrom' | 'winterFrom'>): ShiftHours {
  return seasonOn(date, s) === 'winter' && t.winter ? t.winter : t.summer;
}

/** The instants a shift of `date` starts and ends (ISO, UTC); one that ends at or before its start ends the next day. */
export function shiftWindow(h: ShiftHours, date: string): { start: string; end: string } {
  const start = clinicInstant(date, h.from);
  const end = clinicInstant(toMin(h.to) <= toMin(h.from) ? addDays(date, 1) : date, h.to);
  return { start, end };
}

/** The window of a rota cell on `date`: a shift type's hours, the whole day for DAY, null for REST, OFF or an unknown code. */
export function cellWindow(code: string, date: string, types: ShiftType[], s: Pick<StaffSettings, 'summerFrom' | 'winterFrom'>): { start: string; end: string } | null {
  if (code === DAY) return { start: clinicInstant(date, '00:00'), end: clinicInstant(addDays(date, 1), '00:00') };
  const t = types.find((x) => x.code === code);
  return t ? shiftWindow(hoursOn(t, date, s), date) : null;
}

/** One person's cells: date → code. */
export type PersonRota = Map<string, string>;

/** An approved leave: from and to are instants (ISO). */
export interface LeaveSpan {
  staffId: string;
  from: string;
  to: string;
}

const within = (at: number, w: { start: string; end: string }) => at >= Date.parse(w.start) && at < Date.parse(w.end);

/**
 * Who is on duty at an instant: a cell of the instant's clinic date, or of the day before for a
 * shift past midnight, whose window holds the instant, and no approved leave over the instant.
 */
export function onDutyAt(rota: Map<string, PersonRota>, at: Date, types: ShiftType[], s: StaffSettings, leaves: LeaveSpan[] = []): Set<string> {
  const t = at.getTime();
  const today = clinicDate(at);
  const out = new Set<string>();
  for (const [staffId, cells] of rota) {
    const hit = [addDays(today, -1), today].some((d) => {
      const code = cells.get(d);
      const w = code ? cellWindow(code, d, types, s) : null;
      return w !== null && within(t, w);
    });
    if (hit && !leaves.some((l) => l.staffId === staffId && t >= Date.parse(l.from) && t < Date.parse(l.to))) out.add(staffId);
  }
  return out;
}

/** Monday of the week of a date: rotas are weeks from Monday. */
export function weekStartOf(date: string): string {
  return mondayWeek(date).from;
}

export const weekDates = (monday: string) => Array.from({ length: 7 }, (_, i) => addDays(monday, i));

export type RotaProblem =
  | { problem: 'noRestDay'; staffId: string }
  | { problem: 'overlap'; staffId: string; date: string }
  | { problem: 'unknownShift'; staffId: string; date: string; code: string };

/**
 * A week's rota checked before it is published: every person has a rest day (每周轮休一天) unless
 * on leave all week, knows every code, and no shift overlaps the next day's (a night shift running
 * into an early one). `prevDay` holds the cells of the Sunday before, for the Monday's overlap.
 */
export function weekProblems(monday: string, rota: Map<string, PersonRota>, types: ShiftType[], s: StaffSettings): RotaProblem[] {
  const out: RotaProblem[] = [];
  const dates = weekDates(monday);
  for (const [staffId, cells] of rota) {
    const codes = dates.map((d) => cells.get(d) ?? OFF);
    if (codes.every((c) => c === OFF)) continue; // not on this week's rota at all
    if (!codes.includes(REST)) out.push({ problem: 'noRestDay', staffId });
    for (const [i, d] of dates.entries()) {
      const code = codes[i]!;
      if (!(specialCodes as readonly string[]).includes(code) && !types.some((t) => t.code === code)) out.push({ problem: 'unknownShift', staffId, date: d, code });
    }
    for (const d of [addDays(monday, -1), ...dates]) {
      const a = cellWindow(cells.get(d) ?? OFF, d, types, s);
      const b = cellWindow(cells.get(addDays(d, 1)) ?? OFF, addDays(d, 1), types, s);
      if (a && b && Date.parse(a.end) > Date.parse(b.start) && dates.includes(addDays(d, 1))) out.push({ problem: 'overlap', staffId, date: addDays(d, 1) });
    }
  }
  return out;
}

export type ShiftTypeProblem = { field: string; problem: 'duplicateCode' | 'reservedCode' | 'sameStartEnd' | 'breakOutside' | 'breaksOverlap' | 'badTime' };

const HM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Offsets (minutes from the shift's start) of a clock time inside a shift that may pass midnight. */
function offset(h: ShiftHours, hm: string): number {
  return (toMin(hm) - toMin(h.from) + 1440) % 1440;
}

function hoursProblems(h: ShiftHours, field: string): ShiftTypeProblem[] {
  if (![h.from, h.to, ...h.breaks.flatMap((b) => [b.from, b.to])].every((x) => HM.test(x))) return [{ field, problem: 'badTime' }];
  if (h.from === h.to) return [{ field: `${field}.to`, problem: 'sameStartEnd' }];
  const length = offset(h, h.to);
  const out: ShiftTypeProblem[] = [];
  const spans = h.breaks.map((b) => ({ a: offset(h, b.from), b: offset(h, b.to) }));
  for (const [i, sp] of spans.entries()) {
    if (sp.b <= sp.a || sp.b > length) out.push({ field: `${field}.breaks.${i}`, problem: 'breakOutside' });
  }
  const sorted = [...spans.entries()].sort((x, y) => x[1].a - y[1].a);
  for (let k = 1; k < sorted.length; k += 1) if (sorted[k]![1].a < sorted[k - 1]![1].b) out.push({ field: `${field}.breaks.${sorted[k]![0]}`, problem: 'breaksOverlap' });
  return out;
}

/** A clinic's list of shift types checked: unique, non-reserved codes; hours with breaks inside the shift, not overlapping. */
export function shiftTypeProblems(types: ShiftType[]): ShiftTypeProblem[] {
  const out: ShiftTypeProblem[] = [];
  const seen = new Set<string>();
  for (const [i, t] of types.entries()) {
    if ((specialCodes as readonly string[]).includes(t.code)) out.push({ field: `shiftTypes.${i}.code`, problem: 'reservedCode' });
    else if (seen.has(t.code)) out.push({ field: `shiftTypes.${i}.code`, problem: 'duplicateCode' });
    seen.add(t.code);
    out.push(...hoursProblems(t.summer, `shiftTypes.${i}.summer`));
    if (t.winter) out.push(...hoursProblems(t.winter, `shiftTypes.${i}.winter`));
  }
  return out;
}

/**
 * A leave request checked: it ends after it starts; a personal leave (事假) is asked for
 * `personalLeaveNoticeHours` ahead unless it is an emergency (seed 003: 如發生突發大事 … 24小時內告知
 * 部門負責人 … 上班當天補辦請假手續), which is recorded as such for the lead to see.
 */
export function leaveProblem(l: { kind: LeaveKind; from: string; to: string; emergency: boolean }, requestedAt: Date, s: StaffSettings): { field: 'to' | 'from'; problem: 'endsBeforeStart' | 'shortNotice' } | null {
  if (Date.parse(l.to) <= Date.parse(l.from)) return { field: 'to', problem: 'endsBeforeStart' };
  if (l.kind === 'personal' && !l.emergency && Date.parse(l.from) - requestedAt.getTime() < s.personalLeaveNoticeHours * 3_600_000) return { field: 'from', problem: 'shortNotice' };
  return null;
}

/** One person's day judged from her rota cell and her sign-ins (签到) and sign-outs. */
export interface DayAttendance {
  state: 'off' | 'onLeave' | 'absent' | 'present' | 'notYet';
  /** Minutes after the start (less the grace) of the first sign-in; 0 when on time. */
  lateMinutes: number;
  /** Minutes before the end of the last sign-out; 0 when she stayed (or has not signed out yet). */
  earlyMinutes: number;
}

/**
 * Lateness, early leave and absence from the rota (seed 003: 按時上、下班並簽到,不遲到、不早退、不曠工).
 * Sign-ins count from 2 hours before the start; a day whose shift has ended with no sign-in is an
 * absence unless a leave covers it; a shift still running with no sign-in is `notYet` (with the
 * minutes late so far).
 */
export function judgeDay(window: { start: string; end: string } | null, signs: { kind: 'in' | 'out'; at: string }[], onLeave: boolean, now: Date, graceMinutes: number): DayAttendance {
  if (!window) return { state: 'off', lateMinutes: 0, earlyMinutes: 0 };
  if (onLeave) return { state: 'onLeave', lateMinutes: 0, earlyMinutes: 0 };
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  const ins = signs.filter((x) => x.kind === 'in' && Date.parse(x.at) >= start - 2 * 3_600_000 && Date.parse(x.at) < end).map((x) => Date.parse(x.at));
  const outs = signs.filter((x) => x.kind === 'out' && Date.parse(x.at) > start && Date.parse(x.at) <= end + 6 * 3_600_000).map((x) => Date.parse(x.at));
  if (!ins.length) {
    if (now.getTime() >= end) return { state: 'absent', lateMinutes: 0, earlyMinutes: 0 };
    const late = Math.floor((now.getTime() - start) / 60_000) - graceMinutes;
    return { state: 'notYet', lateMinutes: Math.max(0, late), earlyMinutes: 0 };
  }
  const minutesLate = Math.ceil((Math.min(...ins) - start) / 60_000);
  const lastOut = outs.length ? Math.max(...outs) : null;
  const earlyMinutes = lastOut !== null && lastOut < end ? Math.ceil((end - lastOut) / 60_000) : 0;
  return { state: 'present', lateMinutes: minutesLate > graceMinutes ? minutesLate : 0, earlyMinutes };
}

/** `away`: 离岗 of more than 10 minutes without the department head's agreement, counted as half a day's absence. */
export const fineKinds = ['late', 'early', 'absent', 'away'] as const;
export type FineKind = (typeof fineKinds)[number];

/**
 * The fine proposed for a lateness (seed 003 懲罰細則 8: 正常班次遲到/10元,超過二次〔含二次〕每次罰款…,
 * 按月計算,跨月不累計): `earlierThisMonth` is how many latenesses of hers this calendar month came
 * before. Early leave is fined like lateness; an absence's amount (雙倍底薪) needs the day's pay,
 * which the app does not hold: null, the lead enters it; the same for half a day's (an unagreed 离岗).
 */
export function fineProposal(kind: FineKind, earlierThisMonth: number, s: StaffSettings): number | null {
  // 离岗 without agreement is half a day's absence (按曠工半日處理): a share of the day's pay, entered too.
  if (kind === 'absent' || kind === 'away') return null;
  return earlierThisMonth >= 1 ? s.lateRepeatFineYuan : s.lateFineYuan;
}

/** 离岗 is logged, and judged, when longer than this (seed 003: 不得私自脫崗、10分鐘,須向部門負責人請示). */
export const AWAY_LIMIT_MINUTES = 10;

/**
 * A time away from the post judged (seed 003 二、行為準則 2: 不得私自脫崗、10分鐘,須向部門負責人請示,
 * 同意前方可離崗,否則視為曠工,按曠工半日處理): more than 10 minutes without the head's agreement,
 * given before leaving, counts as half a day's absence. The agreement itself (a lead, not the
 * person, before she left) is checked where it is recorded.
 */
export function awayCountsAsAbsence(a: { from: string; to: string; agreedAt?: string | null | undefined }): boolean {
  const minutes = (Date.parse(a.to) - Date.parse(a.from)) / 60_000;
  const agreed = !!a.agreedAt && Date.parse(a.agreedAt) <= Date.parse(a.from);
  return minutes > AWAY_LIMIT_MINUTES && !agreed;
}

/** Minutes of work of a rota cell: the shift's window less its breaks; 0 for REST, OFF, DAY (its hours were never entered) or an unknown code. */
export function workMinutes(code: string, date: string, types: ShiftType[], s: Pick<StaffSettings, 'summerFrom' | 'winterFrom'>): number {
  const t = types.find((x) => x.code === code);
  if (!t) return 0;
  const h = hoursOn(t, date, s);
  const length = offset(h, h.to) || 1440;
  const breaks = h.breaks.reduce((m, b) => m + Math.max(0, Math.min(offset(h, b.to), length) - offset(h, b.from)), 0);
  return Math.max(0, length - breaks);
}

export type RotaWarning =
  | { warning: 'weeklyHours'; staffId: string; minutes: number; limitHours: number }
  | { warning: 'monthRest'; staffId: string; month: string; rest: number; owed: number; onRota: number };

/**
 * Warnings on a week's rota (they do not stop publishing):
 * - the week's working hours over the clinic's `weeklyHoursLimit` (seed 003 sets the shifts'
 *   hours, 8:00~6:00 less 午飯 12:00–2:00 …, and no weekly limit: the clinic's setting, none by default);
 * - the rest days of each month the week touches (seed 003 六、1: 員工休假規定每周輪休一天 … 假期當月輪休完畢):
 *   one rest day for every 7 days she is on that month's rota (a cell other than OFF), taken within
 *   the month: fewer REST days in the month than that is warned.
 */
export function rotaWarnings(monday: string, rota: Map<string, PersonRota>, types: ShiftType[], s: StaffSettings): RotaWarning[] {
  const out: RotaWarning[] = [];
  const dates = weekDates(monday);
  const months = [...new Set(dates.map((d) => d.slice(0, 7)))];
  for (const [staffId, cells] of rota) {
    if (dates.every((d) => (cells.get(d) ?? OFF) === OFF)) continue; // not on this week's rota
    const minutes = dates.reduce((m, d) => m + workMinutes(cells.get(d) ?? OFF, d, types, s), 0);
    if (s.weeklyHoursLimit !== null && minutes > s.weeklyHoursLimit * 60) out.push({ warning: 'weeklyHours', staffId, minutes, limitHours: s.weeklyHoursLimit });
    for (const month of months) {
      const codes = [...cells].filter(([d, c]) => d.startsWith(month) && c !== OFF).map(([, c]) => c);
      const owed = Math.floor(codes.length / 7);
      const rest = codes.filter((c) => c === REST).length;
      if (rest < owed) out.push({ warning: 'monthRest', staffId, month, rest, owed, onRota: codes.length });
    }
  }
  return out;
}

/** Until when (clinic time) a before-opening cleaning check still missing is shown as overdue. */
export const CLEANING_REMINDER_UNTIL = '12:00';

/**
 * The reminder strip before opening (seed 003 三、衛生 1: 值日生應提前到辦公室,在每天上午8:50之前做好責任區域內的衛生清潔,
 * 交由主管檢查): on a day whose cleaning rota has areas and whose before-opening check is not made,
 * `due` with the minutes left until 8:50, then `late` with the minutes past it, until noon; null once
 * the check is made (ticked on the 卫生值日 checklist), on another day, or without areas. `now` is
 * passed in (the screen's clock; tests inject theirs).
 */
export function cleaningReminder(
  day: { date: string; dueAt: string; duty: { name: string; staffName: string | null }[]; checks: { kind: string }[] },
  now: Date,
): { state: 'due' | 'late'; minutes: number } | null {
  if (!day.duty.length || day.checks.some((c) => c.kind === 'opening') || clinicDate(now) !== day.date) return null;
  const left = Date.parse(day.dueAt) - now.getTime();
  if (left > 0) return { state: 'due', minutes: Math.ceil(left / 60_000) };
  if (now.getTime() >= Date.parse(clinicInstant(day.date, CLEANING_REMINDER_UNTIL))) return null;
  return { state: 'late', minutes: Math.floor((now.getTime() - Date.parse(day.dueAt)) / 60_000) };
}
