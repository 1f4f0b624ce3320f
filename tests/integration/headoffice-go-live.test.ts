import { describe, expect, it } from 'vitest';
import { ruleMessage } from '../../src-renderer/i18n/ruleMessages';
import { expectRefusals, storeMark } from '../support/app';
import { LEAD_PIN, setUpClinic } from '../support/factories';
import { DESK_USERS, HO_USER } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { testWorld } from '../support/world';

/**
 * Head office sets a clinic's 上线日期 (issue 19) online in the clinic's own database, with the
 * desk's checks (the version read, never before the set-up day), named and dated; the clinic's desk
 * receives it through sync. Against the embedded head office with consolidation and one clinic desk.
 */
const { headOffice, desk } = testWorld();
const DIRECTOR_PIN = '2468';

async function world() {
  const ho = await headOffice({ consolidate: true });
  const bj = await desk();
  bj.clock.now = new Date('2026-11-27T02:00:00Z');
  const f = await setUpClinic(bj, { code: 'BJ', name: '北京院', inHeadOfficeCity: true });
  await bj.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
  const t = await desk();
  t.clock.now = new Date('2026-12-02T03:00:00Z');
  await t.anon['headoffice.setup']({ url: ho.url, ...HO_USER, director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: DIRECTOR_PIN } });
  const director = (await t.anon['staff.list']({})).find((s) => s.role === 'hoCsDirector')!;
  await t.signIn(director.id, DIRECTOR_PIN);
  await waitFor(async () => ((await t.api['headoffice.clinics']({})).some((c) => c.code === 'BJ') ? true : null), 'clinic BJ at head office', 30_000);
  return { ho, bj, f, t, director };
}

describe('head office sets a clinic’s go-live day (上线日期) online', () => {
  it('writes it into the clinic’s database on the version read, named and dated; the desk receives it; refusals and an unreachable server write nothing', async () => {
    const { ho, bj, f, t, director } = await world();
    expect(await t.api['headoffice.goLive']({ code: 'BJ' })).toEqual({ setUpDay: '2026-11-27', goLive: null, countsFrom: '2026-11-27' });

    const saved = await t.api['headoffice.setGoLive']({ code: 'BJ', date: '2026-12-01', baseVersion: 0 });
    const stamp = { date: '2026-12-01', version: 1, setBy: director.id, setByName: '王总监', setAt: '2026-12-02T03:00:00.000Z' };
    expect(saved).toEqual({ setUpDay: '2026-11-27', goLive: stamp, countsFrom: '2026-12-01' });
    const remote = async () => (await ho.admin<{ _rev: string; goLive?: unknown; updatedBy: string }>('GET', '/clinic_bj/clinic:BJ')).body;
    expect(await remote()).toMatchObject({ goLive: stamp, updatedBy: director.id });
    // The clinic's desk receives it through sync; head office's own copy comes back from consolidation.
    await waitFor(async () => ((await bj.api['clinic.goLive']({})).goLive?.version === 1 ? true : null), 'the BJ desk to receive the go-live day', 30_000);
    expect((await bj.api['clinic.goLive']({})).goLive).toEqual(stamp);
    await waitFor(async () => ((await t.api['headoffice.goLive']({ code: 'BJ' })).goLive?.version === 1 ? true : null), 'head office’s copy', 30_000);

    const rev = (await remote())._rev;
    await expectRefusals(t, 'headoffice.setGoLive', [
      { why: 'edited meanwhile (stale version)', input: { code: 'BJ', date: '2026-12-03', baseVersion: 0 }, field: 'baseVersion', code: 'conflict' },
      { why: 'before the set-up day', input: { code: 'BJ', date: '2026-11-26', baseVersion: 1 }, field: 'date' },
      { why: 'a clinic that has not reached head office', input: { code: 'GZ', date: '2026-12-03', baseVersion: 1 }, field: 'code', code: 'not_found' },
      { why: 'a code in lower case', input: { code: 'bj', date: '2026-12-03', baseVersion: 1 }, field: 'code' },
      { why: 'empty', input: {}, field: 'date' },
      { why: 'not a day', input: { code: 'BJ', date: '2026-02-30', baseVersion: 1 }, field: 'date' },
      { why: 'a number for the date', input: { code: 'BJ', date: 20261203, baseVersion: 1 }, field: 'date' },
      { why: 'a text for the version', input: { code: 'BJ', date: '2026-12-03', baseVersion: '1' }, field: 'baseVersion' },
      { why: 'an unknown field', input: { code: 'BJ', date: '2026-12-03', baseVersion: 1, setBy: 'x' }, field: 'setBy' },
      { why: 'a script for the date', input: { code: 'BJ', date: '<script>alert(1)</script>', baseVersion: 1 }, field: 'date' },
      { why: 'an oversized date', input: { code: 'BJ', date: '2'.repeat(100_000), baseVersion: 1 }, field: 'date' },
    ]);
    const early = await t.app.dispatcher.invoke('headoffice.setGoLive', { code: 'BJ', date: '2026-11-20', baseVersion: 1 }, t.session());
    expect(early.ok).toBe(false);
    if (!early.ok) expect(ruleMessage(early.error.rule, early.error.params, 'zh-CN')).toBe('上线日期不能早于本机设置机构的日期（2026-11-27）');
    await expectRefusals(t, 'headoffice.goLive', [{ why: 'unknown clinic', input: { code: 'GZ' }, field: 'code', code: 'not_found' }]);
    // A clinic's desk may not call head office's operation.
    await expectRefusals(bj, 'headoffice.setGoLive', [{ why: 'a clinic desk', input: { code: 'BJ', date: '2026-12-03', baseVersion: 1 }, field: undefined, code: 'forbidden' }]);
    expect((await remote())._rev).toBe(rev);

    // The server stopped: refused in Chinese, nothing written at head office or (after the restart) in the clinic.
    const mark = await storeMark(t.app.store.db);
    await ho.stop();
    const offline = await t.app.dispatcher.invoke('headoffice.setGoLive', { code: 'BJ', date: '2026-12-03', baseVersion: 1 }, t.session());
    expect(offline).toMatchObject({ ok: false, error: { code: 'conflict', rule: 'headoffice.unreachable' } });
    if (!offline.ok) expect(ruleMessage(offline.error.rule, offline.error.params, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    expect(await storeMark(t.app.store.db)).toEqual(mark);
    await ho.start();
    expect((await remote())._rev).toBe(rev);

    // The clinic's admin goes on from head office's version.
    await bj.signIn(f.lead.id, LEAD_PIN);
    expect((await bj.api['clinic.setGoLive']({ date: '2026-11-30', baseVersion: 1 })).goLive).toMatchObject({ version: 2, setBy: f.lead.id });
  }, 90_000);
});
