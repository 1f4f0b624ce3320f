import { describe, expect, it } from 'vitest';
import type { Period } from '../../shared/headoffice/schemas';
import type { StaffDoc } from '../../shared/reference/schemas';
import { clinicDate } from '../../shared/time';
import { complaintFigures, inspectionFigures } from '../../shared/headoffice/qualityRules';
import { complaintFacts, inspectionFacts } from '../../src-main/headoffice/facts';
import { forgetQualityFacts, keptComplaintFacts, keptInspectionFacts, qualityStats } from '../../src-main/headoffice/qualityCache';
import { listClinics } from '../../src-main/headoffice/repo';
import { writeYear } from '../../scripts/benchData';
import { startTestApp, tempDir, type TestApp } from '../support/app';
import { testWorld } from '../support/world';

/**
 * Head office's 投诉 and 仪容检查 figures come from facts kept in memory and refreshed from the
 * changes feed (src-main/headoffice/qualityCache.ts, issue 16). They must equal what reading every
 * complaint and inspection document gives (facts.ts, the former per-ask read) after writes, edits,
 * deletes, a change to what a case view reads besides the cases (a complaint number) and the
 * clock moving on (deadlines fall due).
 */
const { defer } = testWorld();

const year: Period = { from: '2026-01-01', to: '2026-12-31', clinic: null, grain: 'month' };
const periods: Period[] = [
  year,
  { ...year, clinic: 'SH' },
  { from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'day' },
  { from: '2026-03-04', to: '2026-05-19', clinic: 'BJ', grain: 'week' },
  { from: '2025-12-01', to: '2026-02-10', clinic: null, grain: 'month' },
];

async function headOfficeWithYear(dir?: string): Promise<{ t: TestApp; reader: StaffDoc }> {
  const t = await startTestApp({ now: new Date('2026-12-28T02:00:00Z'), ...(dir ? { dir } : {}) });
  defer(() => t.close());
  await t.anon['headoffice.setup']({ url: 'http://127.0.0.1:9', username: 'ho', password: 'test-pw', director: { name: '总监', sex: 'F', role: 'hoCsDirector', pin: '1234' } });
  await t.app.sync.disconnect();
  const director = (await t.anon['staff.list']({}))[0]!;
  await t.signIn(director.id, '1234');
  // Documents up to the end of the year, looked at from late December: some deadlines still run.
  await writeYear(t.app.store.db, 6_000, 2026, new Date('2026-12-28T02:00:00Z'), director.id, ['BJ', 'SH']);
  return { t, reader: await t.app.store.db.get<StaffDoc>(director.id) };
}

/** The kept facts equal the per-ask read, and the figures the contract answers are the read's. */
async function expectSameAsTheRead(t: TestApp, reader: StaffDoc) {
  const db = t.app.store.db;
  const clinics = await listClinics(db);
  const names = new Map(clinics.map((c) => [c.code, c.name]));
  const now = t.clock.now;
  for (const period of periods) {
    const [readCases, keptCases, readMarks, keptMarks] = await Promise.all([
      complaintFacts(db, clinics, period, reader, now),
      keptComplaintFacts(db, clinics, period, reader, now),
      inspectionFacts(db, clinics, period, clinicDate(now)),
      keptInspectionFacts(db, clinics, period, clinicDate(now)),
    ]);
    expect(keptCases, `complaint facts ${JSON.stringify(period)}`).toEqual(readCases);
    expect(keptMarks, `inspection facts ${JSON.stringify(period)}`).toEqual(readMarks);
    expect(await t.api['headoffice.complaints'](period)).toEqual(complaintFigures(period, readCases, names));
    expect(await t.api['headoffice.inspections'](period)).toEqual(inspectionFigures(period, readMarks, names));
  }
}

type Doc = { _id: string; _rev: string; [k: string]: unknown };

async function docsOf(t: TestApp, prefix: string): Promise<Doc[]> {
  const res = await t.app.store.db.allDocs<Doc>({ include_docs: true, startkey: prefix, endkey: `${prefix}\ufff0` });
  return res.rows.map((r) => r.doc!);
}

