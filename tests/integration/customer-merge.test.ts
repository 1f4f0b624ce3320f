import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/errors';
import { expectRefused, startTestApp, type TestApp } from '../support/app';
import { addStaff, firstVisit, setUpClinic, type ClinicFixture } from '../support/factories';
import { offlineTwin } from '../support/valid/appointments';

let t: TestApp;
let f: ClinicFixture;
afterEach(async () => {
  await t?.close();
});

async function start() {
  t = await startTestApp();
  f = await setUpClinic(t);
}

/** A refusal names the field and moves nothing in the store. */
const refused = (call: () => Promise<unknown>, code: ErrorCode, field: string | undefined) => expectRefused(t, call, code, field);

/**
 * Two records of one person each with a visit today (two offline desks registered her): her twin's
 * visit is handed on to the consultant on the other desk.
 */
async function twinsHereToday() {
  const v = await t.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13912345678' }));
  const twin = await offlineTwin(t, v.customerId, '张小梅');
  const twinVisit = await t.api['desk.checkIn']({ customer: { id: twin }, visit: { ...firstVisit().visit, intention: '水光针' } });
  await t.api['visits.setStatus']({ visitId: twinVisit.id, status: 'withConsultant', outcome: null, note: '' });
  return { v, twin, twinVisit };
}

