import { describe, expect, it } from 'vitest';
import { CustomerIndex } from '../../src-main/desk/customerIndex';
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
