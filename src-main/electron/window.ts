import type { BrowserWindowConstructorOptions, Session, Shell, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../host/server';
import { isAppUrl } from './protocol';

/**
 * The desk window and the rules every web contents lives by. Each setting answers an item of
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security);
 * the numbers in the comments are the checklist's.
 */
export function windowOptions(paths: { preload: string; icon: string }, options: { devTools?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    title: '导医台',
    width: 1366,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    icon: paths.icon,
    show: false, // shown on 'ready-to-show': no white flash
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true, // 3
      sandbox: true, // 4
      nodeIntegration: false, // 2
      nodeIntegrationInWorker: false, // 2
      nodeIntegrationInSubFrames: false, // 2
      webSecurity: true, // 6
      allowRunningInsecureContent: false, // 8
      experimentalFeatures: false, // 9 (and no enableBlinkFeatures: 10)
      webviewTag: false, // 11, 12
      navigateOnDragDrop: false, // a file dropped on the window must not replace the app
      spellcheck: false, // off: on some systems it fetches dictionaries from the internet
      // Off unless asked for (`electron .` in development): with DevTools a desk user could script
      // `window.daoyi.*` as whoever is signed in (issue 23).
      devTools: options.devTools ?? false,
    },
  };
}

/** 13, 14, 15, 12: no navigation away from the app, no new windows, no <webview>. */
export function hardenContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  const stayInApp = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.setWindowOpenHandler(({ url }) => {
    // A link to a web page (e.g. the vendor's help) opens in the user's browser; only https,
    // never file:, smb: or custom schemes that could launch programs.
    if (isHttps(url)) void shell.openExternal(url).catch(() => {});
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** 5 and 7: deny every permission but the app's camera; put the CSP on every response the session sees. */
export function lockDownSession(session: Session): void {
  // Everything is denied but the camera for the app's own pages (photos at inspections, issue 6):
  // 'media' with video only — never the microphone — requested by an app:// page.
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = details as { mediaTypes?: string[]; requestingUrl?: string } | undefined;
    const cameraOnly = !!media?.mediaTypes?.length && media.mediaTypes.every((t) => t === 'video');
    callback(permission === 'media' && cameraOnly && isAppUrl(media?.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, origin, details) => {
    const media = details as { mediaType?: string } | undefined;
    return permission === 'media' && media?.mediaType === 'video' && isAppUrl(`${origin}/`);
  });
  // Defence in depth: the app:// handler sets the CSP itself; this covers anything else loaded.
  session.webRequest.onHeadersReceived((details, callback) => {
    // Added, never replacing: several policies all apply, so this can only tighten.
    const headers = { ...details.responseHeaders };
    headers['Content-Security-Policy'] = [...(headers['Content-Security-Policy'] ?? []), CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}
