import { addDays, clinicDate } from '../../shared/time';
import { awayCountsAsAbsence, cellWindow, judgeDay, OFF } from '../../shared/staff/rules';
import { staffRefusals } from '../../shared/staff/refusals';
import { staffRoleNames, type ClinicDoc } from '../../shared/reference/schemas';
import type { StaffCounts, StaffFigures } from '../../shared/staff/schemas';
import type { Db } from '../store/pouch';
import { listStaff } from '../reference/repo';
import { listClinics } from '../headoffice/repo';
import { CLINIC_COLUMNS, bytesOf, clinicExcelDate, DATE_FORMAT, DATE_TIME_FORMAT, PERCENT_FORMAT, tableSheet, workbook, xlsx, type TableColumn } from '../headoffice/xlsx';
import { approvedSpans, finesBetween, getSettings, leavesOver, rotaBetween, signsBetween } from './repo';
import { awayBetween, trainingsBetween } from './records';

/**
 * Head office's figures of the people at the door (issue 15): attendance, lateness and fines,
 * leave, 离岗 and training per clinic and person over a span of clinic days, read from the
 * consolidated copy by id range (`<type>:<CODE>:<date>…`), judged as `attendance.day` judges a
 * day. Each figure comes with its records (the days, fines, sessions and times away behind it).
 */

const zero = (): StaffCounts => ({ rostered: 0, present: 0, late: 0, lateMinutes: 0, early: 0, absent: 0, leaveDays: 0, away: 0, awayUnagreed: 0, finesConfirmed: 0, finedYuan: 0, finesWaived: 0, trainings: 0, trainingPassed: 0, trainingFailed: 0, meanScore: null });

export function checkFiguresSpan(input: { from: string; to: string }) {
  if (input.to < input.from) throw staffRefusals.refuse('invalid_input', 'to', 'spanReversed');
  if (Date.parse(input.to) - Date.parse(input.from) > 366 * 86_400_000) throw staffRefusals.refuse('invalid_input', 'to', 'spanTooLong');
}

async function clinicFigures(db: Db, clinic: ClinicDoc, from: string, to: string, now: Date): Promise<StaffFigures['clinics'][number]> {
  const code = clinic.code;
  const today = clinicDate(now);
  const [staff, rota, signs, leaves, fines, trainings, away, settings] = await Promise.all([
    listStaff(db, code),
    rotaBetween(db, code, from, to),
    signsBetween(db, code, from, addDays(to, 1)),
    leavesOver(db, code, from, to),
    finesBetween(db, code, from, to),
    trainingsBetween(db, code, from, to),
    awayBetween(db, code, from, addDays(to, 1)),
    getSettings(db, code),
  ]);
  const spans = approvedSpans(leaves);
  const names = new Map(staff.map((s) => [s._id, s.name]));
  const scores: number[] = [];
  const people = staff
    .sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name, 'zh-CN'))
    .flatMap((s) => {
      const c = zero();
      const days: StaffFigures['clinics'][number]['people'][number]['days'] = [];
      const cells = rota.get(s._id);
      const mine = signs.filter((x) => x.staffId === s._id);
      for (let d = from; d <= to && d <= today; d = addDays(d, 1)) {
        const code = cells?.get(d) ?? OFF;
        const w = cellWindow(code, d, settings.shiftTypes, settings);
        if (!w) continue;
        const onLeave = spans.some((l) => l.staffId === s._id && Date.parse(l.from) < Date.parse(w.end) && Date.parse(l.to) > Date.parse(w.start));
        const day = judgeDay(w, mine, onLeave, now, settings.graceMinutes);
        if (day.state === 'onLeave') {
          c.leaveDays += 1;
          days.push({ date: d, code, state: 'onLeave', lateMinutes: 0, earlyMinutes: 0 });
          continue;
        }
        if (day.state === 'notYet') continue; // today's shift under way without a sign-in yet: not judged
        c.rostered += 1;
        if (day.state === 'present') c.present += 1;
        if (day.state === 'absent') c.absent += 1;
        if (day.lateMinutes > 0) c.late += 1;
        c.lateMinutes += day.lateMinutes;
        if (day.earlyMinutes > 0) c.early += 1;
        const state = day.state === 'absent' ? 'absent' : day.lateMinutes > 0 && day.earlyMinutes > 0 ? 'lateAndEarly' : day.lateMinutes > 0 ? 'late' : day.earlyMinutes > 0 ? 'early' : null;
        if (state) days.push({ date: d, code, state, lateMinutes: day.lateMinutes, earlyMinutes: day.earlyMinutes });
      }
      const myFines = fines.filter((f) => f.staffId === s._id).sort((a, b) => a.date.localeCompare(b.date));
      for (const f of myFines) {
        if (f.status === 'confirmed') {
          c.finesConfirmed += 1;
          c.finedYuan += f.amountYuan ?? 0;
        } else c.finesWaived += 1;
      }
      const myTrainings = trainings
        .filter((t) => t.attendees.some((a) => a.staffId === s._id))
        .sort((a, b) => a.date.localeCompare(b.date))
        .map((t) => {
          const score = t.attendees.find((a) => a.staffId === s._id)?.score ?? null;
          return { date: t.date, topic: t.topic, trainer: t.trainer, score, passed: score === null || t.passMark === null ? null : score >= t.passMark };
        });
      c.trainings = myTrainings.length;
      c.trainingPassed = myTrainings.filter((t) => t.passed === true).length;
      c.trainingFailed = myTrainings.filter((t) => t.passed === false).length;
      const myScores = myTrainings.flatMap((t) => (t.score === null ? [] : [t.score]));
      scores.push(...myScores);
      c.meanScore = myScores.length ? Math.round((myScores.reduce((a, b) => a + b, 0) / myScores.length) * 10) / 10 : null;
      const myAway = away
        .filter((a) => a.staffId === s._id && clinicDate(a.from) <= to)
        .sort((a, b) => a.from.localeCompare(b.from))
        .map((a) => ({ from: a.from, to: a.to, minutes: Math.round((Date.parse(a.to) - Date.parse(a.from)) / 60_000), reason: a.reason, agreedBy: a.agreedBy ? (names.get(a.agreedBy) ?? a.agreedBy) : null, halfDayAbsence: awayCountsAsAbsence(a) }));
      c.away = myAway.length;
      // Seed 003: 同意前方可離崗,否則視為曠工 — the unagreed ones are each half a day's absence.
      c.awayUnagreed = myAway.filter((a) => a.halfDayAbsence).length;
      const anything = c.rostered + c.leaveDays + c.trainings + c.away + myFines.length > 0;
      // An inactive person appears only for what she has in the span.
      if (!s.active && !anything) return [];
      return [{ staffId: s._id, name: s.name, role: s.role, counts: c, days, fines: myFines.map((f) => ({ date: f.date, kind: f.kind, minutes: f.minutes, status: f.status, amountYuan: f.amountYuan })), trainings: myTrainings, away: myAway }];
    });
  const totals = zero();
  for (const p of people) {
    for (const k of Object.keys(totals) as (keyof StaffCounts)[]) if (k !== 'meanScore') (totals[k] as number) += p.counts[k] as number;
  }
  totals.meanScore = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null;
  return { code, name: clinic.name, totals, people };
}