describe('head office: complaint and inspection figures kept from the changes feed', () => {
  it('equal the read of every document after writes, edits, deletes and the clock moving on', async () => {
    const { t, reader } = await headOfficeWithYear();
    const db = t.app.store.db;
    await expectSameAsTheRead(t, reader);
    const first = await t.api['headoffice.complaints'](year);
    expect(first.total).toBeGreaterThan(20);

    // Edits: a case's closing (its satisfaction), a mark flipped on a signed result, a correction's mark.
    const closes = (await docsOf(t, 'complaint-event:SH:2026-0')).filter((e) => e.kind === 'close');
    expect(closes.length).toBeGreaterThan(1);
    await db.put({ ...closes[0]!, data: { ...(closes[0]!.data as object), satisfaction: 'poor' } });
    const results = (await docsOf(t, 'inspection-result:BJ:2026-04')).filter((r) => r.signedAt);
    expect(results.length).toBeGreaterThan(1);
    const marks = results[0]!.marks as { itemId: string; mark: string }[];
    await db.put({ ...results[0]!, marks: marks.map((m, i) => (i === 0 ? { ...m, mark: m.mark === 'fail' ? 'pass' : 'fail' } : m)) });
    const corrections = await docsOf(t, 'inspection-correction:');
    if (corrections[0]) await db.put({ ...corrections[0], mark: corrections[0].mark === 'fail' ? 'pass' : 'fail', createdAt: '2026-12-27T01:00:00.000Z' });
    await expectSameAsTheRead(t, reader);

    // Deletes: a closing event (the case is open again), a whole case, a result, an inspection's 服务之星.
    await db.remove(closes[1]!._id, closes[1]!._rev);
    const [gone] = await docsOf(t, 'complaint:BJ:2026-06');
    await db.remove(gone!._id, gone!._rev);
    await db.remove(results[1]!._id, results[1]!._rev);
    const [star] = await docsOf(t, 'service-star:SH:2026-0');
    if (star) await db.remove(star._id, star._rev);
    await expectSameAsTheRead(t, reader);
    expect((await t.api['headoffice.complaints'](year)).total).toBe(first.total - 1);

    // A new case written as another computer's copy of one (sync brings it), and an inspection set aside.
    const [model] = await docsOf(t, 'complaint:SH:2026-11');
    const { _rev: _r, ...copy } = model!;
    await db.put({ ...copy, _id: `${model!._id}x`, patientName: '新病人' });
    const [inspection] = (await docsOf(t, 'inspection:BJ:2026-09')).filter((i) => i.signedAt && !i.discardedAt);
    await db.put({ ...inspection!, discardedAt: '2026-12-27T01:00:00.000Z' });
    await expectSameAsTheRead(t, reader);
    expect((await t.api['headoffice.complaints'](year)).total).toBe(first.total);

    // What a case view reads besides the cases: a complaint number withdrawn (deleted).
    const [number] = await docsOf(t, 'complaint-number:SH:');
    await db.remove(number!._id, number!._rev);
    await expectSameAsTheRead(t, reader);

    // The clock moves on three weeks: late December's deadlines fall due, the last weeks' checks are due.
    t.clock.advance(21 * 24 * 60);
    await t.signIn(reader._id, '1234');
    await expectSameAsTheRead(t, reader);

    // Forgotten (as after a start): the sums from the file beside the store, the same figures.
    const before = await t.api['headoffice.inspections'](year);
    forgetQualityFacts(db);
    expect(await t.api['headoffice.inspections'](year)).toEqual(before);
  }, 240_000);

  it('come back from the file beside the store after a restart, without reading the months again, and a month changed since is read again', async () => {
    const dir = tempDir();
    defer(() => dir.remove());
    const { t, reader } = await headOfficeWithYear(dir.path);
    await expectSameAsTheRead(t, reader);
    const complaints = await t.api['headoffice.complaints'](year);
    const inspections = await t.api['headoffice.inspections'](year);
    await t.close();

    // A start: the sums come from the file; no clinic month is read for the figures.
    const again = await startTestApp({ dir: dir.path, now: t.clock.now });
    defer(() => again.close());
    await again.signIn(reader._id, '1234');
    expect(await again.api['headoffice.inspections'](year)).toEqual(inspections);
    expect(await again.api['headoffice.complaints'](year)).toEqual(complaints);
    expect(qualityStats(again.app.store.db)).toMatchObject({ loaded: true, monthsRead: 0 });

    // Changes after the file was written: a deleted case and a flipped mark. Their months are read
    // again at the next ask (the refresh from the changes feed), the rest still comes from the file.
    const db = again.app.store.db;
    const [gone] = await docsOf(again, 'complaint:SH:2026-03');
    await db.remove(gone!._id, gone!._rev);
    const [result] = (await docsOf(again, 'inspection-result:SH:2026-07')).filter((r) => r.signedAt);
    const marks = result!.marks as { itemId: string; mark: string }[];
    await db.put({ ...result!, marks: marks.map((m) => ({ ...m, mark: m.mark === 'fail' ? 'pass' : 'fail' })) });
    expect((await again.api['headoffice.complaints'](year)).total).toBe(complaints.total - 1);
    expect(qualityStats(db).monthsRead).toBe(1);
    expect((await again.api['headoffice.inspections'](year)).marks).not.toEqual(inspections.marks);
    expect(qualityStats(db).monthsRead).toBe(2);
    await expectSameAsTheRead(again, reader);
    // Closed here, not in the clean-up: the restarted store warms its views over the year first.
    await again.close();
  }, 240_000);

  it('issue 18 "the missing-calendar warning appears wherever a deadline is shown … head office\'s figures": 2027 cases counted Monday-Friday say so until head office saves the 2027 calendar', async () => {
    const now = new Date('2027-03-01T02:00:00Z');
    const t = await startTestApp({ now });
    defer(() => t.close());
    await t.anon['headoffice.setup']({ url: 'http://127.0.0.1:9', username: 'ho', password: 'test-pw', director: { name: '总监', sex: 'F', role: 'hoCsDirector', pin: '1234' } });
    await t.app.sync.disconnect();
    const director = (await t.anon['staff.list']({}))[0]!;
    await t.signIn(director.id, '1234');
    await writeYear(t.app.store.db, 1_500, 2027, now, director.id, ['BJ']);
    const q1: Period = { from: '2027-01-01', to: '2027-02-28', clinic: null, grain: 'month' };
    const before = await t.api['headoffice.complaints'](q1);
    expect(before.total).toBeGreaterThan(0);
    expect(before.missingCalendarYears).toEqual([2027]);
    // 2026 has its shipped calendar: its figures do not warn.
    expect((await t.api['headoffice.complaints']({ from: '2026-01-01', to: '2026-12-31', clinic: null, grain: 'month' })).missingCalendarYears).toEqual([]);
    await t.api['headoffice.calendarSave']({ year: 2027, holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-13' }], workdays: ['2027-02-20'], source: '测试用 2027 安排' });
    const after = await t.api['headoffice.complaints'](q1);
    expect(after.missingCalendarYears).toEqual([]);
    expect(after.total).toBe(before.total);
  }, 240_000);
});
