import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type App } from '../../src-main/app';
import { nodeSecretStore } from '../../src-main/platform/secrets.node';
import type { SyncTuning } from '../../src-main/sync/engine';
import { directClient } from '../../src-main/api/dispatch';
import type { Db } from '../../src-main/store/pouch';
import type { Api } from '../../shared/contract';

/** A fresh data directory per test (Actual's habit): nothing leaks between tests. */
export function tempDir(prefix = 'daoyi-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestApp {
  app: App;
  dir: string;
  /** The API as an anonymous caller (no operator signed in). */
  anon: Api;
  /** The API as whoever signed in last through `signIn`. */
  api: Api;
  signIn(staffId: string, pin: string): Promise<void>;
  /** The session token of whoever signed in last through `signIn`, for raw `dispatcher.invoke` calls. */
  session(): string | null;
  clock: { now: Date; advance(minutes: number): void };
  close(): Promise<void>;
}

/** Sync waits in tests: a server that comes back is tried again within a second. */
export const testSyncTuning: SyncTuning = { backOffStartMs: 100, backOffMaxMs: 1_000, requestTimeoutMs: 10_000 };

/**
 * Starts the real app (real on-disk PouchDB, credentials in a file in its data directory) with a
 * controllable clock.
 */
export async function startTestApp(options: { dir?: string; now?: Date; sync?: SyncTuning } = {}): Promise<TestApp> {
  const own = options.dir ? null : tempDir();
  const dir = options.dir ?? own!.path;
  const clock = {
    now: options.now ?? new Date('2026-11-27T02:00:00Z'), // 10:00 in the clinic
    advance(minutes: number) {
      this.now = new Date(this.now.getTime() + minutes * 60_000);
    },
  };
  const app = await startApp(dir, { now: () => clock.now, checkOutput: true, log: () => {}, secrets: nodeSecretStore(dir), sync: options.sync ?? testSyncTuning });
  let session: string | null = null;
  const anon = directClient(app.dispatcher);
  const api = directClient(app.dispatcher, () => session);
  return {
    app,
    dir,
    anon,
    api,
    clock,
    async signIn(staffId, pin) {
      session = (await anon['operator.signIn']({ staffId, pin })).session;
    },
    session: () => session,
    close: once(async () => {
      await app.close();
      own?.remove();
    }),
  };
}

/** A close that may be called twice (by a test and by its clean-up): the second call waits for the first. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= fn());
}

/** What a write would move: a refused call must leave both exactly as they were. */
export async function storeMark(db: Db): Promise<{ docCount: number; updateSeq: number | string }> {
  const info = await db.info();
  return { docCount: info.doc_count, updateSeq: info.update_seq };
}
