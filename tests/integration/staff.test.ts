import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../src-main/store/migrations';
import { onDutyToday } from '../../src-main/appointments/repo';
import { headOfficeVerdict } from '../support/verdict';
import { expectRefusals, refusal, startTestApp, storeMark, type TestApp } from '../support/app';
import { firstVisit, LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { GUIDE_PIN, lateGuide } from '../support/valid/staff';


let t: TestApp | undefined;
afterEach(async () => t?.close());

/** The week of Monday 30 Nov 2026: 30 Nov, then 1-6 Dec. */
const dec = (i: number) => (i === 0 ? '2026-11-30' : `2026-12-0${i}`);

describe('the rota (排班) on a real store', () => {
  it('a week is entered, refused while a person has no rest day, published; a later change is recorded (人员调班)', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    for (const [i, code] of ['A', 'A', 'B', 'C', 'A', 'A', 'B'].entries()) await t.api['rota.set']({ date: dec(i), staffId: f.consultant.id, code });
    const before = await t.api['rota.week']({ weekStart: '2026-11-30' });
    expect(before.staff.find((s) => s.staffId === f.consultant.id)?.cells.map((c) => c.code)).toEqual(['A', 'A', 'B', 'C', 'A', 'A', 'B']);
    expect(before.problems).toEqual([{ staffId: f.consultant.id, date: null, problem: 'noRestDay' }]);
    // 「員工休假規定每周輪休一天」: not published without the rest day, nothing written.
    const e = await refusal(t, 'rota.publish', { weekStart: '2026-11-30' });
    expect({ code: e.code, field: e.field }).toEqual({ code: 'invalid_input', field: 'weekStart' });
    expect(e.message).toContain('李咨询');

    await t.api['rota.set']({ date: dec(3), staffId: f.consultant.id, code: 'REST' });
    const published = await t.api['rota.publish']({ weekStart: '2026-11-30' });
    expect(published.published?.by).toBe(f.lead.name);
    expect(published.changes).toEqual([]);

    // After publishing a change is its own record.
    t.clock.advance(60);
    const changed = await t.api['rota.set']({ date: dec(4), staffId: f.consultant.id, code: 'C', reason: '与王芳调班' });
    expect(changed.changes).toMatchObject([{ date: dec(4), staffId: f.consultant.id, fromCode: 'A', toCode: 'C', reason: '与王芳调班', by: f.lead.name }]);

    await expectRefusals(t, 'rota.publish', [{ why: 'published twice', input: { weekStart: '2026-11-30' }, field: 'weekStart', code: 'conflict' }]);
    await expectRefusals(t, 'rota.set', [
      { why: 'a past day', input: { date: '2026-11-26', staffId: f.consultant.id, code: 'A' }, field: 'date' },
      { why: 'a code the clinic lacks', input: { date: dec(1), staffId: f.consultant.id, code: 'Z' }, field: 'code' },
      { why: 'lower case code', input: { date: dec(1), staffId: f.consultant.id, code: 'a' }, field: 'code' },
      { why: 'nobody', input: { date: dec(1), staffId: 'staff:BJ:nobody', code: 'A' }, field: 'staffId', code: 'not_found' },
      { why: 'empty', input: {}, field: 'date' },
      { why: 'oversized reason', input: { date: dec(1), staffId: f.consultant.id, code: 'A', reason: '长'.repeat(201) }, field: 'reason' },
    ]);
    await expectRefusals(t, 'rota.week', [{ why: 'not a Monday', input: { weekStart: '2026-12-01' }, field: 'weekStart' }]);

    // Copy to the next week: the cells come along, unpublished.
    const next = await t.api['rota.copyWeek']({ from: '2026-11-30', to: '2026-12-07' });
    expect(next.published).toBeNull();
    expect(next.staff.find((s) => s.staffId === f.consultant.id)?.cells.map((c) => c.code)).toEqual(['A', 'A', 'B', 'REST', 'C', 'A', 'B']);
    await expectRefusals(t, 'rota.copyWeek', [
      { why: 'into a published week', input: { from: '2026-12-07', to: '2026-11-30' }, field: 'to', code: 'conflict' },
      { why: 'an empty week', input: { from: '2027-01-04', to: '2026-12-14' }, field: 'from' },
      { why: 'the same week', input: { from: '2026-12-07', to: '2026-12-07' }, field: 'to' },
    ]);

    // Every document the rota wrote passes head office's validation.
    const docs = await t.app.store.db.allDocs({ include_docs: true, startkey: 'rota', endkey: 'rota\ufff0' });
    expect(docs.rows.length).toBeGreaterThan(14);
    for (const r of docs.rows) expect(headOfficeVerdict(r.doc!), r.id).toBeNull();
  });

  it('overlapping shifts are refused by the cell that would overlap; shift types with bad hours by their field', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const s = await t.api['rota.settings']({});
    expect(s.fromHeadOffice).toBe(true);
    const { fromHeadOffice: _h, updatedAt: _a, updatedBy: _b, shiftTypesVersion: _v, shiftTypesByHeadOffice: _o, ...save } = s;
    const night = { code: 'N', name: '夜班', summer: { from: '20:00', to: '09:00', breaks: [] }, winter: null };
    await t.api['rota.saveSettings']({ ...save, shiftTypes: [...save.shiftTypes, night] });
    await t.api['rota.set']({ date: dec(1), staffId: f.consultant.id, code: 'N' });
    await expectRefusals(t, 'rota.set', [{ why: 'B at 8:00 after a night until 9:00', input: { date: dec(2), staffId: f.consultant.id, code: 'B' }, field: 'code' }]);
    await t.api['rota.set']({ date: dec(2), staffId: f.consultant.id, code: 'C' });
    await expectRefusals(t, 'rota.saveSettings', [
      { why: 'a repeated code', input: { ...save, shiftTypes: [...save.shiftTypes, { ...night, code: 'A' }] }, field: 'shiftTypes.4.code' },
      { why: 'a break outside the shift', input: { ...save, shiftTypes: [{ ...night, summer: { from: '20:00', to: '09:00', breaks: [{ from: '10:00', to: '11:00' }] } }] }, field: 'shiftTypes.0.summer.breaks.0' },
      { why: 'a time of the wrong shape', input: { ...save, shiftTypes: [{ ...night, summer: { from: '8:00', to: '09:00', breaks: [] } }] }, field: 'shiftTypes.0.summer.from' },
      { why: 'no shift types', input: { ...save, shiftTypes: [] }, field: 'shiftTypes' },
      { why: 'a fine of the wrong type', input: { ...save, lateFineYuan: '10' }, field: 'lateFineYuan' },
    ]);
  });
});

