import { z } from 'zod';
import { docMeta, requiredText, text } from '../doc';
import { isCalendarDate } from '../time';

const id = z.string().min(1, { error: 'required' }).max(80);
const dateInput = z.string().refine(isCalendarDate, { error: 'a date written YYYY-MM-DD' });
const itemId = z.string().regex(/^[a-z0-9-]{1,32}$/, { error: 'lower-case letters, digits and dashes' });

export const checkResult = z.strictObject({ itemId, ok: z.boolean(), note: text(200).default('') });
export type CheckResult = z.infer<typeof checkResult>;

/**
 * One tea step of one visit: the first cup (with the checklist), a refill, or "asked, declines".
 * Id `tea-event:<CODE>:<visit's date>:<tail>`; never edited.
 */
export const teaEventDoc = z.strictObject({
  ...docMeta,
  type: z.literal('tea-event'),
  visitId: z.string(),
  customerId: z.string(),
  kind: z.enum(['served', 'declined', 'refill']),
  drink: z.string(),
  templateId: z.string().nullable(),
  checks: z.array(checkResult),
});
export type TeaEventDoc = z.infer<typeof teaEventDoc>;

/** A party served together, in the order the guide set (latest document per visitor wins). */
export const teaPartyDoc = z.strictObject({ ...docMeta, type: z.literal('tea-party'), visitIds: z.array(z.string()) });
export type TeaPartyDoc = z.infer<typeof teaPartyDoc>;

/** A version of the clinic's serving checklist: `tea-template:<CODE>:v<n>`, never edited. */
export const teaTemplateDoc = z.strictObject({
  ...docMeta,
  type: z.literal('tea-template'),
  version: z.number().int().positive(),
  items: z.array(z.strictObject({ id: z.string(), text: z.string() })),
});
export type TeaTemplateDoc = z.infer<typeof teaTemplateDoc>;

/** `tea-settings:<CODE>`: the refill interval and the clinic's drinks (quick picks; older documents lack them). */
export const teaSettingsDoc = z.strictObject({ ...docMeta, type: z.literal('tea-settings'), refillMinutes: z.number().int(), drinks: z.array(z.string()).optional() });
export type TeaSettingsDoc = z.infer<typeof teaSettingsDoc>;

export const tasksInput = z.strictObject({ date: dateInput.optional() });

export const teaTask = z.strictObject({
  visitId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  firstVisit: z.boolean(),
  tier: z.enum(['A', 'B', 'C', 'D']).nullable(),
  age: z.number().nullable(),
  departmentName: z.string(),
  arrivedAt: z.string(),
  /** Still waiting at the desk (refills are due only then). */
  waiting: z.boolean(),
  ask: z.enum(['serveAfterSeating', 'askFirst']),
  state: z.enum(['pending', 'served', 'declined']),
  firstCupAt: z.string().nullable(),
  lastCupAt: z.string().nullable(),
  refills: z.number(),
  refillDueAt: z.string().nullable(),
  /** Members of this visitor's party in serving order (null when alone). */
  party: z.array(z.string()).nullable(),
  /** Pre-filled drink: the VIP's known preference, else the last order. */
  suggestedDrink: z.string(),
  drinkSource: z.enum(['preference', 'lastOrder', 'none']),
});
export type TeaTask = z.infer<typeof teaTask>;

export const serveInput = z.strictObject({
  visitId: id,
  drink: requiredText(40),
  templateId: id,
  checks: z.array(checkResult).min(1, { error: 'required' }).max(60),
});
export const visitOnlyInput = z.strictObject({ visitId: id });
/**
 * A party served in one call (issue 21): each member's cup in the order given (按职位高低顺序奉茶),
 * each through the checklist (her own drink and her own ticks); nothing is written unless every
 * member can be served.
 */
export const servePartyInput = z.strictObject({
  members: z
    .array(z.strictObject({ visitId: id, drink: requiredText(40), checks: z.array(checkResult).min(1, { error: 'required' }).max(60) }))
    .min(2, { error: 'a party has at least two visitors' })
    .max(12),
  templateId: id,
});
export const refillInput = z.strictObject({ visitId: id, drink: text(40).default('') });

export const partyInput = z.strictObject({ visitIds: z.array(id).min(2, { error: 'a party has at least two visitors' }).max(12) });

export const templateView = z.strictObject({
  id: z.string(),
  version: z.number(),
  items: z.array(z.strictObject({ id: z.string(), text: z.string() })),
  savedAt: z.string().nullable(),
  savedByName: z.string().nullable(),
});
export type TemplateView = z.infer<typeof templateView>;

export const saveTemplateInput = z.strictObject({
  /** The items in order; an item keeps its id when edited, a new one has id null. */
  items: z
    .array(z.strictObject({ id: itemId.nullable(), text: requiredText(120) }))
    .min(1, { error: 'at least one item' })
    .max(40),
  /** The version being edited: a stale edit (someone saved meanwhile) is refused. */
  baseVersion: z.number().int().min(0).max(100_000),
});

export const teaSettingsView = z.strictObject({ refillMinutes: z.number(), drinks: z.array(z.string()) });
export const teaSettingsInput = z.strictObject({
  refillMinutes: z.number().int().min(5).max(120),
  /** The clinic's drinks list, the drink's quick picks in this order; left out: kept as it is. */
  drinks: z.array(requiredText(20)).max(12).optional(),
});

export const figuresInput = z.strictObject({ date: dateInput.optional() });
export const teaFigures = z.strictObject({
  date: z.string(),
  served: z.number(),
  declined: z.number(),
  refills: z.number(),
  /** Average minutes from seating (arrival) to the first cup; null before any. */
  averageFirstCupMinutes: z.number().nullable(),
  exceptions: z.array(z.strictObject({ itemId: z.string(), text: z.string(), count: z.number() })),
});
export type TeaFigures = z.infer<typeof teaFigures>;
