import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { enquiry } from '../support/valid/enquiries';
import { addDays } from '../../shared/appointments/rules';
import { clinicDate } from '../../shared/time';
import { funnelRows } from '../../shared/enquiries/rules';
import { readFunnelFacts } from '../../src-main/enquiries/funnel';
import { listStaff } from '../../src-main/reference/repo';

let t: TestApp;
afterEach(async () => t?.close());

/** The funnel as the former answer gave it: every fact read from the store at the ask. */
async function readFunnel(from: string, to: string, grain: 'day' | 'week' | 'month') {
  const [facts, staff] = await Promise.all([readFunnelFacts(t.app.store.db, 'BJ', from, to), listStaff(t.app.store.db, 'BJ')]);
  return funnelRows(facts.enquiries, facts.arrived, grain, new Map(staff.map((s) => [s._id, s.name])), facts.checks);
}

describe('the funnel from kept months (src-main/enquiries/funnel.ts) equals reading it at each ask', () => {
  it('after registrations, bookings, arrivals, a cancelled visit, a spot check and an answer, each ask equals the read', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const online = await seedStaff(t, { role: 'onlineConsultant', name: '赵网咨', pin: '2468' });
    await t.signIn(online.id, '2468');
    const day = clinicDate(t.clock.now);
    const asks = [
      [addDays(day, -40), addDays(day, 5), 'month'],
      [day, addDays(day, 1), 'day'],
      [addDays(day, -7), addDays(day, 7), 'week'],
    ] as const;
    const same = async (what: string) => {
      for (const [from, to, grain] of asks) expect(await t.api['enquiry.funnel']({ from, to, grain }), `${what}: ${from}..${to} by ${grain}`).toEqual(await readFunnel(from, to, grain));
    };
    const [a, b, c] = [await t.api['enquiry.record'](enquiry({ channel: 'swt' })), await t.api['enquiry.record'](enquiry({ channel: 'qq' })), await t.api['enquiry.record'](enquiry({ channel: 'wechat', answer: '', outcome: { kind: 'callBack', at: new Date(t.clock.now.getTime() + 3_600_000).toISOString() } }))];
    await same('registered');
    const booking = { date: addDays(day, 1), time: '10:00', serviceItem: '双眼皮', departmentId: 'plastic-surgery', consultantId: f.consultant.id, note: '' };
    const [ra, rb] = [await t.api['enquiry.book']({ id: a.id, ...booking }), await t.api['enquiry.book']({ id: b.id, ...booking, time: '11:00' })];
    await same('booked');
    expect((await t.api['enquiry.funnel']({ from: day, to: day, grain: 'day' })).total).toMatchObject({ enquiries: 3, appointments: 2, arrivals: 0 });

    // Next day both arrive at the door (预约到诊); one visit is then cancelled (作废): it kept nothing.
    t.clock.advance(24 * 60);
    await t.signIn(f.lead.id, LEAD_PIN);
    const va = await t.api['appointment.checkIn']({ id: ra.appointmentId! });
    await t.api['appointment.checkIn']({ id: rb.appointmentId! });
    await same('arrived');
    expect((await t.api['enquiry.funnel']({ from: day, to: day, grain: 'day' })).total).toMatchObject({ arrivals: 2 });
    await t.api['visits.cancel']({ visitId: va.id, reason: '登记错了人' });
    await same('a visit cancelled');
    expect((await t.api['enquiry.funnel']({ from: day, to: day, grain: 'day' })).total).toMatchObject({ arrivals: 1 });

    // The leader's spot check and a call-back made move the error rate and the answered count.
    await t.api['enquiry.spotCheck']({ id: c.id, verdict: 'incomplete', note: '未留电话' });
    await t.signIn(online.id, '2468');
    await t.api['enquiry.answer']({ id: c.id, answer: '已回电：下周来面诊。', outcome: { kind: 'answered' } });
    await same('checked and answered');
    expect((await t.api['enquiry.funnel']({ from: day, to: day, grain: 'day' })).total).toMatchObject({ answered: 3, checked: 1, faulty: 1, errorRate: 1 });
    // An enquiry of today (another month's key only when the day is in another month): counted at once.
    await t.api['enquiry.record'](enquiry({ channel: 'phone', recordingRef: 'REC-1' }));
    await same('one more today');
  });
});
