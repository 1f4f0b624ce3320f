import { z } from 'zod';
import { docMeta, requiredText, text } from '../doc';
import { isCalendarDate } from '../time';
import { phone, tier, vipCare } from '../desk/schemas';
import { isClockTime } from './rules';

/** Where a booking came from (DOMAIN.md §6: 电话/网络咨询 feed the door). */
export const appointmentSources = ['phone', 'online', 'wechat', 'door', 'referral', 'other'] as const;
export const appointmentSource = z.enum(appointmentSources);

/** Outcomes of the day-before confirmation call (预约前一天主动联系确认). */
export const callOutcomes = ['confirmed', 'noAnswer', 'rescheduled', 'cancelled', 'wrongNumber'] as const;
export const callOutcome = z.enum(callOutcomes);

const id = z.string().min(1, { error: 'required' }).max(80);
export const calendarDate = z.string().refine(isCalendarDate, { error: 'a date written YYYY-MM-DD' });
export const clockTime = z.string().refine(isClockTime, { error: 'a time written HH:MM, 00:00-23:59' });

export const appointmentChange = z.strictObject({
  at: z.string(),
  by: z.string(),
  fromAt: z.string(),
  toAt: z.string(),
  late: z.boolean(),
  reason: z.string(),
});
export const appointmentCall = z.strictObject({ at: z.string(), by: z.string(), outcome: callOutcome, note: z.string() });

export const appointmentDoc = z.strictObject({
  ...docMeta,
  type: z.literal('appointment'),
  /** null while the person booked is not yet a customer (a first enquiry by phone). */
  customerId: z.string().nullable(),
  name: z.string(),
  phone: z.string(),
  /** Clinic date and time, and the instant they mean. */
  date: z.string(),
  time: z.string(),
  at: z.string(),
  serviceItem: z.string(), // 项目
  departmentId: z.string(),
  consultantId: z.string().nullable(),
  source: appointmentSource,
  note: z.string(),
  status: z.enum(['booked', 'cancelled']),
  changes: z.array(appointmentChange),
  calls: z.array(appointmentCall),
  cancelledAt: z.string().nullable(),
  cancelledBy: z.string().nullable(),
  cancelLate: z.boolean().nullable(),
  cancelReason: z.string(),
});
export type AppointmentDoc = z.infer<typeof appointmentDoc>;

/** `no-show:<CODE>:<appointment tail>`: one per appointment, the same on every desk that records it. */
export const noShowDoc = z.strictObject({
  ...docMeta,
  type: z.literal('no-show'),
  appointmentId: z.string(),
  customerId: z.string().nullable(),
  name: z.string(),
  date: z.string(),
  at: z.string(),
  /** `auto`: the end-of-day job; `manual`: a guide marked it. */
  how: z.enum(['auto', 'manual']),
});
export type NoShowDoc = z.infer<typeof noShowDoc>;

/**
 * `no-show-correction:<CODE>:<appointment tail>`: a lead's correction of a no-show (marked by
 * mistake, or she came and was registered without the booking), written once beside the no-show,
 * which is kept: the no-show no longer stands, and who corrected it, when and why stay on record.
 */
export const noShowCorrectionDoc = z.strictObject({
  ...docMeta,
  type: z.literal('no-show-correction'),
  appointmentId: z.string(),
  reason: z.string(),
});
export type NoShowCorrectionDoc = z.infer<typeof noShowCorrectionDoc>;

const bookingFields = {
  date: calendarDate,
  time: clockTime,
  serviceItem: requiredText(100),
  departmentId: z.string().min(1, { error: 'required' }).max(32),
  consultantId: id.nullable(),
  note: text(300),
};

export const bookInput = z.strictObject({
  /** A customer on file, or a person not yet registered (name and phone only). */
  customer: z.union([z.strictObject({ id }), z.strictObject({ name: requiredText(30), phone })]),
  source: appointmentSource,
  ...bookingFields,
});
export type BookInput = z.input<typeof bookInput>;

