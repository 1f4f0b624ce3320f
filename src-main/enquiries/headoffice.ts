import type ExcelJS from 'exceljs';
import { hoFiguresOfSums, inFigure, type HoEnquiryFigures, type HoFact, type HoFunnelLine } from '../../shared/enquiries/headoffice';
import type { enquiriesContract } from '../../shared/enquiries/contract';
import { channelNamesZh } from '../../shared/enquiries/names';
import type { Channel, EnquiryDoc } from '../../shared/enquiries/schemas';
import { MAX_RECORDS, type Period } from '../../shared/headoffice/schemas';
import { clinicDate, utcDay } from '../../shared/time';
import type { Handlers } from '../api/types';
import { bytesOf, clinicExcelDate, DATE_TIME_FORMAT, figureSheet, PERCENT_FORMAT, tableSheet, workbook, xlsx, type TableColumn } from '../headoffice/xlsx';
import { listClinics } from '../headoffice/repo';
import { listStaff } from '../reference/repo';
import type { Db } from '../store/pouch';
import { keptDaySums, keptFunnelFacts } from './funnel';

type Ops = 'headoffice.enquiries' | 'headoffice.enquiryRecords' | 'headoffice.enquiriesXlsx';

/**
 * Head office's 咨询 section (issue 14): the funnel of every clinic it has pulled, from the same
 * kept day sums as a clinic's `enquiry.funnel` (src-main/enquiries/funnel.ts, per clinic), so a
 * year of ten clinics is a sum of their days after the first look. A figure's records (the
 * enquiries behind it) come from the kept months of per-enquiry facts (`keptFunnelFacts`).
 */
async function figures(db: Db, period: Period, now: Date) {
  const clinics = (await listClinics(db)).filter((c) => period.clinic === null || c.code === period.clinic);
  const today = clinicDate(now);
  const per = await Promise.all(clinics.map(async (c) => ({ clinic: c, sums: await keptDaySums(db, c.code, period.from, period.to, today), staff: await listStaff(db, c.code) })));
  const names = new Map<string, string>();
  const clinicOf = new Map<string, string>();
  for (const p of per) {
    names.set(p.clinic.code, p.clinic.name);
    for (const s of p.staff) {
      names.set(s._id, s.name);
      clinicOf.set(s._id, p.clinic.code);
    }
  }
  return { figures: hoFiguresOfSums(per.flatMap((p) => p.sums), period.grain, names, clinicOf), names };
}

async function facts(db: Db, period: Period, now: Date) {
  const clinics = (await listClinics(db)).filter((c) => period.clinic === null || c.code === period.clinic);
  const today = clinicDate(now);
  const per = await Promise.all(clinics.map(async (c) => ({ clinic: c, facts: await keptFunnelFacts(db, c.code, period.from, period.to, today), staff: await listStaff(db, c.code) })));
  const names = new Map<string, string>();
  const clinicOf = new Map<string, string>();
  const list: HoFact[] = [];
  const arrived = new Set<string>();
  for (const p of per) {
    names.set(p.clinic.code, p.clinic.name);
    for (const s of p.staff) {
      names.set(s._id, s.name);
      clinicOf.set(s._id, p.clinic.code);
    }
    for (const e of p.facts.enquiries) list.push({ _id: e._id, clinic: e.clinic, day: e.day, consultantId: e.consultantId, channel: e.channel, answeredAt: e.answeredAt, appointmentId: e.appointmentId });
    for (const a of p.facts.arrived) arrived.add(a);
  }
  return { list, arrived, names, clinicOf };
}

const GRAIN = { day: '日', week: '周', month: '月' } as const;

/** A period's label as an Excel date: the day, the week's Monday, the month's first day. */
function periodCell(label: string, grain: Period['grain']): Date {
  if (grain === 'day') return utcDay(label);
  if (grain === 'month') return utcDay(`${label}-01`);
  const [year, week] = label.split('-W').map(Number) as [number, number];
  // ISO week 1 holds 4 January; its Monday, then (week − 1) weeks on.
  const jan4 = utcDay(`${year}-01-04`);
  const monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday + (week - 1) * 7 * 86_400_000);
}

const FIGURE_COLUMNS: TableColumn[] = [
  { header: '咨询量', key: 'enquiries', width: 10 },
  { header: '已解答', key: 'answered', width: 10 },
  { header: '预约量', key: 'appointments', width: 10 },
  { header: '到诊量', key: 'arrivals', width: 10 },
  { header: '预约率（预约量/咨询量）', key: 'bookingRate', width: 22, numFmt: PERCENT_FORMAT },
  { header: '成功率（到诊量/咨询量）', key: 'arrivalRate', width: 22, numFmt: PERCENT_FORMAT },
];

