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
