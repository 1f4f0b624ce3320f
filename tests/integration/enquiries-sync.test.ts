import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/appointments/rules';
import { clinicDate } from '../../shared/time';
import { LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { DESK_USERS } from '../support/headOffice';
import { caughtUp, waitFor } from '../support/wait';
import { testWorld } from '../support/world';
import { enquiry } from '../support/valid/enquiries';

const { headOffice, desk } = testWorld();


describe('enquiries travel between the consulting group’s PC and a clinic desk through head office', () => {
  it('an enquiry booked on the consulting PC arrives at the door of the clinic desk; the arrival links back and the funnel counts it on the PC', async () => {
    const ho = await headOffice();
    // The consulting group's PC: the clinic's first computer here, the online consultant at it.
    const pc = await desk();
    const f = await setUpClinic(pc);
    const online = await seedStaff(pc, { role: 'onlineConsultant', name: '赵网咨', pin: '2468' });
    const leader = await seedStaff(pc, { role: 'onlineLead', name: '孙组长', pin: '9753' });
    await pc.signIn(online.id, '2468');
    const today = clinicDate(pc.clock.now);
    const e = await pc.api['enquiry.record'](enquiry({ channel: 'swt' }));
    const booked = await pc.api['enquiry.book']({ id: e.id, date: today, time: '16:00', serviceItem: '双眼皮', departmentId: 'plastic-surgery', consultantId: f.consultant.id, note: '' });
    await pc.api['enquiry.sheetReport']({ date: today, summary: '商务通一条，已预约。' });
    await pc.signIn(leader.id, '9753');
    await pc.api['enquiry.spotCheck']({ id: e.id, verdict: 'ok', note: '' });
    await pc.signIn(f.lead.id, LEAD_PIN);
    await pc.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
    expect((await caughtUp(pc, { what: 'the consulting PC to be caught up' })).deniedDocs).toEqual([]);
    const tail = e.id.slice('enquiry:'.length);
    const atHeadOffice = await ho.ids('clinic_bj');
    for (const id of [e.id, `enquiry-check:${tail}`, booked.appointmentId!, e.customerId!]) expect(atHeadOffice, id).toContain(id);
    expect(atHeadOffice.some((id) => id.startsWith(`enquiry-sheet:BJ:${today}:`))).toBe(true);

    // The clinic's desk joins, sees the enquiry and checks the visitor in from the appointment.
    const door = await desk();
    await door.anon['clinic.join']({ clinicCode: 'BJ', url: ho.url, ...DESK_USERS.BJ });
    await waitFor(async () => (await door.anon['app.status']({})).setupDone, 'the clinic at the door');
    await waitFor(() => door.app.store.db.get(e.id).catch(() => null), 'the enquiry at the door');
    await waitFor(() => door.app.store.db.get(booked.appointmentId!).catch(() => null), 'the appointment at the door');
    await door.signIn(f.lead.id, LEAD_PIN);
    expect((await door.api['enquiry.list']({})).map((x) => [x.id, x.appointmentId, x.check?.verdict])).toEqual([[e.id, booked.appointmentId, 'ok']]);
    const visit = await door.api['appointment.checkIn']({ id: booked.appointmentId! });
    expect((await caughtUp(door, { what: 'the door to be caught up' })).deniedDocs).toEqual([]);

    // Back on the consulting PC: the arrival (预约到诊) links back, counted from the links.
    await waitFor(() => pc.app.store.db.get(visit.id).catch(() => null), 'the visit on the consulting PC');
    await pc.signIn(leader.id, '9753');
    expect((await pc.api['enquiry.list']({})).find((x) => x.id === e.id)).toMatchObject({ visitId: visit.id });
    const funnel = await pc.api['enquiry.funnel']({ from: today, to: addDays(today, 0), grain: 'day' });
    expect(funnel.total).toMatchObject({ enquiries: 1, appointments: 1, arrivals: 1, arrivalRate: 1, checked: 1, faulty: 0 });
    expect((await pc.api['enquiry.sheets']({ date: today })).rows.map((r) => [r.consultantName, r.reported, r.score])).toEqual([['赵网咨', true, 2]]);
  }, 120_000);
});
