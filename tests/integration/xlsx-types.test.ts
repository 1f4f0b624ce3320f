import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { setUpClinic } from '../support/factories';
import { complaintIntake, complaintStaff, plainSteps } from '../support/complaints';
import { openXlsx, sheetProblems } from '../support/xlsxTypes';
import { complaintMonthWorkbook, weeklyWorkbook } from '../../src-main/headoffice/reports';
import type { StepInput } from '../../shared/complaints/schemas';
import type { WeeklyReport } from '../../shared/headoffice/schemas';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
/** The cells of a sheet's data rows by header. */
function rowsOf(book: Awaited<ReturnType<typeof openXlsx>>, name: string): Record<string, unknown>[] {
  const ws = book.getWorksheet(name)!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  ws.eachRow((row, r) => {
    if (r > 1) out.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return out;
}

describe('every .xlsx can be calculated on (issue 19): times are Excel dates in clinic time, rates are percent-formatted numbers, no codes or English words', () => {
  it('the clinic’s 患者投诉案件统计表 and head office’s of every clinic: 案件明细 with content, outcome, satisfaction and penalty', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const staff = await complaintStaff(t);
    await staff.as('csDirector');
    await t.api['complaint.setNumberingDesk']({});
    t.clock.now = new Date('2026-11-10T01:30:00Z'); // 09:30 at the clinic
    await staff.as('csDirector');
    const c = await t.api['complaint.record']({ ...complaintIntake(), channel: 'wechat' });
    const step = (s: StepInput) => t.api['complaint.step']({ id: c.id, step: s, attachments: [] });
    for (const s of plainSteps) await step(s);
    await staff.as('dean');
    await step({ kind: 'approve', approved: true, note: '' });
    await staff.as('csDirector');
    await step({ kind: 'negotiate', agreed: true, note: '' });
    await step({ kind: 'paperwork', payment: 'none', oaStarted: false, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '' });
    await step({ kind: 'close', patientConfirmed: true, handedToLegal: false, satisfaction: 'satisfied', note: '' });
    await step({ kind: 'file', copiesSent: true, note: '' });
    await staff.as('hoCsDirector');
    await step({ kind: 'penalty', persons: [{ staffId: staff.ids.guide, name: '小李', level: 'II' }], note: '' });

    const file = await t.api['complaint.monthlyXlsx']({ month: '2026-11' });
    const book = await openXlsx(file.data);
    expect(sheetProblems(book)).toEqual([]);
    const [row] = rowsOf(book, '案件明细');
    // 09:30 at the clinic reads 09:30 in Excel (its dates have no zone).
    expect(row!['接到投诉时间']).toEqual(new Date('2026-11-10T09:30:00Z'));
    expect(row).toMatchObject({ 性质: '非质量投诉', 类别: '预约难', 渠道: '微信', 投诉内容: complaintIntake().what, 处理结果: '当面道歉，赠送护理一次', 满意度: '满意', 处罚: 'II 记小过', '退款（元）': 0 });

    // Head office's sheet of every clinic: the same columns after 机构.
    const stats = await t.api['complaint.monthlyStats']({ month: '2026-11' });
    const totals = { total: stats.total, overdue: stats.overdue, open: 1, refunds: stats.refunds, compensation: stats.compensation, byCategory: stats.byCategory, byChannel: stats.byChannel, penaltyLevels: stats.penaltyLevels };
    const ho = await openXlsx(b64(await complaintMonthWorkbook({ month: '2026-11', clinics: [{ code: 'BJ', name: '北京院', inHeadOfficeCity: true, stats }], totals }, '钱总监', t.clock.now)));
    expect(sheetProblems(ho)).toEqual([]);
    expect(rowsOf(ho, '案件明细')[0]).toMatchObject({ 机构: 'BJ', ...Object.fromEntries(Object.entries(row!).filter(([k]) => k !== '接到投诉时间')) });
  }, 90_000);

  it('head office’s 周报: 结案满意率 a percent-formatted number, no rate an empty cell (not a dash)', async () => {
    const row = (code: string, rate: number | null) => ({ code, name: `${code}院`, visits: 10, first: 4, averageWaitMinutes: rate === null ? null : 12, teaServed: 9, refills: 3, teaExceptions: 0, averageFirstCupMinutes: null, complaints: 1, complaintsClosed: 2, satisfied: 1, satisfactionRate: rate });
    const report: WeeklyReport = { from: '2026-11-07', to: '2026-11-13', clinics: [row('BJ', 0.5), row('SH', null)], totals: { ...row('合计', 0.5), code: '合计', name: '' } };
    const book = await openXlsx(b64(await weeklyWorkbook(report, '钱总监', new Date('2026-11-14T02:00:00Z'))));
    expect(sheetProblems(book)).toEqual([]);
    const rows = rowsOf(book, book.worksheets[0]!.name);
    expect(rows.map((r) => r['结案满意率'])).toEqual([0.5, null, 0.5]);
    // The checker itself: a rate written as text, an ISO time and a code are each found.
    const bad = await openXlsx(b64(await weeklyWorkbook(report, '钱总监', new Date())));
    const ws = bad.worksheets[0]!;
    ws.getCell('A2').value = 'nonQuality';
    ws.getCell('B2').value = '2026-11-10T01:30:00.000Z';
    ws.getCell('M2').value = '50%';
    expect(sheetProblems(bad)).toEqual([expect.stringContaining('A2: code nonQuality'), expect.stringContaining('B2: ISO time string'), expect.stringContaining('M2: 结案满意率 is string')]);
  });
});
