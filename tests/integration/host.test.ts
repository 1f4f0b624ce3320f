import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/host/server';
import { MAX_INPUT_BYTES } from '../../src-main/api/dispatch';
import { storeMark } from '../support/app';
import { send, testHosts } from '../support/host';
import { firstVisit, LEAD_PIN, setupInput } from '../support/factories';

/** The browser host over real HTTP, on a real store, serving a small static folder. */
const SECRET = 'test-secret-0123456789abcdef';
const INDEX_HTML = '<!doctype html><title>导医台</title><div id="root">index-marker</div>';
const APP_JS = 'console.log("app-marker");';
const OUTSIDE = 'SENTINEL-outside-the-static-folder';

const startHostOnDisk = testHosts('daoyi-host-');

function startTestHost() {
  return startHostOnDisk({
    files: {
      'static/index.html': INDEX_HTML,
      'static/assets/app.js': APP_JS,
      // Files beside the static folder that a traversal would reach.
      'secret.txt': OUTSIDE,
      'package.json': JSON.stringify({ name: OUTSIDE }),
    },
    host: { secret: SECRET },
  });
}

const auth = { Authorization: `Bearer ${SECRET}` };

/** A contract call as the renderer makes it. */
function call(port: number, operation: string, input: unknown, headers: Record<string, string> = auth) {
  return send(port, { method: 'POST', path: `/api/${operation}`, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(input) });
}

async function setUpAndSignIn(port: number): Promise<string> {
  expect((await call(port, 'clinic.setup', setupInput())).status).toBe(200);
  const staff = (await call(port, 'staff.list', {})).json().data as { id: string }[];
  const signIn = (await call(port, 'operator.signIn', { staffId: staff[0]!.id, pin: LEAD_PIN })).json();
  return (signIn.data as { session: string }).session;
}

describe('browser host: the /api door', () => {
  it('refuses a call without the right secret, and writes nothing', async () => {
    const { app, host } = await startTestHost();
    const before = await storeMark(app.store.db);
    for (const headers of [{}, { Authorization: 'Bearer wrong' }, { Authorization: `Bearer ${SECRET.slice(0, -1)}x` }, { Authorization: SECRET }, { Authorization: `Basic ${SECRET}` }, { Authorization: `Bearer ${SECRET}${SECRET}` }]) {
      const reply = await call(host.port, 'clinic.setup', setupInput(), headers);
      expect(reply.status, JSON.stringify(headers)).toBe(401);
      expect(reply.json().error?.code).toBe('unauthorized');
    }
    expect(await storeMark(app.store.db)).toEqual(before);
    expect((await call(host.port, 'app.status', {})).json()).toMatchObject({ ok: true, data: { setupDone: false } });
  });

  it('refuses a wrong Host header (DNS rebinding), even with the secret', async () => {
    const { app, host } = await startTestHost();
    const before = await storeMark(app.store.db);
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '127.0.0.1']) {
      const api = await send(host.port, { method: 'POST', path: '/api/clinic.setup', headers: { ...auth, 'Content-Type': 'application/json', Host: hostHeader }, body: JSON.stringify(setupInput()) });
      expect(api.status, hostHeader).toBe(403);
      expect((await send(host.port, { path: '/', headers: { Host: hostHeader } })).status, hostHeader).toBe(403);
    }
    expect(await storeMark(app.store.db)).toEqual(before);
    expect((await send(host.port, { path: '/', headers: { Host: `localhost:${host.port}` } })).status).toBe(200);
  });

  it('wants a JSON body of at most 256 KiB', async () => {
    const { app, host } = await startTestHost();
    const before = await storeMark(app.store.db);
    const post = (headers: Record<string, string | number>, body: string) => send(host.port, { method: 'POST', path: '/api/clinic.setup', headers: { ...auth, ...headers }, body });

    const plain = await post({ 'Content-Type': 'text/plain' }, JSON.stringify(setupInput()));
    expect([plain.status, plain.json().error?.code]).toEqual([400, 'invalid_input']);
    const form = await post({ 'Content-Type': 'application/x-www-form-urlencoded' }, 'clinic=BJ');
    expect(form.status).toBe(400);

    const malformed = await post({ 'Content-Type': 'application/json' }, '{"clinic": ');
    expect([malformed.status, malformed.json().error]).toEqual([400, expect.objectContaining({ code: 'invalid_input', field: '' })]);

    const big = JSON.stringify({ ...setupInput(), pad: 'x'.repeat(MAX_INPUT_BYTES) });
    const declared = await post({ 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(big) }, big);
    expect([declared.status, declared.json().error?.code]).toEqual([413, 'too_large']);
    const chunked = await post({ 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, big);
    expect([chunked.status, chunked.json().error?.code]).toEqual([413, 'too_large']);

    expect(await storeMark(app.store.db)).toEqual(before);
  });

  it('answers 404 to an unknown operation and 405 to a GET', async () => {
    const { host } = await startTestHost();
    for (const operation of ['nope', '__proto__', 'constructor', 'desk.checkin', 'events']) {
      const reply = await call(host.port, operation, {});
      expect([reply.status, reply.json().error?.code], operation).toEqual([404, 'unknown_operation']);
    }
    const get = await send(host.port, { path: '/api/app.status', headers: auth });
    expect(get.status).toBe(405);
  });

  it('answers a good call with a 200 envelope, and the session header says who is at the desk', async () => {
    const { app, host } = await startTestHost();
    const status = await call(host.port, 'app.status', {});
    expect(status.status).toBe(200);
    expect(status.headers['content-type']).toMatch(/^application\/json/);
    expect(status.json()).toEqual({ ok: true, data: expect.objectContaining({ setupDone: false, deskId: app.store.deskId, operator: null }) });

    const session = await setUpAndSignIn(host.port);
    const withSession = await call(host.port, 'app.status', {}, { ...auth, 'X-Daoyi-Session': session });
    expect(withSession.json()).toMatchObject({ ok: true, data: { setupDone: true, operator: { name: '王主任' } } });
    expect((await call(host.port, 'app.status', {})).json()).toMatchObject({ data: { operator: null } });

    const anonymous = await call(host.port, 'desk.checkIn', firstVisit());
    expect([anonymous.status, anonymous.json().error?.code]).toEqual([401, 'not_signed_in']);
    const checkedIn = await call(host.port, 'desk.checkIn', firstVisit({ name: '张晓梅' }), { ...auth, 'X-Daoyi-Session': session });
    expect(checkedIn.status).toBe(200);
    expect(checkedIn.json()).toMatchObject({ ok: true, data: { customerName: '张晓梅', registeredByName: '王主任' } });

    const invalid = await call(host.port, 'desk.checkIn', firstVisit({ phone: '12' }), { ...auth, 'X-Daoyi-Session': session });
    expect([invalid.status, invalid.json().error]).toEqual([400, expect.objectContaining({ code: 'invalid_input', field: 'customer.new.phone' })]);
  });
});

