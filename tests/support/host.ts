import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { startApp, type App, type AppOptions } from '../../src-main/app';
import { startHost, type Host, type HostOptions } from '../../src-main/host/server';
import { bytes } from '../../src-main/util/bytes';
import { tempDir } from './app';

/**
 * Browser hosts for tests: each on a real on-disk store in a temporary folder, serving a small
 * static folder, closed and removed after each test. `files` are written relative to the
 * temporary folder (the static folder is `static/`, so a file beside it is a traversal target).
 */
export function testHosts(prefix: string) {
  const running: { app: App; host: Host; remove(): void }[] = [];
  afterEach(async () => {
    for (const r of running.splice(0)) {
      await r.host.close();
      await r.app.close();
      r.remove();
    }
  });
  return async function start(options: { files: Record<string, string>; app?: AppOptions; host: Omit<HostOptions, 'app' | 'staticDir'> }) {
    const tmp = tempDir(prefix);
    const staticDir = join(tmp.path, 'static');
    mkdirSync(staticDir, { recursive: true });
    for (const [path, text] of Object.entries(options.files)) {
      mkdirSync(dirname(join(tmp.path, path)), { recursive: true });
      writeFileSync(join(tmp.path, path), text);
    }
    const app = await startApp(join(tmp.path, 'data'), { checkOutput: true, log: () => {}, ...options.app });
    const host = await startHost({ app, staticDir, ...options.host });
    running.push({ app, host, remove: tmp.remove });
    return { app, host };
  };
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json(): { ok: boolean; data?: unknown; error?: { code: string; field?: string } };
}

/** One raw HTTP request: the path goes on the wire exactly as given (fetch would normalise `..`). */
export function send(port: number, options: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export interface RawReply {
  /** The status of the first response, or null if the host closed or timed out without one. */
  status: number | null;
  /** Every byte the host sent, as latin1. */
  text: string;
  /** How the exchange ended: the host closed the socket, or we gave up waiting. */
  ended: 'closed' | 'timeout' | 'quiet';
}

/**
 * Bytes straight onto a TCP socket to the host, for requests no HTTP client would send (bad
 * targets, NUL in headers, lying lengths). Resolves when the host closes the socket, when a
 * response has started and nothing more came for `quietMs`, or after `timeoutMs`.
 */
export function sendRaw(port: number, data: string | Buffer, options: { timeoutMs?: number; quietMs?: number } = {}): Promise<RawReply> {
  const { timeoutMs = 2_000, quietMs = 60 } = options;
  return new Promise((resolve) => {
    const socket = netConnect({ host: '127.0.0.1', port });
    const chunks: Uint8Array[] = [];
    let quiet: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (ended: RawReply['ended']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(quiet);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : null, text, ended });
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.on('connect', () => socket.write(typeof data === 'string' ? data : bytes(data)));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(bytes(chunk));
      clearTimeout(quiet);
      quiet = setTimeout(() => finish('quiet'), quietMs);
    });
    socket.on('close', () => finish('closed'));
    socket.on('error', () => finish('closed'));
  });
}

/** A socket that connects and then says nothing (or only `data`), until the test destroys it. */
export function idleSocket(port: number, data?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: '127.0.0.1', port });
    socket.on('error', () => {}); // the host may reset it: that is the point
    socket.once('connect', () => {
      if (data) socket.write(data);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
