import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytes } from '../../src-main/util/bytes';
import { DESK_USERS, HO_ADMIN, startTestHeadOffice, type TestHeadOffice } from '../support/headOffice';
import { seededRandom } from '../../scripts/random';

/**
 * A fuzz test of the embedded head office at the socket level: seeded generated requests (methods,
 * targets over every route the gate knows and many it does not, traversal, encodings, bad JSON,
 * JSON bombs, bad and other clinics' credentials, Host headers, lying Content-Length, broken
 * chunked bodies) sent as raw bytes to 127.0.0.1. After every batch the server must still answer
 * `GET /` and `GET /_up`, have logged no error that no handler caught, and nothing may have been
 * created or written: `_all_dbs`, every database's `update_seq` and the data folder are as before.
 * Bounded: at most TRIES requests and BUDGET_MS of sending.
 */
/** The seed (DAOYI_FUZZ_SEED replays or explores another). */
const SEED = Number(process.env.DAOYI_FUZZ_SEED ?? 20261202);
const TRIES = 5000;
const BATCH = 100;
const PARALLEL = 16;
const BUDGET_MS = 30_000;
const SOCKET_MS = 3_000;
const HALF_CLOSE_MS = 300;


const basic = (u: string, p: string) => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64');

const PATHS = [
  '/', '/_up', '/_session', '/_uuids?count=5', '/_all_dbs', '/_active_tasks', '/_config', '/_config/admins', '/_config/admins/admin', '/_config/httpd/config_whitelist',
  '/_replicate', '/_utils/', '/_node/node1@127.0.0.1/_config', '/_stats', '/_db_updates', '/_scheduler/docs', '/_restart', '/_foo',
  '/clinic_sh', '/clinic_sh/', '/clinic_sh/_all_docs?include_docs=true', '/clinic_sh/_changes?include_docs=true&feed=normal', '/clinic_sh/_changes?filter=_selector',
  '/clinic_sh/_changes?filter=validation/x', '/clinic_sh/_changes?filter=_view&view=a/b', '/clinic_sh/_changes?filter=_doc_ids', '/clinic_sh/_find', '/clinic_sh/_explain',
  '/clinic_sh/_index', '/clinic_sh/_index/_design/validation/json/x', '/clinic_sh/_bulk_get', '/clinic_sh/_bulk_docs', '/clinic_sh/_revs_diff', '/clinic_sh/_security',
  '/clinic_sh/_compact', '/clinic_sh/_view_cleanup', '/clinic_sh/_ensure_full_commit', '/clinic_sh/_temp_view', '/clinic_sh/_purge', '/clinic_sh/_local/x',
  '/clinic_sh/_design/validation', '/clinic_sh/_design%2Fvalidation', '/clinic_sh/%5Fdesign%2Fvalidation', '/clinic_sh/_design/validation/_info',
  '/clinic_sh/_design/validation/_view/x', '/clinic_sh/_design/validation/_show/x', '/clinic_sh/_design/validation/_list/a/b', '/clinic_sh/_design/validation/_update/x',
  '/clinic_sh/_design/validation/_rewrite/x', '/clinic_sh/_design/validation/att.js', '/clinic_sh/customer:SH:x', '/clinic_sh/customer:SH:x/photo.jpg',
  '/clinic_sh/customer%3ASH%3Ax?rev=1-x', '/clinic_sh/staff:SH:x?revs=true&open_revs=all', '/headoffice/_all_docs', '/headoffice/_find', '/reference/calendar:2026',
  '/reference/_bulk_docs', '/_replicator', '/_replicator/_all_docs?include_docs=true', '/_replicator/_find', '/_replicator/_bulk_get', '/_replicator/consolidate_clinic_bj',
  '/_replicator/_changes?include_docs=true', '/_users', '/_users/_all_docs', '/_users/_find', '/_users/org.couchdb.user:desk_sh', '/_users/org.couchdb.user:admin',
  '/_users/org.couchdb.user:intruder', '/../etc/passwd', '/..%2F..%2Fevil', '/%2e%2e/evil', '/clinic_sh/..%2F..%2Fx', '/clinic_b%2Fj/_all_docs', '/Clinic_SH', '/a.b',
  '/con', '/%00', '/%zz', '/clinic_sh//x', '//clinic_sh', '/clinic_sh/%E0%A4%A', '/newdb', '/newdb/_bulk_docs', '/_global_changes', '/clinic_bj', '/clinic_bj/_bulk_docs',
  '/clinic_bj/_design/validation', '/clinic_bj/_index', '/clinic_bj/x', '/clinic_bj/_local/x',
];
const ODD_TARGETS = ['*', 'http://evil.example/clinic_sh', 'http://[', 'http://%', '//[/x', 'https://%zz/', 'http://:99999999/', 'http://exa%00mple/', 'clinic_sh', `/${'a'.repeat(9000)}`, '/\u00e9'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'COPY', 'OPTIONS', 'PATCH', 'TRACE', 'PROPFIND', 'MOVE', 'get', 'G\u0000T', 'X'.repeat(300)];

