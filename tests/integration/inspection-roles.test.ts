import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/errors';
import { inspectionKinds, kindRoles } from '../../shared/inspection/rules';
import { staffRoles, type StaffRole } from '../../shared/reference/schemas';
import { refusal, startTestApp, type TestApp } from '../support/app';
import { addStaff, LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { groomingMarks } from '../support/valid/inspection';

/**
 * Who may do what with an inspection (issue 23, issue 18; docs/inspection.md): each kind by its
 * roles, nobody on a record of themselves, a signed fail made a pass only by a lead. Every refusal
 * is `forbidden`, names the field and writes nothing (support/app.ts `refusal`).
 */

let t: TestApp;
afterEach(async () => t?.close());

const PIN = '2468';

async function refused(operation: string, input: unknown, field: string, code: ErrorCode = 'forbidden') {
  const error = await refusal(t, operation, input);
  expect({ code: error.code, field: error.field }, error.message).toEqual({ code, field });
  return error;
}

/** A clinic with one person of every role (PIN 2468) and a guide 孙丽 in 整形外科. */
async function clinic() {
  t = await startTestApp();
  const f = await setUpClinic(t);
  const people = {} as Record<StaffRole, { id: string; name: string }>;
  // Every role on the roster, as head office would put leadership there (shared/reference/grants.ts).
  for (const role of staffRoles) people[role] = await seedStaff(t, { name: `${role}`.slice(0, 20), role, departmentId: null, pin: PIN });
  const anna = await addStaff(t, { name: '孙丽', sex: 'F', role: 'guide', departmentId: 'plastic-surgery', pin: PIN });
  const as = (role: StaffRole) => t.signIn(people[role].id, PIN);
  return { ...f, people, anna, as, asAnna: () => t.signIn(anna.id, PIN), asLead: () => t.signIn(f.lead.id, LEAD_PIN) };
}

describe('who may run and sign each kind', () => {
  it('each role starts exactly the kinds seed 001 gives it; a guide none; nothing is written for the others', async () => {
    const c = await clinic();
    for (const role of staffRoles) {
      await c.as(role);
      for (const kind of inspectionKinds) {
        const input = { kind, departmentId: null, templateKey: 'grooming' };
        if (kindRoles[kind].includes(role)) await expect(t.api['inspection.start'](input), `${role} ${kind}`).resolves.toMatchObject({ kind });
        else expect((await refused('inspection.start', input, 'kind')).message, `${role} ${kind}`).toMatch(/^kind: only .+ may run or sign a /);
      }
    }
  });

  it('a guide’s signature never makes a head-office visit count as done: she can neither record, sign nor discard it', async () => {
    const c = await clinic();
    await c.as('hoCsDirector');
    const visit = await t.api['inspection.start']({ kind: 'headOffice', departmentId: null, templateKey: 'grooming' });
    await t.api['inspection.saveResult']({ inspectionId: visit.id, staffId: c.people.guideLead.id, marks: groomingMarks('F'), note: '' });
    await c.asAnna();
    await refused('inspection.saveResult', { inspectionId: visit.id, staffId: c.people.consultant.id, marks: groomingMarks('F'), note: '' }, 'inspectionId');
    await refused('inspection.signOff', { inspectionId: visit.id }, 'inspectionId');
    await refused('inspection.discard', { inspectionId: visit.id, reason: '不需要' }, 'inspectionId');
    expect((await t.api['inspection.status']({})).month.headOfficeVisit).toBe('due');
    // The dean runs the clinic's own checks, not head office's.
    await c.as('dean');
    await refused('inspection.signOff', { inspectionId: visit.id }, 'inspectionId');
    await c.as('hoCsDirector');
    await t.api['inspection.signOff']({ inspectionId: visit.id });
    expect((await t.api['inspection.status']({})).month.headOfficeVisit).toBe('done');
  });
});

describe('nobody inspects, signs, corrects, discards or decides on a record of themselves', () => {
  it('what the attack did — a guide correcting, signing and discarding inspections of herself — is refused, and so is every lead’s own record', async () => {
    const c = await clinic();
    // The dean's open inspection of 孙丽, with her failing an item.
    await c.as('dean');
    const open = await t.api['inspection.start']({ kind: 'weekly', departmentId: null, templateKey: 'grooming' });
    expect(open.staff.map((s) => s.id)).not.toContain(c.people.dean.id); // the inspector is never one of the inspected
    await refused('inspection.saveResult', { inspectionId: open.id, staffId: c.people.dean.id, marks: groomingMarks('F'), note: '' }, 'staffId');
    await t.api['inspection.saveResult']({ inspectionId: open.id, staffId: c.anna.id, marks: groomingMarks('F', ['f-nails']), note: '' });
    await t.api['inspection.saveResult']({ inspectionId: open.id, staffId: c.people.inspector.id, marks: groomingMarks('F'), note: '' });

    await c.asAnna();
    await refused('inspection.discard', { inspectionId: open.id, reason: '重新检查' }, 'inspectionId');
    await refused('inspection.signOff', { inspectionId: open.id }, 'inspectionId');
    await refused('inspection.saveResult', { inspectionId: open.id, staffId: c.anna.id, marks: groomingMarks('F'), note: '' }, 'inspectionId');

    // A 检查员 may run a 每周自查, but not sign or set aside one that inspected her.
    await c.as('inspector');
    await refused('inspection.signOff', { inspectionId: open.id }, 'inspectionId');
    await refused('inspection.discard', { inspectionId: open.id, reason: '重新检查' }, 'inspectionId');
    await refused('inspection.attachPhoto', { inspectionId: open.id, staffId: c.people.inspector.id, itemId: null, data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]).toString('base64') }, 'staffId');

    await c.as('dean');
    const signed = await t.api['inspection.signOff']({ inspectionId: open.id });
    expect(signed.penalties).toMatchObject([{ staffId: c.anna.id, itemId: 'f-nails', proposed: { measure: 'warning' } }]);

    // Her own failure made a pass: refused for her (not a lead), and for a lead on her own record.
    await c.asAnna();
    await refused('inspection.correct', { inspectionId: open.id, staffId: c.anna.id, itemId: 'f-nails', mark: 'pass', reason: '我觉得合格' }, 'staffId');
    await c.as('inspector');
    await refused('inspection.correct', { inspectionId: open.id, staffId: c.people.inspector.id, itemId: 'f-nails', mark: 'fail', reason: '复核' }, 'staffId');
    await c.asLead();
    await refused('inspection.decidePenalty', { inspectionId: open.id, staffId: c.anna.id, itemId: 'f-nails', measure: 'none', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, reason: '' }, 'reason', 'invalid_input');
  });

  it('a lead does not decide a penalty of herself or correct her own result', async () => {
    const c = await clinic();
    await c.as('dean');
    const i = await t.api['inspection.start']({ kind: 'weekly', departmentId: null, templateKey: 'grooming' });
    await t.api['inspection.saveResult']({ inspectionId: i.id, staffId: c.lead.id, marks: groomingMarks('F', ['f-makeup']), note: '' });
    await t.api['inspection.signOff']({ inspectionId: i.id });
    await c.asLead();
    await refused('inspection.decidePenalty', { inspectionId: i.id, staffId: c.lead.id, itemId: 'f-makeup', measure: 'warning', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, reason: '' }, 'staffId');
    await refused('inspection.correct', { inspectionId: i.id, staffId: c.lead.id, itemId: 'f-makeup', mark: 'pass', reason: '复核：淡妆' }, 'staffId');
  });
});

