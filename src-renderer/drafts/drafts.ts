import Dexie, { type EntityTable } from 'dexie';
import { useEffect, useRef, useState } from 'react';

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

export async function loadDraft<T>(key: string): Promise<T | null> {
  const row = await db.drafts.get(key).catch(() => undefined);
  return (row?.value as T | undefined) ?? null;
}

export async function saveDraft(key: string, value: unknown): Promise<void> {
  await db.drafts.put({ key, value, savedAt: new Date().toISOString() });
}

export async function dropDraft(key: string): Promise<void> {
  await db.drafts.delete(key);
}

/**
 * Form state backed by a draft: restored once on mount, saved shortly after every change.
 * `restored` tells the form to say so; `clear` resets the form and drops the draft.
 */
export function useDraft<T>(key: string, initial: T) {
  const [value, setValue] = useState<T>(initial);
  const [ready, setReady] = useState(false);
  const [restored, setRestored] = useState(false);
  const initialRef = useRef(initial);

  useEffect(() => {
    let alive = true;
    void loadDraft<T>(key).then((draft) => {
      if (!alive) return;
      if (draft) {
        setValue({ ...initialRef.current, ...draft });
        // A draft saved after the form was cleared is the empty form: nothing was restored.
        setRestored(JSON.stringify({ ...initialRef.current, ...draft }) !== JSON.stringify(initialRef.current));
      }
      setReady(true);
    });
    return () => {
      alive = false;
    };
  }, [key]);

  useEffect(() => {
    if (!ready) return;
    const id = setTimeout(() => void saveDraft(key, value), 250);
    return () => clearTimeout(id);
  }, [key, value, ready]);

  const clear = () => {
    setValue(initialRef.current);
    setRestored(false);
    void dropDraft(key);
  };

  return { value, setValue, ready, restored, clear };
}
