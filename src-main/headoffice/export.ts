import { bytesOf, CLINIC_COLUMNS, clinicExcelDate, DATE_TIME_FORMAT, figureSheet, PERCENT_FORMAT, rateCell, tableSheet, workbook, type TableColumn } from './xlsx';
import type { sources as sourceKeys } from '../../shared/desk/schemas';
import type { ComplaintFigures, InspectionFigures, Period, TeaFigures, VisitFigures } from '../../shared/headoffice/schemas';
import { CATEGORY_ZH, CHANNEL_ZH, LEVEL_ZH, STEP_ZH } from '../complaints/stats';
import { deadlineNamesZh, satisfactionNamesZh } from '../../shared/complaints/names';
import { kindNamesZh, measureNamesZh } from '../../shared/inspection/names';

const GRAIN = { day: '日', week: '周', month: '月' } as const;
const OUTCOME = { noPurchase: '到诊未消费', nonSurgical: '非手术消费', surgical: '手术消费' } as const;
/** A code's Chinese name, or the code where the table has none. */
const named = (table: Record<string, string>, key: string) => table[key] ?? key;
/** The desk's 媒体来源 in Chinese (the renderer's common table says the same). */
const SOURCE_ZH: Record<(typeof sourceKeys)[number], string> = { web: '网络', phone: '电话', referral: '朋友介绍', ad: '广告', returning: '老客户', other: '其他' };

export interface DashboardFigures {
  visits: VisitFigures;
  tea: TeaFigures;
  complaints: ComplaintFigures;
  inspections: InspectionFigures;
}

/** The dashboard of a period as an .xlsx workbook with Chinese headers, one sheet per view. */
export async function dashboardWorkbook(period: Period, figures: DashboardFigures, by: string, at: Date): Promise<Uint8Array> {
  const book = workbook(by, at);
  const { visits: f, tea } = figures;

  const summary = tableSheet(book, '到诊汇总', [
    { header: `期间（按${GRAIN[period.grain]}）`, key: 'period', width: 14 },
    { header: '初诊', key: 'first', width: 10 },
    { header: '复诊', key: 'returning', width: 10 },
    { header: '合计', key: 'total', width: 10 },
    { header: '预约爽约', key: 'noShows', width: 10 },
  ], f.periods.map((p, i) => ({ period: p, first: f.first[i], returning: f.returning[i], total: f.first[i]! + f.returning[i]!, noShows: f.noShows[i] })));
  summary.addRow({ period: '合计', first: f.firstTotal, returning: f.total - f.firstTotal, total: f.total, noShows: f.noShowTotal }).font = { bold: true };

  byClinicSheet(book, '按机构', [
    { header: '初诊', key: 'first', width: 10 },
    { header: '复诊', key: 'returning', width: 10 },
    { header: '合计', key: 'total', width: 10 },
    { header: '预约爽约', key: 'noShows', width: 10 },
  ], f.byClinic, (c) => ({ ...c, total: c.first + c.returning }));

  tableSheet(book, '按科室', [
    { header: '科室', key: 'key', width: 16 },
    { header: '到诊', key: 'count', width: 10 },
  ], f.byDepartment);

  tableSheet(book, '新客来源', [
    { header: '媒体来源', key: 'key', width: 16 },
    { header: '新客', key: 'count', width: 10 },
  ], f.bySource.map((s) => ({ key: named(SOURCE_ZH as Record<string, string>, s.key), count: s.count })));

  const outcomes = tableSheet(book, '到诊结果', [
    { header: '结果', key: 'label', width: 16 },
    { header: '人次', key: 'count', width: 10 },
  ], f.byOutcome.map((o) => ({ label: OUTCOME[o.key as keyof typeof OUTCOME] ?? o.key, count: o.count })));
  outcomes.addRow({ label: '平均候诊（分钟）', count: f.averageWaitMinutes });

  const teaSheet = byClinicSheet(book, '奉茶', [
    { header: '奉茶', key: 'served', width: 10 },
    { header: '续水', key: 'refills', width: 10 },
    { header: '规范不符', key: 'exceptions', width: 10 },
  ], tea.byClinic);
  teaSheet.addRow({ key: '合计', served: tea.served, refills: tea.refills, exceptions: tea.exceptions.reduce((a, e) => a + e.count, 0) }).font = { bold: true };
  teaSheet.addRow({ key: '婉拒', served: tea.declined });
  teaSheet.addRow({ key: '入座到首杯（分钟）', served: tea.averageFirstCupMinutes });
  tableSheet(book, '奉茶规范不符', [
    { header: '规范条目', key: 'key', width: 60 },
    { header: '次数', key: 'count', width: 10 },
  ], tea.exceptions);

  complaintSheets(book, period, figures.complaints);
  inspectionSheets(book, figures.inspections);

  const about = book.addWorksheet('说明');
  about.addRows([
    ['范围', period.clinic ?? '全部机构'],
    ['期间', `${period.from} 至 ${period.to}`],
    ['导出人', by],
    ['导出时间', clinicExcelDate(at)],
  ]);
  about.getCell('B4').numFmt = DATE_TIME_FORMAT;
  return bytesOf(book);
}

type Book = ReturnType<typeof workbook>;

