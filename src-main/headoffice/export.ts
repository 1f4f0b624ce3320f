import ExcelJS from 'exceljs';
import type { Period, VisitFigures } from '../../shared/headoffice/schemas';
import { clinicTime, clinicDate } from '../../shared/time';

const GRAIN = { day: '日', week: '周', month: '月' } as const;

function header(sheet: ExcelJS.Worksheet, columns: { header: string; key: string; width: number }[]) {
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The visit figures of a period as an .xlsx workbook with Chinese headers, one sheet per view. */
export async function visitsWorkbook(period: Period, f: VisitFigures, by: string, at: Date): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = by;
  book.created = at;

  const summary = book.addWorksheet('到诊汇总');
  header(summary, [
    { header: `期间(按${GRAIN[period.grain]})`, key: 'period', width: 14 },
    { header: '初诊', key: 'first', width: 10 },
    { header: '复诊', key: 'returning', width: 10 },
    { header: '合计', key: 'total', width: 10 },
  ]);
  f.periods.forEach((p, i) => summary.addRow({ period: p, first: f.first[i], returning: f.returning[i], total: f.first[i]! + f.returning[i]! }));
  summary.addRow({ period: '合计', first: f.firstTotal, returning: f.total - f.firstTotal, total: f.total }).font = { bold: true };

  const clinics = book.addWorksheet('按机构');
  header(clinics, [
    { header: '机构', key: 'key', width: 8 },
    { header: '名称', key: 'name', width: 20 },
    { header: '初诊', key: 'first', width: 10 },
    { header: '复诊', key: 'returning', width: 10 },
    { header: '合计', key: 'total', width: 10 },
  ]);
  for (const c of f.byClinic) clinics.addRow({ ...c, total: c.first + c.returning });

  const departments = book.addWorksheet('按科室');
  header(departments, [
    { header: '科室', key: 'key', width: 16 },
    { header: '到诊', key: 'count', width: 10 },
  ]);
  for (const d of f.byDepartment) departments.addRow(d);

  const sources = book.addWorksheet('新客来源');
  header(sources, [
    { header: '媒体来源', key: 'key', width: 16 },
    { header: '新客', key: 'count', width: 10 },
  ]);
  for (const s of f.bySource) sources.addRow(s);

  const about = book.addWorksheet('说明');
  about.addRows([
    ['范围', period.clinic ?? '全部机构'],
    ['期间', `${period.from} 至 ${period.to}`],
    ['导出人', by],
    ['导出时间', `${clinicDate(at)} ${clinicTime(at)}`],
  ]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
