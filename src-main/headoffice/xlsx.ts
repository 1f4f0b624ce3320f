import ExcelJS from 'exceljs';

/** A workbook stamped with who made it and when. */
export function workbook(by: string, at: Date): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = by;
  book.created = at;
  return book;
}

/** A sheet with bold Chinese headers and the header row frozen. */
export function sheet(book: ExcelJS.Workbook, name: string, columns: { header: string; key: string; width: number }[]): ExcelJS.Worksheet {
  const ws = book.addWorksheet(name);
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return ws;
}

/** A table's column: its header, the row key it shows, its width, and the number format of its cells (a date, a rate). */
export interface TableColumn {
  header: string;
  key: string;
  width: number;
  numFmt?: string;
}

/**
 * A table, one row per record (`sheet`: bold headers, header row frozen): the rows are added in
 * order, then each column's number format is set on its cells. More rows (a bold 合计) may follow.
 */
export function tableSheet(book: ExcelJS.Workbook, name: string, columns: readonly TableColumn[], rows: readonly object[] = []): ExcelJS.Worksheet {
  const ws = sheet(book, name, columns.map(({ header, key, width }) => ({ header, key, width })));
  for (const row of rows) ws.addRow(row);
  for (const c of columns) if (c.numFmt) ws.getColumn(c.key).numFmt = c.numFmt;
  return ws;
}

/** A line of figures: its label, its value, and the value's number format (a rate, a date) if any. */
export type FigureLine = readonly [label: string, value: string | number | Date | null, numFmt?: string];

/** A sheet of figures, label beside value under two headers (default 指标 / 数值, 28 and 16 wide). */
export function figureSheet(book: ExcelJS.Workbook, name: string, lines: readonly FigureLine[], head: { label: string; value: string; widths: readonly [number, number] } = { label: '指标', value: '数值', widths: [28, 16] }): ExcelJS.Worksheet {
  const ws = sheet(book, name, [
    { header: head.label, key: 'label', width: head.widths[0] },
    { header: head.value, key: 'value', width: head.widths[1] },
  ]);
  for (const [label, value, numFmt] of lines) {
    const row = ws.addRow({ label, value });
    if (numFmt) row.getCell('value').numFmt = numFmt;
  }
  return ws;
}

/** The first two columns of every sheet that has a row per clinic. */
export const CLINIC_COLUMNS = [
  { header: '机构', key: 'code', width: 8 },
  { header: '名称', key: 'name', width: 20 },
];

export async function bytesOf(book: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** An .xlsx as the contract's `exportFile` carries it (the renderer saves it under `filename`). */
export function xlsx(filename: string, bytes: Uint8Array) {
  return { filename, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: Buffer.from(bytes).toString('base64') };
}

/** Number formats: a date-time and a rate (the cell holds a fraction, 0.85 shows 85%). */
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';
export const PERCENT_FORMAT = '0%';
export const DATE_FORMAT = 'yyyy-mm-dd';

/** A clinic calendar day (`YYYY-MM-DD`) as the Excel date of that day. */
export function excelDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * An instant as the Excel date that shows the clinic's wall-clock time (Asia/Shanghai, UTC+8 all
 * year): Excel dates have no time zone, and exceljs writes a Date's UTC fields.
 */
export function clinicExcelDate(at: string | Date): Date {
  return new Date(new Date(at).getTime() + 8 * 3_600_000);
}

/** A rate (0-1) for a percent-formatted cell; no rate is an empty cell, not a dash. */
export const rateCell = (r: number | null): number | null => (r === null ? null : r);
