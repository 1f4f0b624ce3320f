import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHeadOffice, type HeadOffice } from '../../scripts/couchStandin/server';
import { couchSetup, type CouchSetupOptions } from '../../src-main/sync/couch/setup';
import { clinicValidation, headOfficeValidation, referenceValidation } from '../../src-main/sync/couch/validation';
import { PouchDB } from '../../src-main/store/pouch';
import { calendar2026, calendarDoc, calendarProblems, calendarProblemText, type CalendarDoc } from '../../shared/reference/calendar';
import { startTestApp, tempDir } from '../support/app';
import { couchDocs } from '../support/couchDocs';
import { firstVisit, setUpClinic } from '../support/factories';
import { docRegistry } from '../../shared/docTypes';
import { exampleDoc, objectOf, referenceTypes } from '../support/docExamples';

/** couchSetup against the embedded head office over real HTTP, a fresh data directory per test. */
const ADMIN = { username: 'admin', password: 'admin-secret' };
const DESK_BJ = { username: 'desk_bj', password: 'bj-secret' };
const DESK_SH = { username: 'desk_sh', password: 'sh-secret' };
const HO = { username: 'ho_director', password: 'ho-secret' };
type Who = { username: string; password: string } | null;

let ho: HeadOffice;
let dir: { path: string; remove(): void };
beforeEach(async () => {
  dir = tempDir('daoyi-couch-');
  ho = await startHeadOffice({ dataDir: dir.path, admin: ADMIN });
});
afterEach(async () => {
  await ho.close();
  dir.remove();
});

function options(overrides: Partial<CouchSetupOptions> = {}): CouchSetupOptions {
  return {
    url: ho.url,
    admin: ADMIN,
    clinics: [
      { code: 'BJ', name: '北京院', deskUsers: [DESK_BJ] },
      { code: 'SH', name: '上海院', deskUsers: [DESK_SH] },
    ],
    headOfficeUsers: [HO],
    consolidate: true,
    now: () => new Date('2026-11-27T02:00:00Z'),
    ...overrides,
  };
}

type Doc = { _id: string } & Record<string, unknown>;

interface Reply {
  status: number;
  body: Record<string, unknown> & { reason?: string; _rev?: string };
}