export async function staffFigures(db: Db, input: { from: string; to: string; clinic: string | null }, now: Date): Promise<StaffFigures> {
  checkFiguresSpan(input);
  const clinics = (await listClinics(db)).filter((c) => input.clinic === null || c.code === input.clinic).sort((a, b) => a.code.localeCompare(b.code));
  if (input.clinic !== null && !clinics.length) throw staffRefusals.refuse('not_found', 'clinic', 'clinicNotReached', { clinic: input.clinic });
  const out: StaffFigures['clinics'] = [];
  for (const c of clinics) out.push(await clinicFigures(db, c, input.from, input.to, now));
  return { from: input.from, to: input.to, clinics: out };
}

const dayCell = (d: string) => new Date(`${d}T00:00:00Z`);
const rate = (a: number, b: number) => (b > 0 ? a / b : null);
const stateZh = { late: '迟到', early: '早退', lateAndEarly: '迟到并早退', absent: '旷工', onLeave: '请假' } as const;
const fineZh = { late: '迟到', early: '早退', absent: '旷工', away: '离岗（按旷工半日）' } as const;

const COUNT_COLUMNS: TableColumn[] = [
  { header: '应出勤天数', key: 'rostered', width: 11 },
  { header: '出勤天数', key: 'present', width: 10 },
  { header: '出勤率', key: 'presentRate', width: 9, numFmt: PERCENT_FORMAT },
  { header: '迟到次数', key: 'late', width: 10 },
  { header: '迟到分钟', key: 'lateMinutes', width: 10 },
  { header: '早退次数', key: 'early', width: 10 },
  { header: '旷工天数', key: 'absent', width: 10 },
  { header: '请假天数', key: 'leaveDays', width: 10 },
  { header: '离岗次数', key: 'away', width: 10 },
  { header: '未经同意离岗', key: 'awayUnagreed', width: 13 },
  { header: '罚款笔数', key: 'finesConfirmed', width: 10 },
  { header: '罚款金额（元）', key: 'finedYuan', width: 14 },
  { header: '免罚笔数', key: 'finesWaived', width: 10 },
  { header: '培训人次', key: 'trainings', width: 10 },
  { header: '考核通过', key: 'trainingPassed', width: 10 },
  { header: '考核未通过', key: 'trainingFailed', width: 11 },
  { header: '考核通过率', key: 'passRate', width: 11, numFmt: PERCENT_FORMAT },
  { header: '平均分', key: 'meanScore', width: 9 },
];
const countRow = (c: StaffCounts) => ({ ...c, presentRate: rate(c.present, c.rostered), passRate: rate(c.trainingPassed, c.trainingPassed + c.trainingFailed) });

