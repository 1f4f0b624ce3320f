import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Db } from '../store/pouch';
import type { CustomerDoc } from '../../shared/desk/schemas';
import { matchesCustomer, type PhoneReach } from '../../shared/desk/rules';

/**
 * The lookup index: every live customer's search keys (name, pinyin initials) and phone, in
 * memory in the main process. Built from the changes feed (which reads each document's body in
 * sequence order — about six times faster in PouchDB's LevelDB adapter than `allDocs` with
 * `include_docs`), then kept current from the same feed: each lookup first reads the changes since
 * the last one (nothing changed → one short range read). No map/reduce view to build: the former
 * view with a key per phone tail was ~10 rows per customer and took minutes at 200,000 customers,
 * while scanning 200,000 short strings in memory takes milliseconds (`npm run bench`). The same
 * index answers "who has this phone" (duplicates at registration, records to merge) and keeps each
 * customer's visit count and last arrival, so a lookup reads no view at all.
 *
 * Reading 200,000 customers back from the store at every start took ~50 s (`npm run bench`), so the
 * index keeps a compact snapshot of itself in a file beside the store (`<store>.customer-index.json`):
 * the entries, the sorted keys and the visits, with the store's identity and the sequence they are
 * complete up to. A file, not a `_local` document: a 30 MB LevelDB write would hold up the store's
 * queue (and every lookup behind it) while it lands, and a file reads back faster. A start loads it and reads only the changes after that sequence; a snapshot of
 * another store, or ahead of this one (a store restored from a copy), is ignored and the index
 * built from the store as before. It is rewritten after a build from the store and after every
 * `SAVE_AFTER` changes, in the background; one that is older than the store only means more
 * changes to read at the next start.
 */
interface Entry {
  id: string;
  search: string[];
  phone: string;
}

const PAGE = 5_000;

/** The store's own id, made when it was created (PouchDB's `id()`, not in its types). */
const storeId = (db: Db) => (db as unknown as { id(): Promise<string> }).id();

/** Where the snapshot of a store's index lives: beside the store's folder (on-disk stores only). */
export function snapshotPath(db: Db): string | null {
  const { name, adapter } = db as unknown as { name?: unknown; adapter?: unknown };
  return typeof name === 'string' && adapter === 'leveldb' ? `${name}.customer-index.json` : null;
}
/** Bump when what the index keeps changes: an older snapshot is then rebuilt from the store. */
const SNAPSHOT_VERSION = 3; // 2: the cancelled (作废) visits; 3: the cancellations and what withdrew them
/** Changes read since the last snapshot before a new one is written. */
const SAVE_AFTER = 2_000;

/** Entries put back from a snapshot between two turns of the event loop. */
const YIELD_EVERY = 5_000;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The snapshot: entries as `[id, phone, ...search]`, keys as positions into the entries. */
interface Snapshot {
  version: number;
  store: string;
  seq: number | string;
  entries: string[][];
  keys: string[];
  keyEntries: number[];
  visits: [id: string, customerId: string, arrivedAt: string][];
  /** Visits cancelled (作废): they count in no visit count (issue 21). */
  cancelled: string[];
  /** Cancellations (作废 event id, visit id) and event ids withdrawn since (撤销合并 unfolds a fold's 作废). */
  cancels: [eventId: string, visitId: string][];
  withdrawn: string[];
}

export class CustomerIndex {
  private entries = new Map<string, Entry>();
  private phones = new Map<string, Set<string>>();
  /** Name and initials keys, sorted, with the customer of each: a prefix is a binary search away. */
  private keys: string[] = [];
  private keyIds: string[] = [];
  /** Every 4-digit run of every phone → customers: "4+ digits anywhere" checks a few hundred phones, not all. */
  private grams = new Map<string, string[]>();
  /** Visits: id → whose and when, so counts stay right when a visit changes or is re-pointed by a merge. */
  private visits = new Map<string, { customerId: string; arrivedAt: string }>();
  private visitStats = new Map<string, { count: number; last: string }>();
  /** Visits cancelled (作废) by a `visit-event` of kind `cancel`, which is never deleted: they count nowhere. */
  private cancelled = new Set<string>();
  /** Each cancellation's visit, and the events withdrawn (a `withdraw` event): a visit counts again once each of its cancellations is withdrawn. */
  private cancels = new Map<string, string>();
  private withdrawn = new Set<string>();
  private seq: number | string = 0;
  private catchingUp: Promise<void> | null = null;
  private started = false;
  private unsaved = 0;
  private saving: Promise<void> | null = null;
  /** Where the last start came from (bench, tests): the snapshot, or every change in the store. */
  startedFrom: 'snapshot' | 'store' | null = null;

