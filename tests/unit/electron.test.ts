import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract } from '../../shared/contract';
import { ipcChannels } from '../../shared/operations';
import type { DaoyiBridge } from '../../shared/bridge';
import { startApp, type App } from '../../src-main/app';
import { CONTENT_SECURITY_POLICY } from '../../src-main/host/server';
import { openStore } from '../../src-main/store/store';
import { migrations } from '../../src-main/store/migrations';
import { tempDir } from '../support/app';
import { setupInput } from '../support/factories';
// These import 'electron': vi.mock below is hoisted above them, so they get the fakes.
import { debuggingSwitches, main, NETWORK_CHECK_MS, restartSyncWhenBack, startupErrorMessage } from '../../src-main/electron/main';
import { invokeHandler, registerIpc } from '../../src-main/electron/ipc';
import { folderPickerHandler, registerFolderPicker } from '../../src-main/electron/folderPicker';
import { APP_ENTRY, appScheme, serveRenderer } from '../../src-main/electron/protocol';
import { hardenContents, lockDownSession, windowOptions } from '../../src-main/electron/window';
import { dataDir } from '../../src-main/platform/paths.electron';

/**
 * The Electron binary cannot run here, so 'electron' is a set of small fakes that record what
 * the main process and the preload ask of it. Everything behind them is real: the protocol
 * handler reads real files, the IPC handler calls a real dispatcher on a real store.
 */
type Fn = (...args: never[]) => unknown;

const fake = vi.hoisted(() => {
  type Listener = (...args: never[]) => unknown;
  class Emitter {
    handlers = new Map<string, Listener[]>();
    on(event: string, fn: Listener) {
      this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
      return this;
    }
    once(event: string, fn: Listener) {
      const once = (...args: never[]) => {
        this.removeListener(event, once);
        return fn(...args);
      };
      return this.on(event, once);
    }
    removeListener(event: string, fn: Listener) {
      this.handlers.set(event, (this.handlers.get(event) ?? []).filter((f) => f !== fn));
      return this;
    }
    emit(event: string, ...args: unknown[]) {
      for (const fn of [...(this.handlers.get(event) ?? [])]) (fn as (...a: unknown[]) => unknown)(...args);
    }
    listenerCount(event: string) {
      return this.handlers.get(event)?.length ?? 0;
    }
  }

  class FakeWebContents extends Emitter {
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    sent: [string, unknown][] = [];
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
  }

  const app = Object.assign(new Emitter(), {
    appPath: '',
    userData: '',
    lockGranted: true,
    isPackaged: false,
    commandLine: { hasSwitch: vi.fn((_name: string) => false) },
    whenReady: vi.fn(async () => {}),
    getAppPath: vi.fn(() => app.appPath),
    getPath: vi.fn((_name: string) => app.userData),
    requestSingleInstanceLock: vi.fn(() => app.lockGranted),
    enableSandbox: vi.fn(),
    quit: vi.fn(),
    exit: vi.fn(),
  });

  const windows: FakeWindow[] = [];
  class FakeWindow extends Emitter {
    webContents = new FakeWebContents();
    loaded: string[] = [];
    minimized = false;
    focus = vi.fn();
    restore = vi.fn(() => {
      this.minimized = false;
    });
    show = vi.fn();
    close = vi.fn();
    setMenuBarVisibility = vi.fn();
    constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    isMinimized() {
      return this.minimized;
    }
    isDestroyed() {
      return false;
    }
  }

  const fakeSession = () => ({
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
    protocol: { handle: vi.fn() },
  });

  const ipcRenderer = Object.assign(new Emitter(), { invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, data: 'answer' })) });

  // One screen unless a test plugs in a second (the waiting-room display then opens on it).
  const primaryDisplay = { id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } };
  const screen = Object.assign(new Emitter(), {
    displays: [primaryDisplay] as { id: number; bounds: { x: number; y: number; width: number; height: number } }[],
    getAllDisplays: vi.fn(() => screen.displays),
    getPrimaryDisplay: vi.fn(() => primaryDisplay),
  });

  // electron-updater's autoUpdater as main() sees it: records what it is asked.
  const updater = Object.assign(new Emitter(), {
    autoDownload: true,
    autoInstallOnAppQuit: false,
    allowDowngrade: true,
    channel: null as string | null,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
    downloadUpdate: vi.fn(async () => []),
    quitAndInstall: vi.fn(),
  });

  const electron = {
    app,
    crashReporter: { start: vi.fn() },
    screen,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: fakeSession() },
    shell: { openExternal: vi.fn(async () => {}) },
    dialog: { showErrorBox: vi.fn() },
    Menu: { setApplicationMenu: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer,
    powerMonitor: new Emitter(),
    net: { isOnline: vi.fn(() => true) },
    safeStorage: { isEncryptionAvailable: vi.fn(() => true), encryptString: vi.fn(), decryptString: vi.fn() },
  };

  return {
    electron,
    updater,
    windows,
    FakeWebContents,
    fakeSession,
    reset() {
      vi.clearAllMocks();
      app.handlers.clear();
      ipcRenderer.handlers.clear();
      electron.powerMonitor.handlers.clear();
      screen.handlers.clear();
      screen.displays = [primaryDisplay];
      updater.handlers.clear();
      Object.assign(updater, { autoDownload: true, autoInstallOnAppQuit: false, allowDowngrade: true, channel: null });
      windows.length = 0;
      app.lockGranted = true;
      app.isPackaged = false;
      app.commandLine.hasSwitch.mockImplementation(() => false);
      electron.session.defaultSession = fakeSession();
    },
  };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
