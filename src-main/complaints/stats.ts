import { satisfactions, type ComplaintView, type MonthlyStats } from '../../shared/complaints/schemas';
import { bytesOf, clinicExcelDate, DATE_TIME_FORMAT, tableSheet, workbook, type TableColumn } from '../headoffice/xlsx';

type Satisfaction = (typeof satisfactions)[number];
import { serviceTypes, stepKeys } from '../../shared/complaints/rules';
import { categoryNamesZh, channelNamesZh, levelNamesZh, satisfactionNamesZh, serviceTypeNamesZh } from '../../shared/complaints/names';

const SUBCATEGORY_ZH: Record<string, string> = { medicalResult: '医疗效果', medicalSupport: '医疗配套', service: '服务类', suggestion: '患者建议类' };

export const CHANNEL_ZH: Record<string, string> = channelNamesZh;
export const CATEGORY_ZH: Record<string, string> = { ...categoryNamesZh, none: '未分类' };
export const STEP_ZH: Record<string, string> = {
  receive: '1 接待',
  accept: '2 受理',
  investigate: '3 调查',
  classify: '4 定性',
  propose: '5 方案',
  approve: '6 审批',
  negotiate: '7 协商',
  paperwork: '8 手续',
  close: '9 结案归档',
  penalty: '10 内部处理',
  prevention: '11 预防改进',
  done: '已完成',
};
export const LEVEL_ZH: Record<string, string> = levelNamesZh;

