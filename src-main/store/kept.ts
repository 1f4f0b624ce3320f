import type { Db } from './pouch';

/**
 * What the kept reads share (desk/keptBoard.ts, followup/kept.ts, enquiries/funnel.ts): answers
 * kept in memory per store and dropped by the changes feed since the sequence they were read at.
 * Each keeper says which changes drop what; this module walks the feed, runs one refresh at a
 * time, and keeps a read only when nothing dropped its key while it ran.
 */
export interface KeptState {
  seq: number | string | null;
  refreshing: Promise<void> | null;
  /** Bumped when a key is dropped: a read that began before it is not kept. */
  versions: Map<string, number>;
}

export const keptState = (): KeptState => ({ seq: null, refreshing: null, versions: new Map() });

/**
 * Hands the changes since `s.seq` to `onChanges`, 2,000 at a time, and moves `s.seq` past them.
 * The first call only notes where the store stands (nothing is kept before it).
 */
export async function followChanges(db: Db, s: KeptState, onChanges: (results: PouchDB.Core.ChangesResponseChange<object>[]) => void | Promise<void>): Promise<void> {
  if (s.seq === null) {
    s.seq = (await db.info()).update_seq;
    return;
  }
  let since: number | string = s.seq;
  for (;;) {
    const changes: PouchDB.Core.ChangesResponse<object> = await db.changes({ since, limit: 2_000, return_docs: true });
    await onChanges(changes.results);
    since = s.seq = changes.last_seq;
    if (changes.results.length < 2_000) break;
  }
}

/** One refresh at a time: an ask waits for the one under way, then refreshes again (a change may have come in between). */
export function refreshed<S extends KeptState>(s: S, refresh: () => Promise<void>): Promise<S> {
  const run: Promise<void> = (s.refreshing ?? Promise.resolve()).catch(() => {}).then(refresh);
  s.refreshing = run;
  return run.then(() => s);
}

export function dropKept(s: KeptState, map: Map<string, unknown>, key: string): void {
  map.delete(key);
  s.versions.set(key, (s.versions.get(key) ?? 0) + 1);
}

/** The kept answer for `key`, else `read()`, kept once it answers unless the key was dropped meanwhile. */
export function keptRead<T>(s: KeptState, map: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  const found = map.get(key);
  if (found) return found;
  const version = s.versions.get(key) ?? 0;
  const reading = read();
  reading.then(
    () => {
      if ((s.versions.get(key) ?? 0) === version && !map.has(key)) map.set(key, reading);
    },
    () => {},
  );
  return reading;
}