export const changeInput = z.strictObject({ id, ...bookingFields, reason: text(200) });
export const cancelInput = z.strictObject({ id, reason: requiredText(200) });
export const dayInput = z.strictObject({ date: calendarDate.optional() });
export const recordCallInput = z.strictObject({ id, outcome: callOutcome, note: text(200) });
export const idInput = z.strictObject({ id });
export const correctNoShowInput = z.strictObject({ id, reason: requiredText(200) });

/** `corrected`: a past day's no-show a lead withdrew (issue 21); today's reads by the time again. */
export const appointmentStates = ['cancelled', 'arrived', 'noShow', 'corrected', 'overdue', 'expected'] as const;

export const appointmentView = z.strictObject({
  id: z.string(),
  customerId: z.string().nullable(),
  name: z.string(),
  /** Masked unless the signed-in role may see the full number. */
  phone: z.string(),
  tier: z.enum(['A', 'B', 'C', 'D']).nullable(),
  date: z.string(),
  time: z.string(),
  at: z.string(),
  serviceItem: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  consultantId: z.string().nullable(),
  consultantName: z.string().nullable(),
  source: appointmentSource,
  note: z.string(),
  state: z.enum(appointmentStates),
  visitId: z.string().nullable(),
  /** Changed or cancelled with less than 24 h notice. */
  lateChanges: z.number(),
  cancelLate: z.boolean().nullable(),
  cancelReason: z.string(),
  lastCall: appointmentCall.nullable(),
  calls: z.number(),
  bookedBy: z.string(),
  /** A no-show a lead corrected (it no longer stands): who, when, why. */
  noShowCorrection: z.strictObject({ at: z.string(), byName: z.string(), reason: z.string() }).nullable(),
});
export type AppointmentView = z.infer<typeof appointmentView>;

/** One person on one day's roster (排班): only staff on duty are offered at triage. */
export const dutyInput = z.strictObject({ date: calendarDate, staffId: id, onDuty: z.boolean() });
export const dutyRow = z.strictObject({
  staffId: z.string(),
  name: z.string(),
  role: z.string(),
  departmentId: z.string().nullable(),
  onDuty: z.boolean(),
  /** Who last set it, when; null if never set for this day. */
  setBy: z.string().nullable(),
  setAt: z.string().nullable(),
});
export const dutyDay = z.strictObject({ date: z.string(), rosterSet: z.boolean(), staff: z.array(dutyRow) });

/** A customer's history at the desk: visits, appointments, no-shows. */
export const historyInput = z.strictObject({ customerId: id });
export const customerHistory = z.strictObject({
  customerId: z.string(),
  name: z.string(),
  visits: z.array(z.strictObject({ id: z.string(), arrivedAt: z.string(), departmentName: z.string(), intention: z.string(), appointmentId: z.string().nullable() })),
  appointments: z.array(appointmentView),
  noShows: z.array(z.strictObject({ appointmentId: z.string(), date: z.string(), at: z.string(), how: z.enum(['auto', 'manual']), recordedBy: z.string() })),
});

/** One-action check-in of a booked visitor from today's list (the customer must be on file). */
export const appointmentCheckInInput = z.strictObject({ id });

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

/** Member tier and VIP care, set by staff (thresholds in DOMAIN.md are guidance: rules.suggestedTier). */
export const setTierInput = z.strictObject({
  customerId: id,
  tier: tier.nullable(),
  vip: vipCare.nullable(),
  /** 入会日期 (member care counts from it): omitted, a new member's is today and a member's stays as it was. */
  memberSince: z.string().refine(isCalendarDate, { error: 'a date written YYYY-MM-DD' }).nullable().optional(),
});
export const tierView = z.strictObject({ customerId: z.string(), tier: tier.nullable(), vip: vipCare.nullable(), memberSince: z.string().nullable() });

/** Records of one person (e.g. created on two offline desks): found by a shared phone, merged by a person. */
export const duplicateGroup = z.strictObject({
  phone: z.string(),
  customers: z.array(z.strictObject({ id: z.string(), name: z.string(), createdAt: z.string(), visitCount: z.number(), tier: tier.nullable() })),
});
export const mergeInput = z.strictObject({ keepId: id, mergeId: id });
export const mergeResult = z.strictObject({ keptId: z.string(), mergedId: z.string(), visits: z.number(), appointments: z.number(), noShows: z.number() });
