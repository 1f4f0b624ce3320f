import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { HandlerContext } from '../api/context';
import type { ExportFile } from '../../shared/headoffice/schemas';
import { clinicDate } from '../../shared/time';
import { APP_VERSION } from './version';
import { readUpdateStatus } from './update';
import { readBackupStatus } from './backupSchedule';
import { LOG_FILE } from './log';

/**
 * 导出诊断包 (docs/operations.md "Diagnostics"): what IT needs to tell why a desk misbehaves, as one
 * .zip, and nothing about a patient:
 * - `logs/`: the log files as written, already redacted (fleet/log.ts: no names, phones, e-mails);
 * - `versions.json`: the app, the store's schema, Node / Electron / Chromium, the OS;
 * - `sync.json`: the sync state as counts and times (no document ids, no refusal texts);
 * - `store.json`: how many documents of each type (from the id prefix alone), and update / backup state.
 */
export async function diagnosticsZip(ctx: HandlerContext): Promise<ExportFile> {
  const zip = new JSZip();
  const at = ctx.now();
  for (const name of await logFiles(ctx.logDir)) {
    zip.file(`logs/${name}`, new Uint8Array(await readFile(join(ctx.logDir!, name))));
  }
  zip.file(
    'versions.json',
    json({
      app: APP_VERSION,
      storeSchema: ctx.schemaVersion,
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      chrome: process.versions.chrome ?? null,
      platform: process.platform,
      arch: process.arch,
      deskId: ctx.deskId,
      at: at.toISOString(),
    }),
  );
  const s = await ctx.sync.status();
  zip.file(
    'sync.json',
    json({
      state: s.state,
      server: s.server,
      clinicDb: s.clinicDb,
      lastSyncedAt: s.lastSyncedAt,
      pendingUp: s.pendingUp,
      lastError: s.lastError ? { kind: s.lastError.kind, at: s.lastError.at } : null,
      deniedDocs: s.deniedDocs.length,
      conflicts: s.conflicts,
      clock: s.clock,
      appVersion: s.appVersion,
    }),
  );
  zip.file('store.json', json({ documentsByType: await countsByType(ctx), update: await readUpdateStatus(ctx.db), backup: await readBackupStatus(ctx.db) }));
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  return { filename: `诊断包_${clinicDate(at)}_${ctx.deskId.slice(0, 8)}.zip`, mime: 'application/zip', base64: Buffer.from(bytes).toString('base64') };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The current log and its rotated copies, and nothing else that may lie in the folder. */
async function logFiles(dir: string | null): Promise<string[]> {
  if (!dir) return [];
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n === LOG_FILE || /^daoyi\.\d+\.log$/.test(n)).sort();
}

/** Documents per type, read from the ids alone in pages (no document body is read). */
async function countsByType(ctx: HandlerContext): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let startkey: string | undefined;
  for (;;) {
    const page = await ctx.db.allDocs({ limit: 5000, ...(startkey === undefined ? {} : { startkey, skip: 1 }) });
    for (const row of page.rows) {
      const type = row.id.startsWith('_design/') ? '_design' : row.id.split(':')[0]!;
      counts[type] = (counts[type] ?? 0) + 1;
    }
    if (page.rows.length < 5000) return counts;
    startkey = page.rows[page.rows.length - 1]!.id;
  }
}