/** One CouchDB call as `who` (default the server admin; null = anonymous). */
async function couch(method: string, path: string, { as = ADMIN, body }: { as?: Who; body?: unknown } = {}): Promise<Reply> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (as) headers.Authorization = 'Basic ' + Buffer.from(`${as.username}:${as.password}`).toString('base64');
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(ho.url + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

const put = (db: string, doc: { _id: string } & Record<string, unknown>, as: Who = ADMIN) => couch('PUT', `/${db}/${encodeURIComponent(doc._id)}`, { as, body: doc });

/** Everything set-up writes, by what it would change: _security, revisions, sequence numbers. */
async function serverState() {
  const state: Record<string, unknown> = {};
  for (const db of ['clinic_bj', 'clinic_sh', 'reference', 'headoffice', '_replicator', '_users']) {
    state[`${db} _security`] = (await couch('GET', `/${db}/_security`)).body;
    state[`${db} validation rev`] = (await couch('GET', `/${db}/_design/validation`)).body._rev ?? null;
  }
  for (const db of ['clinic_bj', 'clinic_sh', 'reference', '_users', '_replicator']) state[`${db} update_seq`] = (await couch('GET', `/${db}`)).body.update_seq;
  for (const user of [DESK_BJ, DESK_SH, HO, { username: 'headoffice_replication' }]) state[`user ${user.username}`] = (await couch('GET', `/_users/org.couchdb.user:${user.username}`)).body._rev;
  for (const id of ['consolidate_clinic_bj', 'consolidate_clinic_sh']) state[id] = (await couch('GET', `/_replicator/${id}`)).body._rev;
  state.calendar = (await couch('GET', '/reference/calendar:2026')).body._rev;
  return state;
}

/** Polls until `check` gives a value, for at most `ms`: waits for a fact, not for a guess at the time. */
async function waitFor<T>(check: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('couchSetup: what it creates', () => {
  it('creates the databases, their _security, the users, the validation and the 2026 calendar', async () => {
    const { changes, notes } = await couchSetup(options());
    expect(notes).toEqual([]);
    expect(changes).toEqual(
      expect.arrayContaining([
        'created database clinic_bj',
        'created database clinic_sh',
        'created database reference',
        'created database headoffice',
        'installed _design/validation in clinic_bj',
        'installed _design/validation in reference',
        'installed _design/validation in headoffice',
        'created user desk_bj (roles clinic_BJ)',
        'created user ho_director (roles headoffice)',
        'seeded calendar:2026 into reference',
        'created _replicator/consolidate_clinic_bj',
        'created _replicator/consolidate_clinic_sh',
      ]),
    );

    const dbs = (await couch('GET', '/_all_dbs')).body as unknown as string[];
    expect(dbs).toEqual(expect.arrayContaining(['clinic_bj', 'clinic_sh', 'reference', 'headoffice', '_replicator', '_users']));

    const bj = (await couch('GET', '/clinic_bj/_security')).body as { members: { roles: string[] }; admins: { roles: string[] } };
    expect(bj.members.roles.sort()).toEqual(['clinic_BJ', 'headoffice', 'headoffice_replication']);
    expect(bj.admins.roles).toEqual(['headoffice_admin']);
    const reference = (await couch('GET', '/reference/_security')).body as { members: { roles: string[] } };
    expect(reference.members.roles.sort()).toEqual(['clinic_BJ', 'clinic_SH', 'headoffice']);
    const headoffice = (await couch('GET', '/headoffice/_security')).body as { members: { roles: string[] } };
    expect(headoffice.members.roles).toEqual(['headoffice', 'headoffice_replication']);
    const replicator = (await couch('GET', '/_replicator/_security')).body as { members: { roles: string[] } };
    expect(replicator.members.roles).toEqual(['_admin']);

    expect((await couch('GET', '/_users/org.couchdb.user:desk_bj')).body.roles).toEqual(['clinic_BJ']);
    expect((await couch('GET', '/_users/org.couchdb.user:desk_sh')).body.roles).toEqual(['clinic_SH']);
    expect((await couch('GET', '/_users/org.couchdb.user:ho_director')).body.roles).toEqual(['headoffice']);
    // The passwords given are the ones that sign in.
    expect((await couch('GET', '/_session', { as: DESK_BJ })).body.userCtx).toEqual({ name: 'desk_bj', roles: ['clinic_BJ'] });

    expect((await couch('GET', '/clinic_bj/_design/validation')).body.validate_doc_update).toBe(clinicValidation('BJ'));
    expect((await couch('GET', '/clinic_sh/_design/validation')).body.validate_doc_update).toBe(clinicValidation('SH'));
    expect((await couch('GET', '/reference/_design/validation')).body.validate_doc_update).toBe(referenceValidation());
    expect((await couch('GET', '/headoffice/_design/validation')).body.validate_doc_update).toBe(headOfficeValidation());

    const calendar = (await couch('GET', '/reference/calendar:2026')).body;
    expect(calendar).toMatchObject({ type: 'calendar', clinic: '*', year: 2026, holidays: calendar2026.holidays, workdays: calendar2026.workdays });
    // Every other year the pinned chinese-days package has (issue 18): December 2025 has its calendar.
    const y2025 = (await couch('GET', '/reference/calendar:2025')).body;
    expect(y2025).toMatchObject({ type: 'calendar', year: 2025, source: expect.stringContaining('chinese-days 1.5.7') });
    expect((await couch('GET', '/reference/calendar:2004')).status).toBe(200);

    const replication = (await couch('GET', '/_replicator/consolidate_clinic_bj')).body;
    const basic = { username: 'headoffice_replication', password: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) };
    expect(replication).toMatchObject({
      source: { url: `${ho.url}/clinic_bj`, auth: { basic } },
      target: { url: `${ho.url}/headoffice`, auth: { basic } },
      continuous: true,
      selector: { _id: { $regex: '^[^_]' } },
    });
    // The replication user, never the admin: no admin password, no Authorization header, nothing in the URL.
    expect(JSON.stringify(replication)).not.toContain(ADMIN.password);
    expect(JSON.stringify(replication)).not.toContain(Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64'));
    expect(JSON.stringify(replication)).not.toMatch(/"headers"|Authorization/);
    const replicationUser = { username: 'headoffice_replication', password: (replication.source as { auth: { basic: { password: string } } }).auth.basic.password };
    expect((await couch('GET', '/_session', { as: replicationUser })).body.userCtx).toEqual({ name: 'headoffice_replication', roles: ['headoffice_replication'] });
    // It reads the clinics and writes headoffice; it cannot write a clinic's database, nor read _replicator or _users.
    expect((await couch('GET', '/clinic_bj/_all_docs', { as: replicationUser })).status).toBe(200);
    expect((await put('clinic_bj', couchDocs.visit('BJ'), replicationUser)).status).toBe(403);
    expect([401, 403]).toContain((await couch('GET', '/_replicator/consolidate_clinic_bj', { as: replicationUser })).status);
    expect([401, 403]).toContain((await couch('GET', '/_users/_all_docs', { as: replicationUser })).status);
  });

  it('writes nothing on a second run with the same arguments', async () => {
    expect((await couchSetup(options())).changes.length).toBeGreaterThan(10);
    const before = await serverState();
    const again = await couchSetup(options());
    expect(again).toEqual({ changes: [], notes: [] });
    expect(await serverState()).toEqual(before);
  });

  it('keeps both clinics on reference when run for BJ, then for SH', async () => {
    await couchSetup(options({ clinics: [{ code: 'BJ', deskUsers: [DESK_BJ] }], headOfficeUsers: [], consolidate: false }));
    const bjState = (await couch('GET', '/clinic_bj/_security')).body;
    const { changes } = await couchSetup(options({ clinics: [{ code: 'SH', deskUsers: [DESK_SH] }], headOfficeUsers: [], consolidate: false }));
    expect(changes).not.toContain('created database clinic_bj');
    const reference = (await couch('GET', '/reference/_security')).body as { members: { roles: string[] } };
    expect(reference.members.roles.sort()).toEqual(['clinic_BJ', 'clinic_SH', 'headoffice']);
    expect((await couch('GET', '/clinic_bj/_security')).body).toEqual(bjState);
    // Both desks read reference.
    expect((await couch('GET', '/reference/calendar:2026', { as: DESK_BJ })).status).toBe(200);
    expect((await couch('GET', '/reference/calendar:2026', { as: DESK_SH })).status).toBe(200);
  });

  it('keeps an existing password unless told to reset it, and puts changed roles back', async () => {
    await couchSetup(options());
    const changed = { ...DESK_BJ, password: 'a-new-secret' };
    const kept = await couchSetup(options({ clinics: [{ code: 'BJ', deskUsers: [changed] }] }));
    expect(kept.changes).toEqual([]);
    expect(kept.notes).toEqual([expect.stringContaining('user desk_bj exists and does not sign in with the password given')]);
    expect((await couch('GET', '/_session', { as: DESK_BJ })).status).toBe(200);

    const reset = await couchSetup(options({ clinics: [{ code: 'BJ', deskUsers: [changed] }], resetPasswords: true }));
    expect(reset.changes).toEqual(['set the password of user desk_bj']);
    expect((await couch('GET', '/_session', { as: changed })).status).toBe(200);
    expect((await couch('GET', '/_session', { as: DESK_BJ })).status).toBe(401);
    // Even with resetPasswords, a password that already signs in is not written again.
    expect((await couchSetup(options({ clinics: [{ code: 'BJ', deskUsers: [changed] }], resetPasswords: true }))).changes).toEqual([]);

    const user = (await couch('GET', '/_users/org.couchdb.user:desk_bj')).body;
    await couch('PUT', '/_users/org.couchdb.user:desk_bj', { body: { ...user, roles: ['clinic_BJ', 'headoffice'] } });
    const roles = await couchSetup(options({ clinics: [{ code: 'BJ', deskUsers: [changed] }] }));
    expect(roles.changes).toEqual(['changed roles of user desk_bj: clinic_BJ, headoffice → clinic_BJ']);
  });
});

describe('couchSetup: who may do what', () => {
  beforeEach(async () => {
    await couchSetup(options());
  });

  it('lets a BJ desk read and write clinic_bj and read reference, and nothing else', async () => {
    expect((await couch('GET', '/clinic_bj', { as: DESK_BJ })).status).toBe(200);
    expect((await put('clinic_bj', couchDocs.visit('BJ'), DESK_BJ)).status).toBe(201);

    expect([401, 403]).toContain((await couch('GET', '/clinic_sh', { as: DESK_BJ })).status);
    expect([401, 403]).toContain((await couch('GET', '/clinic_sh/_all_docs', { as: DESK_BJ })).status);
    expect([401, 403]).toContain((await put('clinic_sh', couchDocs.visit('SH'), DESK_BJ)).status);
    expect([401, 403]).toContain((await couch('GET', '/clinic_bj', { as: null })).status);
    expect((await couch('GET', '/clinic_bj', { as: { ...DESK_BJ, password: 'wrong' } })).status).toBe(401);

    expect((await couch('GET', '/reference/calendar:2026', { as: DESK_BJ })).status).toBe(200);
    const write = await put('reference', calendarDoc({ ...calendar2026, year: 2027, holidays: [], workdays: [] }, { at: '2026-11-27T02:00:00.000Z', by: 'x' }), DESK_BJ);
    expect(write.status).toBe(403);
    expect(write.body.reason).toBe('only head office may write to reference');

    // headoffice and _replicator (whose documents hold the admin's password) are closed to desks.
    expect([401, 403]).toContain((await couch('GET', '/headoffice/_all_docs', { as: DESK_BJ })).status);
    expect([401, 403]).toContain((await couch('GET', '/_replicator/consolidate_clinic_bj', { as: DESK_BJ })).status);
    expect([401, 403]).toContain((await couch('GET', '/_replicator/_all_docs', { as: DESK_BJ })).status);
    // A desk cannot give itself head office's role, nor change the validation.
    const self = (await couch('GET', '/_users/org.couchdb.user:desk_bj', { as: DESK_BJ })).body;
    expect((await couch('PUT', '/_users/org.couchdb.user:desk_bj', { as: DESK_BJ, body: { ...self, roles: ['clinic_BJ', 'headoffice'] } })).status).toBe(403);
    const ddoc = (await couch('GET', '/clinic_bj/_design/validation', { as: DESK_BJ })).body;
    expect([401, 403]).toContain((await couch('PUT', '/clinic_bj/_design/validation', { as: DESK_BJ, body: { ...ddoc, validate_doc_update: 'function () {}' } })).status);
    expect([401, 403]).toContain((await couch('PUT', '/clinic_bj/_security', { as: DESK_BJ, body: { members: { roles: [] } } })).status);
  });

  it('lets head office read every clinic and write reference, but not headoffice', async () => {
    expect((await put('clinic_bj', couchDocs.customer('BJ'), DESK_BJ)).status).toBe(201);
    expect(((await couch('GET', '/clinic_bj/_all_docs', { as: HO })).body.rows as unknown[]).length).toBeGreaterThan(0);
    expect((await couch('GET', '/clinic_sh/_all_docs', { as: HO })).status).toBe(200);

    const year2027 = calendarDoc({ year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }], workdays: [], source: 'test' }, { at: '2026-12-01T00:00:00.000Z', by: 'ho_director' });
    expect((await put('reference', year2027, HO)).status).toBe(201);
    const overlapping = { ...year2027, _id: 'calendar:2027b', year: 2027 };
    expect((await put('reference', overlapping, HO)).body.reason).toBe('_id: must be calendar:2027');
    // Head office corrects 2026 and makes a mistake: a second holiday overlapping 国庆节.
    const stored = (await couch('GET', '/reference/calendar:2026', { as: HO })).body as unknown as CalendarDoc;
    const bad = { ...stored, holidays: [...stored.holidays, { name: '补休', from: '2026-10-07', to: '2026-10-08' }] };
    const refused = await put('reference', bad, HO);
    expect(refused.status).toBe(403);
    expect(refused.body.reason).toBe(calendarProblemText(calendarProblems(bad)[0]!));
    expect(refused.body.reason).toBe('holidays[7].from: overlaps 国庆节 (2026-10-01 to 2026-10-07)');

    const intoHeadOffice = await put('headoffice', couchDocs.visit('BJ'), HO);
    expect(intoHeadOffice.status).toBe(403);
    expect(intoHeadOffice.body.reason).toMatch(/^headoffice is filled by replication/);
  });
});