const count = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** A deadline missed: one open and past due, or one met late (the 统计表's 超时). */
export function missedDeadline(c: ComplaintView): boolean {
  return c.overdue.length > 0 || c.deadlines.some((d) => d.status === 'late');
}

/** The refund and compensation the patient agreed to (the last proposal, once agreed), ¥. */
export function settled(c: ComplaintView): { refund: number; compensation: number } {
  const live = c.events.filter((e) => !e.ignored);
  const lastProposal = [...live].reverse().find((e) => e.kind === 'propose');
  const agreed = live.some((e) => e.kind === 'negotiate' && e.data.agreed === true);
  return { refund: agreed ? num(lastProposal?.data.refund) : 0, compensation: agreed ? num(lastProposal?.data.compensation) : 0 };
}

/** The plan the patient agreed to (处理结果), or '' while none is agreed. */
export function agreedSolution(c: ComplaintView): string {
  const live = c.events.filter((e) => !e.ignored);
  const lastProposal = [...live].reverse().find((e) => e.kind === 'propose');
  const agreed = live.some((e) => e.kind === 'negotiate' && e.data.agreed === true);
  return agreed && typeof lastProposal?.data.solution === 'string' ? lastProposal.data.solution : '';
}

/** The level of every person penalised (步骤 10): the proposal in force only (one the dean or 总经理 sent back was replaced). */
export function penaltyLevelsOf(c: ComplaintView): string[] {
  const last = [...c.events].reverse().find((e) => !e.ignored && e.kind === 'penalty');
  return ((last?.data.persons as { level: string }[] | undefined) ?? []).map((p) => p.level);
}

/** 患者投诉案件统计表 of one clinic-month: the cases received in that month, as they stand now. */
export function monthlyStatistics(clinic: string, month: string, cases: readonly ComplaintView[], _now: Date): MonthlyStats {
  const stats: MonthlyStats = {
    clinic,
    month,
    total: cases.length,
    byCategory: {},
    byChannel: {},
    byDepartment: {},
    // Every type seed 004 names, in its order, zeros included: the sheet's 服务类细分 reads the same each month.
    byServiceType: Object.fromEntries(serviceTypes.map((k) => [k, 0])),
    byStep: {},
    hoursToStep: {},
    overdue: 0,
    refunds: { cases: 0, yuan: 0 },
    compensation: { cases: 0, yuan: 0 },
    penaltyLevels: {},
    rows: [],
  };
  const hours: Record<string, number[]> = {};
  for (const c of cases) {
    count(stats.byCategory, c.category ?? 'none');
    count(stats.byChannel, c.channel);
    count(stats.byDepartment, c.departmentName ?? '—');
    count(stats.byStep, c.currentKey);
    const late = missedDeadline(c);
    if (late) stats.overdue += 1;
    const live = c.events.filter((e) => !e.ignored);
    const classified = [...live].reverse().find((e) => e.kind === 'classify')?.data ?? {};
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    if (str(classified.serviceType)) count(stats.byServiceType, str(classified.serviceType));
    const { refund, compensation } = settled(c);
    const solution = agreedSolution(c);
    const closed = [...live].reverse().find((e) => e.kind === 'close')?.data ?? {};
    if (refund > 0) {
      stats.refunds.cases += 1;
      stats.refunds.yuan += refund;
    }
    if (compensation > 0) {
      stats.compensation.cases += 1;
      stats.compensation.yuan += compensation;
    }
    const levels = penaltyLevelsOf(c);
    for (const level of levels) count(stats.penaltyLevels, level);
    for (const e of live) {
      const key = e.kind;
      if (!(stepKeys as readonly string[]).includes(key)) continue;
      if (live.find((x) => x.kind === key) !== e) continue; // first record of each step
      (hours[key] ??= []).push((new Date(e.at).getTime() - new Date(c.receivedAt).getTime()) / 3_600_000);
    }
    stats.rows.push({
      number: c.number,
      receivedAt: c.receivedAt,
      patientName: c.patientName,
      channel: c.channel,
      category: c.category,
      subcategory: str(classified.subcategory) || null,
      serviceType: str(classified.serviceType) || null,
      department: c.departmentName,
      responsible: str(classified.responsible),
      cause: str(classified.cause),
      step: c.currentKey,
      overdue: late,
      refund,
      compensation,
      what: c.what,
      outcome: solution,
      satisfaction: (satisfactions as readonly string[]).includes(str(closed.satisfaction)) ? (str(closed.satisfaction) as Satisfaction) : null,
      penaltyLevels: levels,
    });
  }
  for (const key of stepKeys.slice(1)) {
    const list = hours[key];
    stats.hoursToStep[key] = list && list.length ? Math.round((list.reduce((a, b) => a + b, 0) / list.length) * 10) / 10 : null;
  }
  stats.rows.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  return stats;
}

/** The same table as an .xlsx workbook (two sheets: summary and cases), in Chinese. */
export async function monthlyWorkbook(stats: MonthlyStats, clinicName: string, by: string, at: Date): Promise<Buffer> {
  const wb = workbook(by, at);
  // A report's own layout (a title, then figures in sections), not a table: laid out here.
  const sum = wb.addWorksheet('汇总');
  sum.columns = [{ width: 22 }, { width: 14 }, { width: 14 }];
  sum.addRow([`患者投诉案件统计表 — ${clinicName}（${stats.clinic}）${stats.month}`]).font = { bold: true, size: 14 };
  sum.addRow(['案件总数', stats.total]);
  sum.addRow(['逾期案件', stats.overdue]);
  sum.addRow(['退款', `${stats.refunds.cases} 件`, stats.refunds.yuan]);
  sum.addRow(['赔偿', `${stats.compensation.cases} 件`, stats.compensation.yuan]);
  const section = (title: string, map: Record<string, number>, names: Record<string, string>) => {
    sum.addRow([]);
    sum.addRow([title]).font = { bold: true };
    for (const [k, v] of Object.entries(map)) sum.addRow([names[k] ?? k, v]);
  };
  section('按性质', stats.byCategory, CATEGORY_ZH);
  section('按渠道', stats.byChannel, CHANNEL_ZH);
  section('按科室', stats.byDepartment, {});
  section('服务类细分', stats.byServiceType, serviceTypeNamesZh);
  section('按当前步骤', stats.byStep, STEP_ZH);
  section('处罚级别（人次）', stats.penaltyLevels, LEVEL_ZH);
  sum.addRow([]);
  sum.addRow(['接待至各步骤平均用时（小时）']).font = { bold: true };
  for (const [k, v] of Object.entries(stats.hoursToStep)) sum.addRow([STEP_ZH[k] ?? k, v]);

  tableSheet(wb, '案件明细', CASE_TABLE, stats.rows.map(caseRecord));
  return Buffer.from(await bytesOf(wb));
}

type CaseRow = MonthlyStats['rows'][number];

/** 案件明细's columns, the clinic's sheet and head office's (which puts 机构 first): one list, one wording. */
const CASE_COLUMNS: (TableColumn & { value: (r: CaseRow) => string | number | Date | null })[] = [
  { header: '投诉编号', key: 'number', width: 14, value: (r) => r.number ?? '待编号' },
  { header: '接到投诉时间', key: 'receivedAt', width: 18, numFmt: DATE_TIME_FORMAT, value: (r) => clinicExcelDate(r.receivedAt) },
  { header: '患者', key: 'patient', width: 10, value: (r) => r.patientName },
  { header: '渠道', key: 'channel', width: 10, value: (r) => CHANNEL_ZH[r.channel] ?? r.channel },
  { header: '性质', key: 'category', width: 10, value: (r) => CATEGORY_ZH[r.category ?? 'none'] ?? '' },
  { header: '类别', key: 'kind', width: 12, value: (r) => (r.serviceType ? (serviceTypeNamesZh[r.serviceType] ?? r.serviceType) : r.subcategory ? (SUBCATEGORY_ZH[r.subcategory] ?? r.subcategory) : '') },
  { header: '科室', key: 'department', width: 12, value: (r) => r.department ?? '' },
  { header: '责任部门/责任人', key: 'responsible', width: 16, value: (r) => r.responsible },
  { header: '原因', key: 'cause', width: 30, value: (r) => r.cause },
  { header: '投诉内容', key: 'what', width: 40, value: (r) => r.what },
  { header: '处理结果', key: 'outcome', width: 30, value: (r) => r.outcome },
  { header: '满意度', key: 'satisfaction', width: 10, value: (r) => (r.satisfaction ? (satisfactionNamesZh[r.satisfaction] ?? '') : '') },
  { header: '处罚', key: 'penalties', width: 16, value: (r) => r.penaltyLevels.map((l) => LEVEL_ZH[l] ?? l).join('、') },
  { header: '当前步骤', key: 'step', width: 12, value: (r) => STEP_ZH[r.step] ?? r.step },
  { header: '超时', key: 'overdue', width: 6, value: (r) => (r.overdue ? '是' : '') },
  { header: '退款（元）', key: 'refund', width: 10, value: (r) => r.refund },
  { header: '赔偿（元）', key: 'compensation', width: 10, value: (r) => r.compensation },
];

/** 案件明细's table columns (tableSheet) and one case as its row. */
export const CASE_TABLE: TableColumn[] = CASE_COLUMNS.map(({ value: _value, ...column }) => column);
export const caseRecord = (r: CaseRow) => Object.fromEntries(CASE_COLUMNS.map((c) => [c.key, c.value(r)]));
