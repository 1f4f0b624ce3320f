import { readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../host/server';
import { bytes } from '../util/bytes';
import { contentType } from '../util/mime';

/**
 * The renderer is served from `app://desk/`, a custom scheme, never from file:// (Electron
 * security checklist, item 18): file:// pages may read any file on the disk, and each file is
 * its own origin, so the CSP's 'self' would mean nothing.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * `standard` gives the scheme real origins and relative URLs (Vite's `./assets/…`); `secure`
 * makes it a secure context. Not `bypassCSP`, and not `corsEnabled` (which would let other
 * origins read these files); same-origin module scripts load without it.
 */
export const appScheme: CustomScheme = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } };

/** True for URLs of the app's own pages: the only ones that may navigate, or call the main process. */
export function isAppUrl(url: string | undefined | null): boolean {
  return typeof url === 'string' && url.startsWith(`${APP_ORIGIN}/`);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY } });
}

/**
 * The `protocol.handle` handler for `app://desk/…`: files of the built renderer and nothing
 * else. Paths that leave `rendererDir` (`..`, encoded slashes, NUL) are refused with 403; `/` is
 * index.html. No fallback to index.html for unknown paths: the renderer routes by state, not by URL.
 */
export function serveRenderer(rendererDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir);
  return async (request) => {
    const url = new URL(request.url);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return plain(400, 'bad path');
    }
    const candidate = resolve(join(root, path));
    if (path.includes('\0') || (candidate !== root && !candidate.startsWith(root + sep))) return plain(403, 'forbidden');

    const file = candidate === root ? join(root, 'index.html') : candidate;
    const info = await stat(file).catch(() => null);
    const body = info?.isFile() ? await readFile(file).catch(() => null) : null;
    if (!body) return plain(404, 'not found');
    return new Response(request.method === 'HEAD' ? null : (bytes(body) as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: {
        'Content-Type': contentType(file),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
      },
    });
  };
}
