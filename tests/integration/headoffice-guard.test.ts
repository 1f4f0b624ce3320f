import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadOffice, type HeadOffice } from '../../scripts/couchStandin/server';
import { couchSetup } from '../../src-main/sync/couch/setup';
import { PouchDB } from '../../src-main/store/pouch';
import { tempDir } from '../support/app';
import { couchDocs } from '../support/couchDocs';
import { DESK_USERS, HO_ADMIN, HO_USER } from '../support/headOfficeUsers';

/**
 * The embedded head office behaves like CouchDB 3 on every route a desk or a caller can reach:
 * the routes as anonymous and as another clinic's desk, design documents, `_replicate`, `_users`,
 * the Host header; and head office's validation against the forgeries of issue 23, each through a
 * desk's HTTP write and through replication. One server for the file, set up once.
 */
const ADMIN = HO_ADMIN;
const { BJ: DESK_BJ, SH: DESK_SH } = DESK_USERS;
const HO = HO_USER;
type Who = { username: string; password: string } | null;

let ho: HeadOffice;
let dir: { path: string; remove(): void };
const shDoc = couchDocs.customer('SH', { name: '上海秘密客户' });
beforeAll(async () => {
  dir = tempDir('daoyi-guard-');
  ho = await startHeadOffice({ dataDir: join(dir.path, 'data'), admin: ADMIN });
  await couchSetup({ url: ho.url, admin: ADMIN, clinics: [{ code: 'BJ', deskUsers: [DESK_BJ] }, { code: 'SH', deskUsers: [DESK_SH] }], headOfficeUsers: [HO], consolidate: true });
  expect((await couch('PUT', `/clinic_sh/${encodeURIComponent(shDoc._id)}`, { as: DESK_SH, body: shDoc })).status).toBe(201);
});
afterAll(async () => {
  await ho.close();
  dir.remove();
});

interface Reply {
  status: number;
  text: string;
  body: Record<string, unknown>;
}