const DESIGN = { _id: '_design/validation', validate_doc_update: 'function () {}' };
function jsonBodies(): string[] {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  return [
    '{}', '[]', 'null', '"x"', '1e999', '{"a":', '{"a":1}}', '{\u0000}', deep(5000), `{"x":"${'y'.repeat(200_000)}"}`,
    JSON.stringify(DESIGN), JSON.stringify({ docs: [DESIGN] }), JSON.stringify({ new_edits: false, docs: [{ ...DESIGN, _rev: '9-a', _revisions: { start: 9, ids: ['a'] } }] }),
    JSON.stringify({ docs: [1, null, 'x'] }), JSON.stringify({ docs: 'x' }), JSON.stringify({ selector: {} }), JSON.stringify({ selector: { $where: 'x' } }),
    JSON.stringify({ index: { fields: ['x'] }, ddoc: 'validation' }), JSON.stringify({ docs: [{ id: 'consolidate_clinic_bj' }, { id: '_design/validation' }] }),
    JSON.stringify({ source: '../evil', target: '../evil2', create_target: true }), JSON.stringify({ source: 'http://127.0.0.1:1/x', target: 'b' }),
    JSON.stringify({ source: '_users', target: 'copy', create_target: true }), JSON.stringify({ source: { url: 5 } }), JSON.stringify({ keys: [1, {}, null] }),
    JSON.stringify({ _id: 'org.couchdb.user:intruder', name: 'intruder', type: 'user', roles: ['_admin'], password: 'x' }),
    JSON.stringify({ name: 'desk_sh', password: 'wrong' }), JSON.stringify({ name: { $gt: '' }, password: [] }), JSON.stringify({ members: { roles: [] }, admins: { roles: [] } }),
    '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}', JSON.stringify({ 'customer:SH:x': ['1-x'] }), '"admin-pw"',
  ];
}

interface Case {
  bytes: Uint8Array;
  what: string;
}

