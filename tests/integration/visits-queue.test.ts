import { describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app';
import { firstVisit, LEAD_PIN, setUpClinic } from '../support/factories';
import { DESK_USERS, type TestHeadOffice } from '../support/headOffice';
import { caughtUp, waitFor } from '../support/wait';
import { testWorld } from '../support/world';
import { displayBoard } from '../../src-main/visits/display';

/**
 * Issue 21: queue numbers (排队号) are given at check-in and kept, so a visit that arrives late
 * from a desk that was offline, with an earlier arrival, moves nobody's number. Two real desks
 * of one clinic against the embedded head office.
 */
const { headOffice, desk } = testWorld();


async function twoDesks(ho: TestHeadOffice) {
  const a = await desk();
  const f = await setUpClinic(a);
  await a.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
  await caughtUp(a);
  const b = await desk();
  await b.anon['clinic.join']({ clinicCode: 'BJ', url: ho.url, ...DESK_USERS.BJ });
  await waitFor(() => b.app.store.db.get(f.lead.id).catch(() => null), 'the lead to arrive at the joining desk');
  await b.signIn(f.lead.id, LEAD_PIN);
  await caughtUp(b);
  return { a, b };
}

const labels = async (t: TestApp) => Object.fromEntries((await t.api['visits.board']({})).map((r) => [r.customerName, r.queueLabel]));
const numbers = async (t: TestApp) => Object.fromEntries((await t.api['visits.board']({})).map((r) => [r.customerName, r.queueNumber]));

describe('queue numbers do not shift when a late-synced earlier visit arrives (issue 21)', () => {
  it('each visitor keeps the number she was given at check-in, on both desks', async () => {
    const ho = await headOffice();
    const { a, b } = await twoDesks(ho);
    await a.api['desk.checkIn'](firstVisit({ name: '李静' }));
    await waitFor(async () => (await b.api['visits.board']({})).length === 1, 'the first visit at desk B');

    // Desk B loses head office; it checks 张敏 in at 10:00, desk A checks two in later.
    await ho.stop();
    b.clock.now = new Date('2026-11-27T02:00:00Z');
    await b.api['desk.checkIn'](firstVisit({ name: '张敏' }));
    a.clock.now = new Date('2026-11-27T02:10:00Z');
    await a.api['desk.checkIn'](firstVisit({ name: '王芳' }));
    a.clock.advance(5);
    await a.api['desk.checkIn'](firstVisit({ name: '赵丽' }));
    const before = await numbers(a);
    expect(before).toEqual({ 李静: 1, 王芳: 2, 赵丽: 3 });

    // Cut off from each other, both desks gave out 2: each shows its own 2 plainly until they meet.
    expect(await labels(a)).toEqual({ 李静: '1', 王芳: '2', 赵丽: '3' });
    expect(await labels(b)).toEqual({ 李静: '1', 张敏: '2' });

    await ho.start();
    await waitFor(async () => (await a.api['visits.board']({})).length === 4 && (await b.api['visits.board']({})).length === 4, 'all four visits on both desks', 30_000);
    // 张敏 arrived earlier than 王芳 and 赵丽, but nobody's number moved; both desks agree.
    expect(await numbers(a)).toEqual({ ...before, 张敏: 2 });
    expect(await numbers(b)).toEqual(await numbers(a));
    // The number given twice is told apart the same way on both desks: 张敏 came first and keeps 2,
    // 王芳 is 2B on the list, on the waiting-room display and when she is called.
    expect(await labels(a)).toEqual({ 李静: '1', 张敏: '2', 王芳: '2B', 赵丽: '3' });
    expect(await labels(b)).toEqual(await labels(a));
    const wang = (await b.api['visits.board']({})).find((r) => r.customerName === '王芳')!;
    expect(await b.api['visits.call']({ visitId: wang.id })).toMatchObject({ queueNumber: 2, queueLabel: '2B' });
    const shown = await displayBoard(b.app.store.db, b.clock.now);
    expect(shown.rows.map((r) => [r.number, r.name])).toEqual([['1', '李*'], ['2', '张*'], ['2B', '王*'], ['3', '赵*']]);
    expect(shown.call).toMatchObject({ number: '2B', name: '王*' });
    // The next check-in continues after the highest number the desk holds.
    a.clock.advance(5);
    const next = await a.api['desk.checkIn'](firstVisit({ name: '钱红' }));
    expect((await a.api['visits.board']({})).find((r) => r.id === next.id)?.queueNumber).toBe(4);
  }, 90_000);
});
