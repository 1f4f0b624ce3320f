import { bytesOf, CLINIC_COLUMNS, PERCENT_FORMAT, rateCell, tableSheet, workbook } from './xlsx';
import type { ComplaintMonthReport, InspectionMonthReport, Period, WeeklyReport } from '../../shared/headoffice/schemas';
import { fridayWeek, teaFigures, visitFigures } from '../../shared/headoffice/rules';
import { closedBetween } from '../../shared/headoffice/qualityRules';
import { complaintFacts } from './facts';
import { catchUp, summaryRows } from './summaries';
import type { StaffDoc } from '../../shared/reference/schemas';
import { CASE_TABLE, caseRecord, monthlyStatistics } from '../complaints/stats';
import { penaltyLevels } from '../../shared/complaints/rules';
import { clinicCases, viewContextFor } from '../complaints/cases';
import { clinicMonthSummary } from '../inspection/monthSummary';
import type { Db } from '../store/pouch';
import { listClinics } from './repo';

/**
 * Head office's monthly sheets across clinics: each clinic's figures are exactly what that
 * clinic's own screen shows (the complaint and inspection domains compute them), read from the
 * consolidated data; head office adds the chain's totals and the .xlsx.
 */

function sum(into: Record<string, number>, from: Record<string, number>) {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
}

export async function complaintMonth(db: Db, month: string, reader: StaffDoc, now: Date): Promise<ComplaintMonthReport> {
  const clinics = await listClinics(db);
  const rows: ComplaintMonthReport['clinics'] = [];
  for (const c of clinics) {
    const cases = await clinicCases(db, c.code, month, await viewContextFor(db, c.code, reader, now));
    rows.push({ code: c.code, name: c.name, inHeadOfficeCity: c.inHeadOfficeCity, stats: monthlyStatistics(c.code, month, cases, now) });
  }
  const totals: ComplaintMonthReport['totals'] = { total: 0, overdue: 0, open: 0, refunds: { cases: 0, yuan: 0 }, compensation: { cases: 0, yuan: 0 }, byCategory: {}, byChannel: {}, penaltyLevels: {} };
  for (const { stats } of rows) {
    totals.total += stats.total;
    totals.overdue += stats.overdue;
    totals.open += stats.rows.filter((r) => r.step !== 'done').length;
    totals.refunds.cases += stats.refunds.cases;
    totals.refunds.yuan += stats.refunds.yuan;
    totals.compensation.cases += stats.compensation.cases;
    totals.compensation.yuan += stats.compensation.yuan;
    sum(totals.byCategory, stats.byCategory);
    sum(totals.byChannel, stats.byChannel);
    sum(totals.penaltyLevels, stats.penaltyLevels);
  }
  return { month, clinics: rows, totals };
}

export async function inspectionMonth(db: Db, month: string): Promise<InspectionMonthReport> {
  const clinics = await listClinics(db);
  const rows: InspectionMonthReport['clinics'] = [];
  for (const c of clinics) rows.push({ code: c.code, name: c.name, summary: await clinicMonthSummary(db, c.code, month) });
  return { month, clinics: rows };
}

export async function complaintMonthWorkbook(r: ComplaintMonthReport, by: string, at: Date): Promise<Uint8Array> {
  const book = workbook(by, at);
  const levels = (m: Record<string, number>) => penaltyLevels.map((l) => m[l] ?? 0).join('/');
  const summary = tableSheet(book, '各机构汇总', [
    ...CLINIC_COLUMNS,
    { header: '京内/京外', key: 'city', width: 10 },
    { header: '投诉数', key: 'total', width: 8 },
    { header: '质量投诉', key: 'quality', width: 10 },
    { header: '非质量投诉', key: 'nonQuality', width: 10 },
    { header: '未结案', key: 'open', width: 8 },
    { header: '超时', key: 'overdue', width: 8 },
    { header: '退款（件）', key: 'refundCases', width: 10 },
    { header: '退款（元）', key: 'refundYuan', width: 12 },
    { header: '补偿（件）', key: 'compCases', width: 10 },
    { header: '补偿（元）', key: 'compYuan', width: 12 },
    { header: '处罚 I/II/III/IV/V', key: 'levels', width: 18 },
  ], r.clinics.map(({ code, name, inHeadOfficeCity, stats: s }) => ({ code, name, city: inHeadOfficeCity ? '京内' : '京外', total: s.total, quality: s.byCategory.quality ?? 0, nonQuality: s.byCategory.nonQuality ?? 0, open: s.rows.filter((x) => x.step !== 'done').length, overdue: s.overdue, refundCases: s.refunds.cases, refundYuan: s.refunds.yuan, compCases: s.compensation.cases, compYuan: s.compensation.yuan, levels: levels(s.penaltyLevels) })));
  const t = r.totals;
  summary.addRow({ code: '合计', total: t.total, quality: t.byCategory.quality ?? 0, nonQuality: t.byCategory.nonQuality ?? 0, open: t.open, overdue: t.overdue, refundCases: t.refunds.cases, refundYuan: t.refunds.yuan, compCases: t.compensation.cases, compYuan: t.compensation.yuan, levels: levels(t.penaltyLevels) }).font = { bold: true };
  tableSheet(book, '案件明细', [{ header: '机构', key: 'clinic', width: 8 }, ...CASE_TABLE], r.clinics.flatMap((c) => c.stats.rows.map((row) => ({ clinic: c.code, ...caseRecord(row) }))));
  return bytesOf(book);
}

