import { describe, expect, it, vi } from 'vitest';
import { operationNames } from '../../shared/operations';
import { bytes } from '../../src-main/util/bytes';
import { storeMark } from '../support/app';
import { send, sendRaw, testHosts } from '../support/host';
import { LEAD_PIN, setupInput } from '../support/factories';
import { seededRandom } from '../../scripts/random';

/**
 * The browser host fuzzed at the socket level (issue 22): a few thousand generated requests
 * written raw onto TCP to 127.0.0.1 (request lines, methods, targets, header names and values,
 * encodings, bodies with lying lengths, chunked garbage, NUL/CR/LF injection, overlong lines, byte
 * mutations of good requests, pipelining, other protocols). Deterministic: one seed gives the same
 * cases (`DAOYI_FUZZ_SEED`, `DAOYI_FUZZ_CASES`, `DAOYI_FUZZ_SECONDS` to explore further).
 *
 * Every 50 answered cases, and once at the end, the host must answer `app.status` with the
 * secret, and the store must not have moved (update_seq and doc_count as before). The host runs in
 * this process: an exception it did not catch would fail the run as an unhandled error.
 */
const SEED = Number(process.env.DAOYI_FUZZ_SEED ?? 20_221);
const MAX_CASES = Number(process.env.DAOYI_FUZZ_CASES ?? 5_000);
const MAX_MS = Number(process.env.DAOYI_FUZZ_SECONDS ?? 25) * 1_000;
const MIN_CASES = Math.min(MAX_CASES, 2_000);
const CONCURRENCY = 48;
const CHECK_EVERY = 50;

const SECRET = 'fuzz-secret-0123456789abcdefghij';
const DISPLAY = 'fuzz-display-0123456789abcdefghij';

/** Seeded choices over scripts/random.ts's generator. */
class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  bytes(n: number): Buffer {
    return Buffer.from(Array.from({ length: n }, () => this.int(256)));
  }
  /** Printable junk, with now and then a byte no header or URL should hold. */
  junk(n: number): string {
    const alphabet = 'abcXYZ019-_.~!$&\'()*+,;=:@/?#[]%{}|\\^` "<>';
    let s = '';
    for (let i = 0; i < n; i++) s += this.chance(0.05) ? String.fromCharCode(this.pick([0, 9, 10, 13, 0x7f, 0xff, 0x80, 0xc3])) : alphabet[this.int(alphabet.length)]!;
    return s;
  }
}

/** Buffer.concat, past @types/pouchdb-core's Buffer (see src-main/util/bytes.ts). */
const join = (parts: Buffer[]): Buffer => Buffer.concat(parts.map(bytes));

interface Parts {
  method: string;
  target: string;
  version: string;
  headers: [string, string][];
  body: Buffer;
  eol: string;
}

const ops = operationNames.filter((op) => op !== 'operator.signOut'); // it would end the session the cases share

