import { describe, expect, it } from 'vitest';
import { defaultPlans, taskId } from '../../shared/followup/rules';
import type { FollowupTaskDoc } from '../../shared/followup/schemas';
import { conflictCount, listConflicts } from '../../src-main/sync/conflicts';
import type { TestApp } from '../support/app';
import { firstVisit, LEAD_PIN, setUpClinic } from '../support/factories';
import { DESK_USERS, HO_USER } from '../support/headOffice';
import { caughtUp, waitFor } from '../support/wait';
import { testWorld } from '../support/world';

/**
 * Issue 13: 「Deterministic ids (like the no-show record) so two desks that derive the same task
 * write the identical document」 — and when two desks derive it while apart under two versions of
 * the plans, the revisions differ only in what the plan gives. That is one task, settled by rule:
 * CouchDB's deterministic winner everywhere, not a conflict for a person.
 */
const { headOffice, desk } = testWorld();


const postSurgery = defaultPlans.findIndex((p) => p.id === 'postSurgery');

describe('one task derived under two plan versions at two desks apart', () => {
  it('after sync both desks read the same task with the same dates, and no person is asked to settle it', async () => {
    const ho = await headOffice({ consolidate: true });
    const a = await desk();
    const f = await setUpClinic(a);
    await a.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
    await caughtUp(a);
    const b = await desk();
    await b.anon['clinic.join']({ clinicCode: 'BJ', url: ho.url, ...DESK_USERS.BJ });
    await waitFor(async () => (await b.anon['app.status']({})).setupDone, 'the clinic at desk B', 30_000);
    await waitFor(() => b.app.store.db.get(f.lead.id).catch(() => null), 'the lead at desk B', 30_000);

    // A visitor leaves after surgery at desk A (2026-11-27); desk B receives the visit.
    const v = await a.api['desk.checkIn'](firstVisit({ name: '张晓梅' }));
    a.clock.advance(45);
    await a.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'surgical', note: '' });
    await caughtUp(a);
    await waitFor(async () => ((await b.app.store.db.allDocs({ startkey: 'visit-event:BJ:', endkey: 'visit-event:BJ:\ufff0' })).rows.length >= 1) || null, 'the 离院 at desk B', 30_000);

    // Desk A is cut off; head office rolls out version 1 (术后回访 5 days after, not 3): B receives it, A does not.
    await a.app.sync.disconnect();
    const hq = await desk();
    await hq.anon['headoffice.setup']({ url: ho.url, ...HO_USER, director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: '2468' } });
    const director = (await hq.anon['staff.list']({})).find((s) => s.role === 'hoCsDirector')!;
    await hq.signIn(director.id, '2468');
    await hq.api['headoffice.followupPlansSave']({ baseVersion: 0, plans: defaultPlans.map((p, i) => (i === postSurgery ? { ...p, offsetDays: 5 } : p)) });
    await b.signIn(f.lead.id, LEAD_PIN);
    await waitFor(async () => (await b.api['followup.plans']({})).version === 1 || null, 'version 1 at desk B', 30_000);
    await a.signIn(f.lead.id, LEAD_PIN);
    expect((await a.api['followup.plans']({})).version).toBe(0);

    // The next day both desks list (and so derive) her tasks, each by the plans it has.
    a.clock.advance(24 * 60);
    b.clock.now = new Date(a.clock.now.getTime());
    await a.signIn(f.lead.id, LEAD_PIN);
    await b.signIn(f.lead.id, LEAD_PIN);
    await a.api['followup.list']({});
    await b.api['followup.list']({});
    const id = taskId('BJ', 'postSurgery', v.id);
    expect(((await a.app.store.db.get(id)) as FollowupTaskDoc).dueDate).toBe('2026-11-30');
    expect(((await b.app.store.db.get(id)) as FollowupTaskDoc).dueDate).toBe('2026-12-02');

    // A is back: both revisions meet at both desks (two leaves of one document; head office's
    // validation lets the second derivation in, as another branch)…
    await a.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
    const leaves = (t: TestApp) =>
      waitFor(async () => {
        const doc = await t.app.store.db.get<FollowupTaskDoc>(id, { conflicts: true });
        return (doc._conflicts?.length ?? 0) === 1 ? doc : null;
      }, 'both revisions of the task', 30_000);
    const [atA, atB] = await Promise.all([leaves(a), leaves(b)]);
    await caughtUp(a);
    await caughtUp(b);
    // …and the same one wins at both, so both desks show the same task with the same dates.
    expect(atA._rev).toBe(atB._rev);
    expect(atA.dueDate).toBe(atB.dueDate);
    expect((await a.api['followup.task']({ taskId: id })).dueDate).toBe((await b.api['followup.task']({ taskId: id })).dueDate);
    // Nobody is asked to settle it: no conflict in the status, the conflicts list or head office's copy of it.
    for (const t of [a, b]) {
      expect(await t.api['sync.status']({})).toMatchObject({ conflicts: 0, deniedDocs: [] });
      expect(await t.api['sync.conflicts']({})).toEqual([]);
    }
    await waitFor(() => hq.app.store.db.get(id).catch(() => null), 'the task in head office\'s copy', 30_000);
    expect(await listConflicts(hq.app.store.db)).toEqual([]);
  }, 120_000);

  it('a follow-up task whose revisions differ in more than the plan gives is still put to a person', async () => {
    const t = await desk();
    await setUpClinic(t);
    const db = t.app.store.db;
    const v = await t.api['desk.checkIn'](firstVisit({ name: '李娜' }));
    t.clock.advance(45);
    await t.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'surgical', note: '' });
    t.clock.advance(24 * 60);
    await t.signIn((await t.anon['staff.list']({}))[0]!.id, LEAD_PIN);
    await t.api['followup.list']({});
    const id = taskId('BJ', 'postSurgery', v.id);
    const doc = await db.get<FollowupTaskDoc>(id);
    const { _rev: _r, ...body } = doc;
    // Another derivation of the same task by other plans (only due days and tries differ): settled by rule.
    await db.bulkDocs([{ ...body, dueDate: '2026-12-02', lastDate: '2026-12-04', tries: 5, _rev: '1-ffffffffffffffffffffffffffffffff' }], { new_edits: false });
    expect((await db.get(id, { conflicts: true }))._conflicts).toHaveLength(1);
    expect(await conflictCount(db)).toBe(0);
    expect(await listConflicts(db)).toEqual([]);
    // A revision naming another customer is not another plan's derivation: listed for a person.
    await db.bulkDocs([{ ...body, customerName: '王芳', _rev: '1-eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' }], { new_edits: false });
    expect(await conflictCount(db)).toBe(1);
    expect(await listConflicts(db)).toMatchObject([{ id, type: 'followup-task', differingFields: expect.arrayContaining(['customerName']) }]);
  });
});
