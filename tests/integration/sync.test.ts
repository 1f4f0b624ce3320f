import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/sync/schemas';
import { CREDENTIALS_FILE } from '../../src-main/platform/secrets.node';
import { readMemory, SYNC_DENIED_ID } from '../../src-main/sync/state';
import type { SyncTuning } from '../../src-main/sync/engine';
import { openStore } from '../../src-main/store/store';
import { tempDir, testSyncTuning, type TestApp } from '../support/app';
import { conflictedStaff, firstVisit, LEAD_PIN, setUpClinic, visitDocs } from '../support/factories';
import { DESK_USERS, type TestHeadOffice } from '../support/headOffice';
import { caughtUp, waitFor } from '../support/wait';
import { testWorld } from '../support/world';

/**
 * Sync with head office: real desks (on-disk PouchDB, the whole contract) against the embedded
 * head office, set up by `couchSetup` as a CouchDB 3 server would be, in a child process that a
 * test can stop or kill. Every wait is for a fact (a status, a document), bounded.
 */
const { headOffice, desk, defer } = testWorld();

/** The first desk of clinic BJ: set up here, then connected. */
async function firstDesk(ho: TestHeadOffice, dir?: string, tuning?: SyncTuning) {
  const t = await desk(dir, tuning);
  const fixture = await setUpClinic(t);
  await t.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
  await caughtUp(t);
  return { t, ...fixture };
}

/**
 * Another desk of the same clinic joins (`clinic.join`): it names the clinic, connects, and
 * receives the clinic, its roster (with the PIN hashes) and its records from head office; then
 * the lead signs in there with the same PIN.
 */
async function joiningDesk(ho: TestHeadOffice, leadId: string) {
  const t = await desk();
  await t.anon['clinic.join']({ clinicCode: 'BJ', url: ho.url, ...DESK_USERS.BJ });
  await waitFor(async () => (await t.anon['app.status']({})).setupDone, 'the clinic to arrive at the joining desk');
  await waitFor(() => t.app.store.db.get(leadId).catch(() => null), 'the lead to arrive at the joining desk');
  await t.signIn(leadId, LEAD_PIN);
  return t;
}

function status(t: TestApp): Promise<SyncStatus> {
  return t.api['sync.status']({});
}

/** Idle with nothing waiting to go up (and, if given, this many conflicts). */

async function stateIs(t: TestApp, state: SyncStatus['state'], ms?: number) {
  let last: SyncStatus | null = null;
  return waitFor(async () => {
    const s = (last = await t.app.sync.status());
    return s.state === state ? s : null;
  }, `sync state ${state}`, ms).catch((err: Error) => {
    throw new Error(`${err.message}; last status: ${JSON.stringify(last)}`);
  });
}

/** The sync states the desk's engine announces from now on, in order (each as it begins). */
function recordStates(t: TestApp): { taken(): SyncStatus['state'][] } {
  let from = t.app.sync.states.length;
  return {
    taken() {
      const seen = t.app.sync.states.slice(from);
      from = t.app.sync.states.length;
      return seen;
    },
  };
}

/** Documents of the clinic on a desk (what should be at head office): no design or reference documents. */
async function clinicIds(t: TestApp): Promise<string[]> {
  const all = await t.app.store.db.allDocs();
  return all.rows.map((r) => r.id).filter((id) => !id.startsWith('_design/') && !id.startsWith('calendar:'));
}

