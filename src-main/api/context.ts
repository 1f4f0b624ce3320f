import type { Db } from '../store/pouch';
import type { StaffDoc } from '../../shared/reference/schemas';
import type { Sessions } from './sessions';
import type { SyncEngine } from '../sync/engine';

/** What a handler gets besides its parsed input. Handlers never see the transport. */
export interface HandlerContext {
  db: Db;
  deskId: string;
  schemaVersion: number;
  /** The clock, injectable so deadline and waiting-time tests control it. */
  now(): Date;
  /** The staff member signed in on the calling window; null for 'none' operations. */
  operator: StaffDoc | null;
  /** The caller's session token, if any (sign-out needs it). */
  session: string | null;
  sessions: Sessions;
  /** Replication with head office (sync.* operations). */
  sync: SyncEngine;
  /** The data folder's log directory (fleet/log.ts), for the diagnostics package; null in tests without one. */
  logDir: string | null;
}

/** A context whose operator is known (operations with auth 'operator' or 'admin'). */
export type OperatorContext = HandlerContext & { operator: StaffDoc };
