import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { bytes } from '../util/bytes';
import { inputLimit } from '../api/dispatch';
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
 * - A request from another origin is refused even with the secret (its `Origin`, or the browser's
 *   `Sec-Fetch-Site`), as defence in depth; only a top-level navigation to a page may come from elsewhere.
 * - Nothing a caller sends can end the process: a malformed target is a 400, a request the HTTP
 *   parser refuses is a 4xx, a handler that fails is a 500 (logged), and sockets and event
 *   streams are capped and timed out (`HostLimits`).
 */
export interface HostLimits {
  /**
   * Open sockets at most. A newcomer past it takes the place of the oldest idle socket (one with
   * no request in progress: silent, half-sent headers, or kept alive after its answer); if every
   * socket is busy, the newcomer is closed. Keeps the process under its descriptor limit.
   */
  maxConnections: number;
  /** Open event streams (/api/events and /display-api/events together); past it, 503. */
  maxEventStreams: number;
  /** A request's headers must have arrived this long after it began (also a socket that says nothing). */
  headersTimeoutMs: number;
  /** The whole request, headers and body, within this. */
  requestTimeoutMs: number;
  /** A kept-alive socket with no next request is closed after this. */
  keepAliveTimeoutMs: number;
  /** How often the two request timeouts are checked. */
  checkIntervalMs: number;
}

/**
 * One desk PC: a browser opens at most 6 connections to a host, plus a stream per tab and one per
 * waiting-room screen. 256 sockets leave a process under `ulimit -n 1024` room for the store's files.
 */
export const DEFAULT_HOST_LIMITS: Readonly<HostLimits> = Object.freeze({
  maxConnections: 256,
  maxEventStreams: 32,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
});

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
  /** Caps and timeouts; tests use small ones. */
  limits?: Partial<HostLimits>;
  /** Serve `*.map` files: a debugging build only (`DAOYI_SOURCEMAP=1`). Off, they are not found. */
  serveSourceMaps?: boolean;
}

export interface Host {
  url: string;
  port: number;
  /** The caps and timeouts in force. */
  limits: Readonly<HostLimits>;
  /** Open sockets and event streams now (what the caps count). */
  stats(): { sockets: number; eventStreams: number };
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
  unavailable: 503,
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

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  // The caller may have gone, or a stream already started: nothing more to say then.
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/** The one refusal shape for answers that are not the dispatcher's (bad target, other origin, caps). */
function refuse(res: ServerResponse, status: number, code: ErrorCode, message: string, headers?: Record<string, string>) {
  sendJson(res, status, { ok: false, error: { code, message } }, headers);
}

function sendError(res: ServerResponse, error: ApiErrorBody) {
  sendJson(res, STATUS[error.code], { ok: false, error });
}

function secretMatches(header: string | undefined, secret: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const wanted = Buffer.from(secret);
  return given.length === wanted.length && timingSafeEqual(bytes(given), bytes(wanted));
}

/**
 * Reads the body as UTF-8 up to the limit (in bytes); past it, stops reading (the caller answers
 * 413). A caller that goes away mid-body, or a body the parser refuses, is `gone`: not an error
 * of the host's, and there is no one left to answer.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | 'too_large' | 'gone'> {
  return new Promise((resolveBody) => {
    // Node's parser has already refused a Content-Length that is not a plain number.
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return resolveBody('too_large');
    const chunks: Uint8Array[] = [];
    let size = 0;
    let done = false;
    const settle = (value: string | 'too_large' | 'gone') => {
      if (done) return;
      done = true;
      resolveBody(value);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) settle('too_large');
      else chunks.push(bytes(chunk));
    });
    req.on('end', () => settle(Buffer.concat(chunks).toString('utf8')));
    req.on('aborted', () => settle('gone'));
    req.on('error', () => settle('gone'));
    req.on('close', () => settle('gone'));
  });
}

/**
 * The path of a request target, or null for one that is not a plain path. Browsers send
 * `/path?query` to an origin server; a URL (`http://…`), `*`, or a path that would parse as a host
 * (`//…`) comes from a proxy client or a probe, and `new URL` throws on many of them (issue 22).
 */
export function targetPath(rawUrl: string | undefined): string | null {
  if (!rawUrl?.startsWith('/') || rawUrl.startsWith('//')) return null;
  try {
    // A fixed origin in front of the path: `..` segments are resolved, nothing can become a host.
    return new URL(`http://host.invalid${rawUrl}`).pathname;
  } catch {
    return null;
  }
}

/** A source map: `.map` at the end of the name, however Windows would trim or extend it (`a.js.map.`, `a.js.map::$DATA`). */
function isSourceMap(path: string): boolean {
  const name = path.split(/[/\\]/).pop() ?? '';
  return /\.map(?=$|[.\s:])/i.test(name);
}

/** The API doors: never opened by a navigation or by another site. */
const isDoor = (pathname: string) => pathname.startsWith('/api/') || pathname.startsWith('/display-api/');

/**
 * Why a request from another origin is refused, or null. `Origin` must be the origin the request
 * was addressed to (the Host header, already checked to be this host's). `Sec-Fetch-Site` (sent by
 * Chromium, Firefox and Safari to loopback) must be `same-origin`, or `none` (the address typed or
 * opened from a shortcut); only a top-level navigation to a page may come from another site,
 * like a link to the app from the intranet.
 */
function foreignOrigin(req: IncomingMessage, pathname: string): string | null {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) return `requests from another origin are refused (Origin: ${origin.slice(0, 100)})`;
  const site = req.headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin' || site === 'none') return null;
  const navigation = (req.method === 'GET' || req.method === 'HEAD') && req.headers['sec-fetch-mode'] === 'navigate' && req.headers['sec-fetch-dest'] === 'document' && !isDoor(pathname);
  return navigation ? null : `requests from another site are refused (Sec-Fetch-Site: ${site.slice(0, 40)}): open the app from the address the host printed`;
}