describe('two desks of one clinic and head office', () => {
  it('a check-in at desk A appears in the waiting list at desk B; reference data reaches both', async () => {
    const ho = await headOffice();
    const a = await firstDesk(ho);
    const b = await joiningDesk(ho, a.lead.id);
    const heard: string[] = [];
    b.app.onChange((event) => heard.push(...event.types));
    const visit = await a.t.api['desk.checkIn'](firstVisit({ name: '张晓梅' }, { consultantId: a.consultant.id }));
    // Screens at B hear of the pulled documents, and the shell of the sync status moving.
    await waitFor(() => heard.includes('visit') && heard.includes('customer') && heard.includes('sync'), 'change events at desk B');
    const list = await waitFor(async () => {
      const l = await b.api['desk.waitingList']({});
      return l.some((v) => v.id === visit.id) ? l : null;
    }, 'the visit at desk B');
    expect(list.find((v) => v.id === visit.id)).toMatchObject({ customerName: '张晓梅', consultantName: '李咨询', registeredByName: '王主任' });
    expect(await ho.ids('clinic_bj')).toContain(visit.id);
    expect(await caughtUp(a.t)).toMatchObject({ server: ho.url, username: 'desk_bj', clinicDb: 'clinic_bj', lastError: null, deniedDocs: [], conflicts: 0 });
    expect((await status(a.t)).lastSyncedAt).not.toBeNull();
    // The working-day calendar comes from the reference database, and goes nowhere else.
    for (const t of [a.t, b]) await waitFor(() => t.app.store.db.get('calendar:2026').catch(() => null), 'the calendar at a desk');
    expect(await ho.ids('clinic_bj')).not.toContain('calendar:2026');
    // Design documents stay where they are: the desks' views are not at head office, its validation not at the desks.
    expect((await ho.admin('GET', '/clinic_bj/_design/desk')).status).toBe(404);
    await expect(b.app.store.db.get('_design/validation')).rejects.toMatchObject({ status: 404 });
  }, 30_000);

  it('the same record edited at both desks offline: one winner everywhere, listed, resolved into an archive', async () => {
    const ho = await headOffice();
    const a = await firstDesk(ho);
    const b = await joiningDesk(ho, a.lead.id);
    await caughtUp(b);
    await ho.stop();
    const edit = (t: TestApp, name: string) =>
      t.api['staff.update']({ id: a.consultant.id, name, sex: 'F', role: 'consultant', departmentId: 'plastic-surgery', active: true, pin: null });
    await edit(a.t, '李咨询（A）');
    await edit(b, '李咨询（B）');
    expect((await stateIs(a.t, 'offline')).lastError).toMatchObject({ kind: 'unreachable', message: '无法连接总部服务器' });
    expect((await status(b)).pendingUp).toBe(1);

    await ho.start();
    await caughtUp(a.t, { conflicts: 1 });
    await caughtUp(b, { conflicts: 1 });
    // Deterministic: both desks show the same winner, and list the same conflict with the loser's fields.
    const nameAt = async (t: TestApp) => (await t.api['staff.list']({})).find((s) => s.id === a.consultant.id)!.name;
    expect(await nameAt(a.t)).toBe(await nameAt(b));
    const [conflictA] = await a.t.api['sync.conflicts']({});
    const [conflictB] = await b.api['sync.conflicts']({});
    expect(conflictA).toEqual(conflictB);
    expect(conflictA).toMatchObject({ id: a.consultant.id, type: 'staff', differingFields: ['name'], losers: [{ fields: { pinHash: null } }] });
    const names = [conflictA!.winner.fields.name, conflictA!.losers[0]!.fields.name].sort();
    expect(names).toEqual(['李咨询（A）', '李咨询（B）']);

    // A person keeps the winner at desk A; the loser's content goes to an archive, at both desks and head office.
    const lost = conflictA!.losers[0]!;
    const after = await a.t.api['sync.resolveConflict']({ id: a.consultant.id, keepRev: conflictA!.winner.rev });
    expect(after.conflicts).toBe(0);
    const archiveId = `conflict-archive:${a.consultant.id}:${lost.rev}`;
    for (const t of [a.t, b]) {
      await caughtUp(t, { conflicts: 0 });
      const archive = await waitFor(() => t.app.store.db.get<Record<string, unknown>>(archiveId).catch(() => null), 'the archive at a desk');
      expect(archive).toMatchObject({ type: 'conflict-archive', clinic: 'BJ', docId: a.consultant.id, rev: lost.rev, createdBy: a.lead.id, body: { name: lost.fields.name, type: 'staff' } });
      expect(await t.api['sync.conflicts']({})).toEqual([]);
    }
    expect(await ho.ids('clinic_bj')).toContain(archiveId);
    const atHo = await ho.admin<{ name: string; _conflicts?: string[] }>('GET', `/clinic_bj/${encodeURIComponent(a.consultant.id)}?conflicts=true`);
    expect(atHo.body).toMatchObject({ name: conflictA!.winner.fields.name });
    expect(atHo.body._conflicts).toBeUndefined();
    expect((await status(a.t)).deniedDocs).toEqual([]);
  }, 45_000);
});

