import { describe, expect, it } from 'vitest';
import { refusal } from '../support/app';
import { LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { DESK_USERS, HO_USER } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { openXlsx, sheetProblems } from '../support/xlsxTypes';
import { testWorld } from '../support/world';
import { GUIDE_PIN } from '../support/valid/staff';

/**
 * Head office's figures of the people at the door (issue 15: 「總部：各機構的出勤、遲到和培訓數字，
 * 每個數字可打開其記錄，可導出 .xlsx」): a clinic desk rosters, signs in late, fines, grants leave,
 * trains and logs 离岗 through the real operations; head office reads the consolidated copy.
 */
const { headOffice, desk } = testWorld();
const DIRECTOR_PIN = '2468';

describe("head office's attendance, lateness, leave and training figures", () => {
  it('per clinic and person over a span, each figure with its records, and the same as .xlsx with dates, numbers and rates typed', async () => {
    const ho = await headOffice({ consolidate: true });
    const t = await desk();
    t.clock.now = new Date('2026-11-24T23:30:00Z'); // Wednesday 25 Nov, 07:30 in the clinic
    const f = await setUpClinic(t, { code: 'BJ', name: '北京院', inHeadOfficeCity: true });
    const guide = await seedStaff(t, { role: 'guide', name: '王导医', pin: GUIDE_PIN });
    for (const date of ['2026-11-25', '2026-11-26', '2026-11-27']) await t.api['rota.set']({ date, staffId: guide.id, code: 'A' });
    await t.api['rota.set']({ date: '2026-11-26', staffId: f.consultant.id, code: 'B' });
    // 事假 on Friday, asked two days ahead (seed 003: 事假須提前24小時), approved by the lead.
    const leave = await t.api['leave.request']({ staffId: guide.id, kind: 'personal', from: '2026-11-27T00:00:00Z', to: '2026-11-27T10:00:00Z', reason: '家事', emergency: false });
    await t.api['leave.decide']({ leaveId: leave.id, approve: true, note: '' });

    // Wednesday 09:00: an hour late for 全天班 (08:00); the lead confirms the ¥10 (正常班次遲到/10元).
    t.clock.now = new Date('2026-11-25T01:00:00Z');
    await t.signIn(f.lead.id, LEAD_PIN);
    await t.api['attendance.sign']({ staffId: guide.id, pin: GUIDE_PIN, kind: 'in' });
    t.clock.now = new Date('2026-11-25T10:00:00Z');
    await t.signIn(f.lead.id, LEAD_PIN);
    await t.api['attendance.sign']({ staffId: guide.id, pin: GUIDE_PIN, kind: 'out' });
    await t.api['attendance.decideFine']({ date: '2026-11-25', staffId: guide.id, kind: 'late', confirm: true, amountYuan: null, note: '' });

    // Thursday: on time, away 25 minutes; the consultant never comes (旷工); a training with a pass mark.
    t.clock.now = new Date('2026-11-25T23:58:00Z');
    await t.signIn(f.lead.id, LEAD_PIN);
    await t.api['attendance.sign']({ staffId: guide.id, pin: GUIDE_PIN, kind: 'in' });
    t.clock.now = new Date('2026-11-26T10:05:00Z');
    await t.signIn(f.lead.id, LEAD_PIN);
    await t.api['away.log']({ staffId: guide.id, from: '2026-11-26T14:00:00+08:00', to: '2026-11-26T14:25:00+08:00', reason: '去银行' });
    // Seed 003 「須向部門負責人請示,同意前方可離崗,否則視為曠工」: one agreed beforehand, one not.
    await t.api['away.log']({ staffId: guide.id, from: '2026-11-26T09:10:00+08:00', to: '2026-11-26T09:30:00+08:00', reason: '取快递', agreedBy: f.lead.id, agreedAt: '2026-11-26T09:05:00+08:00' });
    await t.api['training.save']({ date: '2026-11-26', topic: '接待礼仪', trainer: '总部培训部', passMark: 60, attendees: [{ staffId: guide.id, score: 85 }, { staffId: f.consultant.id, score: 50 }] });
    await t.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
    await waitFor(async () => {
      const s = await t.app.sync.status();
      return s.state === 'idle' && s.pendingUp === 0 ? s : null;
    }, 'BJ caught up', 30_000);

    const h = await desk();
    h.clock.now = new Date('2026-11-28T02:00:00Z');
    await h.anon['headoffice.setup']({ url: ho.url, ...HO_USER, director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: DIRECTOR_PIN } });
    const director = (await h.anon['staff.list']({})).find((x) => x.role === 'hoCsDirector')!;
    await h.signIn(director.id, DIRECTOR_PIN);
    const span = { from: '2026-11-23', to: '2026-11-29', clinic: null };
    const figures = await waitFor(async () => {
      const x = await h.api['attendance.figures'](span);
      return x.clinics[0]?.people.some((p) => p.counts.trainings > 0 && p.counts.finesConfirmed > 0 && p.counts.away > 0) ? x : null;
    }, 'the clinic records at head office', 40_000);

    expect(figures.clinics.map((c) => c.code)).toEqual(['BJ']);
    const bj = figures.clinics[0]!;
    const g = bj.people.find((p) => p.staffId === guide.id)!;
    expect(g.counts).toEqual({ rostered: 2, present: 2, late: 1, lateMinutes: 60, early: 0, absent: 0, leaveDays: 1, away: 2, awayUnagreed: 1, finesConfirmed: 1, finedYuan: 10, finesWaived: 0, trainings: 1, trainingPassed: 1, trainingFailed: 0, meanScore: 85 });
    // The records behind the figures.
    expect(g.days).toEqual([
      { date: '2026-11-25', code: 'A', state: 'late', lateMinutes: 60, earlyMinutes: 0 },
      { date: '2026-11-27', code: 'A', state: 'onLeave', lateMinutes: 0, earlyMinutes: 0 },
    ]);
    expect(g.fines).toEqual([{ date: '2026-11-25', kind: 'late', minutes: 60, status: 'confirmed', amountYuan: 10 }]);
    expect(g.away).toEqual([
      { from: '2026-11-26T01:10:00.000Z', to: '2026-11-26T01:30:00.000Z', minutes: 20, reason: '取快递', agreedBy: f.lead.name, halfDayAbsence: false },
      { from: '2026-11-26T06:00:00.000Z', to: '2026-11-26T06:25:00.000Z', minutes: 25, reason: '去银行', agreedBy: null, halfDayAbsence: true },
    ]);
    expect(bj.totals).toMatchObject({ away: 2, awayUnagreed: 1 });
    const c = bj.people.find((p) => p.staffId === f.consultant.id)!;
    expect(c.counts).toMatchObject({ rostered: 1, present: 0, absent: 1, trainings: 1, trainingPassed: 0, trainingFailed: 1, meanScore: 50 });
    expect(c.days).toEqual([{ date: '2026-11-26', code: 'B', state: 'absent', lateMinutes: 0, earlyMinutes: 0 }]);
    expect(bj.totals).toMatchObject({ rostered: 3, present: 2, late: 1, absent: 1, leaveDays: 1, finedYuan: 10, trainings: 2, trainingPassed: 1, trainingFailed: 1, meanScore: 67.5 });
    // One clinic asked by code answers the same; a span without records counts nothing.
    expect((await h.api['attendance.figures']({ ...span, clinic: 'BJ' })).clinics).toEqual(figures.clinics);
    const before = await h.api['attendance.figures']({ from: '2026-11-01', to: '2026-11-22', clinic: 'BJ' });
    expect(before.clinics[0]!.totals).toMatchObject({ rostered: 0, late: 0, trainings: 0 });

    const file = await h.api['attendance.figuresXlsx'](span);
    expect(file.filename).toBe('考勤与培训_各机构_2026-11-23_2026-11-29.xlsx');
    expect((await h.api['attendance.figuresXlsx']({ ...span, clinic: 'BJ' })).filename).toBe('考勤与培训_北京院_2026-11-23_2026-11-29.xlsx');
    const book = await openXlsx(file.base64);
    expect(sheetProblems(book)).toEqual([]);
    expect(book.worksheets.map((w) => w.name)).toEqual(['机构汇总', '人员', '考勤记录', '罚款', '培训', '离岗']);
    const sum = book.getWorksheet('机构汇总')!;
    const col = (ws: typeof sum, header: string) => (ws.getRow(1).values as unknown[]).indexOf(header);
    expect(sum.getRow(2).getCell(col(sum, '迟到次数')).value).toBe(1);
    expect(sum.getRow(2).getCell(col(sum, '罚款金额（元）')).value).toBe(10);
    const rateCell = sum.getRow(2).getCell(col(sum, '出勤率'));
    expect(rateCell.value).toBeCloseTo(2 / 3);
    expect(rateCell.numFmt).toBe('0%');
    const days = book.getWorksheet('考勤记录')!;
    expect(days.rowCount).toBe(4);
    // People in the roles' order (the consultant first), each her days in order.
    expect(days.getRow(2).getCell(col(days, '情况')).value).toBe('旷工');
    const day = days.getRow(3);
    expect(day.getCell(col(days, '日期')).value).toEqual(new Date('2026-11-25T00:00:00Z'));
    expect(day.getCell(col(days, '情况')).value).toBe('迟到');
    expect(day.getCell(col(days, '迟到分钟')).value).toBe(60);
    expect(sum.getRow(2).getCell(col(sum, '离岗次数')).value).toBe(2);
    expect(sum.getRow(2).getCell(col(sum, '未经同意离岗')).value).toBe(1);
    const awaySheet = book.getWorksheet('离岗')!;
    const away = awaySheet.getRow(3);
    expect(away.getCell(4).value).toEqual(new Date('2026-11-26T14:00:00Z')); // 14:00 clinic time as Excel shows it
    expect([2, 3].map((r) => [awaySheet.getRow(r).getCell(col(awaySheet, '负责人同意')).value, awaySheet.getRow(r).getCell(col(awaySheet, '按旷工半日')).value])).toEqual([
      [f.lead.name, '否'],
      ['未同意', '是'],
    ]);
    const training = book.getWorksheet('培训')!;
    expect([2, 3].map((r) => training.getRow(r).getCell(col(training, '考核')).value)).toEqual(['未通过', '通过']);

    for (const [why, input, field, code] of [
      ['the span reversed', { from: '2026-11-29', to: '2026-11-23', clinic: null }, 'to', 'invalid_input'],
      ['more than a year', { from: '2025-01-01', to: '2026-11-29', clinic: null }, 'to', 'invalid_input'],
      ['a clinic that never reached head office', { ...span, clinic: 'GZ' }, 'clinic', 'not_found'],
      ['not a clinic code', { ...span, clinic: 'bj<script>' }, 'clinic', 'invalid_input'],
      ['not a date', { ...span, from: '25/11/2026' }, 'from', 'invalid_input'],
      ['an unknown field', { ...span, staffId: guide.id }, 'staffId', 'invalid_input'],
    ] as const) {
      const e = await refusal(h, 'attendance.figures', input);
      expect({ code: e.code, field: e.field }, why).toEqual({ code, field });
    }
    // A clinic desk has no head office figures.
    expect((await refusal(t, 'attendance.figures', span)).code).toBe('forbidden');
  }, 150_000);
});
