import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/appointments/rules';
import { clinicDate } from '../../shared/time';
import { firstVisit, LEAD_PIN, setUpClinic } from '../support/factories';
import { DESK_USERS } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { testWorld } from '../support/world';
import { bookAt, booking, offlineTwin } from '../support/valid/appointments';

const { headOffice, desk } = testWorld();

describe('appointments, no-shows, the roster and merges travel through head office', () => {
  it('head office accepts every new document (its validation knows them) and a second desk of the clinic sees them', async () => {
    const ho = await headOffice();
    const a = await desk();
    const f = await setUpClinic(a);
    const today = clinicDate(a.clock.now);
    const v = await a.api['desk.checkIn'](firstVisit({ phone: '13911112222' }));
    const twin = await offlineTwin(a, v.customerId, '别名');
    const booked = await a.api['appointment.book'](booking(a, { customer: { id: v.customerId }, date: addDays(today, 1) }));
    await a.api['appointment.recordCall']({ id: booked.id, outcome: 'confirmed', note: '' });
    const missed = await bookAt(a, new Date(a.clock.now.getTime() - 3 * 3_600_000), booking(a, { date: today, time: '09:00' }));
    await a.api['appointment.markNoShow']({ id: missed.id });
    await a.api['duty.set']({ date: today, staffId: f.consultant.id, onDuty: true });
    await a.api['customer.setTier']({ customerId: v.customerId, tier: 'A', vip: { hostId: f.lead.id, drinks: '龙井', snacks: '', note: '' } });
    await a.api['customer.merge']({ keepId: v.customerId, mergeId: twin });

    await a.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
    const status = await waitFor(async () => {
      const s = await a.app.sync.status();
      return s.state === 'idle' && s.pendingUp === 0 ? s : null;
    }, 'desk A to be caught up', 30_000);
    expect(status.deniedDocs).toEqual([]);
    const noShowId = `no-show:BJ:${missed.id.split(':')[2]}`;
    const dutyId = `duty:BJ:${today}:${f.consultant.id.split(':')[2]}`;
    const atHeadOffice = await ho.ids('clinic_bj');
    for (const id of [booked.id, missed.id, noShowId, dutyId, twin]) expect(atHeadOffice, id).toContain(id);

    // A second desk of the clinic joins and reads the same day.
    const b = await desk();
    await b.anon['clinic.join']({ clinicCode: 'BJ', url: ho.url, ...DESK_USERS.BJ });
    await waitFor(async () => (await b.anon['app.status']({})).setupDone, 'the clinic at desk B');
    await waitFor(() => b.app.store.db.get(noShowId).catch(() => null), 'the no-show at desk B');
    await waitFor(() => b.app.store.db.get<{ mergedInto?: string }>(twin).then((d) => d.mergedInto ?? null).catch(() => null), 'the merged record at desk B');
    await b.signIn(f.lead.id, LEAD_PIN);
    const day = await b.api['appointment.day']({ date: today });
    expect(day.map((x) => [x.id, x.state])).toEqual([[missed.id, 'noShow']]);
    expect((await b.api['duty.day']({ date: today })).staff.find((s) => s.staffId === f.consultant.id)?.onDuty).toBe(true);
    expect((await b.api['customer.search']({ query: '13911112222' })).map((h) => [h.id, h.tier])).toEqual([[v.customerId, 'A']]);
  });
});