describe('browser host: static files', () => {
  it('serves the renderer with CSP and nosniff, and falls back to index.html for app routes', async () => {
    const { host } = await startTestHost();
    const index = await send(host.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.text).toBe(INDEX_HTML);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    const js = await send(host.port, { path: '/assets/app.js' });
    expect([js.status, js.text, js.headers['content-type']]).toEqual([200, APP_JS, 'text/javascript; charset=utf-8']);
    for (const reply of [index, js]) {
      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    }
    const route = await send(host.port, { path: '/desk' });
    expect([route.status, route.text]).toEqual([200, INDEX_HTML]);
    expect((await send(host.port, { path: '/assets/missing.js' })).status).toBe(404);
    expect((await send(host.port, { method: 'POST', path: '/index.html', body: '' })).status).toBe(405);
  });

  it('never serves a file outside the static folder, however the path is spelled', async () => {
    const { host } = await startTestHost();
    const probes = [
      '/../package.json',
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2e%2e/etc/passwd',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/index.html%00',
      '/%00',
      '/assets/app.js%00.html',
      '/secret.txt%00/..',
      '/%ff',
      '/api/../secret.txt',
    ];
    for (const path of probes) {
      const reply = await send(host.port, { path });
      expect(reply.status, path).toBe(404);
      expect(reply.text, path).not.toContain('SENTINEL');
      expect(reply.text, path).not.toContain('root:');
      expect(reply.text, path).not.toContain('index-marker');
    }
  });
});

describe('browser host: network', () => {
  it('listens on 127.0.0.1 only', async () => {
    const { host } = await startTestHost();
    expect(host.url).toBe(`http://127.0.0.1:${host.port}`);
    expect(await tryConnect('127.0.0.1', host.port)).toBe('connected');
    // On Linux all of 127/8 reaches this machine: a 0.0.0.0 listener would answer on 127.0.0.2.
    const elsewhere = ['127.0.0.2', ...Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((i) => i.family === 'IPv4' && !i.internal).map((i) => i.address))];
    for (const address of elsewhere) expect(await tryConnect(address, host.port), address).not.toBe('connected');
  });

  it('streams change events to a caller with the secret', async () => {
    const { host } = await startTestHost();
    expect((await send(host.port, { path: '/api/events' })).status).toBe(401);

    const session = await setUpAndSignIn(host.port);
    await new Promise((r) => setTimeout(r, 120)); // let the set-up's own change event go by
    const abort = new AbortController();
    const res = await fetch(`${host.url}/api/events`, { headers: auth, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (predicate: (text: string) => boolean) => {
      const deadline = Date.now() + 5_000;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`no event in time; got ${JSON.stringify(received)}`);
        const { value, done } = await reader.read();
        if (done) throw new Error('the event stream ended');
        received += decoder.decode(value, { stream: true });
      }
    };
    await readUntil((text) => text.includes(': connected'));
    expect(received).not.toContain('data:');

    expect((await call(host.port, 'desk.checkIn', firstVisit(), { ...auth, 'X-Daoyi-Session': session })).status).toBe(200);
    await readUntil((text) => /^data: .*\n\n/m.test(text));
    const line = received.split('\n').find((l) => l.startsWith('data: '))!;
    expect((JSON.parse(line.slice('data: '.length)) as { types: string[] }).types.sort()).toEqual(['customer', 'visit']);
    abort.abort();
  });
});

function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('timeout');
    }, 1_000);
    socket.on('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(err.code ?? 'error');
    });
  });
}
