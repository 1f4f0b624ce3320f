import ExcelJS from 'exceljs';
import type { RefusalParams } from '../../shared/errors';
import { enquiriesRefusals, type EnquiriesRule } from '../../shared/enquiries/refusals';
import { MAX_CELL_CHARS, MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from '../../shared/enquiries/importSheet';

/**
 * Decoding a booking sheet (issue 14 import) into rows of text cells. Refusals name `data`.
 * - .csv: a UTF-8 BOM says UTF-8; else valid UTF-8 is read as UTF-8, and anything that is not
 *   valid UTF-8 as GBK (the encoding Excel on a Chinese Windows writes), through Node's full ICU
 *   `TextDecoder('gbk')`; bytes GBK cannot decode either refuse the file.
 * - .xlsx: the first worksheet, read by exceljs after a look at the zip's own directory: more than
 *   MAX_UNZIPPED bytes uncompressed (a zip bomb) is refused before anything is inflated.
 */
export type Encoding = 'utf-8' | 'utf-8-bom' | 'gbk' | 'xlsx';

const MAX_UNZIPPED = 20 * 1024 * 1024;

/** A file-level refusal: always the field `data`, keyed by its rule (shared/enquiries/refusals.ts). */
function refuse(rule: EnquiriesRule, params: RefusalParams, message: string): never {
  throw enquiriesRefusals.refuse('invalid_input', 'data', rule, params, `data: ${message}`);
}

export function decodeCsvText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
    } catch {
      refuse('fileBadBom', {}, 'marked UTF-8 (BOM) but not valid UTF-8');
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gbk', { fatal: true }).decode(bytes), encoding: 'gbk' };
    } catch {
      refuse('fileNotText', {}, 'neither UTF-8 nor GBK text');
    }
  }
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF), with the row and column caps. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
      if (row.length > MAX_IMPORT_COLUMNS) refuse('fileTooManyColumns', { max: MAX_IMPORT_COLUMNS }, `row ${rows.length + 1} has more than ${MAX_IMPORT_COLUMNS} columns`);
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      if (rows.length > MAX_IMPORT_ROWS + 1) refuse('fileTooManyRows', { max: MAX_IMPORT_ROWS }, `more than ${MAX_IMPORT_ROWS} rows; split the sheet`);
    } else cell += ch;
    if (cell.length > MAX_CELL_CHARS * 4) refuse('fileCellTooLong', { row: rows.length + 1, max: MAX_CELL_CHARS * 4 }, `row ${rows.length + 1} has a cell of more than ${MAX_CELL_CHARS * 4} characters`);
  }
  if (quoted) refuse('fileOpenQuote', { row: rows.length + 1 }, `row ${rows.length + 1}: a quote is never closed`);
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The uncompressed total the zip's central directory declares, or null when it is not a zip. */
function declaredUnzipped(buf: Buffer): number | null {
  const min = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    total += buf.readUInt32LE(p + 24);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return total;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result instanceof Date ? v.result.toISOString().slice(0, 10) : v.result);
    return '';
  }
  return String(v);
}

export async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const declared = declaredUnzipped(bytes);
  if (declared === null) refuse('fileNotXlsx', {}, 'not an .xlsx file');
  if (declared > MAX_UNZIPPED) refuse('fileTooBig', { max: MAX_UNZIPPED }, `the .xlsx unpacks to ${declared} bytes (at most ${MAX_UNZIPPED})`);
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    refuse('fileNotXlsx', {}, 'not a readable .xlsx file');
  }
  const ws = book.worksheets[0];
  if (!ws) refuse('fileNoSheet', {}, 'the workbook has no sheet');
  if (ws.rowCount > MAX_IMPORT_ROWS + 1) refuse('fileTooManyRows', { max: MAX_IMPORT_ROWS }, `more than ${MAX_IMPORT_ROWS} rows; split the sheet`);
  if (ws.columnCount > MAX_IMPORT_COLUMNS) refuse('fileTooManyColumns', { max: MAX_IMPORT_COLUMNS }, `more than ${MAX_IMPORT_COLUMNS} columns`);
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}

export async function readSheet(format: 'xlsx' | 'csv', base64: string): Promise<{ rows: string[][]; encoding: Encoding }> {
  const bytes = Buffer.from(base64, 'base64');
  if (!bytes.length) refuse('fileEmpty', {}, 'empty file');
  if (format === 'xlsx') return { rows: await readXlsx(bytes), encoding: 'xlsx' };
  const { text, encoding } = decodeCsvText(new Uint8Array(bytes));
  return { rows: parseCsv(text), encoding };
}
