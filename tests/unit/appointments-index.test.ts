import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { CustomerIndex, snapshotPath } from '../../src-main/desk/customerIndex';
import { PouchDB } from '../../src-main/store/pouch';
import { tempDir } from '../support/app';
import { customerSearchKeys, normaliseQuery } from '../../shared/desk/rules';
import { pinyinInitials } from '../../src-main/desk/pinyin';

let seq = 0;

/** A minimal real-shaped store: sequence numbers grow with every write. */
function memoryStore() {
  const latest = new Map<string, { id: string; seq: number; doc: Record<string, unknown> }>();
  return {
    write(doc: Record<string, unknown> & { _id: string }) {
      latest.set(doc._id, { id: doc._id, seq: ++seq, doc });
    },
    db: {
      changes: async ({ since, limit }: { since: number; limit: number }) => {
        const results = [...latest.values()].filter((c) => c.seq > since).sort((a, b) => a.seq - b.seq).slice(0, limit);
        return { results, last_seq: results.length ? results[results.length - 1]!.seq : since };
      },
    },
  };
}

const customer = (id: string, name: string, phone: string, extra: Record<string, unknown> = {}) => ({ _id: id, type: 'customer', search: customerSearchKeys(name, pinyinInitials(name)), phone, mergedInto: null, ...extra });
const visit = (id: string, customerId: string, arrivedAt: string) => ({ _id: id, type: 'visit', customerId, arrivedAt });

describe('the lookup index (src-main/desk/customerIndex.ts)', () => {
  it('finds by name prefix, initials prefix and 4+ digits anywhere, and follows renames, phone changes, merges', async () => {
    const s = memoryStore();
    s.write(customer('customer:BJ:a', '张晓梅', '13912345678'));
    s.write(customer('customer:BJ:b', '张小敏', '13800005678'));
    s.write(customer('customer:BJ:c', '李丽', '13712340000'));
    const index = new CustomerIndex(s.db as never);
    const find = (q: string) => index.find(normaliseQuery(q), 10);
    expect(await find('张')).toEqual(['customer:BJ:b', 'customer:BJ:a']); // by key: 张小敏 < 张晓梅
    expect(await find('zx')).toEqual(['customer:BJ:a', 'customer:BJ:b']); // same initials: older first
    expect(await find('5678')).toEqual(['customer:BJ:a', 'customer:BJ:b']);
    expect(await find('1234')).toEqual(['customer:BJ:a', 'customer:BJ:c']);
    expect(await find('391234')).toEqual(['customer:BJ:a']);
    expect(await find('567')).toEqual([]);
    expect(await find('王')).toEqual([]);

    s.write(customer('customer:BJ:a', '王晓梅', '13600009999'));
    expect(await find('zxm')).toEqual(['customer:BJ:b']); // 张小敏 only now
    expect(await find('张晓')).toEqual([]);
    expect(await find('wxm')).toEqual(['customer:BJ:a']);
    expect(await find('5678')).toEqual(['customer:BJ:b']);
    expect(await find('9999')).toEqual(['customer:BJ:a']);

    s.write(customer('customer:BJ:d', '张小敏', '13800005678'));
    expect(await index.withPhone('13800005678')).toEqual(['customer:BJ:b', 'customer:BJ:d']);
    expect(await index.sharedPhones(10)).toEqual([{ phone: '13800005678', ids: ['customer:BJ:b', 'customer:BJ:d'] }]);
    s.write(customer('customer:BJ:d', '张小敏', '13800005678', { mergedInto: 'customer:BJ:b' }));
    expect(await index.sharedPhones(10)).toEqual([]);
    expect(await find('zxm')).toEqual(['customer:BJ:b']);
    expect(index.size).toBe(3);
  });

  it('keeps visit counts and last arrivals through new visits, changes and re-pointing', async () => {
    const s = memoryStore();
    s.write(customer('customer:BJ:a', '张晓梅', '13912345678'));
    s.write(customer('customer:BJ:b', '张小梅', '13912345678'));
    s.write(visit('visit:BJ:1', 'customer:BJ:a', '2026-11-01T02:00:00.000Z'));
    s.write(visit('visit:BJ:2', 'customer:BJ:a', '2026-11-20T02:00:00.000Z'));
    const index = new CustomerIndex(s.db as never);
    expect(await index.stats(['customer:BJ:a', 'customer:BJ:b'])).toEqual(new Map([['customer:BJ:a', { count: 2, last: '2026-11-20T02:00:00.000Z' }]]));
    // A status change (part B) rewrites the visit: still one visit.
    s.write({ ...visit('visit:BJ:2', 'customer:BJ:a', '2026-11-20T02:00:00.000Z'), status: 'left' });
    expect((await index.stats(['customer:BJ:a'])).get('customer:BJ:a')).toEqual({ count: 2, last: '2026-11-20T02:00:00.000Z' });
    // A merge re-points the latest visit to the other record: both counts and lasts move.
    s.write(visit('visit:BJ:2', 'customer:BJ:b', '2026-11-20T02:00:00.000Z'));
    expect(await index.stats(['customer:BJ:a', 'customer:BJ:b'])).toEqual(
      new Map([
        ['customer:BJ:a', { count: 1, last: '2026-11-01T02:00:00.000Z' }],
        ['customer:BJ:b', { count: 1, last: '2026-11-20T02:00:00.000Z' }],
      ]),
    );
  });
  it("the phones' 4-digit runs built after a start (in slices) come out as a build makes them, with records changed, added and merged away meanwhile", async () => {
    const docs = Array.from({ length: 5000 }, (_, i) => customer(`customer:BJ:${String(i).padStart(5, '0')}`, '王静', `139${String(i % 1700).padStart(8, '0')}`));
    const changed = [
      customer('customer:BJ:00000', '王静', '13911110000'), // reached already: moved to the end
      customer('customer:BJ:04999', '王静', '13900000000'), // not reached yet
      customer('customer:BJ:new', '王静', '13900001111'),
      customer('customer:BJ:00100', '王静', '13900000100', { mergedInto: 'customer:BJ:00000' }),
      customer('customer:BJ:03000', '王静', '13900000100', { mergedInto: 'customer:BJ:00000' }), // not reached yet, merged away
    ];
    const s = memoryStore();
    for (const d of docs) s.write(d);
    const index = new CustomerIndex(s.db as never);
    await index.current();
    type Inner = { gramsBuilt: boolean; grams: Map<string, string[]>; buildGrams(): Promise<void>; put(doc: unknown): void };
    const inner = index as unknown as Inner;
    inner.grams.clear();
    inner.gramsBuilt = false;
    const building = inner.buildGrams(); // the first slice of 2,000 is done when this returns
    for (const d of changed) inner.put(d);
    await building;
    expect(inner.gramsBuilt).toBe(true);

    // A build from a store holding the same records, in the order they were last written.
    const fresh = memoryStore();
    const last = new Map(changed.map((d) => [d._id, d]));
    for (const d of docs) if (!last.has(d._id)) fresh.write(d);
    for (const d of changed) fresh.write(d);
    const rebuilt = new CustomerIndex(fresh.db as never);
    await rebuilt.current();
    const runs = (i: CustomerIndex) => [...(i as unknown as Inner).grams].sort(([a], [b]) => a.localeCompare(b));
    expect(runs(index)).toEqual(runs(rebuilt));
    expect(await index.find('0000', 10)).toEqual(await rebuilt.find('0000', 10));
  });
});