describe('resolving a conflict', () => {
  it('keeping a loser: every other revision is archived whole, and head office takes the deletions', async () => {
    const ho = await headOffice();
    const { t, lead } = await firstDesk(ho);
    const { id, winnerRev, loserRev } = await conflictedStaff(t, ['甲导医', '乙导医']);
    await caughtUp(t, { conflicts: 1 });
    const [conflict] = await t.api['sync.conflicts']({});
    expect(conflict).toMatchObject({ id, winner: { rev: winnerRev, fields: { name: '乙导医' } }, losers: [{ rev: loserRev, fields: { name: '甲导医' } }] });

    await t.api['sync.resolveConflict']({ id, keepRev: loserRev });
    await caughtUp(t, { conflicts: 0 });
    expect(await t.app.store.db.get(id)).toMatchObject({ _rev: loserRev, name: '甲导医' });
    const archive = await t.app.store.db.get<Record<string, unknown>>(`conflict-archive:${id}:${winnerRev}`);
    expect(archive).toMatchObject({ docId: id, rev: winnerRev, wasWinner: true, keptRev: loserRev, createdBy: lead.id, body: { name: '乙导医', role: 'guide', pinHash: null } });
    // Head office's validation accepted the deletion stub (it carries who resolved it and where the content went).
    const atHo = await ho.admin<{ name: string; _conflicts?: string[] }>('GET', `/clinic_bj/${encodeURIComponent(id)}?conflicts=true`);
    expect(atHo.body.name).toBe('甲导医');
    expect(atHo.body._conflicts).toBeUndefined();
    expect((await status(t)).deniedDocs).toEqual([]);
    // Resolved is resolved: a second try is refused and writes nothing.
    await expect(t.api['sync.resolveConflict']({ id, keepRev: loserRev })).rejects.toMatchObject({ code: 'not_found', field: 'id' });
  }, 30_000);
});