describe('couchSetup: what validation refuses in a clinic database', () => {
  beforeEach(async () => {
    await couchSetup(options());
  });

  async function refused(doc: { _id: string } & Record<string, unknown>) {
    const reply = await put('clinic_bj', doc, DESK_BJ);
    expect(reply.status, JSON.stringify(reply.body)).toBe(403);
    return reply.body.reason;
  }

  it('accepts each type of document a clinic writes', async () => {
    for (const doc of [couchDocs.clinic('BJ'), couchDocs.staff('BJ'), couchDocs.customer('BJ'), couchDocs.visit('BJ')])
      expect((await put('clinic_bj', doc, DESK_BJ)).status, doc._id).toBe(201);
  });

  it('refuses another clinic’s document, an unknown type, a missing or wrong-typed field and a bad id', async () => {
    expect(await refused(couchDocs.visit('SH', { _id: 'visit:BJ:2026-11-27:x' }))).toBe('clinic: document of clinic SH in clinic_bj');
    expect(await refused({ ...couchDocs.visit('BJ'), type: 'foo' })).toBe('type: unknown type "foo"');
    const { customerName: _dropped, ...noName } = couchDocs.visit('BJ');
    expect(await refused(noName)).toBe('customerName: required for a visit');
    const { createdBy: _gone, ...noCreatedBy } = couchDocs.customer('BJ');
    expect(await refused(noCreatedBy)).toBe('createdBy: required for every document');
    expect(await refused(couchDocs.customer('BJ', { age: '30' }))).toBe('age: must be number or null, not string');
    expect(await refused(couchDocs.staff('BJ', { active: 'yes' }))).toBe('active: must be boolean, not string');
    expect(await refused(couchDocs.visit('BJ', { schemaVersion: 0 }))).toBe('schemaVersion: must be a whole number from 1');
    expect(await refused(couchDocs.visit('BJ', { _id: 'visit:BJ:x' }))).toBe('_id: a visit id looks like visit:BJ:<YYYY-MM-DD>:<tail>');
    expect(await refused(couchDocs.clinic('BJ', { code: 'SH' }))).toBe('code: must be BJ');
    // Nothing refused was stored.
    const rows = (await couch('GET', '/clinic_bj/_all_docs')).body.rows as { id: string }[];
    expect(rows.map((r) => r.id)).toEqual(['_design/validation']);
  });

  it('refuses a change of createdAt, createdBy, clinic or type', async () => {
    const visit = couchDocs.visit('BJ');
    const { body } = await put('clinic_bj', visit, DESK_BJ);
    const current = { ...visit, _rev: body.rev as string };
    expect(await refused({ ...current, createdAt: '2026-11-28T00:00:00.000Z' })).toBe('createdAt: cannot change');
    expect(await refused({ ...current, createdBy: 'staff:BJ:other' })).toBe('createdBy: cannot change');
    expect(await refused({ ...current, clinic: 'SH' })).toBe('clinic: document of clinic SH in clinic_bj');
    expect(await refused({ ...current, type: 'customer' })).toBe('type: cannot change');
    // An ordinary edit passes.
    expect((await put('clinic_bj', { ...current, status: 'waiting', updatedAt: '2026-11-27T03:00:00.000Z' }, DESK_BJ)).status).toBe(201);
  });

  it('refuses deleting a visit, and accepts the deletion stub of an archived conflict revision', async () => {
    const visit = couchDocs.visit('BJ');
    const rev = (await put('clinic_bj', visit, DESK_BJ)).body.rev as string;
    const del = await couch('DELETE', `/clinic_bj/${encodeURIComponent(visit._id)}?rev=${rev}`, { as: DESK_BJ });
    expect(del.status).toBe(403);
    expect(del.body.reason).toBe('deleting a visit is not allowed');
    const halfMarked = await put('clinic_bj', { _id: visit._id, _rev: rev, _deleted: true, conflictResolvedBy: 'staff:BJ:lead' }, DESK_BJ);
    expect(halfMarked.body.reason).toBe('deleting a visit is not allowed');

    // Two desks changed a staff record apart: two revisions of generation 1, as replication leaves them.
    const staff = couchDocs.staff('BJ');
    const revs = ['1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '1-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'];
    const pushed = await couch('POST', '/clinic_bj/_bulk_docs', { as: DESK_BJ, body: { new_edits: false, docs: revs.map((r, i) => ({ ...staff, _rev: r, name: ['甲', '乙'][i] })) } });
    expect(pushed.status).toBe(201);
    expect((await couch('GET', `/clinic_bj/${encodeURIComponent(staff._id)}?conflicts=true`)).body._conflicts).toEqual([revs[0]]);
    // The desk archived the loser, then removes it with the markers.
    const stub = { _id: staff._id, _rev: revs[0], _deleted: true, conflictResolvedBy: 'staff:BJ:lead', conflictArchiveId: `conflict-archive:${staff._id}:${revs[0]}` };
    expect((await put('clinic_bj', stub, DESK_BJ)).status).toBe(201);
    const after = (await couch('GET', `/clinic_bj/${encodeURIComponent(staff._id)}?conflicts=true`)).body;
    expect(after.name).toBe('乙');
    expect(after._conflicts).toBeUndefined();
  });

  it('accepts the documents a real desk writes (set-up, staff, a check-in)', async () => {
    const t = await startTestApp();
    try {
      const { consultant } = await setUpClinic(t);
      await t.api['desk.checkIn'](firstVisit({}, { consultantId: consultant.id }));
      const remote = new PouchDB(`${ho.url}/clinic_bj`, { adapter: 'http', skip_setup: true, auth: DESK_BJ } as PouchDB.Configuration.RemoteDatabaseConfiguration);
      const denied: unknown[] = [];
      const result = await t.app.store.db.replicate
        .to(remote, { filter: (doc: { _id: string }) => !doc._id.startsWith('_design/') })
        .on('denied', (err) => denied.push(err));
      expect(denied).toEqual([]);
      expect(result.doc_write_failures).toBe(0);
      // clinic, lead, consultant, customer, visit
      expect(result.docs_written).toBe(5);
      const types = ((await couch('GET', '/clinic_bj/_all_docs?include_docs=true')).body.rows as { doc: { type?: string } }[]).map((r) => r.doc.type ?? 'design');
      expect(types.sort()).toEqual(['clinic', 'customer', 'design', 'staff', 'staff', 'visit']);
    } finally {
      await t.close();
    }
  });
});

/**
 * The field rules are generated from the document registry's schemas (schemaRule.ts). The stand-in
 * runs the same `validate_doc_update` source CouchDB 3 would be given; where it differs from CouchDB
 * 3 is what it runs it in and what it passes as oldDoc: express-pouchdb 4.2 (pouchdb-validation)
 * evaluates it in Node, not in CouchDB's SpiderMonkey (the source is held to ES5 by
 * couch-validation.test.ts), and passes the current winner as oldDoc where CouchDB 3 passes the
 * revision replaced (scripts/couchStandin/couchOldDoc.ts). Neither matters to a new document's
 * fields, which is what this checks.
 */
describe('couchSetup: the rules generated from the schemas, through the stand-in', () => {
  beforeEach(async () => {
    await couchSetup(options());
  });

  it('stores each type’s schema-valid document, and refuses one the schema refuses (a field of the wrong kind, a required field missing), storing nothing', async () => {
    const meta = ['type', 'schemaVersion', 'clinic', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'];
    const wrongKind = (v: unknown) => (typeof v === 'number' ? 'x' : 12345);
    // Per database: the valid documents, and two lists of refused ones (a field missing, a field of
    // the wrong kind; each list has an id once), with the field their refusal must name.
    const batch = () => ({ valid: [] as Doc[], missing: [] as [Doc, string][], typed: [] as [Doc, string][] });
    const batches = { clinic_bj: { as: DESK_BJ, ...batch() }, reference: { as: HO, ...batch() } };
    for (const d of docRegistry) {
      const b = batches[referenceTypes.includes(d.type) ? 'reference' : 'clinic_bj'];
      // Set-up seeded the calendars of the shipped years: a year it did not.
      const valid = { ...exampleDoc(d, true), ...(d.type === 'calendar' ? { _id: 'calendar:2099', year: 2099 } : {}) } as Doc;
      const names = Object.keys(objectOf(d.schema).shape).filter((name) => !name.startsWith('_') && !meta.includes(name));
      const without = (name: string) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== name)) as Doc;
      // The first field the schema requires, and the first it refuses a value of another kind in.
      const required = names.find((name) => !d.schema.safeParse(without(name)).success);
      const typed = names.find((name) => !d.schema.safeParse({ ...valid, [name]: wrongKind(valid[name]) }).success);
      expect(required ?? typed, `${d.type}: some field the schema refuses`).toBeDefined();
      if (required) b.missing.push([without(required), required]);
      if (typed) b.typed.push([{ ...valid, [typed]: wrongKind(valid[typed]) }, typed]);
      b.valid.push(valid);
    }
    for (const [db, b] of Object.entries(batches)) {
      // Through _bulk_docs: each document is validated on its own, and a refused one names its field.
      for (const list of [b.missing, b.typed]) {
        const replies = (await couch('POST', `/${db}/_bulk_docs`, { as: b.as, body: { docs: list.map(([doc]) => doc) } })).body as unknown as { id: string; error?: string; reason?: string }[];
        expect(replies.length, db).toBe(list.length);
        for (const [doc, field] of list) {
          const r = replies.find((x) => x.id === doc._id);
          expect([r?.error, r?.reason], `${doc.type as string} refused on ${field}`).toEqual(['forbidden', expect.stringMatching(new RegExp(`^${field}(\\[\\d+\\])?: `))]);
        }
      }
      const stored = (await couch('POST', `/${db}/_bulk_docs`, { as: b.as, body: { docs: b.valid } })).body as unknown as { id: string; ok?: boolean; reason?: string }[];
      expect(stored.filter((r) => !r.ok), db).toEqual([]);
    }
    const rows = (await couch('GET', '/clinic_bj/_all_docs')).body.rows as { id: string }[];
    expect(rows.map((r) => r.id).filter((id) => !id.startsWith('_design/')).sort()).toEqual(batches.clinic_bj.valid.map((d) => d._id).sort());
  });
});

