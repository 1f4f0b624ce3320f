import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, powerMonitor, protocol, session, shell } from 'electron';
import { ipcChannels } from '../../shared/operations';
import { startApp, type App } from '../app';
import { dataDir } from '../platform/paths.electron';
import { electronSecretStore } from '../platform/secrets.electron';
import { startupErrorMessage } from '../store/health';
import { registerIpc } from './ipc';
import { APP_ENTRY, APP_SCHEME, appScheme, serveRenderer } from './protocol';
import { hardenContents, lockDownSession, windowOptions } from './window';

/**
 * The Electron entry: the same composition root as the browser host (`startApp`), carried over
 * IPC instead of HTTP. Kept thin; the parts live in protocol.ts, window.ts and ipc.ts.
 */
export interface Running {
  desk: App;
  window: BrowserWindow;
}

export { startupErrorMessage };

export async function main(): Promise<Running | null> {
  // Before 'ready': the app:// scheme's privileges, and the sandbox for every renderer.
  protocol.registerSchemesAsPrivileged([appScheme]);
  app.enableSandbox();

  // One process per LevelDB directory: a second launch hands over to the first and leaves.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  let window: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // Every web contents, including any created later, gets the navigation rules.
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, shell));

  await app.whenReady();
  const dir = dataDir();
  let desk: App;
  try {
    desk = await startApp(dir, { secrets: electronSecretStore(dir) });
  } catch (err) {
    dialog.showErrorBox('导医台无法启动', startupErrorMessage(err, dir));
    app.exit(1);
    return null;
  }

  lockDownSession(session.defaultSession);
  session.defaultSession.protocol.handle(APP_SCHEME, serveRenderer(join(app.getAppPath(), 'dist', 'renderer')));
  registerIpc(ipcMain, desk);
  // The default menu (File/Edit/View, in English, with reload and dev tools) is for developers.
  if (app.isPackaged) Menu.setApplicationMenu(null);

  const win = new BrowserWindow(windowOptions({ preload: join(__dirname, 'preload.cjs'), icon: join(app.getAppPath(), 'assets', 'icon.png') }));
  window = win;
  win.once('ready-to-show', () => win.show());
  const stopChanges = desk.onChange((event) => {
    if (!win.isDestroyed()) win.webContents.send(ipcChannels.changes, event);
  });

  const stopWatching = restartSyncWhenBack(desk);

  app.on('window-all-closed', () => app.quit());
  // Quitting waits for the store to close, so LevelDB is flushed and its lock released.
  let closing: Promise<void> | null = null;
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closing ??= (async () => {
      stopChanges();
      stopWatching();
      await desk.close().catch((err: unknown) => console.error('closing the store failed', err));
      closed = true;
      app.quit();
    })();
  });

  await win.loadURL(APP_ENTRY).catch((err: unknown) => console.error('loading the renderer failed', err));
  console.log(JSON.stringify({ event: 'ready', dataDir: dir })); // a milestone e2e tests wait for
  return { desk, window: win };
}

/** How often to ask the OS whether the network is there (Electron's main process has no event for it). */
export const NETWORK_CHECK_MS = 5_000;

/**
 * Sync starts over at once when the computer wakes up or the network comes back, instead of
 * waiting out its back-off (up to a minute). Returns a function that stops watching.
 */
export function restartSyncWhenBack(desk: App): () => void {
  const restart = () => void desk.sync.restart().catch((err: unknown) => console.error('restarting sync failed', err));
  powerMonitor.on('resume', restart);
  let online = net.isOnline();
  const timer = setInterval(() => {
    const now = net.isOnline();
    if (now && !online) restart();
    online = now;
  }, NETWORK_CHECK_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    powerMonitor.removeListener('resume', restart);
  };
}

// Runs only inside Electron; importing this module in a test starts nothing.
if (process.versions.electron && !process.env.VITEST) {
  main().catch((err: unknown) => {
    dialog.showErrorBox('导医台无法启动', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}
