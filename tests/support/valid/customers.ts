import type { TestApp } from '../app';
import { firstVisit } from '../factories';

/** Valid inputs for correcting a customer's record (issue 14; shared/desk/customerRecord.ts). */
export async function customerRecordValidInputs(t: TestApp): Promise<Record<'customer.record' | 'customer.update', Record<string, unknown>>> {
  const visit = await t.api['desk.checkIn'](firstVisit());
  return {
    'customer.record': { customerId: visit.customerId },
    'customer.update': { customerId: visit.customerId, changes: { occupation: '教师', email: 'lin@example.cn', directed: { healthEnquiry: '无过敏史' } }, note: '客户来电补充资料' },
  };
}