describe('leave (請休假)', () => {
  it('a leave is asked for, refused with the field when it ends first or 事假 comes late; the lead approves; the rota shows her away', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const guide = await seedStaff(t, { role: 'guide', name: '王导医', pin: GUIDE_PIN });
    await expectRefusals(t, 'leave.request', [
      { why: 'ends before it starts', input: { staffId: guide.id, kind: 'sick', from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z', reason: '', emergency: false }, field: 'to' },
      { why: '事假 with less than 24 h notice', input: { staffId: guide.id, kind: 'personal', from: '2026-11-28T00:00:00Z', to: '2026-11-28T10:00:00Z', reason: '家事', emergency: false }, field: 'from' },
      { why: 'an unknown kind', input: { staffId: guide.id, kind: 'holiday', from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z', reason: '', emergency: false }, field: 'kind' },
      { why: 'not a date', input: { staffId: guide.id, kind: 'sick', from: 'tomorrow', to: '2026-12-02T00:00:00Z', reason: '', emergency: false }, field: 'from' },
    ]);
    const emergency = await t.api['leave.request']({ staffId: guide.id, kind: 'personal', from: '2026-11-28T00:00:00Z', to: '2026-11-28T10:00:00Z', reason: '家中急事', emergency: true });
    expect(emergency).toMatchObject({ status: 'requested', emergency: true, requestedBy: f.lead.name, name: '王导医' });

    // The guide herself may ask only for her own leave, and may not decide any.
    await t.signIn(guide.id, GUIDE_PIN);
    await expectRefusals(t, 'leave.request', [{ why: 'someone else\'s', input: { staffId: f.consultant.id, kind: 'sick', from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z', reason: '', emergency: false }, field: 'staffId', code: 'forbidden' }]);
    const mine = await t.api['leave.request']({ staffId: guide.id, kind: 'sick', from: '2026-11-30T16:00:00Z', to: '2026-12-01T16:00:00Z', reason: '感冒', emergency: false });
    await expectRefusals(t, 'leave.decide', [{ why: 'a guide is no lead', input: { leaveId: mine.id, approve: true, note: '' }, field: undefined, code: 'forbidden' }]);

    await t.signIn(f.lead.id, LEAD_PIN);
    const ok = await t.api['leave.decide']({ leaveId: mine.id, approve: true, note: '好好休息' });
    expect(ok).toMatchObject({ status: 'approved', decidedBy: f.lead.name, note: '好好休息' });
    await expectRefusals(t, 'leave.decide', [
      { why: 'decided twice', input: { leaveId: mine.id, approve: false, note: '' }, field: 'leaveId', code: 'conflict' },
      { why: 'no such leave', input: { leaveId: 'leave:BJ:2026-12-01:nope', approve: true, note: '' }, field: 'leaveId', code: 'not_found' },
    ]);
    const own = await t.api['leave.request']({ staffId: f.lead.id, kind: 'sick', from: '2026-12-03T00:00:00Z', to: '2026-12-04T00:00:00Z', reason: '看病', emergency: false });
    await expectRefusals(t, 'leave.decide', [{ why: 'one\'s own', input: { leaveId: own.id, approve: true, note: '' }, field: 'leaveId', code: 'forbidden' }]);

    await t.api['rota.set']({ date: '2026-12-01', staffId: guide.id, code: 'A' });
    const w = await t.api['rota.week']({ weekStart: '2026-11-30' });
    expect(w.staff.find((s) => s.staffId === guide.id)?.cells.slice(0, 3).map((c) => [c.code, c.leave])).toEqual([['OFF', null], ['A', 'sick'], ['OFF', null]]);
    expect((await t.api['leave.list']({ from: '2026-11-27', to: '2026-12-31' })).map((l) => l.status)).toEqual(['requested', 'approved', 'requested']);
    // A colleague sees that the lead is away, not why; her own reasons she sees.
    await t.signIn(guide.id, GUIDE_PIN);
    expect((await t.api['leave.list']({ from: '2026-11-27', to: '2026-12-31' })).map((l) => [l.name, l.reason])).toEqual([['王导医', '家中急事'], ['王导医', '感冒'], [f.lead.name, '']]);
  });
});

describe('sign-in (签到) and the lateness fine', () => {
  it('「嚴禁他人代簽」: another\'s PIN is refused, nothing written; a late sign-in says which desk and proposes ¥10, the second ¥20; a lead confirms', async () => {
    t = await startTestApp(); // 10:00 in the clinic, Friday 27 Nov 2026
    const f = await setUpClinic(t);
    const guide = await seedStaff(t, { role: 'guide', name: '王导医', pin: GUIDE_PIN });
    await t.api['rota.set']({ date: '2026-11-27', staffId: guide.id, code: 'A' });
    const before = await storeMark(t.app.store.db);
    await expectRefusals(t, 'attendance.sign', [
      { why: 'the lead\'s PIN for the guide', input: { staffId: guide.id, pin: LEAD_PIN, kind: 'in' }, field: 'pin' },
      { why: 'no PIN', input: { staffId: guide.id, pin: '', kind: 'in' }, field: 'pin' },
      { why: 'someone without a PIN', input: { staffId: f.consultant.id, pin: '0000', kind: 'in' }, field: 'staffId' },
      { why: 'sign-out before sign-in', input: { staffId: guide.id, pin: GUIDE_PIN, kind: 'out' }, field: 'kind', code: 'conflict' },
    ]);
    expect(await storeMark(t.app.store.db)).toEqual(before);

    const signed = await t.api['attendance.sign']({ staffId: guide.id, pin: GUIDE_PIN, kind: 'in' });
    expect(signed).toMatchObject({ name: '王导医', kind: 'in', deskId: t.app.store.deskId, lateMinutes: 120 });
    await expectRefusals(t, 'attendance.sign', [{ why: 'twice in a day', input: { staffId: guide.id, pin: GUIDE_PIN, kind: 'in' }, field: 'kind', code: 'conflict' }]);
    const day = await t.api['attendance.day']({});
    const row = day.rows.find((r) => r.staffId === guide.id)!;
    expect(row).toMatchObject({ code: 'A', state: 'present', lateMinutes: 120, signs: [{ kind: 'in', deskId: t.app.store.deskId }] });
    expect(row.fines).toEqual([{ kind: 'late', minutes: 120, occurrence: 1, earlier: [], proposedYuan: 10, status: 'proposed', amountYuan: null, decidedBy: null, note: '' }]);
    const doc = await t.app.store.db.get(signed.id);
    expect(headOfficeVerdict(doc)).toBeNull();

    // The guide may not confirm fines; the lead confirms hers.
    await t.signIn(guide.id, GUIDE_PIN);
    await expectRefusals(t, 'attendance.decideFine', [{ why: 'a guide', input: { date: '2026-11-27', staffId: guide.id, kind: 'late', confirm: true, amountYuan: null, note: '' }, field: undefined, code: 'forbidden' }]);
    await t.signIn(f.lead.id, LEAD_PIN);
    await expectRefusals(t, 'attendance.decideFine', [
      { why: 'no such proposal', input: { date: '2026-11-27', staffId: guide.id, kind: 'absent', confirm: true, amountYuan: 100, note: '' }, field: 'kind' },
      { why: 'a negative amount', input: { date: '2026-11-27', staffId: guide.id, kind: 'late', confirm: true, amountYuan: -1, note: '' }, field: 'amountYuan' },
    ]);
    const confirmed = await t.api['attendance.decideFine']({ date: '2026-11-27', staffId: guide.id, kind: 'late', confirm: true, amountYuan: null, note: '' });
    expect(confirmed.rows.find((r) => r.staffId === guide.id)?.fines).toMatchObject([{ kind: 'late', status: 'confirmed', amountYuan: 10, decidedBy: f.lead.name }]);
    await expectRefusals(t, 'attendance.decideFine', [{ why: 'twice', input: { date: '2026-11-27', staffId: guide.id, kind: 'late', confirm: true, amountYuan: null, note: '' }, field: 'kind', code: 'conflict' }]);

    // Monday: late again in the same month → the repeat fine; an absence has no amount until the lead enters it.
    t.clock.advance(3 * 24 * 60);
    await t.signIn(f.lead.id, LEAD_PIN); // sessions end after 12 idle hours
    await t.api['rota.set']({ date: '2026-11-30', staffId: guide.id, code: 'A' });
    await t.api['rota.set']({ date: '2026-11-30', staffId: f.consultant.id, code: 'B' });
    await t.api['attendance.sign']({ staffId: guide.id, pin: GUIDE_PIN, kind: 'in' });
    t.clock.advance(8 * 60); // 18:00: the consultant's shift B ended without her
    const monday = await t.api['attendance.day']({ date: '2026-11-30' });
    expect(monday.rows.find((r) => r.staffId === guide.id)?.fines.map((x) => [x.kind, x.proposedYuan, x.occurrence])).toEqual([['late', 20, 2]]);
    // The second lateness's slip lists the first one's day (issue 19: 员工过失处罚单, "the occurrence and earlier ones with dates").
    expect(monday.rows.find((r) => r.staffId === guide.id)?.fines[0]?.earlier).toEqual(['2026-11-27']);
    expect(monday.rows.find((r) => r.staffId === f.consultant.id)?.fines[0]?.earlier).toEqual([]);
    expect(monday.rows.find((r) => r.staffId === f.consultant.id)).toMatchObject({ state: 'absent', fines: [{ kind: 'absent', proposedYuan: null }] });
    await expectRefusals(t, 'attendance.decideFine', [{ why: 'an absence without its amount', input: { date: '2026-11-30', staffId: f.consultant.id, kind: 'absent', confirm: true, amountYuan: null, note: '' }, field: 'amountYuan' }]);
    await t.api['attendance.decideFine']({ date: '2026-11-30', staffId: f.consultant.id, kind: 'absent', confirm: false, amountYuan: null, note: '已补请病假' });
  });

  it('the helper of the boundary test leaves a late guide', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const guide = await lateGuide(t);
    expect((await t.api['attendance.day']({})).rows.find((r) => r.staffId === guide.id)?.lateMinutes).toBe(120);
  });
});

describe('triage offers only the people on shift', () => {
  it('a consultant on shift C (12:00–20:00) is refused at 10:00 and taken at 12:30; the old on/off list still decides where it is newer', async () => {
    t = await startTestApp(); // 10:00
    const f = await setUpClinic(t);
    const doctor = await t.api['staff.add']({ name: '赵医生', sex: 'M', role: 'doctor', departmentId: 'plastic-surgery', pin: null });
    await t.api['rota.set']({ date: '2026-11-27', staffId: f.consultant.id, code: 'C' });
    await t.api['rota.set']({ date: '2026-11-27', staffId: doctor.id, code: 'A' });
    const day = await t.api['duty.day']({});
    expect(day.rosterSet).toBe(true);
    expect(day.staff.map((s) => [s.name, s.onDuty])).toEqual([['李咨询', false], ['赵医生', true]]);
    const e = await refusal(t, 'desk.checkIn', firstVisit({}, { consultantId: f.consultant.id }));
    expect(e.field).toBe('visit.consultantId');
    await t.api['desk.checkIn'](firstVisit({ phone: '13900000001' }, { consultantId: doctor.id }));

    t.clock.advance(150); // 12:30
    await t.api['desk.checkIn'](firstVisit({ phone: '13900000002' }, { consultantId: f.consultant.id }));
    // A lead switches the doctor off on the desk's 当班 list (duty.set): newer, it wins.
    await t.api['duty.set']({ date: '2026-11-27', staffId: doctor.id, onDuty: false });
    expect((await t.api['duty.day']({})).staff.map((s) => [s.name, s.onDuty])).toEqual([['李咨询', true], ['赵医生', false]]);
    expect((await refusal(t, 'desk.checkIn', firstVisit({ phone: '13900000003' }, { consultantId: doctor.id }))).field).toBe('visit.consultantId');
  });

  it('migration 3 turns every on/off duty record into a rota cell without losing a day; triage reads the same', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const db = t.app.store.db;
    const days = ['2026-11-27', '2026-11-28', '2026-11-29', '2026-12-01'];
    for (const [i, date] of days.entries()) await t.api['duty.set']({ date, staffId: f.consultant.id, onDuty: i !== 2 });
    const beforeByDay = await Promise.all(days.map(async (d) => [...((await onDutyToday(db, 'BJ', d)) ?? [])]));
    // As a store of the version before: the cells are not there yet.
    await db.put({ _id: '_local/schema', _rev: (await db.get('_local/schema'))._rev, version: 2, name: 'staff roster fields' });
    const noCells = await db.allDocs({ startkey: 'rota:', endkey: 'rota:\ufff0' });
    expect(noCells.rows).toEqual([]);
    expect(await migrate(db, migrations)).toBe(3);
    const cells = await db.allDocs<{ date: string; code: string; updatedAt: string; staffId: string }>({ startkey: 'rota:', endkey: 'rota:\ufff0', include_docs: true });
    expect(cells.rows.map((r) => [r.doc!.date, r.doc!.code])).toEqual([['2026-11-27', 'DAY'], ['2026-11-28', 'DAY'], ['2026-11-29', 'OFF'], ['2026-12-01', 'DAY']]);
    for (const r of cells.rows) expect(headOfficeVerdict(r.doc!), r.id).toBeNull();
    expect(await Promise.all(days.map(async (d) => [...((await onDutyToday(db, 'BJ', d)) ?? [])]))).toEqual(beforeByDay);
    // Run again (another desk, a restart): nothing more.
    const seq = (await db.info()).update_seq;
    await db.put({ _id: '_local/schema', _rev: (await db.get('_local/schema'))._rev, version: 2, name: 'staff roster fields' });
    await migrate(db, migrations);
    expect((await db.info()).update_seq).toBe(seq);
  });
});
