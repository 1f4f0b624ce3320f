import type { DeniedDoc } from '../../shared/sync/schemas';
import type { Db } from '../store/pouch';
import { getOrNull } from '../store/get';

/**
 * What the engine remembers between starts, in `_local` documents (never replicated):
 *
 * - `_local/sync-state`: the last local sequence the push has checkpointed (pendingUp counts the
 *   changes after it) and when the desk was last caught up, both for one server.
 * - `_local/sync-denied`: documents head office refused, with why; they stay on the desk.
 */
export const SYNC_STATE_ID = '_local/sync-state';
export const SYNC_DENIED_ID = '_local/sync-denied';

export interface SyncMemory {
  /** The server these figures are about: another server starts from nothing. */
  server: string | null;
  pushedSeq: number | string;
  lastSyncedAt: string | null;
}

const emptyMemory: SyncMemory = { server: null, pushedSeq: 0, lastSyncedAt: null };

export async function readMemory(db: Db): Promise<SyncMemory> {
  const doc = await getOrNull<Partial<SyncMemory>>(db, SYNC_STATE_ID);
  return { ...emptyMemory, ...(doc ? { server: doc.server ?? null, pushedSeq: doc.pushedSeq ?? 0, lastSyncedAt: doc.lastSyncedAt ?? null } : {}) };
}

export async function readDenied(db: Db): Promise<DeniedDoc[]> {
  const doc = await getOrNull<{ docs?: DeniedDoc[] }>(db, SYNC_DENIED_ID);
  return Array.isArray(doc?.docs) ? doc.docs : [];
}

/**
 * Writes one `_local` document with the latest value, one write at a time: a burst of updates
 * (a checkpoint per batch of 100 documents) becomes at most one write in flight and one queued.
 */
export function localWriter<T extends object>(db: Db, id: string) {
  let latest: T | null = null;
  let running: Promise<void> | null = null;

  async function drain() {
    while (latest) {
      const value = latest;
      latest = null;
      const existing = await getOrNull(db, id);
      await db.put({ ...value, _id: id, ...(existing ? { _rev: existing._rev } : {}) });
    }
  }

  return {
    save(value: T) {
      latest = value;
      running ??= drain()
        .catch(() => {}) // the next save tries again; these are figures, not records
        .finally(() => {
          running = null;
          if (latest) this.save(latest);
        });
    },
    /** Waits until everything saved so far is written (before the store closes). */
    async flushed() {
      while (running) await running;
    },
  };
}
