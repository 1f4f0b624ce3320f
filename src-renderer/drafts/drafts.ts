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

export async function saveDraft(key: string, value: unknown, operatorId?: string): Promise<void> {
  await db.drafts.put({ key: ownKey(key, operatorId), value, savedAt: new Date().toISOString() });
}

export async function dropDraft(key: string, operatorId?: string): Promise<void> {
  await db.drafts.delete(ownKey(key, operatorId));
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
    const id = setTimeout(() => void saveDraft(key, value, operatorId), 250);
    return () => clearTimeout(id);
  }, [key, value, ready, operatorId]);

  const clear = () => {
    setValue(initialRef.current);
    setRestored(false);
    void dropDraft(key, operatorId);
  };

  return { value, setValue, ready, restored, clear };
}
