import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { enquiryDoc } from '../../shared/enquiries/schemas';
import { IMPORT_INPUT_BYTES } from '../../shared/enquiries/importSheet';
import { expectRefusals, startTestApp, storeMark, type TestApp } from '../support/app';
import { firstVisit, seedStaff, setUpClinic } from '../support/factories';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** GBK bytes of a text, built from Node's own GBK decoder (so the test needs no encoder library). */
function gbk(text: string): Buffer {
  const map = new Map<string, number[]>();
  const dec = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, [lead, trail]);
    }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...map.get(ch)!);
  }
  return Buffer.from(out);
}

const b64 = (b: Buffer | Uint8Array) => Buffer.from(b).toString('base64');

async function xlsxOf(rows: (string | number | Date)[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('网络预约');
  for (const r of rows) ws.addRow(r);
  return b64(new Uint8Array(await book.xlsx.writeBuffer()));
}

async function setUp() {
  t = await startTestApp();
  await setUpClinic(t);
  const online = await seedStaff(t, { role: 'onlineConsultant', name: '赵网咨', pin: '2468' });
  await t.signIn(online.id, '2468');
  return online;
}

describe('importing booking sheets (网络预约和挂号就诊统计表, seed 002)', () => {
  it('an .xlsx from 商务通: the preview names each bad row and column, a phone on file links to that customer, the commit writes the good rows only', async () => {
    await setUp();
    const known = await t!.api['desk.checkIn'](firstVisit({ name: '老客户', phone: '13811112222' }));
    const data = await xlsxOf([
      ['姓名', '手机', '预约项目', '留言', '预约日期'],
      ['周女士', '139 1234 0000', '双眼皮', '想了解恢复期', '2026-12-01'],
      ['', '13900000001', '隆鼻', '', ''], // row 3: no name
      ['吴女士', '12ab', '隆鼻', '', ''], // row 4: not a phone
      ['郑女士', '13912340000', '玻尿酸', '', ''], // row 5: same phone as row 2
      ['老客户', '13811112222', '复查', '', '2026-13-40'], // row 6: not a date
      ['老客户', '138-1111-2222', '复查', '', new Date('2026-12-03T00:00:00Z')], // row 7: the same phone as row 6, written another way
    ]);
    const input = { fileName: 'swt-1127.xlsx', format: 'xlsx' as const, data, channel: 'swt' as const };
    const before = await storeMark(t!.app.store.db);
    const p = await t!.api['enquiry.importPreview'](input);
    expect(await storeMark(t!.app.store.db)).toEqual(before);
    expect(p.encoding).toBe('xlsx');
    expect(p.mapping).toMatchObject({ name: 0, phone: 1, item: 2, question: 3, wantedDate: 4 });
    expect(p.problems).toEqual([
      { row: 3, column: '姓名', field: 'name', reason: 'required', rule: 'required', value: '' },
      { row: 4, column: '手机', field: 'phone', reason: 'not a phone number: 12ab', rule: 'notPhone', value: '12ab' },
      { row: 5, column: '手机', field: 'phone', reason: 'the same phone as row 2', rule: 'duplicate', value: '2' },
      { row: 6, column: '预约日期', field: 'wantedDate', reason: 'not a date: 2026-13-40', rule: 'notDate', value: '2026-13-40' },
      { row: 7, column: '手机', field: 'phone', reason: 'the same phone as row 6', rule: 'duplicate', value: '6' },
    ]);
    expect(p).toMatchObject({ good: 1, refused: 5, onFile: 0, written: 0 });
    expect(p.rows[0]).toMatchObject({ row: 2, name: '周女士', phone: '13912340000', wantedDate: '2026-12-01', status: 'ok', existingCustomerId: null });
    expect(p.rows.find((r) => r.row === 6)).toMatchObject({ existingCustomerId: known.customerId, status: 'refused' });

    // The commit checks the count the user confirmed.
    await expectRefusals(t!, 'enquiry.importCommit', [{ why: 'the sheet gives another count than the preview showed', input: { ...input, expectRows: 2 }, field: 'expectRows', code: 'conflict' }]);
    const customersBefore = (await t!.app.store.db.allDocs({ startkey: 'customer:', endkey: 'customer:\ufff0' })).rows.length;
    const done = await t!.api['enquiry.importCommit']({ ...input, expectRows: 1 });
    expect(done.written).toBe(1);
    const stored = (await t!.app.store.db.allDocs({ startkey: 'enquiry:BJ:', endkey: 'enquiry:BJ:\ufff0', include_docs: true })).rows.map((r) => enquiryDoc.parse(r.doc));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ channel: 'swt', name: '周女士', phone: '13912340000', items: ['双眼皮'], question: '想了解恢复期；希望到诊：2026-12-01', outcome: { kind: 'callBack' }, customerId: null, recordingRef: 'import:swt-1127.xlsx#2' });
    // No customer was created.
    expect((await t!.app.store.db.allDocs({ startkey: 'customer:', endkey: 'customer:\ufff0' })).rows.length).toBe(customersBefore);
  });

  it('a GBK .csv (Excel on a Chinese Windows), a UTF-8 one with a BOM; a phone on file links to the customer', async () => {
    await setUp();
    const known = await t!.api['desk.checkIn'](firstVisit({ name: '老客户', phone: '13811112222' }));
    const text = '姓名,电话,项目,备注\r\n张三,13900001111,"双眼皮,开眼角",周末来\r\n老客户,13811112222,复查,\r\n';
    const fromGbk = await t!.api['enquiry.importPreview']({ fileName: 'web.csv', format: 'csv', data: b64(gbk(text)), channel: 'website' });
    expect(fromGbk).toMatchObject({ encoding: 'gbk', good: 2, refused: 0, onFile: 1 });
    expect(fromGbk.rows).toMatchObject([
      { row: 2, name: '张三', item: '双眼皮,开眼角', note: '周末来', existingCustomerId: null },
      { row: 3, name: '老客户', existingCustomerId: known.customerId },
    ]);
    const bom = Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from(text, 'utf8')]);
    const fromBom = await t!.api['enquiry.importPreview']({ fileName: 'web.csv', format: 'csv', data: b64(bom), channel: 'website' });
    expect(fromBom).toMatchObject({ encoding: 'utf-8-bom', good: 2 });
    expect(fromBom.header).toEqual(['姓名', '电话', '项目', '备注']);
    const plain = await t!.api['enquiry.importPreview']({ fileName: 'web.csv', format: 'csv', data: b64(Buffer.from(text, 'utf8')), channel: 'website' });
    expect(plain.encoding).toBe('utf-8');
    // A column mapped by hand: the sheet's own header words do not matter then.
    const odd = await t!.api['enquiry.importPreview']({ fileName: 'odd.csv', format: 'csv', data: b64(Buffer.from('客人,号码\n孙女士,13700001111\n', 'utf8')), channel: 'website', mapping: { name: 0, phone: 1 } });
    expect(odd).toMatchObject({ good: 1, rows: [{ name: '孙女士', phone: '13700001111' }] });
    const done = await t!.api['enquiry.importCommit']({ fileName: 'web.csv', format: 'csv', data: b64(gbk(text)), channel: 'website', expectRows: 2 });
    expect(done.written).toBe(2);
    const stored = (await t!.app.store.db.allDocs({ startkey: 'enquiry:BJ:', endkey: 'enquiry:BJ:\ufff0', include_docs: true })).rows.map((r) => enquiryDoc.parse(r.doc));
    expect(stored.find((e) => e.name === '老客户')).toMatchObject({ customerId: known.customerId });
  });

  it('a 5,000-row sheet over the 256 KiB every other operation has: previewed and written whole; past its own limit refused too_large', async () => {
    await setUp();
    const lines = Array.from({ length: 5000 }, (_, i) => `客户${i},139${String(i).padStart(8, '0')},双眼皮,想了解恢复期和价格，周末能否到院面诊`);
    const data = b64(Buffer.from(['姓名,电话,项目,留言', ...lines].join('\n'), 'utf8'));
    expect(data.length).toBeGreaterThan(512 * 1024);
    const input = { fileName: 'big.csv', format: 'csv' as const, data, channel: 'website' as const };
    const p = await t!.api['enquiry.importPreview'](input);
    expect(p).toMatchObject({ good: 5000, refused: 0 });
    expect((await t!.api['enquiry.importCommit']({ ...input, expectRows: 5000 })).written).toBe(5000);
    expect((await t!.app.store.db.allDocs({ startkey: 'enquiry:BJ:', endkey: 'enquiry:BJ:\ufff0' })).rows.length).toBe(5000);
    // The larger limit is the import's alone; and it has one.
    await expectRefusals(t!, 'enquiry.list', [{ why: 'another operation at this size', input: { from: '2026-12-01', pad: data }, field: '', code: 'too_large' }]);
    await expectRefusals(t!, 'enquiry.importPreview', [{ why: 'over the import limit', input: { ...input, data: 'A'.repeat(IMPORT_INPUT_BYTES) }, field: '', code: 'too_large' }]);
  });

  it('refuses malicious and malformed files whole, naming the field, writing nothing', async () => {
    await setUp();
    // A zip bomb's directory: one entry that claims to unpack to 4 GB.
    const bomb = Buffer.alloc(22 + 46 + 1);
    bomb.writeUInt32LE(0x02014b50, 0);
    bomb.writeUInt32LE(0xffffffff, 24);
    bomb.writeUInt16LE(1, 28);
    bomb.write('x', 46);
    const e = 47;
    bomb.writeUInt32LE(0x06054b50, e);
    bomb.writeUInt16LE(1, e + 10);
    bomb.writeUInt32LE(0, e + 16);
    const notGbk = Buffer.from([0x41, 0x81, 0x20]); // a GBK lead byte followed by a space: neither UTF-8 nor GBK
    const base = { fileName: 'x.csv', format: 'csv', channel: 'website' };
    await expectRefusals(t!, 'enquiry.importPreview', [
      { why: 'a zip bomb', input: { ...base, format: 'xlsx', data: b64(bomb) }, field: 'data' },
      { why: 'not an xlsx at all', input: { ...base, format: 'xlsx', data: b64(Buffer.from('姓名,电话\n', 'utf8')) }, field: 'data' },
      { why: 'neither UTF-8 nor GBK', input: { ...base, data: b64(notGbk) }, field: 'data' },
      { why: 'a BOM before bytes that are not UTF-8', input: { ...base, data: b64(Buffer.from([0xef, 0xbb, 0xbf, 0xc3, 0x28])) }, field: 'data' },
      { why: 'an unclosed quote', input: { ...base, data: b64(Buffer.from('姓名,电话\n"周,139\n', 'utf8')) }, field: 'data' },
      { why: 'too many rows', input: { ...base, data: b64(Buffer.from('姓名,电话\n' + '周,13900000000\n'.repeat(5001), 'utf8')) }, field: 'data' },
      { why: 'too many columns', input: { ...base, data: b64(Buffer.from(','.repeat(60) + '\n', 'utf8')) }, field: 'data' },
      { why: 'not base64', input: { ...base, data: '!!!!' }, field: 'data' },
      { why: 'empty', input: { ...base, data: '' }, field: 'data' },
      { why: 'an unknown format', input: { ...base, format: 'xls', data: 'AAAA' }, field: 'format' },
      { why: 'an unknown field', input: { ...base, data: 'AAAA', sheet: 2 }, field: 'sheet' },
    ]);
    // A mapping outside the sheet is a problem of row 1 in the preview, and refuses the commit.
    const outside = { ...base, format: 'csv' as const, channel: 'website' as const, data: b64(Buffer.from('姓名,电话\n周,13900000000\n', 'utf8')), mapping: { name: 7 } };
    expect((await t!.api['enquiry.importPreview'](outside)).problems).toEqual([{ row: 1, column: '#8', field: 'mapping.name', reason: 'the sheet has 2 columns', rule: 'outside', value: '2' }]);
    await expectRefusals(t!, 'enquiry.importCommit', [{ why: 'a mapping outside the sheet', input: { ...outside, expectRows: 0 }, field: 'mapping.name' }]);
    // Cells with control characters or far too long are refused rows, not written.
    const nasty = await t!.api['enquiry.importPreview']({ ...base, format: 'csv', channel: 'website', data: b64(Buffer.from(`姓名,电话,留言\n周\u0007,13900000000,\n吴,13900000001,${'长'.repeat(600)}\n`, 'utf8')) });
    expect(nasty.problems).toEqual([
      { row: 2, column: '姓名', field: 'name', reason: 'control characters', rule: 'control', value: '' },
      { row: 3, column: '留言', field: 'question', reason: 'longer than 500 characters', rule: 'tooLong', value: '500' },
    ]);
    // A guide does not work the enquiry register: refused naming the role.
    const guide = await seedStaff(t!, { role: 'inspector', name: '检查员', pin: '1111' });
    await t!.signIn(guide.id, '1111');
    await expectRefusals(t!, 'enquiry.importPreview', [{ why: 'an inspector does not take enquiries', input: { ...base, data: b64(Buffer.from('姓名,电话\n', 'utf8')) }, field: 'role', code: 'forbidden' }]);
    await expectRefusals(t!, 'enquiry.list', [{ why: 'an inspector does not see the register', input: {}, field: 'role', code: 'forbidden' }]);
  });
});
