/**
 * Pure rules for running many desks (docs/operations.md): the clock check, the heartbeat's
 * timing, which desks head office should look at, and the addresses sync may use.
 */

/** Beyond this difference from head office's clock the desk warns (visits, waits, deadlines are stamped by it). */
export const CLOCK_TOLERANCE_MS = 2 * 60_000;

/**
 * The PC's clock against the server's `Date` header (whole seconds): `serverDate - local`, in ms.
 * null for a missing or unreadable header. The header is rounded down to the second, so half a
 * second is added back (the error is then at most ±0.5 s plus the time the answer travelled).
 */
export function clockOffsetMs(dateHeader: string | null | undefined, localMs: number): number | null {
  if (!dateHeader) return null;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return null;
  return Math.round(server + 500 - localMs);
}

export function clockIsWrong(offsetMs: number | null | undefined): boolean {
  return typeof offsetMs === 'number' && Math.abs(offsetMs) > CLOCK_TOLERANCE_MS;
}

/** Whole minutes the clock is off, rounded away from zero only past the half. */
export function clockOffsetMinutes(offsetMs: number): number {
  return Math.round(Math.abs(offsetMs) / 60_000);
}