describe('merging duplicate records (issue 21): folding a day’s two visits, and a lead’s correction', () => {
  // Seed 000/001 (导医台): 同一客户同一天只登记一次到诊 — one person, one visit a day.
  it('says what it will do, then folds the same-day visits into one: the kept visit has both visits’ events, the other is 作废 with reason 合并', async () => {
    await start();
    const { v, twin, twinVisit } = await twinsHereToday();
    expect((await t.api['visits.board']({})).length).toBe(2);

    const preview = await t.api['customer.mergePreview']({ keepId: v.customerId, mergeId: twin });
    expect(preview).toMatchObject({ visits: 1, appointments: 0, noShows: 0, sameDay: [{ keepVisitId: v.id, mergeVisitId: twinVisit.id }] });

    expect(await t.api['customer.merge']({ keepId: v.customerId, mergeId: twin, foldSameDay: true })).toEqual({ keptId: v.customerId, mergedId: twin, visits: 1, appointments: 0, noShows: 0, folded: 1 });
    // One visit today: hers, now with the consultant (the twin's hand-on came with it).
    const board = await t.api['visits.board']({});
    expect(board.map((r) => [r.id, r.status])).toEqual([[v.id, 'withConsultant']]);
    const events = await t.api['visits.events']({ visitId: v.id });
    expect(events.map((e) => e.status)).toContain('withConsultant');
    const cancelled = await t.api['visits.events']({ visitId: twinVisit.id });
    expect(cancelled.at(-1)).toMatchObject({ kind: 'cancel', note: '合并' });
    // The merged-away record's history says it was merged.
    const record = await t.api['customer.record']({ customerId: twin });
    expect(record.mergedInto).toBe(v.customerId);
    expect(record.edits[0]?.changes).toEqual([{ field: 'mergedInto', from: null, to: v.customerId, hidden: false }]);
  });

  it('撤销合并 unfolds what the merge folded: both visits of the day come back as each was, by compensating events (none edited)', async () => {
    await start();
    const { v, twin, twinVisit } = await twinsHereToday();
    const before = await t.api['visits.board']({});
    await t.api['customer.merge']({ keepId: v.customerId, mergeId: twin, foldSameDay: true });
    expect((await t.api['visits.board']({})).map((r) => [r.id, r.status])).toEqual([[v.id, 'withConsultant']]);
    const eventRevs = async () => Object.fromEntries((await t.app.store.db.allDocs({ startkey: 'visit-event:', endkey: 'visit-event:\ufff0' })).rows.map((r) => [r.id, r.value.rev]));
    const written = await eventRevs();

    expect(await t.api['customer.unmerge']({ mergedId: twin, reason: '两位不同的客户' })).toEqual({ keptId: v.customerId, mergedId: twin, visits: 1, appointments: 0, noShows: 0, folded: 1 });
    // Both visits are back on the board, each with its own state: hers waiting, the twin's with the consultant.
    const after = await t.api['visits.board']({});
    expect(after.map((r) => [r.id, r.customerId, r.status])).toEqual(before.map((r) => [r.id, r.customerId, r.status]));
    expect(after.find((r) => r.id === v.id)?.status).not.toBe('withConsultant');
    // Each visit's history still shows what the fold wrote, marked withdrawn (who, when, why), and the withdrawal beside it.
    const withdrawn = { at: '2026-11-27T02:00:00.000Z', by: f.lead.id, byName: '王主任', reason: '两位不同的客户' };
    const kept = await t.api['visits.events']({ visitId: v.id });
    expect(kept.filter((e) => e.status === 'withConsultant').map((e) => e.withdrawn)).toEqual([withdrawn]);
    expect(kept.filter((e) => e.withdrawn === null && e.kind !== 'withdraw').map((e) => e.status)).not.toContain('withConsultant');
    expect(kept.at(-1)).toMatchObject({ kind: 'withdraw', note: '两位不同的客户', byName: '王主任', withdrawn: null });
    const twins = await t.api['visits.events']({ visitId: twinVisit.id });
    expect(twins.filter((e) => e.kind === 'cancel').map((e) => [e.note, e.withdrawn])).toEqual([['合并', withdrawn]]);
    expect(twins.filter((e) => e.status === 'withConsultant').map((e) => e.withdrawn)).toEqual([null]); // her own step stands
    expect(twins.at(-1)).toMatchObject({ kind: 'withdraw', note: '两位不同的客户', withdrawn: null });
    // Counted again everywhere: 今日概览 and each record's visit count in the lookup.
    expect((await t.api['visits.dayView']({})).arrivals).toBe(2);
    const found = await t.api['customer.search']({ query: '13912345678', limit: 5 });
    expect(Object.fromEntries(found.map((c) => [c.id, c.visitCount]))).toEqual({ [v.customerId]: 1, [twin]: 1 });
    // Append-only: every event the fold wrote is still there, unchanged; the undo only added.
    const now = await eventRevs();
    for (const [id, rev] of Object.entries(written)) expect(now[id]).toBe(rev);
    expect(Object.keys(now).length).toBe(Object.keys(written).length + 2);
  });

  it('without folding, both visits of the day stay (as before)', async () => {
    await start();
    const { v, twin } = await twinsHereToday();
    expect(await t.api['customer.merge']({ keepId: v.customerId, mergeId: twin })).toEqual({ keptId: v.customerId, mergedId: twin, visits: 1, appointments: 0, noShows: 0 });
    expect((await t.api['visits.board']({})).map((r) => r.customerId)).toEqual([v.customerId, v.customerId]);
  });

  it('a lead undoes a merge with the reason: the record comes back, what moved moves back, the correction is kept in its history and the list of merges', async () => {
    await start();
    const v = await t.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13912345678' }));
    const twin = await offlineTwin(t, v.customerId, '张小梅');
    await t.app.store.db.put({ ...(await t.app.store.db.get(v.id)), _id: 'visit:BJ:2026-11-26:twinvisit', _rev: undefined, customerId: twin, arrivedAt: '2026-11-26T02:00:00.000Z' });
    await t.api['customer.merge']({ keepId: v.customerId, mergeId: twin });
    expect((await t.api['customer.history']({ customerId: v.customerId })).visits).toHaveLength(2);

    // Bad input: named, nothing written.
    await refused(() => t.api['customer.unmerge']({ mergedId: twin, reason: '' }), 'invalid_input', 'reason');
    await refused(() => t.api['customer.unmerge']({ mergedId: twin, reason: '   ' }), 'invalid_input', 'reason');
    await refused(() => t.api['customer.unmerge']({ mergedId: twin, reason: '因'.repeat(201) }), 'invalid_input', 'reason');
    await refused(() => t.api['customer.unmerge']({ mergedId: 12 as unknown as string, reason: '误合并' }), 'invalid_input', 'mergedId');
    await refused(() => t.api['customer.unmerge']({ mergedId: twin, reason: '误合并', extra: 1 } as never), 'invalid_input', 'extra');
    await refused(() => t.api['customer.unmerge']({ mergedId: 'customer:BJ:nobody', reason: '误合并' }), 'not_found', 'mergedId');
    await refused(() => t.api['customer.unmerge']({ mergedId: v.customerId, reason: '误合并' }), 'conflict', 'mergedId');
    // A guide may not.
    const guide = await addStaff(t, { name: '陈导医', role: 'guide', pin: '5555' });
    await t.signIn(guide.id, '5555');
    await refused(() => t.api['customer.unmerge']({ mergedId: twin, reason: '误合并' }), 'forbidden', undefined);
    await t.signIn(f.lead.id, '1234');

    expect(await t.api['customer.unmerge']({ mergedId: twin, reason: '两位不同的客户，电话登记错误' })).toEqual({ keptId: v.customerId, mergedId: twin, visits: 1, appointments: 0, noShows: 0 });
    expect((await t.api['customer.history']({ customerId: v.customerId })).visits.map((x) => x.id)).toEqual([v.id]);
    expect((await t.api['customer.history']({ customerId: twin })).visits.map((x) => x.id)).toEqual(['visit:BJ:2026-11-26:twinvisit']);
    const record = await t.api['customer.record']({ customerId: twin });
    expect(record.mergedInto).toBeNull();
    expect(record.edits.map((e) => [e.changes[0]?.field, e.changes[0]?.to, e.note])).toEqual([
      ['mergedInto', v.customerId, '合并'],
      ['mergedInto', null, '两位不同的客户，电话登记错误'],
    ]);
    const [merge] = await t.api['customer.merges']({});
    expect(merge).toMatchObject({ keptId: v.customerId, mergedId: twin, moved: 1, undone: { reason: '两位不同的客户，电话登记错误' } });
    // Undone once: a second correction is refused, and the two can be found apart again.
    await refused(() => t.api['customer.unmerge']({ mergedId: twin, reason: '再次撤销' }), 'conflict', 'mergedId');
    expect((await t.api['customer.duplicates']({})).map((g) => g.customers.length)).toEqual([2]);
  });

  it('refuses an undo when the kept record was merged away since, and a merge of a record into itself, naming the field', async () => {
    await start();
    const v = await t.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13912345678' }));
    const twin = await offlineTwin(t, v.customerId, '张小梅');
    const third = await offlineTwin(t, v.customerId, '张晓玫');
    await refused(() => t.api['customer.mergePreview']({ keepId: v.customerId, mergeId: v.customerId }), 'invalid_input', 'mergeId');
    await refused(() => t.api['customer.merge']({ keepId: v.customerId, mergeId: twin, foldSameDay: 'yes' as unknown as boolean }), 'invalid_input', 'foldSameDay');
    await t.api['customer.merge']({ keepId: v.customerId, mergeId: twin });
    await t.api['customer.merge']({ keepId: third, mergeId: v.customerId });
    await refused(() => t.api['customer.unmerge']({ mergedId: twin, reason: '误合并' }), 'conflict', 'mergedId');
    await expect(t.api['customer.unmerge']({ mergedId: twin, reason: '误合并' })).rejects.toMatchObject({ rule: 'customers.keptMergedAway' });
  });
});
