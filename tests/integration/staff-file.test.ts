import { afterEach, describe, expect, it } from 'vitest';
import { expectRefusals, refusal, startTestApp, type TestApp } from '../support/app';
import { LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { complaintIntake, complaintStaff, plainSteps } from '../support/complaints';
import { groomingMarks, signInToRun } from '../support/valid/inspection';
import type { StepInput } from '../../shared/complaints/schemas';
import { openXlsx, sheetProblems } from '../support/xlsxTypes';

let t: TestApp | undefined;
afterEach(async () => t?.close());

describe('the staff file (员工档案) on a real store', () => {
  it('gathers her inspections, penalties, complaints, 服务之星, attendance and leave, written through the real operations', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const staff = await complaintStaff(t);
    const her = staff.ids.guide; // 「guide-人」, PIN 2006
    const step = (id: string, s: StepInput) => t!.api['complaint.step']({ id, step: s, attachments: [] });

    // Attendance: on shift A (8:00) today, signs in at 10:00 (the test clock), the lead confirms the ¥10.
    await t.signIn(f.lead.id, LEAD_PIN);
    await t.api['rota.set']({ date: '2026-11-27', staffId: her, code: 'A' });
    await t.api['attendance.sign']({ staffId: her, pin: '2006', kind: 'in' });
    await t.api['attendance.decideFine']({ date: '2026-11-27', staffId: her, kind: 'late', confirm: true, amountYuan: null, note: '' });
    await t.api['leave.request']({ staffId: her, kind: 'sick', from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z', reason: '看牙', emergency: false });

    // An inspection: nails failed; the penalty decided; 服务之星 of the month.
    await signInToRun(t, 'preShift');
    const i = await t.api['inspection.start']({ kind: 'preShift', departmentId: null, templateKey: 'grooming' });
    await t.api['inspection.saveResult']({ inspectionId: i.id, staffId: her, marks: groomingMarks('F', ['f-nails']), note: '' });
    await t.api['inspection.signOff']({ inspectionId: i.id });
    await t.api['inspection.decidePenalty']({ inspectionId: i.id, staffId: her, itemId: 'f-nails', measure: 'warning', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, reason: '' });
    await t.api['inspection.chooseStar']({ month: '2026-11', staffId: her, reason: '服务热情' });

    // A complaint naming her, through to step 10's penalty proposal; and one that does not.
    await staff.as('csDirector');
    await t.api['complaint.setNumberingDesk']({});
    const c = await t.api['complaint.record'](complaintIntake({ staffInvolved: '导医 guide-人' }));
    await t.api['complaint.record'](complaintIntake({ staffInvolved: '前台 小李' }));
    for (const s of plainSteps) await step(c.id, s);
    await staff.as('dean');
    await step(c.id, { kind: 'approve', approved: true, note: '同意' });
    await staff.as('csDirector');
    await step(c.id, { kind: 'negotiate', agreed: true, note: '患者同意' });
    await step(c.id, { kind: 'paperwork', payment: 'none', oaStarted: false, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '' });
    await step(c.id, { kind: 'close', patientConfirmed: true, handedToLegal: false, satisfaction: 'satisfied', note: '' });
    await step(c.id, { kind: 'file', copiesSent: true, note: '' });
    await staff.as('hoCsDirector');
    await step(c.id, { kind: 'penalty', persons: [{ staffId: her, name: 'guide-人', level: 'II' }], note: '' });

    // Head office's CS director (an admin role) reads it.
    const file = await t.api['staffFile.get']({ staffId: her, from: '2026-11-01', to: '2026-12-31' });
    expect(file).toMatchObject({ staffId: her, name: 'guide-人', role: 'guide', from: '2026-11-01', to: '2026-12-31' });
    expect(file.inspections).toEqual([{ inspectionId: i.id, date: '2026-11-27', kind: 'preShift', signed: true, passed: expect.any(Number) as number, failed: [expect.stringContaining('指甲') as string] }]);
    expect(file.penalties.map((p) => [p.source, p.measure, p.amountYuan])).toEqual([
      ['inspection', 'warning', 0],
      ['complaint', 'II', 200],
    ]);
    expect(file.complaints).toEqual([{ complaintId: c.id, receivedAt: expect.any(String) as string, what: c.what, staffInvolved: '导医 guide-人', penalised: true }]);
    expect(file.stars).toEqual([{ month: '2026-11', reason: '服务热情' }]);
    // 「正常班次遲到/10元」
    expect(file.attendance).toEqual({ rostered: 1, late: 1, lateMinutes: 120, early: 0, absent: 0, fines: [{ date: '2026-11-27', kind: 'late', minutes: 120, status: 'confirmed', amountYuan: 10 }], finedYuan: 10 });
    expect(file.leave).toEqual([{ kind: 'sick', from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z', status: 'requested' }]);

    // A span without any of it is empty, not someone else's.
    // The same file as .xlsx: a sheet per panel, dates as dates, amounts as numbers, no code or English word.
    const sheetFile = await t.api['staffFile.xlsx']({ staffId: her, from: '2026-11-01', to: '2026-12-31' });
    expect(sheetFile.filename).toBe(`员工档案_${file.name}_2026-11-01_2026-12-31.xlsx`);
    const book = await openXlsx(sheetFile.base64);
    // Her test name 「guide-人」 is data, not a code: the only Latin the checker may find.
    expect(sheetProblems(book).filter((p) => !p.includes(file.name))).toEqual([]);
    expect(book.worksheets.map((w) => w.name)).toEqual(['概要', '考勤罚款', '检查', '处罚', '涉及投诉', '培训', '例会', '离岗', '请假']);
    const fineRow = book.getWorksheet('考勤罚款')!.getRow(2);
    expect([fineRow.getCell(1).value, fineRow.getCell(2).value, fineRow.getCell(4).value, fineRow.getCell(5).value]).toEqual([new Date('2026-11-27T00:00:00Z'), '迟到', '已罚', 10]);
    expect(book.getWorksheet('检查')!.rowCount).toBe(1 + file.inspections.length);
    expect(book.getWorksheet('处罚')!.rowCount).toBe(1 + file.penalties.length);
    expect(book.getWorksheet('请假')!.getRow(2).getCell(1).value).toBe('病假');
    expect(book.getWorksheet('概要')!.getRow(7).getCell(2).value).toBe(file.attendance.late); // 迟到次数
    expect(book.getWorksheet('概要')!.getRow(4).getCell(2).numFmt).toBe('yyyy-mm-dd');
    // Refused as the file is: a colleague's, a reversed span.
    expect((await refusal(t, 'staffFile.xlsx', { staffId: her, from: '2026-12-31', to: '2026-11-01' })).field).toBe('to');

    const before = await t.api['staffFile.get']({ staffId: her, from: '2026-10-01', to: '2026-10-31' });
    expect([before.inspections, before.penalties, before.complaints, before.stars, before.leave, before.attendance.fines]).toEqual([[], [], [], [], [], []]);

    // She may read her own.
    await staff.as('guide');
    expect((await t.api['staffFile.get']({ staffId: her })).attendance.late).toBe(1);
  });

  it('is refused to a colleague (forbidden, staffId) and to bad input, field named', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const colleague = await seedStaff(t, { role: 'guide', name: '王导医', pin: '5678' });
    await t.signIn(colleague.id, '5678');
    const e = await refusal(t, 'staffFile.get', { staffId: f.consultant.id });
    expect({ code: e.code, field: e.field }).toEqual({ code: 'forbidden', field: 'staffId' });
    await t.signIn(f.lead.id, LEAD_PIN);
    await expectRefusals(t, 'staffFile.get', [
      { why: 'empty', input: {}, field: 'staffId' },
      { why: 'wrong type', input: { staffId: 7 }, field: 'staffId' },
      { why: 'oversized', input: { staffId: 'x'.repeat(121) }, field: 'staffId' },
      { why: 'unknown field', input: { staffId: f.consultant.id, extra: 1 }, field: 'extra' },
      { why: 'not a date', input: { staffId: f.consultant.id, from: '2026-13-01' }, field: 'from' },
      { why: 'to before from', input: { staffId: f.consultant.id, from: '2026-11-02', to: '2026-11-01' }, field: 'to' },
      { why: 'more than a year', input: { staffId: f.consultant.id, from: '2025-01-01', to: '2026-11-01' }, field: 'to' },
      { why: 'nobody', input: { staffId: 'staff:BJ:nobody' }, field: 'staffId', code: 'not_found' },
    ]);
  });
});