describe('a desk and a server that come and go', () => {
  it('a day of work offline catches up when the server comes back', async () => {
    const ho = await headOffice();
    const { t } = await firstDesk(ho);
    await ho.stop();
    const visits: string[] = [];
    for (let i = 0; i < 300; i++) visits.push((await t.api['desk.checkIn'](firstVisit({ phone: `137${String(i).padStart(8, '0')}` }))).id);
    const offline = await stateIs(t, 'offline');
    expect(offline.pendingUp).toBe(600); // a customer and a visit each

    await ho.start();
    await caughtUp(t, { ms: 30_000 });
    const atHo = new Set(await ho.ids('clinic_bj'));
    expect(visits.filter((id) => !atHo.has(id))).toEqual([]);
    expect([...atHo].sort()).toEqual((await clinicIds(t)).sort());
  }, 60_000);

  it('the server killed mid-replication loses nothing and duplicates nothing', async () => {
    const ho = await headOffice();
    const { t, lead } = await firstDesk(ho);
    const docs = visitDocs(3000, lead.id);
    for (let i = 0; i < docs.length; i += 500) await t.app.store.db.bulkDocs(docs.slice(i, i + 500));
    const countAtHo = async () => ((await ho.admin<{ doc_count: number }>('GET', '/clinic_bj')).body.doc_count ?? 0);
    const midway = await waitFor(async () => {
      const n = await countAtHo();
      return n > 300 ? n : null;
    }, 'the push to be under way', 20_000, 5);
    await ho.kill();
    expect(midway).toBeLessThan(3000);

    await ho.start();
    await caughtUp(t, { ms: 30_000 });
    const atHo = await ho.ids('clinic_bj');
    expect(atHo.length).toBe(new Set(atHo).size);
    expect(atHo.sort()).toEqual((await clinicIds(t)).sort());
    expect(atHo.filter((id) => id.startsWith('visit:')).length).toBe(3000);
  }, 60_000);

  it('the server killed mid-pull of a joining desk: every document arrives once, at head office’s revision', async () => {
    const ho = await headOffice();
    const { t: a, lead } = await firstDesk(ho);
    const docs = visitDocs(3000, lead.id);
    for (let i = 0; i < docs.length; i += 500) await a.app.store.db.bulkDocs(docs.slice(i, i + 500));
    await caughtUp(a, { ms: 30_000 });
    await a.close();

    // Whole batches of 500 (the engine's default) arrive at once: kill while some are still to come.
    const b = await desk();
    await b.anon['clinic.join']({ clinicCode: 'BJ', url: ho.url, ...DESK_USERS.BJ });
    const midway = await waitFor(async () => {
      const n = (await b.app.store.db.info()).doc_count;
      return n > 600 ? n : null;
    }, 'the pull to be under way', 20_000, 5);
    // What the join screen and the badge show meanwhile: done of the total head office holds.
    const { pull } = await b.app.sync.status();
    const atHoBefore = (await ho.admin<{ doc_count: number }>('GET', '/clinic_bj')).body.doc_count;
    await ho.kill();
    expect(midway).toBeLessThan(3000);
    expect(pull).not.toBeNull();
    expect(pull!.done).toBeGreaterThan(0);
    expect(pull!.total).toBeGreaterThan(pull!.done);
    expect(pull!.total).toBeLessThanOrEqual(atHoBefore);
    expect(pull!.total).toBeGreaterThan(atHoBefore - 20); // less only what the new desk already had
    expect(pull!.secondsLeft).not.toBeNull();

    await ho.start();
    await caughtUp(b, { ms: 30_000, conflicts: 0 });
    expect((await b.app.sync.status()).pull).toBeNull();
    const atHo = await ho.ids('clinic_bj');
    expect((await clinicIds(b)).sort()).toEqual(atHo.sort());
    expect(atHo.filter((id) => id.startsWith('visit:')).length).toBe(3000);
    // Nothing written twice: each document has exactly head office's one revision, no other leaf.
    const here = await b.app.store.db.allDocs({ keys: docs.map((d) => d._id), conflicts: true, include_docs: true });
    const there = await ho.admin<{ rows: { id: string; value: { rev: string } }[] }>('POST', '/clinic_bj/_all_docs', { keys: docs.map((d) => d._id) });
    const revAtHo = new Map(there.body.rows.map((r) => [r.id, r.value.rev]));
    for (const row of here.rows) {
      if (!('doc' in row) || !row.doc) throw new Error(`${row.key} missing at the joining desk`);
      expect(row.doc._rev).toBe(revAtHo.get(row.id));
      expect(row.doc._rev.startsWith('1-')).toBe(true);
      expect((row.doc as { _conflicts?: unknown })._conflicts).toBeUndefined();
    }
  }, 90_000);

  it('head office restarted: 离线 only once the probe finds silence, and back as soon as the server answers', async () => {
    const ho = await headOffice();
    // PouchDB's own retry waits a minute here: within this test's bounds only the probe of the
    // server root (every 2 s, the default) can bring the desk back.
    const { t } = await firstDesk(ho, undefined, { ...testSyncTuning, backOffStartMs: 60_000, backOffMaxMs: 60_000 });
    const states = recordStates(t);

    await ho.stop();
    await stateIs(t, 'offline');
    // The dropped connection is first "reconnecting"; 离线 comes only after the probe found no server.
    expect(states.taken()).toEqual(['connecting', 'offline']);
    expect((await status(t)).lastError?.kind).toBe('unreachable');

    await ho.start();
    await caughtUp(t, { ms: 20_000 });
    const back = states.taken();
    expect(back).not.toContain('error');
    expect(back.at(-1)).toBe('idle');
    // The desk works on and its check-ins go up on the new session.
    await t.api['desk.checkIn'](firstVisit());
    await caughtUp(t);
  }, 60_000);

  it('重试 while offline tries at once, whatever the waits', async () => {
    const ho = await headOffice();
    // Neither PouchDB's retry nor the probe would come back within this test: only 重试 can.
    const { t } = await firstDesk(ho, undefined, { ...testSyncTuning, backOffStartMs: 60_000, backOffMaxMs: 60_000, probeIntervalMs: 60_000 });
    await ho.stop();
    await stateIs(t, 'offline');
    await ho.start();
    const states = recordStates(t);
    await t.api['sync.retry']({});
    await caughtUp(t, { ms: 20_000 });
    expect(states.taken()).not.toContain('offline');
  }, 60_000);

  it('a desk restarted resumes from its checkpoints without sending anything again', async () => {
    const ho = await headOffice();
    const dir = tempDir();
    defer(dir.remove);
    const first = await firstDesk(ho, dir.path);
    for (let i = 0; i < 20; i++) await first.t.api['desk.checkIn'](firstVisit());
    const before = await caughtUp(first.t);
    expect(first.t.app.sync.written.push).toBeGreaterThanOrEqual(42);
    await first.t.close();
    // What the engine remembers is on disk: the pushed sequence (pendingUp counts from it) and when.
    const store = await openStore(dir.path);
    const memory = await readMemory(store.db);
    await store.close();
    expect(memory).toMatchObject({ server: ho.url, lastSyncedAt: before.lastSyncedAt });
    expect(Number(memory.pushedSeq)).toBeGreaterThan(0);

    const again = await desk(dir.path);
    await caughtUp(again);
    expect(again.app.sync.written).toEqual({ push: 0, pull: 0, reference: 0 });
    await again.signIn(first.lead.id, LEAD_PIN);
    await again.api['desk.checkIn'](firstVisit());
    await waitFor(() => again.app.sync.written.push === 2, 'the new check-in to go up');
  }, 30_000);
});

