import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { startApp, type App, type AppOptions } from '../../src-main/app';
import { startHost, type Host, type HostOptions } from '../../src-main/host/server';
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
