import { afterEach, describe, expect, it } from 'vitest';
import { refusal, startTestApp, type TestApp } from '../support/app';
import { LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { adminRoles, staffRoles, type StaffDoc, type StaffRole, type StaffView } from '../../shared/reference/schemas';

let t: TestApp;
afterEach(async () => t?.close());

/** The ladder as the clinic's rules give it (the same table as tests/unit/grants.test.ts, written out). */
// 回访专员 / 客服专员 are the CS department's staff, on the staff's level; so are the consulting group's consultants (seed 002).
const staff: StaffRole[] = ['guide', 'inspector', 'consultant', 'doctor', 'doctorAssistant', 'followupCaller', 'csStaff', 'onlineConsultant', 'phoneConsultant'];
const grantsAtClinic: Partial<Record<StaffRole, StaffRole[]>> = {
  guideLead: staff,
  csDirector: [...staff, 'guideLead', 'onlineLead'],
  dean: [...staff, 'guideLead', 'onlineLead', 'csDirector', 'medicalDirector'],
  hoCsDirector: [...staff, 'guideLead', 'onlineLead', 'csDirector', 'medicalDirector', 'dean'],
};
const mayGrant = (actor: StaffRole, role: StaffRole) => (grantsAtClinic[actor] ?? []).includes(role);

const updateOf = (s: StaffView, changes: Partial<{ role: StaffRole; pin: string | null; name: string; active: boolean }>) => ({ id: s.id, name: s.name, sex: s.sex, role: s.role, departmentId: s.departmentId, active: s.active, pin: null, ...changes });

describe('role grants at a clinic desk, by each role (staff.add / staff.update)', () => {
  it('every role × every target role × add, raise and reset a PIN: allowed exactly as the ladder says, refused with nothing written', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const outcomes: string[] = [];
    for (const actor of staffRoles) {
      const me = await seedStaff(t, { role: actor, pin: '7531' });
      await t.signIn(me.id, '7531');
      const admin = adminRoles.includes(actor);
      for (const role of staffRoles) {
        const grants = admin && mayGrant(actor, role);
        // add
        const add = await t.app.dispatcher.invoke('staff.add', { name: `新${role}`, sex: 'F', role, departmentId: null, pin: null }, t.session());
        outcomes.push(`${actor} add ${role}: ${add.ok ? 'ok' : add.error.code}`);
        expect(add.ok, `${actor} adds a ${role}`).toBe(grants);
        if (!add.ok) expect(add.error.code).toBe('forbidden');
        if (!grants) await refusal(t, 'staff.add', { name: `新${role}`, sex: 'F', role, departmentId: null, pin: null });
        // raise a guide to `role`
        const guide = await seedStaff(t, { role: 'guide' });
        const raise = await t.app.dispatcher.invoke('staff.update', updateOf(guide, { role }), t.session());
        expect(raise.ok, `${actor} makes a guide a ${role}`).toBe(admin && mayGrant(actor, 'guide') && mayGrant(actor, role));
        // reset the PIN of someone of `role`
        const other = await seedStaff(t, { role });
        const reset = await t.app.dispatcher.invoke('staff.update', updateOf(other, { pin: '2468' }), t.session());
        expect(reset.ok, `${actor} resets a ${role}'s PIN`).toBe(admin && mayGrant(actor, role));
        if (!reset.ok && admin) expect(reset.error).toMatchObject({ code: 'forbidden', field: 'pin' });
      }
      // nobody raises (or changes) their own role
      for (const role of staffRoles.filter((r) => r !== actor)) {
        const own = await t.app.dispatcher.invoke('staff.update', updateOf(me, { role }), t.session());
        expect(own.ok, `${actor} makes herself ${role}`).toBe(false);
        if (admin) expect(own).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'role' } });
      }
    }
    expect(outcomes).toHaveLength(staffRoles.length ** 2);
    // 21 roles: some 1,300 calls (the budget, not a timing).
  }, 90_000);

  it("the attack of the issue: a desk lead can no longer mint head office's people, make herself dean, or take over the dean's PIN", async () => {
    t = await startTestApp();
    const { lead } = await setUpClinic(t);
    const dean = await seedStaff(t, { role: 'dean', name: '孙院长', pin: '2002' });
    const leadView = (await t.api['staff.list']({})).find((s) => s.id === lead.id)!;
    expect(await refusal(t, 'staff.add', { name: '假总经办', sex: 'F', role: 'gmOffice', departmentId: null, pin: '1111' })).toMatchObject({ code: 'forbidden', field: 'role' });
    expect(await refusal(t, 'staff.add', { name: '假总监', sex: 'F', role: 'hoCsDirector', departmentId: null, pin: '1111' })).toMatchObject({ code: 'forbidden', field: 'role' });
    expect(await refusal(t, 'staff.add', { name: '假主任', sex: 'F', role: 'csDirector', departmentId: null, pin: '1111' })).toMatchObject({ code: 'forbidden', field: 'role' });
    expect(await refusal(t, 'staff.update', updateOf(leadView, { role: 'dean' }))).toMatchObject({ code: 'forbidden', field: 'role' });
    expect(await refusal(t, 'staff.update', updateOf(dean, { pin: '0000' }))).toMatchObject({ code: 'forbidden', field: 'pin' });
    expect(await refusal(t, 'staff.update', updateOf(dean, { active: false }))).toMatchObject({ code: 'forbidden', field: 'id' });
    expect(await refusal(t, 'operator.signIn', { staffId: dean.id, pin: '0000' }, null)).toMatchObject({ field: 'pin' });
    await expect(t.anon['operator.signIn']({ staffId: dean.id, pin: '2002' })).resolves.toMatchObject({ operator: { role: 'dean' } });
  });
});

describe('a PIN reset by someone else is recorded and told to its person', () => {
  it('who and when on her record, a notice at her next sign-in (once); her own PIN change is not a reset', async () => {
    t = await startTestApp();
    const { lead } = await setUpClinic(t);
    const guide = await t.api['staff.add']({ name: '小林', sex: 'F', role: 'guide', departmentId: null, pin: '1357' });
    t.clock.advance(30);
    const resetAt = t.clock.now.toISOString();
    await t.api['staff.update'](updateOf(guide, { pin: '2468' }));
    const doc = await t.app.store.db.get<StaffDoc>(guide.id);
    expect(doc.pinResets).toEqual([{ by: lead.id, at: resetAt, seenAt: null }]);

    t.clock.advance(10);
    const first = await t.anon['operator.signIn']({ staffId: guide.id, pin: '2468' });
    expect(first.pinResets).toEqual([{ byName: '王主任', at: resetAt }]);
    expect((await t.app.store.db.get<StaffDoc>(guide.id)).pinResets).toEqual([{ by: lead.id, at: resetAt, seenAt: t.clock.now.toISOString() }]);
    expect((await t.anon['operator.signIn']({ staffId: guide.id, pin: '2468' })).pinResets).toEqual([]);

    // The lead changes her own PIN: nothing to record or tell.
    await t.signIn(lead.id, LEAD_PIN);
    const leadView = (await t.api['staff.list']({})).find((s) => s.id === lead.id)!;
    await t.api['staff.update'](updateOf(leadView, { pin: '4321' }));
    expect((await t.app.store.db.get<StaffDoc>(lead.id)).pinResets).toBeUndefined();
    expect((await t.anon['operator.signIn']({ staffId: lead.id, pin: '4321' })).pinResets).toEqual([]);
  });
});
