import { z } from 'zod';
import { channels } from './schemas';

/**
 * Import of the online booking sheets that websites and 商务通 export (网络预约和挂号就诊统计表,
 * seed 002; issue 14): the rows, once decoded (src-main/enquiries/importFile.ts), are checked here
 * one by one. A refused row names its row number (as the spreadsheet numbers it: the header is
 * row 1), the column and the reason; only the good rows are written, and only when the user
 * confirms. Pure: no I/O.
 */

/** The fields a sheet's columns map to. `name` and `phone` are required; the rest may be absent. */
export const importFields = ['name', 'phone', 'item', 'question', 'wantedDate', 'note'] as const;
export type ImportField = (typeof importFields)[number];

/** Header words the sheets use, per field (a mapping the user does not give is guessed from these). */
export const headerWords: Record<ImportField, readonly string[]> = {
  name: ['姓名', '客户姓名', '患者姓名', '名字', 'name'],
  phone: ['电话', '手机', '手机号', '联系电话', '电话号码', 'phone', 'mobile'],
  item: ['项目', '预约项目', '就诊意向', '咨询项目', 'item', 'service'],
  question: ['咨询内容', '留言', '问题', '备注内容', 'question', 'message'],
  wantedDate: ['预约日期', '预约时间', '到诊日期', 'date'],
  note: ['备注', 'note'],
};

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_COLUMNS = 50;
export const MAX_CELL_CHARS = 500;
/** The file as the contract carries it: base64 of at most 3 MB, which holds a 5,000-row sheet of long rows. */
export const MAX_IMPORT_FILE_BASE64 = 4_000_000;
/** The import operations' own input limit (shared/op.ts `maxInputBytes`): the file and the mapping, over the 256 KiB others have. */
export const IMPORT_INPUT_BYTES = MAX_IMPORT_FILE_BASE64 + 64 * 1024;

export const columnMapping = z.strictObject(Object.fromEntries(importFields.map((f) => [f, z.number().int().min(0).max(MAX_IMPORT_COLUMNS - 1).nullable().optional()])) as Record<ImportField, z.ZodOptional<z.ZodNullable<z.ZodNumber>>>);
export type ColumnMapping = Partial<Record<ImportField, number | null | undefined>>;

export const importInput = z.strictObject({
  fileName: z.string().trim().min(1, { error: 'required' }).max(120),
  format: z.enum(['xlsx', 'csv']),
  data: z
    .string()
    .min(4, { error: 'empty file' })
    .max(MAX_IMPORT_FILE_BASE64, { error: 'file too large (at most 3 MB; split the sheet)' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'not base64' }),
  /** Which column (0-based) holds which field; omitted fields are found by their header words. */
  mapping: columnMapping.default({}),
  channel: z.enum(channels),
});
export type ImportInput = z.input<typeof importInput>;

export const importCommitInput = importInput.extend({
  /** The preview's count of good rows, as the user saw it: the sheet must still give exactly these. */
  expectRows: z.number().int().min(0).max(MAX_IMPORT_ROWS),
});

/** Why a row (or the mapping) is refused; the desk shows the text of its i18n table for it, `value` filled in. */
export const importReasons = ['required', 'tooLong', 'nameTooLong', 'control', 'notPhone', 'notDate', 'duplicate', 'noColumn', 'outside'] as const;
export type ImportReason = (typeof importReasons)[number];

/** `reason` is English, for logs and tests; `rule` and `value` are for the desk's text (the cell, the earlier row, the limit). */
export const importProblem = z.strictObject({ row: z.number(), column: z.string(), field: z.string(), reason: z.string(), rule: z.enum(importReasons), value: z.string() });
export type ImportProblem = z.infer<typeof importProblem>;

export const importRowView = z.strictObject({
  row: z.number(),
  name: z.string(),
  phone: z.string(),
  item: z.string(),
  question: z.string(),
  wantedDate: z.string().nullable(),
  note: z.string(),
  /** `ok`: will be written; `refused`: see problems; a phone on file links to that customer (no second record). */
  status: z.enum(['ok', 'refused']),
  existingCustomerId: z.string().nullable(),
  /** An earlier row of the same sheet with this phone (the row is refused as a duplicate). */
  duplicateOfRow: z.number().nullable(),
});
export type ImportRowView = z.infer<typeof importRowView>;

export const importPreview = z.strictObject({
  encoding: z.enum(['utf-8', 'utf-8-bom', 'gbk', 'xlsx']),
  header: z.array(z.string()),
  mapping: z.record(z.string(), z.number().nullable()),
  rows: z.array(importRowView),
  problems: z.array(importProblem),
  good: z.number(),
  refused: z.number(),
  onFile: z.number(),
  /** Set by the commit: the enquiries written. */
  written: z.number(),
});
export type ImportPreview = z.infer<typeof importPreview>;

/** The mapping to use: the user's, else the first header cell that carries one of the field's words. */
export function resolveMapping(header: readonly string[], given: ColumnMapping): Record<ImportField, number | null> {
  const norm = header.map((h) => h.trim().toLowerCase());
  const out = {} as Record<ImportField, number | null>;
  for (const f of importFields) {
    const g = given[f];
    if (g !== undefined && g !== null) out[f] = g;
    else if (g === null) out[f] = null;
    else {
      const i = norm.findIndex((h) => headerWords[f].some((w) => h === w.toLowerCase()));
      out[f] = i >= 0 ? i : null;
    }
  }
  return out;
}

