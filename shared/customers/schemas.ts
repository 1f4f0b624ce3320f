import { z } from 'zod';
import { isCalendarDate } from '../time';
import { tier, vipCare } from '../desk/schemas';
import { appointmentView } from '../appointments/schemas';

const id = z.string().min(1, { error: 'required' }).max(80);

/** A customer's history at the desk: visits, appointments, no-shows. */
export const historyInput = z.strictObject({ customerId: id });
export const customerHistory = z.strictObject({
  customerId: z.string(),
  name: z.string(),
  visits: z.array(z.strictObject({ id: z.string(), arrivedAt: z.string(), departmentName: z.string(), intention: z.string(), appointmentId: z.string().nullable() })),
  appointments: z.array(appointmentView),
  noShows: z.array(z.strictObject({ appointmentId: z.string(), date: z.string(), at: z.string(), how: z.enum(['auto', 'manual']), recordedBy: z.string() })),
});

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
