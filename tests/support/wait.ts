import type { SyncStatus } from '../../shared/sync/schemas';

/**
 * Waits for a fact, not for a time: polls `probe` until it gives something truthy (returned),
 * failing after `ms` with what was awaited and the last value seen.
 */
export async function waitFor<T>(probe: () => T | Promise<T>, what: string, ms = 20_000, everyMs = 25): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${JSON.stringify(last)?.slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * A desk caught up with head office: idle with nothing waiting to go up (and, when asked, that many
 * conflicts). A failure says the last status it saw.
 */
export async function caughtUp(t: { app: { sync: { status(): Promise<SyncStatus> } } }, options: { conflicts?: number; ms?: number; what?: string } = {}): Promise<SyncStatus> {
  let last: SyncStatus | null = null;
  const what = options.what ?? `the desk to be caught up${options.conflicts === undefined ? '' : ` with ${options.conflicts} conflicts`}`;
  return waitFor(async () => {
    const s = (last = await t.app.sync.status());
    const conflictsOk = options.conflicts === undefined || s.conflicts === options.conflicts;
    return s.state === 'idle' && s.pendingUp === 0 && conflictsOk ? s : null;
  }, what, options.ms ?? 30_000).catch((err: Error) => {
    throw new Error(`${err.message}; last status: ${JSON.stringify(last)}`);
  });
}
