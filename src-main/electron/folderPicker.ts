import type { BrowserWindow, Dialog, IpcMain, IpcMainInvokeEvent } from 'electron';
import { ipcChannels } from '../../shared/operations';
import { isAppUrl } from './protocol';

/**
 * 选择文件夹 for the backup folder (设置 → 本机): Windows' own folder dialog, which the browser host
 * cannot show (there the path is typed). The renderer asks with no arguments and gets a path or
 * null; only the app's own pages may ask (as every IPC call, ipc.ts). The path chosen is still
 * checked by `backup.create` / `backup.schedule` like a typed one: the dialog only fills the field.
 */
export function folderPickerHandler(dialog: Pick<Dialog, 'showOpenDialog'>, parent: () => BrowserWindow | null) {
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame'>): Promise<string | null> => {
    if (!isAppUrl(event.senderFrame?.url)) return null;
    const options = { title: '选择备份文件夹', buttonLabel: '选择此文件夹', properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] as ('openDirectory' | 'createDirectory' | 'dontAddToRecent')[] };
    const win = parent();
    const chosen = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
  };
}

export function registerFolderPicker(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dialog: Pick<Dialog, 'showOpenDialog'>, parent: () => BrowserWindow | null): () => void {
  ipcMain.handle(ipcChannels.pickFolder, folderPickerHandler(dialog, parent));
  return () => ipcMain.removeHandler(ipcChannels.pickFolder);
}
