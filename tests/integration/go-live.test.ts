import { afterEach, describe, expect, it } from 'vitest';
import { headOfficeVerdict } from '../support/verdict';
import { expectRefusals, startTestApp, storeMark, type TestApp } from '../support/app';
import { LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { countsFrom } from '../../src-main/reference/goLive';
import { weekCounts } from '../../shared/inspection/rules';

let t: TestApp | undefined;
afterEach(async () => t?.close());

describe('the go-live day (上线日期, issue 19): apart from set-up, versioned, by an admin', () => {
  it('counts from set-up until set; an admin sets it on the version she read, named and dated; head office accepts the record', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const setUpDay = (await t.api['clinic.goLive']({})).setUpDay;
    expect(await t.api['clinic.goLive']({})).toEqual({ setUpDay, goLive: null, countsFrom: setUpDay });

    const later = '2026-12-14';
    const first = await t.api['clinic.setGoLive']({ date: later, baseVersion: 0 });
    expect(first).toMatchObject({ setUpDay, countsFrom: later, goLive: { date: later, version: 1, setBy: f.lead.id, setByName: f.lead.name, setAt: t.clock.now.toISOString() } });
    const doc = await t.app.store.db.get(`clinic:${f.status.clinic!.code}`);
    expect(doc).toMatchObject({ goLive: { date: later, version: 1 }, updatedBy: f.lead.id });
    expect(headOfficeVerdict(doc)).toBeNull();
    // The clinic's own settings are untouched by it, and clinic.update keeps it.
    const { code: _c, ...settings } = (await t.api['app.status']({})).clinic!;
    await t.api['clinic.update']({ ...settings, waitAlertMinutes: 30 });
    expect((await t.api['clinic.goLive']({})).goLive).toMatchObject({ date: later, version: 1 });

    const second = await t.api['clinic.setGoLive']({ date: setUpDay, baseVersion: 1 });
    expect(second.goLive).toMatchObject({ date: setUpDay, version: 2 });
  });

  it('refuses a stale version, a day before set-up, bad dates, unknown fields; a guide may not set it; nothing is written', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    await t.api['clinic.setGoLive']({ date: '2026-12-14', baseVersion: 0 });
    const guide = await seedStaff(t, { role: 'guide', name: '王导医', pin: '7777' });
    const before = await storeMark(t.app.store.db);
    await expectRefusals(t, 'clinic.setGoLive', [
      { why: 'edited meanwhile (stale version)', input: { date: '2026-12-15', baseVersion: 0 }, field: 'baseVersion', code: 'conflict' },
      { why: 'before the set-up day', input: { date: '2020-01-01', baseVersion: 1 }, field: 'date' },
      { why: 'empty', input: {}, field: 'date' },
      { why: 'not a day', input: { date: '2026-02-30', baseVersion: 1 }, field: 'date' },
      { why: 'a number for the date', input: { date: 20261214, baseVersion: 1 }, field: 'date' },
      { why: 'a negative version', input: { date: '2026-12-14', baseVersion: -1 }, field: 'baseVersion' },
      { why: 'an unknown field', input: { date: '2026-12-14', baseVersion: 1, by: 'x' }, field: 'by' },
      { why: 'a script for the date', input: { date: '<script>alert(1)</script>', baseVersion: 1 }, field: 'date' },
      { why: 'an oversized date', input: { date: '2'.repeat(100_000), baseVersion: 1 }, field: 'date' },
    ]);
    await t.signIn(guide.id, '7777');
    await expectRefusals(t, 'clinic.setGoLive', [{ why: 'a guide', input: { date: '2026-12-15', baseVersion: 1 }, field: undefined, code: 'forbidden' }]);
    expect(await storeMark(t.app.store.db)).toEqual(before);
    expect((await t.api['clinic.goLive']({})).goLive).toMatchObject({ version: 1, setByName: f.lead.name });
  });

  it('每周自查 is owed from the go-live day, not from set-up (a clinic set up on Mon Nov 2 that went live on Mon Nov 16)', () => {
    const clinic = { createdAt: '2026-11-02T01:00:00.000Z', goLive: { date: '2026-11-16', version: 1, setBy: 'staff:BJ:x', setByName: '刘院长', setAt: '2026-11-20T01:00:00.000Z' } };
    expect(countsFrom({ createdAt: clinic.createdAt })).toBe('2026-11-02');
    expect(countsFrom(clinic)).toBe('2026-11-16');
    const today = '2026-11-28';
    const owed = ['2026-11-02', '2026-11-09', '2026-11-16'].filter((from) => weekCounts({ from }, false, today, countsFrom(clinic)));
    expect(owed).toEqual(['2026-11-16']);
  });

  it('the clinic\'s status cards owe nothing for a week or month that ended before the go-live day', async () => {
    // Fri 2026-11-27, set up today: this week and month are owed from today, as before.
    t = await startTestApp();
    const f = await setUpClinic(t);
    expect(await t.api['inspection.status']({})).toMatchObject({ countsFrom: '2026-11-27', goLive: null, week: { from: '2026-11-23', status: 'due' }, month: { month: '2026-11', headOfficeVisit: 'due' } });
    // Head office sets the go-live day to Tue Dec 8: this week and November are not owed (not 已逾期 at the weekend).
    await t.api['clinic.setGoLive']({ date: '2026-12-08', baseVersion: 0 });
    expect(await t.api['inspection.status']({})).toMatchObject({ countsFrom: '2026-12-08', goLive: '2026-12-08', week: { status: 'notOwed' }, month: { headOfficeVisit: 'notOwed' } });
    t.clock.advance(24 * 60); // Saturday
    await t.signIn(f.lead.id, LEAD_PIN);
    expect((await t.api['inspection.status']({})).week.status).toBe('notOwed');
    // The week of Dec 7, in which it goes live, is owed: due on its Monday; December's visit too.
    t.clock.advance(9 * 24 * 60);
    await t.signIn(f.lead.id, LEAD_PIN);
    expect(await t.api['inspection.status']({})).toMatchObject({ today: '2026-12-07', week: { from: '2026-12-07', status: 'due' }, month: { month: '2026-12', headOfficeVisit: 'due' } });
  });
});
