import { z } from 'zod';
import { isCalendarDate } from '../time';
import { docMeta } from '../doc';
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
export const mergeInput = z.strictObject({
  keepId: id,
  mergeId: id,
  /** Fold each day's visits of the two records into one (the kept record's): its events kept, the other 作废 with reason 合并 (issue 21). */
  foldSameDay: z.boolean().default(false),
});
export const mergeResult = z.strictObject({ keptId: z.string(), mergedId: z.string(), visits: z.number(), appointments: z.number(), noShows: z.number(), /** Days folded, when folding was asked for; for 撤销合并 the days unfolded. */ folded: z.number().optional() });

/** What a merge will do, said before it is done: what moves, and the days both records have a visit. */
export const mergePreviewInput = z.strictObject({ keepId: id, mergeId: id });
export const mergePreview = z.strictObject({
  visits: z.number(),
  appointments: z.number(),
  noShows: z.number(),
  sameDay: z.array(z.strictObject({ date: z.string(), keepVisitId: z.string(), mergeVisitId: z.string(), keepArrivedAt: z.string(), mergeArrivedAt: z.string() })),
});

/** A lead's correction of a merge (撤销合并): the merged-away record comes back and what moved moves back; the reason is kept. */
export const unmergeInput = z.strictObject({ mergedId: id, reason: z.string().trim().max(200).pipe(z.string().min(1, { error: 'required' })) });

/** The clinic's merges, latest first, with whether one was undone. */
export const mergeView = z.strictObject({
  id: z.string(),
  keptId: z.string(),
  keptName: z.string(),
  mergedId: z.string(),
  mergedName: z.string(),
  at: z.string(),
  byName: z.string(),
  moved: z.number(),
  folded: z.number(),
  undone: z.strictObject({ at: z.string(), byName: z.string(), reason: z.string() }).nullable(),
});

/**
 * `customer-merge:<CODE>:<merged customer tail>:<tail>`: what one merge moved (ids re-pointed to the
 * kept record) and folded (per day: the kept visit, the other one, the copies of its events and its
 * 作废 event), so that a lead's correction can move it back. `undone` is set by that correction.
 */
export const customerMergeDoc = z.strictObject({
  ...docMeta,
  type: z.literal('customer-merge'),
  keptId: z.string(),
  mergedId: z.string(),
  moved: z.array(z.string()),
  folded: z.array(z.strictObject({ keepVisitId: z.string(), mergeVisitId: z.string(), copies: z.array(z.string()), cancelId: z.string() })),
  undone: z.strictObject({ at: z.string(), by: z.string(), reason: z.string() }).nullable(),
});
export type CustomerMergeDoc = z.infer<typeof customerMergeDoc>;