describe('the embedded head office stays up', () => {
  it('answers 401 to a non-admin creating or deleting a database, and keeps answering', async () => {
    await couchSetup(options());
    for (const as of [null, DESK_BJ, HO]) {
      expect((await couch('PUT', '/newdb', { as })).status).toBe(401);
      expect((await couch('PUT', '/_foo', { as })).status).toBe(401);
      expect((await couch('DELETE', '/clinic_bj', { as })).status).toBe(401);
      expect((await couch('DELETE', '/_replicator', { as })).status).toBe(401);
    }
    // _changes with a filter whose design document is missing (express-pouchdb alone would crash).
    expect((await couch('GET', '/clinic_bj/_changes?filter=nope/x', { as: DESK_BJ })).status).toBe(404);
    expect((await couch('GET', '/clinic_bj/_changes?filter=validation/nope', { as: DESK_BJ })).status).toBe(404);
    expect((await couch('GET', '/clinic_bj/_changes?filter=_selector', { as: DESK_BJ })).status).toBe(400);
    expect((await couch('GET', '/clinic_bj/_changes?filter=_view&view=nope/x&feed=longpoll', { as: DESK_BJ })).status).toBe(404);
    const selected = await couch('POST', '/clinic_bj/_changes?filter=_selector', { as: DESK_BJ, body: { selector: { _id: { $regex: '^[^_]' } } } });
    expect(selected.body.results).toEqual([]);

    expect((await couch('GET', '/', { as: null })).status).toBe(200);
    expect((await couch('GET', '/_all_dbs')).body).not.toContain('newdb');
    expect((await couch('GET', '/clinic_bj')).status).toBe(200);
  });
});

