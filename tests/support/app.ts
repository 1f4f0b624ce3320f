import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type App } from '../../src-main/app';
import { nodeSecretStore } from '../../src-main/platform/secrets.node';
import type { SyncTuning } from '../../src-main/sync/engine';
import { directClient } from '../../src-main/api/dispatch';
import type { Db } from '../../src-main/store/pouch';
import type { Api } from '../../shared/contract';
import type { ApiErrorBody, ErrorCode } from '../../shared/errors';
import { expect } from 'vitest';

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
  const app = await startApp(dir, { now: () => clock.now, checkOutput: true, log: process.env.DAOYI_TEST_LOG ? console.error : () => {}, secrets: nodeSecretStore(dir), sync: options.sync ?? testSyncTuning, heartbeatCheckMs: false });
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

/**
 * Invokes an operation that must be refused (as `session`, by default whoever signed in last):
 * fails the test if it was accepted or if the store moved, and returns the error.
 */
export async function refusal(t: TestApp, operation: unknown, input: unknown, session: string | null = t.session()): Promise<ApiErrorBody> {
  const before = await storeMark(t.app.store.db);
  const result = await t.app.dispatcher.invoke(operation, input, session);
  if (result.ok) throw new Error(`${String(operation)} accepted ${JSON.stringify(input)?.slice(0, 200)}`);
  expect(await storeMark(t.app.store.db), `${String(operation)} wrote although it refused`).toEqual(before);
  return result.error;
}

/** A client call that must be refused with `code`, naming `field`, and move nothing in the store. */
export async function expectRefused(t: TestApp, call: () => Promise<unknown>, code: ErrorCode, field: string | undefined): Promise<void> {
  const before = await storeMark(t.app.store.db);
  await expect(call()).rejects.toMatchObject({ code, field });
  expect(await storeMark(t.app.store.db)).toEqual(before);
}

/** Each case refused with its code (invalid_input unless said) and the field it names, nothing written. */
export async function expectRefusals(t: TestApp, operation: string, cases: { why: string; input: unknown; field: string | undefined; code?: ErrorCode }[]): Promise<void> {
  for (const c of cases) {
    const e = await refusal(t, operation, c.input);
    expect({ code: e.code, field: e.field }, `${operation}: ${c.why}`).toEqual({ code: c.code ?? 'invalid_input', field: c.field });
  }
}
