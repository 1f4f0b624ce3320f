import { describe, expect, it } from 'vitest';
import { refusal, storeMark, type TestApp } from '../support/app';
import { addStaff, LEAD_PIN, setUpClinic } from '../support/factories';
import { DESK_USERS, HO_USER, type TestHeadOffice } from '../support/headOffice';
import { caughtUp, waitFor } from '../support/wait';
import { testWorld } from '../support/world';

/**
 * A record written once (here the month's 服务之星) created under one id by two desks while they
 * were apart. On CouchDB 3 both revisions get in — `validate_doc_update` sees no oldDoc for a new
 * branch — and the record is in conflict at head office and at every desk; express-pouchdb would
 * refuse the second instead. The embedded head office runs with CouchDB's oldDoc here
 * (`couchOldDoc`, scripts/couchStandin/couchOldDoc.ts), so this is the CouchDB case.
 *
 * Head office's validation never lets a desk delete a written-once record, so a desk cannot settle
 * it: the desks list it as head office's, and head office keeps one, online in the clinic's database.
 */
const { headOffice, desk } = testWorld();
const DIRECTOR_PIN = '2468';


async function headOfficeDesk(ho: TestHeadOffice) {
  const t = await desk();
  await t.anon['headoffice.setup']({ url: ho.url, ...HO_USER, director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: DIRECTOR_PIN } });
  const director = (await t.anon['staff.list']({})).find((s) => s.role === 'hoCsDirector')!;
  await t.signIn(director.id, DIRECTOR_PIN);
  return { t, director };
}

describe('a written-once record created at two desks while apart (CouchDB 3’s conflict)', () => {
  it('both get in; the desks list it for head office and may not settle it; head office keeps one in the clinic’s database, the other archived, and every copy agrees', async () => {
    const ho = await headOffice({ consolidate: true, couchOldDoc: true });
    const a = await desk();
    const { lead } = await setUpClinic(a);
    const anna = await addStaff(a, { name: '孙丽', sex: 'F', role: 'guide' });
    const bo = await addStaff(a, { name: '李强', sex: 'M', role: 'guide' });
    await a.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
    await caughtUp(a);
    const b = await desk();
    await b.anon['clinic.join']({ clinicCode: 'BJ', url: ho.url, ...DESK_USERS.BJ });
    await waitFor(() => b.app.store.db.get(bo.id).catch(() => null), 'the roster at the second desk');
    await b.signIn(lead.id, LEAD_PIN);
    await caughtUp(b);

    // Apart: each desk's lead chooses the month's 服务之星, each a different guide.
    await ho.stop();
    await a.api['inspection.chooseStar']({ month: '2026-11', staffId: anna.id, reason: '全月零投诉' });
    await b.api['inspection.chooseStar']({ month: '2026-11', staffId: bo.id, reason: '客户书面表扬' });
    await ho.start();
    await caughtUp(a);
    await caughtUp(b);

    // Both revisions got in: no desk has a refused record, and each holds the conflict.
    const conflictAt = (t: TestApp) => waitFor(async () => (await t.api['sync.conflicts']({}))[0] ?? null, 'the conflict to reach the desk');
    const atA = await conflictAt(a);
    await conflictAt(b);
    for (const t of [a, b]) expect((await t.app.sync.status()).deniedDocs).toEqual([]);
    expect(atA).toMatchObject({ type: 'service-star', writtenOnce: true });
    expect(atA.differingFields).toEqual(expect.arrayContaining(['reason', 'staffId', 'staffName']));
    const id = atA.id;
    const revOf = (c: typeof atA, staffId: string) => [c.winner, ...c.losers].find((r) => r.fields.staffId === staffId)!.rev;

    // A desk may not settle it (head office's validation would refuse the deletion): refused on the
    // field, in words, and nothing written.
    const before = await storeMark(a.app.store.db);
    expect(await refusal(a, 'sync.resolveConflict', { id, keepRev: revOf(atA, anna.id) })).toMatchObject({ code: 'forbidden', field: 'id', rule: 'sync.writtenOnceAtHeadOffice' });
    expect(await storeMark(a.app.store.db)).toEqual(before);

    // Head office sees it in its consolidated copy and keeps 李强's, online in clinic BJ's database.
    const h = await headOfficeDesk(ho);
    const atHo = await waitFor(async () => (await h.t.api['sync.conflicts']({})).find((c) => c.id === id) ?? null, 'the conflict at head office', 30_000);
    expect(atHo.writtenOnce).toBe(true);
    const lost = revOf(atHo, anna.id);
    await h.t.api['sync.resolveConflict']({ id, keepRev: revOf(atHo, bo.id) });

    // The clinic's database: one revision left, the other archived with who settled it.
    const there = await ho.admin<{ staffId: string; _conflicts?: string[] }>('GET', `/clinic_bj/${encodeURIComponent(id)}?conflicts=true`);
    expect(there.body.staffId).toBe(bo.id);
    expect(there.body._conflicts).toBeUndefined();
    const archive = await ho.admin<{ docId: string; body: { staffId: string }; createdBy: string }>('GET', `/clinic_bj/${encodeURIComponent(`conflict-archive:${id}:${lost}`)}`);
    expect(archive.status).toBe(200);
    expect(archive.body).toMatchObject({ docId: id, body: { staffId: anna.id }, createdBy: h.director.id });

    // Every desk, and head office's own copy, comes to the same: no conflict, 李强 the star.
    for (const t of [a, b, h.t]) await waitFor(async () => ((await t.api['sync.conflicts']({})).length === 0 ? true : null), 'the conflict to be gone everywhere', 30_000);
    for (const t of [a, b]) {
      expect((await t.api['inspection.monthSummary']({ month: '2026-11' })).star).toMatchObject({ name: '李强' });
      expect((await t.app.sync.status()).deniedDocs).toEqual([]);
    }
  }, 120_000);
});
