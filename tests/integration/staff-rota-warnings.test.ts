import { afterEach, describe, expect, it } from 'vitest';
import { expectRefusals, startTestApp, type TestApp } from '../support/app';
import { seedStaff, setUpClinic } from '../support/factories';

let t: TestApp | undefined;
afterEach(async () => t?.close());

/**
 * Seed 003 六、請休假制度 1: 「員工休假規定每周輪休一天,具體有部門負責人依據工作安排確定,個人不得私自更改,假期當月輪休完畢。」
 * and 五、班次及上下班時間 (8:00~6:00 午飯 12:00~2:00 …): the shifts' hours; the seeds set no weekly
 * limit, so the warning's limit is the clinic's setting (none by default).
 */
describe('the rota warns of a week over the clinic\'s hours and a month short of rest days (假期當月輪休完畢)', () => {
  it('on a real store: the week\'s hours per person, the warnings, the limit saved, kept and refused by field; publishing is not blocked', async () => {
    t = await startTestApp(); // Friday 27 Nov 2026, 10:00 in the clinic
    await setUpClinic(t);
    const guide = await seedStaff(t, { role: 'guide', name: '王导医' });
    const nurse = await seedStaff(t, { role: 'doctorAssistant', name: '陈医助' });
    const set = async (staffId: string, from: string, codes: string[]) => {
      for (const [i, code] of codes.entries()) await t!.api['rota.set']({ date: new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), staffId, code });
    };
    // The week of 30 Nov: the guide six days of A (8 h each), the assistant five of B (7.5 h).
    await set(guide.id, '2026-11-30', ['A', 'A', 'A', 'A', 'A', 'A', 'REST']);
    await set(nurse.id, '2026-11-30', ['B', 'B', 'B', 'B', 'B', 'REST', 'OFF']);
    let week = await t.api['rota.week']({ weekStart: '2026-11-30' });
    const hours = (w: typeof week) => Object.fromEntries(w.staff.filter((s) => s.minutes > 0).map((s) => [s.name, s.minutes / 60]));
    expect(hours(week)).toEqual({ 王导医: 48, 陈医助: 37.5 });
    expect(week.warnings).toEqual([]); // no limit set: the seeds name none

    // The clinic sets 45 hours: the guide's 48 are warned.
    const { fromHeadOffice: _h, updatedAt: _a, updatedBy: _b, shiftTypesVersion: _v, shiftTypesByHeadOffice: _o, ...save } = await t.api['rota.settings']({});
    expect(save.weeklyHoursLimit).toBeNull();
    await expectRefusals(t, 'rota.saveSettings', [
      { why: 'zero hours', input: { ...save, weeklyHoursLimit: 0 }, field: 'weeklyHoursLimit' },
      { why: 'more hours than a week has', input: { ...save, weeklyHoursLimit: 169 }, field: 'weeklyHoursLimit' },
      { why: 'not a number', input: { ...save, weeklyHoursLimit: '45' }, field: 'weeklyHoursLimit' },
      { why: 'not whole hours', input: { ...save, weeklyHoursLimit: 44.5 }, field: 'weeklyHoursLimit' },
    ]);
    expect((await t.api['rota.saveSettings']({ ...save, weeklyHoursLimit: 45 })).weeklyHoursLimit).toBe(45);
    // A save that leaves the limit out keeps it.
    expect((await t.api['rota.saveSettings']({ ...save, weeklyHoursLimit: undefined, lateFineYuan: 12 })).weeklyHoursLimit).toBe(45);
    week = await t.api['rota.week']({ weekStart: '2026-11-30' });
    expect(week.warnings).toEqual([{ warning: 'weeklyHours', staffId: guide.id, minutes: 48 * 60, limitHours: 45 }]);

    // The clinic raises it to 60 h. December so far: the assistant on the rota 1–15 Dec (not the 6th) with one rest day: two are due.
    await t.api['rota.saveSettings']({ ...save, weeklyHoursLimit: 60 });
    await set(nurse.id, '2026-12-07', ['B', 'B', 'B', 'B', 'B', 'B', 'B', 'B', 'B']);
    week = await t.api['rota.week']({ weekStart: '2026-12-07' });
    expect(week.warnings).toEqual([{ warning: 'monthRest', staffId: nurse.id, month: '2026-12', rest: 1, owed: 2, onRota: 14 }]);
    // The week of 30 Nov touches December too: the same warning there (and 48 h is under 60).
    expect((await t.api['rota.week']({ weekStart: '2026-11-30' })).warnings.map((w) => [w.warning, w.staffId])).toEqual([['monthRest', nurse.id]]);
    // A warning does not stop publishing (the week's own rest day is what publishing checks).
    expect((await t.api['rota.publish']({ weekStart: '2026-11-30' })).published).not.toBeNull();
    // A rest day in the second week of December: the month is fine again.
    await set(nurse.id, '2026-12-13', ['REST']);
    expect((await t.api['rota.week']({ weekStart: '2026-12-07' })).warnings).toEqual([]);
  });
});
