import type { customersContract } from '../../../shared/customers/contract';
import type { TestApp } from '../app';
import { firstVisit, type ClinicFixture } from '../factories';

/** A valid input for each customer operation (tests/integration/contract.test.ts breaks each one). */
export async function customersValidInputs(t: TestApp, f: ClinicFixture): Promise<Record<keyof typeof customersContract, Record<string, unknown>>> {
  const visit = await t.api['desk.checkIn'](firstVisit());
  const [keep, lose] = [await t.api['desk.checkIn'](firstVisit()), await t.api['desk.checkIn'](firstVisit())];
  // Previewed only (the merge above runs first and would leave no pair to preview).
  const [previewKeep, previewLose] = [await t.api['desk.checkIn'](firstVisit()), await t.api['desk.checkIn'](firstVisit())];
  // Merged by mistake (two people): the lead's correction brings the other one back.
  const [kept, wrong] = [await t.api['desk.checkIn'](firstVisit()), await t.api['desk.checkIn'](firstVisit())];
  await t.api['customer.merge']({ keepId: kept.customerId, mergeId: wrong.customerId });
  return {
    'customer.search': { query: '5678' },
    'customer.record': { customerId: visit.customerId },
    'customer.update': { customerId: visit.customerId, changes: { occupation: '教师', email: 'lin@example.cn', directed: { healthEnquiry: '无过敏史' } }, note: '客户来电补充资料' },
    'customer.history': { customerId: visit.customerId },
    'customer.duplicates': {},
    'customer.merge': { keepId: keep.customerId, mergeId: lose.customerId, foldSameDay: true },
    'customer.mergePreview': { keepId: previewKeep.customerId, mergeId: previewLose.customerId },
    'customer.merges': {},
    'customer.unmerge': { mergedId: wrong.customerId, reason: '两位不同的客户，误合并' },
    'customer.setTier': { customerId: visit.customerId, tier: 'A', vip: { hostId: f.lead.id, drinks: '龙井', snacks: '无糖点心', note: '' } },
  };
}
