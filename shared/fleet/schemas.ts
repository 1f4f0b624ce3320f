import { z } from 'zod';
import { docMeta } from '../doc';

/**
 * A desk's heartbeat (`heartbeat:<CODE>:<deskId>`, one per desk, overwritten): what head office's
 * 设备 screen lists. No patient data: versions, figures and times.
 */
export const heartbeatDoc = z.strictObject({
  ...docMeta,
  type: z.literal('heartbeat'),
  deskId: z.string(),
  appVersion: z.string(),
  /** The store's schema version (migrations), not this document's. */
  storeSchema: z.number(),
  lastSyncedAt: z.string().nullable(),
  pendingUp: z.number(),
  clockOffsetMs: z.number().nullable(),
  freeDiskBytes: z.number().nullable(),
  platform: z.string(),
});
export type HeartbeatDoc = z.infer<typeof heartbeatDoc>;

/**
 * Head office's `app-policy` (reference database, one document): the lowest app version a desk may
 * sync with (null: any), and the update feed and pilot clinics (absent until head office sets them).
 */
export const appPolicyDoc = z.strictObject({
  ...docMeta,
  type: z.literal('app-policy'),
  minAppVersion: z.string().nullable(),
  updateFeedUrl: z.string().nullable().optional(),
  pilotClinics: z.array(z.string()).optional(),
});

export const devicesInput = z.strictObject({
  /** A desk not caught up for longer than this is marked (default 24). */
  staleHours: z.number().int().min(1).max(24 * 90).default(24),
  sort: z.enum(['clinic', 'version', 'lastSynced', 'clock', 'pendingUp']).default('clinic'),
  descending: z.boolean().default(false),
});

export const deviceRow = z.strictObject({
  clinic: z.string(),
  clinicName: z.string(),
  deskId: z.string(),
  appVersion: z.string(),
  storeSchema: z.number().int(),
  lastSyncedAt: z.string().nullable(),
  pendingUp: z.number().int(),
  clockOffsetMs: z.number().nullable(),
  freeDiskBytes: z.number().nullable(),
  platform: z.string(),
  /** When the heartbeat was written (its updatedAt). */
  seenAt: z.string(),
  behind: z.boolean(),
  stale: z.boolean(),
  clockWrong: z.boolean(),
});
export type DeviceRow = z.infer<typeof deviceRow>;

export const devicesView = z.strictObject({
  /** The newest version any desk runs: who is below it is behind. */
  newest: z.string().nullable(),
  staleHours: z.number().int(),
  rows: z.array(deviceRow),
});
export type DevicesView = z.infer<typeof devicesView>;

/** An absolute folder on this PC (a drive letter or a UNC share on Windows, `/…` elsewhere). */
export const folderPath = z
  .string()
  .trim()
  .min(1, { error: 'required' })
  .max(400)
  .refine((p) => /^([A-Za-z]:[\\/]|\\\\|\/)/.test(p) && ![...p].some((ch) => ch.charCodeAt(0) < 0x20), { error: 'an absolute folder path' });

export const backupCreateInput = z.strictObject({ folder: folderPath });
export const backupResult = z.strictObject({ path: z.string(), docCount: z.number().int(), bytes: z.number().int(), at: z.iso.datetime() });
export type BackupResult = z.infer<typeof backupResult>;

/** A backup every `everyHours` into `folder`; `folder: null` turns the schedule off. */
export const backupScheduleInput = z.strictObject({ folder: folderPath.nullable(), everyHours: z.number().int().min(1).max(24 * 7) });
export const backupStatus = z.strictObject({
  schedule: z.strictObject({ folder: z.string(), everyHours: z.number().int() }).nullable(),
  last: backupResult.nullable(),
  /** The last scheduled backup that failed, and why (a USB drive not plugged in). */
  lastError: z.strictObject({ at: z.iso.datetime(), message: z.string() }).nullable(),
});
export type BackupStatus = z.infer<typeof backupStatus>;

/** Head office's minimum app version for every desk; null: none. */
export const minimumVersionInput = z.strictObject({
  minAppVersion: z.string().trim().regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}$/, { error: 'a version like 1.2.3' }).nullable(),
});
export const minimumVersionView = z.strictObject({ minAppVersion: z.string().nullable() });

/**
 * Head office's update channel (docs/operations.md "Updates"): the HTTPS folder that holds the
 * channel files and installers, and the pilot clinics that get a release first. `feedUrl: null`
 * turns updates off. Kept on the `app-policy` reference document beside the minimum version.
 */
export const updatePolicyInput = z.strictObject({
  feedUrl: z
    .string()
    .trim()
    .max(300)
    .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol) && !new URL(u).username && !new URL(u).password, { error: 'an http(s) address without a user name or password' })
    .nullable(),
  pilotClinics: z.array(z.string().trim().regex(/^[A-Z]{2,8}$/, { error: 'a clinic code' })).max(100),
});
export const updatePolicyView = z.strictObject({ feedUrl: z.string().nullable(), pilotClinics: z.array(z.string()), minAppVersion: z.string().nullable() });
export type UpdatePolicyView = z.infer<typeof updatePolicyView>;

/** What this desk's updater is doing (written by the Electron shell; the browser host has none). */
export const updateStatus = z.strictObject({
  state: z.enum(['off', 'checking', 'current', 'downloading', 'ready', 'refused', 'error']),
  channel: z.enum(['pilot', 'latest']).nullable(),
  /** The version offered or downloaded. */
  version: z.string().nullable(),
  /** Why a feed was refused or an update failed (English, for IT; the screen shows the state in Chinese). */
  detail: z.string().nullable(),
  at: z.iso.datetime(),
});
export type UpdateStatus = z.infer<typeof updateStatus>;
export const updateStatusView = z.strictObject({ current: z.string(), electron: z.boolean(), status: updateStatus.nullable() });
export type UpdateStatusView = z.infer<typeof updateStatusView>;
