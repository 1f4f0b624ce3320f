import { randomBytes } from 'node:crypto';
import type { BrowserWindow, BrowserWindowConstructorOptions, Display, Screen } from 'electron';
import type { App } from '../app';
import type { Host, HostOptions } from '../host/server';

/**
 * The waiting-room display (候诊屏) as a second Electron window: kiosk, full screen on the second
 * screen when one is plugged in, closed when it goes. It shows `/display` from a display-only
 * listener of the browser host on 127.0.0.1 (the same masked board, 叫号 and speech as in a browser);
 * that listener's desk secret is random and given to nobody, so it opens nothing of `/api`, and the
 * display's own key travels in the window's URL fragment only.
 */
export interface DisplayDeps {
  desk: App;
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'on' | 'removeListener'>;
  createWindow(options: BrowserWindowConstructorOptions): Pick<BrowserWindow, 'loadURL' | 'close' | 'isDestroyed' | 'on' | 'setMenuBarVisibility'>;
  startHost(options: HostOptions): Promise<Host>;
  staticDir: string;
}

/** The screen the display goes on: any but the primary one (where the desk window is). */
export function secondScreen(displays: readonly Display[], primary: Display): Display | null {
  return displays.find((d) => d.id !== primary.id) ?? null;
}

export function displayWindowOptions(on: Display): BrowserWindowConstructorOptions {
  const { x, y, width, height } = on.bounds;
  return {
    title: '导医台 · 候诊屏',
    x,
    y,
    width,
    height,
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#134e4a',
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false, spellcheck: false },
  };
}

export interface DisplayWindow {
  /** Whether the display window is open now. */
  open(): boolean;
  stop(): Promise<void>;
}

export async function startDisplay(deps: DisplayDeps): Promise<DisplayWindow> {
  const displaySecret = randomBytes(24).toString('base64url');
  let host: Host | null = null;
  let win: ReturnType<DisplayDeps['createWindow']> | null = null;

  const place = async () => {
    const target = secondScreen(deps.screen.getAllDisplays(), deps.screen.getPrimaryDisplay());
    if (!target) {
      if (win && !win.isDestroyed()) win.close();
      win = null;
      return;
    }
    if (win && !win.isDestroyed()) return;
    host ??= await deps.startHost({ app: deps.desk, staticDir: deps.staticDir, secret: randomBytes(24).toString('base64url'), displaySecret, port: 0 });
    const opened = deps.createWindow(displayWindowOptions(target));
    win = opened;
    opened.setMenuBarVisibility(false);
    opened.on('closed', () => {
      if (win === opened) win = null;
    });
    await opened.loadURL(`${host.url}/display#k=${displaySecret}`).catch((err: unknown) => deps.desk.logger.error('display: load failed', err));
    deps.desk.logger.info('display: opened', { screen: target.id });
  };
  // One placement at a time: two screen events in a row must not each start a listener and open a window.
  let placing: Promise<void> = Promise.resolve();
  const replace = () => (placing = placing.then(place).catch((err: unknown) => deps.desk.logger.error('display: failed', err)));
  deps.screen.on('display-added', replace);
  deps.screen.on('display-removed', replace);
  await replace();
  return {
    open: () => !!win && !win.isDestroyed(),
    async stop() {
      deps.screen.removeListener('display-added', replace);
      deps.screen.removeListener('display-removed', replace);
      await placing;
      if (win && !win.isDestroyed()) win.close();
      await host?.close();
    },
  };
}
