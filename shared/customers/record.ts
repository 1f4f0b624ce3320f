import { z } from 'zod';
import { docMeta, text } from '../doc';
import { sex, type StaffRole } from '../reference/schemas';
import { roleRank } from '../reference/grants';
import { consultingRoles } from '../desk/visibility';
import { birthDate, directedFields, phone, source, tier, vipCare } from '../desk/schemas';

/**
 * Correcting a customer's record after check-in (issue 14): who changed which field when, the
 * old value kept. One `customer-edit` document per correction, written beside the customer in one
 * batch, never changed: the history is append-only, so two desks correcting one person never
 * overwrite each other's account of it.
 */


/** Who may correct a customer's record: 导医组长 and up, and the consulting group. */
export function mayEditCustomer(role: StaffRole): boolean {
  return roleRank[role] >= 2 || consultingRoles.includes(role);
}

/** The general fields one may correct (定向性登记 travels in `directed`, field by field). */
export const generalFields = ['name', 'sex', 'birthDate', 'age', 'phone', 'address', 'source', 'email', 'occupation', 'disease'] as const;
export type GeneralField = (typeof generalFields)[number];
export const directedKeys = ['priceComparison', 'consumptionHabits', 'economicStatus', 'personType', 'healthEnquiry'] as const;
export type DirectedKey = (typeof directedKeys)[number];

export const customerChanges = z.strictObject({
  name: text(30).pipe(z.string().min(1, { error: 'required' })).optional(),
  sex: sex.optional(),
  birthDate: birthDate.nullable().optional(),
  age: z.number().int().min(0).max(120).nullable().optional(),
  phone: phone.optional(),
  address: text(120).optional(),
  source: source.optional(),
  email: z.union([z.literal(''), z.string().trim().max(120).pipe(z.email({ error: 'an e-mail address' }))]).optional(),
  occupation: text(60).optional(),
  disease: text(100).optional(),
  /** Only the keys given change; '' empties one. */
  directed: directedFields.optional(),
});
export type CustomerChanges = z.input<typeof customerChanges>;

export const customerUpdateInput = z.strictObject({
  customerId: z.string().min(1).max(80),
  changes: customerChanges,
  /** Why (e.g. 电话号码登记错误): kept with the change. */
  note: text(200),
});
export type CustomerUpdateInput = z.input<typeof customerUpdateInput>;

export const customerRecordInput = z.strictObject({ customerId: z.string().min(1).max(80) });

/** A field's value as the history keeps it. */
const fieldValue = z.union([z.string(), z.number(), z.null()]);

export const fieldChange = z.strictObject({
  /** `name`, `phone`, …, or `directed.<key>`. */
  field: z.string(),
  from: fieldValue,
  to: fieldValue,
});
export type FieldChange = z.infer<typeof fieldChange>;

export const customerEditDoc = z.strictObject({
  ...docMeta,
  type: z.literal('customer-edit'),
  customerId: z.string(),
  changes: z.array(fieldChange),
  note: z.string(),
});
export type CustomerEditDoc = z.infer<typeof customerEditDoc>;

export const customerEditView = z.strictObject({
  id: z.string(),
  at: z.string(),
  by: z.string(),
  byName: z.string(),
  /** As the reader may see them: phones masked, directed values null (`hidden`) for roles that may not see them. */
  changes: z.array(fieldChange.extend({ hidden: z.boolean() })),
  note: z.string(),
});
export type CustomerEditView = z.infer<typeof customerEditView>;

export const customerRecord = z.strictObject({
  id: z.string(),
  name: z.string(),
  sex,
  birthDate: z.string().nullable(),
  age: z.number().nullable(),
  phone: z.string(),
  address: z.string(),
  source,
  email: z.string(),
  occupation: z.string(),
  disease: z.string(),
  directed: directedFields,
  tier: tier.nullable(),
  vip: vipCare.nullable(),
  mergedInto: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string(),
  /** What the reader may do here. */
  mayEdit: z.boolean(),
  mayEditDirected: z.boolean(),
  edits: z.array(customerEditView),
});
export type CustomerRecord = z.infer<typeof customerRecord>;

type Comparable = Record<GeneralField, string | number | null> & { directed: Partial<Record<DirectedKey, string | undefined>> };

/** The fields that really change, with their old and new values (an unchanged value is no change). */
export function diffCustomer(current: Comparable, changes: z.output<typeof customerChanges>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of generalFields) {
    const to = changes[field];
    if (to === undefined) continue;
    const from = current[field] ?? null;
    if (from !== to) out.push({ field, from, to });
  }
  for (const key of directedKeys) {
    const to = changes.directed?.[key];
    if (to === undefined) continue;
    const from = current.directed[key] ?? '';
    if (from !== to) out.push({ field: `directed.${key}`, from, to });
  }
  return out;
}
