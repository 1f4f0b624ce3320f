import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PouchDB } from '../../src-main/store/pouch';
import { writeYear } from '../../scripts/benchData';
import { HO_ADMIN } from '../support/headOffice';
import { tempDir } from '../support/app';
import { testWorld } from '../support/world';

/**
 * `npm run bench` times the dashboard and a first sync over documents scripts/benchData.ts builds
 * by hand; if they drift from what the handlers write, head office refuses them and the bench
 * measures less than it says (it did: complaint numbers in their former id shape, and a stop at
 * the first plan a head-office role approves).
 */
const { headOffice, defer } = testWorld();

describe("the bench's year of data", () => {
  it('one clinic’s year is accepted whole by head office’s validation', async () => {
    const ho = await headOffice();
    const dir = tempDir();
    defer(() => dir.remove());
    const local = new PouchDB(join(dir.path, 'db'), { adapter: 'leveldb' } as PouchDB.Configuration.DatabaseConfiguration);
    defer(() => local.close());
    const year = 2025;
    const data = await writeYear(local, 4_000, year, new Date(Date.UTC(year + 1, 0, 1, 2)), 'bench', ['BJ']);
    expect((await local.info()).doc_count).toBe(data.written);
    for (const type of ['visit', 'customer', 'visit-event', 'tea-event', 'complaint', 'complaint-number', 'inspection', 'staff', 'clinic']) expect(data.counts[type], type).toBeGreaterThan(0);

    const remote = new PouchDB(`${ho.url}/clinic_bj`, { adapter: 'http', skip_setup: true, auth: HO_ADMIN } as PouchDB.Configuration.RemoteDatabaseConfiguration);
    const result = await PouchDB.replicate(local, remote, { batch_size: 500 });
    expect(result.errors.map((e: { id?: string; reason?: string }) => `${e.id}: ${e.reason}`)).toEqual([]);
    expect(result.doc_write_failures).toBe(0);
    expect((await ho.ids('clinic_bj')).length).toBe(data.written);
  }, 180_000);
});