  constructor(private readonly db: Db) {}

  get size(): number {
    return this.entries.size;
  }

  /** First position whose key is not less than `key`. */
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private static gramsOf(phone: string): Set<string> {
    const out = new Set<string>();
    for (let i = 0; i + 4 <= phone.length; i++) out.add(phone.slice(i, i + 4));
    return out;
  }

  private drop(id: string) {
    const old = this.entries.get(id);
    if (!old) return;
    this.entries.delete(id);
    const same = this.phones.get(old.phone);
    same?.delete(id);
    if (same?.size === 0) this.phones.delete(old.phone);
    for (const key of new Set(old.search)) {
      for (let i = this.lowerBound(key); i < this.keys.length && this.keys[i] === key; i++) {
        if (this.keyIds[i] === id) {
          this.keys.splice(i, 1);
          this.keyIds.splice(i, 1);
          break;
        }
      }
    }
    for (const gram of CustomerIndex.gramsOf(old.phone)) {
      const ids = this.grams.get(gram);
      const at = ids?.indexOf(id) ?? -1;
      if (ids && at >= 0) ids.splice(at, 1);
      if (ids?.length === 0) this.grams.delete(gram);
    }
  }

  /** Bulk loading appends and sorts once at the end (`sortKeys`); later changes insert in place. */
  private bulk = false;

  private sortKeys() {
    const order = this.keys.map((_, i) => i).sort((a, b) => (this.keys[a]! < this.keys[b]! ? -1 : this.keys[a]! > this.keys[b]! ? 1 : a - b));
    this.keys = order.map((i) => this.keys[i]!);
    this.keyIds = order.map((i) => this.keyIds[i]!);
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
    for (const key of new Set(entry.search)) {
      if (this.bulk) {
        this.keys.push(key);
        this.keyIds.push(doc._id);
      } else {
        // After equal keys: among one name, older records first.
        let at = this.lowerBound(key);
        while (at < this.keys.length && this.keys[at] === key) at++;
        this.keys.splice(at, 0, key);
        this.keyIds.splice(at, 0, doc._id);
      }
    }
    for (const gram of CustomerIndex.gramsOf(entry.phone)) {
      const ids = this.grams.get(gram);
      if (ids) ids.push(doc._id);
      else this.grams.set(gram, [doc._id]);
    }
  }

  /** Visit counts and the last arrival per customer, derived like the `desk/visits_by_customer` view. */
  private putVisit(doc: { _id: string; _deleted?: boolean | undefined; customerId?: string; arrivedAt?: string }) {
    const old = this.visits.get(doc._id);
    if (old) {
      this.visits.delete(doc._id);
      const stat = this.visitStats.get(old.customerId);
      if (stat) {
        stat.count -= 1;
        if (stat.count === 0) this.visitStats.delete(old.customerId);
        else if (stat.last === old.arrivedAt) stat.last = this.lastOf(old.customerId);
      }
    }
    if (doc._deleted || !doc.customerId || !doc.arrivedAt || this.cancelled.has(doc._id)) return;
    this.visits.set(doc._id, { customerId: doc.customerId, arrivedAt: doc.arrivedAt });
    const stat = this.visitStats.get(doc.customerId);
    if (!stat) this.visitStats.set(doc.customerId, { count: 1, last: doc.arrivedAt });
    else {
      stat.count += 1;
      if (doc.arrivedAt > stat.last) stat.last = doc.arrivedAt;
    }
  }

  /** A cancellation (作废) may come before or after its visit (sync): the visit stops counting either way. */
  private cancelVisit(visitId: string) {
    if (this.cancelled.has(visitId)) return;
    this.cancelled.add(visitId);
    if (this.visits.has(visitId)) this.putVisit({ _id: visitId, _deleted: true });
  }

