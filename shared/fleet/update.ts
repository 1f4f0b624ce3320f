/**
 * Pure rules of the update channel (docs/operations.md "Updates"): which feed a desk reads, whether
 * what the feed offers may be downloaded, and when a downloaded update may be installed. The
 * download itself and its signature checks are electron-updater's (src-main/electron/updater.ts).
 */
import { compareVersions } from './rules';

/** Head office's update settings, kept on the `app-policy` reference document. */
export interface UpdatePolicy {
  /** The HTTPS folder beside CouchDB that holds `latest.yml`, `pilot.yml` and the installers; null: no updates. */
  feedUrl: string | null;
  /** Clinics that get a release first (the pilot channel, `pilot.yml`). */
  pilotClinics: string[];
}

export const NO_UPDATES: UpdatePolicy = { feedUrl: null, pilotClinics: [] };

/** The policy as the `app-policy` document holds it; fields an older head office never wrote read as none. */
export function updatePolicyOf(doc: { updateFeedUrl?: unknown; pilotClinics?: unknown } | null): UpdatePolicy {
  if (!doc) return NO_UPDATES;
  const feedUrl = typeof doc.updateFeedUrl === 'string' && doc.updateFeedUrl ? doc.updateFeedUrl : null;
  const pilotClinics = Array.isArray(doc.pilotClinics) ? doc.pilotClinics.filter((c): c is string => typeof c === 'string') : [];
  return { feedUrl, pilotClinics };
}

/**
 * electron-updater's channel: a pilot clinic reads `pilot.yml`, every other `latest.yml`. Head
 * office publishes a release to the pilot channel first and to `latest` when the pilot went well;
 * within `latest`, the feed's `stagingPercentage` lets the release reach a share of desks first.
 */
export function updateChannel(clinic: string | null, policy: UpdatePolicy): 'pilot' | 'latest' {
  return clinic !== null && policy.pilotClinics.includes(clinic) ? 'pilot' : 'latest';
}

/** What a channel file (`latest.yml`) offers, once checked. */
export interface FeedOffer {
  version: string;
  /** The installer's file name inside the feed folder. */
  path: string;
  /** base64 SHA-512 of the installer: electron-updater checks the download against it. */
  sha512: string;
  /** Share of desks that get it now (electron-updater's staged rollout); 100 when absent. */
  stagingPercentage: number;
  releaseDate: string | null;
}

export type FeedRefusal = 'malformed' | 'version' | 'notNewer' | 'path' | 'sha512' | 'stagingPercentage';
export type FeedVerdict = { ok: true; offer: FeedOffer } | { ok: false; refusal: FeedRefusal; field: string; detail: string };

const VERSION = /^\d{1,4}\.\d{1,4}\.\d{1,4}$/;
/** A SHA-512 is 64 bytes: 88 base64 characters with its `==`. */
const SHA512 = /^[A-Za-z0-9+/]{86}==$/;
/** A bare file name in the feed folder: no folder, no `..`, no drive, an .exe. */
const INSTALLER = /^[A-Za-z0-9._-]{1,200}\.exe$/;

const refused = (refusal: FeedRefusal, field: string, detail: string): FeedVerdict => ({ ok: false, refusal, field, detail });

/**
 * Whether the channel file `raw` (parsed YAML) offers an update this desk (`current`) may download.
 * Refused: anything malformed, a version not above the running one (a feed that went back is not
 * followed: a downgrade could not read the store's newer documents), an installer path that leaves
 * the feed folder, a hash that is not a SHA-512, a staging share outside 0–100.
 */
export function checkFeed(raw: unknown, current: string): FeedVerdict {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refused('malformed', '', 'the channel file is not a YAML mapping');
  const feed = raw as Record<string, unknown>;
  const version = feed.version;
  if (typeof version !== 'string' || !VERSION.test(version)) return refused('version', 'version', 'a version like 1.2.3');
  if (compareVersions(version, current) <= 0) return refused('notNewer', 'version', `${version} is not newer than ${current}`);
  const files = Array.isArray(feed.files) ? (feed.files as unknown[]) : [];
  const first = (files[0] ?? {}) as Record<string, unknown>;
  const path = typeof first.url === 'string' ? first.url : feed.path;
  if (typeof path !== 'string' || !INSTALLER.test(path) || path.includes('..')) return refused('path', 'path', 'an installer file name in the feed folder');
  const sha512 = typeof first.sha512 === 'string' ? first.sha512 : feed.sha512;
  if (typeof sha512 !== 'string' || !SHA512.test(sha512)) return refused('sha512', 'sha512', 'a base64 SHA-512');
  if (typeof feed.sha512 === 'string' && feed.sha512 !== sha512) return refused('sha512', 'sha512', 'the file and the release name different hashes');
  const staging = feed.stagingPercentage;
  if (staging !== undefined && (typeof staging !== 'number' || !Number.isFinite(staging) || staging < 0 || staging > 100)) {
    return refused('stagingPercentage', 'stagingPercentage', 'a share from 0 to 100');
  }
  const releaseDate = typeof feed.releaseDate === 'string' ? feed.releaseDate : null;
  return { ok: true, offer: { version, path, sha512, stagingPercentage: typeof staging === 'number' ? staging : 100, releaseDate } };
}

/** Clinic time (UTC+8) hour of an instant. */
function clinicHour(at: Date): number {
  return (at.getUTCHours() + 8) % 24;
}

/** The hours a desk may install by itself: after the clinic closes and before it opens (clinic time). */
export const INSTALL_WINDOW = { fromHour: 21, toHour: 7 } as const;
/** Nobody has used the desk for this long: no check-in is under way. */
export const INSTALL_IDLE_MS = 15 * 60_000;

/**
 * Whether a downloaded update may be installed now without a person quitting the app: only inside
 * the night window, and only when the desk has been idle (no contract call) for 15 minutes, so an
 * update never interrupts a check-in. Quitting the app always installs it (electron-updater's
 * `autoInstallOnAppQuit`).
 */
export function installNow(now: Date, lastActivity: Date | null): boolean {
  const hour = clinicHour(now);
  const night = hour >= INSTALL_WINDOW.fromHour || hour < INSTALL_WINDOW.toHour;
  const idle = lastActivity === null || now.getTime() - lastActivity.getTime() >= INSTALL_IDLE_MS;
  return night && idle;
}
