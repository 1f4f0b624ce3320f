import type { z } from 'zod';
import type { FiguresView, FollowupEventDoc, FollowupGroupKind, FollowupRecordGroup, FollowupReport, FollowupTaskDoc, HoFollowupFigure, HoFollowupRecord, hoFollowupRecordsInput } from '../../shared/followup/schemas';
import type { ExportFile } from '../../shared/headoffice/schemas';
import { MAX_RECORDS } from '../../shared/headoffice/schemas';
import { isOverdue, ratingLevels, ratingQuestions, satisfaction, SATISFACTION_TARGET, successRate, taskStatus, type Ratings, type TaskEventFacts } from '../../shared/followup/rules';
import type { Db } from '../store/pouch';
import { listClinics } from '../headoffice/repo';
import { bytesOf, clinicExcelDate, DATE_TIME_FORMAT, PERCENT_FORMAT, rateCell, tableSheet, workbook, xlsx } from '../headoffice/xlsx';
import { visitTasksNow } from './repo';
import { plansInUse } from './plans';
import { eventsByTask, keptFigures, tasksDue } from './kept';

/**
 * The follow-up figures and the tasks behind them (issue 13): a clinic's figures for the tasks due
 * in a span, the report of every clinic (the Friday report's week or month, or the dashboard's own
 * 从/至), the tasks one figure counts, and the report's .xlsx.
 */

const facts = (e: FollowupEventDoc): TaskEventFacts => ({ id: e._id, kind: e.kind, at: e.at, by: e.createdBy, result: e.result, rescheduleAt: e.rescheduleAt });

/** The clinic's tasks due from `from` to `to` that stand (not those of a 离院 undone since: withdrawn, they count nowhere), as they stand now, and their events. */
async function periodTasks(db: Db, clinic: string, from: string, to: string): Promise<{ tasks: FollowupTaskDoc[]; events: Map<string, FollowupEventDoc[]> }> {
  const [due, events] = await Promise.all([tasksDue(db, clinic, from, to), eventsByTask(db, clinic, from, to)]);
  // Each with its visit's outcome and doctor as they are now (a corrected outcome, issue 21).
  const { standing } = await visitTasksNow(db, clinic, due, await plansInUse(db));
  return { tasks: standing, events };
}

/**
 * A clinic's follow-up figures for the tasks due from `from` to `to`: due (by today), reached,
 * success rate, overdue; satisfaction in total, per department, consultant and doctor against 90 %;
 * answers per question; the comments. Kept per clinic and period (src-main/followup/kept.ts) until
 * a task due in it or one of its events changes; the tasks due are found by the kept task index
 * (their ids are by plan and source date, not by due date) and read by keys.
 */
export async function figuresOf(db: Db, clinic: string, from: string, to: string, today: string): Promise<FiguresView> {
  return keptFigures(db, clinic, from, to, today, async () => {
    const { tasks, events } = await periodTasks(db, clinic, from, to);
    return figuresFrom(clinic, from, to, today, tasks, events);
  });
}

/** The figures of the tasks (any of the clinic: those due from `from` to `to` count) and their events. */
export function figuresFrom(clinic: string, from: string, to: string, today: string, all: readonly FollowupTaskDoc[], events: ReadonlyMap<string, FollowupEventDoc[]>): FiguresView {
  // Calls only: member-care messages (短信) are not calls to reach.
  const tasks = all.filter((t) => t.channel === 'call' && t.dueDate >= from && t.dueDate <= to).sort((a, b) => a._id.localeCompare(b._id));
  let due = 0;
  let reached = 0;
  let overdue = 0;
  const surveys: { task: FollowupTaskDoc; ratings: Ratings; e: FollowupEventDoc }[] = [];
  for (const task of tasks) {
    const evs = events.get(task._id) ?? [];
    const s = taskStatus(task, evs.map(facts));
    if (task.dueDate <= today) due += 1;
    if (s.state === 'reached') reached += 1;
    if (isOverdue(s, task.lastDate, today)) overdue += 1;
    for (const e of evs) if (e.kind === 'attempt' && e.result === 'reached' && e.ratings) surveys.push({ task, ratings: e.ratings, e });
  }
  const row = (key: string, name: string, list: Ratings[]) => {
    const r = satisfaction(list);
    return { key, name, answers: r.answers, satisfied: r.satisfied, share: r.share, met: r.met };
  };
  const groupBy = (keyOf: (t: FollowupTaskDoc) => [string, string]) => {
    const groups = new Map<string, { name: string; list: Ratings[] }>();
    for (const s of surveys) {
      const [key, name] = keyOf(s.task);
      const g = groups.get(key) ?? { name, list: [] };
      g.list.push(s.ratings);
      groups.set(key, g);
    }
    return [...groups].map(([key, g]) => row(key, g.name, g.list)).sort((a, b) => a.key.localeCompare(b.key));
  };
  return {
    from,
    to,
    due,
    reached,
    successRate: successRate(reached, due),
    overdue,
    total: row(clinic, clinic, surveys.map((s) => s.ratings)),
    byDepartment: groupBy((t) => [t.departmentId ?? '', t.departmentName]),
    byConsultant: groupBy((t) => [t.consultantId ?? '', t.consultantName ?? '']),
    // The doctor (or 医助) the visitor was handed to; older tasks do not carry one.
    byDoctor: groupBy((t) => [t.doctorId ?? '', t.doctorName ?? '']),
    byQuestion: ratingQuestions.map((q) => {
      const counts = Object.fromEntries(ratingLevels.map((l) => [l, surveys.filter((s) => s.ratings[q] === l).length])) as Record<(typeof ratingLevels)[number], number>;
      return { question: q, ...counts };
    }),
    comments: surveys.filter((s) => s.e.comments).map((s) => ({ taskId: s.task._id, customerName: s.task.customerName, feedback: s.e.feedback, comments: s.e.comments, at: s.e.at })),
  };
}


