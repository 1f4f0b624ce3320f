import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Db } from './pouch';

/**
 * A file of kept sums beside an on-disk store (headoffice/qualityCache.ts, enquiries/funnel.ts):
 * put back at start when it is this store's and not ahead of it, written in the background a
 * second after the last change, whole and then renamed over the old one. The sums are a cache of
 * the documents: a file missing, unreadable or of another store is made again from the store.
 */
export interface FileSaving {
  timer: NodeJS.Timeout | null;
  writing: Promise<void> | null;
  dirty: boolean;
}

export const fileSaving = (): FileSaving => ({ timer: null, writing: null, dirty: false });

/** The store's own id, made when it was created (PouchDB's `id()`, not in its types). */
const storeId = (db: Db) => (db as unknown as { id(): Promise<string> }).id();

/** Where a store's file of `kind` lives: beside the store's folder (on-disk stores only). */
export function keptFilePath(db: Db, kind: string): string | null {
  const { name, adapter } = db as unknown as { name?: unknown; adapter?: unknown };
  return typeof name === 'string' && adapter === 'leveldb' ? `${name}.${kind}.json` : null;
}

/** The file of the last run, parsed, if it is this store's and not ahead of it; else null. Its shape is the caller's to check. */
export async function readKeptFile(db: Db, path: string | null): Promise<Record<string, unknown> | null> {
  if (!path) return null;
  try {
    const [text, store, info] = await Promise.all([readFile(path, 'utf8'), storeId(db), db.info()]);
    const file: unknown = JSON.parse(text);
    if (typeof file !== 'object' || file === null || (file as { store?: unknown }).store !== store) return null;
    // Ahead of the store: written against another copy of it.
    if (Number.parseInt(String((file as { seq?: unknown }).seq), 10) > Number.parseInt(String(info.update_seq), 10)) return null;
    return file as Record<string, unknown>;
  } catch {
    return null; // none yet, or unreadable
  }
}

/** Calls `write` a second after the first call since the last write (changes come in bursts). */
export function writeSoon(saving: FileSaving, write: () => Promise<void>): void {
  if (saving.timer) return;
  saving.timer = setTimeout(() => void write(), 1_000);
  saving.timer.unref();
}

/**
 * Writes the body `take` gives, after the write before it, when something changed since and the
 * sums are `ready`; else waits for the write under way. `take` runs now: what it returns (or
 * resolves to) is the file, stamped with the store's id.
 */
export function writeKeptFile(db: Db, saving: FileSaving, path: string | null, ready: boolean, take: () => object | Promise<object>): Promise<void> {
  if (saving.timer) clearTimeout(saving.timer);
  saving.timer = null;
  if (!path || !saving.dirty || !ready) return saving.writing ?? Promise.resolve();
  saving.dirty = false;
  const body = take();
  const previous = saving.writing ?? Promise.resolve();
  const writing = Promise.all([body, previous])
    .then(([taken]) => writeWholeFile(db, path, taken))
    .catch(() => {}) // the next start makes the sums again; nothing else depends on the file
    .finally(() => {
      if (saving.writing === writing) saving.writing = null;
    });
  saving.writing = writing;
  return writing;
}

/**
 * Writes `body`, stamped with the store's id, whole to `path.tmp` and renames it over `path` (its
 * folder made if missing): a crash leaves the old file or none. For the files a keeper writes
 * itself beside the one writeKeptFile writes (enquiries/funnel.ts's clinic-months).
 */
export async function writeWholeFile(db: Db, path: string, body: object): Promise<void> {
  const text = JSON.stringify({ ...body, store: await storeId(db) });
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}
