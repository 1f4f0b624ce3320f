import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src-main/store/store';
import { CURRENT_SCHEMA_VERSION, migrate, NewerSchemaError, readSchemaVersion, SCHEMA_DOC_ID, type Migration } from '../../src-main/store/migrations';
import { durableLeveldown } from '../../src-main/store/durableLeveldown';
import { PouchDB, type Db } from '../../src-main/store/pouch';
import { startTestApp, tempDir, type TestApp } from '../support/app';
import { firstVisit, LEAD_PIN, setUpClinic } from '../support/factories';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function freshDir(): string {
  const dir = tempDir();
  cleanups.push(dir.remove);
  return dir.path;
}

/** Opens a store and closes it when the test ends (unless the test closed it already). */
async function open(dir: string, migrations?: Migration[]): Promise<Store> {
  const store = await openStore(dir, migrations ? { migrations } : {});
  let closed = false;
  const close = store.close;
  store.close = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  cleanups.push(() => store.close());
  return store;
}

// Test migrations over a made-up customer card: v1 kept the phone as typed; v2 keeps digits only.
interface CardV1 {
  _id: string;
  type: 'card';
  schemaVersion: 1;
  phone: string;
}
const v1: Migration = { version: 1, name: 'initial schema', up: async () => {} };

function v2(calls: string[] = []): Migration {
  return {
    version: 2,
    name: 'phones as digits',
    async up(db) {
      calls.push('v2');
      const cards = await db.allDocs<CardV1>({ include_docs: true, startkey: 'card:', endkey: 'card:\ufff0' });
      await db.bulkDocs(cards.rows.flatMap((r) => (r.doc && r.doc.schemaVersion === 1 ? [{ ...r.doc, schemaVersion: 2, phone: r.doc.phone.replace(/\D/g, '') }] : [])));
    },
  };
}

function v3(calls: string[], fail: boolean): Migration {
  return {
    version: 3,
    name: 'cards get a tier',
    async up(db) {
      calls.push('v3');
      if (fail) throw new Error('power cut during v3');
      const cards = await db.allDocs<CardV1>({ include_docs: true, startkey: 'card:', endkey: 'card:\ufff0' });
      await db.bulkDocs(cards.rows.flatMap((r) => (r.doc ? [{ ...r.doc, schemaVersion: 3, tier: null }] : [])));
    },
  };
}

/** A v1 store holding v1-shaped cards. */
async function v1Store(): Promise<string> {
  const dir = freshDir();
  const store = await open(dir, [v1]);
  expect(store.schemaVersion).toBe(1);
  await store.db.bulkDocs([
    { _id: 'card:1', type: 'card', schemaVersion: 1, phone: '139-1234 5678' },
    { _id: 'card:2', type: 'card', schemaVersion: 1, phone: '+86 138 0000 1111' },
  ]);
  await store.close();
  return dir;
}

/** The cards as stored, without revisions. */
async function cards(db: Db) {
  const res = await db.allDocs<{ schemaVersion: number }>({ include_docs: true, startkey: 'card:', endkey: 'card:\ufff0' });
  return res.rows.flatMap((r) => {
    if (!r.doc) return [];
    const { _rev: _r, ...doc } = r.doc;
    return [doc];
  });
}

/** Everything a refused open must leave alone: data docs with their revisions, local docs, the sequence. */
async function snapshot(dir: string) {
  // Opened raw (not through openStore, which would migrate or refuse): the same LevelDB openStore uses.
  const db = new PouchDB(join(dir, 'desk'), { adapter: 'leveldb', db: durableLeveldown } as PouchDB.Configuration.DatabaseConfiguration);
  try {
    const info = await db.info();
    const docs = await db.allDocs({ include_docs: true });
    const local = await Promise.all([SCHEMA_DOC_ID, '_local/desk'].map((id) => db.get(id).catch(() => null)));
    return { docCount: info.doc_count, updateSeq: info.update_seq, docs: docs.rows, local };
  } finally {
    await db.close();
  }
}