async function couch(method: string, path: string, { as = ADMIN, body, headers = {} }: { as?: Who; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const h: Record<string, string> = { Accept: 'application/json', ...headers };
  if (as) h.Authorization = 'Basic ' + Buffer.from(`${as.username}:${as.password}`).toString('base64');
  if (body !== undefined) h['Content-Type'] ??= 'application/json';
  const res = await fetch(ho.url + path, { method, headers: h, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    /* not JSON */
  }
  return { status: res.status, text, body: parsed };
}

/** Every route that reads or writes a database, aimed at SH's database, `_replicator`, `_users` or the server. */
const ROUTES: [string, string, unknown?][] = [
  ['GET', '/clinic_sh'],
  ['GET', '/clinic_sh/_all_docs?include_docs=true'],
  ['POST', '/clinic_sh/_all_docs', { keys: [shDoc._id] }],
  ['GET', '/clinic_sh/_changes?include_docs=true'],
  ['POST', '/clinic_sh/_changes', {}],
  ['POST', '/clinic_sh/_find', { selector: {} }],
  ['POST', '/clinic_sh/_explain', { selector: {} }],
  ['GET', '/clinic_sh/_index'],
  ['POST', '/clinic_sh/_index', { index: { fields: ['name'] }, ddoc: 'validation' }],
  ['POST', '/clinic_sh/_bulk_get', { docs: [{ id: shDoc._id }, { id: '_design/validation' }] }],
  ['POST', '/clinic_sh/_revs_diff', { [shDoc._id]: ['1-x'] }],
  ['POST', '/clinic_sh/_bulk_docs', { docs: [couchDocs.visit('SH')] }],
  ['POST', '/clinic_sh', couchDocs.visit('SH')],
  ['GET', `/clinic_sh/${encodeURIComponent(shDoc._id)}`],
  ['PUT', `/clinic_sh/${encodeURIComponent(shDoc._id)}`, shDoc],
  ['DELETE', `/clinic_sh/${encodeURIComponent(shDoc._id)}?rev=1-x`],
  ['GET', `/clinic_sh/${encodeURIComponent(shDoc._id)}/photo.jpg`],
  ['GET', '/clinic_sh/_local/x'],
  ['PUT', '/clinic_sh/_local/x', { a: 1 }],
  ['GET', '/clinic_sh/_security'],
  ['PUT', '/clinic_sh/_security', { members: { roles: [] } }],
  ['GET', '/clinic_sh/_design/validation'],
  ['GET', '/clinic_sh/_design/validation/_info'],
  ['GET', '/clinic_sh/_design/validation/_view/x'],
  ['PUT', '/clinic_sh/_design/validation', { validate_doc_update: 'function () {}' }],
  ['POST', '/clinic_sh/_compact'],
  ['POST', '/clinic_sh/_view_cleanup'],
  ['POST', '/clinic_sh/_ensure_full_commit'],
  ['GET', '/headoffice/_all_docs'],
  ['POST', '/headoffice/_find', { selector: {} }],
  ['GET', '/_replicator/_all_docs?include_docs=true'],
  ['POST', '/_replicator/_find', { selector: {} }],
  ['POST', '/_replicator/_bulk_get', { docs: [{ id: 'consolidate_clinic_bj' }] }],
  ['GET', '/_replicator/consolidate_clinic_bj'],
  ['GET', '/_replicator/_changes?include_docs=true'],
  ['GET', '/_users/_all_docs?include_docs=true'],
  ['POST', '/_users/_find', { selector: {} }],
  ['GET', '/_users/org.couchdb.user:desk_sh'],
  ['PUT', '/_users/org.couchdb.user:intruder', { _id: 'org.couchdb.user:intruder', name: 'intruder', type: 'user', roles: [], password: 'x' }],
  ['GET', '/_config'],
  ['GET', '/_config/admins'],
  ['PUT', '/_config/admins/intruder', '"x"'],
  ['GET', '/_all_dbs'],
  ['GET', '/_active_tasks'],
  ['POST', '/_replicate', { source: 'clinic_sh', target: 'stolen', create_target: true }],
  ['POST', '/_replicate', {}],
  ['PUT', '/stolen'],
  ['DELETE', '/clinic_sh'],
];

describe('the embedded head office’s routes', () => {
  it('refuse anonymous callers and another clinic’s desk on every route, and leak nothing', async () => {
    const secrets = [shDoc.name, 'validate_doc_update', 'headoffice_replication', 'password_scheme', 'derived_key', 'Basic ', '"auth"'];
    for (const as of [null, DESK_BJ, { ...DESK_SH, password: 'wrong' }]) {
      for (const [method, path, body] of ROUTES) {
        const reply = await couch(method, path, { as, body });
        const what = `${as?.username ?? 'anonymous'} ${method} ${path} → ${reply.status} ${reply.text.slice(0, 120)}`;
        expect([400, 401, 403, 404, 405], what).toContain(reply.status);
        for (const secret of secrets) expect(reply.text, what).not.toContain(secret);
      }
    }
    // Nothing was created or written.
    const dbs = (await couch('GET', '/_all_dbs')).body as unknown as string[];
    expect(dbs.sort()).toEqual(['_replicator', '_users', 'clinic_bj', 'clinic_sh', 'headoffice', 'reference']);
    expect((await couch('GET', '/clinic_sh/_all_docs')).body.total_rows).toBe(2); // the validation and shDoc
    expect((await couch('GET', '/_users/org.couchdb.user:intruder')).status).toBe(404);
    expect((await couch('GET', '/_config/admins')).body).not.toHaveProperty('intruder');
    // And the owners still get in.
    expect((await couch('POST', '/clinic_sh/_find', { as: DESK_SH, body: { selector: {} } })).body.docs).toHaveLength(1);
    expect((await couch('POST', '/clinic_sh/_bulk_get', { as: HO, body: { docs: [{ id: shDoc._id }] } })).status).toBe(200);
  });

  it('let only database admins write design documents, whichever way the write names one', async () => {
    const before = (await couch('GET', '/clinic_bj/_design/validation')).body._rev;
    const ddoc = { _id: '_design/validation', _rev: before, validate_doc_update: 'function () {}' };
    for (const as of [null, DESK_BJ, HO]) {
      const tries = [
        await couch('POST', '/clinic_bj/_index', { as, body: { index: { fields: ['x'] }, ddoc: 'validation' } }),
        await couch('POST', '/clinic_bj/_index', { as, body: { index: { fields: ['x'] } } }),
        await couch('PUT', '/clinic_bj/_design/validation', { as, body: ddoc }),
        await couch('PUT', '/clinic_bj/_design%2Fvalidation', { as, body: ddoc }),
        await couch('PUT', '/clinic_bj/%5Fdesign%2Fvalidation', { as, body: ddoc }),
        await couch('PUT', '/clinic_bj/innocent', { as, body: ddoc }),
        await couch('PUT', '/clinic_bj/innocent?id=_design/validation', { as, body: { validate_doc_update: 'function () {}' } }),
        await couch('PUT', '/clinic_bj/_local/x', { as, body: ddoc }),
        await couch('POST', '/clinic_bj', { as, body: ddoc }),
        await couch('POST', '/clinic_bj/_bulk_docs', { as, body: { docs: [ddoc] } }),
        await couch('POST', '/clinic_bj/_bulk_docs', { as, body: { new_edits: false, docs: [{ ...ddoc, _rev: '99-a', _revisions: { start: 99, ids: ['a'] } }] } }),
        await couch('PUT', `/clinic_bj/_design/validation/x.js?rev=${String(before)}`, { as, body: 'x', headers: { 'Content-Type': 'text/plain' } }),
        await couch('DELETE', `/clinic_bj/_design/validation?rev=${String(before)}`, { as }),
        await couch('COPY', '/clinic_bj/innocent', { as, headers: { Destination: '_design/validation' } }),
      ];
      for (const t of tries) expect([400, 401, 403, 405, 415], `${as?.username ?? 'anonymous'}: ${t.status} ${t.text}`).toContain(t.status);
    }
    expect((await couch('GET', '/clinic_bj/_design/validation')).body._rev).toBe(before);
    const ids = ((await couch('GET', '/clinic_bj/_all_docs')).body.rows as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual(['_design/validation']);
  });

  it('answer POST /_replicate only to the admin, only between http(s) URLs, and keep running', async () => {
    for (const body of [undefined, {}, { source: 'http://127.0.0.1:1/x', target: 'b' }, { source: '../evil', target: '../evil2', create_target: true }])
      expect((await couch('POST', '/_replicate', { as: null, ...(body ? { body } : {}) })).status).toBe(401);
    for (const body of [{ source: '../evil', target: '../evil2', create_target: true }, { source: '_users', target: 'copy', create_target: true }, { source: { url: 5 } }, {}])
      expect((await couch('POST', '/_replicate', { body })).status, JSON.stringify(body)).toBe(400);
    // An unreachable source is an answer, not a crash.
    expect((await couch('POST', '/_replicate', { body: { source: 'http://127.0.0.1:1/x', target: `${ho.url}/nowhere` } })).status).toBeGreaterThanOrEqual(400);
    expect((await couch('GET', '/_up', { as: null })).body).toEqual({ status: 'ok' });
    expect(readdirSync(dirname(join(dir.path, 'data'))).sort()).toEqual(['data']);
    expect(existsSync(join(dir.path, 'data', 'copy'))).toBe(false);
    // Between URLs, with credentials, it replicates (as CouchDB 3's does).
    const auth = { basic: ADMIN };
    const done = await couch('POST', '/_replicate', { body: { source: { url: `${ho.url}/clinic_sh`, auth }, target: { url: `${ho.url}/reference`, auth }, doc_ids: ['nothing'] } });
    expect(done.status, done.text).toBe(200);
  });

  it('answer only its own Host', async () => {
    for (const host of ['evil.example', `evil.example:${ho.port}`, `127.0.0.1:${ho.port + 1}`, 'localhost']) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: ho.port, path: '/', headers: { Host: host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status, host).toBe(400);
    }
    const own = await fetch(`http://localhost:${ho.port}/`);
    expect(own.status).toBe(200);
  });

  it('offer nothing CouchDB 3 does not, or that would go round the gate', async () => {
    for (const path of ['/_utils', '/_node/node1@127.0.0.1/_config', '/_stats', '/_db_updates', '/_membership', '/_scheduler/docs', '/clinic_bj/_temp_view', '/clinic_bj/_design/validation/_show/x', '/clinic_bj/_design/validation/_rewrite/x', '/clinic_bj/_purge'])
      expect([404, 405], path).toContain((await couch('GET', path)).status);
    for (const path of ['/Clinic_bj', '/..%2Fevil', '/clinic_b%2Fj', '/a.b', '/%00'])
      expect((await couch('GET', `${path}/_all_docs`)).status, path).toBe(400);
  });

  it('let a user read their own user document and change its password, not its name or roles, and nobody sign up', async () => {
    const self = (await couch('GET', '/_users/org.couchdb.user:desk_bj', { as: DESK_BJ })).body;
    expect(self.name).toBe('desk_bj');
    expect((await couch('GET', '/_users/org.couchdb.user:desk_sh', { as: DESK_BJ })).status).toBe(403);
    expect((await couch('PUT', '/_users/org.couchdb.user:desk_bj', { as: DESK_BJ, body: { ...self, roles: ['clinic_BJ', 'headoffice'] } })).status).toBe(403);
    expect((await couch('PUT', '/_users/org.couchdb.user:desk_bj', { as: DESK_BJ, body: { ...self, name: 'admin' } })).status).toBe(403);
    expect((await couch('DELETE', `/_users/org.couchdb.user:desk_bj?rev=${String(self._rev)}`, { as: DESK_BJ })).status).toBe(403);
    expect((await couch('PUT', '/_users/org.couchdb.user:newbie', { as: null, body: { _id: 'org.couchdb.user:newbie', name: 'newbie', type: 'user', roles: [], password: 'x' } })).status).toBe(401);
  });
});

/** A desk's PouchDB on disk, pushed to clinic_bj as desk_bj: what was denied, what was written. */
async function pushFromDesk(docs: object[]) {
  const local = new PouchDB(join(dir.path, `desk-${Math.random().toString(36).slice(2)}`));
  try {
    await local.bulkDocs(docs as PouchDB.Core.PutDocument<object>[], { new_edits: false });
    const remote = new PouchDB(`${ho.url}/clinic_bj`, { adapter: 'http', skip_setup: true, auth: DESK_BJ } as PouchDB.Configuration.RemoteDatabaseConfiguration);
    const denied: string[] = [];
    const result = await local.replicate.to(remote).on('denied', (err) => denied.push(String((err as { message?: string }).message ?? err)));
    return { denied, written: result.docs_written };
  } finally {
    await local.destroy();
  }
}

describe('head office’s validation against a desk’s forgeries (issue 23)', () => {
  const pin = 'scrypt$' + 'A'.repeat(22) + '==$' + 'B'.repeat(43) + '=';

  async function stored(id: string) {
    return (await couch('GET', `/clinic_bj/${encodeURIComponent(id)}?revs=true&conflicts=true`)).body;
  }

  it('refuses rewriting a signed inspection, a customer or a checklist version by deleting it with made-up markers and writing it again (HTTP)', async () => {
    for (const doc of [couchDocs.signedInspection('BJ'), couchDocs.customer('BJ'), couchDocs.teaTemplate('BJ', 7)]) {
      const rev = (await couch('PUT', `/clinic_bj/${encodeURIComponent(doc._id)}`, { as: DESK_BJ, body: doc })).body.rev as string;
      expect(rev, doc._id).toMatch(/^1-/);
      const stub = { _id: doc._id, _rev: rev, _deleted: true, conflictResolvedBy: 'x', conflictArchiveId: 'y' };
      const del = await couch('PUT', `/clinic_bj/${encodeURIComponent(doc._id)}`, { as: DESK_BJ, body: stub });
      expect(del.status, `${doc._id}: ${del.text}`).toBe(403);
      expect((await couch('DELETE', `/clinic_bj/${encodeURIComponent(doc._id)}?rev=${rev}`, { as: DESK_BJ })).status).toBe(403);
      expect((await stored(doc._id))._rev).toBe(rev);
    }
  });

  it('refuses the same forgeries through replication: a deletion stub, and the record written again over it', async () => {
    const A = 'a'.repeat(32);
    const B = 'b'.repeat(32);
    const C = 'c'.repeat(32);
    for (const doc of [couchDocs.signedInspection('BJ'), couchDocs.customer('BJ'), couchDocs.teaTemplate('BJ', 8), couchDocs.complaintNumber('BJ')]) {
      const first = { ...doc, _rev: `1-${A}`, _revisions: { start: 1, ids: [A] } };
      expect(await pushFromDesk([first])).toEqual({ denied: [], written: 1 });
      const stub = { _id: doc._id, _rev: `2-${B}`, _revisions: { start: 2, ids: [B, A] }, _deleted: true, conflictResolvedBy: 'staff:BJ:lead', conflictArchiveId: 'conflict-archive:forged' };
      expect((await pushFromDesk([stub])).written, doc._id).toBe(0);
      // Written again on top of the deletion, with other content and other creation stamps.
      const again = { ...doc, inspectorName: '伪造', name: '伪造', serial: 99, createdBy: 'staff:BJ:forger', createdAt: '2026-01-01T00:00:00.000Z', _rev: `3-${C}`, _revisions: { start: 3, ids: [C, B, A] } };
      const pushed = await pushFromDesk([stub, again]);
      expect(pushed.written, `${doc._id}: ${JSON.stringify(pushed)}`).toBe(0);
      const now = await stored(doc._id);
      expect(now._rev, doc._id).toBe(first._rev);
      expect(now._deleted).toBeUndefined();
    }
  });

  it('refuses a made-up role, a head-office role, a PIN hash not made by the app, a forged creator and an edited complaint number, by HTTP and by replication', async () => {
    const forged = [
      couchDocs.staff('BJ', { role: 'root' }),
      couchDocs.staff('BJ', { role: 'gmOffice', pinHash: pin }),
      couchDocs.staff('BJ', { role: 'dean', pinHash: 'plain-1234' }),
      couchDocs.visit('BJ', { createdBy: 'staff:SH:lead' }),
    ];
    for (const doc of forged) {
      const reply = await couch('PUT', `/clinic_bj/${encodeURIComponent(doc._id)}`, { as: DESK_BJ, body: doc });
      expect(reply.status, `${doc._id}: ${reply.text}`).toBe(403);
      const pushed = await pushFromDesk([{ ...doc, _rev: '1-dddddddddddddddddddddddddddddddd', _revisions: { start: 1, ids: ['dddddddddddddddddddddddddddddddd'] } }]);
      expect(pushed.written, doc._id).toBe(0);
      expect(pushed.denied, doc._id).toHaveLength(1);
      expect((await couch('GET', `/clinic_bj/${encodeURIComponent(doc._id)}`)).status).toBe(404);
    }
    const number = couchDocs.complaintNumber('BJ');
    const rev = (await couch('PUT', `/clinic_bj/${encodeURIComponent(number._id)}`, { as: DESK_BJ, body: number })).body.rev as string;
    for (const change of [{ serial: 2 }, { month: '2026-12' }])
      expect((await couch('PUT', `/clinic_bj/${encodeURIComponent(number._id)}`, { as: DESK_BJ, body: { ...number, ...change, _rev: rev } })).status).toBe(403);
    const edited = { ...number, serial: 2, _rev: `2-eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee`, _revisions: { start: 2, ids: ['eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', rev.slice(2)] } };
    expect((await pushFromDesk([edited])).written).toBe(0);
    expect((await stored(number._id)).serial).toBe(1);
    // Head office may give a head-office role.
    const granted = couchDocs.staff('BJ', { role: 'hoCsDirector', createdBy: 'staff:HO:director' });
    expect((await couch('PUT', `/clinic_bj/${encodeURIComponent(granted._id)}`, { as: HO, body: granted })).status).toBe(201);
  });
});