describe('a signed fail becomes a pass only by a lead, with a reason, and stays visible', () => {
  it('a 检查员 may add a failure but not take one away; the CS director may, and the signed mark stays as signed', async () => {
    const c = await clinic();
    await c.as('inspector');
    const i = await t.api['inspection.start']({ kind: 'weekly', departmentId: null, templateKey: 'grooming' });
    await t.api['inspection.saveResult']({ inspectionId: i.id, staffId: c.anna.id, marks: groomingMarks('F', ['f-nails']), note: '' });
    await t.api['inspection.signOff']({ inspectionId: i.id });

    expect((await refused('inspection.correct', { inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', mark: 'pass', reason: '复核' }, 'mark')).message).toContain('客服主任');
    await refused('inspection.correct', { inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', mark: 'na', reason: '复核' }, 'mark');
    const added = await t.api['inspection.correct']({ inspectionId: i.id, staffId: c.anna.id, itemId: 'f-makeup', mark: 'fail', reason: '复核：口红过浓' });
    expect(added.penalties.map((p) => p.itemId)).toEqual(['f-makeup', 'f-nails']);
    // A guide, and a lead without a reason, are refused.
    await c.as('guide');
    await refused('inspection.correct', { inspectionId: i.id, staffId: c.anna.id, itemId: 'f-hair-clean', mark: 'fail', reason: 'x' }, 'inspectionId');
    await c.as('csDirector');
    await refused('inspection.correct', { inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', mark: 'pass', reason: '' }, 'reason', 'invalid_input');

    const corrected = await t.api['inspection.correct']({ inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', mark: 'pass', reason: '复核：指甲长度合格' });
    expect(corrected.penalties.map((p) => p.itemId)).toEqual(['f-makeup']);
    expect(corrected.corrections.at(-1)).toMatchObject({ staffId: c.anna.id, itemId: 'f-nails', mark: 'pass', reason: '复核：指甲长度合格', by: c.people.csDirector.id });
    expect(corrected.results[0]!.marks.find((m) => m.itemId === 'f-nails')!.mark).toBe('fail');
    // Once a pass, a later fail→pass question does not arise: the 检查员 may mark it failed again.
    await c.as('inspector');
    await t.api['inspection.correct']({ inspectionId: i.id, staffId: c.anna.id, itemId: 'f-nails', mark: 'fail', reason: '再次复核：过长' });
  });
});