describe('refusals: clear, and nothing else disturbed', () => {
  it('a wrong password stops sync with a plain error and no retry storm; the desk works on', async () => {
    const ho = await headOffice();
    const t = await desk();
    await setUpClinic(t);
    await t.api['desk.checkIn'](firstVisit());
    const docsBefore = (await t.app.store.db.info()).doc_count;
    await t.api['sync.configure']({ url: ho.url, username: DESK_USERS.BJ.username, password: 'not-the-password' });
    const stopped = await stateIs(t, 'error');
    expect(stopped.lastError).toMatchObject({ kind: 'auth', message: '用户名或密码错误' });
    const requests = t.app.sync.requests;
    // Absence can only be shown over time: three times the longest back-off of these tests.
    await new Promise((r) => setTimeout(r, 3 * testSyncTuning.backOffMaxMs!));
    expect(t.app.sync.requests).toBe(requests);
    expect((await status(t)).state).toBe('error');
    expect((await t.app.store.db.info()).doc_count).toBe(docsBefore);
    await t.api['desk.checkIn'](firstVisit());
    expect(await t.api['desk.waitingList']({})).toHaveLength(2);

    // The right password, and it goes.
    await t.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
    await caughtUp(t);
    expect((await status(t)).lastError).toBeNull();
  }, 30_000);

  it("another clinic's account on this desk is refused as forbidden", async () => {
    const ho = await headOffice();
    const t = await desk();
    await setUpClinic(t);
    await t.api['sync.configure']({ url: ho.url, ...DESK_USERS.SH });
    const stopped = await stateIs(t, 'error');
    expect(stopped.lastError).toMatchObject({ kind: 'forbidden', message: '该账号无权访问本院数据库' });
    expect(await ho.ids('clinic_bj')).toEqual([]);
  }, 30_000);

  it("a foreign client's malformed documents are refused by head office with the rule, and the desks never see them", async () => {
    const ho = await headOffice();
    const { t, lead } = await firstDesk(ho);
    const ids = await clinicIds(t);
    const post = async (doc: object) => {
      const res = await fetch(`${ho.url}/clinic_bj`, {
        method: 'POST',
        headers: { Authorization: 'Basic ' + Buffer.from(`${DESK_USERS.BJ.username}:${DESK_USERS.BJ.password}`).toString('base64'), 'Content-Type': 'application/json' },
        body: JSON.stringify(doc),
      });
      return { status: res.status, body: (await res.json()) as { error?: string; reason?: string } };
    };
    const [good] = visitDocs(1, lead.id);
    const { customerId: _missing, ...noCustomer } = good!;
    expect(await post(noCustomer)).toEqual({ status: 403, body: { error: 'forbidden', reason: 'customerId: required for a visit' } });
    expect(await post({ ...good, _id: good!._id.replace(':BJ:', ':SH:'), clinic: 'SH' })).toEqual({ status: 403, body: { error: 'forbidden', reason: 'clinic: document of clinic SH in clinic_bj' } });
    expect(await post({ ...good, type: 'mystery' })).toMatchObject({ status: 403, body: { reason: 'type: unknown type "mystery"' } });
    // What the server took is what the desk has; the desk is as it was.
    await t.api['desk.checkIn'](firstVisit());
    await caughtUp(t);
    expect((await clinicIds(t)).length).toBe(ids.length + 2);
    expect((await ho.ids('clinic_bj')).sort()).toEqual((await clinicIds(t)).sort());
  }, 30_000);

  it('a document head office refuses stays on the desk, is listed, and never blocks the rest', async () => {
    const ho = await headOffice();
    const { t } = await firstDesk(ho);
    const at = t.clock.now.toISOString();
    const meta = { schemaVersion: 1, clinic: 'BJ', createdAt: at, createdBy: 'staff:BJ:x', updatedAt: at, updatedBy: 'staff:BJ:x' };
    await t.app.store.db.put({ _id: 'mystery:BJ:1', type: 'mystery', ...meta });
    const denied = await stateIs(t, 'denied');
    expect(denied.deniedDocs).toEqual([{ id: 'mystery:BJ:1', type: 'mystery', reason: 'type: unknown type "mystery"', at }]);
    expect(denied.lastError).toMatchObject({ kind: 'refused_doc', docId: 'mystery:BJ:1', message: '总部拒收了记录 mystery:BJ:1：type: unknown type "mystery"' });
    expect(denied.pendingUp).toBe(0);

    // The rest of the queue goes on.
    const visit = await t.api['desk.checkIn'](firstVisit());
    await waitFor(async () => (await ho.ids('clinic_bj')).includes(visit.id), 'the next check-in at head office');
    expect(await ho.ids('clinic_bj')).not.toContain('mystery:BJ:1');
    await expect(t.app.store.db.get('mystery:BJ:1')).resolves.toMatchObject({ type: 'mystery' });
    // Remembered across a retry (which offers it again, and is refused again).
    await t.api['sync.retry']({});
    await stateIs(t, 'denied');
    expect((await status(t)).deniedDocs.map((d) => d.id)).toEqual(['mystery:BJ:1']);
    expect(await t.app.store.db.get(SYNC_DENIED_ID)).toMatchObject({ docs: [{ id: 'mystery:BJ:1' }] });
  }, 30_000);
});

describe('credentials', () => {
  it('are kept in a file only the user can read, never shown, and forgotten on disconnect', async () => {
    const ho = await headOffice();
    const { t } = await firstDesk(ho);
    const file = join(t.dir, CREDENTIALS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const shown = JSON.stringify([await status(t), await t.api['app.status']({})]);
    expect(shown).toContain('desk_bj');
    expect(shown).not.toContain(DESK_USERS.BJ.password);

    const off = await t.api['sync.disconnect']({});
    expect(off).toMatchObject({ state: 'off', server: null, username: null });
    expect(() => statSync(file)).toThrow();
    const requests = t.app.sync.requests;
    await t.api['desk.checkIn'](firstVisit());
    expect(t.app.sync.requests).toBe(requests);
    expect((await status(t)).pendingUp).toBe(2); // kept for whenever it is connected again
  }, 30_000);
});