/** The address of a port nothing listens on (a server was there a moment ago). */
async function closedPortUrl() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('couchSetup: errors', () => {
  it('says when the admin password is wrong, the server cannot be reached, or an argument is bad', async () => {
    await expect(couchSetup(options({ admin: { username: 'admin', password: 'wrong' } }))).rejects.toThrow('CouchDB at ' + ho.url + ' refused admin "admin": wrong user name or password');
    const deadUrl = await closedPortUrl();
    await expect(couchSetup(options({ url: deadUrl }))).rejects.toThrow(`cannot reach CouchDB at ${deadUrl}: ECONNREFUSED`);
    await expect(couchSetup(options({ clinics: [{ code: 'bj', deskUsers: [] }] }))).rejects.toThrow('bad arguments: clinics[0].code: 2-4 capital letters, e.g. BJ');
    await expect(couchSetup(options({ url: 'ftp://x' }))).rejects.toThrow(/^bad arguments: url: an http\(s\) address/);
    await expect(couchSetup(options({ clinics: [{ code: 'BJ', deskUsers: [DESK_BJ] }, { code: 'SH', deskUsers: [DESK_BJ] }] }))).rejects.toThrow(
      'bad arguments: clinics[1].deskUsers[0].username: user desk_bj is already given as a desk user of BJ',
    );
    await expect(couchSetup(options({ clinics: [{ code: 'BJ', deskUsers: [{ username: '_x', password: 'p' }] }] }))).rejects.toThrow(/clinics\[0\]\.deskUsers\[0\]\.username: a user name/);
    const wrongCalendar = { ...calendarDoc(calendar2026, { at: '2026-11-27T02:00:00.000Z', by: 'x' }), workdays: ['2026-01-05'] };
    await expect(couchSetup(options({ calendar: [wrongCalendar] }))).rejects.toThrow('bad arguments: calendar[0]: workdays[0]: 2026-01-05 is not a Saturday or Sunday');
    // Nothing was written by any of them.
    expect((await couch('GET', '/_all_dbs')).body).toEqual(['_users', '_replicator']);
  });
});

