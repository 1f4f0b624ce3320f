import { afterEach, describe, expect, it } from 'vitest';
import { clinicDate } from '../../shared/time';
import { toVisitView } from '../../src-main/desk/checkIn';
import { listStaff } from '../../src-main/reference/repo';
import { dayBoard } from '../../src-main/visits/repo';
import { startTestApp, type TestApp } from '../support/app';
import { firstVisit, setUpClinic } from '../support/factories';

/**
 * The waiting list answers from the day's board kept in memory and refreshed from the changes
 * feed (src-main/desk/keptBoard.ts, issue 16). After every kind of change it must be what reading
 * the day afresh gives: check-ins, hand-offs, a visitor leaving, a cancelled check-in, a document
 * arriving by sync (written straight into the store), a renamed member of staff.
 */
let t: TestApp;
afterEach(async () => t?.close());

async function freshRead(t: TestApp) {
  const db = t.app.store.db;
  const date = clinicDate(t.clock.now);
  const [board, staff] = await Promise.all([dayBoard(db, 'BJ', date), listStaff(db, 'BJ')]);
  const names = new Map(staff.map((s) => [s._id, s.name]));
  return board
    .filter((b) => b.state.status === 'arrived' || b.state.status === 'triaged')
    .map((b) => b.visit)
    .sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt))
    .map((v) => toVisitView(v, names, 'guideLead'));
}

describe('desk.waitingList kept from the changes feed', () => {
  it('is what a fresh read of the day gives after check-ins, hand-offs, leaving, cancelling, a synced visit and a renamed guide', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const list = () => t.api['desk.waitingList']({});
    expect(await list()).toEqual([]);
    const visits = [];
    for (let i = 0; i < 5; i++) {
      visits.push(await t.api['desk.checkIn'](firstVisit()));
      t.clock.advance(1);
      expect(await list()).toEqual(await freshRead(t));
    }
    expect(await list()).toHaveLength(5);
    await t.api['visits.handOff']({ visitId: visits[0]!.id, toStaffId: f.consultant.id, status: 'withConsultant', note: '' });
    expect((await list()).map((v) => v.id)).toEqual(visits.slice(1).map((v) => v.id));
    await t.api['visits.setStatus']({ visitId: visits[1]!.id, status: 'left', outcome: 'noPurchase' });
    await t.api['visits.cancel']({ visitId: visits[2]!.id, reason: '点错了' });
    expect((await list()).map((v) => v.id)).toEqual([visits[3]!.id, visits[4]!.id]);
    expect(await list()).toEqual(await freshRead(t));

    // Another desk's check-in arriving by sync: written into the store, not through this desk's handler.
    const db = t.app.store.db;
    const model = await db.get<Record<string, unknown>>(visits[4]!.id);
    const { _rev: _r, ...copy } = model;
    await db.put({ ...copy, _id: `${visits[4]!.id.slice(0, -4)}zzzz`, customerName: '同步来的客人' });
    expect((await list()).map((v) => v.customerName)).toContain('同步来的客人');
    expect(await list()).toEqual(await freshRead(t));

    // The guide who registered them renamed (staff document edited): the list shows the new name.
    const lead = await db.get<Record<string, unknown>>(visits[3]!.registeredBy);
    await db.put({ ...lead, name: '改名的组长' });
    expect((await list()).map((v) => v.registeredByName)).toContain('改名的组长');
    expect(await list()).toEqual(await freshRead(t));
  });
});
