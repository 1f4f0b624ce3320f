import type { Db } from '../store/pouch';
import type { CustomerDoc } from '../../shared/desk/schemas';
import { matchesCustomer } from '../../shared/desk/rules';

/**
 * The lookup index: every live customer's search keys (name, pinyin initials) and phone, in
 * memory in the main process. Built from the changes feed (which reads each document's body in
 * sequence order — about six times faster in PouchDB's LevelDB adapter than `allDocs` with
 * `include_docs`), then kept current from the same feed: each lookup first reads the changes since
 * the last one (nothing changed → one short range read). No map/reduce view to build: the former
 * view with a key per phone tail was ~10 rows per customer and took minutes at 200,000 customers,
 * while scanning 200,000 short strings in memory takes milliseconds (`npm run bench`). The same
 * index answers "who has this phone" (duplicates at registration, records to merge).
 */
interface Entry {
  id: string;
  search: string[];
  phone: string;
}

const PAGE = 5_000;

export class CustomerIndex {
  private entries = new Map<string, Entry>();
  private phones = new Map<string, Set<string>>();
  private seq: number | string = 0;
  private catchingUp: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  get size(): number {
    return this.entries.size;
  }

  private drop(id: string) {
    const old = this.entries.get(id);
    if (!old) return;
    this.entries.delete(id);
    const same = this.phones.get(old.phone);
    same?.delete(id);
    if (same?.size === 0) this.phones.delete(old.phone);
  }

  private put(doc: { _id: string; _deleted?: boolean | undefined; type?: string; mergedInto?: string | null; search?: string[]; phone?: string }) {
    this.drop(doc._id);
    // Merged records (mergedInto) stay in the store as tombstones but are no longer found.
    if (doc._deleted || doc.type !== 'customer' || doc.mergedInto) return;
    const entry = { id: doc._id, search: doc.search ?? [], phone: doc.phone ?? '' };
    this.entries.set(doc._id, entry);
    let same = this.phones.get(entry.phone);
    if (!same) this.phones.set(entry.phone, (same = new Set()));
    same.add(doc._id);
  }

  private async readChanges() {
    for (;;) {
      const res = await this.db.changes<CustomerDoc>({ since: this.seq, include_docs: true, limit: PAGE });
      for (const c of res.results) if (c.id.startsWith('customer:') && c.doc) this.put(c.doc);
      this.seq = res.last_seq;
      if (res.results.length < PAGE) break;
    }
  }

  /** Up to date with the store: the changes since the last call (all of them, the first time). */
  async current(): Promise<void> {
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

  /** Ids of live customers with exactly this phone. */
  async withPhone(phone: string): Promise<string[]> {
    await this.current();
    return [...(this.phones.get(phone) ?? [])];
  }

  /** Phones held by more than one live customer: records of one person to merge. */
  async sharedPhones(limit: number): Promise<{ phone: string; ids: string[] }[]> {
    await this.current();
    const out: { phone: string; ids: string[] }[] = [];
    for (const [phone, ids] of this.phones) {
      if (ids.size > 1) out.push({ phone, ids: [...ids] });
      if (out.length >= limit) break;
    }
    return out;
  }
}

const indexes = new WeakMap<Db, CustomerIndex>();

/** The one index of a store. */
export function customerIndex(db: Db): CustomerIndex {
  let index = indexes.get(db);
  if (!index) indexes.set(db, (index = new CustomerIndex(db)));
  return index;
}