describe('consolidation through _replicator', () => {
  it('brings what clinic_bj and clinic_sh receive into headoffice, without their design documents', async () => {
    await couchSetup(options());
    const bj = couchDocs.visit('BJ');
    const sh = couchDocs.customer('SH');
    expect((await put('clinic_bj', bj, DESK_BJ)).status).toBe(201);
    expect((await put('clinic_sh', sh, DESK_SH)).status).toBe(201);

    const ids = await waitFor(async () => {
      const rows = ((await couch('GET', '/headoffice/_all_docs', { as: HO })).body.rows ?? []) as { id: string }[];
      const found = rows.map((r) => r.id);
      return found.includes(bj._id) && found.includes(sh._id) ? found : undefined;
    });
    expect(ids.sort()).toEqual(['_design/validation', bj._id, sh._id].sort());
    expect((await couch('GET', '/headoffice/_design/validation')).body.validate_doc_update).toBe(headOfficeValidation());
    expect((await couch('GET', `/headoffice/${encodeURIComponent(bj._id)}`, { as: HO })).body.customerName).toBe('张晓梅');
    expect(Object.values(ho.replications()).map((r) => r.state)).not.toContain('error');

    // A change later follows (continuous).
    const rev = (await couch('GET', `/clinic_bj/${encodeURIComponent(bj._id)}`)).body._rev;
    await put('clinic_bj', { ...bj, _rev: rev, intention: '复诊', updatedAt: '2026-11-27T03:00:00.000Z' }, DESK_BJ);
    await waitFor(async () => (await couch('GET', `/headoffice/${encodeURIComponent(bj._id)}`, { as: HO })).body.intention === '复诊');
  });
});
