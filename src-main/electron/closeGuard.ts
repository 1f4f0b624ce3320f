import type { BrowserWindow, Dialog } from 'electron';
import type { App } from '../app';

/** The words of the question (zh-CN: the desk's language). */
export function pendingCloseQuestion(pendingUp: number) {
  return {
    type: 'warning' as const,
    title: '导医台',
    message: `还有 ${pendingUp} 条记录未上传总部`,
    detail: '现在关闭，这些记录会留在本机，下次打开导医台并连上总部后继续上传。确定要关闭吗？',
    buttons: ['仍然关闭', '返回'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

/**
 * Closing the window while documents wait to go up asks first ("还有 N 条记录未上传总部"). The close
 * is held (Electron's `close` must be prevented at once), the sync status read, and the window
 * closed again only when nothing waits or the person says so. Returns a function that stops it.
 */
export function askBeforeClosing(win: Pick<BrowserWindow, 'on' | 'removeListener' | 'close' | 'isDestroyed'>, desk: Pick<App, 'sync' | 'logger'>, dialog: Pick<Dialog, 'showMessageBox'>): () => void {
  let allowed = false;
  let asking = false;
  const onClose = (event: { preventDefault(): void }) => {
    if (allowed) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    void (async () => {
      const status = await desk.sync.status().catch(() => null);
      const pending = desk.sync.configured && status ? status.pendingUp : 0;
      let close = pending === 0;
      if (!close) {
        const { response } = await dialog.showMessageBox(win as BrowserWindow, pendingCloseQuestion(pending));
        close = response === 0;
        desk.logger.info('window: closing with pending uploads', { pendingUp: pending, closed: close });
      }
      asking = false;
      if (close && !win.isDestroyed()) {
        allowed = true;
        win.close();
      }
    })();
  };
  win.on('close', onClose);
  return () => void win.removeListener('close', onClose);
}
