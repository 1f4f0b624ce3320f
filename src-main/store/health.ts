import { existsSync, readdirSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import leveldown from 'leveldown';
import { NewerSchemaError } from './migrations';
import { liveTableNumbers, tableProblem } from './tableCheck';

/**
 * The checks a store passes before PouchDB opens it (docs/security.md, "A damaged or missing
 * store"). Every failure stops the start with a `StoreProblemError` whose message the front desk
 * can act on (`startupErrorMessage`), never a crash after "ready", and nothing here writes to the
 * store's files: what is there is what a technician or a backup restores from.
 */

/** The LevelDB folder of the desk's documents, inside the data directory. */
export const STORE_FOLDER = 'desk';
/** Written beside the LevelDB folder once it has opened: from then on a missing store is an accident, not a new desk. */
export const STORE_MARKER = 'store-opened.json';
/** Below this much free disk a start is refused: LevelDB rewrites its log and views as it opens. */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

export type StoreProblem =
  /** The desk was set up here, but LevelDB's CURRENT file (or the whole folder) is gone. */
  | { kind: 'missing'; file: string; manifest: string | null }
  /** A table file fails its checksums, is truncated, or LevelDB reports corruption. */
  | { kind: 'damaged'; file: string; detail: string }
  | { kind: 'diskFull'; freeBytes: number | null }
  | { kind: 'locked' };

export class StoreProblemError extends Error {
  constructor(readonly problem: StoreProblem) {
    super(`The store cannot be opened (${problem.kind}${'file' in problem ? `: ${problem.file}` : ''}${'detail' in problem ? `, ${problem.detail}` : ''}); its files were not touched.`);
    this.name = 'StoreProblemError';
  }
}

export interface StoreChecks {
  /** Free bytes on the data directory's disk (tests pretend a full disk). */
  freeBytes?: (dir: string) => number;
}

/**
 * Checks the data directory before the store opens. Returns whether the desk's store existed
 * before, so that LevelDB is then opened without `createIfMissing` (which would make a new, empty
 * database over the remains of the old one and delete its table files).
 */
export async function checkStore(dataDir: string, checks: StoreChecks = {}): Promise<{ existing: boolean }> {
  const folder = join(dataDir, STORE_FOLDER);
  const files = existsSync(folder) ? readdirSync(folder) : [];
  const manifest = files.filter((f) => f.startsWith('MANIFEST-')).sort().at(-1) ?? null;
  const existing = existsSync(join(dataDir, STORE_MARKER)) || files.some((f) => f.endsWith('.ldb') || f.endsWith('.log') || f.startsWith('MANIFEST-'));

  const free = (checks.freeBytes ?? diskFree)(dataDir);
  if (free < MIN_FREE_BYTES) throw new StoreProblemError({ kind: 'diskFull', freeBytes: free });

  if (existing && !files.includes('CURRENT')) throw new StoreProblemError({ kind: 'missing', file: join(folder, 'CURRENT'), manifest: manifest && join(folder, manifest) });

  // The desk's own folder and its views' (desk-mrview-*): LevelDB reads any of them unchecked.
  for (const name of existsSync(dataDir) ? readdirSync(dataDir) : []) {
    if (name !== STORE_FOLDER && !name.startsWith(`${STORE_FOLDER}-mrview-`)) continue;
    // Only the tables the MANIFEST lists: a compaction a close cut short leaves a half-written,
    // unlisted output file, which LevelDB deletes when it opens (liveTableNumbers).
    const live = liveTableNumbers(join(dataDir, name));
    for (const file of readdirSync(join(dataDir, name))) {
      if (!file.endsWith('.ldb') && !file.endsWith('.sst')) continue;
      if (live && !live.has(Number(file.split('.')[0]))) continue;
      const path = join(dataDir, name, file);
      const detail = tableProblem(path);
      if (detail) throw new StoreProblemError({ kind: 'damaged', file: path, detail });
    }
  }

  if (existing) await probeOpen(folder);
  return { existing };
}

/** Opens the existing LevelDB once on its own, so its refusal is an answer here rather than an error PouchDB throws later. */
function probeOpen(folder: string): Promise<void> {
  const db = leveldown(folder);
  return new Promise((resolve, reject) => {
    db.open({ createIfMissing: false }, (err) => {
      if (err) return reject(storeProblemOf(err, folder));
      db.close(() => resolve());
    });
  });
}

/** What LevelDB's open error means for the desk. */
export function storeProblemOf(err: unknown, folder: string): unknown {
  const message = err instanceof Error ? err.message : String(err);
  if (/no space left|ENOSPC|disk full/i.test(message)) return new StoreProblemError({ kind: 'diskFull', freeBytes: null });
  if (/\block\b|LockFile/i.test(message)) return new StoreProblemError({ kind: 'locked' });
  if (/does not exist|CURRENT/i.test(message)) return new StoreProblemError({ kind: 'missing', file: join(folder, 'CURRENT'), manifest: null });
  if (/corrupt|Invalid argument|IO error/i.test(message)) return new StoreProblemError({ kind: 'damaged', file: folder, detail: message });
  return err;
}

/** Records that the store opened here, so that a later start can tell a lost store from a new desk. */
export function markStoreOpened(dataDir: string, now: Date): void {
  const marker = join(dataDir, STORE_MARKER);
  if (!existsSync(marker)) writeFileSync(marker, `${JSON.stringify({ folder: STORE_FOLDER, firstOpenedAt: now.toISOString() })}\n`);
}

function diskFree(dir: string): number {
  try {
    const stats = statfsSync(existsSync(dir) ? dir : join(dir, '..'));
    return stats.bavail * stats.bsize;
  } catch {
    return Number.POSITIVE_INFINITY; // a disk that cannot say: LevelDB's own error will tell
  }
}

const RESTORE = '恢复方法：关闭导医台，把备份中的整个数据目录（其中的 desk 文件夹及其全部文件）复制回原处，再重新打开。没有备份时请保留这些文件原样并联系技术支持；已同步到总部的资料可以在新的数据目录里用“加入已有机构”重新取回。';

/** The message for a store that will not open, in the words of the front desk (Electron's dialog, the host's console). */
export function startupErrorMessage(err: unknown, dir: string): string {
  const where = `\n\n数据目录：${dir}`;
  if (err instanceof NewerSchemaError) {
    return `这份数据是由更新版本的导医台写入的（数据版本 ${err.found}，本版本最高支持 ${err.supported}）。请安装最新版本的导医台。数据没有被改动。${where}`;
  }
  if (err instanceof StoreProblemError) {
    const p = err.problem;
    switch (p.kind) {
      case 'missing':
        return `数据文件缺失：${p.file} 不见了（可能被杀毒软件、清理工具或误操作删除）。为免覆盖原有资料，导医台没有新建数据，也没有改动任何文件。${p.manifest ? `技术人员可新建该文件，内容为一行“${p.manifest.split(/[\\/]/).at(-1)}”。` : ''}${RESTORE}${where}`;
      case 'damaged':
        return `数据文件已损坏：${p.file}（${p.detail}）。导医台停止启动，没有改动任何文件。${RESTORE}${where}`;
      case 'diskFull':
        return `磁盘空间不足${p.freeBytes === null ? '' : `（剩余 ${Math.floor(p.freeBytes / 1024 / 1024)} MB，至少需要 ${MIN_FREE_BYTES / 1024 / 1024} MB）`}，导医台无法安全地打开数据。请清理磁盘后重新打开。数据没有被改动。${where}`;
      case 'locked':
        return `数据目录正被另一个程序使用（可能是另一个已打开的导医台，或网页版主机）。请先关闭它，再重新打开导医台。${where}`;
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  // LevelDB allows one process per directory: another 导医台 window, or the browser host.
  if (/\block\b|LockFile/i.test(message)) {
    return `数据目录正被另一个程序使用（可能是另一个已打开的导医台，或网页版主机）。请先关闭它，再重新打开导医台。${where}`;
  }
  return `无法打开数据：${message}${where}`;
}
