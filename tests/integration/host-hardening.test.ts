import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HOST_LIMITS, type HostLimits } from '../../src-main/host/server';
import { storeMark, tempDir } from '../support/app';
import { idleSocket, send, sendRaw, testHosts } from '../support/host';
import { setupInput } from '../support/factories';

/**
 * The browser host under hostile input (issue 22, and issue 23's "Electron and the host"): a
 * request that would end the process, another origin holding the secret, source maps, and too
 * many sockets or event streams. Each test here failed before the fix it names.
 */
const SECRET = 'test-secret-0123456789abcdef';
const DISPLAY = 'display-secret-0123456789abcdef';
const auth = { Authorization: `Bearer ${SECRET}` };

const startHostOnDisk = testHosts('daoyi-hardening-');
const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  vi.restoreAllMocks();
});

function startTestHost(options: { limits?: Partial<HostLimits>; serveSourceMaps?: boolean } = {}) {
  return startHostOnDisk({
    files: {
      'static/index.html': '<!doctype html><title>导医台</title>',
      'static/assets/index-abc.js': 'console.log(1);\n//# sourceMappingURL=index-abc.js.map',
      'static/assets/index-abc.js.map': '{"version":3,"sources":["../../src-renderer/main.tsx"],"sourcesContent":["SOURCE-MARKER"]}',
      'static/assets/index-abc.css.map': '{"version":3,"sourcesContent":["SOURCE-MARKER"]}',
    },
    host: { secret: SECRET, displaySecret: DISPLAY, ...options },
  });
}

const status = (port: number, headers: Record<string, string> = {}) =>
  send(port, { method: 'POST', path: '/api/app.status', headers: { ...auth, 'Content-Type': 'application/json', ...headers }, body: '{}' });

async function expectAlive(port: number) {
  const reply = await status(port);
  expect(reply.status).toBe(200);
  expect(reply.json()).toMatchObject({ ok: true, data: { setupDone: false } });
}

