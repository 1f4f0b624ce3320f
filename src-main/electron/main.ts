import { join } from 'node:path';
import { app, BrowserWindow, crashReporter, dialog, ipcMain, Menu, net, powerMonitor, protocol, screen, session, shell } from 'electron';
import { autoUpdater } from 'electron-updater';
import { ipcChannels } from '../../shared/operations';
import { startApp, type App } from '../app';
import { dataDir } from '../platform/paths.electron';
import { electronSecretStore } from '../platform/secrets.electron';
import { startupErrorMessage } from '../store/health';
import { registerIpc } from './ipc';
import { registerFolderPicker } from './folderPicker';
import { logUncaught } from '../fleet/log';
import { askBeforeClosing } from './closeGuard';
import { APP_ENTRY, APP_SCHEME, appScheme, serveRenderer } from './protocol';
import { hardenContents, lockDownSession, windowOptions } from './window';
import { startUpdates } from './updater';
import { startDisplay, type DisplayWindow } from './display';
import { startHost } from '../host/server';

/**
 * The Electron entry: the same composition root as the browser host (`startApp`), carried over
 * IPC instead of HTTP. Kept thin; the parts live in protocol.ts, window.ts and ipc.ts.
 */
export interface Running {
  desk: App;
  window: BrowserWindow;
  /** The waiting-room display on a second screen (closed with the app). */
  display: DisplayWindow;
}

export { startupErrorMessage };

/**
 * Command-line switches that open the app to a debugger or change how V8 runs it: Chromium's
 * remote debugging (a port or a pipe any local program can drive), Node's inspector, V8 flags.
 * With any of them a desk user could script `window.daoyi.*` as whoever is signed in. Chromium
 * also takes `-switch` and, on Windows, `/switch` in any case, so those spellings count too.
 */
export const DEBUGGING_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-debugging-io-pipes',
  'auto-open-devtools-for-tabs',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-wait',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'debug-port',
  'js-flags',
] as const;

/** The arguments (after the program itself) that are debugging switches, as given. */
export function debuggingSwitches(argv: readonly string[]): string[] {
  return argv.slice(1).filter((arg) => {
    const m = /^(?:--|-|\/)([a-z-]+)(?:=|$)/i.exec(arg);
    return !!m && (DEBUGGING_SWITCHES as readonly string[]).includes(m[1]!.toLowerCase());
  });
}

/**
 * The switches a packaged build refuses to start with: those on its command line, and those
 * Chromium itself parsed (`app.commandLine`). A development build (`electron .`) may be debugged.
 */
function refusedSwitches(): string[] {
  if (!app.isPackaged) return [];
  const given = debuggingSwitches(process.argv);
  return given.length ? given : DEBUGGING_SWITCHES.filter((name) => app.commandLine.hasSwitch(name)).map((name) => `--${name}`);
}

export function debuggingRefusedMessage(switches: readonly string[]): string {
  return `导医台不能以调试方式启动（命令行中有 ${switches.join(' ')}）。请从桌面或开始菜单的快捷方式打开导医台。`;
}

export async function main(): Promise<Running | null> {
  // First of all, before the store or a window: a packaged build started for debugging leaves.
  const debugging = refusedSwitches();
  if (debugging.length) {
    console.error(JSON.stringify({ event: 'refused', reason: 'debugging switches', switches: debugging }));
    dialog.showErrorBox('导医台无法启动', debuggingRefusedMessage(debugging));
    app.exit(1);
    return null;
  }

  // Crash dumps stay on this PC (`crashDumps` in the user data folder): IT collects them with the
  // diagnostics package; nothing is uploaded anywhere.
  crashReporter.start({ uploadToServer: false, compress: true });

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

  const stopLogging = logUncaught(desk.logger, { rejections: true });
  lockDownSession(session.defaultSession);
  session.defaultSession.protocol.handle(APP_SCHEME, serveRenderer(join(app.getAppPath(), 'dist', 'renderer')));
  let lastActivity: Date | null = null;
  registerIpc(ipcMain, desk, () => (lastActivity = new Date()));
  registerFolderPicker(ipcMain, dialog, () => window);
  // The default menu (File/Edit/View, in English, with reload and dev tools) is for developers.
  if (app.isPackaged) Menu.setApplicationMenu(null);

  const win = new BrowserWindow(windowOptions({ preload: join(__dirname, 'preload.cjs'), icon: join(app.getAppPath(), 'assets', 'icon.png') }, { devTools: !app.isPackaged }));
  window = win;
  win.once('ready-to-show', () => win.show());
  const stopChanges = desk.onChange((event) => {
    if (!win.isDestroyed()) win.webContents.send(ipcChannels.changes, event);
  });

  const stopWatching = restartSyncWhenBack(desk);
  reloadWhenRendererGone(win, desk);
  askBeforeClosing(win, desk, dialog);
  // A packaged build updates itself from head office's feed; `electron .` in development does not.
  const updates = app.isPackaged ? startUpdates({ desk, updater: autoUpdater, lastActivity: () => lastActivity }) : null;
  const display = await startDisplay({
    desk,
    screen,
    createWindow: (options) => new BrowserWindow(options),
    startHost,
    staticDir: join(app.getAppPath(), 'dist', 'renderer'),
  });

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
      stopLogging();
      updates?.stop();
      await display.stop().catch((err: unknown) => console.error('closing the display failed', err));
      await desk.close().catch((err: unknown) => console.error('closing the store failed', err));
      closed = true;
      app.quit();
    })();
  });

  await win.loadURL(APP_ENTRY).catch((err: unknown) => console.error('loading the renderer failed', err));
  console.log(JSON.stringify({ event: 'ready', dataDir: dir })); // a milestone e2e tests wait for
  return { desk, window: win, display };
}

/**
 * The renderer crashed or was killed (`render-process-gone`): logged, and the window loads the app
 * again, so the desk is back without a person restarting it (drafts survive in the renderer's store).
 */
export function reloadWhenRendererGone(win: BrowserWindow, desk: App): void {
  win.webContents.on('render-process-gone', (_event, details) => {
    desk.logger.error('renderer: gone', new Error(details.reason), { exitCode: details.exitCode });
    if (win.isDestroyed() || details.reason === 'clean-exit') return;
    win.webContents.once('did-finish-load', () => {
      void win.webContents.executeJavaScript(`console.warn(${JSON.stringify('导医台界面意外退出，已重新载入。')})`).catch(() => {});
    });
    win.loadURL(APP_ENTRY).catch((err: unknown) => desk.logger.error('renderer: reload failed', err));
  });
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