const PHONE = /^\+?[\d\s-]{7,20}$/;

/** A cell as a date (YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, optionally with a time), or null when it is not one. */
export function cellDate(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/** Control characters other than tab and newlines: a cell that carries them is refused (not a sheet's text). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Checks every data row (rows[0] is the header). `onFile` answers the phones already on file.
 * Returns the rows with their status and every problem, row and column named.
 */
export function checkRows(rows: readonly (readonly string[])[], given: ColumnMapping, onFile: ReadonlyMap<string, string>): Omit<ImportPreview, 'encoding' | 'written'> {
  const header = (rows[0] ?? []).map((h) => String(h));
  const mapping = resolveMapping(header, given);
  const problems: ImportProblem[] = [];
  const colName = (f: ImportField) => (mapping[f] === null ? f : (header[mapping[f]!] ?? `#${mapping[f]! + 1}`));
  for (const f of ['name', 'phone'] as const) if (mapping[f] === null) problems.push({ row: 1, column: f, field: `mapping.${f}`, reason: `no column for ${f === 'name' ? '姓名' : '电话'}: map one`, rule: 'noColumn', value: f === 'name' ? '姓名' : '电话' });
  for (const f of importFields) if (mapping[f] !== null && mapping[f]! >= Math.max(header.length, 1)) problems.push({ row: 1, column: `#${mapping[f]! + 1}`, field: `mapping.${f}`, reason: `the sheet has ${header.length} columns`, rule: 'outside', value: String(header.length) });
  if (problems.length) return { header, mapping, rows: [], problems, good: 0, refused: 0, onFile: 0 };

  const seen = new Map<string, number>();
  const out: ImportRowView[] = [];
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r]!;
    if (cells.every((c) => String(c).trim() === '')) continue; // blank line
    const rowNo = r + 1;
    const own: ImportProblem[] = [];
    const cell = (f: ImportField) => (mapping[f] === null ? '' : String(cells[mapping[f]!] ?? '').trim());
    const v = Object.fromEntries(importFields.map((f) => [f, cell(f)])) as Record<ImportField, string>;
    for (const f of importFields) {
      if (v[f].length > MAX_CELL_CHARS) own.push({ row: rowNo, column: colName(f), field: f, reason: `longer than ${MAX_CELL_CHARS} characters`, rule: 'tooLong', value: String(MAX_CELL_CHARS) });
      else if (CONTROL.test(v[f])) own.push({ row: rowNo, column: colName(f), field: f, reason: 'control characters', rule: 'control', value: '' });
    }
    if (!v.name) own.push({ row: rowNo, column: colName('name'), field: 'name', reason: 'required', rule: 'required', value: '' });
    else if (v.name.length > 30) own.push({ row: rowNo, column: colName('name'), field: 'name', reason: 'at most 30 characters', rule: 'nameTooLong', value: '30' });
    let phone = '';
    if (!v.phone) own.push({ row: rowNo, column: colName('phone'), field: 'phone', reason: 'required', rule: 'required', value: '' });
    else if (!PHONE.test(v.phone) || v.phone.replace(/\D/g, '').length < 7 || v.phone.replace(/\D/g, '').length > 15) own.push({ row: rowNo, column: colName('phone'), field: 'phone', reason: `not a phone number: ${v.phone.slice(0, 30)}`, rule: 'notPhone', value: v.phone.slice(0, 30) });
    else phone = v.phone.replace(/\D/g, '');
    const wantedDate = v.wantedDate ? cellDate(v.wantedDate) : null;
    if (v.wantedDate && wantedDate === null) own.push({ row: rowNo, column: colName('wantedDate'), field: 'wantedDate', reason: `not a date: ${v.wantedDate.slice(0, 30)}`, rule: 'notDate', value: v.wantedDate.slice(0, 30) });
    let duplicateOfRow: number | null = null;
    if (phone && seen.has(phone)) {
      duplicateOfRow = seen.get(phone)!;
      own.push({ row: rowNo, column: colName('phone'), field: 'phone', reason: `the same phone as row ${duplicateOfRow}`, rule: 'duplicate', value: String(duplicateOfRow) });
    } else if (phone) seen.set(phone, rowNo);
    problems.push(...own);
    out.push({ row: rowNo, name: v.name.slice(0, 30), phone, item: v.item.slice(0, MAX_CELL_CHARS), question: v.question.slice(0, MAX_CELL_CHARS), wantedDate, note: v.note.slice(0, MAX_CELL_CHARS), status: own.length ? 'refused' : 'ok', existingCustomerId: phone ? (onFile.get(phone) ?? null) : null, duplicateOfRow });
  }
  const good = out.filter((r) => r.status === 'ok');
  return { header, mapping, rows: out, problems, good: good.length, refused: out.length - good.length, onFile: good.filter((r) => r.existingCustomerId !== null).length };
}
