import { ApiError } from '../../shared/errors';
import { backupDue } from '../../shared/fleet/rules';
import type { BackupResult, BackupStatus } from '../../shared/fleet/schemas';
import type { Db } from '../store/pouch';
import { getOrNull } from '../store/get';
import { writeBackup } from './backup';

/** The schedule and the last backup, in a `_local` document (each desk its own, never replicated). */
export const BACKUP_STATE_ID = '_local/backup';

export async function readBackupStatus(db: Db): Promise<BackupStatus> {
  const doc = await getOrNull<Partial<BackupStatus>>(db, BACKUP_STATE_ID);
  return { schedule: doc?.schedule ?? null, last: doc?.last ?? null, lastError: doc?.lastError ?? null };
}

async function saveBackupStatus(db: Db, status: BackupStatus): Promise<void> {
  const existing = await getOrNull(db, BACKUP_STATE_ID);
  await db.put({ _id: BACKUP_STATE_ID, ...(existing ? { _rev: existing._rev } : {}), ...status });
}

let running: Promise<unknown> = Promise.resolve();

/** One backup at a time per process; the result (or the failure) is remembered. */
export function backupNow(db: Db, deskId: string, folder: string, now: Date): Promise<BackupResult> {
  const next = running.then(async () => {
    const status = await readBackupStatus(db);
    try {
      const written = await writeBackup(db, deskId, folder, now);
      const last = { ...written, at: now.toISOString() };
      await saveBackupStatus(db, { ...status, last, lastError: null });
      return last;
    } catch (err) {
      const message = `备份没有写成（${folder}）：${err instanceof Error ? err.message : String(err)}`.slice(0, 300);
      await saveBackupStatus(db, { ...status, lastError: { at: now.toISOString(), message } }).catch(() => {});
      throw new ApiError({ code: 'conflict', field: 'folder', message });
    }
  });
  running = next.catch(() => {});
  return next;
}

export async function setBackupSchedule(db: Db, schedule: BackupStatus['schedule']): Promise<BackupStatus> {
  const status = { ...(await readBackupStatus(db)), schedule };
  await saveBackupStatus(db, status);
  return status;
}

/** Asks every `checkMs` whether the scheduled backup is due, and writes it. */
export function startBackupSchedule(options: { db: Db; deskId: string; now: () => Date; log: (message: string, err: unknown) => void; checkMs?: number }) {
  const tick = async () => {
    const status = await readBackupStatus(options.db);
    if (!status.schedule || !backupDue(status.last?.at ?? null, options.now(), status.schedule.everyHours)) return;
    // After a failure, wait an hour before trying again (the drive may be out until tomorrow).
    if (status.lastError && !backupDue(status.lastError.at, options.now(), 1)) return;
    await backupNow(options.db, options.deskId, status.schedule.folder, options.now());
  };
  let current: Promise<void> | null = null;
  const timer = setInterval(() => {
    current ??= tick()
      .catch((err: unknown) => options.log('backup: scheduled backup failed', err))
      .finally(() => (current = null));
  }, options.checkMs ?? 10 * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
