import { afterEach, describe, expect, it } from 'vitest';
import { followupTaskDoc } from '../../shared/followup/schemas';
import { deriveVisitTasks } from '../../src-main/followup/repo';
import { startTestApp, type TestApp } from '../support/app';
import { firstVisit, setUpClinic } from '../support/factories';

let a: TestApp | undefined;
let b: TestApp | undefined;
afterEach(async () => {
  await a?.close();
  await b?.close();
});

describe('follow-up tasks derived from visits on a real store', () => {
  it('a visitor who left with an outcome gets her tasks; still in the clinic, none; two desks write the identical revision', async () => {
    a = await startTestApp();
    await setUpClinic(a);
    const left = await a.api['desk.checkIn'](firstVisit({ name: '张晓梅' }));
    const staying = await a.api['desk.checkIn'](firstVisit({ name: '李娜' }));
    a.clock.advance(45);
    await a.api['visits.setStatus']({ visitId: left.id, status: 'left', outcome: 'surgical', note: '' });
    const db = a.app.store.db;

    // The next day: the visit of 2026-11-27 is in the window.
    const tasks = await deriveVisitTasks(db, 'BJ', '2026-11-28');
    expect(tasks.map((t) => t.planId).sort()).toEqual(['nextDaySurvey', 'postRecovery', 'postSurgery', 'service7d']);
    expect(tasks.every((t) => t.visitId === left.id && t.customerName === '张晓梅')).toBe(true);
    expect(tasks.find((t) => t.planId === 'service7d')).toMatchObject({ dueDate: '2026-11-28', lastDate: '2026-12-04', createdBy: 'system', createdAt: '2026-11-27T02:45:00.000Z' });
    expect(tasks.some((t) => t.visitId === staying.id)).toBe(false);
    const stored = await db.allDocs({ startkey: 'followup-task:BJ:', endkey: 'followup-task:BJ:\ufff0', include_docs: true });
    expect(stored.rows).toHaveLength(4);
    for (const r of stored.rows) expect(followupTaskDoc.safeParse(r.doc).success).toBe(true);
    const revs = Object.fromEntries(stored.rows.map((r) => [r.id, r.value.rev]));

    // Derived again: nothing new written.
    const seq = (await db.info()).update_seq;
    await deriveVisitTasks(db, 'BJ', '2026-11-28');
    expect((await db.info()).update_seq).toBe(seq);

    // A second desk with the same visits (replicated, before any task) derives the same ids and revisions.
    b = await startTestApp();
    await db.replicate.to(b.app.store.db, { filter: (doc: { _id: string }) => doc._id.startsWith('visit') });
    await deriveVisitTasks(b.app.store.db, 'BJ', '2026-11-28');
    const other = await b.app.store.db.allDocs({ startkey: 'followup-task:BJ:', endkey: 'followup-task:BJ:\ufff0' });
    expect(Object.fromEntries(other.rows.map((r) => [r.id, r.value.rev]))).toEqual(revs);

    // After the window closes (the longest plan's last day has passed) the visit is not read any more.
    expect(await deriveVisitTasks(db, 'BJ', '2027-02-01')).toEqual([]);
  });
});
