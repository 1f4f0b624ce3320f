import { afterEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody, ErrorCode } from '../../shared/errors';
import { defaultTemplates, itemsFor } from '../../shared/inspection/templates';
import { staffDoc } from '../../shared/reference/schemas';
import { clinicValidation } from '../../src-main/sync/couch/validation';
import { CURRENT_SCHEMA_VERSION, migrate } from '../../src-main/store/migrations';
import { refusal, startTestApp, storeMark, type TestApp } from '../support/app';
import { addStaff, LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { fakeJpeg, groomingMarks, signInToRun } from '../support/valid/inspection';
import { openXlsx, sheetProblems } from '../support/xlsxTypes';

let t: TestApp;
afterEach(async () => t?.close());

/** Calls `operation` raw, expects a refusal naming `field` and a store that did not move. */
async function refused(operation: string, input: unknown, field: string, code: ErrorCode = 'invalid_input'): Promise<ApiErrorBody> {
  const error = await refusal(t, operation, input);
  expect({ code: error.code, field: error.field }, error.message).toEqual({ code, field });
  return error;
}

/** A clinic with a department head, a supervisor and two guides (a woman, a man) reporting to them. */
async function clinic() {
  t = await startTestApp();
  const f = await setUpClinic(t);
  const head = await seedStaff(t, { name: '赵主任', role: 'csDirector', departmentId: 'plastic-surgery', staffNumber: 'BJ001' });
  const supervisor = await seedStaff(t, { name: '钱组长', role: 'guideLead', departmentId: 'plastic-surgery', staffNumber: 'BJ002', deptHeadId: head.id });
  const anna = await addStaff(t, { name: '孙丽', sex: 'F', role: 'guide', departmentId: 'plastic-surgery', staffNumber: 'BJ101', supervisorId: supervisor.id, deptHeadId: head.id });
  const bo = await addStaff(t, { name: '李强', sex: 'M', role: 'guide', departmentId: 'plastic-surgery', staffNumber: 'BJ102', supervisorId: supervisor.id, deptHeadId: head.id });
  return { ...f, head, supervisor, anna, bo };
}

/** Time passes; the desk's session has long ended, so the lead signs in again. */
async function later(minutes: number) {
  t.clock.advance(minutes);
  const lead = (await t.anon['staff.list']({})).find((s) => s.role === 'guideLead' && s.name === '王主任')!;
  await t.signIn(lead.id, LEAD_PIN);
}

/** An inspection of `kind` of the two guides, run and signed by someone who may (the dean for 每周自查), then the lead is back. */
async function weekly(fails: { anna?: string[]; bo?: string[] } = {}, kind: 'weekly' | 'preShift' | 'headOffice' | 'rounds' = 'weekly') {
  const c = (await t.api['staff.list']({})).filter((s) => s.role === 'guide');
  const anna = c.find((s) => s.name === '孙丽')!;
  const bo = c.find((s) => s.name === '李强')!;
  await signInToRun(t, kind);
  const i = await t.api['inspection.start']({ kind, departmentId: 'plastic-surgery', templateKey: 'grooming' });
  await t.api['inspection.saveResult']({ inspectionId: i.id, staffId: anna.id, marks: groomingMarks('F', fails.anna ?? []), note: '' });
  await t.api['inspection.saveResult']({ inspectionId: i.id, staffId: bo.id, marks: groomingMarks('M', fails.bo ?? []), note: '' });
  const signed = await t.api['inspection.signOff']({ inspectionId: i.id });
  await later(0);
  return signed;
}

describe('staff roster fields (工号, supervisor, department head)', () => {
  it('are kept, changed, left as they were when not given, and checked', async () => {
    const c = await clinic();
    expect(c.anna).toMatchObject({ staffNumber: 'BJ101', supervisorId: c.supervisor.id, deptHeadId: c.head.id });
    const updated = await t.api['staff.update']({ id: c.anna.id, name: '孙丽', sex: 'F', role: 'guide', departmentId: 'plastic-surgery', active: true, pin: null });
    expect(updated).toMatchObject({ staffNumber: 'BJ101', supervisorId: c.supervisor.id });
    const cleared = await t.api['staff.update']({ id: c.anna.id, name: '孙丽', sex: 'F', role: 'guide', departmentId: 'plastic-surgery', active: true, pin: null, supervisorId: null, staffNumber: '' });
    expect(cleared).toMatchObject({ staffNumber: null, supervisorId: null, deptHeadId: c.head.id });
    const add = { name: '新人', sex: 'F' as const, role: 'guide' as const, departmentId: null, pin: null };
    await refused('staff.add', { ...add, supervisorId: 'staff:BJ:nobody' }, 'supervisorId');
    await refused('staff.add', { ...add, deptHeadId: 'clinic:BJ' }, 'deptHeadId');
    await refused('staff.add', { ...add, staffNumber: '1'.repeat(21) }, 'staffNumber');
    await refused('staff.update', { ...add, id: c.anna.id, active: true, supervisorId: c.anna.id }, 'supervisorId');
  });

  it('migration 2 gives old staff documents the fields (none), keeping their stamps', async () => {
    t = await startTestApp();
    const old = { _id: 'staff:BJ:old', type: 'staff', schemaVersion: 1, clinic: 'BJ', createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'x', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'x', name: '老员工', sex: 'F', role: 'guide', departmentId: null, active: true, pinHash: null };
    const db = t.app.store.db;
    await db.put(old);
    await db.put({ ...(await db.get('_local/schema')), version: 1 });
    // From version 1 it runs every later migration too (3 turns the duty list into the rota).
    expect(await migrate(db)).toBe(CURRENT_SCHEMA_VERSION);
    const doc = await db.get('staff:BJ:old');
    expect(doc).toMatchObject({ schemaVersion: 2, staffNumber: null, supervisorId: null, deptHeadId: null, updatedAt: old.updatedAt });
    expect(staffDoc.parse(doc).supervisorId).toBeNull();
    // An old document that never went through the migration still reads.
    const { _rev: _r, ...rest } = doc as typeof doc & { staffNumber: unknown };
    expect(staffDoc.parse({ ...old, ...{} }).staffNumber).toBeNull();
    expect(rest).toBeTruthy();
  });
});

describe('a whole weekly inspection', () => {
  it('picks items by sex, counts, keeps photos as attachments, signs off read-only, and every record passes head office', async () => {
    const c = await clinic();
    await signInToRun(t, 'weekly');
    const started = await t.api['inspection.start']({ kind: 'weekly', departmentId: 'plastic-surgery', templateKey: 'grooming' });
    expect(started).toMatchObject({ kind: 'weekly', templateKey: 'grooming', templateVersion: 0, inspectorName: '刘院长', signedAt: null });
    expect(started.id).toMatch(/^inspection:BJ:2026-11-27:[0-9a-z]{18}$/);
    expect(started.staff.map((s) => s.name).sort()).toEqual(['孙丽', '李强', '李咨询', '赵主任', '钱组长'].sort());
    expect(started.staff.find((s) => s.id === c.anna.id)).toMatchObject({ staffNumber: 'BJ101', supervisorName: '钱组长', deptHeadName: '赵主任' });
    // The superiors' 工号 for the slip's 连带 lines (issue 19).
    const annaLine = started.staff.find((s) => s.id === c.anna.id)!;
    expect([annaLine.supervisorStaffNumber, annaLine.deptHeadStaffNumber]).toEqual(['BJ002', 'BJ001']);

    // A man's result does not take a woman's items, and every item of his must be marked.
    await refused('inspection.saveResult', { inspectionId: started.id, staffId: c.bo.id, marks: groomingMarks('F'), note: '' }, 'marks.0.itemId');
    await refused('inspection.saveResult', { inspectionId: started.id, staffId: c.bo.id, marks: groomingMarks('M').slice(1), note: '' }, 'marks');
    const twice = groomingMarks('M');
    await refused('inspection.saveResult', { inspectionId: started.id, staffId: c.bo.id, marks: [...twice, twice[0]], note: '' }, 'marks.8.itemId');

    let v = await t.api['inspection.saveResult']({ inspectionId: started.id, staffId: c.anna.id, marks: groomingMarks('F', ['f-nails']), note: '指甲过长' });
    v = await t.api['inspection.saveResult']({ inspectionId: started.id, staffId: c.bo.id, marks: groomingMarks('M'), note: '' });
    // Saving again updates the one result: never a second record for the same person.
    v = await t.api['inspection.saveResult']({ inspectionId: started.id, staffId: c.anna.id, marks: groomingMarks('F', ['f-nails', 'f-makeup']), note: '指甲过长，浓妆' });
    expect(v.results).toHaveLength(2);
    const anna = v.results.find((r) => r.staffId === c.anna.id)!;
    expect(anna.marks).toHaveLength(itemsFor(defaultTemplates[0]!.items, 'F').length);
    expect(anna.marks.filter((m) => m.mark === 'fail').map((m) => m.itemId)).toEqual(['f-makeup', 'f-nails']);
    expect(v.penalties.map((p) => [p.staffName, p.itemId, p.proposed.measure])).toEqual([
      ['孙丽', 'f-makeup', 'warning'],
      ['孙丽', 'f-nails', 'warning'],
    ]);

    const photo = await t.api['inspection.attachPhoto']({ inspectionId: started.id, staffId: c.anna.id, itemId: 'f-nails', data: fakeJpeg(50_000) });
    expect(photo).toEqual({ name: 'photo-1-f-nails.jpg', bytes: 50_000 });
    const back = await t.api['inspection.photo']({ inspectionId: started.id, staffId: c.anna.id, name: photo.name });
    expect(back.contentType).toBe('image/jpeg');
    expect(back.data).toBe(fakeJpeg(50_000));
    // Marks saved again after a photo keep the photo.
    await t.api['inspection.saveResult']({ inspectionId: started.id, staffId: c.anna.id, marks: groomingMarks('F', ['f-nails', 'f-makeup']), note: '' });
    const withPhoto = await t.app.store.db.get(anna.id, { attachments: false });
    expect(Object.keys((withPhoto as { _attachments: object })._attachments)).toEqual([photo.name]);

    const signed = await t.api['inspection.signOff']({ inspectionId: started.id });
    expect(signed.signedByName).toBe('刘院长');
    expect(signed.signedAt).toBe('2026-11-27T02:00:00.000Z');

    // Read-only from now on: nothing is written.
    await refused('inspection.saveResult', { inspectionId: started.id, staffId: c.bo.id, marks: groomingMarks('M', ['m-shave']), note: '' }, 'inspectionId', 'conflict');
    await refused('inspection.attachPhoto', { inspectionId: started.id, staffId: c.anna.id, itemId: null, data: fakeJpeg() }, 'inspectionId', 'conflict');
    await refused('inspection.signOff', { inspectionId: started.id }, 'inspectionId', 'conflict');

    // A correction is a new event; the signed result stays as it was.
    const corrected = await t.api['inspection.correct']({ inspectionId: started.id, staffId: c.anna.id, itemId: 'f-makeup', mark: 'pass', reason: '复核：淡妆符合要求' });
    expect(corrected.corrections).toHaveLength(1);
    expect(corrected.penalties.map((p) => p.itemId)).toEqual(['f-nails']);
    expect(corrected.results.find((r) => r.staffId === c.anna.id)!.marks.find((m) => m.itemId === 'f-makeup')!.mark).toBe('fail');

    // Every document this wrote is one head office accepts, and head office refuses changing a signed one.
    const vdu = new Function(`return (${clinicValidation('BJ')});`)() as (n: object, o: object | null, u: object, s: object) => void;
    const ctx = { name: 'desk_bj', roles: ['clinic_BJ'] };
    const sec = { admins: { names: [], roles: [] }, members: { names: [], roles: ['clinic_BJ'] } };
    const all = await t.app.store.db.allDocs({ include_docs: true });
    const mine = all.rows.map((r) => r.doc as unknown as { _id: string; type?: string }).filter((d) => d.type?.startsWith('inspection') || d.type === 'staff');
    expect(mine.length).toBeGreaterThan(5);
    for (const d of mine) expect(() => vdu(d, null, ctx, sec), d._id).not.toThrow();
    // Decisions and events are written once: head office refuses a second revision.
    const penaltyDecided = await t.api['inspection.decidePenalty']({ inspectionId: started.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'warning', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, reason: '' });
    expect(penaltyDecided.penalties[0]!.decided).not.toBeNull();
    const written = (await t.app.store.db.allDocs({ include_docs: true })).rows.map((r) => r.doc as unknown as { _id: string; type?: string });
    for (const type of ['inspection-penalty', 'inspection-correction']) {
      const doc = written.find((d) => d.type === type)!;
      expect(() => vdu(doc, null, ctx, sec), type).not.toThrow();
      expect(() => vdu({ ...doc, reason: 'changed' }, doc, ctx, sec), type).toThrow();
    }
    const result = mine.find((d) => d.type === 'inspection-result')!;
    expect(() => vdu({ ...result, note: 'changed' }, result, ctx, sec)).toThrow();
    try {
      vdu({ ...result, note: 'changed' }, result, ctx, sec);
    } catch (err) {
      expect((err as { forbidden: string }).forbidden).toBe('signedAt: a signed record is read-only; record a correction instead');
    }
  });

  it('refuses bad photos, inactive staff, unknown records and empty inspections, writing nothing', async () => {
    const c = await clinic();
    await signInToRun(t, 'weekly');
    const i = await t.api['inspection.start']({ kind: 'weekly', departmentId: null, templateKey: 'grooming' });
    await refused('inspection.attachPhoto', { inspectionId: i.id, staffId: c.anna.id, itemId: null, data: fakeJpeg() }, 'staffId');
    await t.api['inspection.saveResult']({ inspectionId: i.id, staffId: c.anna.id, marks: groomingMarks('F'), note: '' });
    await refused('inspection.attachPhoto', { inspectionId: i.id, staffId: c.anna.id, itemId: null, data: fakeJpeg(190_000) }, 'data');
    await refused('inspection.attachPhoto', { inspectionId: i.id, staffId: c.anna.id, itemId: null, data: Buffer.from('%PDF-1.7 not a photo').toString('base64') }, 'data');
    await refused('inspection.attachPhoto', { inspectionId: i.id, staffId: c.anna.id, itemId: null, data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64') }, 'data');
    await refused('inspection.attachPhoto', { inspectionId: i.id, staffId: c.anna.id, itemId: null, data: 'not base64!' }, 'data');
    await refused('inspection.attachPhoto', { inspectionId: i.id, staffId: c.anna.id, itemId: null, data: 'A'.repeat(250_001) }, 'data');
    await refused('inspection.attachPhoto', { inspectionId: i.id, staffId: c.anna.id, itemId: 'm-shave', data: fakeJpeg() }, 'itemId');
    await refused('inspection.photo', { inspectionId: i.id, staffId: c.anna.id, name: 'photo-9-all.jpg' }, 'name', 'not_found');

    await t.api['staff.update']({ id: c.bo.id, name: '李强', sex: 'M', role: 'guide', departmentId: 'plastic-surgery', active: false, pin: null });
    await refused('inspection.saveResult', { inspectionId: i.id, staffId: c.bo.id, marks: groomingMarks('M'), note: '' }, 'staffId');
    await refused('inspection.saveResult', { inspectionId: i.id, staffId: 'staff:BJ:nobody', marks: groomingMarks('M'), note: '' }, 'staffId', 'not_found');
    await refused('inspection.saveResult', { inspectionId: 'inspection:BJ:2026-11-27:nope', staffId: c.anna.id, marks: groomingMarks('F'), note: '' }, 'inspectionId', 'not_found');
    await refused('inspection.saveResult', { inspectionId: c.anna.id, staffId: c.anna.id, marks: groomingMarks('F'), note: '' }, 'inspectionId', 'not_found');
    await refused('inspection.saveResult', { inspectionId: i.id, staffId: c.anna.id, marks: [], note: '' }, 'marks');
    await refused('inspection.saveResult', { inspectionId: i.id, staffId: c.anna.id, marks: groomingMarks('F').map((m) => ({ ...m, mark: 'ok' })), note: '' }, 'marks.0.mark');
    await refused('inspection.start', { kind: 'daily', departmentId: null, templateKey: 'grooming' }, 'kind');
    await refused('inspection.start', { kind: 'weekly', departmentId: 'nope', templateKey: 'grooming' }, 'departmentId');
    await refused('inspection.start', { kind: 'weekly', departmentId: null, templateKey: 'nope' }, 'templateKey', 'not_found');
    const empty = await t.api['inspection.start']({ kind: 'weekly', departmentId: null, templateKey: 'behaviour' });
    await refused('inspection.signOff', { inspectionId: empty.id }, 'inspectionId');
    await refused('inspection.correct', { inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', mark: 'fail', reason: 'x' }, 'inspectionId', 'conflict');
    // Only the inspection's own people; the inactive stay in the history, not in the list to inspect.
    expect((await t.api['inspection.get']({ inspectionId: i.id })).staff.map((s) => s.name)).not.toContain('李强');
  });
});

describe('the penalty ladder over the weeks', () => {
  it('proposes warning, then ¥50 for three, then ¥200 + 留岗查看; a person confirms or changes with a reason', async () => {
    const c = await clinic();
    const first = await weekly({ anna: ['f-nails'] });
    expect(first.penalties).toMatchObject([{ staffId: c.anna.id, itemId: 'f-nails', occurrence: 1, ladder: 'self', proposed: { measure: 'warning', informSuperiors: true }, decided: null }]);
    await t.api['inspection.decidePenalty']({ inspectionId: first.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'warning', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, reason: '' });

    await later(7 * 24 * 60);
    const second = await weekly({ anna: ['f-nails', 'f-makeup'] });
    // 再次违反: her second violation is the 2nd step whatever the item (the default reading, docs/inspection.md).
    expect(second.penalties.map((p) => [p.itemId, p.occurrence, p.proposed.measure, p.proposed.amount, p.proposed.supervisorAmount])).toEqual([
      ['f-makeup', 2, 'fine', 50, 50],
      ['f-nails', 2, 'fine', 50, 50],
    ]);
    // The slip lists the earlier failure the ladder counted, with its date (issue 19): the nails a week ago.
    expect(second.penalties.map((p) => [p.itemId, p.earlier])).toEqual([
      ['f-makeup', [{ date: first.date, sameItem: false }]],
      ['f-nails', [{ date: first.date, sameItem: true }]],
    ]);
    // A different decision without a reason is refused; ¥100 for all three is within the rule; no amount between ¥50 and ¥100, reason or not.
    await refused('inspection.decidePenalty', { inspectionId: second.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'fine', amount: 100, supervisorAmount: 50, deptHeadAmount: 50, reason: '' }, 'reason');
    await refused('inspection.decidePenalty', { inspectionId: second.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'fine', amount: 75, supervisorAmount: 75, deptHeadAmount: 75, reason: '情节一般' }, 'amount');
    await refused('inspection.decidePenalty', { inspectionId: second.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'fine', amount: 150, supervisorAmount: 150, deptHeadAmount: 150, reason: '情节严重' }, 'amount');
    const decided = await t.api['inspection.decidePenalty']({ inspectionId: second.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'fine', amount: 100, supervisorAmount: 100, deptHeadAmount: 100, reason: '' });
    expect(decided.penalties.find((p) => p.itemId === 'f-nails')!.decided).toMatchObject({ amount: 100, supervisorAmount: 100, byName: '王主任' });
    await refused('inspection.decidePenalty', { inspectionId: second.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'fine', amount: 50, supervisorAmount: 50, deptHeadAmount: 50, reason: '' }, 'itemId', 'conflict');
    await refused('inspection.decidePenalty', { inspectionId: second.id, staffId: c.bo.id, itemId: 'm-shave', measure: 'warning', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, reason: '' }, 'itemId');

    await later(7 * 24 * 60);
    const third = await weekly({ anna: ['f-nails'] });
    expect(third.penalties[0]!.earlier.map((e) => e.date)).toEqual([first.date, second.date, second.date]); // oldest first, each failure of the window
    expect(third.penalties[0]).toMatchObject({ occurrence: 3, proposed: { measure: 'fineProbation', amount: 200, supervisorAmount: 200, deptHeadAmount: 200 } });
    const changed = await t.api['inspection.decidePenalty']({ inspectionId: third.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'fine', amount: 100, supervisorAmount: 0, deptHeadAmount: 0, reason: '本人已当场整改，院长同意减轻' });
    expect(changed.penalties[0]!.decided).toMatchObject({ measure: 'fine', amount: 100, reason: '本人已当场整改，院长同意减轻' });

    // Head office's rounds climb their own ladder: the clinic's findings do not count there.
    const rounds = await weekly({ anna: ['f-nails'] }, 'rounds');
    expect(rounds.penalties[0]).toMatchObject({ occurrence: 1, ladder: 'headOffice', proposed: { measure: 'criticism' } });
  });

  it('the clinic may count “再次违反” by the same item only (the other reading of seed 001); the 3rd step is the same problem either way', async () => {
    const c = await clinic();
    await weekly({ anna: ['f-nails'] });
    await t.api['inspection.updateSettings']({ penaltyWindowMonths: 12, flatAmount: null, flatKinds: [], repeatCounting: 'sameItem' });
    expect(await t.api['inspection.settings']({})).toEqual({ penaltyWindowMonths: 12, flatAmount: null, flatKinds: [], repeatCounting: 'sameItem' });
    await later(7 * 24 * 60);
    const second = await weekly({ anna: ['f-nails', 'f-makeup'] });
    expect(second.penalties.map((p) => [p.itemId, p.occurrence, p.proposed.measure])).toEqual([
      ['f-makeup', 1, 'warning'],
      ['f-nails', 2, 'fine'],
    ]);
    await refused('inspection.updateSettings', { penaltyWindowMonths: 12, flatAmount: null, flatKinds: [], repeatCounting: 'whatever' }, 'repeatCounting');
    // Back to the default: the same records now read as her second violation.
    await t.api['inspection.updateSettings']({ penaltyWindowMonths: 12, flatAmount: null, flatKinds: [], repeatCounting: 'anyViolation' });
    expect((await t.api['inspection.get']({ inspectionId: second.id })).penalties.find((p) => p.itemId === 'f-makeup')).toMatchObject({ occurrence: 2 });
    expect(c.anna.name).toBe('孙丽');
  });

  it('deciding needs a signed inspection and an admin', async () => {
    const c = await clinic();
    await signInToRun(t, 'weekly');
    const i = await t.api['inspection.start']({ kind: 'weekly', departmentId: null, templateKey: 'grooming' });
    await t.api['inspection.saveResult']({ inspectionId: i.id, staffId: c.anna.id, marks: groomingMarks('F', ['f-nails']), note: '' });
    const decide = { inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'warning', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, reason: '' };
    await refused('inspection.decidePenalty', decide, 'inspectionId', 'conflict');
    await t.api['inspection.signOff']({ inspectionId: i.id });
    await t.api['staff.update']({ id: c.anna.id, name: '孙丽', sex: 'F', role: 'guide', departmentId: 'plastic-surgery', active: true, pin: '5678' });
    await t.signIn(c.anna.id, '5678');
    const before = await storeMark(t.app.store.db);
    const r = await t.app.dispatcher.invoke('inspection.decidePenalty', decide, t.session());
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await storeMark(t.app.store.db)).toEqual(before);
    await t.signIn(c.lead.id, LEAD_PIN);
  });

  it('the window (clinic setting) forgets older failures; the flat rule replaces the ladder at the pre-shift check', async () => {
    const c = await clinic();
    await weekly({ anna: ['f-nails'] });
    await later(60 * 24 * 60); // two months later
    expect((await weekly({ anna: ['f-nails'] })).penalties[0]!.occurrence).toBe(2);
    await t.api['inspection.updateSettings']({ penaltyWindowMonths: 1, flatAmount: 10, flatKinds: ['preShift'] });
    expect(await t.api['inspection.settings']({})).toEqual({ penaltyWindowMonths: 1, flatAmount: 10, flatKinds: ['preShift'] });
    await later(60 * 24 * 60);
    expect((await weekly({ anna: ['f-nails'] })).penalties[0]!.occurrence).toBe(1);
    const preShift = await weekly({ anna: ['f-nails'], bo: ['m-shave'] }, 'preShift');
    expect(preShift.penalties.map((p) => [p.staffName, p.ladder, p.proposed.measure, p.proposed.amount]).sort()).toEqual([
      ['孙丽', 'flat', 'flatFine', 10],
      ['李强', 'flat', 'flatFine', 10],
    ]);
    expect(c.anna.name).toBe('孙丽');
    await refused('inspection.updateSettings', { penaltyWindowMonths: 0, flatAmount: null, flatKinds: [] }, 'penaltyWindowMonths');
    await refused('inspection.updateSettings', { penaltyWindowMonths: 12, flatAmount: 0, flatKinds: [] }, 'flatAmount');
    await refused('inspection.updateSettings', { penaltyWindowMonths: 12, flatAmount: null, flatKinds: ['daily'] }, 'flatKinds.0');
  });
});

describe('checklist templates', () => {
  it('an edit makes a new version; old inspections keep the items they used; stale or empty edits are refused', async () => {
    const c = await clinic();
    await signInToRun(t, 'weekly');
    const before = await t.api['inspection.start']({ kind: 'weekly', departmentId: null, templateKey: 'behaviour' });
    const behaviour = defaultTemplates.find((x) => x.key === 'behaviour')!;
    const v1 = await t.api['inspection.saveTemplate']({ key: 'behaviour', name: '日常行为规范', items: [...behaviour.items, { id: 'b-name-tag', label: '佩戴工牌', sex: null }], baseVersion: 0 });
    expect(v1).toMatchObject({ version: 1, builtIn: false, basedOn: 'default:behaviour' });
    await refused('inspection.saveTemplate', { key: 'behaviour', name: 'x', items: behaviour.items, baseVersion: 0 }, 'baseVersion', 'conflict');
    await refused('inspection.saveTemplate', { key: 'behaviour', name: 'x', items: [], baseVersion: 1 }, 'items');
    await refused('inspection.saveTemplate', { key: 'behaviour', name: 'x', items: [behaviour.items[0], behaviour.items[0]], baseVersion: 1 }, 'items.1.id');
    await refused('inspection.saveTemplate', { key: 'Behaviour!', name: 'x', items: behaviour.items, baseVersion: 1 }, 'key');
    const v2 = await t.api['inspection.saveTemplate']({ key: 'behaviour', name: '日常行为规范（修订）', items: [{ id: 'b-smile', label: '微笑并主动问候', sex: null }], baseVersion: 1 });
    expect(v2.version).toBe(2);
    // A copy under a new key starts at version 1.
    expect(await t.api['inspection.saveTemplate']({ key: 'our-grooming', name: '本院仪容', items: defaultTemplates[1]!.items, baseVersion: 0 })).toMatchObject({ version: 1, basedOn: 'new' });
    const list = await t.api['inspection.templates']({});
    expect(list.map((x) => [x.key, x.version])).toEqual([
      ['grooming', 0],
      ['grooming-strict', 0],
      ['behaviour', 2],
      ['our-grooming', 1],
    ]);
    const after = await t.api['inspection.start']({ kind: 'weekly', departmentId: null, templateKey: 'behaviour' });
    expect(after).toMatchObject({ templateVersion: 2, templateName: '日常行为规范（修订）' });
    expect(after.items).toHaveLength(1);
    const old = await t.api['inspection.get']({ inspectionId: before.id });
    expect(old).toMatchObject({ templateVersion: 0, templateName: '日常行为规范' });
    expect(old.items).toHaveLength(behaviour.items.length);
    await t.api['inspection.saveResult']({ inspectionId: before.id, staffId: c.anna.id, marks: behaviour.items.map((i) => ({ itemId: i.id, mark: 'pass', note: '' })), note: '' });
  });
});

describe('the week, the month and the 服务之星', () => {
  it('this week’s self-inspection turns done when signed; the month sums up; a star is chosen once', async () => {
    const c = await clinic();
    let s = await t.api['inspection.status']({});
    expect(s).toMatchObject({ today: '2026-11-27', week: { from: '2026-11-23', to: '2026-11-29', status: 'due' }, month: { month: '2026-11', headOfficeVisit: 'due' }, unsigned: [] });
    await signInToRun(t, 'weekly');
    const open = await t.api['inspection.start']({ kind: 'weekly', departmentId: null, templateKey: 'grooming' });
    expect((await t.api['inspection.status']({})).unsigned.map((u) => u.id)).toEqual([open.id]);
    await later(24 * 60); // Saturday
    expect((await t.api['inspection.status']({})).week.status).toBe('overdue');
    await weekly({ anna: ['f-nails', 'f-makeup'] });
    await weekly({ anna: ['f-nails'] }, 'headOffice');
    s = await t.api['inspection.status']({});
    expect(s).toMatchObject({ week: { status: 'done' }, month: { headOfficeVisit: 'done' }, year: { year: '2026', rounds: 'due' } });

    const sum = await t.api['inspection.monthSummary']({ month: '2026-11' });
    expect(sum.inspections).toEqual({ total: 2, byKind: { weekly: 1, headOffice: 1 } }); // the unsigned one is not done
    expect(sum.items.find((i) => i.itemId === 'f-nails')).toMatchObject({ pass: 0, fail: 2, rate: 0 });
    expect(sum.items.find((i) => i.itemId === 'm-shave')).toMatchObject({ pass: 2, fail: 0, rate: 1 });
    expect(sum.repeatOffenders).toEqual([{ staffId: c.anna.id, name: '孙丽', failures: 3 }]);
    expect(sum.candidates.map((x) => x.name)).toEqual(['李强']);
    expect(sum.departments).toEqual([{ departmentId: 'plastic-surgery', inspected: 4, pass: 2 * 13 - 3 + 2 * 8, fail: 3 }]);
    expect(sum.star).toBeNull();
    const chosen = await t.api['inspection.chooseStar']({ month: '2026-11', staffId: c.bo.id, reason: '本月检查全部合格，顾客表扬两次' });
    expect(chosen.star).toMatchObject({ staffId: c.bo.id, name: '李强', chosenBy: '王主任' });
    await refused('inspection.chooseStar', { month: '2026-11', staffId: c.anna.id, reason: 'x' }, 'month', 'conflict');
    await refused('inspection.chooseStar', { month: '2026-13', staffId: c.anna.id, reason: 'x' }, 'month');
    await refused('inspection.chooseStar', { month: '2026-12', staffId: c.anna.id, reason: '' }, 'reason');
    // The month exports as .xlsx with the printed figures, typed cells and Chinese names (issue 19).
    const file = await t.api['inspection.monthXlsx']({ month: '2026-11' });
    expect(file.filename).toMatch(/^仪容仪表检查月汇总-[A-Z0-9]+-2026-11\.xlsx$/);
    const book = await openXlsx(file.base64);
    expect(sheetProblems(book)).toEqual([]);
    expect(book.worksheets.map((w) => w.name)).toEqual(['本月汇总', '按部门', '各条目合格率', '本月检查', '屡犯人员']);
    const figures = Object.fromEntries(book.getWorksheet('本月汇总')!.getSheetValues().slice(2).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
    expect(figures).toMatchObject({ 已签字检查: 2, '其中 每周自查': 1, '其中 服务质量检查小组': 1, 服务之星: '李强（本月检查全部合格，顾客表扬两次）' });
    const dept = book.getWorksheet('按部门')!.getRow(2);
    expect([dept.getCell(2).value, dept.getCell(3).value, dept.getCell(4).value, dept.getCell(5).value]).toEqual([4, 2 * 13 - 3 + 2 * 8, 3, (2 * 13 - 3 + 2 * 8) / (2 * 13 + 2 * 8)]);
    const nails = book.getWorksheet('各条目合格率')!.getRows(2, 40)!.find((r) => r.getCell(1).value === sum.items.find((i) => i.itemId === 'f-nails')!.label)!;
    expect([nails.getCell(2).value, nails.getCell(3).value, nails.getCell(4).value]).toEqual([0, 2, 0]);
    const lines = book.getWorksheet('本月检查')!.getRows(2, 3)!;
    expect(lines.map((r) => r.getCell(7).value).sort()).toEqual(['已签字', '已签字', '未签字']);
    expect(lines.every((r) => r.getCell(1).value instanceof Date)).toBe(true);
    expect(book.getWorksheet('屡犯人员')!.getRow(2).values).toEqual([undefined, '孙丽', 3]);
    await refused('inspection.monthXlsx', { month: '2026-13' }, 'month');
    await refused('inspection.monthXlsx', { month: 202611 }, 'month');
    await refused('inspection.monthXlsx', { month: '2026-11', extra: 1 }, 'extra');
    expect((await t.api['inspection.list']({ month: '2026-11' })).length).toBe(3);
    // The one started by mistake is set aside with a reason (by whoever may run a 每周自查): off the list to continue, read-only.
    await signInToRun(t, 'weekly');
    await refused('inspection.discard', { inspectionId: open.id, reason: '' }, 'reason');
    const setAside = await t.api['inspection.discard']({ inspectionId: open.id, reason: '误开，重新开始' });
    expect(setAside).toMatchObject({ discardReason: '误开，重新开始', discardedAt: expect.any(String) });
    expect((await t.api['inspection.status']({})).unsigned).toEqual([]);
    await refused('inspection.saveResult', { inspectionId: open.id, staffId: c.anna.id, marks: groomingMarks('F'), note: '' }, 'inspectionId', 'conflict');
    await refused('inspection.signOff', { inspectionId: open.id }, 'inspectionId', 'conflict');
    await refused('inspection.discard', { inspectionId: open.id, reason: 'again' }, 'inspectionId', 'conflict');
    const signedOne = (await t.api['inspection.list']({ month: '2026-11' })).find((x) => x.signedAt)!;
    await refused('inspection.discard', { inspectionId: signedOne.id, reason: 'x' }, 'inspectionId', 'conflict');
    expect(await t.api['inspection.list']({ month: '2026-10' })).toEqual([]);
    await weekly({}, 'rounds');
    expect((await t.api['inspection.status']({})).year.rounds).toBe('done');
  });
});

describe('every inspection operation refuses bad input by field, and admins’ operations refuse others', () => {
  it('missing, wrong-typed, out-of-range and unknown values', async () => {
    const c = await clinic();
    await signInToRun(t, 'weekly');
    const i = await t.api['inspection.start']({ kind: 'weekly', departmentId: null, templateKey: 'grooming' });
    const cases: [string, unknown, string, ErrorCode?][] = [
      ['inspection.saveTemplate', {}, 'key'],
      ['inspection.saveTemplate', { key: 'x', name: '', items: [{ id: 'a', label: 'b', sex: null }], baseVersion: 0 }, 'name'],
      ['inspection.saveTemplate', { key: 'x', name: 'n', items: [{ id: 'a', label: '', sex: null }], baseVersion: 0 }, 'items.0.label'],
      ['inspection.saveTemplate', { key: 'x', name: 'n', items: [{ id: 'a', label: 'b', sex: 'X' }], baseVersion: 0 }, 'items.0.sex'],
      ['inspection.saveTemplate', { key: 'x', name: 'n', items: [{ id: 'A B', label: 'b', sex: null }], baseVersion: 0 }, 'items.0.id'],
      ['inspection.saveTemplate', { key: 'x', name: 'n', items: Array.from({ length: 81 }, (_, n) => ({ id: `i${n}`, label: 'b', sex: null })), baseVersion: 0 }, 'items'],
      ['inspection.saveTemplate', { key: 'x', name: 'n', items: [{ id: 'a', label: 'b', sex: null }], baseVersion: -1 }, 'baseVersion'],
      ['inspection.saveTemplate', { key: 'x', name: 'n', items: [{ id: 'a', label: 'b', sex: null }], baseVersion: 3 }, 'baseVersion', 'conflict'],
      ['inspection.updateSettings', {}, 'penaltyWindowMonths'],
      ['inspection.updateSettings', { penaltyWindowMonths: 37, flatAmount: null, flatKinds: [] }, 'penaltyWindowMonths'],
      ['inspection.updateSettings', { penaltyWindowMonths: 1.5, flatAmount: null, flatKinds: [] }, 'penaltyWindowMonths'],
      ['inspection.updateSettings', { penaltyWindowMonths: 12, flatAmount: '10', flatKinds: [] }, 'flatAmount'],
      ['inspection.list', {}, 'month'],
      ['inspection.list', { month: '2026-1' }, 'month'],
      ['inspection.start', {}, 'kind'],
      ['inspection.start', { kind: 'weekly', departmentId: null }, 'templateKey'],
      ['inspection.get', {}, 'inspectionId'],
      ['inspection.get', { inspectionId: '' }, 'inspectionId'],
      ['inspection.get', { inspectionId: 'x'.repeat(121) }, 'inspectionId'],
      ['inspection.get', { inspectionId: 'inspection:BJ:2026-11-27:none' }, 'inspectionId', 'not_found'],
      ['inspection.get', { inspectionId: c.anna.id }, 'inspectionId', 'not_found'],
      ['inspection.saveResult', { inspectionId: i.id, staffId: c.anna.id, marks: groomingMarks('F'), note: '长'.repeat(501) }, 'note'],
      ['inspection.saveResult', { inspectionId: i.id, staffId: c.anna.id, marks: groomingMarks('F').map((m) => ({ ...m, note: 'a\u0000b' })), note: '' }, 'marks.0.note'],
      ['inspection.attachPhoto', { inspectionId: i.id, staffId: c.anna.id, itemId: null }, 'data'],
      ['inspection.attachPhoto', { inspectionId: i.id, staffId: c.anna.id, itemId: null, data: '' }, 'data'],
      ['inspection.photo', { inspectionId: i.id, staffId: c.anna.id, name: '../../etc/passwd' }, 'name'],
      ['inspection.signOff', {}, 'inspectionId'],
      ['inspection.correct', { inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', mark: 'fail', reason: '' }, 'reason'],
      ['inspection.decidePenalty', { inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'jail', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, reason: '' }, 'measure'],
      ['inspection.decidePenalty', { inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'fine', amount: -5, supervisorAmount: 0, deptHeadAmount: 0, reason: '' }, 'amount'],
      ['inspection.decidePenalty', { inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'fine', amount: 50.5, supervisorAmount: 0, deptHeadAmount: 0, reason: '' }, 'amount'],
      ['inspection.decidePenalty', { inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'fine', amount: 100_001, supervisorAmount: 0, deptHeadAmount: 0, reason: '' }, 'amount'],
      ['inspection.monthSummary', { month: 202611 }, 'month'],
      ['inspection.chooseStar', { month: '2026-11', staffId: 'staff:BJ:nobody', reason: 'x' }, 'staffId', 'not_found'],
    ];
    for (const [op, input, field, code] of cases) await refused(op, input, field, code);

    // A guide may not decide penalties, edit checklists or settings, or choose the star.
    await t.api['staff.update']({ id: c.anna.id, name: '孙丽', sex: 'F', role: 'guide', departmentId: 'plastic-surgery', active: true, pin: '5678' });
    await t.signIn(c.anna.id, '5678');
    const forbidden: [string, unknown][] = [
      ['inspection.saveTemplate', { key: 'behaviour', name: 'x', items: defaultTemplates[2]!.items, baseVersion: 0 }],
      ['inspection.updateSettings', { penaltyWindowMonths: 12, flatAmount: null, flatKinds: [] }],
      ['inspection.chooseStar', { month: '2026-11', staffId: c.bo.id, reason: 'x' }],
    ];
    for (const [op, input] of forbidden) {
      const before = await storeMark(t.app.store.db);
      expect(await t.app.dispatcher.invoke(op, input, t.session()), op).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await storeMark(t.app.store.db)).toEqual(before);
    }
    expect(await t.api['inspection.status']({})).toMatchObject({ week: { status: 'due' } });
  });
});

describe('only signed inspections count on the ladder', () => {
  it('a half-done inspection escalates nothing; once signed, it does', async () => {
    const c = await clinic();
    await signInToRun(t, 'weekly');
    const open = await t.api['inspection.start']({ kind: 'weekly', departmentId: null, templateKey: 'grooming' });
    await t.api['inspection.saveResult']({ inspectionId: open.id, staffId: c.anna.id, marks: groomingMarks('F', ['f-nails']), note: '' });
    await later(60);
    const next = await weekly({ anna: ['f-nails'] });
    expect(next.penalties[0]).toMatchObject({ occurrence: 1 });
    await signInToRun(t, 'weekly');
    await t.api['inspection.signOff']({ inspectionId: open.id });
    expect((await t.api['inspection.get']({ inspectionId: next.id })).penalties[0]).toMatchObject({ occurrence: 2, proposed: { measure: 'fine' } });
  });
});

describe('a lead corrects a penalty decision (issue 21)', () => {
  it('keeps the decision and each correction (who, when, why); the slip and the month count the latest', async () => {
    const c = await clinic();
    const month = () => t.api['inspection.monthSummary']({ month: t.clock.now.toISOString().slice(0, 7) });
    const i = await weekly({ anna: ['f-nails'] });
    await t.api['inspection.decidePenalty']({ inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'fine', amount: 50, supervisorAmount: 0, deptHeadAmount: 0, reason: '首次即罚' });
    expect((await month()).penalties).toEqual({ count: 1, total: 50 });
    t.clock.advance(5);
    const corrected = await t.api['inspection.correctPenalty']({ inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'warning', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, reason: '复核：首次违反按规定只警告' });
    const line = corrected.penalties[0]!;
    expect(line.decided).toMatchObject({ measure: 'fine', amount: 50, reason: '首次即罚', byName: '王主任' });
    expect(line.corrections).toEqual([{ measure: 'warning', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, reason: '复核：首次违反按规定只警告', by: c.lead.id, byName: '王主任', at: t.clock.now.toISOString() }]);
    expect((await month()).penalties).toEqual({ count: 1, total: 0 });
    // Both documents are on disk; the decision itself is untouched.
    const penalty = await t.app.store.db.get<{ amount: number }>(`inspection-penalty:BJ:${i.date}:${i.id.split(':').at(-1)}:${c.anna.id.split(':').at(-1)}:f-nails`);
    expect(penalty.amount).toBe(50);
    const corrections = await t.app.store.db.allDocs({ startkey: 'inspection-penalty-correction:BJ:', endkey: 'inspection-penalty-correction:BJ:\ufff0' });
    expect(corrections.rows).toHaveLength(1);
  });

  it('needs a reason, a decided penalty, a lead (not of herself), amounts the rule allows; nothing written on refusal', async () => {
    const c = await clinic();
    const i = await weekly({ anna: ['f-nails'], bo: ['m-shave'] });
    await t.api['inspection.decidePenalty']({ inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'warning', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, reason: '' });
    const fix = { inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'warning', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, reason: '复核' };
    await refused('inspection.correctPenalty', { ...fix, reason: '' }, 'reason');
    await refused('inspection.correctPenalty', { ...fix, reason: '   ' }, 'reason');
    await refused('inspection.correctPenalty', { ...fix, reason: '因'.repeat(201) }, 'reason');
    await refused('inspection.correctPenalty', { ...fix, amount: 'fifty' }, 'amount');
    await refused('inspection.correctPenalty', { ...fix, extra: 1 }, 'extra');
    await refused('inspection.correctPenalty', { ...fix, inspectionId: 'inspection:BJ:2026-11-27:NOPE' }, 'inspectionId', 'not_found');
    await refused('inspection.correctPenalty', { ...fix, itemId: 'f-makeup' }, 'itemId');
    await refused('inspection.correctPenalty', { ...fix, staffId: c.bo.id, itemId: 'm-shave' }, 'itemId', 'conflict');
    const guide = await addStaff(t, { name: '小林', role: 'guide', pin: '2468' });
    await t.signIn(guide.id, '2468');
    expect((await refusal(t, 'inspection.correctPenalty', fix)).code).toBe('forbidden');
  });
});
