import { statfs } from 'node:fs/promises';
import { heartbeatDue, type HeartbeatFacts } from '../../shared/fleet/rules';
import type { HeartbeatDoc } from '../../shared/fleet/schemas';
import { HEAD_OFFICE_CODE } from '../../shared/reference/schemas';
import { deskClinicCode } from '../reference/repo';
import { newMeta } from '../store/meta';
import type { Db } from '../store/pouch';
import { getOrNull } from '../store/get';
import type { SyncEngine } from '../sync/engine';
import { APP_VERSION } from './version';
import { heartbeatDocs } from '../../shared/fleet/docs';

/** When the last heartbeat was written and what it said (never replicated). */
export const HEARTBEAT_LAST_ID = '_local/heartbeat-last';

export const heartbeatId = heartbeatDocs.id;

export interface HeartbeatOptions {
  db: Db;
  deskId: string;
  dataDir: string;
  storeSchema: number;
  sync: SyncEngine;
  now: () => Date;
  log: (message: string, err: unknown) => void;
  /** How often the rule is asked whether a heartbeat is due (default a minute; false: never by itself). */
  checkMs?: number | false;
}

async function freeDisk(dir: string): Promise<number | null> {
  try {
    const s = await statfs(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

/**
 * The desk's heartbeat for head office's 设备 screen: every `checkMs` the rule
 * (shared/fleet/rules.ts `heartbeatDue`) decides whether to write `heartbeat:<CODE>:<deskId>`
 * again; it then travels with the clinic's documents. Only while sync is configured and on a
 * clinic desk (head office's own computer is not one of the chain's desks).
 */
export function startHeartbeat(options: HeartbeatOptions) {
  const { db, deskId, now } = options;
  let running: Promise<boolean> | null = null;
  let stopped = false;

  async function beatOnce(force: boolean): Promise<boolean> {
    if (stopped || !options.sync.configured) return false;
    const clinic = await deskClinicCode(db);
    if (!clinic || clinic === HEAD_OFFICE_CODE) return false;
    const status = await options.sync.status();
    const facts: HeartbeatFacts = {
      appVersion: APP_VERSION,
      storeSchema: options.storeSchema,
      lastSyncedAt: status.lastSyncedAt,
      pendingUp: status.pendingUp,
      clockOffsetMs: status.clock?.offsetMs ?? null,
      freeDiskBytes: await freeDisk(options.dataDir),
    };
    const last = await getOrNull<{ _rev: string; at: string; facts: HeartbeatFacts }>(db, HEARTBEAT_LAST_ID);
    const at = now();
    if (!force && !heartbeatDue(last, at, facts)) return false;
    const id = heartbeatId(clinic, deskId);
    const existing = await getOrNull<HeartbeatDoc>(db, id);
    const meta = existing ? { ...existing, updatedAt: at.toISOString(), updatedBy: 'system' } : newMeta('heartbeat', id, clinic, 'system', at);
    const doc: HeartbeatDoc = { ...meta, type: 'heartbeat', deskId, ...facts, platform: process.platform };
    await db.put(doc);
    await db.put({ _id: HEARTBEAT_LAST_ID, ...(last ? { _rev: last._rev } : {}), at: at.toISOString(), facts });
    return true;
  }

  const beat = (force = false): Promise<boolean> => {
    running ??= beatOnce(force)
      .catch((err: unknown) => {
        options.log('heartbeat: could not write', err);
        return false;
      })
      .finally(() => (running = null));
    return running;
  };

  const timer = options.checkMs === false ? null : setInterval(() => void beat(), options.checkMs ?? 60_000);
  timer?.unref();
  return {
    /** Asks the rule now (`force`: writes whatever it says); true when a heartbeat was written. */
    beat,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
