import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directClient } from '../../api/dispatch';
import { startApp, type App } from '../../app';
import type { SyncCredentials } from '../secrets';
import { couchSetup, consolidationDocId, HEAD_OFFICE_DB, REPLICATOR_DB, USERS_DB } from './setup';
import { clinicDbName } from './validation';

/**
 * `npm run couch:smoke -- --url https://… --admin-user … --admin-password …`: a conformance run for
 * head-office IT against a staging CouchDB 3 before go-live, with the app's own code (two real
 * desks, `startApp`, in temporary folders):
 *  1. set-up: `couchSetup` of a smoke clinic (default ZZ, refused if its database exists), a desk
 *     user and the consolidation into `headoffice`;
 *  2. desk A sets the clinic up and pushes it; desk B joins and pulls it; B adds a person, A pulls her;
 *  3. a refused document: a desk account writing another clinic's document gets 403 forbidden;
 *  4. a conflict: two revisions of one document written as replication does (`new_edits: false`),
 *     seen by the server (`_conflicts`) and listed at desk A (`sync.conflicts`);
 *  5. consolidation: the clinic's document reaches `headoffice` through `_replicator`;
 *  6. clean-up (always): the desks, the smoke clinic's database, its users and its `_replicator`
 *     document. The smoke clinic's documents stay in `headoffice` (CouchDB 3 can `_purge` them; a
 *     deletion would be a tombstone that consolidation keeps).
 */
export interface SmokeOptions {
  url: string;
  admin: { username: string; password: string };
  clinic?: string;
  /** The server's address as the server reaches itself, for `_replicator` (default `url`). */
  replicationUrl?: string;
  /** How long to wait for each replicated fact (default 60 s). */
  waitMs?: number;
  say?: (line: string) => void;
}

export interface SmokeStep {
  name: string;
  ok: boolean;
  detail: string;
}

const LEAD_PIN = '2580';

class StepFailed extends Error {}

