import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it, vi } from 'vitest';
import leveldown from 'leveldown';
import { makeDurable } from '../../src-main/store/durableLeveldown';
import { openStore } from '../../src-main/store/store';
import { visitDoc } from '../../shared/desk/schemas';
import { startTestApp, tempDir, type TestApp } from '../support/app';
import { firstVisit, setUpClinic } from '../support/factories';

/**
 * Durability has two halves, and these tests cover them differently:
 *
 * - A killed process (a crash, Task Manager's "End task"): SIGKILL below. This shows that a write
 *   is in LevelDB's log before `desk.checkIn` answers, and that the store opens cleanly afterwards.
 *   It cannot prove fsync: the OS page cache outlives a killed process, so writes made without
 *   `sync: true` would survive this test too.
 * - A power cut (the desk PC switched off at the wall): only fsync helps. No test here can pull the
 *   plug, so the spies below check that every write PouchDB makes reaches LevelDB's native binding
 *   with `sync: true`, which is what makes LevelDB fsync its log before acknowledging.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const CHILD = join(ROOT, 'tests/support/durabilityChild.ts');
const KILL_AFTER = 25;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(condition: () => boolean, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a killed process keeps every acknowledged write', () => {
  it('every visit id the desk acknowledged is in the store after SIGKILL', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir.path], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => void child.kill('SIGKILL'));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('close', (code, signal) => done({ code, signal })));

    let ready = false;
    const acknowledged: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') ready = true;
      else acknowledged.push(line);
    });
    const exitedEarly = () => child.exitCode !== null;
    await until(() => ready || exitedEarly(), 'the child desk to start');
    expect(exitedEarly(), stderr).toBe(false);

    // While that desk has the store open, this process cannot open it (LevelDB's LOCK file).
    await expect(openStore(dir.path)).rejects.toThrow(/lock/i);

    await until(() => acknowledged.length >= KILL_AFTER || exitedEarly(), `${KILL_AFTER} check-ins`);
    child.kill('SIGKILL'); // mid-write: the child is checking the next visitor in
    expect(await closed, stderr).toEqual({ code: null, signal: 'SIGKILL' });
    // Lines that were in the pipe when it died were acknowledged too: all of them must be there.
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

    const store = await openStore(dir.path);
    cleanups.push(() => store.close());
    for (const id of acknowledged) {
      const visit = visitDoc.parse(await store.db.get(id));
      expect(visit._id).toBe(id);
      await expect(store.db.get(visit.customerId), `customer of ${id}`).resolves.toMatchObject({ type: 'customer' });
    }
    const visits = await store.db.allDocs({ startkey: 'visit:', endkey: 'visit:\ufff0' });
    expect(visits.rows.length).toBeGreaterThanOrEqual(acknowledged.length);
  }, 60_000);
});

/** LevelDB's native binding, the one leveldown calls; spying on it sees the options as LevelDB gets them. */
type Binding = Record<'db_put' | 'db_del' | 'batch_do' | 'batch_write', (...args: unknown[]) => unknown>;
const binding = createRequire(import.meta.url)('leveldown/binding.js') as Binding;

/** Where each binding write function takes its options. */
const OPTIONS_ARG = { db_put: 3, db_del: 2, batch_do: 2, batch_write: 1 } as const;

function spyOnWrites() {
  const spies = (Object.keys(OPTIONS_ARG) as (keyof typeof OPTIONS_ARG)[]).map((name) => ({ name, spy: vi.spyOn(binding, name) }));
  /** The options of every write so far, by binding function. */
  return () => spies.flatMap(({ name, spy }) => spy.mock.calls.map((args) => ({ name, options: args[OPTIONS_ARG[name]] as { sync?: boolean } })));
}

type Cb = (err?: Error | null) => void;
interface RawLevelDown {
  open(cb: Cb): void;
  close(cb: Cb): void;
  put(key: string, value: string, options: object, cb: Cb): void;
  del(key: string, options: object, cb: Cb): void;
  batch(ops: { type: 'put' | 'del'; key: string; value?: string }[], options: object, cb: Cb): void;
  batch(): { put(key: string, value: string): unknown; del(key: string): unknown; write(options: object, cb: Cb): void };
}

const done = (run: (cb: Cb) => void) => new Promise<void>((ok, fail) => run((err) => (err ? fail(err) : ok())));

async function openLevelDown(durable: boolean): Promise<RawLevelDown> {
  const dir = tempDir();
  const raw = leveldown(join(dir.path, 'db'));
  const db = (durable ? makeDurable(raw) : raw) as unknown as RawLevelDown;
  await done((cb) => db.open(cb));
  cleanups.push(async () => {
    await done((cb) => db.close(cb));
    dir.remove();
  });
  return db;
}

/** put, del, batch and a chained batch, each once, asking for `sync: false` where options are taken. */
async function writeEachWay(db: RawLevelDown) {
  await done((cb) => db.put('a', '1', { sync: false }, cb));
  await done((cb) => db.del('a', { sync: false }, cb));
  await done((cb) => db.batch([{ type: 'put', key: 'b', value: '2' }, { type: 'del', key: 'c' }], { sync: false }, cb));
  const chained = db.batch();
  chained.put('d', '4');
  chained.del('b');
  await done((cb) => chained.write({ sync: false }, cb));
}

describe('makeDurable: every write asks LevelDB to fsync (what survives a power cut)', () => {
  it('passes sync: true for put, del, batch and chained batch, whatever the caller asked', async () => {
    const db = await openLevelDown(true);
    const writes = spyOnWrites();
    await writeEachWay(db);
    expect(writes().map((w) => w.name)).toEqual(['db_put', 'db_del', 'batch_do', 'batch_write']);
    for (const w of writes()) expect(w.options, w.name).toMatchObject({ sync: true });
  });

  it('plain leveldown does not (so the spy above sees what makeDurable adds)', async () => {
    const db = await openLevelDown(false);
    const writes = spyOnWrites();
    await writeEachWay(db);
    expect(writes()).toHaveLength(4);
    for (const w of writes()) expect(w.options?.sync, w.name).not.toBe(true);
  });

  it('every write the app makes through PouchDB, views included, goes out with sync: true', async () => {
    const t: TestApp = await startTestApp();
    cleanups.push(() => t.close());
    const writes = spyOnWrites();
    const { consultant } = await setUpClinic(t);
    const visit = await t.api['desk.checkIn'](firstVisit({ phone: '13912345678' }, { consultantId: consultant.id }));
    await t.api['desk.checkIn']({ customer: { id: visit.customerId }, visit: { ...firstVisit().visit, repeatReason: '复查' } });
    await t.api['customer.search']({ query: '5678' }); // builds the search and visit-count views
    await t.api['staff.update']({ id: consultant.id, name: '李咨询', sex: 'F', role: 'consultant', departmentId: null, active: true, pin: null });
    expect(writes().length).toBeGreaterThan(5);
    const notSynced = writes().filter((w) => w.options?.sync !== true);
    expect(notSynced).toEqual([]);
  });
});