describe('browser host: malformed request targets', () => {
  // Issue 22: each of these ended the process with an uncaught `TypeError: Invalid URL`.
  const targets = ['http://[', 'http://%', 'http://a:b:c/', 'http://[::1', 'https://%zz/', 'http://:99999999/', '//[/x', 'http://exa%00mple/', '//a:b:c/', '*'];

  it('answers 400 to each, before and with the secret, writes nothing and keeps answering', async () => {
    const { app, host } = await startTestHost();
    const before = await storeMark(app.store.db);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const target of targets) {
      for (const method of ['GET', 'POST']) {
        const body = method === 'POST' ? JSON.stringify(setupInput()) : '';
        const request = `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${SECRET}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
        const reply = await sendRaw(host.port, request);
        expect(reply.status, `${method} ${target}`).toBe(400);
        expect(reply.text, `${method} ${target}`).toContain('invalid_input');
      }
    }
    await expectAlive(host.port);
    expect(await storeMark(app.store.db)).toEqual(before);
    expect(error).not.toHaveBeenCalled(); // a bad target is the caller's mistake, not the host's
  });

  it('refuses a well-formed absolute target too: browsers send a path, only proxies and probes send a URL', async () => {
    const { app, host } = await startTestHost();
    const before = await storeMark(app.store.db);
    const reply = await sendRaw(host.port, `POST http://127.0.0.1:${host.port}/api/clinic.setup HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${SECRET}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect(reply.status).toBe(400);
    expect(await storeMark(app.store.db)).toEqual(before);
  });

  it('answers 4xx to requests the HTTP parser refuses, and keeps answering', async () => {
    const { host } = await startTestHost();
    const h = `Host: 127.0.0.1:${host.port}\r\n`;
    const call = `Authorization: Bearer ${SECRET}\r\nContent-Type: application/json\r\n`; // so the body is read
    const cases: [string, string, number][] = [
      ['a space in a header name', `GET / HTTP/1.1\r\n${h}Bad Name: x\r\n\r\n`, 400],
      ['NUL in a header value', `GET / HTTP/1.1\r\n${h}X-A: a\0b\r\n\r\n`, 400],
      ['a bare CR inside a value', `GET / HTTP/1.1\r\n${h}X-A: a\rb\r\n\r\n`, 400],
      ['a chunk size that is not hex', `POST /api/app.status HTTP/1.1\r\n${h}${call}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`, 400],
      ['Content-Length and chunked together', `POST /api/app.status HTTP/1.1\r\n${h}${call}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}`, 400],
      ['two different Content-Lengths', `POST /api/app.status HTTP/1.1\r\n${h}${call}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, 400],
      ['a negative Content-Length', `POST /api/app.status HTTP/1.1\r\n${h}${call}Content-Length: -1\r\n\r\n`, 400],
      ['an unknown HTTP version', `GET / HTTP/9.9\r\n${h}\r\n`, 400],
      ['headers over 16 KiB', `GET / HTTP/1.1\r\n${h}X-A: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      ['plain garbage', '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03', 400],
    ];
    for (const [why, request, expected] of cases) {
      const reply = await sendRaw(host.port, request);
      expect(reply.status, why).toBe(expected);
      expect(reply.ended, why).toBe('closed'); // and the socket is closed after the answer
    }
    await expectAlive(host.port);
  });

  it('answers 500 and logs when a handler fails, and keeps answering', async () => {
    const { app, host } = await startTestHost();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const invoke = vi.spyOn(app.dispatcher, 'invoke').mockImplementation(() => {
      throw new Error('boom');
    });
    const reply = await status(host.port);
    expect([reply.status, reply.json().error?.code]).toEqual([500, 'internal']);
    expect(reply.text).not.toContain('boom'); // no internals to the caller
    expect(error).toHaveBeenCalledWith('browser host error', expect.objectContaining({ message: 'boom' }));

    // A failure after the event stream has started ends that stream only.
    invoke.mockRestore();
    vi.spyOn(app, 'onChange').mockImplementation(() => {
      throw new Error('no feed');
    });
    const events = await sendRaw(host.port, `GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${SECRET}\r\n\r\n`, { timeoutMs: 1_000 });
    expect(events.ended).toBe('closed');
    await expectAlive(host.port);
  });
});

describe('browser host: other origins', () => {
  it('refuses a call from another Origin or a cross-site fetch, even with the secret', async () => {
    const { app, host } = await startTestHost();
    const before = await storeMark(app.store.db);
    const setup = (headers: Record<string, string>) =>
      send(host.port, { method: 'POST', path: '/api/clinic.setup', headers: { ...auth, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(setupInput()) });
    const refused = [
      { Origin: 'http://evil.example' },
      { Origin: 'null' }, // a sandboxed frame, a file:// page, a data: URL
      { Origin: `http://127.0.0.1:${host.port + 1}` }, // another program on this PC
      { Origin: `https://127.0.0.1:${host.port}` },
      { Origin: `http://localhost:${host.port}` }, // another origin than the one addressed (Host: 127.0.0.1)
      { Origin: `http://127.0.0.1:${host.port}`, 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' }, // 127.0.0.1 on another port is the same site
    ];
    for (const headers of refused) {
      const reply = await setup(headers);
      expect(reply.status, JSON.stringify(headers)).toBe(403);
      expect(reply.json().error?.code).toBe('forbidden');
      expect(reply.text).toMatch(/origin|site/i);
      expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]); // no CORS, ever
    }
    // The display's door and its stream too.
    for (const path of ['/display-api/board', '/display-api/events']) {
      const reply = await send(host.port, { path, headers: { Authorization: `Bearer ${DISPLAY}`, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors' } });
      expect(reply.status, path).toBe(403);
    }
    // A script or stylesheet of the app pulled into another site's page.
    expect((await send(host.port, { path: '/assets/index-abc.js', headers: { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'script' } })).status).toBe(403);
    expect(await storeMark(app.store.db)).toEqual(before);
  });

  it('answers the app’s own requests as Chromium sends them', async () => {
    const { host } = await startTestHost();
    const own = `http://127.0.0.1:${host.port}`;
    // fetch() POST from the page: Origin is the page's own; Sec-Fetch-Site same-origin.
    expect((await status(host.port, { Origin: own, 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Dest': 'empty' })).status).toBe(200);
    // The page opened as http://localhost:PORT talks to localhost.
    expect((await status(host.port, { Host: `localhost:${host.port}`, Origin: `http://localhost:${host.port}`, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    // fetch() GET (the event streams, the display's board): no Origin, Sec-Fetch-Site same-origin.
    expect((await send(host.port, { path: '/display-api/board', headers: { Authorization: `Bearer ${DISPLAY}`, 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors' } })).status).toBe(200);
    // Clients that send no fetch metadata (curl, tests, older browsers).
    expect((await status(host.port)).status).toBe(200);
    // The address typed or pasted (Sec-Fetch-Site none), or followed from a link on another site.
    for (const site of ['none', 'cross-site', 'same-site']) {
      const page = await send(host.port, { path: '/', headers: { 'Sec-Fetch-Site': site, 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' } });
      expect(page.status, site).toBe(200);
    }
    expect((await send(host.port, { path: '/display', headers: { 'Sec-Fetch-Site': 'none', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' } })).status).toBe(200);
    // The page's own assets.
    expect((await send(host.port, { path: '/assets/index-abc.js', headers: { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Dest': 'script' } })).status).toBe(200);
  });

  it('does not let a navigation from another site open the API', async () => {
    const { host } = await startTestHost();
    const reply = await send(host.port, { path: '/api/events', headers: { ...auth, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' } });
    expect(reply.status).toBe(403);
  });
});

describe('browser host: source maps', () => {
  it('never serves a .map file, even if one is in the static folder', async () => {
    const { host } = await startTestHost();
    for (const path of ['/assets/index-abc.js.map', '/assets/index-abc.css.map', '/assets/INDEX-ABC.JS.MAP', '/assets/index-abc.js.map?x=1', '/assets/index-abc.js%2emap']) {
      const reply = await send(host.port, { path });
      expect(reply.status, path).toBe(404);
      expect(reply.text, path).not.toContain('SOURCE-MARKER');
    }
    expect((await send(host.port, { path: '/assets/index-abc.js' })).status).toBe(200);
  });

  it('serves them to a debugging build that asks for it', async () => {
    const { host } = await startTestHost({ serveSourceMaps: true });
    const reply = await send(host.port, { path: '/assets/index-abc.js.map' });
    expect([reply.status, reply.text.includes('SOURCE-MARKER')]).toEqual([200, true]);
  });
});

describe('browser host: connections and event streams', () => {
  it('has caps and timeouts by default that fit a desk PC under ulimit -n 1024', async () => {
    const { host } = await startTestHost();
    expect(host.limits).toEqual(DEFAULT_HOST_LIMITS);
    expect(DEFAULT_HOST_LIMITS.maxConnections).toBeLessThanOrEqual(512); // room for the store's files
    expect(DEFAULT_HOST_LIMITS.maxEventStreams).toBeLessThan(DEFAULT_HOST_LIMITS.maxConnections);
    expect(DEFAULT_HOST_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(20_000);
    expect(DEFAULT_HOST_LIMITS.requestTimeoutMs).toBeLessThanOrEqual(60_000);
    expect(DEFAULT_HOST_LIMITS.keepAliveTimeoutMs).toBeLessThanOrEqual(10_000);
  });

  it('answers 503 to an event stream beyond the cap, and takes one again once a stream closes', async () => {
    const { host } = await startTestHost({ limits: { maxEventStreams: 2 } });
    const open = (path: string, key: string) => fetch(`${host.url}${path}`, { headers: { Authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(5_000) });
    const first = await open('/api/events', SECRET);
    const second = await open('/display-api/events', DISPLAY);
    expect([first.status, second.status]).toEqual([200, 200]);
    for (const [path, key] of [['/api/events', SECRET], ['/display-api/events', DISPLAY]] as const) {
      const third = await open(path, key);
      expect(third.status, path).toBe(503);
      expect(((await third.json()) as { error: { message: string } }).error.message).toMatch(/event stream/);
    }
    await expectAlive(host.port); // calls are not streams
    await first.body!.cancel();
    await vi.waitFor(async () => expect((await open('/api/events', SECRET)).status).toBe(200), { timeout: 2_000, interval: 50 });
    await second.body!.cancel();
  });

  it('drops the oldest idle sockets to answer a call when at the connection cap', async () => {
    const { app, host } = await startTestHost({ limits: { maxConnections: 8 } });
    const before = await storeMark(app.store.db);
    const closed: Socket[] = [];
    for (let i = 0; i < 30; i++) {
      // Silent sockets, and slowloris ones that started a request and never finished it.
      const socket = await idleSocket(host.port, i % 3 === 0 ? `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Slow: ` : undefined);
      socket.on('close', () => closed.push(socket));
      sockets.push(socket);
    }
    const started = Date.now();
    await expectAlive(host.port);
    expect(Date.now() - started).toBeLessThan(1_000); // not waiting for a timeout
    await vi.waitFor(() => expect(closed.length).toBeGreaterThanOrEqual(30 - 8 + 1));
    expect(closed).not.toContain(sockets[29]); // the newest stay
    expect(await storeMark(app.store.db)).toEqual(before);
  });

  it('keeps a call in progress and the open event streams when dropping idle sockets', async () => {
    const { host } = await startTestHost({ limits: { maxConnections: 6, maxEventStreams: 2 } });
    const stream = await fetch(`${host.url}/api/events`, { headers: auth, signal: AbortSignal.timeout(10_000) });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain(': connected');
    for (let i = 0; i < 20; i++) sockets.push(await idleSocket(host.port));
    await expectAlive(host.port);
    // The stream is still open: a change still reaches it.
    const setup = await send(host.port, { method: 'POST', path: '/api/clinic.setup', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(setupInput()) });
    expect(setup.status).toBe(200);
    const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 3_000))]);
    expect(next && new TextDecoder().decode(next.value)).toMatch(/^data: /);
    await reader.cancel();
  });

  it('closes a socket that sends no request, a request that never ends, and a keep-alive socket left idle', async () => {
    const { host } = await startTestHost({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 200, checkIntervalMs: 50 } });
    const h = `Host: 127.0.0.1:${host.port}\r\n`;
    const started = Date.now();
    const [silent, slowHeaders, slowBody, keptAlive] = await Promise.all([
      sendRaw(host.port, '', { timeoutMs: 5_000 }),
      sendRaw(host.port, `GET / HTTP/1.1\r\n${h}X-Slow: `, { timeoutMs: 5_000 }),
      sendRaw(host.port, `POST /api/app.status HTTP/1.1\r\n${h}Authorization: Bearer ${SECRET}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`, { timeoutMs: 5_000 }),
      sendRaw(host.port, `GET / HTTP/1.1\r\n${h}\r\n`, { timeoutMs: 5_000, quietMs: 5_000 }),
    ]);
    for (const reply of [silent, slowHeaders, slowBody, keptAlive]) expect(reply.ended).toBe('closed');
    expect([silent.status, slowHeaders.status, slowBody.status, keptAlive.status]).toEqual([408, 408, 408, 200]);
    expect(Date.now() - started).toBeLessThan(4_000);
    await expectAlive(host.port);
  });
});

describe('browser host: file descriptors', () => {
  // Issue 23: 1,400 idle sockets stopped legitimate calls under `ulimit -n 1024`. The same, scaled
  // down: a host process allowed 256 descriptors, capped at 64 connections, and 400 idle sockets.
  it.skipIf(process.platform !== 'linux')('keeps answering when more sockets are open than the process may hold', async () => {
    const dir = tempDir('daoyi-fds-');
    // Descriptors this process holds without close-on-exec (LevelDB's) are closed first, so the
    // child starts with 0-2 only.
    const script = `for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done; ulimit -n 256 && exec "${process.execPath}" --import tsx tests/support/hostChild.ts "$0" "$1" "$2"`;
    const child = spawn('bash', ['-c', script, dir.path, SECRET, JSON.stringify({ maxConnections: 64 })], {
      cwd: resolve(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | string | null>((done) => child.once('exit', (code, signal) => done(code ?? signal)));
    try {
      const { port } = await new Promise<{ port: number }>((done, fail) => {
        createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('{') && done(JSON.parse(line) as { port: number }));
        void exited.then((code) => fail(new Error(`host exited (${code}) before ready: ${stderr}`)));
      });
      for (let i = 0; i < 400; i++) sockets.push(await idleSocket(port));
      const reply = await Promise.race([status(port), exited.then((code) => ({ status: `exited ${code}: ${stderr}` }))]);
      expect(reply.status).toBe(200);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
      await exited;
      dir.remove();
    }
  }, 30_000);
});
