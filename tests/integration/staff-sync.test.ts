import { describe, expect, it } from 'vitest';
import { LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { DESK_USERS } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { testWorld } from '../support/world';
import { GUIDE_PIN } from '../support/valid/staff';

const { headOffice, desk } = testWorld();

describe('the rota and sign-ins travel through head office', () => {
  it('a sign-in at desk A shows at desk B with A as its desk; a rota cell set at B reaches A; head office refuses none', async () => {
    const ho = await headOffice();
    const a = await desk();
    const f = await setUpClinic(a);
    const guide = await seedStaff(a, { role: 'guide', name: '王导医', pin: GUIDE_PIN });
    await a.api['rota.set']({ date: '2026-11-27', staffId: guide.id, code: 'A' });
    await a.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });

    const b = await desk();
    await b.anon['clinic.join']({ clinicCode: 'BJ', url: ho.url, ...DESK_USERS.BJ });
    await waitFor(async () => (await b.anon['app.status']({})).setupDone, 'the clinic at desk B');
    await waitFor(() => b.app.store.db.get(guide.id).catch(() => null), 'the guide at desk B');
    await b.signIn(f.lead.id, LEAD_PIN);

    // 10:00: the guide signs in at desk A, two hours late for shift A.
    const signed = await a.api['attendance.sign']({ staffId: guide.id, pin: GUIDE_PIN, kind: 'in' });
    const row = await waitFor(async () => (await b.api['attendance.day']({ date: '2026-11-27' })).rows.find((r) => r.staffId === guide.id && r.signs.length > 0) ?? null, 'the sign-in at desk B');
    expect(row).toMatchObject({ code: 'A', state: 'present', lateMinutes: 120, signs: [{ kind: 'in', at: signed.at, deskId: a.app.store.deskId }] });
    expect(row.fines.map((x) => [x.kind, x.proposedYuan, x.status])).toEqual([['late', 10, 'proposed']]);
    expect(a.app.store.deskId).not.toBe(b.app.store.deskId);

    // The lead at desk B confirms the fine and changes tomorrow's cell; desk A sees both.
    await b.api['attendance.decideFine']({ date: '2026-11-27', staffId: guide.id, kind: 'late', confirm: true, amountYuan: null, note: '' });
    await b.api['rota.set']({ date: '2026-11-28', staffId: guide.id, code: 'REST' });
    await waitFor(async () => ((await a.api['rota.week']({ weekStart: '2026-11-23' })).staff.find((s) => s.staffId === guide.id)?.cells[5]?.code === 'REST' ? true : null), 'the rest day at desk A');
    await waitFor(async () => ((await a.api['attendance.day']({ date: '2026-11-27' })).rows.find((r) => r.staffId === guide.id)?.fines[0]?.status === 'confirmed' ? true : null), 'the confirmed fine at desk A');

    for (const t of [a, b]) {
      const s = await waitFor(async () => {
        const x = await t.app.sync.status();
        return x.state === 'idle' && x.pendingUp === 0 ? x : null;
      }, 'caught up');
      expect(s.deniedDocs).toEqual([]);
    }
    const atHeadOffice = await ho.ids('clinic_bj');
    expect(atHeadOffice).toContain(signed.id);
    expect(atHeadOffice.filter((id) => id.startsWith('rota:BJ:'))).toHaveLength(2);
    expect(atHeadOffice.filter((id) => id.startsWith('staff-fine:BJ:'))).toHaveLength(1);
  });
});