/** A line's figures, after its own first cells (its period, clinic, channel or consultant). */
const lineCells = (first: Record<string, unknown>, l: HoFunnelLine) => ({ ...first, enquiries: l.enquiries, answered: l.answered, appointments: l.appointments, arrivals: l.arrivals, bookingRate: l.bookingRate, arrivalRate: l.arrivalRate });

/** A table of funnel lines and its bold 合计 line. */
function funnelSheet(book: ExcelJS.Workbook, name: string, first: TableColumn[], lines: readonly Record<string, unknown>[], total: Record<string, unknown>, f: HoEnquiryFigures) {
  const ws = tableSheet(book, name, [...first, ...FIGURE_COLUMNS], lines);
  ws.addRow(lineCells(total, f.total)).font = { bold: true };
  return ws;
}

/** The section as an .xlsx: per period (dates), clinic, channel and consultant, all in Chinese; rates are percent cells. */
export async function enquiriesWorkbook(period: Period, f: HoEnquiryFigures, names: ReadonlyMap<string, string>, by: string, at: Date): Promise<Uint8Array> {
  const book = workbook(by, at);
  const periodFormat = period.grain === 'month' ? 'yyyy-mm' : 'yyyy-mm-dd';
  funnelSheet(book, '按期间', [{ header: grainHeader(period.grain), key: 'period', width: 14, numFmt: periodFormat }], f.periods.map((l) => lineCells({ period: periodCell(l.key, period.grain) }, l)), { period: '合计' }, f);
  funnelSheet(book, '按机构', [{ header: '机构', key: 'code', width: 8 }, { header: '名称', key: 'name', width: 20 }], f.byClinic.map((l) => lineCells({ code: l.key, name: l.label }, l)), { code: '合计' }, f);
  funnelSheet(book, '按渠道', [{ header: '咨询渠道', key: 'channel', width: 14 }], f.byChannel.map((l) => lineCells({ channel: channelNamesZh[l.key as Channel] ?? l.key }, l)), { channel: '合计' }, f);
  funnelSheet(book, '按咨询员', [{ header: '机构', key: 'clinic', width: 14 }, { header: '咨询员', key: 'name', width: 14 }], f.byConsultant.map((l) => lineCells({ clinic: names.get(l.clinic ?? '') ?? l.clinic, name: l.label }, l)), { clinic: '合计' }, f);

  figureSheet(book, '说明', [
    ['统计期间', `${period.from} 至 ${period.to}（按${GRAIN[period.grain]}）`],
    ['机构', period.clinic ? (names.get(period.clinic) ?? period.clinic) : '全部机构'],
    ['导出时间', clinicExcelDate(at), DATE_TIME_FORMAT],
    ['导出人', by],
    ['口径', '咨询量为期间内登记的咨询；预约量为由咨询预约的；到诊量为其预约已到诊的（以登记关联计，不按姓名）；成功率 = 到诊量 / 咨询量。'],
  ], { label: '项目', value: '内容', widths: [16, 60] });
  return bytesOf(book);
}

function grainHeader(grain: Period['grain']): string {
  return grain === 'week' ? '周（周一）' : grain === 'month' ? '月份' : '日';
}

export const headOfficeEnquiriesHandlers: Pick<Handlers, Extract<keyof typeof enquiriesContract, Ops>> = {
  async 'headoffice.enquiries'(ctx, period) {
    return (await figures(ctx.db, period, ctx.now())).figures;
  },

  async 'headoffice.enquiryRecords'(ctx, { period, filter }) {
    const { list, arrived, names } = await facts(ctx.db, period, ctx.now());
    const ids = list.filter((e) => inFigure(e, arrived, filter, period.grain)).sort((a, b) => b._id.split(':')[2]!.localeCompare(a._id.split(':')[2]!) || a.clinic.localeCompare(b.clinic)).slice(0, MAX_RECORDS).map((e) => e._id);
    if (!ids.length) return [];
    const res = await ctx.db.allDocs<EnquiryDoc>({ keys: ids, include_docs: true });
    const docs = res.rows.flatMap((r) => ('doc' in r && r.doc?.type === 'enquiry' ? [r.doc] : []));
    return docs
      .map((e) => ({ id: e._id, clinic: e.clinic, at: e.at, channel: e.channel, consultantName: names.get(e.consultantId) ?? e.consultantId, name: e.name, items: e.items, outcome: e.outcome.kind, booked: e.appointmentId !== null, arrived: e.appointmentId !== null && arrived.has(e.appointmentId) }))
      .sort((a, b) => b.at.localeCompare(a.at));
  },

  async 'headoffice.enquiriesXlsx'(ctx, period) {
    const { figures: f, names } = await figures(ctx.db, period, ctx.now());
    const scope = period.clinic ?? '各机构';
    return xlsx(`咨询统计_${scope}_${period.from}_${period.to}.xlsx`, await enquiriesWorkbook(period, f, names, ctx.operator.name, ctx.now()));
  },
};