function resolveLimits(given: Partial<HostLimits> | undefined): Readonly<HostLimits> {
  const limits = { ...DEFAULT_HOST_LIMITS, ...given };
  // A small connection cap alone (tests) brings the stream cap down with it.
  if (given?.maxEventStreams === undefined) limits.maxEventStreams = Math.min(DEFAULT_HOST_LIMITS.maxEventStreams, Math.max(1, Math.floor(limits.maxConnections / 2)));
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`host limit ${key} must be a positive integer, not ${value}`);
  }
  // Streams hold their sockets for good: some must stay free for calls.
  if (limits.maxEventStreams >= limits.maxConnections) throw new RangeError('maxEventStreams must be below maxConnections');
  // Node refuses a headers timeout longer than the request timeout.
  limits.headersTimeoutMs = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return Object.freeze(limits);
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

export async function startHost({ app, staticDir, secret, displaySecret, port = 0, now = () => new Date(), limits: given, serveSourceMaps = false }: HostOptions): Promise<Host> {
  const root = resolve(staticDir);
  const limits = resolveLimits(given);
  let allowedHosts: Set<string> = new Set();
  let streams = 0;

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
    // Source maps are the app's source code: a production build has none, and if one is left in
    // the folder it is still not found (issue 22).
    if (decoded !== null && !serveSourceMaps && isSourceMap(decoded)) return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'not found' } });
    const candidate = decoded === null ? null : normalize(join(root, decoded));
    // Anything outside the renderer folder (../ tricks, NUL bytes) is simply not found.
    const inside = candidate !== null && !candidate.includes('\0') && (candidate === root || candidate.startsWith(root + sep));
    let file = inside ? candidate : null;
    if (file) {
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) file = extname(decoded ?? '') ? null : join(root, 'index.html');
    }
    if (!file) return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'not found' } });
    const body = await readFile(file).catch(() => null);
    if (!body) return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'not found' } });
    if (res.destroyed) return;
    res.writeHead(200, {
      'Content-Type': contentType(file),
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /**
   * Opens an event stream if one is free (503 otherwise): headers sent, the counter held until the
   * response closes, writes that stop once it has. Returns null when refused.
   */
  function openStream(res: ServerResponse): { write(text: string): void; onClose(fn: () => void): void } | null {
    if (res.destroyed) return null; // gone already: its 'close' may have passed, and nothing is held
    if (streams >= limits.maxEventStreams) {
      refuse(res, 503, 'internal', `too many event streams are open (${limits.maxEventStreams}): close another tab or waiting-room screen`, { 'Retry-After': '10' });
      return null;
    }
    streams += 1;
    const closers: (() => void)[] = [];
    res.once('close', () => {
      streams -= 1;
      for (const fn of closers) fn();
    });
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    return {
      write: (text) => {
        if (!res.writableEnded && !res.destroyed) res.write(text);
      },
      onClose: (fn) => (res.destroyed ? fn() : closers.push(fn)),
    };
  }

  function serveEvents(_req: IncomingMessage, res: ServerResponse) {
    const stream = openStream(res);
    if (!stream) return;
    stream.write(': connected\n\n');
    const stop = app.onChange((event) => stream.write(`data: ${JSON.stringify(event)}\n\n`));
    const ping = setInterval(() => stream.write(': ping\n\n'), 25_000);
    stream.onClose(() => {
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
    const stream = openStream(res);
    if (!stream) return;
    let last = '';
    let closed = false;
    // Pushed when what it shows changed (the host's time it carries aside), and each minute so the screen's clock follows the host's.
    const push = async (always = false) => {
      const board = await displayBoard(app.store.db, now());
      const shown = JSON.stringify({ ...board, now: null });
      if (!closed && (always || shown !== last)) {
        last = shown;
        stream.write(`data: ${JSON.stringify(board)}\n\n`);
      }
    };
    const stop = app.onChange((event) => {
      if (event.types.some((t) => displayTypes.includes(t))) push().catch(() => {});
    });
    // The day turns at midnight and waits end without a document changing here: look again each minute.
    const tick = setInterval(() => {
      push(true).catch(() => {});
      stream.write(': ping\n\n');
    }, 60_000);
    stream.onClose(() => {
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
    // The operation's own limit (256 KiB but for the enquiry import, shared/op.ts maxInputBytes).
    const limit = inputLimit(operation);
    const body = await readBody(req, limit);
    if (body === 'gone') return void res.destroy();
    // The rest of an oversized body is not worth reading: answer and close.
    if (body === 'too_large') return sendJson(res, 413, { ok: false, error: { code: 'too_large', message: `the body is over ${limit} bytes` } }, { Connection: 'close' });
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

  async function route(req: IncomingMessage, res: ServerResponse) {
    securityHeaders(res);
    if (!allowedHosts.has(req.headers.host ?? '')) return refuse(res, 403, 'forbidden', 'wrong Host header');
    const pathname = targetPath(req.url);
    if (pathname === null) return refuse(res, 400, 'invalid_input', 'the request target must be a path (/…)', { Connection: 'close' });
    const foreign = foreignOrigin(req, pathname);
    if (foreign) return refuse(res, 403, 'forbidden', foreign);
    if (pathname.startsWith('/api/')) return serveApi(req, res, pathname.slice(5));
    if (pathname.startsWith('/display-api/')) return serveDisplay(req, res, pathname.slice('/display-api/'.length));
    return serveStatic(req, res, pathname);
  }

  /** The last resort: whatever a handler throws or rejects with is logged and answered 500, never fatal. */
  function lastResort(res: ServerResponse, err: unknown) {
    try {
      console.error('browser host error', err);
      if (!res.headersSent && !res.destroyed) sendError(res, { code: 'internal', message: 'internal error' });
      // A response already under way cannot be turned into an error: cut it, so it does not look complete.
      else res.destroy();
    } catch {
      /* nothing left to do for this request */
    }
  }

  const server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.checkIntervalMs,
  });

  // Sockets with no request in progress, oldest first (a Map keeps insertion order), and the
  // number of requests in progress on the others.
  const idle = new Map<Socket, true>();
  const busy = new Map<Socket, number>();
  const forget = (socket: Socket) => {
    idle.delete(socket);
    busy.delete(socket);
  };
  server.on('connection', (socket: Socket) => {
    idle.set(socket, true);
    socket.once('close', () => forget(socket));
    if (idle.size + busy.size <= limits.maxConnections) return;
    // Full: the newcomer takes the oldest idle socket's place (a silent or slowloris socket, or one
    // kept alive after its answer). Only when every other socket is busy does the newcomer go.
    const [oldest] = idle.keys();
    const victim = oldest !== socket ? oldest! : socket;
    forget(victim);
    victim.destroy();
  });
  // A backstop only: the eviction above keeps the count at maxConnections.
  server.maxConnections = limits.maxConnections + 1;

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    if (idle.delete(socket) || busy.has(socket)) busy.set(socket, (busy.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const left = (busy.get(socket) ?? 1) - 1;
      if (!busy.has(socket)) return; // already closed and forgotten
      if (left > 0) return void busy.set(socket, left);
      busy.delete(socket);
      if (!socket.destroyed) idle.set(socket, true); // kept alive: now the newest idle socket
    });
    res.on('error', () => {}); // a write after the caller left: nothing to tell anyone
    req.on('error', () => {});
    let handling: Promise<void>;
    try {
      handling = route(req, res);
    } catch (err) {
      return lastResort(res, err);
    }
    handling.catch((err: unknown) => lastResort(res, err));
  });

  // What Node's HTTP parser refuses (bad method, header, chunk, version; headers over 16 KiB;
  // a request not in time) is answered here and the socket closed; the process carries on.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    try {
      if (err.code !== 'ECONNRESET' && socket.writable && socket.bytesWritten === 0) {
        const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW' ? 413 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
        const body = JSON.stringify({ ok: false, error: { code: status === 413 ? 'too_large' : 'invalid_input', message: STATUS_CODES[status] } });
        socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      }
    } finally {
      socket.destroy();
    }
  });

  // CONNECT (a proxy tunnel) is nothing this host does: answered, not silently dropped.
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    socket.on('error', () => {});
    const body = JSON.stringify({ ok: false, error: { code: 'invalid_input', message: 'CONNECT is not supported' } });
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`, () => socket.destroy());
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  // After listening, an error (EMFILE on accept when the process is out of descriptors) is logged,
  // once a minute at most: without a listener it would end the process.
  let lastLogged = 0;
  let unlogged = 0;
  server.on('error', (err) => {
    if (Date.now() - lastLogged < 60_000) return void (unlogged += 1);
    console.error('browser host: server error', err, unlogged ? `(and ${unlogged} more since the last one)` : '');
    lastLogged = Date.now();
    unlogged = 0;
  });
  const actualPort = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${actualPort}`, `localhost:${actualPort}`]);
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    limits,
    stats: () => ({ sockets: idle.size + busy.size, eventStreams: streams }),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
