import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { newIdTail } from '../../shared/ids';
import { PouchDB, type Db } from './pouch';
import { durableLeveldown, mustExist } from './durableLeveldown';
import { checkStore, markStoreOpened, STORE_FOLDER, storeProblemOf, type StoreChecks } from './health';
import { ensureDesignDocs } from './designDocs';
import { ensureIndexes } from './indexes';
import { migrate, type Migration } from './migrations';
import { getOrNull } from './get';

export interface Store {
  db: Db;
  /** This desk's own id, never synced: tells records of two desks of one clinic apart. */
  deskId: string;
  schemaVersion: number;
  close(): Promise<void>;
}

/** This desk's own facts (its id, its clinic): a local document, never replicated. */
export const DESK_DOC_ID = '_local/desk';

/**
 * Directories open in this process. LevelDB's lock refuses a second process, but not a second
 * opener in this one: PouchDB's LevelDB adapter hands it the already open database, and its writes
 * then never finish. So a second open is refused here.
 */
const openDirs = new Set<string>();

export interface StoreOptions extends StoreChecks {
  migrations?: Migration[];
  /**
   * The app's clock (default the real one), which a new desk's id is minted by: ids' tails are
   * time-ordered and never step back within a process (shared/ids.ts), so a desk id of the real
   * clock would date every later id of the process by it, whatever the app's clock says.
   */
  now?: () => Date;
}

/**
 * Opens the desk's store in `dataDir`: checks its files (health.ts: a missing or damaged store, a
 * full disk stop here with a `StoreProblemError`, files untouched), migrates it, then makes sure
 * the views and indexes exist. One opener per directory: LevelDB's lock refuses another process,
 * `openDirs` this one.
 */
export async function openStore(dataDir: string, options: StoreOptions = {}): Promise<Store> {
  const location = resolve(dataDir);
  if (openDirs.has(location)) throw new Error(`the data directory ${location} is already open in this process`);
  const folder = join(dataDir, STORE_FOLDER);
  openDirs.add(location);
  const { existing } = await checkStore(location, options).catch((err: unknown) => {
    openDirs.delete(location);
    throw err;
  });
  mkdirSync(dataDir, { recursive: true });
  if (existing) mustExist.add(folder);
  else mustExist.delete(folder);
  const db = new PouchDB(folder, { adapter: 'leveldb', db: durableLeveldown } as PouchDB.Configuration.DatabaseConfiguration);
  const release = () => openDirs.delete(location);
  try {
    await db.info().catch((err: unknown) => {
      throw storeProblemOf(err, folder);
    });
    markStoreOpened(location, new Date());
    const schemaVersion = await migrate(db, options.migrations);
    await ensureDesignDocs(db);
    await ensureIndexes(db);
    const deskId = await ensureDeskId(db, (options.now ?? (() => new Date()))());
    return { db, deskId, schemaVersion, close: () => db.close().finally(release) };
  } catch (err) {
    await db.close().catch(() => {});
    release();
    throw err;
  }
}

async function ensureDeskId(db: Db, now: Date): Promise<string> {
  const existing = await getOrNull<{ deskId: string }>(db, DESK_DOC_ID);
  if (existing) return existing.deskId;
  const deskId = `desk-${newIdTail(now)}`;
  await db.put({ _id: DESK_DOC_ID, deskId });
  return deskId;
}
