import type { TestApp } from '../app';
import { firstVisit } from '../factories';

/** Valid inputs for the A/B members' reminders (desk.reminders, desk.ackReminder). */
export async function deskReminderValidInputs(t: TestApp): Promise<Record<'desk.reminders' | 'desk.ackReminder', Record<string, unknown>>> {
  // A B member waiting today: her arrival reminder is what 我来接待 acknowledges.
  const member = await t.api['desk.checkIn'](firstVisit());
  await t.api['customer.setTier']({ customerId: member.customerId, tier: 'B', vip: null });
  return { 'desk.reminders': {}, 'desk.ackReminder': { key: member.id } };
}
