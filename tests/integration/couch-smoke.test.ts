import { describe, expect, it } from 'vitest';
import { runSmoke } from '../../src-main/sync/couch/smoke';
import { HO_ADMIN } from '../support/headOffice';
import { testWorld } from '../support/world';

/**
 * `npm run couch:smoke` against the embedded head office (express-pouchdb standing in for
 * CouchDB 3), so the script head-office IT runs before go-live keeps working.
 */
const { headOffice } = testWorld();

describe('couch:smoke', () => {
  it('passes every step against the embedded server and cleans up after itself', async () => {
    const ho = await headOffice({ consolidate: true });
    const lines: string[] = [];
    const result = await runSmoke({ url: ho.url, admin: HO_ADMIN, clinic: 'ZZ', waitMs: 30_000, say: (l) => lines.push(l) });
    expect(result.steps.map((s) => [s.name, s.ok]), lines.join('\n')).toEqual([
      ['set-up', true],
      ['two desks push and pull', true],
      ['a refused document', true],
      ['a conflict', true],
      ['consolidation into headoffice', true],
      ['clean-up', true],
    ]);
    expect(result.ok).toBe(true);
    expect((await ho.admin('GET', '/clinic_zz')).status).toBe(404);
    expect((await ho.admin('GET', '/_users/org.couchdb.user:smoke_desk_zz')).status).toBe(404);
    expect((await ho.admin('GET', '/_replicator/consolidate_clinic_zz')).status).toBe(404);
  }, 90_000);

  it('refuses to run over a clinic database that exists, and touches nothing', async () => {
    const ho = await headOffice();
    const before = await ho.ids('clinic_bj');
    const result = await runSmoke({ url: ho.url, admin: HO_ADMIN, clinic: 'BJ', waitMs: 5_000 });
    expect(result).toMatchObject({ ok: false, steps: [{ name: 'set-up', ok: false, detail: expect.stringMatching(/clinic_bj already exists/) }] });
    expect(await ho.ids('clinic_bj')).toEqual(before);
    expect((await ho.admin('GET', '/clinic_bj')).status).toBe(200);
  }, 90_000);
});