export async function followupReport(db: Db, from: string, to: string, today: string, clinic: string | null = null): Promise<FollowupReport> {
  const clinics = (await listClinics(db)).filter((c) => clinic === null || c.code === clinic);
  const per = [];
  for (const c of clinics) per.push({ code: c.code, name: c.name, figures: await figuresOf(db, c.code, from, to, today) });
  const all = per.map((p) => p.figures);
  const sum = (f: (x: FiguresView) => number) => all.reduce((n, x) => n + f(x), 0);
  const due = sum((x) => x.due);
  const reached = sum((x) => x.reached);
  const answers = sum((x) => x.total.answers);
  const satisfied = sum((x) => x.total.satisfied);
  const share = answers ? satisfied / answers : null;
  const total: FiguresView = {
    from,
    to,
    due,
    reached,
    successRate: successRate(reached, due),
    overdue: sum((x) => x.overdue),
    total: { key: '*', name: '合计', answers, satisfied, share, met: share === null ? null : share >= SATISFACTION_TARGET },
    byDepartment: [],
    byConsultant: [],
    byDoctor: [],
    byQuestion: ratingQuestions.map((q) => {
      const rows = all.map((x) => x.byQuestion.find((r) => r.question === q)!);
      return { question: q, verySatisfied: rows.reduce((n, r) => n + r.verySatisfied, 0), satisfied: rows.reduce((n, r) => n + r.satisfied, 0), fair: rows.reduce((n, r) => n + r.fair, 0), poor: rows.reduce((n, r) => n + r.poor, 0) };
    }),
    comments: [],
  };
  return { from, to, clinics: per, total: { code: '*', name: '合计', figures: total } };
}


/**
 * The tasks a figure of `followupReport` counts, for the span and clinic (or all): `due` the calls
 * due by today, `reached` those reached, `overdue` those still open after their last day,
 * `answered` those with a survey (4 answers each); with `group`, only the tasks of that row of
 * byDepartment / byConsultant / byDoctor (its key: the id, '' for none). Newest due first, at most MAX_RECORDS.
 */
export async function followupRecords(db: Db, { period, figure, group }: z.output<typeof hoFollowupRecordsInput>, today: string): Promise<HoFollowupRecord[]> {
  const out: HoFollowupRecord[] = [];
  for (const c of await listClinics(db)) {
    if (period.clinic !== null && c.code !== period.clinic) continue;
    out.push(...(await clinicRecords(db, c.code, period.from, period.to, today, figure, group)));
  }
  return sorted(out);
}

const sorted = (out: HoFollowupRecord[]) => out.sort((a, b) => b.dueDate.localeCompare(a.dueDate) || a.clinic.localeCompare(b.clinic) || a.id.localeCompare(b.id)).slice(0, MAX_RECORDS);

/** A group's key on a task, as `figuresFrom` groups them. */
const groupKey: Record<FollowupGroupKind, (t: FollowupTaskDoc) => string> = {
  department: (t) => t.departmentId ?? '',
  consultant: (t) => t.consultantId ?? '',
  doctor: (t) => t.doctorId ?? '',
};

