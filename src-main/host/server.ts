import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { bytes } from '../util/bytes';
import { MAX_INPUT_BYTES } from '../api/dispatch';
import type { App } from '../app';
import type { ApiErrorBody, ErrorCode } from '../../shared/errors';
import { contentType } from '../util/mime';
import { displayBoard, displayTypes } from '../visits/display';

/**
 * The browser host: the same handlers as Electron's IPC, over HTTP on 127.0.0.1 only.
 *
 * - Static files (the built renderer) are public: they hold no data.
 * - Every /api call needs the per-run secret as `Authorization: Bearer …`. Another page in the
 *   same browser cannot read it (it lives in this origin's sessionStorage) and cannot send the
 *   header cross-origin without a CORS preflight, which this host never grants.
 * - The Host header must name this loopback address, which defeats DNS rebinding.
 */
export interface HostOptions {
  app: App;
  staticDir: string;
  secret: string;
  /**
   * The waiting-room display's own token (`/display#k=<token>`): it opens `/display-api/*` only,
   * which answers masked names and departments, and nothing else. The desk secret does not open
   * the display API, and the display token opens nothing of /api.
   */
  displaySecret?: string;
  port?: number;
  /** Clinic clock for "today" on the display (tests pin it). */
  now?: () => Date;
}

export interface Host {
  url: string;
  port: number;
  close(): Promise<void>;
}

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unknown_operation: 404,
  not_signed_in: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  too_large: 413,
  unauthorized: 401,
  internal: 500,
};

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(res: ServerResponse) {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: ApiErrorBody) {
  sendJson(res, STATUS[error.code], { ok: false, error });
}

function secretMatches(header: string | undefined, secret: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const wanted = Buffer.from(secret);
  return given.length === wanted.length && timingSafeEqual(bytes(given), bytes(wanted));
}

/** Reads the body as UTF-8 up to the limit (in bytes); past it, stops reading and answers 413. */
function readBody(req: IncomingMessage, limit: number): Promise<string | 'too_large'> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return resolveBody('too_large');
    let body = '';
    let size = 0;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      size += Buffer.byteLength(chunk);
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolveBody('too_large');
      } else body += chunk;
    });
    req.on('end', () => size <= limit && resolveBody(body));
    req.on('error', reject);
  });
}

/** A raw path that climbs (`..`, plain or %-encoded) or holds a NUL: a probe, since browsers never send one. */
function isProbe(rawUrl: string): boolean {
  const rawPath = rawUrl.split(/[?#]/)[0] ?? '';
  try {
    const decoded = decodeURIComponent(rawPath);
    return decoded.includes('\0') || decoded.split(/[/\\]/).includes('..');
  } catch {
    return true;
  }
}

export async function startHost({ app, staticDir, secret, displaySecret, port = 0, now = () => new Date() }: HostOptions): Promise<Host> {
  const root = resolve(staticDir);
  let allowedHosts: Set<string> = new Set();

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'method not allowed' } });
    // `pathname` comes with `..` (even `%2e%2e`) already resolved, which would turn a probe into the
    // SPA fallback below; judge the raw path instead.
    if (isProbe(req.url ?? '/')) return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'not found' } });
    const decoded = (() => {
      try {
        return decodeURIComponent(pathname);
      } catch {
        return null;
      }
    })();
    const candidate = decoded === null ? null : normalize(join(root, decoded));
    // Anything outside the renderer folder (../ tricks, NUL bytes) is simply not found.
    const inside = candidate !== null && !candidate.includes('\0') && (candidate === root || candidate.startsWith(root + sep));
    let file = inside ? candidate : null;
    if (file) {
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) file = extname(decoded ?? '') ? null : join(root, 'index.html');
    }
    if (!file) return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'not found' } });
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': contentType(file),
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function serveEvents(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const stop = app.onChange((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.on('close', () => {
      stop();
      clearInterval(ping);
    });
  }

  /** The waiting-room screen: GET only, its own token, masked rows; `events` streams the board on each change. */
  async function serveDisplay(req: IncomingMessage, res: ServerResponse, what: string) {
    if (!displaySecret || !secretMatches(req.headers.authorization, displaySecret)) {
      return sendError(res, { code: 'unauthorized', message: 'missing or wrong display key: open the display address the host printed' });
    }
    if (req.method !== 'GET') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'use GET' } });
    if (what === 'board') return sendJson(res, 200, { ok: true, data: await displayBoard(app.store.db, now()) });
    if (what !== 'events') return sendError(res, { code: 'not_found', message: 'not found' });
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    let last = '';
    let closed = false;
    const push = async () => {
      const board = JSON.stringify(await displayBoard(app.store.db, now()));
      if (!closed && board !== last) {
        last = board;
        res.write(`data: ${board}\n\n`);
      }
    };
    const stop = app.onChange((event) => {
      if (event.types.some((t) => displayTypes.includes(t))) push().catch(() => {});
    });
    // The day turns at midnight and waits end without a document changing here: look again each minute.
    const tick = setInterval(() => {
      push().catch(() => {});
      res.write(': ping\n\n');
    }, 60_000);
    req.on('close', () => {
      closed = true;
      stop();
      clearInterval(tick);
    });
    await push();
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, operation: string) {
    if (!secretMatches(req.headers.authorization, secret)) {
      return sendError(res, { code: 'unauthorized', message: 'missing or wrong desk secret: open the app from the address the host printed' });
    }
    if (operation === 'events' && req.method === 'GET') return serveEvents(req, res);
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'invalid_input', message: 'use POST' } });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendError(res, { code: 'invalid_input', message: 'the body must be application/json' });
    }
    const body = await readBody(req, MAX_INPUT_BYTES);
    if (body === 'too_large') return sendError(res, { code: 'too_large', message: `the body is over ${MAX_INPUT_BYTES} bytes` });
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body) : {};
    } catch {
      return sendError(res, { code: 'invalid_input', field: '', message: 'the body is not valid JSON' });
    }
    const session = req.headers['x-daoyi-session'];
    const result = await app.dispatcher.invoke(operation, input, typeof session === 'string' ? session : null);
    if (result.ok) sendJson(res, 200, result);
    else sendError(res, result.error);
  }

  const server = createServer((req, res) => {
    securityHeaders(res);
    if (!allowedHosts.has(req.headers.host ?? '')) {
      return sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: 'wrong Host header' } });
    }
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const handle = pathname.startsWith('/api/')
      ? serveApi(req, res, pathname.slice(5))
      : pathname.startsWith('/display-api/')
        ? serveDisplay(req, res, pathname.slice('/display-api/'.length))
        : serveStatic(req, res, pathname);
    handle.catch((err: unknown) => {
      console.error('browser host error', err);
      if (!res.headersSent) sendError(res, { code: 'internal', message: 'internal error' });
      else res.end();
    });
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  const actualPort = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${actualPort}`, `localhost:${actualPort}`]);
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