function generate(next: () => number, port: number): Case {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chance = (p: number) => next() < p;
  let method = chance(0.9) ? pick(METHODS.slice(0, 6)) : pick(METHODS);
  let target = chance(0.93) ? pick(PATHS) : pick(ODD_TARGETS);
  if (chance(0.05)) target += `?${pick(['rev=1-x', 'id=_design/validation', 'filter=_design', 'since=now&feed=longpoll&timeout=1', 'q=%', 'a=1&a=2', 'include_docs=true&attachments=true'])}`;
  // Who: nobody, broken credentials, a wrong password, a cookie that is no session, or SH's desk (aimed at other databases than its own).
  const auth = chance(0.01) ? 'huge' : pick(['none', 'none', 'garbage', 'empty', 'wrong', 'cookie', 'desk', 'desk', 'desk', 'bearer']);
  const headers: string[] = [];
  const host = chance(0.9) ? `127.0.0.1:${port}` : pick(['evil.example', `localhost:${port}`, '', `127.0.0.1:${port}, evil`, 'x'.repeat(5000), 'none', 'twice']);
  if (host === 'twice') headers.push(`Host: 127.0.0.1:${port}`, 'Host: evil.example');
  else if (host !== 'none') headers.push(`Host: ${host}`);
  if (auth === 'garbage') headers.push(`Authorization: ${pick(['Basic !!!', 'Basic', 'Basic ' + Buffer.from('nocolon').toString('base64'), 'Digest x', 'Basic ' + Buffer.from(':').toString('base64'), 'Basic =====', 'Basic ' + Buffer.from('admin:').toString('base64')])}`);
  if (auth === 'empty') headers.push('Authorization: ');
  if (auth === 'wrong') headers.push(`Authorization: ${basic(pick(['admin', 'desk_sh', 'desk_bj', 'headoffice_replication', 'nobody']), 'wrong')}`);
  if (auth === 'cookie') headers.push(`Cookie: AuthSession=${pick(['x', 'ZGVza19zaDo1QjA1QTA5Rjp4', '', '%zz', 'a'.repeat(3000)])}`);
  if (auth === 'bearer') headers.push('Authorization: Bearer x');
  if (auth === 'huge') headers.push(`Authorization: Basic ${'A'.repeat(20_000)}`);
  if (auth === 'desk') {
    // SH's desk is a member of clinic_sh and reads reference: aim it at what it may not touch.
    headers.push(`Authorization: ${basic(DESK_USERS.SH.username, DESK_USERS.SH.password)}`);
    target = target.replace(/clinic_sh/g, 'clinic_bj').replace(/\/reference\//g, '/headoffice/').replace('org.couchdb.user:desk_sh', 'org.couchdb.user:desk_bj');
    if (method === 'POST' && target.startsWith('/_session')) method = 'GET';
  }
  let body = '';
  if (chance(0.6)) body = pick(jsonBodies());
  const type = chance(0.1)
    ? pick(['multipart/related; boundary=x', 'multipart/form-data; boundary=x', 'application/json; charset=utf-32', 'text/plain'])
    : pick(['application/json', 'application/json', 'application/json', 'application/x-www-form-urlencoded', 'none']);
  if (type !== 'none') headers.push(`Content-Type: ${type}`);
  const length = Buffer.byteLength(body);
  const framing = chance(0.75) ? 'exact' : pick(['none', 'short', 'long', 'huge', 'negative', 'nan', 'twice', 'chunked', 'badchunk']);
  let payload = body;
  if (framing === 'exact') headers.push(`Content-Length: ${length}`);
  if (framing === 'short') headers.push(`Content-Length: ${Math.max(0, length - 3)}`);
  if (framing === 'long') headers.push(`Content-Length: ${length + 1000}`);
  if (framing === 'huge') headers.push('Content-Length: 99999999999999');
  if (framing === 'negative') headers.push('Content-Length: -1');
  if (framing === 'nan') headers.push('Content-Length: abc');
  if (framing === 'twice') headers.push(`Content-Length: ${length}`, `Content-Length: ${length + 1}`);
  if (framing === 'chunked') {
    headers.push('Transfer-Encoding: chunked');
    payload = `${length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
  }
  if (framing === 'badchunk') {
    headers.push('Transfer-Encoding: chunked');
    payload = `zz\r\n${body}\r\n`;
  }
  if (chance(0.03)) headers.push(`X-${'h'.repeat(100)}: ${'v'.repeat(100)}`, 'Bad Header: x', 'Destination: _design/validation');
  if (chance(0.03)) headers.push(`Accept: ${pick(['text/html', '*/*', 'application/json'])}`);
  const head = `${method} ${target} HTTP/1.${chance(0.95) ? 1 : 0}\r\n${headers.join('\r\n')}\r\nConnection: close\r\n\r\n`;
  return { bytes: bytes(Buffer.concat([bytes(Buffer.from(head, 'latin1')), bytes(Buffer.from(payload))])), what: `${method} ${target.slice(0, 80)} auth=${auth} host=${host.slice(0, 30)} type=${type} framing=${framing} body=${body.slice(0, 40)}` };
}

/** Sends one request's bytes and waits for the server to answer and close; the status line, if any. */
function send(port: number, request: Uint8Array): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let first = '';
    const done = () => {
      socket.destroy();
      resolve(first.split('\r\n')[0]!.slice(0, 40) || '(closed)');
    };
    socket.setTimeout(SOCKET_MS, done);
    socket.on('data', (chunk: Buffer) => {
      if (first.length < 64) first += chunk.toString('latin1');
    });
    socket.on('error', done);
    socket.on('close', done);
    // Half-closing at once would make Node's server abort the request before it answers; a request
    // whose framing promises more than it sends is half-closed after a moment instead.
    socket.write(request, () => setTimeout(() => socket.end(), HALF_CLOSE_MS).unref());
  });
}

let ho: TestHeadOffice;
beforeAll(async () => {
  ho = await startTestHeadOffice({ consolidate: true });
}, 60_000);
afterAll(async () => {
  await ho.close();
});

async function state() {
  const dbs = (await ho.admin<string[]>('GET', '/_all_dbs')).body;
  const seqs: Record<string, unknown> = {};
  for (const db of dbs) seqs[db] = (await ho.admin<{ update_seq: unknown; doc_count: unknown }>('GET', `/${encodeURIComponent(db)}`)).body.update_seq;
  const folders = readdirSync(ho.dir, { withFileTypes: true }).map((e) => e.name);
  const dbFolders = readdirSync(join(ho.dir, 'data'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  return { dbs: [...dbs].sort(), seqs, folders: folders.sort(), dbFolders: dbFolders.sort() };
}

async function answers() {
  const root = await fetch(`${ho.url}/`);
  const up = await fetch(`${ho.url}/_up`);
  return [root.status, up.status];
}

describe('the embedded head office under generated hostile requests', () => {
  it('keeps answering GET / and /_up after every batch, and nothing is created or written', async () => {
    const next = seededRandom(SEED);
    const before = await state();
    expect(before.dbs).toEqual(['_replicator', '_users', 'clinic_bj', 'clinic_sh', 'headoffice', 'reference']);
    const statuses: Record<string, number> = {};
    const started = Date.now();
    let tries = 0;
    let held = 0;
    while (tries < TRIES && Date.now() - started < BUDGET_MS) {
      const batch = Array.from({ length: BATCH }, () => generate(next, ho.port));
      for (let i = 0; i < batch.length; i += PARALLEL) {
        const answered = await Promise.all(batch.slice(i, i + PARALLEL).map((c) => send(ho.port, c.bytes)));
        answered.forEach((line, j) => {
          const status = /^HTTP\/1\.\d (\d{3})/.exec(line)?.[1] ?? line;
          statuses[status] = (statuses[status] ?? 0) + 1;
          // A 5xx is a fault the gate should have answered; name the request that got it.
          expect(status.startsWith('5'), `${line} for ${batch[i + j]!.what}`).toBe(false);
        });
      }
      tries += batch.length;
      expect(await answers(), `after ${tries} tries`).toEqual([200, 200]);
      expect(ho.errors(), `after ${tries} tries`).toEqual([]);
      expect(await state(), `after ${tries} tries`).toEqual(before);
      held = tries;
    }
    console.log(`head office fuzz (seed ${SEED}): ${tries} tries, ${held} held, in ${Date.now() - started} ms; answers ${JSON.stringify(statuses)}`);
    expect(tries).toBeGreaterThanOrEqual(1000);
    // The admin still gets in: the server is not merely up but working.
    expect((await ho.admin('GET', '/_session')).body).toMatchObject({ userCtx: { name: HO_ADMIN.username, roles: ['_admin'] } });
  }, 60_000);
});
