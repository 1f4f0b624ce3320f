import { z } from 'zod';
import { docMeta } from '../doc';

const id = z.string().min(1, { error: 'required' }).max(80);

/**
 * Reminders at the desk (issue 21): an A/B member due at the door (`meetAtDoor`, from an hour before
 * until she arrives) or arrived and still waiting (`vipArrived`, booked or not), for the named host,
 * every guide and the desk lead (and up); leadership greets A members (`greetVip`). `key` is what an
 * acknowledgement names: the appointment (due) or the visit (arrived).
 */
export const reminder = z.strictObject({
  kind: z.enum(['meetAtDoor', 'greetVip', 'vipArrived']),
  key: z.string(),
  appointmentId: z.string().nullable(),
  visitId: z.string().nullable(),
  customerName: z.string(),
  tier: z.enum(['A', 'B', 'C', 'D']),
  time: z.string(),
  arrived: z.boolean(),
  /** Shown only to roles that may see VIP details. */
  drinks: z.string().nullable(),
  snacks: z.string().nullable(),
  note: z.string().nullable(),
  /** The named host who meets her (VIP care), by name; null for none or a role that may not see it. */
  hostName: z.string().nullable(),
  /** Who acknowledged it (我来接待) and when; null until someone did. */
  ack: z.strictObject({ byName: z.string(), at: z.string() }).nullable(),
});
export type Reminder = z.infer<typeof reminder>;

/** 我来接待: one person takes an A/B member's reminder; every desk then sees who and when. */
export const ackReminderInput = z.strictObject({ key: id });
export const reminderAck = z.strictObject({ key: z.string(), byName: z.string(), at: z.string() });

/** The acknowledgement of a VIP reminder: its own document, id `vip-ack:<CODE>:<YYYY-MM-DD>:<tail>`. */
export const vipAckDoc = z.strictObject({
  ...docMeta,
  type: z.literal('vip-ack'),
  /** The appointment (due at the door) or the visit (arrived) the reminder was about. */
  key: z.string(),
  kind: z.enum(['meetAtDoor', 'vipArrived']),
});
export type VipAckDoc = z.infer<typeof vipAckDoc>;