function generator(seed: number, port: number, session: string) {
  const rng = new Rng(seed);
  const host = `127.0.0.1:${port}`;

  const targets = (): string =>
    rng.pick([
      // Issue 22's killers, and their relatives.
      () => rng.pick(['http://[', 'http://%', 'http://a:b:c/', 'http://[::1', 'https://%zz/', 'http://:99999999/', '//[/x', 'http://exa%00mple/', '//a:b:c/', '*', 'http://', 'http:', 'file:///etc/passwd', `http://${host}/api/app.status`, 'javascript:alert(1)']),
      () => `/api/${rng.pick(ops)}`,
      () => rng.pick(['/api/events', '/display-api/board', '/display-api/events', '/display-api/', '/api/', '/api', '/display']),
      () => rng.pick(['/', '/index.html', '/assets/app.js', '/assets/app.js.map', '/assets/APP.JS.MAP', '/assets/app.js%2emap', '/assets/app.js.map.', '/assets/app.js.map::$DATA']),
      () => rng.pick(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2f..%2fsecret.txt', '/..\\secret.txt', '/%00', '/%ff', '/%', '/%%32%65', '/assets/%c0%ae%c0%ae/secret.txt', '/api/../secret.txt', '/.%2e/secret.txt']),
      () => `/api/${rng.pick(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', '%00', 'app.status%00', 'app.status/', 'APP.STATUS', 'app%2estatus', 'app.status?x=1', 'app.status#x'])}`,
      () => `/${rng.junk(1 + rng.int(40))}`,
      () => `/${'a/'.repeat(rng.int(3000))}`,
      () => `/api/app.status?${rng.junk(rng.int(200))}`,
      () => `/${Buffer.from('导医台/候诊').toString('latin1')}`,
      () => rng.junk(1 + rng.int(30)),
      () => `/${'x'.repeat(rng.pick([1_000, 8_000, 20_000, 70_000]))}`,
    ])();

  const methods = (post: boolean): string =>
    rng.chance(0.8)
      ? post
        ? 'POST'
        : rng.pick(['GET', 'GET', 'HEAD', 'POST'])
      : rng.pick(['PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT', 'PROPFIND', 'PRI', 'get', 'post', 'G ET', 'GET\t', '\0GET', 'GÉT', 'X'.repeat(rng.pick([20, 2_000])), '', rng.junk(1 + rng.int(8))]);

  const versions = (): string => (rng.chance(0.85) ? 'HTTP/1.1' : rng.pick(['HTTP/1.0', 'HTTP/0.9', 'HTTP/2.0', 'HTTP/3', 'HTTP/1.1 ', 'http/1.1', 'HTTP/1.', 'HTTP/1.1\0', 'HTTP/11', '', 'HTTPS/1.1', 'HTTP/1.1 extra']));

  const origin = (): [string, string][] =>
    rng.pick<[string, string][]>([
      [],
      [],
      [],
      [['Origin', `http://${host}`]],
      [['Origin', 'http://evil.example']],
      [['Origin', 'null']],
      [['Sec-Fetch-Site', rng.pick(['same-origin', 'cross-site', 'same-site', 'none', 'junk'])]],
      [
        ['Sec-Fetch-Site', 'cross-site'],
        ['Sec-Fetch-Mode', 'navigate'],
        ['Sec-Fetch-Dest', 'document'],
      ],
    ]);

  const bodies = (): Buffer => {
    const json = rng.pick([
      () => '{}',
      () => 'null',
      () => '[]',
      () => '"x"',
      () => '0',
      () => '',
      () => '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
      () => JSON.stringify({ staffId: rng.junk(10), pin: '0000' }),
      () => JSON.stringify({ phone: '1'.repeat(rng.int(30)), name: rng.junk(20), date: '2026-13-45', id: rng.junk(10) }),
      () => '['.repeat(20_000) + ']'.repeat(20_000),
      () => '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
      () => `{"x":"${'\\u0000'.repeat(500)}"}`,
      () => `{"x":1e${rng.int(400)}}`,
      () => '{"x": ',
      () => '{"x":"\ud800"}',
      () => JSON.stringify({ pad: 'x'.repeat(rng.pick([10, 100_000, 300_000])) }),
      () => rng.junk(rng.int(500)),
    ])();
    const buffer = Buffer.from(json);
    return rng.chance(0.1) ? join([buffer, Buffer.from([0xff, 0xfe, 0xc0, 0x80])]) : buffer;
  };

  /** A good request to a random place (most with the secret, some with the desk session). */
  const base = (): Parts => {
    const post = rng.chance(0.55);
    const target = post ? `/api/${rng.pick(ops)}` : rng.pick(['/', '/api/events', '/display-api/board', '/assets/app.js', '/assets/app.js.map', '/api/app.status']);
    const headers: [string, string][] = [['Host', host]];
    if (rng.chance(0.8)) headers.push(['Authorization', `Bearer ${target.startsWith('/display-api/') ? DISPLAY : SECRET}`]);
    if (rng.chance(0.3)) headers.push(['X-Daoyi-Session', session]);
    const body = post ? bodies() : Buffer.alloc(0);
    if (post) headers.push(['Content-Type', 'application/json'], ['Content-Length', String(body.length)]);
    headers.push(...origin());
    if (rng.chance(0.85)) headers.push(['Connection', 'close']);
    return { method: post ? 'POST' : 'GET', target, version: 'HTTP/1.1', headers, body, eol: '\r\n' };
  };

  const headerName = (): string =>
    rng.pick(['X-A', 'Host', 'Authorization', 'Content-Length', 'Transfer-Encoding', 'Content-Type', 'Origin', 'Sec-Fetch-Site', 'X-Daoyi-Session', 'Connection', 'Upgrade', 'Expect', 'Cookie', 'Bad Name', 'X:Y', '', ' X-Lead', 'X-\0', 'X-\u00e9', 'x'.repeat(rng.pick([100, 20_000])), rng.junk(1 + rng.int(20))]);
  const headerValue = (): string =>
    rng.pick([
      () => rng.junk(rng.int(60)),
      () => `a\0b`,
      () => `a\rb`,
      () => `a\nX-Injected: 1`,
      () => `a\r\nX-Injected: 1`,
      () => ' '.repeat(rng.int(100)),
      () => 'x'.repeat(rng.pick([1_000, 9_000, 40_000])),
      () => `Bearer ${SECRET}`,
      () => `Bearer ${SECRET}\0`,
      () => `Bearer  ${SECRET}`,
      () => `bearer ${SECRET}`,
      () => rng.pick(['-1', '0x10', '1e3', '99999999999999999999', ' 5', '5 5', '+5', '5,5']),
      () => rng.pick(['chunked', 'chunked, gzip', 'gzip, chunked', 'identity', 'Chunked', ' chunked', 'chunked\0']),
      () => rng.pick(['websocket', 'h2c', 'close', 'keep-alive, Upgrade', '100-continue']),
      () => Buffer.from('导医台').toString('latin1'),
    ])();

  const serialize = (p: Parts): Buffer => {
    const head = `${p.method} ${p.target} ${p.version}${p.eol}${p.headers.map(([n, v]) => `${n}: ${v}${p.eol}`).join('')}${p.eol}`;
    return join([Buffer.from(head, 'latin1'), p.body]);
  };

  const chunked = (body: Buffer): Buffer => {
    const pieces: string[] = [];
    const text = body.toString('latin1');
    return Buffer.from(
      rng.pick([
        () => `${text.length.toString(16)}\r\n${text}\r\n0\r\n\r\n`, // good
        () => `zz\r\n${text}\r\n0\r\n\r\n`,
        () => `${(text.length + 50).toString(16)}\r\n${text}\r\n0\r\n\r\n`, // lying size
        () => `${text.length.toString(16)};ext=${'e'.repeat(rng.pick([5, 20_000]))}\r\n${text}\r\n0\r\n\r\n`,
        () => `${text.length.toString(16)}\r\n${text}\r\n0\r\nX-Trailer: 1\r\n\r\n`,
        () => `${text.length.toString(16)}\r\n${text}`, // never ends
        () => `-1\r\n${text}\r\n0\r\n\r\n`,
        () => `ffffffffffffffff\r\n${text}\r\n`,
        () => {
          for (const c of text.slice(0, 200)) pieces.push(`1\r\n${c}\r\n`);
          return `${pieces.join('')}0\r\n\r\n`;
        },
        () => `${text.length.toString(16)}\n${text}\n0\n\n`,
        () => `0\r\n\r\n${text}`, // smuggled after the end
      ])(),
      'latin1',
    );
  };

  const mutate = (data: Buffer): Buffer => {
    const bytes = Array.from(data);
    const n = 1 + rng.int(8);
    for (let i = 0; i < n; i++) {
      const at = rng.int(bytes.length + 1);
      const op = rng.int(4);
      if (op === 0 && bytes.length) bytes[Math.min(at, bytes.length - 1)] = rng.int(256);
      else if (op === 1) bytes.splice(at, 0, rng.pick([0, 10, 13, 32, 58, 0x25, 0xff]));
      else if (op === 2 && bytes.length) bytes.splice(at, 1 + rng.int(4));
      else bytes.splice(at, 0, ...Buffer.from(rng.pick(['\r\n', '\r\n\r\n', ' HTTP/1.1', 'Content-Length: 5\r\n', 'Transfer-Encoding: chunked\r\n', '%', '\0'])));
    }
    return Buffer.from(bytes);
  };

  const kinds: [string, number, () => Buffer][] = [
    ['target', 14, () => serialize({ ...base(), method: rng.pick(['GET', 'POST', 'HEAD']), target: targets() })],
    ['method', 6, () => serialize({ ...base(), method: methods(false) })],
    ['request line', 6, () => {
      const p = base();
      return Buffer.from(
        rng.pick([
          () => `${p.method}  ${p.target}  ${p.version}\r\n`,
          () => `${p.method}\t${p.target}\t${p.version}\r\n`,
          () => `${p.method} ${p.target}\r\n`,
          () => `${p.target} ${p.version}\r\n`,
          () => `${p.method} ${p.target} ${versions()}\r\n`,
          () => `\r\n\r\n${p.method} ${p.target} ${p.version}\r\n`,
          () => `${p.method} ${p.target} ${p.version}\n`,
          () => `${p.method} ${p.target} ${p.version}\r`,
          () => `${p.method} ${p.target} ${p.version}`,
        ])() + `Host: ${host}\r\nConnection: close\r\n\r\n`,
        'latin1',
      );
    }],
    ['header', 16, () => {
      const p = base();
      const n = 1 + rng.int(4);
      for (let i = 0; i < n; i++) {
        const header: [string, string] = [headerName(), headerValue()];
        if (rng.chance(0.5)) p.headers.unshift(header);
        else p.headers.push(header);
      }
      if (rng.chance(0.1)) p.headers.push(['X-Folded', 'a'], [' continued', 'b']);
      if (rng.chance(0.1)) p.headers = p.headers.filter(([n]) => n !== 'Host');
      if (rng.chance(0.1)) p.headers.push(['Host', rng.pick([host, 'evil.example', `${host}\0`, `localhost:${port}`, ''])]);
      return serialize(p);
    }],
    ['line endings', 4, () => serialize({ ...base(), eol: rng.pick(['\n', '\r', '\n\r', '\r\r\n']) })],
    ['body', 14, () => {
      const p = { ...base(), method: 'POST', target: `/api/${rng.pick(ops)}` };
      p.body = bodies();
      const length = rng.pick([p.body.length, p.body.length + 1 + rng.int(100), Math.max(0, p.body.length - 1 - rng.int(p.body.length + 1)), 0, 10_000_000]);
      p.headers = p.headers.filter(([n]) => n !== 'Content-Length' && n !== 'Content-Type');
      p.headers.push(['Content-Type', rng.pick(['application/json', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', ''])]);
      p.headers.push(['Content-Length', String(length)]);
      if (!p.headers.some(([n]) => n === 'Authorization')) p.headers.push(['Authorization', `Bearer ${SECRET}`]);
      return serialize(p);
    }],
    ['chunked', 10, () => {
      const p = { ...base(), method: 'POST', target: `/api/${rng.pick(ops)}` };
      p.headers = p.headers.filter(([n]) => n !== 'Content-Length');
      p.headers.push(['Transfer-Encoding', rng.pick(['chunked', 'chunked', 'gzip, chunked', 'chunked, identity', 'Chunked'])]);
      if (rng.chance(0.2)) p.headers.push(['Content-Length', String(rng.int(100))]);
      if (!p.headers.some(([n]) => n === 'Authorization')) p.headers.push(['Authorization', `Bearer ${SECRET}`]);
      return join([serialize({ ...p, body: Buffer.alloc(0) }), chunked(bodies())]);
    }],
    ['mutation', 18, () => mutate(serialize(base()))],
    ['pipeline', 5, () => join(Array.from({ length: 2 + rng.int(3) }, () => (rng.chance(0.7) ? serialize({ ...base(), headers: base().headers.filter(([n]) => n !== 'Connection') }) : mutate(serialize(base())))))],
    ['other protocol', 3, () =>
      rng.pick([
        () => Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
        () => Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03, ...rng.bytes(40)]),
        () => Buffer.from(`GET /api/events HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`),
        () => Buffer.from(`CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n`),
        () => rng.bytes(1 + rng.int(2_000)),
        () => Buffer.alloc(rng.int(5_000)),
      ])(),
    ],
    ['overlong', 4, () =>
      rng.pick([
        () => Buffer.from(`GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: ${host}\r\n\r\n`),
        () => Buffer.from(`GET / HTTP/1.1\r\nHost: ${host}\r\n${Array.from({ length: 2_000 }, (_, i) => `X-${i}: v`).join('\r\n')}\r\n\r\n`),
        () => Buffer.from(`GET / HTTP/1.1\r\nHost: ${host}\r\nX-Long: ${'v'.repeat(100_000)}\r\n\r\n`),
        () => Buffer.from(`${'G'.repeat(100_000)} / HTTP/1.1\r\n\r\n`),
      ])(),
    ],
  ];
  const total = kinds.reduce((sum, [, weight]) => sum + weight, 0);

  return (): { kind: string; data: Buffer } => {
    let roll = rng.int(total);
    for (const [kind, weight, make] of kinds) {
      if (roll < weight) return { kind, data: make() };
      roll -= weight;
    }
    throw new Error('unreachable');
  };
}

const startHostOnDisk = testHosts('daoyi-fuzz-');

describe('browser host: socket-level fuzz', () => {
  it(`stays up and writes nothing through ${MAX_CASES} generated requests (seed ${SEED})`, async () => {
    const { app, host } = await startHostOnDisk({
      files: {
        'static/index.html': '<!doctype html><title>导医台</title>',
        'static/assets/app.js': 'console.log(1)',
        'static/assets/app.js.map': '{"sourcesContent":["SOURCE-MARKER"]}',
        'secret.txt': 'SENTINEL-outside',
      },
      host: { secret: SECRET, displaySecret: DISPLAY, limits: { headersTimeoutMs: 1_000, requestTimeoutMs: 1_000, keepAliveTimeoutMs: 300, checkIntervalMs: 100 } },
    });
    // A set-up clinic with a signed-in lead: cases carrying that session reach the handlers.
    const call = (operation: string, input: unknown, extra: Record<string, string> = {}) =>
      send(host.port, { method: 'POST', path: `/api/${operation}`, headers: { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/json', ...extra }, body: JSON.stringify(input) });
    expect((await call('clinic.setup', setupInput())).status).toBe(200);
    const lead = ((await call('staff.list', {})).json().data as { id: string }[])[0]!;
    const session = ((await call('operator.signIn', { staffId: lead.id, pin: LEAD_PIN })).json().data as { session: string }).session;
    await new Promise((r) => setTimeout(r, 200)); // the set-up's own writes settle
    const before = await storeMark(app.store.db);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});

    const next = generator(SEED, host.port, session);
    const statuses = new Map<string, number>();
    const kinds = new Map<string, number>();
    const leaks: string[] = [];
    let tried = 0;
    let answered = 0;
    let checks = 0;
    let sinceCheck = 0;
    const started = Date.now();
    const timeUp = () => Date.now() - started > MAX_MS;

    const alive = async (when: string) => {
      const reply = await call('app.status', {}, { 'X-Daoyi-Session': session });
      expect(reply.status, `app.status ${when}`).toBe(200);
      expect(reply.json(), `app.status ${when}`).toMatchObject({ ok: true, data: { setupDone: true, operator: { name: '王主任' } } });
      expect(await storeMark(app.store.db), `the store moved ${when}`).toEqual(before);
      checks += 1;
    };

    const worker = async () => {
      while (tried < MAX_CASES && !timeUp()) {
        const n = tried++;
        const { kind, data } = next();
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        const reply = await sendRaw(host.port, data, { timeoutMs: 1_500, quietMs: 40 });
        answered += 1;
        const key = reply.status === null ? `none (${reply.ended})` : String(reply.status);
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        // DAOYI_FUZZ_DEBUG=1 shows the cases the host closed without an answer.
        if (process.env.DAOYI_FUZZ_DEBUG && reply.status === null) console.log(`no answer (${reply.ended}): case ${n} (${kind}) ${JSON.stringify(data.toString('latin1').slice(0, 300))}`);
        if (/SENTINEL|SOURCE-MARKER/.test(reply.text)) leaks.push(`case ${n} (${kind}): ${data.toString('latin1').slice(0, 200)}`);
        if (++sinceCheck >= CHECK_EVERY) {
          sinceCheck = 0;
          await alive(`after ${answered} cases`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await alive('at the end');
    // Every socket and stream the cases opened has been let go of (the caps count right) …
    await vi.waitFor(() => expect(host.stats()).toEqual({ sockets: 0, eventStreams: 0 }), { timeout: 3_000, interval: 50 });
    // … so every event stream can be opened again.
    const streams = await Promise.all(Array.from({ length: host.limits.maxEventStreams }, () => fetch(`${host.url}/api/events`, { headers: { Authorization: `Bearer ${SECRET}` } })));
    expect(streams.map((r) => r.status)).toEqual(streams.map(() => 200));
    await Promise.all(streams.map((r) => r.body!.cancel()));
    const seconds = (Date.now() - started) / 1_000;
    const logged = errors.mock.calls.map((args) => args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' '));
    errors.mockRestore();

    const figures = {
      seed: SEED,
      cases: answered,
      seconds: Number(seconds.toFixed(1)),
      aliveChecks: checks,
      hostAlive: true,
      storeMoved: false,
      statuses: Object.fromEntries([...statuses].sort()),
      kinds: Object.fromEntries([...kinds].sort()),
      hostErrorsLogged: logged.length,
    };
    console.log(`host fuzz: ${JSON.stringify(figures)}`);

    expect(leaks).toEqual([]);
    expect(answered).toBeGreaterThanOrEqual(MIN_CASES);
    expect(statuses.get('500') ?? 0, 'no handler failed').toBe(0);
    expect(logged.slice(0, 3)).toEqual([]);
  }, 60_000);
});
