import ExcelJS from 'exceljs';

/** Opens an exported .xlsx (base64, as the contract's export operations carry it). */
export async function openXlsx(base64: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return book;
}

/** Codes of the app that must never reach a sheet (the staff read 网络, 非质量投诉, 预约难 …). */
const CODE = /^[a-z]+(?:[A-Z][a-z]+)*$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Latin words allowed on a sheet: clinic codes and complaint numbers (capitals and digits), PIN, CRM, a desk's id (desk-…, the name IT finds the computer by). */
const ENGLISH_WORD = /[A-Za-z]*[a-z][A-Za-z]*/;

/**
 * What is wrong with the cells of every sheet, as `sheet!A1: why` lines: a time or date column
 * (header with 时间 or 日期) holds dates, a rate column (header with 率) holds numbers formatted as
 * percent, no cell holds an ISO time string, an app code or an English word.
 */
export function sheetProblems(book: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const ws of book.worksheets) {
    const headers = new Map<number, string>();
    ws.getRow(1).eachCell((cell, col) => headers.set(col, String(cell.value ?? '')));
    ws.eachRow((row, r) => {
      row.eachCell((cell, col) => {
        const at = `${ws.name}!${cell.address}`;
        const v = cell.value;
        const header = r > 1 ? (headers.get(col) ?? '') : '';
        if (typeof v === 'string') {
          if (ISO.test(v)) out.push(`${at}: ISO time string ${v}`);
          if (CODE.test(v) && v.length > 1) out.push(`${at}: code ${v}`);
          else if (ENGLISH_WORD.test(v.replace(/\bPIN\b|\bCRM\b|\bPDF\b|\bmp4\b|\bjpg\b|\bpng\b|^desk-[0-9a-z]+$/g, ''))) out.push(`${at}: English word in ${JSON.stringify(v)}`);
        }
        if (r > 1 && /时间|日期/.test(header) && v !== null && v !== '' && !(v instanceof Date)) out.push(`${at}: ${header} is ${typeof v}, not a date`);
        if (r > 1 && /率/.test(header) && v !== null && v !== '') {
          if (typeof v !== 'number') out.push(`${at}: ${header} is ${typeof v}, not a number`);
          else if (!String(cell.numFmt ?? '').includes('%')) out.push(`${at}: ${header} is not percent-formatted`);
        }
        if (v instanceof Date && !/y/.test(String(cell.numFmt ?? ''))) out.push(`${at}: a date without a date format`);
      });
    });
  }
  return out;
}