describe('numbered migrations', () => {
  it('upgrades a v1 store with v1 documents through a v2 migration', async () => {
    const dir = await v1Store();
    const store = await open(dir, [v1, v2()]);
    expect(store.schemaVersion).toBe(2);
    expect(await cards(store.db)).toEqual([
      { _id: 'card:1', type: 'card', schemaVersion: 2, phone: '13912345678' },
      { _id: 'card:2', type: 'card', schemaVersion: 2, phone: '8613800001111' },
    ]);
    expect(await store.db.get(SCHEMA_DOC_ID)).toMatchObject({ version: 2, name: 'phones as digits' });
  });

  it('running the migrations again is a no-op', async () => {
    const dir = await v1Store();
    const store = await open(dir, [v1, v2()]);
    const before = await store.db.info();
    const calls: string[] = [];
    expect(await migrate(store.db, [v1, v2(calls)])).toBe(2);
    expect(calls).toEqual([]);
    expect((await store.db.info()).update_seq).toBe(before.update_seq);
    await store.close();

    const again = await open(dir, [v1, v2(calls)]);
    expect(calls).toEqual([]);
    expect(again.schemaVersion).toBe(2);
  });

  it('a migration that fails leaves the version at the last finished step, and the next start resumes there', async () => {
    const dir = await v1Store();
    const calls: string[] = [];
    await expect(openStore(dir, { migrations: [v1, v2(calls), v3(calls, true)] })).rejects.toThrow('power cut during v3');
    expect(calls).toEqual(['v2', 'v3']);

    const store = await open(dir, [v1, v2(calls)]); // this app knows v2: opens at v2 without re-running it
    expect(await readSchemaVersion(store.db)).toBe(2);
    expect((await cards(store.db)).map((c) => c.schemaVersion)).toEqual([2, 2]);
    await store.close();

    calls.length = 0;
    const resumed = await open(dir, [v1, v2(calls), v3(calls, false)]);
    expect(calls).toEqual(['v3']);
    expect(resumed.schemaVersion).toBe(3);
    expect(await resumed.db.get(SCHEMA_DOC_ID)).toMatchObject({ version: 3 });
    expect(await cards(resumed.db)).toEqual([
      { _id: 'card:1', type: 'card', schemaVersion: 3, phone: '13912345678', tier: null },
      { _id: 'card:2', type: 'card', schemaVersion: 3, phone: '8613800001111', tier: null },
    ]);
  });

  it('refuses a store written by a newer app version, and does not touch it', async () => {
    const dir = await v1Store();
    const future = await open(dir, [v1, v2(), v3([], false)]);
    await future.db.put({ _id: 'card:3', type: 'card', schemaVersion: 3, phone: '1', tier: 'A' });
    // Written by a version one step beyond the app as shipped (which knows CURRENT_SCHEMA_VERSION).
    const newer = CURRENT_SCHEMA_VERSION + 1;
    const schema = await future.db.get<{ version: number }>(SCHEMA_DOC_ID);
    await future.db.put({ ...schema, version: newer });
    await future.close();
    const before = await snapshot(dir);
    expect(before.local[0]).toMatchObject({ version: newer });

    const refusal = openStore(dir);
    await expect(refusal).rejects.toBeInstanceOf(NewerSchemaError);
    await expect(refusal).rejects.toMatchObject({ found: newer, supported: CURRENT_SCHEMA_VERSION });
    await expect(openStore(dir, { migrations: [v1, v2()] })).rejects.toMatchObject({ name: 'NewerSchemaError', found: newer, supported: 2 });

    expect(await snapshot(dir)).toEqual(before);
  });
});

describe('one store, one opener', () => {
  it('a second openStore of an open directory in the same process is refused, and the first keeps working', async () => {
    const dir = freshDir();
    const first = await open(dir);
    await expect(openStore(dir)).rejects.toThrow(/already open/);
    await first.db.put({ _id: 'card:after', type: 'card' });
    expect(await first.db.get('card:after')).toMatchObject({ type: 'card' });
    await first.close();

    const reopened = await open(dir);
    expect(await reopened.db.get('card:after')).toMatchObject({ type: 'card' });
    expect(reopened.deskId).toBe(first.deskId);
  });

  it('a restart keeps the data: the waiting list still shows the visit', async () => {
    const dir = freshDir();
    const now = new Date('2026-11-27T02:00:00Z');
    let t: TestApp = await startTestApp({ dir, now });
    const { lead } = await setUpClinic(t);
    const visit = await t.api['desk.checkIn'](firstVisit({ name: '张晓梅' }));
    const deskId = t.app.store.deskId;
    await t.close();

    t = await startTestApp({ dir, now });
    cleanups.push(() => t.close());
    expect(await t.anon['app.status']({})).toMatchObject({ setupDone: true, deskId, operator: null });
    await t.signIn(lead.id, LEAD_PIN); // sessions live in memory: after a restart she signs in again
    expect((await t.api['desk.waitingList']({})).map((v) => [v.id, v.customerName])).toEqual([[visit.id, '张晓梅']]);
  });
});
