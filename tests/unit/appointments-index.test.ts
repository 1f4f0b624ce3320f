import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  async function answers(index: CustomerIndex, ids: string[]) {
    const found = await Promise.all(queries.map((q) => index.find(normaliseQuery(q), 50)));
    return { found, size: index.size, stats: await index.stats(ids), shared: await index.sharedPhones(5000), phone: await index.withPhone('13900000002') };
  }

  it('a restart starts from the snapshot and reads only the changes after it; the answers are those of a build from the store', async () => {
    const db = store();
    const docs = many(2500);
    await db.bulkDocs(docs);
    await db.bulkDocs([visit('visit:BJ:1', 'customer:BJ:00002', '2026-11-01T02:00:00.000Z'), visit('visit:BJ:2', 'customer:BJ:00002', '2026-11-03T02:00:00.000Z')]);
    const built = new CustomerIndex(db);
    await built.current();
    await built.flushed();
    expect(built.startedFrom).toBe('store');
    const saved = JSON.parse(readFileSync(snapshotPath(db)!, 'utf8')) as { entries: unknown[] };
    expect(saved.entries.length).toBe(2500);

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
    expect(fromSnapshot.size).toBe(2500); // one merged away, one new
    expect(fromSnapshot.found[2]).toContain('customer:BJ:new');
    expect(fromSnapshot.found[2]).not.toContain('customer:BJ:00000');
    expect(fromSnapshot.phone).toEqual(['customer:BJ:00002', 'customer:BJ:01502', 'customer:BJ:new']);
    expect(fromSnapshot.stats.get('customer:BJ:00002')).toEqual({ count: 2, last: '2026-11-05T02:00:00.000Z' });
    expect(fromSnapshot.stats.get('customer:BJ:00003')).toEqual({ count: 1, last: '2026-11-03T02:00:00.000Z' });
  });

  it("another store's snapshot, one ahead of the store, or one cut short is ignored and the index built from the store", async () => {
    const a = store();
    await a.bulkDocs(many(2100));
    const first = new CustomerIndex(a);
    await first.current();
    await first.flushed();
    const snapshot = JSON.parse(readFileSync(snapshotPath(a)!, 'utf8')) as Record<string, unknown>;

    // Copied beside another store: not its own.
    const b = store();
    await b.put(customer('customer:BJ:only', '孙丽', '13600001111'));
    writeFileSync(snapshotPath(b)!, JSON.stringify(snapshot));
    const other = new CustomerIndex(b);
    expect(await other.find(normaliseQuery('张'), 10)).toEqual([]);
    expect(other.startedFrom).toBe('store');
    expect(other.size).toBe(1);

    // Its own store's id, but a sequence the store has not reached (a store put back from an older copy).
    writeFileSync(snapshotPath(a)!, JSON.stringify({ ...snapshot, seq: 1_000_000, entries: [], keys: [], keyEntries: [] }));
    const restarted = new CustomerIndex(a);
    await restarted.current();
    expect(restarted.startedFrom).toBe('store');
    expect(restarted.size).toBe(2100);

    // Cut short (a crash while it was written): the same.
    writeFileSync(snapshotPath(a)!, JSON.stringify(snapshot).slice(0, 5000));
    const afterCrash = new CustomerIndex(a);
    expect(await afterCrash.find(normaliseQuery('0000'), 5)).toHaveLength(5);
    expect(afterCrash.startedFrom).toBe('store');
  });
});