  /** An event withdrawn: if it was a visit's last standing cancellation, the visit counts again (`restore`: to be read). */
  private withdraw(eventId: string, restore: Set<string>) {
    if (this.withdrawn.has(eventId)) return;
    this.withdrawn.add(eventId);
    const visitId = this.cancels.get(eventId);
    if (!visitId || !this.cancelled.has(visitId)) return;
    for (const [id, v] of this.cancels) if (v === visitId && !this.withdrawn.has(id)) return;
    this.cancelled.delete(visitId);
    restore.add(visitId);
  }

  /** Rare (a visit moved away from its customer's last arrival): recompute that customer's last. */
  private lastOf(customerId: string): string {
    let last = '';
    for (const v of this.visits.values()) if (v.customerId === customerId && v.arrivedAt > last) last = v.arrivedAt;
    return last;
  }

  /** The snapshot of this store, if there is one it can trust. */
  private async loadSnapshot(): Promise<boolean> {
    try {
      const path = snapshotPath(this.db);
      if (!path) return false;
      const [text, store, info] = await Promise.all([readFile(path, 'utf8'), storeId(this.db), this.db.info()]);
      const snapshot = JSON.parse(text) as Snapshot;
      if (snapshot.version !== SNAPSHOT_VERSION || snapshot.store !== store) return false;
      // Ahead of the store: it was written against another copy of it.
      if (Number.parseInt(String(snapshot.seq), 10) > Number.parseInt(String(info.update_seq), 10)) return false;
      const ids: string[] = [];
      for (const [n, [id, phone, ...search]] of snapshot.entries.entries()) {
        // 200,000 customers take seconds to put back: let the door's other calls (sign-in, the
        // waiting list) through between slices instead of holding the main process for all of it.
        if (n % YIELD_EVERY === YIELD_EVERY - 1) await yieldToLoop();
        ids.push(id!);
        const entry = { id: id!, search, phone: phone! };
        this.entries.set(entry.id, entry);
        let same = this.phones.get(entry.phone);
        if (!same) this.phones.set(entry.phone, (same = new Set()));
        same.add(entry.id);
        for (const gram of CustomerIndex.gramsOf(entry.phone)) {
          const list = this.grams.get(gram);
          if (list) list.push(entry.id);
          else this.grams.set(gram, [entry.id]);
        }
      }
      this.keys = snapshot.keys;
      this.keyIds = snapshot.keyEntries.map((i: number) => ids[i]!);
      for (const id of snapshot.cancelled) this.cancelled.add(id);
      for (const [eventId, visitId] of snapshot.cancels) this.cancels.set(eventId, visitId);
      for (const id of snapshot.withdrawn) this.withdrawn.add(id);
      for (const [n, [id, customerId, arrivedAt]] of snapshot.visits.entries()) {
        if (n % YIELD_EVERY === YIELD_EVERY - 1) await yieldToLoop();
        this.putVisit({ _id: id, customerId, arrivedAt });
      }
      this.seq = snapshot.seq;
      return true;
    } catch {
      // No snapshot (or an unreadable one): start from the store.
      this.entries.clear();
      this.phones.clear();
      this.grams.clear();
      this.visits.clear();
      this.visitStats.clear();
      this.cancelled.clear();
      this.cancels.clear();
      this.withdrawn.clear();
      this.keys = [];
      this.keyIds = [];
      this.seq = 0;
      return false;
    }
  }

  /** Writes the snapshot in the background; taken in one go, so it is complete up to `seq`. */
  private save() {
    const path = snapshotPath(this.db);
    if (this.saving || !path) return;
    const position = new Map<string, number>();
    const entries: string[][] = [];
    for (const e of this.entries.values()) {
      position.set(e.id, entries.length);
      entries.push([e.id, e.phone, ...e.search]);
    }
    const body = {
      version: SNAPSHOT_VERSION,
      seq: this.seq,
      entries,
      keys: this.keys,
      keyEntries: this.keyIds.map((id) => position.get(id)!),
      visits: [...this.visits].map(([id, v]) => [id, v.customerId, v.arrivedAt]),
      cancelled: [...this.cancelled],
      cancels: [...this.cancels],
      withdrawn: [...this.withdrawn],
    };
    this.unsaved = 0;
    this.saving = (async () => {
      const text = JSON.stringify({ ...body, store: await storeId(this.db) });
      // Written whole, then renamed over the old one: a crash leaves the old snapshot or none.
      await writeFile(`${path}.tmp`, text);
      await rename(`${path}.tmp`, path);
    })()
      .catch(() => {}) // the next start reads more changes; nothing else depends on it
      .finally(() => (this.saving = null));
  }

