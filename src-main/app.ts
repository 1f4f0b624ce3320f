import type { ChangeEvent } from '../shared/operations';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './api/dispatch';
import { openStore, type Store } from './store/store';
import { warmViews } from './store/designDocs';

/**
 * The composition root both transports share: one store, one dispatcher, one change feed.
 * Electron (electron/main.ts) and the browser host (host/main.ts) differ only in how they carry calls.
 */
export interface App {
  store: Store;
  dispatcher: Dispatcher;
  onChange(listener: (event: ChangeEvent) => void): () => void;
  close(): Promise<void>;
}

export async function startApp(dataDir: string, options: DispatcherOptions = {}): Promise<App> {
  const store = await openStore(dataDir);
  const dispatcher = createDispatcher(store, options);
  // Bring the views up to date in the background: after a large import or a long sync the first
  // lookup would otherwise pay for indexing every new document (see `npm run bench`).
  const warming = warmViews(store.db).catch(() => {});
  const listeners = new Set<(event: ChangeEvent) => void>();

  // Announce changes (from this desk or, later, from sync) so screens re-fetch. Batched briefly:
  // a check-in writes two documents and the screens need to hear once.
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  const feed = store.db.changes({ since: 'now', live: true, include_docs: true });
  feed.on('change', (change) => {
    const type = (change.doc as { type?: unknown } | undefined)?.type;
    if (typeof type !== 'string') return;
    pending.add(type);
    timer ??= setTimeout(() => {
      const event = { types: [...pending] };
      pending = new Set();
      timer = null;
      for (const l of listeners) l(event);
    }, 50);
  });

  return {
    store,
    dispatcher,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      feed.cancel();
      await warming;
      if (timer) clearTimeout(timer);
      listeners.clear();
      await store.close();
    },
  };
}
