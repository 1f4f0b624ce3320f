import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PouchDB, type Db } from '../../src-main/store/pouch';
import { PendingCounter } from '../../src-main/sync/pending';
import { travelsWithClinic } from '../../shared/sync/rules';
import { tempDir } from '../support/app';

/**
 * The kept 待上传 count (src-main/sync/pending.ts) on real on-disk stores: after every step —
 * pushes (the checkpoint moves), pulls, new writes, edits, deletions, a document turning into a
 * reference one — it equals a full recount from the checkpoint, while it reads only what is new.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function store(dir: string, name: string): Db {
  const db = new PouchDB(join(dir, name)) as Db;
  cleanups.push(() => db.close());
  return db;
}

/** Counted from scratch, independently of the counter: every change after `since` that travels. */
async function fullRecount(db: Db, since: number): Promise<number> {
  const changes = await db.changes({ since, include_docs: true });
  return changes.results.filter((c) => travelsWithClinic((c.doc ?? { _id: c.id }) as { _id: string })).length;
}

const filter = (doc: { _id: string; clinic?: unknown }) => travelsWithClinic(doc);

describe('the pending upload count', () => {
  it('equals a full recount after pushes, pulls and new writes, reading only new changes', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const desk = store(dir.path, 'desk');
    const headOffice = store(dir.path, 'ho');
    const counter = new PendingCounter(desk);
    let pushed = 0;
    const check = async () => {
      const expected = await fullRecount(desk, pushed);
      expect(await counter.count(pushed, 'clinic')).toBe(expected);
      expect(await new PendingCounter(desk).count(pushed, 'clinic')).toBe(expected); // as after a restart
      return expected;
    };
    const push = async () => {
      const result = await desk.replicate.to(headOffice, { filter });
      pushed = Number(result.last_seq);
    };

    await desk.bulkDocs(Array.from({ length: 40 }, (_, i) => ({ _id: `visit:${i}`, clinic: 'BJ', n: i })));
    await desk.put({ _id: 'calendar:2026', clinic: '*' });
    await desk.put({ _id: '_design/local', views: {} });
    expect(await check()).toBe(40);

    const before = counter.readCount;
    expect(await counter.count(pushed, 'clinic')).toBe(40);
    expect(counter.readCount - before).toBe(0); // nothing new: nothing read

    await push();
    expect(await check()).toBe(0);

    // New writes, an edit of a pushed one, a deletion, one that becomes a reference document.
    await desk.bulkDocs(Array.from({ length: 10 }, (_, i) => ({ _id: `customer:${i}`, clinic: 'BJ' })));
    const v0 = await desk.get('visit:0');
    await desk.put({ ...v0, n: 100 });
    const v1 = await desk.get('visit:1');
    await desk.remove(v1);
    const c0 = await desk.get('customer:0');
    expect(await check()).toBe(12);
    const read = counter.readCount;
    await desk.put({ ...(await desk.get('customer:1')), clinic: '*' });
    await desk.put({ ...c0, note: 'again' });
    expect(await check()).toBe(11); // customer:1 no longer travels; customer:0 counted once
    expect(counter.readCount - read).toBe(2); // only the two changes since the last ask

    // A pull: documents written at head office arrive as local changes after the checkpoint.
    await headOffice.bulkDocs(Array.from({ length: 15 }, (_, i) => ({ _id: `enquiry:${i}`, clinic: 'BJ' })));
    await desk.replicate.from(headOffice, { filter });
    expect(await check()).toBe(26);

    await push();
    expect(await check()).toBe(0);
    await desk.put({ _id: 'visit:new', clinic: 'BJ' });
    expect(await check()).toBe(1);

    // The checkpoint goes back (another server): counted from there again.
    pushed = 0;
    expect(await check()).toBe(await fullRecount(desk, 0));
  });
});

describe('status asks that come together', () => {
  // Each changes feed listens for its database's `destroyed` until it ends: asks that overlapped
  // (status asked while the last ask still read) piled them up past Node's limit of 10 and printed
  // MaxListenersExceededWarning in every sync bench run.
  it('read one feed at a time: the listener count stays flat and no warning is printed', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const desk = store(dir.path, 'desk');
    await desk.bulkDocs(Array.from({ length: 500 }, (_, i) => ({ _id: `visit:${i}`, clinic: 'BJ' })));
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    cleanups.push(() => void process.off('warning', onWarning));
    const baseline = desk.listenerCount('destroyed');
    const counter = new PendingCounter(desk);
    let most = 0;
    for (let round = 0; round < 5; round += 1) {
      await desk.put({ _id: `customer:${round}`, clinic: 'BJ' });
      const asks = Array.from({ length: 20 }, () => counter.count(0, 'clinic'));
      most = Math.max(most, desk.listenerCount('destroyed'));
      expect(new Set(await Promise.all(asks))).toEqual(new Set([501 + round]));
    }
    expect(most - baseline).toBeLessThanOrEqual(1);
    expect(desk.listenerCount('destroyed')).toBe(baseline);
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });
});
