import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { newCustomer, setUpClinic, visitFields } from '../support/factories';

let t: TestApp;
afterEach(async () => t?.close());

describe('check-in through the contract', () => {
  it('registers a first visit and lists it as waiting', async () => {
    t = await startTestApp();
    const { consultant } = await setUpClinic(t);
    const visit = await t.api['desk.checkIn']({ customer: { new: newCustomer({ name: '张晓梅', phone: '13912345678' }) }, visit: visitFields({ consultantId: consultant.id }) });
    expect(visit.id).toMatch(/^visit:BJ:2026-11-27:/);
    const list = await t.api['desk.waitingList']({});
    expect(list.map((v) => v.customerName)).toEqual(['张晓梅']);
    expect(list[0]!.registeredByName).toBe('王主任');
    const hits = await t.api['customer.search']({ query: '5678' });
    expect(hits).toMatchObject([{ name: '张晓梅', visitCount: 1 }]);
  });
});