vi.mock('electron-updater', () => ({ autoUpdater: fake.updater }));


const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const good = { senderFrame: { url: 'app://desk/index.html' } } as never;
const frame = (url: string | null) => ({ senderFrame: url === null ? null : { url } }) as never;

let cleanups: (() => unknown)[] = [];
beforeEach(() => fake.reset());
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
  delete process.env.DAOYI_DATA_DIR;
});

function dir() {
  const d = tempDir('daoyi-electron-');
  cleanups.push(() => d.remove());
  return d.path;
}

/** An app folder as packaged: dist/renderer with an index and an asset, and a secret next to it. */
function appFolder() {
  const root = dir();
  mkdirSync(join(root, 'dist', 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(root, 'dist', 'renderer', 'index.html'), '<!doctype html><title>导医台</title>');
  writeFileSync(join(root, 'dist', 'renderer', 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'dist', 'secret.txt'), 'TOP SECRET');
  writeFileSync(join(root, 'secret.txt'), 'TOP SECRET');
  return root;
}

/** The desk's data folder for main() (under this test's folder), the app folder faked, the console quiet (`error` too when asked). */
function prepareMain(quietErrors = false) {
  fake.electron.app.appPath = appFolder();
  const data = join(dir(), 'desk');
  process.env.DAOYI_DATA_DIR = data;
  vi.spyOn(console, 'log').mockImplementation(() => {});
  if (quietErrors) vi.spyOn(console, 'error').mockImplementation(() => {});
  return data;
}

/** main(), its display and desk closed after the test. */
async function startMain() {
  const running = await main();
  if (running) cleanups.push(async () => {
    await running.display.stop();
    await running.desk.close().catch(() => {});
  });
  return running;
}

describe('loading the module', () => {
  it('starts nothing when imported outside Electron', () => {
    // The imports above ran main.ts; only main() touches the app.
    expect(fake.electron.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });
});

describe('the window', () => {
  it('follows the security checklist in its webPreferences', () => {
    const options = windowOptions({ preload: '/app/dist/main/preload.cjs', icon: '/app/assets/icon.png' });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options).toMatchObject({ title: '导医台', width: 1366, height: 800, minWidth: 1024, minHeight: 700, icon: '/app/assets/icon.png' });
  });

  it('has no DevTools unless asked for (a development build)', () => {
    const paths = { preload: '/p.cjs', icon: '/i.png' };
    expect(windowOptions(paths).webPreferences!.devTools).toBe(false);
    expect(windowOptions(paths, { devTools: false }).webPreferences!.devTools).toBe(false);
    expect(windowOptions(paths, { devTools: true }).webPreferences!.devTools).toBe(true);
  });
});

describe('navigation and new windows', () => {
  function hardened() {
    const contents = new fake.FakeWebContents();
    hardenContents(contents as never, fake.electron.shell);
    return contents;
  }
  const navigate = (contents: InstanceType<typeof fake.FakeWebContents>, event: string, url: string) => {
    const e = { url, preventDefault: vi.fn() };
    contents.emit(event, e);
    return e.preventDefault.mock.calls.length > 0;
  };

  it('keeps navigation inside app://desk/', () => {
    const contents = hardened();
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(navigate(contents, event, 'app://desk/index.html#/waiting')).toBe(false);
      expect(navigate(contents, event, 'https://evil.example/')).toBe(true);
      expect(navigate(contents, event, 'app://desk.evil.example/')).toBe(true);
      expect(navigate(contents, event, 'file:///etc/passwd')).toBe(true);
      expect(navigate(contents, event, 'http://127.0.0.1:4810/')).toBe(true);
    }
  });

  it('denies every window.open and hands only https links to the browser', async () => {
    const contents = hardened();
    const open = (url: string) => contents.windowOpenHandler!({ url });
    expect(open('https://example.com/help')).toEqual({ action: 'deny' });
    expect(fake.electron.shell.openExternal).toHaveBeenCalledWith('https://example.com/help');
    for (const url of ['http://example.com/', 'file:///C:/Windows/System32/calc.exe', 'smb://server/share', 'javascript:alert(1)', 'app://desk/index.html', 'not a url']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(fake.electron.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('refuses to attach a <webview>', () => {
    const contents = hardened();
    const e = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', e, {}, {});
    expect(e.preventDefault).toHaveBeenCalled();
  });
});

describe('the session', () => {
  it('denies every permission request and check but the camera for the app’s own pages', () => {
    const session = fake.fakeSession();
    lockDownSession(session as never);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, permission: string, callback: (granted: boolean) => void, details?: object) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (wc: unknown, permission: string, origin: string, details?: object) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check(null, permission, 'app://desk')).toBe(false);
    }
    const asked = (details: object, permission = 'media') => {
      const callback = vi.fn();
      request({}, permission, callback, details);
      return callback.mock.calls[0]![0] as boolean;
    };
    expect(asked({ mediaTypes: ['video'], requestingUrl: 'app://desk/index.html' })).toBe(true);
    expect(asked({ mediaTypes: ['video', 'audio'], requestingUrl: 'app://desk/index.html' })).toBe(false);
    expect(asked({ mediaTypes: ['audio'], requestingUrl: 'app://desk/index.html' })).toBe(false);
    expect(asked({ mediaTypes: [], requestingUrl: 'app://desk/index.html' })).toBe(false);
    expect(asked({ mediaTypes: ['video'], requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(asked({ mediaTypes: ['video'], requestingUrl: 'app://desk/' }, 'geolocation')).toBe(false);
    expect(check(null, 'media', 'app://desk', { mediaType: 'video' })).toBe(true);
    expect(check(null, 'media', 'app://desk', { mediaType: 'audio' })).toBe(false);
    expect(check(null, 'media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
  });

  it('adds the CSP to responses without dropping their other headers', () => {
    const session = fake.fakeSession();
    lockDownSession(session as never);
    const listener = session.webRequest.onHeadersReceived.mock.calls[0]![0] as (details: unknown, callback: (r: { responseHeaders: Record<string, string[]> }) => void) => void;
    const callback = vi.fn();
    listener({ url: 'app://desk/', responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
});

describe('the app:// protocol', () => {
  const get = (serve: (r: Request) => Promise<Response>, url: string, init?: RequestInit) => serve(new Request(url, init));

  it('is registered standard and secure, without bypassing the CSP', () => {
    expect(appScheme).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(appScheme.privileges).not.toHaveProperty('bypassCSP', true);
    expect(appScheme.privileges).not.toHaveProperty('corsEnabled', true);
  });

  it('serves index.html and assets with the CSP on every response', async () => {
    const serve = serveRenderer(join(appFolder(), 'dist', 'renderer'));
    for (const url of [APP_ENTRY, 'app://desk/']) {
      const res = await get(serve, url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text()).toContain('<title>导医台</title>');
    }
    const js = await get(serve, 'app://desk/assets/index-abc.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await js.text()).toBe('console.log(1)');
    const missing = await get(serve, 'app://desk/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses path traversal', async () => {
    const serve = serveRenderer(join(appFolder(), 'dist', 'renderer'));
    for (const url of ['app://desk/..%2fsecret.txt', 'app://desk/..%2F..%2Fsecret.txt', 'app://desk/assets/..%2f..%2f..%2fsecret.txt', 'app://desk/%2e%2e%2fsecret.txt', 'app://desk/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd']) {
      const res = await get(serve, url);
      expect(res.status, url).toBe(403);
      expect(await res.text()).not.toContain('TOP SECRET');
    }
    // The URL parser already folds plain `..` (and `%2e%2e`) into the path, so these stay inside the folder.
    for (const url of ['app://desk/../../etc/passwd', 'app://desk/../secret.txt', 'app://desk/%2e%2e/secret.txt']) {
      const res = await get(serve, url);
      expect(res.status, url).toBe(404);
      const text = await res.text();
      expect(text).not.toContain('TOP SECRET');
      expect(text).not.toContain('root:');
    }
    expect((await get(serve, 'app://desk/index.html%00.js')).status).toBe(403);
  });

  it('answers only its own host and only reads', async () => {
    const serve = serveRenderer(join(appFolder(), 'dist', 'renderer'));
    expect((await get(serve, 'app://other/index.html')).status).toBe(404);
    expect((await get(serve, APP_ENTRY, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('IPC', () => {
  let app: App;
  beforeEach(async () => {
    app = await startApp(dir(), { log: () => {} });
    cleanups.push(() => app.close());
  });

  it('registers one handler on the invoke channel', () => {
    const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
    const remove = registerIpc(ipcMain, app);
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
    expect(ipcMain.handle.mock.calls[0]![0]).toBe(ipcChannels.invoke);
    remove();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(ipcChannels.invoke);
  });

  it('refuses calls from any frame but the app’s own pages', async () => {
    const handle = invokeHandler(app);
    for (const sender of [frame('https://evil.example/'), frame('app://desk.evil.example/'), frame('file:///C:/index.html'), frame(''), frame(null), {} as never]) {
      expect(await handle(sender, 'app.status', {}, null)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // Refused before the dispatcher: a forbidden set-up leaves the clinic unset.
    await handle(frame('https://evil.example/'), 'clinic.setup', setupInput(), null);
    expect(await handle(good, 'app.status', {}, null)).toMatchObject({ ok: true, data: { setupDone: false } });
  });

  it('passes a good call through to the dispatcher and returns its envelope', async () => {
    const handle = invokeHandler(app);
    const status = await handle(good, 'app.status', {}, null);
    expect(status).toEqual(await app.dispatcher.invoke('app.status', {}, null));
    expect(status).toMatchObject({ ok: true, data: { setupDone: false, deskId: app.store.deskId } });

    expect(await handle(good, 'clinic.setup', setupInput(), null)).toMatchObject({ ok: true, data: { setupDone: true } });
    expect(await handle(good, 'clinic.setup', setupInput(), null)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await handle(good, 'no.such', {}, null)).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    expect(await handle(good, 'staff.list', { includeInactive: 'yes' }, null)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('accepts a session that is a string or null, nothing else', async () => {
    const handle = invokeHandler(app);
    for (const session of [42, {}, ['s'], undefined]) {
      expect(await handle(good, 'app.status', {}, session)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'session' } });
    }
    expect(await handle(good, 'app.status', {}, 'no-such-session')).toMatchObject({ ok: true });
  });
});

describe('the backup folder dialog (设置 → 本机 选择…)', () => {
  const chosen = (paths: string[], canceled = false) => vi.fn(async () => ({ canceled, filePaths: paths }));
  const parent = { isDestroyed: () => false } as never;

  it('registers on its own channel and removes itself', () => {
    const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
    const remove = registerFolderPicker(ipcMain, { showOpenDialog: chosen([]) } as never, () => null);
    expect(ipcMain.handle.mock.calls.map((c) => c[0])).toEqual([ipcChannels.pickFolder]);
    remove();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(ipcChannels.pickFolder);
  });

  it('opens Windows’ folder dialog over the window, in Chinese, and answers the folder chosen or null', async () => {
    const dialog = { showOpenDialog: chosen(['E:\\导医台备份']) };
    expect(await folderPickerHandler(dialog as never, () => parent)(good)).toBe('E:\\导医台备份');
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(parent, expect.objectContaining({ title: '选择备份文件夹', properties: expect.arrayContaining(['openDirectory', 'createDirectory']) }));
    expect(await folderPickerHandler({ showOpenDialog: chosen([], true) } as never, () => parent)(good)).toBeNull();
  });

  it('shows nothing to a frame that is not the app’s own page', async () => {
    const dialog = { showOpenDialog: chosen(['C:\\']) };
    for (const sender of [frame('https://evil.example/'), frame(null), {} as never]) expect(await folderPickerHandler(dialog as never, () => parent)(sender)).toBeNull();
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });
});

describe('the preload', () => {
  async function loadPreload() {
    vi.resetModules();
    await import('../../src-main/electron/preload');
    expect(fake.electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, bridge] = fake.electron.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, DaoyiBridge & Record<string, unknown>];
    expect(name).toBe('daoyi');
    return bridge;
  }

  it('exposes exactly one function per operation, plus onChange and the folder dialog', async () => {
    const bridge = await loadPreload();
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(contract), 'onChange', 'pickFolder'].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('never exposes ipcRenderer', async () => {
    const bridge = await loadPreload();
    const seen = new Set<unknown>();
    const walk = (value: unknown): void => {
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return;
      expect(value).not.toBe(fake.electron.ipcRenderer);
      expect(value).not.toBe(fake.electron.ipcRenderer.invoke);
      seen.add(value);
      for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key]);
    };
    walk(bridge);
    expect(bridge).not.toHaveProperty('ipcRenderer');
    expect(bridge).not.toHaveProperty('invoke');
  });

  it('asks for the folder dialog on its own channel, with nothing the page could choose', async () => {
    const bridge = await loadPreload();
    await bridge.pickFolder();
    expect(fake.electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(ipcChannels.pickFolder);
  });

  it('sends each call on the invoke channel under its own name', async () => {
    const bridge = await loadPreload();
    expect(await bridge['staff.list']({ includeInactive: true }, 'session-1')).toEqual({ ok: true, data: 'answer' });
    expect(fake.electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(ipcChannels.invoke, 'staff.list', { includeInactive: true }, 'session-1');
    await bridge['desk.waitingList']({}, null);
    expect(fake.electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(ipcChannels.invoke, 'desk.waitingList', {}, null);
  });

  it('relays change events without the IPC event, and unsubscribes', async () => {
    const bridge = await loadPreload();
    const listener = vi.fn();
    const stop = bridge.onChange(listener);
    const ipcEvent = { sender: fake.electron.ipcRenderer, senderFrame: null };
    fake.electron.ipcRenderer.emit(ipcChannels.changes, ipcEvent, { types: ['visit'] });
    expect(listener.mock.calls).toEqual([[{ types: ['visit'] }]]);
    stop();
    expect(fake.electron.ipcRenderer.listenerCount(ipcChannels.changes)).toBe(0);
    fake.electron.ipcRenderer.emit(ipcChannels.changes, ipcEvent, { types: ['customer'] });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('bundles to one file that requires only electron (no schemas, no zod)', async () => {
    const result = await build({ entryPoints: [join(repo, 'src-main/electron/preload.ts')], bundle: true, platform: 'node', format: 'cjs', external: ['electron'], write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs).map((p) => p.replace(/\\/g, '/'));
    // The operation-name lists only (shared/operations.ts and each domain's shared/<domain>/operations.ts).
    const unexpected = inputs.filter((p) => p !== 'src-main/electron/preload.ts' && !/^shared\/([a-z]+\/)?operations\.ts$/.test(p));
    expect(unexpected).toEqual([]);
    expect(inputs).toContain('shared/operations.ts');
    const requires = [...result.outputFiles[0]!.text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
  });
});

describe('paths', () => {
  it('keeps the store under userData, unless DAOYI_DATA_DIR says otherwise', () => {
    fake.electron.app.userData = '/users/desk/AppData/Roaming/导医台';
    expect(dataDir()).toBe(join('/users/desk/AppData/Roaming/导医台', 'desk'));
    process.env.DAOYI_DATA_DIR = 'some/where';
    expect(dataDir()).toBe(resolve('some/where'));
  });
});

describe('main()', () => {
  const prepare = () => prepareMain();
  const start = startMain;

  it('opens one secure window on app://desk/ and wires IPC, changes and permissions', async () => {
    prepare();
    const running = await start();
    expect(running).not.toBeNull();
    const { electron } = fake;

    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([appScheme]);
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.loaded).toEqual(['app://desk/index.html']);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    const preload = String(win.options.webPreferences!.preload);
    expect(isAbsolute(preload)).toBe(true);
    expect(preload).toBe(join(repo, 'src-main', 'electron', 'preload.cjs')); // next to main; dist/main in the bundle
    expect(win.options.icon).toBe(join(electron.app.appPath, 'assets', 'icon.png'));
    expect(win.webContents.windowOpenHandler).not.toBeNull(); // hardened through web-contents-created

    // The renderer is served from the app folder, with the CSP.
    const [scheme, handler] = electron.session.defaultSession.protocol.handle.mock.calls[0]! as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const page = await handler(new Request('app://desk/index.html'));
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await handler(new Request('app://desk/..%2f..%2fsecret.txt'))).status).toBe(403);
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled();

    // A call through IPC reaches the real store, and the change comes back to the window.
    const [channel, invoke] = electron.ipcMain.handle.mock.calls[0]! as unknown as [string, Fn];
    expect(channel).toBe(ipcChannels.invoke);
    const call = invoke as (event: never, operation: unknown, input: unknown, session: unknown) => Promise<unknown>;
    expect(await call(frame('https://evil.example/'), 'clinic.setup', setupInput(), null)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(good, 'clinic.setup', setupInput(), null)).toMatchObject({ ok: true, data: { setupDone: true } });
    await vi.waitFor(() => expect(win.webContents.sent.some(([c]) => c === ipcChannels.changes)).toBe(true));
    const [, change] = win.webContents.sent.find(([c]) => c === ipcChannels.changes)!;
    expect((change as { types: string[] }).types.length).toBeGreaterThan(0);

    expect(console.log).toHaveBeenCalledWith(expect.stringContaining('"event":"ready"'));
  });

  it('focuses the first window when the app is launched again', async () => {
    prepare();
    await start();
    const win = fake.windows[0]!;
    win.minimized = true;
    fake.electron.app.emit('second-instance', {}, [], '');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('closes the store before quitting', async () => {
    prepare();
    const { desk } = (await start())!;
    const close = vi.spyOn(desk, 'close');
    const quitting = { preventDefault: vi.fn() };
    fake.electron.app.emit('will-quit', quitting);
    expect(quitting.preventDefault).toHaveBeenCalled(); // held until the store is closed
    expect(fake.electron.app.quit).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.electron.app.quit).toHaveBeenCalled());
    expect(close).toHaveBeenCalledTimes(1);
    expect((desk.store.db as unknown as { _closed?: boolean })._closed).toBe(true); // PouchDB's own flag
    // Once closed, the next will-quit goes through.
    const second = { preventDefault: vi.fn() };
    fake.electron.app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('starts sync over when the computer wakes up or the network comes back, and stops watching on quit', async () => {
    prepare();
    const { desk } = (await start())!;
    const restart = vi.spyOn(desk.sync, 'restart');
    fake.electron.powerMonitor.emit('resume');
    expect(restart).toHaveBeenCalledTimes(1);
    fake.electron.app.emit('will-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(fake.electron.app.quit).toHaveBeenCalled());
    expect(fake.electron.powerMonitor.listenerCount('resume')).toBe(0);
  });

  it('restarts sync once when the network goes and comes back', async () => {
    vi.useFakeTimers();
    cleanups.push(() => vi.useRealTimers());
    const sync = { restart: vi.fn(async () => {}) };
    const stop = restartSyncWhenBack({ sync } as unknown as App);
    cleanups.push(stop);
    const online = fake.electron.net.isOnline;
    online.mockReturnValue(false);
    vi.advanceTimersByTime(NETWORK_CHECK_MS);
    expect(sync.restart).not.toHaveBeenCalled();
    online.mockReturnValue(true);
    vi.advanceTimersByTime(NETWORK_CHECK_MS);
    vi.advanceTimersByTime(NETWORK_CHECK_MS);
    expect(sync.restart).toHaveBeenCalledTimes(1);
  });

  it('leaves at once when another instance holds the lock', async () => {
    const data = prepare();
    fake.electron.app.lockGranted = false;
    expect(await start()).toBeNull();
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
    expect(existsSync(data)).toBe(false); // the store was never touched
  });

  it('explains in Chinese and quits when the store was written by a newer version', async () => {
    const data = prepare();
    const future = await openStore(data, { migrations: [...migrations, { version: 99, name: 'from the future', up: async () => {} }] });
    await future.close();

    expect(await start()).toBeNull();
    expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, message] = fake.electron.dialog.showErrorBox.mock.calls[0]! as [string, string];
    expect(title).toBe('导医台无法启动');
    expect(message).toContain('更新版本');
    expect(message).toContain('99');
    expect(message).toContain(data);
    expect(fake.electron.app.exit).toHaveBeenCalledWith(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.electron.ipcMain.handle).not.toHaveBeenCalled();
  });
});

describe('debugging switches (issue 23: a desk user started the app with a debugging port)', () => {
  const exe = 'C:\\Program Files\\导医台\\导医台.exe';

  it('names every switch that opens the app to a debugger or changes V8, however it is spelt', () => {
    const refused = [
      '--remote-debugging-port=9222',
      '--remote-debugging-port',
      '--remote-debugging-pipe',
      '--remote-debugging-address=0.0.0.0',
      '--inspect',
      '--inspect=9229',
      '--inspect=0.0.0.0:9229',
      '--inspect-brk',
      '--inspect-brk=9229',
      '--inspect-port=9229',
      '--inspect-wait',
      '--inspect-publish-uid=http',
      '--debug',
      '--debug-brk',
      '--js-flags=--allow-natives-syntax',
      '--auto-open-devtools-for-tabs',
      '-remote-debugging-port=9222', // Chromium takes one dash
      '/remote-debugging-port=9222', // and, on Windows, a slash
      '--REMOTE-DEBUGGING-PORT=9222', // and, on Windows, any case
      '--Inspect',
    ];
    for (const arg of refused) expect(debuggingSwitches([exe, arg]), arg).toEqual([arg]);
    expect(debuggingSwitches([exe, '--lang=zh-CN', '--remote-debugging-port', '9222', '--inspect'])).toEqual(['--remote-debugging-port', '--inspect']);
  });

  it('leaves alone what only looks like one', () => {
    for (const arg of ['--lang=zh-CN', 'C:\\Users\\inspect', 'D:\\inspect-brk.txt', '--inspector', '--js-flag', '--debugger', '--remote-debugging', 'inspect', '.']) {
      expect(debuggingSwitches([exe, arg]), arg).toEqual([]);
    }
  });
});

describe('main() in a packaged build', () => {
  const argv = process.argv;
  afterEach(() => {
    process.argv = argv;
  });

  const prepare = () => prepareMain(true);
  const start = startMain;

  it('turns DevTools and the developer menu off', async () => {
    prepare();
    fake.electron.app.isPackaged = true;
    expect(await start()).not.toBeNull();
    expect(fake.windows[0]!.options.webPreferences).toMatchObject({ devTools: false });
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('keeps crash dumps on this PC: the crash reporter starts with no upload, before the store opens', async () => {
    prepare();
    expect(await start()).not.toBeNull();
    expect(fake.electron.crashReporter.start).toHaveBeenCalledWith(expect.objectContaining({ uploadToServer: false }));
  });

  it('a packaged build takes its updates from head office, downloading only after its own check and installing on quit; a development build does not', async () => {
    prepare();
    expect(await start()).not.toBeNull();
    expect(fake.updater.autoInstallOnAppQuit).toBe(false); // `electron .`: the updater is left alone
    fake.reset();
    prepare();
    fake.electron.app.isPackaged = true;
    expect(await start()).not.toBeNull();
    expect(fake.updater).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: true, allowDowngrade: false });
    expect(fake.updater.setFeedURL).not.toHaveBeenCalled(); // no feed address from head office yet
  });

  it('opens the waiting-room display full screen on a second screen, and no window without one', async () => {
    prepare();
    expect(await start()).not.toBeNull();
    expect(fake.windows).toHaveLength(1); // the desk alone
    fake.reset();
    prepare();
    fake.electron.screen.displays = [...fake.electron.screen.displays, { id: 2, bounds: { x: 1366, y: 0, width: 1920, height: 1080 } }];
    const running = await start();
    expect(running).not.toBeNull();
    const display = fake.windows.find((w) => w.options.kiosk);
    expect(display?.options).toMatchObject({ kiosk: true, x: 1366, y: 0, width: 1920, height: 1080 });
    expect(display?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
    expect(display?.options.webPreferences).not.toHaveProperty('preload'); // no bridge: it cannot call the contract
    const url = new URL(display!.loaded[0]!);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/display');
    const key = new URLSearchParams(url.hash.slice(1)).get('k');
    // The same masked board the browser's /display reads, with the window's own key, and nothing of /api.
    const board = await fetch(new URL('/display-api/board', url), { headers: { Authorization: `Bearer ${key}` } });
    expect(board.status).toBe(200);
    expect((await board.json()).ok).toBe(true);
    expect((await fetch(new URL('/api/invoke', url), { method: 'POST', headers: { Authorization: `Bearer ${key}` }, body: '{}' })).status).toBe(401);
    // The second screen unplugged: the display closes.
    fake.electron.screen.displays = fake.electron.screen.displays.slice(0, 1);
    fake.electron.screen.emit('display-removed');
    await vi.waitFor(() => expect(display!.close).toHaveBeenCalled());
  });

  it('keeps DevTools in a development build (electron .)', async () => {
    prepare();
    expect(await start()).not.toBeNull();
    expect(fake.windows[0]!.options.webPreferences).toMatchObject({ devTools: true });
  });

  it('refuses to start with a debugging switch, says why, and never opens the store', async () => {
    for (const arg of ['--remote-debugging-port=9222', '--remote-debugging-pipe', '--inspect', '--inspect-brk=9229', '--js-flags=--expose-gc']) {
      fake.reset();
      const data = prepare();
      fake.electron.app.isPackaged = true;
      process.argv = [...argv, arg];
      expect(await start(), arg).toBeNull();
      expect(fake.electron.dialog.showErrorBox).toHaveBeenCalledTimes(1);
      const [title, message] = fake.electron.dialog.showErrorBox.mock.calls[0]! as [string, string];
      expect(title).toBe('导医台无法启动');
      expect(message).toContain(arg);
      expect(message).toContain('调试');
      expect(fake.electron.app.exit).toHaveBeenCalledWith(1);
      expect(fake.windows).toHaveLength(0);
      expect(fake.electron.ipcMain.handle).not.toHaveBeenCalled();
      expect(fake.electron.app.requestSingleInstanceLock).not.toHaveBeenCalled();
      expect(existsSync(data), arg).toBe(false);
    }
  });

  it('refuses a switch Chromium parsed from elsewhere too', async () => {
    prepare();
    fake.electron.app.isPackaged = true;
    fake.electron.app.commandLine.hasSwitch.mockImplementation((name: string) => name === 'remote-debugging-port');
    expect(await start()).toBeNull();
    expect(fake.electron.dialog.showErrorBox.mock.calls[0]![1]).toContain('--remote-debugging-port');
    expect(fake.windows).toHaveLength(0);
  });

  it('lets a development build be debugged', async () => {
    prepare();
    process.argv = [...argv, '--inspect=9229', '--remote-debugging-port=9222'];
    expect(await start()).not.toBeNull();
    expect(fake.electron.dialog.showErrorBox).not.toHaveBeenCalled();
  });
});

describe('start-up messages', () => {
  it('names a locked data directory', () => {
    for (const message of ['IO error: lock /tmp/x/desk/LOCK: Resource temporarily unavailable', 'IO error: LockFile C:\\data\\desk\\LOCK: 另一个程序正在使用此文件，进程无法访问。']) {
      expect(startupErrorMessage(new Error(message), '/data')).toContain('正被另一个程序使用');
    }
    expect(startupErrorMessage(new Error('disk full'), '/data')).toMatch(/^无法打开数据：disk full[\s\S]*\/data$/);
  });
});
