import type { ChangeEvent } from '../shared/operations';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './api/dispatch';
import { openStore, type Store } from './store/store';
import type { StoreChecks } from './store/health';
import { warmViews } from './store/designDocs';
import { customerIndex } from './desk/customerIndex';
import { qualityFiguresSaved } from './headoffice/qualityCache';
import { daySumsSaved } from './enquiries/funnel';
import { settleNoShowsAtStart } from './appointments/views';
import { SyncEngine, type SyncTuning } from './sync/engine';
import type { SecretStore } from './sync/secrets';
import { keepSummaries } from './headoffice/summaries';
import { startComplaintNumbering } from './complaints/numbering';
import { join } from 'node:path';
import { openLog, type Logger } from './fleet/log';
import { APP_VERSION } from './fleet/version';
import { startHeartbeat } from './fleet/heartbeat';
import { startBackupSchedule } from './fleet/backupSchedule';

/**
 * The composition root both transports share: one store, one dispatcher, one change feed, one
 * sync engine. Electron (electron/main.ts) and the browser host (host/main.ts) differ only in how
 * they carry calls and where they keep the head-office password (`secrets`).
 */
export interface App {
  store: Store;
  dispatcher: Dispatcher;
  sync: SyncEngine;
  onChange(listener: (event: ChangeEvent) => void): () => void;
  /** Announces a change that is not a document, e.g. `{ types: ['sync'] }` when the sync status moves. */
  emit(event: ChangeEvent): void;
  /** The data folder's log file (fleet/log.ts): events and codes, never patient data. */
  logger: Logger;
  /** Writes the heartbeat if the rule says it is due (`force`: anyway); true when written. */
  heartbeat(force?: boolean): Promise<boolean>;
  close(): Promise<void>;
}

export interface AppOptions extends DispatcherOptions {
  /** Where the head-office credentials live; without one, sync cannot be configured. */
  secrets?: SecretStore;
  /** Back-off and batch sizes of the sync engine (tests shorten the waits). */
  sync?: SyncTuning;
  /** The store's start-up checks (tests pretend a full disk). */
  store?: StoreChecks;
  /** Where the log file goes (default `<data folder>/logs`). */
  logDir?: string;
  /**
   * How often the heartbeat rule is asked (default a minute, and whenever sync is caught up);
   * `false`: only when `heartbeat()` is called (tests that count documents and pending uploads).
   */
  heartbeatCheckMs?: number | false;
}

export async function startApp(dataDir: string, options: AppOptions = {}): Promise<App> {
  const now = options.now ?? (() => new Date());
  const logDir = options.logDir ?? join(dataDir, 'logs');
  const logger = openLog(logDir, { now });
  const store = await openStore(dataDir, { ...options.store, now }).catch((err: unknown) => {
    logger.error('store: could not open', err);
    throw err;
  });
  logger.info('app: start', { version: APP_VERSION, schemaVersion: store.schemaVersion, deskId: store.deskId, platform: process.platform });
  const printed = options.log ?? ((message: string, err: unknown) => console.error(message, err));
  const log = (message: string, err: unknown) => {
    logger.error(message, err);
    printed(message, err);
  };
  const listeners = new Set<(event: ChangeEvent) => void>();

  // Announce changes (from this desk, from sync, and of the sync status itself) so screens
  // re-fetch. Batched briefly: a check-in writes two documents and the screens need to hear once
  // (LevelDB's feed reads them a few ms apart; 20 ms, not more: it is spent on every change the
  // other desk sees, issue 21's screen to screen).
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  const announce = (types: string[]) => {
    for (const type of types) pending.add(type);
    timer ??= setTimeout(() => {
      const event = { types: [...pending] };
      pending = new Set();
      timer = null;
      for (const l of listeners) l(event);
    }, 20);
  };

  let loggedState: string | null = null;
  let heartbeat: ReturnType<typeof startHeartbeat> | null = null;
  const sync = new SyncEngine({
    db: store.db,
    secrets: options.secrets ?? null,
    now,
    onStatusChange: () => {
      // Each new state once in the log (the status moves far more often than its state).
      const state = sync.states.at(-1);
      if (state && state !== loggedState) {
        loggedState = state;
        void sync.status().then(
          (s) => logger.info('sync: state', { state, error: s.lastError?.kind ?? null, pendingUp: s.pendingUp, denied: s.deniedDocs.length }),
          () => logger.info('sync: state', { state }),
        );
        // Caught up: the heartbeat rule is asked at once (it still writes at most every 5 minutes).
        if (state === 'idle' && options.heartbeatCheckMs !== false) void heartbeat?.beat();
      }
      announce(['sync']);
    },
    log,
    ...(options.sync ? { tuning: options.sync } : {}),
  });
  const dispatcher = createDispatcher(store, sync, {
    ...options,
    now,
    log,
    logDir,
    // A refusal's code and field only: its message may quote what was typed.
    onRefused: (operation, error) => logger.warn('refused', { operation, code: error.code, field: error.field }),
  });
  // Bring the views up to date in the background: after a large import or a long sync the first
  // lookup would otherwise pay for indexing every new document (see `npm run bench`).
  // The lookup index first: finding a returning customer is the first thing a guide does.
  const warming = customerIndex(store.db)
    .current()
    .then(() => warmViews(store.db))
    .then(() => settleNoShowsAtStart(store.db, now()))
    .catch(() => {});

  // Pulled documents arrive through the same feed as the desk's own writes. While sync is
  // configured, every write also changes what waits to go up, so the sync status moves too.
  const feed = store.db.changes({ since: 'now', live: true, include_docs: true });
  feed.on('change', (change) => {
    const type = (change.doc as { type?: unknown } | undefined)?.type;
    if (typeof type === 'string') announce(sync.configured ? [type, 'sync'] : [type]);
  });

  const subscribe = (l: (event: ChangeEvent) => void) => {
    listeners.add(l);
    return () => void listeners.delete(l);
  };
  // The clinic's numbering desk numbers accepted complaints as their acceptances arrive (docs/complaints.md).
  const numbering = startComplaintNumbering(store.db, store.deskId, now, log, subscribe);
  // On a head-office computer, the per-day figures follow the documents that sync brings.
  const summaries = keepSummaries(store.db, log, subscribe);

  await sync.start().catch((err: unknown) => log('sync: could not start', err));
  // Head office's 设备 screen hears from this desk every few minutes while it syncs.
  const backups = startBackupSchedule({ db: store.db, deskId: store.deskId, now, log });
  const beats = startHeartbeat({ db: store.db, deskId: store.deskId, dataDir, storeSchema: store.schemaVersion, sync, now, log, ...(options.heartbeatCheckMs !== undefined ? { checkMs: options.heartbeatCheckMs } : {}) });
  heartbeat = beats;

  return {
    store,
    dispatcher,
    sync,
    onChange: subscribe,
    emit: (event) => announce(event.types),
    logger,
    heartbeat: (force) => beats.beat(force),
    async close() {
      await beats.stop();
      await backups.stop();
      await numbering.stop();
      await sync.close();
      await summaries.stop();
      feed.cancel();
      await warming;
      await customerIndex(store.db).flushed();
      await qualityFiguresSaved(store.db);
      await daySumsSaved(store.db);
      if (timer) clearTimeout(timer);
      listeners.clear();
      await store.close();
      logger.info('app: closed');
    },
  };
}