/** One clinic's tasks behind a figure (see `followupRecords`), the desk's `followup.records` too. */
export async function clinicRecords(db: Db, clinic: string, from: string, to: string, today: string, figure: HoFollowupFigure, group: FollowupRecordGroup): Promise<HoFollowupRecord[]> {
  const out: HoFollowupRecord[] = [];
  const { tasks, events } = await periodTasks(db, clinic, from, to);
  for (const task of tasks) {
    if (task.channel !== 'call' || task.dueDate < from || task.dueDate > to) continue;
    if (group && groupKey[group.kind](task) !== group.key) continue;
    const evs = events.get(task._id) ?? [];
    const s = taskStatus(task, evs.map(facts));
    const survey = evs.find((e) => e.kind === 'attempt' && e.result === 'reached' && e.ratings);
    const overdue = isOverdue(s, task.lastDate, today);
    const counted = figure === 'due' ? task.dueDate <= today : figure === 'reached' ? s.state === 'reached' : figure === 'overdue' ? overdue : survey !== undefined;
    if (!counted) continue;
    const ratings = survey?.ratings ?? null;
    out.push({
      id: task._id,
      clinic,
      planId: task.planId,
      dueDate: task.dueDate,
      customerName: task.customerName,
      departmentName: task.departmentName,
      consultantName: task.consultantName,
      doctorName: task.doctorName ?? null,
      state: s.state,
      overdue,
      satisfied: ratings ? satisfaction([ratings]).satisfied : null,
      feedback: survey?.feedback ?? null,
    });
  }
  return sorted(out);
}

/** The follow-up sheets (回访满意度, 分组满意度, 客户意见) of a report: Chinese headers, counts as numbers, rates as percent numbers, times as dates. */
export async function reportXlsx(r: FollowupReport, by: string, now: Date): Promise<ExportFile> {
    const book = workbook(by, now);
    // Counts as numbers, rates as fractions in percent-formatted cells (empty when there is none), dates as dates.
    const met = (m: boolean | null) => (m === null ? '—' : m ? '达标' : '未达标');
    tableSheet(book, '回访满意度', [
      { header: '诊所', key: 'clinic', width: 16 },
      { header: '应回访', key: 'due', width: 10 },
      { header: '已接通', key: 'reached', width: 10 },
      { header: '回访成功率', key: 'success', width: 12, numFmt: PERCENT_FORMAT },
      { header: '逾期', key: 'overdue', width: 8 },
      { header: '答题数', key: 'answers', width: 10 },
      { header: '满意度', key: 'share', width: 10, numFmt: PERCENT_FORMAT },
      { header: '目标 ≥ 90%', key: 'met', width: 12 },
    ], [...r.clinics, { ...r.total, code: '合计', name: '合计' }].map((c) => ({ clinic: c.name, due: c.figures.due, reached: c.figures.reached, success: rateCell(c.figures.successRate), overdue: c.figures.overdue, answers: c.figures.total.answers, share: rateCell(c.figures.total.share), met: met(c.figures.total.met) })));
    tableSheet(book, '分组满意度', [
      { header: '诊所', key: 'clinic', width: 16 },
      { header: '分组', key: 'kind', width: 10 },
      { header: '名称', key: 'name', width: 18 },
      { header: '答题数', key: 'answers', width: 10 },
      { header: '满意度', key: 'share', width: 10, numFmt: PERCENT_FORMAT },
      { header: '目标 ≥ 90%', key: 'met', width: 12 },
    ], r.clinics.flatMap((c) =>
      ([['科室', c.figures.byDepartment], ['咨询师', c.figures.byConsultant], ['医生', c.figures.byDoctor]] as const).flatMap(([kind, rows]) =>
        rows.map((row) => ({ clinic: c.name, kind, name: row.name || '—', answers: row.answers, share: rateCell(row.share), met: met(row.met) })),
      ),
    ));
    const fb: Record<string, string> = { praise: '表扬', suggestion: '建议', opinion: '意见', complaint: '投诉' };
    tableSheet(book, '客户意见', [
      { header: '诊所', key: 'clinic', width: 16 },
      { header: '客户', key: 'customer', width: 12 },
      { header: '分类', key: 'feedback', width: 8 },
      { header: '意见与建议', key: 'comments', width: 60 },
      { header: '时间', key: 'at', width: 22, numFmt: DATE_TIME_FORMAT },
    ], r.clinics.flatMap((c) => c.figures.comments.map((x) => ({ clinic: c.name, customer: x.customerName, feedback: x.feedback ? fb[x.feedback] : '', comments: x.comments, at: clinicExcelDate(x.at) }))));
    return xlsx(`回访满意度-${r.from}-${r.to}.xlsx`, await bytesOf(book));
}
