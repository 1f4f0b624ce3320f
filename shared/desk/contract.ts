import { z } from 'zod';
import { empty, op } from '../op';
import { checkInInput, visitView, waitingListInput } from './schemas';
import { ackReminderInput, reminder, reminderAck } from './reminders';

/** Check-in at the door: registration, triage; the A/B members' reminders. (Finding a customer: customer.search.) */
export const deskContract = {
  'desk.checkIn': op('operator', checkInInput, visitView),
  'desk.waitingList': op('operator', waitingListInput, z.array(visitView)),
  /**
   * Pinyin initials of the clinic's staff and department names (name → initials), so a select or
   * the operator switch jumps by them (issue 21); computed here, pinyin-pro stays out of the renderer.
   * Readable before sign-in, as staff.list is (the operator switch filters by it).
   */
  'desk.initials': op('none', empty, z.record(z.string(), z.string()), { dependsOn: ['staff', 'clinic'] }),
  'desk.reminders': op('operator', empty, z.array(reminder), { dependsOn: ['appointment', 'visit', 'visit-event', 'customer', 'vip-ack'] }),
  /** 我来接待: acknowledges an A/B member's door or arrival reminder (who, when: a vip-ack document). */
  'desk.ackReminder': op('operator', ackReminderInput, reminderAck),
} as const;