/** The figures as a workbook: 机构汇总, 人员, 考勤记录, 罚款, 培训, 离岗 (dates as dates, rates as percent). */
export async function staffFiguresWorkbook(f: StaffFigures, by: string, at: Date): Promise<Uint8Array> {
  const book = workbook(by, at);
  tableSheet(book, '机构汇总', [...CLINIC_COLUMNS, { header: '人数', key: 'people', width: 8 }, ...COUNT_COLUMNS], f.clinics.map((c) => ({ code: c.code, name: c.name, people: c.people.length, ...countRow(c.totals) })));
  const person = [{ header: '机构', key: 'code', width: 8 }, { header: '姓名', key: 'name', width: 12 }, { header: '岗位', key: 'role', width: 12 }];
  const date = { header: '日期', key: 'date', width: 12, numFmt: DATE_FORMAT };
  const everyone = f.clinics.flatMap((c) => c.people.map((p) => ({ p, who: { code: c.code, name: p.name, role: staffRoleNames[p.role] } })));
  tableSheet(book, '人员', [...person, ...COUNT_COLUMNS], everyone.map(({ p, who }) => ({ ...who, ...countRow(p.counts) })));
  tableSheet(book, '考勤记录', [...person, date, { header: '班次', key: 'shift', width: 8 }, { header: '情况', key: 'state', width: 12 }, { header: '迟到分钟', key: 'late', width: 10 }, { header: '早退分钟', key: 'early', width: 10 }], everyone.flatMap(({ p, who }) => p.days.map((d) => ({ ...who, date: dayCell(d.date), shift: d.code === 'DAY' ? '全天' : d.code, state: stateZh[d.state], late: d.lateMinutes, early: d.earlyMinutes }))));
  tableSheet(book, '罚款', [...person, date, { header: '事由', key: 'kind', width: 8 }, { header: '分钟', key: 'minutes', width: 8 }, { header: '处理', key: 'status', width: 8 }, { header: '金额（元）', key: 'amount', width: 10 }], everyone.flatMap(({ p, who }) => p.fines.map((x) => ({ ...who, date: dayCell(x.date), kind: fineZh[x.kind], minutes: x.minutes, status: x.status === 'confirmed' ? '已罚' : '免罚', amount: x.amountYuan }))));
  tableSheet(book, '培训', [...person, date, { header: '主题', key: 'topic', width: 24 }, { header: '培训人', key: 'trainer', width: 12 }, { header: '成绩', key: 'score', width: 8 }, { header: '考核', key: 'passed', width: 8 }], everyone.flatMap(({ p, who }) => p.trainings.map((x) => ({ ...who, date: dayCell(x.date), topic: x.topic, trainer: x.trainer, score: x.score, passed: x.passed === null ? '' : x.passed ? '通过' : '未通过' }))));
  tableSheet(book, '离岗', [...person, { header: '离岗时间', key: 'from', width: 17, numFmt: DATE_TIME_FORMAT }, { header: '返岗时间', key: 'to', width: 17, numFmt: DATE_TIME_FORMAT }, { header: '分钟', key: 'minutes', width: 8 }, { header: '原因', key: 'reason', width: 24 }, { header: '负责人同意', key: 'agreedBy', width: 12 }, { header: '按旷工半日', key: 'halfDay', width: 11 }], everyone.flatMap(({ p, who }) => p.away.map((x) => ({ ...who, from: clinicExcelDate(x.from), to: clinicExcelDate(x.to), minutes: x.minutes, reason: x.reason, agreedBy: x.agreedBy ?? '未同意', halfDay: x.halfDayAbsence ? '是' : '否' }))));
  return bytesOf(book);
}

export async function staffFiguresXlsx(f: StaffFigures, clinic: string | null, by: string, at: Date) {
  const span = f.from === f.to ? f.from : `${f.from}_${f.to}`;
  const who = clinic === null ? '各机构' : (f.clinics[0]?.name ?? clinic);
  return xlsx(`考勤与培训_${who}_${span}.xlsx`, await staffFiguresWorkbook(f, by, at));
}
