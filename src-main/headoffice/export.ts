import { bytesOf, CLINIC_COLUMNS, sheet, workbook } from './xlsx';
import type { Period, TeaFigures, VisitFigures } from '../../shared/headoffice/schemas';
import { clinicTime, clinicDate } from '../../shared/time';

const GRAIN = { day: '日', week: '周', month: '月' } as const;
const OUTCOME = { noPurchase: '到诊未消费', nonSurgical: '非手术消费', surgical: '手术消费' } as const;

/** The visit figures of a period as an .xlsx workbook with Chinese headers, one sheet per view. */
export async function visitsWorkbook(period: Period, f: VisitFigures, tea: TeaFigures, by: string, at: Date): Promise<Uint8Array> {
  const book = workbook(by, at);

  const summary = sheet(book, '到诊汇总', [
    { header: `期间(按${GRAIN[period.grain]})`, key: 'period', width: 14 },
    { header: '初诊', key: 'first', width: 10 },
    { header: '复诊', key: 'returning', width: 10 },
    { header: '合计', key: 'total', width: 10 },
  ]);
  f.periods.forEach((p, i) => summary.addRow({ period: p, first: f.first[i], returning: f.returning[i], total: f.first[i]! + f.returning[i]! }));
  summary.addRow({ period: '合计', first: f.firstTotal, returning: f.total - f.firstTotal, total: f.total }).font = { bold: true };

  const clinics = sheet(book, '按机构', [
    { ...CLINIC_COLUMNS[0]!, key: 'key' },
    CLINIC_COLUMNS[1]!,
    { header: '初诊', key: 'first', width: 10 },
    { header: '复诊', key: 'returning', width: 10 },
    { header: '合计', key: 'total', width: 10 },
  ]);
  for (const c of f.byClinic) clinics.addRow({ ...c, total: c.first + c.returning });

  const departments = sheet(book, '按科室', [
    { header: '科室', key: 'key', width: 16 },
    { header: '到诊', key: 'count', width: 10 },
  ]);
  for (const d of f.byDepartment) departments.addRow(d);

  const sources = sheet(book, '新客来源', [
    { header: '媒体来源', key: 'key', width: 16 },
    { header: '新客', key: 'count', width: 10 },
  ]);
  for (const s of f.bySource) sources.addRow(s);

  const outcomes = sheet(book, '到诊结果', [
    { header: '结果', key: 'label', width: 16 },
    { header: '人次', key: 'count', width: 10 },
  ]);
  for (const o of f.byOutcome) outcomes.addRow({ label: OUTCOME[o.key as keyof typeof OUTCOME] ?? o.key, count: o.count });
  outcomes.addRow({ label: '平均候诊(分钟)', count: f.averageWaitMinutes ?? '—' });

  const teaSheet = sheet(book, '奉茶', [
    { ...CLINIC_COLUMNS[0]!, key: 'key' },
    CLINIC_COLUMNS[1]!,
    { header: '奉茶', key: 'served', width: 10 },
    { header: '续水', key: 'refills', width: 10 },
    { header: '规范不符', key: 'exceptions', width: 10 },
  ]);
  for (const c of tea.byClinic) teaSheet.addRow(c);
  teaSheet.addRow({ key: '合计', served: tea.served, refills: tea.refills, exceptions: tea.exceptions.reduce((a, e) => a + e.count, 0) }).font = { bold: true };
  teaSheet.addRow({ key: '婉拒', served: tea.declined });
  teaSheet.addRow({ key: '入座到首杯(分钟)', served: tea.averageFirstCupMinutes ?? '—' });
  const teaItems = sheet(book, '奉茶规范不符', [
    { header: '规范条目', key: 'key', width: 60 },
    { header: '次数', key: 'count', width: 10 },
  ]);
  for (const e of tea.exceptions) teaItems.addRow(e);

  const about = book.addWorksheet('说明');
  about.addRows([
    ['范围', period.clinic ?? '全部机构'],
    ['期间', `${period.from} 至 ${period.to}`],
    ['导出人', by],
    ['导出时间', `${clinicDate(at)} ${clinicTime(at)}`],
  ]);
  return bytesOf(book);
}
