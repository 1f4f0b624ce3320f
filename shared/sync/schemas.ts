import { z } from 'zod';
import { addressRefused } from '../fleet/rules';

/**
 * Sync with head office (CouchDB 3): one small state enum that the shell shows at all times
 * (cht-core's habit), not booleans scattered around.
 *
 * - off:        no server configured; the desk works alone
 * - connecting: first contact after start or after settings changed
 * - syncing:    documents are moving
 * - idle:       up to date with the server (live, waiting for changes)
 * - offline:    the server cannot be reached; retrying with back-off
 * - error:      something a person must fix (wrong password, wrong clinic, server refused the set-up)
 * - denied:     replication runs, but the server refused some documents (listed in deniedDocs)
 */
export const syncStates = ['off', 'connecting', 'syncing', 'idle', 'offline', 'error', 'denied'] as const;
export const syncState = z.enum(syncStates);
export type SyncState = z.infer<typeof syncState>;

export const syncErrorKinds = ['auth', 'forbidden', 'unreachable', 'not_found', 'refused_doc', 'insecure', 'diskFull', 'other'] as const;

export const syncError = z.strictObject({
  kind: z.enum(syncErrorKinds),
  /** Plain words for the desk (zh-CN); the renderer may show its own per `kind`. */
  message: z.string(),
  docId: z.string().optional(),
  at: z.iso.datetime(),
});
export type SyncError = z.infer<typeof syncError>;

export const deniedDoc = z.strictObject({
  id: z.string(),
  type: z.string().nullable(),
  reason: z.string(),
  at: z.iso.datetime(),
});
export type DeniedDoc = z.infer<typeof deniedDoc>;

/**
 * A pull under way: documents written this session, the estimate of all it will bring (null until
 * head office said), and the seconds left at the rate so far (null until there is a rate).
 */
export const pullProgress = z.strictObject({
  done: z.number().int().min(0),
  total: z.number().int().min(0).nullable(),
  secondsLeft: z.number().int().min(0).nullable(),
});
export type PullProgress = z.infer<typeof pullProgress>;

export const syncStatus = z.strictObject({
  state: syncState,
  /** Server address without credentials, e.g. http://127.0.0.1:5984 */
  server: z.string().nullable(),
  username: z.string().nullable(),
  /** The clinic database this desk replicates, e.g. clinic_bj */
  clinicDb: z.string().nullable(),
  lastSyncedAt: z.iso.datetime().nullable(),
  /** Local changes not yet confirmed by the server. */
  pendingUp: z.number().int().min(0),
  lastError: syncError.nullable(),
  deniedDocs: z.array(deniedDoc),
  /** Documents with conflicting revisions waiting for a person (sync.conflicts lists them). */
  conflicts: z.number().int().min(0),
  /** While a pull moves documents (a joining desk's first download): done / total, time left. */
  pull: pullProgress.nullable(),
  /**
   * The PC's clock against head office's (the `Date` header of the last answer): `offsetMs` is
   * server minus desk; beyond ±2 minutes the desk warns (shared/fleet/rules.ts). null before any answer.
   */
  clock: z.strictObject({ offsetMs: z.number().int(), checkedAt: z.iso.datetime() }).nullable(),
  /**
   * This app's version against head office's minimum (reference document `app-policy`): below it,
   * the desk says so, keeps working, and does not pull documents of a schema newer than it knows.
   */
  appVersion: z.strictObject({ current: z.string(), minimum: z.string().nullable(), below: z.boolean() }),
});
export type SyncStatus = z.infer<typeof syncStatus>;

/** An http(s) server address without credentials, query or fragment. */
export const serverUrl = z
  .string()
  .trim()
  .max(200)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && !u.search && !u.hash;
    } catch {
      return false;
    }
  }, { error: 'an http(s) address without user, password, query or #' })
  // The password travels with every request: over the internet only encrypted (docs/operations.md).
  .refine((s) => !addressRefused(s), { error: 'https:// is required over the internet (plain http:// only on this PC or the clinic’s own network)' })
  .transform((s) => s.replace(/\/+$/, ''));

export const syncConfigureInput = z.strictObject({
  url: serverUrl,
  username: z.string().trim().min(1, { error: 'required' }).max(64).regex(/^[A-Za-z0-9_.@-]+$/, { error: 'letters, digits, _ . @ -' }),
  password: z.string().min(1, { error: 'required' }).max(128),
});
export type SyncConfigureInput = z.input<typeof syncConfigureInput>;

export const conflictRevision = z.strictObject({
  rev: z.string(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  /** The revision's fields (without _id, _rev, _conflicts). */
  fields: z.record(z.string(), z.unknown()),
});

export const syncConflict = z.strictObject({
  id: z.string(),
  type: z.string().nullable(),
  /** The revision every replica shows now (CouchDB's deterministic winner). */
  winner: conflictRevision,
  losers: z.array(conflictRevision),
  /** Fields whose values differ between the winner and any loser (none: the same record written twice). */
  differingFields: z.array(z.string()),
  /**
   * A record written once (a 服务之星, a decision, a template version) that two desks created under
   * one id: only head office removes a branch of it (head office's validation refuses a desk).
   */
  writtenOnce: z.boolean(),
});
export type SyncConflict = z.infer<typeof syncConflict>;

export const resolveConflictInput = z.strictObject({
  id: z.string().min(1).max(200),
  /** The revision to keep whole; every other revision is archived, then removed from the tree. */
  keepRev: z.string().min(1).max(100),
});