  /** Waits for a snapshot being written (before the store closes). */
  async flushed(): Promise<void> {
    await this.catchingUp;
    await this.saving;
  }

  private async readChanges() {
    if (!this.started) {
      this.started = true;
      this.startedFrom = (await this.loadSnapshot()) ? 'snapshot' : 'store';
    }
    // The first read loads everything: append the keys and sort them once.
    this.bulk = this.seq === 0;
    const restore = new Set<string>();
    for (;;) {
      const res = await this.db.changes<CustomerDoc>({ since: this.seq, include_docs: true, limit: PAGE });
      for (const c of res.results) {
        if (c.id.startsWith('customer:') && c.doc) this.put(c.doc);
        else if (c.id.startsWith('visit:') && c.doc) this.putVisit(c.doc as unknown as { _id: string; customerId?: string; arrivedAt?: string });
        else if (c.id.startsWith('visit-event:') && c.doc) {
          const e = c.doc as unknown as { _id: string; kind?: string; visitId?: string; withdraws?: unknown; _deleted?: boolean };
          if (e.kind === 'cancel' && e.visitId && !e._deleted) {
            this.cancels.set(e._id, e.visitId);
            if (!this.withdrawn.has(e._id)) this.cancelVisit(e.visitId);
          }
          if (e.kind === 'withdraw' && Array.isArray(e.withdraws) && !e._deleted) for (const id of e.withdraws) if (typeof id === 'string') this.withdraw(id, restore);
        }
      }
      // Visits whose cancellation was withdrawn count again: their bodies, in one read.
      if (restore.size) {
        const back = await this.db.allDocs({ keys: [...restore], include_docs: true });
        for (const r of back.rows) if ('doc' in r && r.doc) this.putVisit(r.doc as unknown as { _id: string; customerId?: string; arrivedAt?: string });
        restore.clear();
      }
      this.seq = res.last_seq;
      this.unsaved += res.results.length;
      if (res.results.length < PAGE) break;
    }
    if (this.bulk) {
      this.sortKeys();
      this.bulk = false;
    }
    if (this.unsaved >= SAVE_AFTER) this.save();
  }

  /** Up to date with the store: the changes since the last call (all of them, the first time). */
  async current(): Promise<void> {
    this.catchingUp ??= this.readChanges().finally(() => (this.catchingUp = null));
    await this.catchingUp;
  }

  /**
   * Ids of customers matching the normalised query (`matchesCustomer`): names and initials in key
   * order through the sorted keys; 4+ digits through the phones holding the query's first four.
   */
  async find(key: string, limit: number, reach: PhoneReach = 'anywhere'): Promise<string[]> {
    await this.current();
    const found = new Set<string>();
    if (/^\d+$/.test(key)) {
      if (key.length < 4) return [];
      // Beyond the last four, a role that sees masked phones finds only the whole number.
      if (reach === 'tailOrWhole' && key.length > 4) return [...(this.phones.get(key) ?? [])].slice(0, limit);
      for (const id of this.grams.get(key.slice(0, 4)) ?? []) {
        const e = this.entries.get(id);
        if (e && matchesCustomer(key, e, reach)) found.add(id);
        if (found.size >= limit) break;
      }
      return [...found];
    }
    for (let i = this.lowerBound(key); i < this.keys.length && this.keys[i]!.startsWith(key) && found.size < limit; i++) found.add(this.keyIds[i]!);
    return [...found];
  }

  /** Visit count and last arrival of each customer (none: not in the map). */
  async stats(ids: string[]): Promise<Map<string, { count: number; last: string }>> {
    await this.current();
    return new Map(ids.flatMap((id) => {
      const s = this.visitStats.get(id);
      return s ? [[id, { ...s }] as const] : [];
    }));
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
