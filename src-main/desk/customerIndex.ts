import type { Db } from '../store/pouch';
import type { CustomerDoc } from '../../shared/desk/schemas';
import { matchesCustomer } from '../../shared/desk/rules';

/**
 * The lookup index: every customer's search keys (name, pinyin initials) and phone, in memory in
 * the main process. Built once from an `allDocs` range of `customer:` ids (no view to index), then
 * kept current from the changes feed: each lookup first reads the changes since the last one
 * (nothing changed → one short LevelDB range read). Why not a view: a map/reduce view with a key
 * per phone tail was 10 keys per customer, 22 s to build for 20,000 and ~4 minutes for 200,000;
 * a scan of 200,000 short strings in memory takes a few milliseconds (`npm run bench`).
 */
interface Entry {
  id: string;
  search: string[];
  phone: string;
}

const PAGE = 5_000;

export class CustomerIndex {
  private entries = new Map<string, Entry>();
  private seq: number | string = 0;
  private ready: Promise<void> | null = null;
  private catchingUp: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  get size(): number {
    return this.entries.size;
  }

  private put(doc: { _id: string; _deleted?: boolean | undefined; type?: string; mergedInto?: string | null; search?: string[]; phone?: string }) {
    if (doc._deleted || doc.type !== 'customer' || doc.mergedInto) this.entries.delete(doc._id);
    else this.entries.set(doc._id, { id: doc._id, search: doc.search ?? [], phone: doc.phone ?? '' });
  }

  private async build() {
    this.seq = (await this.db.info()).update_seq;
    let startkey = 'customer:';
    for (;;) {
      const page = await this.db.allDocs<CustomerDoc>({ include_docs: true, startkey, endkey: 'customer:\ufff0', limit: PAGE + 1 });
      const rows = page.rows.filter((r) => r.id !== startkey || startkey === 'customer:');
      for (const r of rows) if (r.doc) this.put(r.doc);
      if (page.rows.length <= PAGE) break;
      startkey = page.rows[page.rows.length - 1]!.id;
    }
    await this.readChanges();
  }

  private async readChanges() {
    for (;;) {
      const res = await this.db.changes<CustomerDoc>({ since: this.seq, include_docs: true, limit: PAGE });
      for (const c of res.results) if (c.id.startsWith('customer:') && c.doc) this.put(c.doc);
      this.seq = res.last_seq;
      if (res.results.length < PAGE) break;
    }
  }

  /** Up to date with the store: built on first use, then the changes since the last call. */
  async current(): Promise<void> {
    this.ready ??= this.build();
    await this.ready;
    this.catchingUp ??= this.readChanges().finally(() => (this.catchingUp = null));
    await this.catchingUp;
  }

  /** Ids of customers matching the normalised query, in the order they were first indexed. */
  async find(key: string, limit: number): Promise<string[]> {
    await this.current();
    const found: string[] = [];
    for (const e of this.entries.values()) {
      if (matchesCustomer(key, e)) {
        found.push(e.id);
        if (found.length >= limit) break;
      }
    }
    return found;
  }
}

const indexes = new WeakMap<Db, CustomerIndex>();

/** The one index of a store. */
export function customerIndex(db: Db): CustomerIndex {
  let index = indexes.get(db);
  if (!index) indexes.set(db, (index = new CustomerIndex(db)));
  return index;
}
