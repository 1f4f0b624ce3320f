import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { newIdTail } from '../../shared/ids';
import { PouchDB, type Db } from './pouch';
import { durableLeveldown } from './durableLeveldown';
import { ensureDesignDocs } from './designDocs';
import { ensureIndexes } from './indexes';
import { migrate, type Migration } from './migrations';

export interface Store {
  db: Db;
  /** This desk's own id, never synced: tells records of two desks of one clinic apart. */
  deskId: string;
  schemaVersion: number;
  close(): Promise<void>;
}

const DESK_DOC_ID = '_local/desk';

/**
 * Opens the desk's store in `dataDir`: migrates it, then makes sure the views and indexes exist.
 * One process per directory: LevelDB's lock refuses a second opener.
 */
export async function openStore(dataDir: string, options: { migrations?: Migration[] } = {}): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const db = new PouchDB(join(dataDir, 'desk'), { adapter: 'leveldb', db: durableLeveldown } as PouchDB.Configuration.DatabaseConfiguration);
  try {
    const schemaVersion = await migrate(db, options.migrations);
    await ensureDesignDocs(db);
    await ensureIndexes(db);
    const deskId = await ensureDeskId(db);
    return { db, deskId, schemaVersion, close: () => db.close() };
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
}

async function ensureDeskId(db: Db): Promise<string> {
  const existing = await db.get<{ deskId: string }>(DESK_DOC_ID).catch(() => null);
  if (existing) return existing.deskId;
  const deskId = `desk-${newIdTail()}`;
  await db.put({ _id: DESK_DOC_ID, deskId });
  return deskId;
}
