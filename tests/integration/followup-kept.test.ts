import { afterEach, describe, expect, it } from 'vitest';
import type { FollowupEventDoc, FollowupTaskDoc } from '../../shared/followup/schemas';
import { figuresFrom } from '../../src-main/followup/handlers';
import { figureReads } from '../../src-main/followup/kept';
import { startTestApp, type TestApp } from '../support/app';
import { firstVisit, LEAD_PIN, setUpClinic } from '../support/factories';

let a: TestApp | undefined;
afterEach(async () => {
  await a?.close();
});

/** The figures as they were answered before they were kept: every task of the clinic and the period's calls read now. */
async function read(t: TestApp, from: string, to: string, today: string) {
  const db = t.app.store.db;
  const [tasks, calls] = await Promise.all([
    db.allDocs<FollowupTaskDoc>({ startkey: 'followup-task:BJ:', endkey: 'followup-task:BJ:\ufff0', include_docs: true }),
    db.allDocs<FollowupEventDoc>({ startkey: `followup-event:BJ:${from}:`, endkey: `followup-event:BJ:${to}:\ufff0`, include_docs: true }),
  ]);
  const by = new Map<string, FollowupEventDoc[]>();
  for (const r of calls.rows) if (r.doc) by.set(r.doc.taskId, [...(by.get(r.doc.taskId) ?? []), r.doc]);
  return figuresFrom('BJ', from, to, today, tasks.rows.flatMap((r) => (r.doc ? [r.doc] : [])), by);
}

describe('the kept call list and figures follow the changes feed (issue 13, bench: a year read at every ask)', () => {
  it('a call, a new visitor who left and a new member after the first read all show at the next read, equal to reading everything again', async () => {
    a = await startTestApp();
    const f = await setUpClinic(a);
    const v = await a.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13812345678' }));
    await a.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'nonSurgical', note: '' });
    a.clock.advance(24 * 60); // 2026-11-28, a Saturday: the Friday week is 11-28..12-04
    await a.signIn(f.lead.id, LEAD_PIN);
    const week = { date: '2026-11-28', period: 'week' } as const;

    const first = await a.api['followup.list']({});
    expect(first.map((t) => t.planId).sort()).toEqual(['nextDaySurvey', 'service7d']);
    const before = await a.api['followup.figures'](week);
    expect(before).toMatchObject({ due: 2, reached: 0, total: { answers: 0 } });
    expect(before).toEqual(await read(a, '2026-11-28', '2026-12-04', '2026-11-28'));

    // A reached call (seed 003's four questions): the kept figures are dropped and read again.
    const task = first.find((t) => t.planId === 'service7d')!;
    await a.api['followup.attempt']({ taskId: task.id, result: 'reached', ratings: { attitude: 'verySatisfied', skill: 'satisfied', punctuality: 'fair', promises: 'satisfied' }, feedback: 'praise', comments: '很满意' });
    const after = await a.api['followup.figures'](week);
    expect(after).toMatchObject({ due: 2, reached: 1, total: { answers: 4, satisfied: 3 } });
    expect(after.comments.map((c) => c.comments)).toEqual(['很满意']);
    expect(after).toEqual(await read(a, '2026-11-28', '2026-12-04', '2026-11-28'));
    expect((await a.api['followup.list']({})).map((t) => t.planId)).toEqual(['nextDaySurvey']);

    // Another visitor of 11-27 reaches this desk afterwards (as by sync): her tasks are derived at the next read.
    const late = await a.api['desk.checkIn'](firstVisit({ name: '李娜', phone: '13900001111' }));
    await a.api['visits.setStatus']({ visitId: late.id, status: 'left', outcome: 'surgical', note: '' });
    a.clock.advance(24 * 60); // 11-29
    await a.signIn(f.lead.id, LEAD_PIN);
    expect((await a.api['followup.list']({})).filter((t) => t.customerName === '李娜').map((t) => t.planId).sort()).toEqual(['nextDaySurvey', 'service7d']);
    const withHer = await a.api['followup.figures'](week);
    expect(withHer.due).toBe(4);
    expect(withHer).toEqual(await read(a, '2026-11-28', '2026-12-04', '2026-11-29'));

    // A member made after the list was kept (seed 001 九 (五) 「第 1 天 短信」): the changed customer is read, not every customer.
    await a.api['customer.setTier']({ customerId: late.customerId, tier: 'A', vip: null, memberSince: '2026-11-29' });
    a.clock.advance(24 * 60); // day 1 is the day after 入会
    await a.signIn(f.lead.id, LEAD_PIN);
    const members = (await a.api['followup.list']({})).filter((t) => t.planId === 'memberDay1');
    expect(members.map((t) => t.customerName)).toEqual(['李娜']);
  });

  it('a check-in at the door and her steps keep the week\'s figures; a 离院 undone of a visit whose tasks fall in the week reads them again', async () => {
    a = await startTestApp();
    const f = await setUpClinic(a);
    const db = a.app.store.db;
    const v = await a.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13812345678' }));
    await a.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'nonSurgical', note: '' });
    // Today is 2026-11-27: reading the list writes her tasks (service7d, nextDaySurvey), due 11-28, in the Friday week 11-28..12-04.
    expect(await a.api['followup.list']({})).toEqual([]);
    const week = { date: '2026-11-28', period: 'week' } as const;
    const first = await a.api['followup.figures'](week);
    expect(first.due).toBe(0); // due from tomorrow: counted as due once their day comes
    const reads = figureReads(db);
    expect(await a.api['followup.figures'](week)).toEqual(first);
    expect(figureReads(db)).toBe(reads); // answered from memory

    // Today's visitors at the door: a check-in and her steps write visits and visit events of 11-28, none with a task yet.
    const seq = (await db.info()).update_seq;
    const w = await a.api['desk.checkIn'](firstVisit({ name: '李娜', phone: '13900001111' }));
    await a.api['visits.setStatus']({ visitId: w.id, status: 'withConsultant', outcome: null, note: '' });
    expect((await db.info()).update_seq).not.toBe(seq);
    const kept = await a.api['followup.figures'](week);
    expect(figureReads(db)).toBe(reads); // NOT read again: nothing in the week could move
    expect(kept).toEqual(first);
    expect(kept).toEqual(await read(a, '2026-11-28', '2026-12-04', '2026-11-27'));

    // The lead undoes 张晓梅's 离院 (issue 21): her two tasks of the week are withdrawn, so the figures are read again.
    await a.api['visits.reopen']({ visitId: v.id, reason: '点错了离院，她还在候诊' });
    const after = await a.api['followup.figures'](week);
    expect(figureReads(db)).toBe(reads + 1);
    expect(after).toEqual(first);
    // On their day her two tasks count nowhere (withdrawn), where before the 离院 undone they were due.
    a.clock.advance(24 * 60);
    await a.signIn(f.lead.id, LEAD_PIN);
    expect(await a.api['followup.figures'](week)).toMatchObject({ due: 0, overdue: 0 });
    expect(await a.api['followup.list']({})).toEqual([]);
  });
});
