import { describe, expect, it } from 'vitest';
import { addStaff, LEAD_PIN, setUpClinic } from '../support/factories';
import { DESK_USERS, type TestHeadOffice } from '../support/headOffice';
import { caughtUp, waitFor } from '../support/wait';
import { testWorld } from '../support/world';
import { fakeJpeg, groomingMarks, signInToRun } from '../support/valid/inspection';

/**
 * The inspector's laptop, offline all week: the inspection done there reaches head office exactly
 * once when it is back, with its photo, and another desk of the clinic reads it.
 */
const { headOffice, desk } = testWorld();


async function laptopOf(ho: TestHeadOffice) {
  const t = await desk();
  const fixture = await setUpClinic(t);
  await t.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
  await caughtUp(t);
  return { t, ...fixture };
}

describe('an inspection done offline', () => {
  it('reaches head office once, photo included; a signed record cannot be changed there; the front desk reads it', async () => {
    const ho = await headOffice();
    const { t, lead } = await laptopOf(ho);
    const anna = await addStaff(t, { name: '孙丽', sex: 'F', role: 'guide', departmentId: 'plastic-surgery', supervisorId: lead.id });
    const bo = await addStaff(t, { name: '李强', sex: 'M', role: 'guide', departmentId: 'plastic-surgery' });
    await caughtUp(t);

    // The network goes; the inspection takes all week.
    await ho.stop();
    await signInToRun(t, 'weekly'); // the dean's 每周自查
    const i = await t.api['inspection.start']({ kind: 'weekly', departmentId: 'plastic-surgery', templateKey: 'grooming' });
    await t.api['inspection.saveResult']({ inspectionId: i.id, staffId: anna.id, marks: groomingMarks('F'), note: '' });
    t.clock.advance(60 * 24 * 2);
    await signInToRun(t, 'weekly');
    // Saved again (a second look, a retry): still one result for her.
    await t.api['inspection.saveResult']({ inspectionId: i.id, staffId: anna.id, marks: groomingMarks('F', ['f-nails']), note: '指甲过长' });
    await t.api['inspection.attachPhoto']({ inspectionId: i.id, staffId: anna.id, itemId: 'f-nails', data: fakeJpeg(60_000) });
    await t.api['inspection.saveResult']({ inspectionId: i.id, staffId: bo.id, marks: groomingMarks('M'), note: '' });
    const signed = await t.api['inspection.signOff']({ inspectionId: i.id });
    await t.api['inspection.decidePenalty']({ inspectionId: i.id, staffId: anna.id, itemId: 'f-nails', measure: 'warning', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, reason: '' });
    await t.api['inspection.chooseStar']({ month: '2026-11', staffId: bo.id, reason: '全部合格' });
    await waitFor(async () => ((await t.app.sync.status()).state === 'offline' ? true : null), 'the laptop to know it is offline');

    // Back online.
    await ho.start();
    await caughtUp(t, { ms: 30_000 });
    const atHo = await ho.ids('clinic_bj');
    expect(atHo.length).toBe(new Set(atHo).size);
    const mine = atHo.filter((id) => /^(inspection|service-star)/.test(id)).sort();
    expect(mine.map((id) => id.split(':')[0]).sort()).toEqual(['inspection', 'inspection-penalty', 'inspection-result', 'inspection-result', 'service-star']);
    expect(mine).toContain(signed.id);
    expect((await t.app.sync.status()).deniedDocs).toEqual([]);

    const resultId = signed.results.find((r) => r.staffId === anna.id)!.id;
    const atHoResult = await ho.admin<{ _rev: string; signedAt: string; _attachments: Record<string, { length: number; content_type: string }> }>('GET', `/clinic_bj/${encodeURIComponent(resultId)}`);
    expect(atHoResult.body.signedAt).toBe(signed.signedAt);
    expect(atHoResult.body._attachments['photo-1-f-nails.jpg']).toMatchObject({ content_type: 'image/jpeg', length: 60_000 });
    // Head office refuses a change to a signed record, even from an admin.
    const change = await ho.admin('PUT', `/clinic_bj/${encodeURIComponent(resultId)}`, { ...atHoResult.body, note: '改了' });
    expect(change.status).toBe(403);
    expect(change.body).toMatchObject({ reason: 'signedAt: a signed record is read-only; record a correction instead' });

    // A second look from the laptop after sync: nothing new goes up.
    const before = (await ho.ids('clinic_bj')).length;
    await t.api['sync.retry']({});
    await caughtUp(t);
    expect((await ho.ids('clinic_bj')).length).toBe(before);

    // The front desk joins the clinic and reads the same inspection, penalty decided, photo there.
    const front = await desk();
    await front.anon['clinic.join']({ clinicCode: 'BJ', url: ho.url, ...DESK_USERS.BJ });
    await waitFor(async () => (await front.anon['app.status']({})).setupDone, 'the clinic at the front desk');
    await waitFor(() => front.app.store.db.get(lead.id).catch(() => null), 'the lead at the front desk');
    await front.signIn(lead.id, LEAD_PIN);
    const there = await waitFor(async () => {
      const v = await front.api['inspection.get']({ inspectionId: i.id }).catch(() => null);
      return v && v.penalties[0]?.decided && v.results.length === 2 ? v : null;
    }, 'the inspection at the front desk');
    expect(there.penalties).toEqual((await t.api['inspection.get']({ inspectionId: i.id })).penalties);
    expect((await front.api['inspection.photo']({ inspectionId: i.id, staffId: anna.id, name: 'photo-1-f-nails.jpg' })).data).toBe(fakeJpeg(60_000));
    expect((await front.api['inspection.monthSummary']({ month: '2026-11' })).star).toMatchObject({ name: '李强' });
  }, 60_000);
});
