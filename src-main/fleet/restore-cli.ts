/**
 * `npm run restore -- <backup file> <new data folder>`: restores a desk's backup onto a new PC
 * (docs/operations.md). The folder must not hold a store yet; then start 导医台 with that data
 * folder (DAOYI_DATA_DIR for the browser host; Electron's is %APPDATA%/导医台) and connect it to
 * head office again in 设置 → 与总部同步: it catches up on what happened since the backup.
 */
import { BackupError, restoreBackup } from './backup';

const [file, dataDir] = process.argv.slice(2);
if (!file || !dataDir) {
  console.error('usage: npm run restore -- <backup file> <new data folder>');
  process.exit(2);
}
try {
  const h = await restoreBackup(file, dataDir);
  console.log(`已恢复：机构 ${h.clinic ?? '（未设置）'}，设备 ${h.deskId}，${h.docCount} 条记录（备份于 ${h.createdAt}）。请用这个数据文件夹启动导医台，并在 设置 → 与总部同步 重新连接。`);
} catch (err) {
  console.error(err instanceof BackupError ? err.message : `恢复失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