/** A sheet with a row per clinic: 机构 and 名称 first (rows carry `key` and `name`), then `columns`. */
function byClinicSheet<T extends { key: string; name: string }>(book: Book, name: string, columns: TableColumn[], rows: readonly T[], row: (r: T) => object = (r) => r) {
  return tableSheet(book, name, [{ ...CLINIC_COLUMNS[0]!, key: 'key' }, CLINIC_COLUMNS[1]!, ...columns], rows.map(row));
}

function complaintSheets(book: Book, period: Period, c: ComplaintFigures) {
  figureSheet(book, '投诉汇总', [
    ['收到投诉', c.total],
    ['未结案', c.open],
    ['已结案', c.closed],
    ['超时案件', c.overdue],
    ['退款（件）', c.refunds.cases],
    ['退款（元）', c.refunds.yuan],
    ['补偿（件）', c.compensation.cases],
    ['补偿（元）', c.compensation.yuan],
    ['按时结案', c.closing.inTime],
    ['超时结案', c.closing.late],
    ['已超时未结', c.closing.overdue],
    ['时限内未结', c.closing.open],
    ['平均结案天数', c.closing.averageDays],
  ]);
  tableSheet(book, '投诉_按期间', [
    { header: `期间（按${GRAIN[period.grain]}）`, key: 'period', width: 14 },
    { header: '收到投诉', key: 'count', width: 10 },
  ], c.periods.map((p, i) => ({ period: p, count: c.received[i] })));
  byClinicSheet(book, '投诉_按机构', [
    { header: '收到', key: 'received', width: 8 },
    { header: '未结案', key: 'open', width: 8 },
    { header: '超时案件', key: 'overdue', width: 10 },
    { header: '超时结案', key: 'closedLate', width: 10 },
  ], c.byClinic);
  const breakdown = tableSheet(book, '投诉_分类', [
    { header: '维度', key: 'dimension', width: 12 },
    { header: '项目', key: 'label', width: 30 },
    { header: '件数', key: 'count', width: 8 },
  ]);
  const add = (dimension: string, rows: { key: string; count: number }[], names: Record<string, string>) => {
    for (const r of rows) breakdown.addRow({ dimension, label: names[r.key] ?? r.key, count: r.count });
  };
  add('渠道', c.byChannel, CHANNEL_ZH);
  add('性质', c.byCategory, CATEGORY_ZH);
  add('待办步骤', c.byStep.map((s) => ({ key: s.key, count: s.open })), STEP_ZH);
  add('已超时的时限', c.overdueDeadlines, deadlineNamesZh);
  add('处罚级别（人次）', c.penaltyLevels, LEVEL_ZH);
  add('满意度', c.satisfaction, satisfactionNamesZh);
}

function inspectionSheets(book: Book, i: InspectionFigures) {
  figureSheet(book, '检查汇总', [
    ['已签字检查', i.done.reduce((a, b) => a + b, 0)],
    ...i.byKind.map((k): [string, number] => [`其中 ${named(kindNamesZh, k.key)}`, k.count]),
    ['每周自查 应做（周）', i.weekly.due],
    ['每周自查 完成（周）', i.weekly.done],
    ['服务质量检查小组 应到访（月）', i.teamVisits.due],
    ['服务质量检查小组 到访（月）', i.teamVisits.done],
    ['检查项 合格', i.marks.pass],
    ['检查项 不合格', i.marks.fail],
    ['合格率', rateCell(i.passRate), PERCENT_FORMAT],
    ['屡犯人数', i.repeatOffenders.length],
    ['处罚（件）', i.penalties.count],
    ['处罚金额（元）', i.penalties.yuan],
    ...i.byMeasure.map((m): [string, number] => [`处罚：${named(measureNamesZh, m.key)}`, m.count]),
    ...i.stars.map((s): [string, string] => [`服务之星 ${s.clinic} ${s.month}`, s.name]),
  ]);
  tableSheet(book, '检查_各条目', [
    { header: '条目', key: 'key', width: 50 },
    { header: '合格', key: 'pass', width: 8 },
    { header: '不合格', key: 'fail', width: 8 },
    { header: '合格率', key: 'rate', width: 10, numFmt: PERCENT_FORMAT },
  ], i.items.map((row) => ({ ...row, rate: rateCell(row.rate) })));
  byClinicSheet(book, '检查_按机构', [
    { header: '自查完成（周）', key: 'weeklyDone', width: 12 },
    { header: '自查应做（周）', key: 'weeklyDue', width: 12 },
    { header: '检查小组到访（月）', key: 'teamDone', width: 14 },
    { header: '检查小组应到访（月）', key: 'teamDue', width: 16 },
    { header: '已签字检查', key: 'inspections', width: 10 },
    { header: '合格', key: 'pass', width: 8 },
    { header: '不合格', key: 'fail', width: 8 },
    { header: '处罚（件）', key: 'penalties', width: 8 },
    { header: '处罚金额（元）', key: 'yuan', width: 12 },
  ], i.byClinic);
  tableSheet(book, '屡犯人员', [
    { header: '机构', key: 'clinic', width: 8 },
    { header: '员工', key: 'name', width: 12 },
    { header: '不合格次数', key: 'failures', width: 10 },
  ], i.repeatOffenders);
}
