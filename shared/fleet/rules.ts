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

// ---- heartbeat ------------------------------------------------------------------------------

/** A desk writes its heartbeat at most this often... */
export const HEARTBEAT_MIN_INTERVAL_MS = 5 * 60_000;
/** ...and at least this often while it syncs, even when nothing it reports has changed. */
export const HEARTBEAT_MAX_INTERVAL_MS = 30 * 60_000;

/** What the heartbeat reports that, when it changes, is worth a new write (not the free disk's every byte). */
export interface HeartbeatFacts {
  appVersion: string;
  storeSchema: number;
  lastSyncedAt: string | null;
  pendingUp: number;
  clockOffsetMs: number | null;
  freeDiskBytes: number | null;
}

/**
 * The facts as compared between two heartbeats: versions, the clock by the minute, whether
 * anything waits to go up, the disk by the 100 MB. Not `lastSyncedAt` itself: it moves after every
 * push, the heartbeat's own included, and would make every heartbeat due again.
 */
function fingerprint(f: HeartbeatFacts): string {
  return JSON.stringify([f.appVersion, f.storeSchema, f.pendingUp > 0, f.clockOffsetMs === null ? null : Math.round(f.clockOffsetMs / 60_000), f.freeDiskBytes === null ? null : Math.floor(f.freeDiskBytes / 1e8)]);
}

/**
 * Whether the desk writes a heartbeat now: never more often than every 5 minutes; then when what it
 * reports has changed, or 30 minutes have passed (head office then knows when it last synced).
 */
export function heartbeatDue(last: { at: string; facts: HeartbeatFacts } | null, now: Date, facts: HeartbeatFacts): boolean {
  if (!last) return true;
  const since = now.getTime() - Date.parse(last.at);
  if (!(since >= HEARTBEAT_MIN_INTERVAL_MS)) return since < 0; // a clock set back: write again
  return since >= HEARTBEAT_MAX_INTERVAL_MS || fingerprint(last.facts) !== fingerprint(facts);
}

/** `1.10.0` > `1.9.3`: numeric parts compared in order; a missing part is 0; anything after `-` ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split('-')[0]!.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** A desk id as the store makes it (`desk-<tail>`, src-main/store/store.ts). */
export const DESK_ID = /^desk-[A-Za-z0-9_-]{4,40}$/;

export interface DeviceFlags {
  /** Below the newest version any desk of the chain runs (or below head office's minimum). */
  behind: boolean;
  /** Not caught up with head office for `staleHours` (or never). */
  stale: boolean;
  clockWrong: boolean;
}

/** What head office's 设备 screen marks on one desk. */
export function deviceFlags(d: { appVersion: string; lastSyncedAt: string | null; clockOffsetMs: number | null }, ctx: { newest: string; minimum: string | null; now: Date; staleHours: number }): DeviceFlags {
  const behind = compareVersions(d.appVersion, ctx.newest) < 0 || (ctx.minimum !== null && compareVersions(d.appVersion, ctx.minimum) < 0);
  const synced = d.lastSyncedAt ? Date.parse(d.lastSyncedAt) : NaN;
  const stale = Number.isNaN(synced) || ctx.now.getTime() - synced > ctx.staleHours * 3_600_000;
  return { behind, stale, clockWrong: clockIsWrong(d.clockOffsetMs) };
}

/** A scheduled backup is due: none yet, or `everyHours` since the last one (a clock set back: due). */
export function backupDue(lastAt: string | null, now: Date, everyHours: number): boolean {
  if (!lastAt) return true;
  const since = now.getTime() - Date.parse(lastAt);
  return !(since >= 0) || since >= everyHours * 3_600_000;
}

// ---- the address sync may use -------------------------------------------------------------------

/** What kind of place a head-office address points to. */
export type AddressKind = 'https' | 'loopback' | 'lan' | 'internet';

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return m ? m.slice(1).map(Number) : null;
}

/**
 * `https:` anywhere; else plain http to this PC (`loopback`), to the clinic's own network (`lan`:
 * RFC 1918 and link-local addresses, IPv6 unique-local and link-local, a name without a dot,
 * `.local` / `.lan` / `.internal`), or to the `internet`. null for an address that is no URL.
 */
export function addressKind(url: string): AddressKind | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol === 'https:') return 'https';
  const host = u.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return 'loopback';
  const v4 = ipv4(host);
  if (v4) {
    const [a, b] = [v4[0]!, v4[1]!];
    if (a === 127) return 'loopback';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)) return 'lan';
    return 'internet';
  }
  if (host.includes(':')) return /^(fc|fd|fe[89ab])/.test(host) ? 'lan' : 'internet';
  if (!host.includes('.') || /\.(local|lan|internal|home\.arpa)$/.test(host)) return 'lan';
  return 'internet';
}

/** Credentials travel with every request: plain http over the internet is refused. */
export function addressRefused(url: string): boolean {
  return addressKind(url) === 'internet';
}

/** Plain http on the clinic's network: allowed, with a warning at the desk. */
export function addressWarned(url: string): boolean {
  return addressKind(url) === 'lan';
}

// ---- versions head office requires ---------------------------------------------------------------

/** Head office's published policy (reference document `app-policy`, clinic `*`). */
export const APP_POLICY_ID = 'app-policy';

/**
 * A document written by a newer app: its type is one this app knows, at a schema version above
 * the one it knows. The desk does not pull it (it could not read it, and an edit would drop what
 * it does not know); documents of types it does not know at all are pulled and left alone.
 */
export function newerThanKnown(doc: { type?: unknown; schemaVersion?: unknown }, known: Readonly<Record<string, number>>): boolean {
  if (typeof doc.type !== 'string' || !Object.prototype.hasOwnProperty.call(known, doc.type)) return false;
  return typeof doc.schemaVersion === 'number' && doc.schemaVersion > known[doc.type]!;
}

/** Below head office's minimum: the desk says so and keeps working. */
export function belowMinimum(version: string, minimum: string | null): boolean {
  return minimum !== null && compareVersions(version, minimum) < 0;
}