describe('the lookup index on a real store: its snapshot beside the store', () => {
  const open: { db: PouchDB.Database; remove(): void }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) {
      await o.db.close();
      o.remove();
    }
  });
  function store() {
    const dir = tempDir('daoyi-index-');
    const db = new PouchDB(join(dir.path, 'db'), { adapter: 'leveldb' } as PouchDB.Configuration.DatabaseConfiguration);
    open.push({ db, remove: dir.remove });
    return db;
  }
  const names = ['张晓梅', '张小敏', '李丽', '王静', '赵敏'];
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => customer(`customer:BJ:${String(i).padStart(5, '0')}`, names[i % names.length]! + String(i % 7), `139${String(i % 1500).padStart(8, '0')}`));
  const queries = ['张', '张晓', 'zxm', 'zx', 'lj', '王静3', '0000', '00001', '1234', '9999', '赵'];
  /** What the index answers (the phones shared, sorted: the groups have no order of their own). */
  async function answers(index: CustomerIndex, ids: string[]) {
    const found = await Promise.all(queries.map((q) => index.find(normaliseQuery(q), 50)));
    return { found, size: index.size, stats: await index.stats(ids), shared: (await index.sharedPhones(5000)).sort((x, y) => x.phone.localeCompare(y.phone)), phone: await index.withPhone('13900000002') };
  }

  /** The snapshot's lines (version 4: `<crc32> <json>` each), parsed. */
  const linesOf = (db: PouchDB.Database) =>
    readFileSync(snapshotPath(db)!, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line.slice(9)) as unknown);

  it('a restart starts from the snapshot and reads only the changes after it; the answers are those of a build from the store', async () => {
    const db = store();
    const docs = many(4500);
    await db.bulkDocs(docs);
    await db.bulkDocs([visit('visit:BJ:1', 'customer:BJ:00002', '2026-11-01T02:00:00.000Z'), visit('visit:BJ:2', 'customer:BJ:00002', '2026-11-03T02:00:00.000Z')]);
    const built = new CustomerIndex(db);
    await built.current();
    await built.flushed();
    expect(built.startedFrom).toBe('store');
    // Version 4: a header, then one line per slice of at most 2,000 entries.
    const [header, ...lines] = linesOf(db) as [{ version: number; lines: number; counts: { entries: number } }, ...[string, unknown[]][]];
    expect([header.version, header.counts.entries, header.lines, lines.length]).toEqual([4, 4500, lines.length, lines.length]);
    expect(lines.filter(([kind]) => kind === 'e').map(([, items]) => items.length)).toEqual([2000, 2000, 500]);

    // After the snapshot: a rename, a merge, a new customer sharing a phone, a visit moved, one added.
    const byId = async (id: string) => db.get<Record<string, unknown>>(id);
    await db.put({ ...(await byId('customer:BJ:00000')), search: customerSearchKeys('王晓梅', pinyinInitials('王晓梅')) });
    await db.put({ ...(await byId('customer:BJ:00001')), mergedInto: 'customer:BJ:00006' });
    await db.put(customer('customer:BJ:new', '张晓梅', '13900000002'));
    await db.put({ ...(await byId('visit:BJ:2')), customerId: 'customer:BJ:00003' });
    await db.put(visit('visit:BJ:3', 'customer:BJ:00002', '2026-11-05T02:00:00.000Z'));

    const restarted = new CustomerIndex(db);
    const ids = ['customer:BJ:00002', 'customer:BJ:00003', 'customer:BJ:new'];
    const fromSnapshot = await answers(restarted, ids);
    expect(restarted.startedFrom).toBe('snapshot');
    expect(fromSnapshot).toEqual(await answers(built, ids));
    // And those of an index built from the store alone (no snapshot beside it).
    const fresh = store();
    // In the order they were written, as a replica receives them.
    const inOrder = (await db.changes({ include_docs: true })).results.map((c) => Object.fromEntries(Object.entries(c.doc!).filter(([k]) => k !== '_rev')) as { _id: string });
    await fresh.bulkDocs(inOrder);
    const rebuilt = new CustomerIndex(fresh);
    expect(fromSnapshot).toEqual(await answers(rebuilt, ids));
    expect(rebuilt.startedFrom).toBe('store');
    expect(fromSnapshot.size).toBe(4500); // one merged away, one new
    expect(fromSnapshot.found[2]).toContain('customer:BJ:new');
    expect(fromSnapshot.found[2]).not.toContain('customer:BJ:00000');
    expect(fromSnapshot.phone).toEqual(['customer:BJ:00002', 'customer:BJ:01502', 'customer:BJ:03002', 'customer:BJ:new']);
    expect(fromSnapshot.stats.get('customer:BJ:00002')).toEqual({ count: 2, last: '2026-11-05T02:00:00.000Z' });
    expect(fromSnapshot.stats.get('customer:BJ:00003')).toEqual({ count: 1, last: '2026-11-03T02:00:00.000Z' });
  });

  it('puts the snapshot back one line per turn of the event loop, saying how far it is until it is complete', async () => {
    const db = store();
    await db.bulkDocs(many(6000));
    const built = new CustomerIndex(db);
    await built.current();
    await built.flushed();
    const restarted = new CustomerIndex(db);
    // Other work gets turns while it loads: count them.
    let turns = 0;
    let done = false;
    const tick = () => setImmediate(() => (done ? undefined : (turns++, tick())));
    tick();
    const said: { done: number; total: number }[] = [];
    for (let p = await restarted.readyWithin(0); p; p = await restarted.readyWithin(0)) said.push(p);
    done = true;
    expect(restarted.startedFrom).toBe('snapshot');
    expect(turns).toBeGreaterThanOrEqual(linesOf(db).length - 1);
    // How far: the entries (and visits, none here), up to the whole.
    const far = said.filter((p) => p.total > 0);
    expect(far.length).toBeGreaterThan(1);
    expect(far.every((p) => p.total === 6000 && p.done <= p.total)).toBe(true);
    expect(far.map((p) => p.done)).toEqual([...far.map((p) => p.done)].sort((x, y) => x - y));
    expect(await restarted.readyWithin(0)).toBeNull();
    expect(await restarted.find(normaliseQuery('赵敏4'), 3)).toHaveLength(3);
    // Right after a start the phones' 4-digit runs are still being built (in slices, after the
    // lookup already answers) and a digit query reads every phone instead: the same answers, in the
    // same order, as from the runs once built, and as the index that wrote the snapshot.
    await restarted.flushed();
    const runs = restarted as unknown as { gramsBuilt: boolean };
    expect(runs.gramsBuilt).toBe(true);
    const digits = ['0000', '00001', '1499', '9000', '13900001234'];
    const ask = async (index: CustomerIndex) => [...(await Promise.all(digits.map((q) => index.find(q, 20)))), await index.find('1499', 20, 'tailOrWhole')];
    const fromRuns = await ask(restarted);
    runs.gramsBuilt = false;
    expect(await ask(restarted)).toEqual(fromRuns);
    runs.gramsBuilt = true;
    expect(await ask(built)).toEqual(fromRuns);
    const before = fromRuns;
    expect(before[0]!.length).toBe(20);
  });

  it('reads a snapshot of version 3 (one JSON document) and writes it again as version 4', async () => {
    const db = store();
    await db.bulkDocs(many(2500));
    await db.bulkDocs([visit('visit:BJ:1', 'customer:BJ:00002', '2026-11-01T02:00:00.000Z'), { _id: 'visit-event:BJ:x', type: 'visit-event', kind: 'cancel', visitId: 'visit:BJ:9' }]);
    const built = new CustomerIndex(db);
    await built.current();
    await built.flushed();
    // The same index as version 3 kept it.
    const [header, ...lines] = linesOf(db) as [{ store: string; seq: number }, ...[string, unknown[]][]];
    const all = (kind: string) => lines.filter(([k]) => k === kind).flatMap(([, items]) => items);
    const keys = all('k');
    const v3 = {
      version: 3,
      store: header.store,
      seq: header.seq,
      entries: all('e'),
      keys: keys.filter((_, i) => i % 2 === 0),
      keyEntries: keys.filter((_, i) => i % 2 === 1),
      visits: all('v'),
      cancelled: all('c'),
      cancels: all('x'),
      withdrawn: all('w'),
    };
    expect(v3.cancelled).toEqual(['visit:BJ:9']);
    writeFileSync(snapshotPath(db)!, JSON.stringify(v3));
    const upgraded = new CustomerIndex(db);
    const ids = ['customer:BJ:00002'];
    expect(await answers(upgraded, ids)).toEqual(await answers(built, ids));
    expect(upgraded.startedFrom).toBe('snapshot');
    await upgraded.flushed();
    expect((linesOf(db)[0] as { version: number }).version).toBe(4);
  });

  it("another store's snapshot, one ahead of the store, one cut short, damaged, with a line lost or of an unknown version is ignored and the index built from the store", async () => {
    const a = store();
    await a.bulkDocs(many(4100));
    const first = new CustomerIndex(a);
    await first.current();
    await first.flushed();
    const good = readFileSync(snapshotPath(a)!, 'utf8');
    const [head, ...rest] = good.split('\n');
    const header = JSON.parse(head!.slice(9)) as Record<string, unknown>;
    const withCrc = (json: string) => `${crc32(json).toString(16).padStart(8, '0')} ${json}`;

    // Copied beside another store: not its own.
    const b = store();
    await b.put(customer('customer:BJ:only', '孙丽', '13600001111'));
    writeFileSync(snapshotPath(b)!, good);
    const other = new CustomerIndex(b);
    expect(await other.find(normaliseQuery('张'), 10)).toEqual([]);
    expect(other.startedFrom).toBe('store');
    expect(other.size).toBe(1);

    const broken: [why: string, text: string][] = [
      // Its own store's id, but a sequence the store has not reached (a store put back from an older copy).
      ['ahead of the store', [withCrc(JSON.stringify({ ...header, seq: 1_000_000 })), ...rest].join('\n')],
      ['another version', [withCrc(JSON.stringify({ ...header, version: 5 })), ...rest].join('\n')],
      // Cut short (a crash while it was written), at a line's end or inside one.
      ['cut at a line', [head, ...rest.slice(0, 2)].join('\n') + '\n'],
      ['cut inside a line', good.slice(0, Math.floor(good.length / 2))],
      ['a line lost', [head, ...rest.slice(0, 1), ...rest.slice(2)].join('\n')],
      ['one digit changed', good.replace('13900000001', '13900000009')],
      ['a header that is not one', [withCrc(JSON.stringify({ ...header, counts: { ...(header.counts as object), entries: 9 } })), ...rest].join('\n')],
      ['not a snapshot at all', 'hello\nworld\n'],
    ];
    for (const [why, text] of broken) {
      writeFileSync(snapshotPath(a)!, text);
      const restarted = new CustomerIndex(a);
      expect(await restarted.find(normaliseQuery('0000'), 5), why).toHaveLength(5);
      expect([why, restarted.startedFrom, restarted.size]).toEqual([why, 'store', 4100]);
      await restarted.flushed();
    }
    // Each rebuild wrote a whole snapshot again.
    expect(readFileSync(snapshotPath(a)!, 'utf8').split('\n').length).toBe(good.split('\n').length);
  });
});
