import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PouchDB, type Db } from '../store/pouch';
import { durableLeveldown } from '../store/durableLeveldown';
import { STORE_FOLDER, STORE_MARKER } from '../store/health';
import { DESK_DOC_ID } from '../store/store';
import { CURRENT_SCHEMA_VERSION, readSchemaVersion, SCHEMA_DOC_ID } from '../store/migrations';
import { deskClinicCode } from '../reference/repo';

/**
 * A local backup of the desk's store (docs/operations.md): one gzip'd JSON file with every
 * document's every leaf revision and its revision history (`_revisions`), attachments inline,
 * tombstones included, the desk's id and clinic, the data schema, and a SHA-256 of the documents.
 * Restored onto an empty data folder with `new_edits: false`, the revisions are the very ones
 * head office holds, so sync afterwards moves only what changed since the backup (no conflicts).
 * Not in it: design documents (the store makes its own), sync checkpoints and the head-office
 * password (the restored desk is connected again in 设置 → 与总部同步).
 */
export const BACKUP_FORMAT = 'daoyi-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_EXT = '.daoyi-backup';

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  deskId: string;
  clinic: string | null;
  schemaVersion: number;
  createdAt: string;
  docCount: number;
  sha256: string;
}

interface BackupFile extends BackupHeader {
  docs: Record<string, unknown>[];
}

/** A backup that cannot be used, with words for the person restoring it. Nothing was written. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const BATCH = 200;

async function everyRevision(db: Db): Promise<Record<string, unknown>[]> {
  // Every leaf of every document (deleted ones too), from the changes feed's `all_docs` style.
  const leaves: { id: string; rev: string }[] = [];
  const feed = db.changes({ since: 0, style: 'all_docs', return_docs: false });
  feed.on('change', (c) => {
    if (!c.id.startsWith('_design/')) for (const { rev } of c.changes) leaves.push({ id: c.id, rev });
  });
  await feed;
  const docs: Record<string, unknown>[] = [];
  for (let i = 0; i < leaves.length; i += BATCH) {
    const res = await db.bulkGet({ docs: leaves.slice(i, i + BATCH), revs: true, attachments: true });
    for (const r of res.results) for (const d of r.docs) if ('ok' in d) docs.push(d.ok as unknown as Record<string, unknown>);
  }
  return docs;
}

function digest(docs: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(docs)).digest('hex');
}

/** The file's name: clinic, desk and time, so a folder of backups sorts by time per desk. */
export function backupFileName(h: Pick<BackupHeader, 'clinic' | 'deskId' | 'createdAt'>): string {
  const stamp = h.createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `导医台备份_${h.clinic ?? '未设置'}_${h.deskId}_${stamp}${BACKUP_EXT}`;
}

/** Writes a backup of the store into `folder` (made if missing); written whole or not at all. */
export async function writeBackup(db: Db, deskId: string, folder: string, now: Date): Promise<{ path: string; docCount: number; bytes: number }> {
  const docs = await everyRevision(db);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    deskId,
    clinic: await deskClinicCode(db),
    schemaVersion: await readSchemaVersion(db),
    createdAt: now.toISOString(),
    docCount: docs.length,
    sha256: digest(docs),
  };
  const body = new Uint8Array(gzipSync(JSON.stringify({ ...header, docs } satisfies BackupFile)));
  mkdirSync(folder, { recursive: true });
  const path = join(folder, backupFileName(header));
  // A temporary name first: a USB stick pulled mid-write leaves no file that looks like a backup.
  writeFileSync(path + '.part', body);
  renameSync(path + '.part', path);
  return { path, docCount: docs.length, bytes: body.length };
}

/** Reads and checks a backup file whole: any damage is a `BackupError`, before anything is written. */
export function readBackup(file: string): BackupFile {
  let raw: Uint8Array;
  try {
    raw = new Uint8Array(readFileSync(file));
  } catch {
    throw new BackupError(`找不到或无法读取备份文件：${file}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(gunzipSync(raw)).toString('utf8'));
  } catch {
    throw new BackupError('备份文件已损坏（无法解压或读取），不能用来恢复。请换一个备份文件。');
  }
  const b = parsed as Partial<BackupFile> | null;
  if (!b || b.format !== BACKUP_FORMAT || typeof b.version !== 'number') throw new BackupError('这不是导医台的备份文件。');
  if (b.version > BACKUP_VERSION) throw new BackupError('这个备份由更新版本的导医台生成，请先升级导医台再恢复。');
  if (!Array.isArray(b.docs) || typeof b.deskId !== 'string' || typeof b.schemaVersion !== 'number' || typeof b.sha256 !== 'string') {
    throw new BackupError('备份文件内容不完整，不能用来恢复。');
  }
  if (b.docs.length !== b.docCount || digest(b.docs) !== b.sha256) throw new BackupError('备份文件已损坏（校验不符），不能用来恢复。请换一个备份文件。');
  if (b.schemaVersion > CURRENT_SCHEMA_VERSION) throw new BackupError(`这个备份的数据版本（${b.schemaVersion}）比本机导医台新，请先升级导医台再恢复。`);
  return b as BackupFile;
}

/**
 * Restores a backup into a new data folder (a new PC, or a wiped one): the file is checked whole
 * first; a folder that already holds a store is refused, untouched. The desk keeps its id and
 * clinic; the app then opens the folder as usual (migrating an older schema) and, once connected
 * to head office, catches up on what happened since the backup.
 */
export async function restoreBackup(file: string, dataDir: string): Promise<BackupHeader> {
  const backup = readBackup(file);
  const folder = join(dataDir, STORE_FOLDER);
  if (existsSync(folder) || existsSync(join(dataDir, STORE_MARKER))) throw new BackupError(`这个数据文件夹里已经有导医台的数据（${folder}），恢复不会覆盖它。请选一个空的文件夹。`);
  mkdirSync(dataDir, { recursive: true });
  const db = new PouchDB(folder, { adapter: 'leveldb', db: durableLeveldown } as PouchDB.Configuration.DatabaseConfiguration);
  try {
    for (let i = 0; i < backup.docs.length; i += BATCH) {
      await db.bulkDocs(backup.docs.slice(i, i + BATCH) as PouchDB.Core.PutDocument<object>[], { new_edits: false });
    }
    await db.put({ _id: SCHEMA_DOC_ID, version: backup.schemaVersion, name: 'restored from a backup' });
    await db.put({ _id: DESK_DOC_ID, deskId: backup.deskId, ...(backup.clinic ? { clinic: backup.clinic } : {}) });
    await db.close();
  } catch (err) {
    await db.close().catch(() => {});
    rmSync(folder, { recursive: true, force: true }); // ours, made just now: nothing else was there
    throw err;
  }
  const { docs: _docs, ...header } = backup;
  return header;
}
