import { open, readFile, rename } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
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
 * queue (and every lookup behind it) while it lands, and a file reads back faster. Version 4 is one
 * checksummed line per slice of 2,000 entries, put back one line per turn of the event loop (the
 * phones' 4-digit runs are built from the entries afterwards, in slices), so the door answers
 * while 200,000 customers load; `readyWithin` tells the lookup how far it is. A start loads it
 * and reads only the changes after that sequence; a snapshot of another store, ahead of this one
 * (a store restored from a copy), damaged or cut short, is ignored and the index built from the
 * store as before; one of version 3 (one JSON document) is read once and written again as 4. It
 * is rewritten after a build from the store and after every `SAVE_AFTER` changes, in the
 * background, a slice per turn; one that is older than the store only means more changes to read
 * at the next start.
 */
interface Entry {
  id: string;
  search: string[];
  phone: string;
}

const PAGE = 5_000;

/** The store's own id, made when it was created (PouchDB's `id()`, not in its types). */
const storeId = (db: Db) => (db as unknown as { id(): Promise<string> }).id();

/** The store's sequence as a number (0 if it has none to tell). */
async function updateSeq(db: Db): Promise<number> {
  try {
    return Number.parseInt(String((await db.info()).update_seq), 10) || 0;
  } catch {
    return 0;
  }
}

/** Where the snapshot of a store's index lives: beside the store's folder (on-disk stores only). */
export function snapshotPath(db: Db): string | null {
  const { name, adapter } = db as unknown as { name?: unknown; adapter?: unknown };
  return typeof name === 'string' && adapter === 'leveldb' ? `${name}.customer-index.json` : null;
}
/** Bump when what the index keeps changes: an older snapshot is then rebuilt from the store. */
const SNAPSHOT_VERSION = 4; // 2: the cancelled (作废) visits; 3: the cancellations and what withdrew them; 4: one line per slice
/** Changes read since the last snapshot before a new one is written. */
const SAVE_AFTER = 2_000;

/** Entries in one line of the snapshot: one line is parsed (and put back) per turn of the event loop. */
const SLICE = 2_000;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The snapshot (version 4): lines of `<crc32 hex> <json>`. The first is the header; then one line
 * per slice, in this order (each kind needs the ones before it): `["e", [[id, phone, ...search]]]`
 * entries, `["k", [key, position, key, position, …]]` the sorted keys with their entry's position,
 * `["c", [visitId]]` cancelled visits, `["x", [[eventId, visitId]]]` cancellations, `["w",
 * [eventId]]` withdrawn events, `["v", [[id, customerId, arrivedAt]]]` visits. A line whose
 * checksum or kind is wrong, a missing line or one too many, or counts other than the header's:
 * the file is damaged and the index is built from the store.
 */
interface Header {
  format: 'daoyi-customer-index';
  version: number;
  store: string;
  seq: number | string;
  lines: number;
  counts: Counts;
}
interface Counts {
  entries: number;
  keys: number;
  cancelled: number;
  cancels: number;
  visits: number;
  withdrawn: number;
}
type Line = ['e', string[][]] | ['k', (string | number)[]] | ['c', string[]] | ['x', [string, string][]] | ['w', string[]] | ['v', [string, string, string][]];
const ORDER = ['e', 'k', 'c', 'x', 'w', 'v'] as const;

const withCrc = (json: string) => `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
class Damaged extends Error {}
/** The JSON of the line at `start`..`end` of the file, if its checksum holds (over the bytes: no text encoded again). */
function checked(file: Buffer, start: number, end: number): unknown {
  const json = file.subarray(start + 9, end);
  if (end - start < 9 || file[start + 8] !== 0x20 || crc32(new Uint8Array(json.buffer, json.byteOffset, json.length)).toString(16).padStart(8, '0') !== file.toString('latin1', start, start + 8)) throw new Damaged('checksum');
  return JSON.parse(json.toString('utf8'));
}

/** The snapshot of version 3 (one JSON document): read once, at the first start after the upgrade, then written again as version 4. */
interface SnapshotV3 {
  version: 3;
  store: string;
  seq: number | string;
  entries: string[][];
  keys: string[];
  keyEntries: number[];
  visits: [id: string, customerId: string, arrivedAt: string][];
  cancelled: string[];
  cancels: [eventId: string, visitId: string][];
  withdrawn: string[];
}

/** The lines of a version-3 snapshot, as version 4 has them. */
function* linesOfV3(v3: SnapshotV3): Generator<Line> {
  const slices = <T,>(items: T[], size: number) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
  for (const s of slices(v3.entries, SLICE)) yield ['e', s];
  for (const s of slices(v3.keys.map((k, i) => [k, v3.keyEntries[i]!] as const), SLICE * 3)) yield ['k', s.flat()];
  for (const s of slices(v3.cancelled, SLICE)) yield ['c', s];
  for (const s of slices(v3.cancels, SLICE)) yield ['x', s];
  for (const s of slices(v3.withdrawn, SLICE)) yield ['w', s];
  for (const s of slices(v3.visits, SLICE)) yield ['v', s];
}

export class CustomerIndex {
  private entries = new Map<string, Entry>();
  /** Phone → its live customers (an array: most phones have one; a Set each cost several times the memory). */
  private phones = new Map<string, string[]>();
  /** Name and initials keys, sorted, with the customer of each: a prefix is a binary search away. */
  private keys: string[] = [];
  private keyIds: string[] = [];
  /** Every 4-digit run of every phone → customers: "4+ digits anywhere" checks a few hundred phones, not all. */
  private grams = new Map<string, string[]>();
  /**
   * False while the runs are built after a snapshot was put back (the lookup is usable before):
   * a digit query then reads every phone. The build walks the entries in their order, as they are
   * then: an entry put meanwhile is reached at its new place, one dropped is skipped, so the lists
   * come out as a build from the store makes them.
   */
  private gramsBuilt = true;
  private gramsBuilding: Promise<void> | null = null;
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
  /** While the index is put back or built at its start: how far (`done` of `total`); null once it is complete. */
  private progress: { done: number; total: number } | null = null;
  private complete = false;
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
    const at = same?.indexOf(id) ?? -1;
    if (same && at >= 0) same.splice(at, 1);
    if (same?.length === 0) this.phones.delete(old.phone);
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
    this.addPhone(entry);
    // While the runs are built, the build reaches this entry (put last in the map) by itself.
    if (this.gramsBuilt) this.addGrams(entry);
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
  }

  private addPhone(entry: Entry) {
    const same = this.phones.get(entry.phone);
    if (same) same.push(entry.id);
    else this.phones.set(entry.phone, [entry.id]);
  }

  private addGrams(entry: Entry) {
    for (const gram of CustomerIndex.gramsOf(entry.phone)) {
      const ids = this.grams.get(gram);
      if (ids) ids.push(entry.id);
      else this.grams.set(gram, [entry.id]);
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

  /** The snapshot of this store, if there is one it can trust (a damaged one is no snapshot: the store is read instead). */
  private async loadSnapshot(): Promise<boolean> {
    try {
      const path = snapshotPath(this.db);
      if (!path) return false;
      const [file, store, info] = await Promise.all([readFile(path), storeId(this.db), this.db.info()]);
      const fits = (seq: number | string) => Number.parseInt(String(seq), 10) <= Number.parseInt(String(info.update_seq), 10);
      const firstEnd = file.indexOf(0x0a);
      if (firstEnd < 0) {
        // Version 3: one JSON document (read once after the upgrade; the next snapshot is version 4).
        const v3 = JSON.parse(file.toString('utf8')) as SnapshotV3;
        // Ahead of the store: it was written against another copy of it.
        if (v3.version !== 3 || v3.store !== store || !fits(v3.seq)) return false;
        const counts: Counts = { entries: v3.entries.length, keys: v3.keys.length, cancelled: v3.cancelled.length, cancels: v3.cancels.length, visits: v3.visits.length, withdrawn: v3.withdrawn.length };
        await this.putBack(linesOfV3(v3), counts);
        this.seq = v3.seq;
        this.unsaved = SAVE_AFTER; // written again as version 4 once caught up
        return true;
      }
      const header = checked(file, 0, firstEnd) as Header;
      if (header.format !== 'daoyi-customer-index' || header.version !== SNAPSHOT_VERSION || header.store !== store || !fits(header.seq)) return false;
      // One line per turn of the event loop: the door's calls (sign-in, the waiting list) go
      // through between them instead of waiting for 200,000 customers to be put back.
      let at = firstEnd + 1;
      const lines = function* (): Generator<Line> {
        for (let n = 0; n < header.lines; n++) {
          const end = file.indexOf(0x0a, at);
          if (end < 0) throw new Damaged('cut short');
          const line = checked(file, at, end);
          at = end + 1;
          if (!Array.isArray(line) || !ORDER.includes(line[0] as never) || !Array.isArray(line[1])) throw new Damaged('not a line');
          yield line as Line;
        }
        if (at !== file.length) throw new Damaged('more lines than the header says');
      };
      await this.putBack(lines(), header.counts);
      this.seq = header.seq;
      return true;
    } catch {
      // No snapshot (or an unreadable, damaged one): start from the store.
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

  /** Puts the snapshot's lines back, one per turn of the event loop, then the phones' 4-digit runs in slices; throws on counts other than `counts`. */
  private async putBack(lines: Iterable<Line>, counts: Counts) {
    const ids: string[] = [];
    let kind = 0;
    const total = counts.entries + counts.visits;
    this.progress = { done: 0, total };
    for (const [k, items] of lines) {
      // Kinds in order: keys name entries already read, visits check the cancellations.
      const position = ORDER.indexOf(k);
      if (position < kind) throw new Damaged('out of order');
      kind = position;
      if (k === 'e') {
        for (const row of items) {
          const entry = { id: row[0]!, search: row.slice(2), phone: row[1]! };
          ids.push(entry.id);
          this.entries.set(entry.id, entry);
          this.addPhone(entry);
        }
        this.progress.done += items.length;
      } else if (k === 'k') {
        for (let i = 0; i + 1 < items.length; i += 2) {
          const id = ids[items[i + 1] as number];
          if (id === undefined || typeof items[i] !== 'string') throw new Damaged('a key of no entry');
          this.keys.push(items[i] as string);
          this.keyIds.push(id);
        }
      } else if (k === 'c') for (const id of items) this.cancelled.add(id);
      else if (k === 'x') for (const [eventId, visitId] of items) this.cancels.set(eventId, visitId);
      else if (k === 'w') for (const id of items) this.withdrawn.add(id);
      else {
        for (const [id, customerId, arrivedAt] of items) this.putVisit({ _id: id, customerId, arrivedAt });
        this.progress.done += items.length;
      }
      await yieldToLoop();
    }
    const got: Counts = { entries: ids.length, keys: this.keys.length, cancelled: this.cancelled.size, cancels: this.cancels.size, visits: this.visits.size, withdrawn: this.withdrawn.size };
    if (got.entries !== counts.entries || got.keys !== counts.keys || got.cancelled !== counts.cancelled || got.cancels !== counts.cancels || got.withdrawn !== counts.withdrawn || got.visits !== counts.visits) throw new Damaged('counts');
    // The 4-digit runs after, in slices, once the lookup already answers (`gramsBuilt`).
    this.gramsBuilt = false;
    this.gramsBuilding = this.buildGrams().finally(() => (this.gramsBuilding = null));
  }

  private async buildGrams() {
    const walk = this.entries.values();
    for (;;) {
      for (let n = 0; n < SLICE; n++) {
        const next = walk.next();
        if (next.done) {
          this.gramsBuilt = true;
          return;
        }
        this.addGrams(next.value);
      }
      await yieldToLoop();
    }
  }

  /** Writes the snapshot in the background: what it holds is taken in one go (so it is complete up to `seq`), then written a slice per turn. */
  private save() {
    const path = snapshotPath(this.db);
    if (this.saving || !path) return;
    const entries = [...this.entries.values()];
    const keys = this.keys.slice();
    const keyIds = this.keyIds.slice();
    const visits = [...this.visits];
    const cancelled = [...this.cancelled];
    const cancels = [...this.cancels];
    const withdrawn = [...this.withdrawn];
    const seq = this.seq;
    this.unsaved = 0;
    this.saving = (async () => {
      const lines: string[] = [];
      const slices = async <T,>(kind: Line[0], items: T[], size: number, each: (slice: T[]) => unknown) => {
        for (let i = 0; i < items.length; i += size) {
          lines.push(withCrc(JSON.stringify([kind, each(items.slice(i, i + size))])));
          await yieldToLoop();
        }
      };
      const position = new Map<string, number>();
      await slices('e', entries, SLICE, (slice) => slice.map((e) => (position.set(e.id, position.size), [e.id, e.phone, ...e.search])));
      await slices('k', keys.map((k, i) => [k, position.get(keyIds[i]!)!] as const), SLICE * 3, (slice) => slice.flat());
      await slices('c', cancelled, SLICE, (slice) => slice);
      await slices('x', cancels, SLICE, (slice) => slice);
      await slices('w', withdrawn, SLICE, (slice) => slice);
      await slices('v', visits, SLICE, (slice) => slice.map(([id, v]) => [id, v.customerId, v.arrivedAt]));
      const counts: Counts = { entries: entries.length, keys: keys.length, cancelled: cancelled.length, cancels: cancels.length, visits: visits.length, withdrawn: withdrawn.length };
      const header: Header = { format: 'daoyi-customer-index', version: SNAPSHOT_VERSION, store: await storeId(this.db), seq, lines: lines.length, counts };
      // Written whole, then renamed over the old one: a crash leaves the old snapshot or none.
      const file = await open(`${path}.tmp`, 'w');
      try {
        await file.write(withCrc(JSON.stringify(header)));
        for (const line of lines) await file.write(line);
      } finally {
        await file.close();
      }
      await rename(`${path}.tmp`, path);
    })()
      .catch(() => {}) // the next start reads more changes; nothing else depends on it
      .finally(() => (this.saving = null));
  }

  /** Waits for a snapshot being written (before the store closes). */
  async flushed(): Promise<void> {
    await this.catchingUp;
    await this.gramsBuilding;
    await this.saving;
  }

  private async readChanges() {
    if (!this.started) {
      this.started = true;
      this.progress = { done: 0, total: 0 };
      this.startedFrom = (await this.loadSnapshot()) ? 'snapshot' : 'store';
      // From the store: how far is the sequence read so far of the store's.
      if (this.startedFrom === 'store') this.progress = { done: 0, total: await updateSeq(this.db) };
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
      if (!this.complete && this.startedFrom === 'store' && this.progress) this.progress.done = Math.min(this.progress.total, Number.parseInt(String(res.last_seq), 10) || 0);
      this.unsaved += res.results.length;
      if (res.results.length < PAGE) break;
    }
    if (this.bulk) {
      this.sortKeys();
      this.bulk = false;
    }
    this.complete = true;
    this.progress = null;
    if (this.unsaved >= SAVE_AFTER) this.save();
  }

  /**
   * Up to date, if the index is complete within `graceMs`: null. Still being put back or built
   * (a start with many customers): how far it is, for the lookup to say so instead of waiting.
   */
  async readyWithin(graceMs: number): Promise<{ done: number; total: number } | null> {
    const caughtUp = this.current();
    if (this.complete) {
      await caughtUp;
      return null;
    }
    caughtUp.catch(() => {}); // awaited below, or by the next call
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = await Promise.race([caughtUp.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs)))]);
    clearTimeout(timer);
    return late && !this.complete ? { ...(this.progress ?? { done: 0, total: 0 }) } : null;
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
      if (reach === 'tailOrWhole' && key.length > 4) return (this.phones.get(key) ?? []).slice(0, limit);
      // Before the runs are built (just after a start): every phone, in the same order.
      const candidates = this.gramsBuilt ? (this.grams.get(key.slice(0, 4)) ?? []) : this.entries.keys();
      for (const id of candidates) {
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
      if (ids.length > 1) out.push({ phone, ids: [...ids] });
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