export async function inspectionMonthWorkbook(r: InspectionMonthReport, by: string, at: Date): Promise<Uint8Array> {
  const book = workbook(by, at);
  tableSheet(book, '各机构汇总', [
    ...CLINIC_COLUMNS,
    { header: '检查次数（已签字）', key: 'inspections', width: 16 },
    { header: '受检人次', key: 'inspected', width: 10 },
    { header: '合格项', key: 'pass', width: 10 },
    { header: '不合格项', key: 'fail', width: 10 },
    { header: '合格率', key: 'rate', width: 10, numFmt: PERCENT_FORMAT },
    { header: '处罚（件）', key: 'penalties', width: 10 },
    { header: '处罚金额（元）', key: 'amount', width: 12 },
    { header: '屡犯人数', key: 'repeat', width: 10 },
    { header: '服务之星', key: 'star', width: 12 },
  ], r.clinics.map(({ code, name, summary: s }) => {
    const pass = s.departments.reduce((a, d) => a + d.pass, 0);
    const fail = s.departments.reduce((a, d) => a + d.fail, 0);
    return { code, name, inspections: s.inspections.total, inspected: s.departments.reduce((a, d) => a + d.inspected, 0), pass, fail, rate: pass + fail ? pass / (pass + fail) : null, penalties: s.penalties.count, amount: s.penalties.total, repeat: s.repeatOffenders.length, star: s.star?.name ?? '' };
  }));
  tableSheet(book, '各条目合格率', [
    { header: '机构', key: 'clinic', width: 8 },
    { header: '条目', key: 'label', width: 50 },
    { header: '合格', key: 'pass', width: 8 },
    { header: '不合格', key: 'fail', width: 8 },
    { header: '合格率', key: 'rate', width: 10, numFmt: PERCENT_FORMAT },
  ], r.clinics.flatMap((c) => c.summary.items.map((i) => ({ clinic: c.code, label: i.label, pass: i.pass, fail: i.fail, rate: rateCell(i.rate) }))));
  return bytesOf(book);
}

/** How far back a case closed this week may have been received. */
const CLOSING_LOOKBACK_DAYS = 180;

/**
 * The week's (Saturday to Friday) service figures of every clinic: visits and tea from the day
 * summaries; complaints received, and those closed with the patient's satisfaction, from the cases.
 */
export async function weekly(db: Db, date: string, reader: StaffDoc, now: Date): Promise<WeeklyReport> {
  const { from, to } = fridayWeek(date);
  await catchUp(db);
  const [clinics, rows] = await Promise.all([listClinics(db), summaryRows(db, from, to)]);
  const names = new Map(clinics.map((c) => [c.code, c.name]));
  const lookback = new Date(Date.parse(`${to}T00:00:00Z`) - CLOSING_LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
  const cases = await complaintFacts(db, clinics, { from: lookback, to, clinic: null, grain: 'month' }, reader, now);
  const row = (code: string | null, name: string): WeeklyReport['totals'] => {
    const period: Period = { from, to, clinic: code, grain: 'day' };
    const v = visitFigures(period, rows, names);
    const tea = teaFigures(period, rows, names);
    const complaints = cases.filter((c) => c.date >= from && c.date <= to && (code === null || c.clinic === code)).length;
    return { code: code ?? '合计', name, visits: v.total, first: v.firstTotal, averageWaitMinutes: v.averageWaitMinutes, teaServed: tea.served, refills: tea.refills, teaExceptions: tea.exceptions.reduce((a, e) => a + e.count, 0), averageFirstCupMinutes: tea.averageFirstCupMinutes, complaints, ...closedBetween(cases, from, to, code) };
  };
  return { from, to, clinics: clinics.map((c) => row(c.code, c.name)), totals: row(null, '') };
}

export async function weeklyWorkbook(r: WeeklyReport, by: string, at: Date): Promise<Uint8Array> {
  const book = workbook(by, at);
  const ws = tableSheet(book, `周报 ${r.from}至${r.to}`, [
    ...CLINIC_COLUMNS,
    { header: '到诊', key: 'visits', width: 8 },
    { header: '初诊', key: 'first', width: 8 },
    { header: '平均候诊（分钟）', key: 'averageWaitMinutes', width: 14 },
    { header: '奉茶', key: 'teaServed', width: 8 },
    { header: '续水', key: 'refills', width: 8 },
    { header: '奉茶规范不符', key: 'teaExceptions', width: 12 },
    { header: '入座到首杯（分钟）', key: 'averageFirstCupMinutes', width: 16 },
    { header: '新投诉', key: 'complaints', width: 8 },
    { header: '投诉结案', key: 'complaintsClosed', width: 10 },
    { header: '结案满意（满意+非常满意）', key: 'satisfied', width: 22 },
    { header: '结案满意率', key: 'satisfactionRate', width: 12, numFmt: PERCENT_FORMAT },
  ], [...r.clinics, r.totals].map((c) => ({ ...c, satisfactionRate: rateCell(c.satisfactionRate) })));
  ws.lastRow!.font = { bold: true };
  return bytesOf(book);
}
