import { load } from 'js-yaml';
import type { Db } from '../store/pouch';
import { getOrNull } from '../store/get';
import { deskClinicCode } from '../reference/repo';
import { APP_POLICY_ID } from '../../shared/fleet/rules';
import { checkFeed, updateChannel, updatePolicyOf, type FeedVerdict, type UpdatePolicy } from '../../shared/fleet/update';
import type { UpdateStatus } from '../../shared/fleet/schemas';

/**
 * The desk's side of the update channel that runs without Electron: head office's policy from the
 * store, the channel file read and checked before anything is downloaded, and the status the 设置
 * screen shows. The download and install are electron-updater's (src-main/electron/updater.ts).
 */

/** Where the updater leaves its state for `fleet.updateStatus` (a local document: never synced). */
export const UPDATE_STATUS_ID = '_local/update-status';

/** A channel file is a few hundred bytes; past this the feed is not what it claims to be. */
const MAX_FEED_BYTES = 64 * 1024;

export async function updatePolicy(db: Db): Promise<{ policy: UpdatePolicy; clinic: string | null }> {
  const doc = await getOrNull<{ updateFeedUrl?: unknown; pilotClinics?: unknown }>(db, APP_POLICY_ID);
  return { policy: updatePolicyOf(doc), clinic: await deskClinicCode(db) };
}

/** The channel file's address inside the feed folder (`…/updates/` + `latest.yml`). */
export function channelFileUrl(feedUrl: string, channel: string): string {
  return new URL(`${channel}.yml`, feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/`).toString();
}

/**
 * Reads and checks the channel file. A feed that cannot be reached, answers an error, is too large
 * or is not YAML is refused as `malformed` with what went wrong; nothing is downloaded then.
 */
export async function readFeed(feedUrl: string, channel: string, current: string, fetchImpl: typeof fetch = fetch): Promise<FeedVerdict> {
  let text: string;
  try {
    const res = await fetchImpl(channelFileUrl(feedUrl, channel), { signal: AbortSignal.timeout(20_000) });
    if (!res.ok) return { ok: false, refusal: 'malformed', field: '', detail: `the feed answered ${res.status}` };
    text = await res.text();
  } catch (err) {
    return { ok: false, refusal: 'malformed', field: '', detail: `the feed cannot be reached: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (text.length > MAX_FEED_BYTES) return { ok: false, refusal: 'malformed', field: '', detail: 'the channel file is too large' };
  let raw: unknown;
  try {
    raw = load(text); // js-yaml 4's `load` is the safe schema: no functions, no custom tags
  } catch {
    return { ok: false, refusal: 'malformed', field: '', detail: 'the channel file is not YAML' };
  }
  return checkFeed(raw, current);
}

/** What the policy and the feed say for this desk now: the checked offer, or why there is none. */
export async function feedForDesk(db: Db, current: string, fetchImpl: typeof fetch = fetch): Promise<{ channel: 'pilot' | 'latest'; feedUrl: string | null; verdict: FeedVerdict | null }> {
  const { policy, clinic } = await updatePolicy(db);
  const channel = updateChannel(clinic, policy);
  if (!policy.feedUrl) return { channel, feedUrl: null, verdict: null };
  return { channel, feedUrl: policy.feedUrl, verdict: await readFeed(policy.feedUrl, channel, current, fetchImpl) };
}

export async function readUpdateStatus(db: Db): Promise<UpdateStatus | null> {
  const doc = await getOrNull<UpdateStatus & { _rev: string; _id: string }>(db, UPDATE_STATUS_ID);
  if (!doc) return null;
  const { _id: _i, _rev: _r, ...status } = doc;
  return status;
}

export async function writeUpdateStatus(db: Db, status: UpdateStatus): Promise<void> {
  const existing = await getOrNull<{ _rev: string }>(db, UPDATE_STATUS_ID);
  await db.put({ _id: UPDATE_STATUS_ID, ...(existing ? { _rev: existing._rev } : {}), ...status });
}
