import { afterEach, describe, expect, it } from 'vitest';
import { headOfficeVerdict } from '../support/verdict';
import { expectRefusals, refusal, startTestApp, type TestApp } from '../support/app';
import { LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { GUIDE_PIN } from '../support/valid/staff';

let t: TestApp | undefined;
afterEach(async () => t?.close());

/**
 * Seed 003 (二、行為準則 2), quoted as scanned:
 * 「按規定在指定的工位進展工作,筏作需要,不得私自脫崗、10分鐘,須向部門負責人請示,同意前方可離崗,否則視為曠工,按曠工半日處理。」
 * More than 10 minutes away without the head's agreement counts as half a day's absence; the
 * absence is fined (六、不請假未到崗者視為曠工扣當天雙倍底薪): the lead enters the amount.
 */
describe('离岗 judged by seed 003 「須向部門負責人請示,同意前方可離崗,否則視為曠工,按曠工半日處理」', () => {
  it('an agreed time away is only logged; one without agreement counts as half a day\'s absence and proposes the away fine a lead confirms', async () => {
    t = await startTestApp(); // Friday 27 Nov 2026, 10:00 in the clinic
    const f = await setUpClinic(t);
    const head = await seedStaff(t, { role: 'csDirector', name: '赵主任' });
    const guide = await seedStaff(t, { role: 'guide', name: '王导医', pin: GUIDE_PIN, });

    // Agreed by the department head at 09:05, before leaving at 09:10: logged, not an absence.
    const agreed = await t.api['away.log']({ staffId: guide.id, from: '2026-11-27T09:10:00+08:00', to: '2026-11-27T09:35:00+08:00', reason: '去银行', agreedBy: head.id, agreedAt: '2026-11-27T09:05:00+08:00' });
    expect(agreed).toMatchObject({ minutes: 25, agreedBy: '赵主任', agreedAt: '2026-11-27T01:05:00.000Z', halfDayAbsence: false, fine: null, loggedBy: f.lead.name });
    // The day before, 14:00–14:30 without asking: 按曠工半日處理.
    const yesterday = await t.api['away.log']({ staffId: guide.id, from: '2026-11-26T14:00:00+08:00', to: '2026-11-26T14:30:00+08:00', reason: '取快递' });
    expect(yesterday).toMatchObject({ halfDayAbsence: true, agreedBy: null, agreedAt: null, fine: { status: 'proposed', amountYuan: null, decidedBy: null } });
    // Today 08:20–08:31 (11 minutes, more than 10) without agreement: the second such day this month.
    const today = await t.api['away.log']({ staffId: guide.id, from: '2026-11-27T08:20:00+08:00', to: '2026-11-27T08:31:00+08:00', reason: '接电话' });
    expect(today).toMatchObject({ minutes: 11, halfDayAbsence: true, fine: { status: 'proposed' } });

    // The day's attendance shows both times away and proposes one away fine for the day, with the amount left to the lead.
    const day = await t.api['attendance.day']({ date: '2026-11-27' });
    const row = day.rows.find((r) => r.staffId === guide.id)!;
    expect(row.away.map((a) => [a.minutes, a.agreedBy, a.halfDayAbsence])).toEqual([
      [11, null, true],
      [25, '赵主任', false],
    ]);
    expect(row.fines).toEqual([{ kind: 'away', minutes: 11, occurrence: 2, earlier: ['2026-11-26'], proposedYuan: null, status: 'proposed', amountYuan: null, decidedBy: null, note: '' }]);

    // Confirmed by a lead like lateness: the amount is hers to enter (an absence's 雙倍底薪 is not held by the app).
    const noAmount = await refusal(t, 'attendance.decideFine', { date: '2026-11-27', staffId: guide.id, kind: 'away', confirm: true, amountYuan: null, note: '' });
    expect({ field: noAmount.field, rule: noAmount.rule }).toEqual({ field: 'amountYuan', rule: 'staff.absenceAmount' });
    const decided = await t.api['attendance.decideFine']({ date: '2026-11-27', staffId: guide.id, kind: 'away', confirm: true, amountYuan: 50, note: '未请示离岗' });
    const fine = decided.rows.find((r) => r.staffId === guide.id)!.fines[0]!;
    expect(fine).toMatchObject({ kind: 'away', status: 'confirmed', amountYuan: 50, decidedBy: f.lead.name });
    await expectRefusals(t, 'attendance.decideFine', [{ why: 'decided already', input: { date: '2026-11-27', staffId: guide.id, kind: 'away', confirm: false, amountYuan: null, note: '' }, field: 'kind', code: 'conflict' }]);
    await t.api['attendance.decideFine']({ date: '2026-11-26', staffId: guide.id, kind: 'away', confirm: false, amountYuan: null, note: '临时顶班' });
    const list = await t.api['away.list']({ from: '2026-11-26', to: '2026-11-27' });
    expect(list.map((a) => [a.reason, a.fine])).toEqual([
      ['取快递', { status: 'waived', amountYuan: null, decidedBy: f.lead.name }],
      ['接电话', { status: 'confirmed', amountYuan: 50, decidedBy: f.lead.name }],
      ['去银行', { status: 'confirmed', amountYuan: 50, decidedBy: f.lead.name }],
    ]);
    expect(list.map((a) => a.halfDayAbsence)).toEqual([true, true, false]);

    // The staff file's fines list it; every document passes head office's validation.
    const file = await t.api['staffFile.get']({ staffId: guide.id, from: '2026-11-01', to: '2026-11-27' });
    expect(file.attendance.fines.map((x) => [x.date, x.kind, x.status, x.amountYuan])).toEqual([
      ['2026-11-26', 'away', 'waived', null],
      ['2026-11-27', 'away', 'confirmed', 50],
    ]);
    for (const prefix of ['staff-away:', 'staff-fine:']) {
      const docs = await t.app.store.db.allDocs({ include_docs: true, startkey: prefix, endkey: `${prefix}\ufff0` });
      for (const r of docs.rows) expect(headOfficeVerdict(r.doc!), r.id).toBeNull();
    }
  });

  it('an agreement is a lead\'s, not her own, dated before leaving, recorded by a lead: refused by field and rule in Chinese, writing nothing', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const head = await seedStaff(t, { role: 'csDirector', name: '赵主任' });
    const guide = await seedStaff(t, { role: 'guide', name: '王导医', pin: GUIDE_PIN });
    const other = await seedStaff(t, { role: 'guide', name: '李导医' });
    const away = { staffId: guide.id, from: '2026-11-27T09:10:00+08:00', to: '2026-11-27T09:35:00+08:00', reason: '去银行' };
    const cases = [
      [{ ...away, agreedBy: head.id }, 'agreedAt', 'staff.agreeIncomplete', '部门负责人同意须写明同意人和同意时间'],
      [{ ...away, agreedBy: head.id, agreedAt: null }, 'agreedAt', 'staff.agreeIncomplete', '部门负责人同意须写明同意人和同意时间'],
      [{ ...away, agreedAt: '2026-11-27T09:05:00+08:00' }, 'agreedBy', 'staff.agreeIncomplete', '部门负责人同意须写明同意人和同意时间'],
      [{ ...away, agreedBy: other.id, agreedAt: '2026-11-27T09:05:00+08:00' }, 'agreedBy', 'staff.agreeNotLead', '李导医不是组长或部门负责人，不能同意离岗'],
      [{ ...away, staffId: head.id, agreedBy: head.id, agreedAt: '2026-11-27T09:05:00+08:00' }, 'agreedBy', 'staff.agreeOwn', '不能由本人同意自己离岗'],
      // 同意前方可離崗: agreed at 09:15, after she had left at 09:10.
      [{ ...away, agreedBy: head.id, agreedAt: '2026-11-27T09:15:00+08:00' }, 'agreedAt', 'staff.agreeAfterLeaving', '同意时间晚于离岗时间：须先请示，同意后方可离岗'],
      [{ ...away, agreedBy: 'staff:BJ:nobody', agreedAt: '2026-11-27T09:05:00+08:00' }, 'agreedBy', 'staff.noSuchStaff', '本院没有这位在职人员'],
    ] as const;
    const { fromApiError } = await import('../../src-renderer/ui/errors');
    const { ApiError } = await import('../../shared/errors');
    for (const [input, field, rule, zh] of cases) {
      const e = await refusal(t, 'away.log', input);
      expect({ field: e.field, rule: e.rule }, rule).toEqual({ field, rule });
      expect(fromApiError(new ApiError(e), 'zh-CN', {}).fields[field], rule).toBe(zh);
    }
    await expectRefusals(t, 'away.log', [
      { why: 'agreedAt not an instant', input: { ...away, agreedBy: head.id, agreedAt: '09:05' }, field: 'agreedAt' },
      { why: 'agreedBy wrong-typed', input: { ...away, agreedBy: 7, agreedAt: '2026-11-27T09:05:00+08:00' }, field: 'agreedBy' },
      { why: 'agreedBy oversized', input: { ...away, agreedBy: 'x'.repeat(121), agreedAt: '2026-11-27T09:05:00+08:00' }, field: 'agreedBy' },
    ]);
    // The guide logs her own time away, but cannot record the head's agreement herself.
    await t.signIn(guide.id, GUIDE_PIN);
    const own = await refusal(t, 'away.log', { ...away, agreedBy: head.id, agreedAt: '2026-11-27T09:05:00+08:00' });
    expect({ code: own.code, field: own.field, rule: own.rule }).toEqual({ code: 'forbidden', field: 'agreedBy', rule: 'staff.agreeByLeadOnly' });
    const { fromApiError: words } = await import('../../src-renderer/ui/errors');
    expect(words(new (await import('../../shared/errors')).ApiError(own), 'zh-CN', {}).fields.agreedBy).toBe('负责人同意只能由组长登记');
    expect(await t.api['away.log'](away)).toMatchObject({ halfDayAbsence: true, loggedBy: '王导医' });
    // A lead may agree for a guide; a lead's own time away is agreed by another lead.
    await t.signIn(f.lead.id, LEAD_PIN);
    expect(await t.api['away.log']({ ...away, staffId: f.lead.id, agreedBy: head.id, agreedAt: '2026-11-27T09:00:00+08:00' })).toMatchObject({ halfDayAbsence: false, agreedBy: '赵主任' });
  });
});
