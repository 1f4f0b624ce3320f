import Dexie, { type EntityTable } from 'dexie';
import { useEffect, useRef, useState } from 'react';
import { useShell } from '../shell/store';

/**
 * Half-filled forms, kept in the renderer's IndexedDB so that a reload or a crash does not cost
 * the guide what she typed. Drafts never leave this PC and are dropped when the form is sent.
 */
interface Draft {
  key: string;
  value: unknown;
  savedAt: string;
}

const db = new Dexie('daoyi-drafts') as Dexie & { drafts: EntityTable<Draft, 'key'> };
db.version(1).stores({ drafts: 'key, savedAt' });

/**
 * Each operator's drafts are her own: after 换人 the next guide neither continues nor sees what the
 * last one typed (a lead's draft holds a customer with the whole phone, which a guide may not see).
 */
function ownKey(key: string, operatorId = useShell.getState().status?.operator?.id ?? 'none'): string {
  return `${operatorId}|${key}`;
}

export async function loadDraft<T>(key: string, operatorId?: string): Promise<T | null> {
  const row = await db.drafts.get(ownKey(key, operatorId)).catch(() => undefined);
  return (row?.value as T | undefined) ?? null;
}

/**
 * How many times each draft was dropped. A form's debounced save carries the count it saw when it
 * was scheduled; a save from before a drop is skipped. Without it, a save timer that fired between
 * the form's clear() (the draft deleted on submit) and React's next render wrote the visitor just
 * checked in back as the draft, and the form offered to restore her (issue 21).
 */
const drops = new Map<string, number>();
// One queue for every write: a drop never overtakes a save issued before it, nor the other way round.
let writes: Promise<unknown> = Promise.resolve();
const queued = (write: () => Promise<unknown>) => (writes = writes.then(write, write).catch(() => {}));

export function draftEpoch(key: string, operatorId?: string): number {
  return drops.get(ownKey(key, operatorId)) ?? 0;
}

/** Saves the draft; with `epoch`, only if it was not dropped since (see `draftEpoch`). */
export async function saveDraft(key: string, value: unknown, operatorId?: string, epoch?: number): Promise<void> {
  const own = ownKey(key, operatorId);
  await queued(async () => {
    if (epoch !== undefined && epoch !== (drops.get(own) ?? 0)) return;
    await db.drafts.put({ key: own, value, savedAt: new Date().toISOString() });
  });
}

export async function dropDraft(key: string, operatorId?: string): Promise<void> {
  const own = ownKey(key, operatorId);
  drops.set(own, (drops.get(own) ?? 0) + 1);
  await queued(() => db.drafts.delete(own));
}

/**
 * Form state backed by a draft: restored once on mount, saved shortly after every change.
 * `restored` tells the form to say so; `clear` resets the form and drops the draft.
 */
export function useDraft<T>(key: string, initial: T) {
  const operatorId = useShell((s) => s.status?.operator?.id ?? 'none');
  const [value, setValue] = useState<T>(initial);
  /** Whose draft `value` is: saved only under that operator, once it was loaded for her (after 换人 `ready` is false until hers is). */
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  const [restored, setRestored] = useState(false);
  const initialRef = useRef(initial);

  useEffect(() => {
    let alive = true;
    void loadDraft<T>(key, operatorId).then((draft) => {
      if (!alive) return;
      // Another operator (换人) starts from her own draft, or from the empty form.
      setValue(draft ? { ...initialRef.current, ...draft } : initialRef.current);
      // A draft saved after the form was cleared is the empty form: nothing was restored.
      setRestored(draft !== null && JSON.stringify({ ...initialRef.current, ...draft }) !== JSON.stringify(initialRef.current));
      setLoadedFor(operatorId);
    });
    return () => {
      alive = false;
    };
  }, [key, operatorId]);

  const ready = loadedFor === operatorId;
  useEffect(() => {
    if (!ready) return;
    // The drop count now: a clear() before the timer fires makes this save stale.
    const epoch = draftEpoch(key, operatorId);
    const id = setTimeout(() => void saveDraft(key, value, operatorId, epoch), 250);
    return () => clearTimeout(id);
  }, [key, value, ready, operatorId]);

  const clear = () => {
    setValue(initialRef.current);
    setRestored(false);
    void dropDraft(key, operatorId);
  };

  return { value, setValue, ready, restored, clear };
}