async function until<T>(what: string, ms: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > end) throw new StepFailed(`timed out after ${Math.round(ms / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function runSmoke(options: SmokeOptions): Promise<{ ok: boolean; steps: SmokeStep[] }> {
  const url = options.url.replace(/\/+$/, '');
  const code = options.clinic ?? 'ZZ';
  const db = clinicDbName(code);
  const waitMs = options.waitMs ?? 60_000;
  const say = options.say ?? (() => {});
  const deskUser: SyncCredentials = { url, username: `smoke_desk_${code.toLowerCase()}`, password: randomBytes(12).toString('base64url') };
  const adminAuth = 'Basic ' + Buffer.from(`${options.admin.username}:${options.admin.password}`).toString('base64');
  const call = async (method: string, path: string, body?: unknown, auth = adminAuth) => {
    const res = await fetch(url + path, { method, headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  };
  const deskAuth = 'Basic ' + Buffer.from(`${deskUser.username}:${deskUser.password}`).toString('base64');
  const steps: SmokeStep[] = [];
  const desks: { app: App; dir: string }[] = [];
  let created = false;

  async function step(name: string, run: () => Promise<string>) {
    say(`… ${name}`);
    try {
      const detail = await run();
      steps.push({ name, ok: true, detail });
      say(`✓ ${name}: ${detail}`);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      steps.push({ name, ok: false, detail });
      say(`✗ ${name}: ${detail}`);
      throw new StepFailed(detail);
    }
  }

  async function desk() {
    const dir = mkdtempSync(join(tmpdir(), 'daoyi-smoke-'));
    const secrets = { value: null as SyncCredentials | null, read: async () => secrets.value, write: async (c: SyncCredentials) => void (secrets.value = { ...c }), clear: async () => void (secrets.value = null) };
    const app = await startApp(dir, { secrets, log: () => {}, logDir: join(dir, 'logs') });
    desks.push({ app, dir });
    let session: string | null = null;
    return { app, anon: directClient(app.dispatcher), api: directClient(app.dispatcher, () => session), setSession: (s: string) => (session = s) };
  }

  try {
    await step('set-up', async () => {
      const existing = await call('GET', `/${db}`);
      if (existing.status === 200) throw new Error(`${db} already exists on this server: choose another smoke clinic with --clinic`);
      if (existing.status === 401) throw new Error('the admin account was refused');
      created = true;
      const result = await couchSetup({
        url,
        admin: options.admin,
        clinics: [{ code, name: '冒烟测试', deskUsers: [{ username: deskUser.username, password: deskUser.password }] }],
        consolidate: true,
        ...(options.replicationUrl ? { replicationUrl: options.replicationUrl } : {}),
      });
      return `${result.changes.length} changes (${db}, ${deskUser.username}, consolidation)`;
    });

    const a = await desk();
    const b = await desk();
    let leadId = '';
    await step('two desks push and pull', async () => {
      await a.anon['clinic.setup']({ clinic: { code, name: '冒烟测试', inHeadOfficeCity: false, departments: ['整形外科'] }, lead: { name: '冒烟组长', sex: 'F', role: 'guideLead', pin: LEAD_PIN } });
      leadId = (await a.anon['staff.list']({}))[0]!.id;
      a.setSession((await a.anon['operator.signIn']({ staffId: leadId, pin: LEAD_PIN })).session);
      await a.api['sync.configure']({ url, username: deskUser.username, password: deskUser.password });
      await until(`clinic:${code} at the server (desk A's push)`, waitMs, async () => (await call('GET', `/${db}/clinic:${code}`)).status === 200);
      await b.anon['clinic.join']({ clinicCode: code, url, username: deskUser.username, password: deskUser.password });
      await until("the clinic and its lead at desk B (B's pull)", waitMs, async () => (await b.app.store.db.get(leadId).catch(() => null)) && (await b.anon['app.status']({})).setupDone);
      b.setSession((await b.anon['operator.signIn']({ staffId: leadId, pin: LEAD_PIN })).session);
      const added = await b.api['staff.add']({ name: '冒烟导医', sex: 'F', role: 'guide', departmentId: null, pin: null });
      await until("desk B's new person at desk A (B's push, A's pull)", waitMs, () => a.app.store.db.get(added.id).catch(() => null));
      return 'A → server → B and B → server → A';
    });

    await step('a refused document', async () => {
      const other = code === 'ZY' ? 'ZX' : 'ZY';
      const res = await call('PUT', `/${db}/clinic:${other}`, { type: 'clinic', clinic: other, code: other }, deskAuth);
      if (res.status !== 403) throw new Error(`expected 403 forbidden for another clinic's document, got ${res.status} ${JSON.stringify(res.body)}`);
      return `403 ${String(res.body.reason ?? '')}`.slice(0, 160);
    });

    await step('a conflict', async () => {
      const doc = (await call('GET', `/${db}/${encodeURIComponent(leadId)}?revs=true`, undefined, deskAuth)).body as { _rev: string; _revisions: { start: number; ids: string[] } } & Record<string, unknown>;
      if (!doc._rev) throw new Error(`cannot read ${leadId} as the desk user`);
      const branch = (tag: string, name: string) => {
        const id = randomBytes(16).toString('hex');
        return { ...doc, name, updatedAt: new Date().toISOString(), _rev: `${doc._revisions.start + 1}-${id}`, _revisions: { start: doc._revisions.start + 1, ids: [id, ...doc._revisions.ids] }, smoke: tag };
      };
      const res = await call('POST', `/${db}/_bulk_docs`, { docs: [branch('a', '冒烟组长甲'), branch('b', '冒烟组长乙')], new_edits: false }, deskAuth);
      if (res.status !== 201) throw new Error(`the server refused two replicated revisions: ${res.status} ${JSON.stringify(res.body)}`);
      const seen = await call('GET', `/${db}/${encodeURIComponent(leadId)}?conflicts=true`);
      if (!Array.isArray(seen.body._conflicts) || seen.body._conflicts.length < 1) throw new Error('the server shows no _conflicts');
      await until('the conflict listed at desk A', waitMs, async () => (await a.api['sync.conflicts']({})).some((c) => c.id === leadId));
      return `${leadId}: ${seen.body._conflicts.length + 1} leaves, listed at desk A`;
    });

    await step('consolidation into headoffice', async () => {
      await until(`clinic:${code} in ${HEAD_OFFICE_DB}`, waitMs, async () => (await call('GET', `/${HEAD_OFFICE_DB}/clinic:${code}`)).status === 200);
      return `clinic:${code} replicated by _replicator`;
    });
  } catch (err) {
    if (!(err instanceof StepFailed)) steps.push({ name: 'unexpected', ok: false, detail: err instanceof Error ? err.message : String(err) });
  } finally {
    for (const d of desks) {
      await d.app.close().catch(() => {});
      rmSync(d.dir, { recursive: true, force: true });
    }
    if (created) {
      const problems: string[] = [];
      const rep = await call('GET', `/${REPLICATOR_DB}/${consolidationDocId(code)}`);
      if (rep.status === 200) {
        const del = await call('DELETE', `/${REPLICATOR_DB}/${consolidationDocId(code)}?rev=${String(rep.body._rev)}`);
        if (del.status >= 300) problems.push(`_replicator: ${del.status}`);
      }
      const gone = await call('DELETE', `/${db}`);
      if (gone.status >= 300) problems.push(`${db}: ${gone.status}`);
      const user = await call('GET', `/${USERS_DB}/org.couchdb.user:${deskUser.username}`);
      if (user.status === 200) {
        const del = await call('DELETE', `/${USERS_DB}/org.couchdb.user:${deskUser.username}?rev=${String(user.body._rev)}`);
        if (del.status >= 300) problems.push(`user: ${del.status}`);
      }
      const ok = problems.length === 0;
      steps.push({ name: 'clean-up', ok, detail: ok ? `removed ${db}, ${deskUser.username}, ${consolidationDocId(code)} (headoffice keeps clinic ${code}'s documents)` : problems.join('; ') });
      say(`${ok ? '✓' : '✗'} clean-up: ${steps.at(-1)!.detail}`);
    }
  }
  return { ok: steps.every((s) => s.ok), steps };
}
