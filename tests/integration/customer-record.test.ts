import { afterEach, describe, expect, it } from 'vitest';
import { expectRefusals, refusal, startTestApp, type TestApp } from '../support/app';
import { firstVisit, LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { offlineTwin } from '../support/valid/appointments';
import { customerDoc } from '../../shared/desk/schemas';
import { customerEditDoc } from '../../shared/customers/record';

let t: TestApp;
afterEach(async () => t?.close());

async function withCustomer() {
  t = await startTestApp();
  const f = await setUpClinic(t);
  const visit = await t.api['desk.checkIn'](firstVisit({ name: '林小雨', phone: '13911112222', age: 28, directed: { priceComparison: '比过三家' } }));
  return { f, customerId: visit.customerId };
}

describe('correcting a customer record (customer.update, customer.record)', () => {
  it('a desk lead corrects the phone and fills 职业, 病种, e-mail and 健康询问: the record changes, the old values are kept with who and when', async () => {
    const { f, customerId } = await withCustomer();
    t.clock.advance(30);
    const r = await t.api['customer.update']({
      customerId,
      changes: { phone: '139 3333 4444', occupation: '教师', disease: '眼部', email: 'lin@example.cn', directed: { healthEnquiry: '无过敏史' } },
      note: '电话号码登记错误',
    });
    expect(r).toMatchObject({ phone: '13933334444', occupation: '教师', disease: '眼部', email: 'lin@example.cn', directed: { priceComparison: '比过三家', healthEnquiry: '无过敏史' }, mayEdit: true });
    expect(r.edits).toHaveLength(1);
    expect(r.edits[0]).toMatchObject({ by: f.lead.id, byName: f.lead.name, at: t.clock.now.toISOString(), note: '电话号码登记错误' });
    expect(r.edits[0]!.changes).toEqual([
      { field: 'phone', from: '13911112222', to: '13933334444', hidden: false },
      { field: 'email', from: '', to: 'lin@example.cn', hidden: false },
      { field: 'occupation', from: '', to: '教师', hidden: false },
      { field: 'disease', from: '', to: '眼部', hidden: false },
      { field: 'directed.healthEnquiry', from: '', to: '无过敏史', hidden: false },
    ]);
    // The stored documents: the customer stamped with the change, the correction written once beside it.
    const stored = customerDoc.parse(await t.app.store.db.get(customerId));
    expect(stored).toMatchObject({ phone: '13933334444', updatedBy: f.lead.id, updatedAt: t.clock.now.toISOString() });
    const edit = customerEditDoc.parse(await t.app.store.db.get(r.edits[0]!.id));
    expect(edit).toMatchObject({ customerId, createdBy: f.lead.id, clinic: 'BJ', schemaVersion: 1 });
    // The door finds them by the new phone and no longer by the old one.
    expect((await t.api['customer.search']({ query: '13933334444' })).map((h) => h.id)).toEqual([customerId]);
    expect(await t.api['customer.search']({ query: '13911112222' })).toEqual([]);
  });

  it('a rename is found by its new name and initials; a second correction is listed first', async () => {
    const { customerId } = await withCustomer();
    await t.api['customer.update']({ customerId, changes: { age: 29 }, note: '' });
    t.clock.advance(5);
    const r = await t.api['customer.update']({ customerId, changes: { name: '林晓雨' }, note: '身份证上的写法' });
    expect(r.edits.map((e) => e.changes[0]!.field)).toEqual(['name', 'age']);
    expect(r.edits[1]!.changes[0]).toEqual({ field: 'age', from: 28, to: 29, hidden: false });
    expect((await t.api['customer.search']({ query: '林晓' })).map((h) => h.id)).toEqual([customerId]);
  });

  it('who may correct: 导医组长 and up and the consulting group; a guide or a 咨询师 may not, and nothing is written', async () => {
    const { customerId } = await withCustomer();
    for (const role of ['guide', 'consultant', 'doctor', 'inspector'] as const) {
      const s = await seedStaff(t, { role, pin: '2468' });
      await t.signIn(s.id, '2468');
      const e = await refusal(t, 'customer.update', { customerId, changes: { occupation: '会计' }, note: '' });
      expect({ code: e.code, field: e.field }, role).toEqual({ code: 'forbidden', field: 'customerId' });
      expect((await t.api['customer.record']({ customerId })).mayEdit, role).toBe(false);
    }
    for (const role of ['phoneConsultant', 'onlineConsultant', 'onlineLead', 'csDirector', 'dean'] as const) {
      const s = await seedStaff(t, { role, pin: '2468' });
      await t.signIn(s.id, '2468');
      const r = await t.api['customer.update']({ customerId, changes: { occupation: `会计${role}` }, note: '' });
      expect(r.occupation, role).toBe(`会计${role}`);
      expect(r.mayEdit && r.mayEditDirected, role).toBe(true);
    }
  });

  it('what a role sees: a guide gets the masked phone, no directed part and hidden directed history; a phone consultant sees them', async () => {
    const { customerId } = await withCustomer();
    await t.api['customer.update']({ customerId, changes: { phone: '13933334444', directed: { healthEnquiry: '糖尿病史' } }, note: '' });
    const guide = await seedStaff(t, { role: 'guide', pin: '2468' });
    await t.signIn(guide.id, '2468');
    const seen = await t.api['customer.record']({ customerId });
    expect(seen.phone).toBe('139****4444');
    expect(seen.directed).toEqual({});
    expect(seen.edits[0]!.changes).toEqual([
      { field: 'phone', from: '139****2222', to: '139****4444', hidden: false },
      { field: 'directed.healthEnquiry', from: null, to: null, hidden: true },
    ]);
    expect(JSON.stringify(seen)).not.toContain('糖尿病');
    const phone = await seedStaff(t, { role: 'phoneConsultant', pin: '2468' });
    await t.signIn(phone.id, '2468');
    const full = await t.api['customer.record']({ customerId });
    expect(full.phone).toBe('13933334444');
    expect(full.edits[0]!.changes[1]).toEqual({ field: 'directed.healthEnquiry', from: '', to: '糖尿病史', hidden: false });
  });

  it('bad corrections are refused with the field named and nothing written', async () => {
    const { customerId } = await withCustomer();
    const other = await t.api['desk.checkIn'](firstVisit({ phone: '13755556666' }));
    await t.signIn((await t.anon['staff.list']({})).find((s) => s.role === 'guideLead')!.id, LEAD_PIN);
    await expectRefusals(t, 'customer.update', [
      { why: 'nothing changes', input: { customerId, changes: { name: '林小雨' }, note: '' }, field: 'changes' },
      { why: 'empty changes', input: { customerId, changes: {}, note: '' }, field: 'changes' },
      { why: 'the phone of another customer', input: { customerId, changes: { phone: '13755556666' }, note: '' }, field: 'changes.phone', code: 'conflict' },
      { why: 'not a phone', input: { customerId, changes: { phone: '12ab' }, note: '' }, field: 'changes.phone' },
      { why: 'not an e-mail', input: { customerId, changes: { email: 'lin@' }, note: '' }, field: 'changes.email' },
      { why: 'age and birth date both gone', input: { customerId, changes: { age: null }, note: '' }, field: 'changes.age' },
      { why: 'an empty name', input: { customerId, changes: { name: '  ' }, note: '' }, field: 'changes.name' },
      { why: 'a field that is not the customer’s', input: { customerId, changes: { tier: 'A' }, note: '' }, field: 'changes.tier' },
      { why: 'a stamp', input: { customerId, changes: { createdBy: 'x' }, note: '' }, field: 'changes.createdBy' },
      { why: 'an unknown directed key', input: { customerId, changes: { directed: { income: '高' } }, note: '' }, field: 'changes.directed.income' },
      { why: 'an over-long occupation', input: { customerId, changes: { occupation: '职'.repeat(61) }, note: '' }, field: 'changes.occupation' },
      { why: 'no such customer', input: { customerId: 'customer:BJ:nobody', changes: { occupation: '教师' }, note: '' }, field: 'customerId', code: 'not_found' },
      { why: 'a visit id', input: { customerId: other.id, changes: { occupation: '教师' }, note: '' }, field: 'customerId', code: 'not_found' },
      { why: 'no note', input: { customerId, changes: { occupation: '教师' } }, field: 'note' },
    ]);
    // A record merged into another is corrected there, not here.
    const twin = await offlineTwin(t, customerId);
    await t.api['customer.merge']({ keepId: customerId, mergeId: twin });
    await expectRefusals(t, 'customer.update', [{ why: 'merged', input: { customerId: twin, changes: { occupation: '教师' }, note: '' }, field: 'customerId', code: 'conflict' }]);
    expect((await t.api['customer.record']({ customerId })).edits).toEqual([]);
  });
});
