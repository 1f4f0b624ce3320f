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
