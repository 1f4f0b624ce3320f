import { z } from 'zod';
import { docMeta, requiredText, text } from '../doc';
import { isCalendarDate } from '../time';
import { phone } from '../desk/schemas';
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

/** One-action check-in of a booked visitor from today's list (the customer must be on file). */
export const appointmentCheckInInput = z.strictObject({ id });
