import { describe, expect, it } from 'vitest';
import { refusal } from '../support/app';
import { setUpClinic } from '../support/factories';
import { DESK_USERS, HO_USER, type TestHeadOffice } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { rotaDocs } from '../../shared/staff/docs';
import { testWorld } from '../support/world';

/**
 * Head office rolls shift types out to clinics (issue 15: 「總部提供默認班次，並可像檢查表一樣下發」):
 * online, into each target clinic's staff settings as a new version; the clinic's desk then rosters
 * with them. Runs against the embedded head office with consolidation and two clinic desks.
 */
const { headOffice, desk } = testWorld();
const DIRECTOR_PIN = '2468';

async function clinicDesk(ho: TestHeadOffice, code: 'BJ' | 'SH') {
  const t = await desk();
  t.clock.now = new Date('2026-11-27T02:00:00Z');
  const f = await setUpClinic(t, { code, name: code === 'BJ' ? '北京院' : '上海院', inHeadOfficeCity: code === 'BJ' });
  await t.api['sync.configure']({ url: ho.url, ...DESK_USERS[code] });
  return { t, ...f };
}

describe('head office rolls shift types out', () => {
  it('two clinics receive the new shift types as their next version, keep their own fines, and roster with them; bad hours and unknown clinics refused by field', async () => {
    const ho = await headOffice({ consolidate: true });
    const bj = await clinicDesk(ho, 'BJ');
    const sh = await clinicDesk(ho, 'SH');
    // SH set its own fine before: the roll-out changes the shift types only.
    const s = await sh.t.api['rota.settings']({});
    const { fromHeadOffice: _h, updatedAt: _a, updatedBy: _b, shiftTypesVersion: _v, shiftTypesByHeadOffice: _o, ...save } = s;
    await sh.t.api['rota.saveSettings']({ ...save, lateFineYuan: 15 });
    // The roll-out edits the settings where the desk's reached (one document per clinic: see docs/staff.md).
    await waitFor(async () => (await ho.admin('GET', '/clinic_sh/staff-settings:SH')).status === 200, 'SH settings on the server', 20_000);

    const t = await desk();
    t.clock.now = new Date('2026-11-27T03:00:00Z');
    await t.anon['headoffice.setup']({ url: ho.url, ...HO_USER, director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: DIRECTOR_PIN } });
    const director = (await t.anon['staff.list']({})).find((x) => x.role === 'hoCsDirector')!;
    await t.signIn(director.id, DIRECTOR_PIN);
    await waitFor(async () => (await t.api['headoffice.clinics']({})).length >= 2, 'both clinics at head office', 30_000);

    // Seed 003's winter afternoon (下午 13:00–17:30 冬季) for the office shift, and a new 中班.
    const types = [...save.shiftTypes.filter((x) => x.code !== 'O'), { code: 'M', name: '中班', summer: { from: '10:00', to: '19:00', breaks: [{ from: '12:30', to: '13:00' }] }, winter: null }];
    const rolled = await t.api['rota.rollOutShiftTypes']({ shiftTypes: types, targets: ['BJ', 'SH'] });
    expect(rolled.results).toEqual([
      { clinic: 'BJ', ok: true, version: 1, field: null, message: null, code: null, rule: null, params: null },
      // SH's own save changed its fine, not its shift types: still version 0 then.
      { clinic: 'SH', ok: true, version: 1, field: null, message: null, code: null, rule: null, params: null },
    ]);
    for (const [c, fine] of [[bj, 10], [sh, 15]] as const) {
      const got = await waitFor(async () => {
        const v = await c.t.api['rota.settings']({});
        return v.shiftTypesByHeadOffice && v.shiftTypes.some((x) => x.code === 'M') ? v : null;
      }, 'the rolled-out shift types at the desk', 20_000);
      expect(got.lateFineYuan).toBe(fine);
      expect(got.shiftTypes.map((x) => x.code)).toEqual(['A', 'B', 'C', 'M']);
      // The desk rosters with the new code; the removed one is refused.
      const r = await c.t.api['rota.set']({ date: '2026-11-30', staffId: c.consultant.id, code: 'M' });
      expect(r.staff.find((x) => x.staffId === c.consultant.id)?.cells[0]?.code).toBe('M');
      expect((await refusal(c.t, 'rota.set', { date: '2026-11-30', staffId: c.consultant.id, code: 'O' })).field).toBe('code');
    }

    // Head office is still pulling what the desks just wrote (their rota cells, through the
    // consolidation): let it arrive, so a refusal's "nothing written" is about the refusal alone.
    for (const [c, code] of [[bj, 'BJ'], [sh, 'SH']] as const) await waitFor(() => t.app.store.db.get(rotaDocs.id(code, '2026-11-30', c.consultant.id)).catch(() => null), 'the desk’s rota cell at head office', 30_000);
    const bad = { code: 'N', name: '夜班', summer: { from: '20:00', to: '09:00', breaks: [{ from: '10:00', to: '11:00' }] }, winter: null };
    for (const [why, input, field, code] of [
      ['a break outside the shift', { shiftTypes: [bad], targets: ['BJ'] }, 'shiftTypes.0.summer.breaks.0', 'invalid_input'],
      ['a clinic that never reached head office', { shiftTypes: types, targets: ['BJ', 'GZ'] }, 'targets.1', 'not_found'],
      ['head office itself', { shiftTypes: types, targets: ['HO'] }, 'targets.0', 'invalid_input'],
      ['a clinic twice', { shiftTypes: types, targets: ['BJ', 'BJ'] }, 'targets.1', 'invalid_input'],
      ['no clinic', { shiftTypes: types, targets: [] }, 'targets', 'invalid_input'],
    ] as const) {
      const e = await refusal(t, 'rota.rollOutShiftTypes', input);
      expect({ code: e.code, field: e.field }, why).toEqual({ code, field });
    }
  }, 120_000);

  it("a roll-out racing a desk's own unsynced save of its settings ends in no conflict: the roll-out, written later, gives the shift types, the desk's fines stay", async () => {
    const ho = await headOffice({ consolidate: true });
    const sh = await clinicDesk(ho, 'SH');
    const t = await desk();
    t.clock.now = new Date('2026-11-27T03:00:00Z');
    await t.anon['headoffice.setup']({ url: ho.url, ...HO_USER, director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: DIRECTOR_PIN } });
    const director = (await t.anon['staff.list']({})).find((x) => x.role === 'hoCsDirector')!;
    await t.signIn(director.id, DIRECTOR_PIN);
    await waitFor(async () => ((await t.api['headoffice.clinics']({})).some((c) => c.code === 'SH') ? true : null), 'SH at head office', 30_000);

    // The desk goes offline and saves its own 中班 and a ¥15 fine: version 1, not yet on the server.
    await sh.t.api['sync.disconnect']({});
    const s = await sh.t.api['rota.settings']({});
    const { fromHeadOffice: _h, updatedAt: _a, updatedBy: _b, shiftTypesVersion: _v, shiftTypesByHeadOffice: _o, ...save } = s;
    const own = await sh.t.api['rota.saveSettings']({ ...save, lateFineYuan: 15, shiftTypes: [...save.shiftTypes, { code: 'M', name: '中班', summer: { from: '10:00', to: '19:00', breaks: [] }, winter: null }] });
    expect([own.shiftTypesVersion, own.shiftTypesByHeadOffice]).toEqual([1, false]);
    // Meanwhile head office rolls out its 中班 of other hours, also as version 1 (the server had none).
    sh.t.clock.now = new Date('2026-11-27T03:30:00Z');
    const types = [...save.shiftTypes, { code: 'M', name: '中班', summer: { from: '11:00', to: '20:00', breaks: [{ from: '17:00', to: '17:30' }] }, winter: null }];
    expect((await t.api['rota.rollOutShiftTypes']({ shiftTypes: types, targets: ['SH'] })).results).toEqual([{ clinic: 'SH', ok: true, version: 1, field: null, message: null, code: null, rule: null, params: null }]);

    // Back online: both documents meet, neither conflicts; the later written (the roll-out) gives the shift types.
    await sh.t.api['sync.configure']({ url: ho.url, ...DESK_USERS.SH });
    const got = await waitFor(async () => {
      const v = await sh.t.api['rota.settings']({});
      return v.shiftTypesByHeadOffice ? v : null;
    }, 'the roll-out at the desk', 30_000);
    expect(got.shiftTypes.find((x) => x.code === 'M')?.summer).toEqual({ from: '11:00', to: '20:00', breaks: [{ from: '17:00', to: '17:30' }] });
    expect([got.shiftTypesVersion, got.lateFineYuan]).toEqual([1, 15]);
    await waitFor(async () => (await ho.admin('GET', '/clinic_sh/staff-settings:SH')).status === 200, 'the desk’s own save on the server', 20_000);
    await waitFor(async () => {
      const x = await sh.t.app.sync.status();
      return x.state === 'idle' && x.pendingUp === 0 ? x : null;
    }, 'caught up', 20_000);
    expect(await sh.t.api['sync.conflicts']({})).toEqual([]);
    const onServer = (await ho.admin('GET', '/clinic_sh/staff-settings:SH?conflicts=true')).body as { _conflicts?: string[]; lateFineYuan: number };
    expect([onServer._conflicts, onServer.lateFineYuan]).toEqual([undefined, 15]);
    // The desk rosters with head office's hours; its next save of the fines alone keeps them.
    const after = await sh.t.api['rota.saveSettings']({ ...save, shiftTypes: got.shiftTypes, lateFineYuan: 12 });
    expect([after.shiftTypesVersion, after.shiftTypesByHeadOffice, after.shiftTypes.find((x) => x.code === 'M')?.summer.from, after.lateFineYuan]).toEqual([1, true, '11:00', 12]);
  }, 120_000);
});
