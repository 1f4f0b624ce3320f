import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { firstVisit, LEAD_PIN, setUpClinic, visitFields } from '../support/factories';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const place = async (query: string) => (await t!.api['customer.search']({ query }))[0]?.today;

// Issue 21: 「A person already waiting (or in consultation) today …」 — the lookup says where she is
// now (在候 with her 排队号 and since when, 咨询中 / 治疗中 since she was handed on, 已离院 when), not a
// bare 今日已到, so the guide at the door sees at once that she is already in the queue.
describe('the lookup says where a customer who came today is now (issue 21), on a real store', () => {
  it('在候 with her queue number and arrival, then with her consultant, then gone; a second visit waiting again; a cancelled one nowhere', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const other = await t.api['desk.checkIn'](firstVisit({ name: '李娜', phone: '13900001111' }));
    t.clock.advance(5);
    const v = await t.api['desk.checkIn'](firstVisit({ name: '陈静', phone: '13700002222' }));
    expect(await place('13900001111')).toMatchObject({ visitId: other.id, where: 'waiting', queueLabel: '1', since: other.arrivedAt });
    expect(await place('陈静')).toEqual({ visitId: v.id, where: 'waiting', queueLabel: '2', since: v.arrivedAt });

    // Handed to her consultant: 咨询中 since the hand-off, not since her arrival.
    t.clock.advance(12);
    const handed = await t.api['visits.handOff']({ visitId: v.id, toStaffId: f.consultant.id, status: 'withConsultant', note: '' });
    expect(await place('陈静')).toEqual({ visitId: v.id, where: 'withConsultant', queueLabel: '2', since: handed.handedTo!.at });
    expect(handed.handedTo!.at).not.toBe(v.arrivedAt);

    t.clock.advance(30);
    const left = await t.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'noPurchase', note: '' });
    expect(await place('陈静')).toEqual({ visitId: v.id, where: 'left', queueLabel: '2', since: left.leftAt });

    // She comes back the same day (a second visit needs its reason): that open visit is the one shown.
    t.clock.advance(60);
    const again = await t.api['desk.checkIn']({ customer: { id: v.customerId }, visit: visitFields({ repeatReason: '取药后复查' }) });
    expect(await place('2222')).toEqual({ visitId: again.id, where: 'waiting', queueLabel: '3', since: again.arrivedAt });

    // 作废 of a mistaken check-in: the visit counts nowhere, so the lookup does not show it either.
    await t.api['visits.cancel']({ visitId: other.id, reason: '登记错了人' });
    const hit = (await t.api['customer.search']({ query: '13900001111' }))[0]!;
    expect({ arrivedToday: hit.arrivedToday, today: hit.today }).toEqual({ arrivedToday: false, today: null });

    // The next day nobody has come yet: no place.
    t.clock.advance(24 * 60);
    await t.signIn(f.lead.id, LEAD_PIN);
    expect(await place('陈静')).toBeNull();
  });
});
