import { z } from 'zod';
import { docMeta } from '../doc';
import { ALL_CLINICS } from '../reference/calendar';
import { defaultPlans, planIds, type FollowupPlan } from './rules';
import { followupPlan } from './schemas';

/**
 * The follow-up plans as head office edits them (issue 13): one document in the `reference`
 * database (`followup-plans`, clinic `*`), written whole with a version like the service
 * catalogue, so every clinic's desks pull one consistent set. Before head office saves one, the
 * desks use the shipped defaults (`defaultPlans`). A task keeps the plan as it was when it was
 * derived (dueDate, tries, retryHours are on the task): a new version moves no existing task.
 */
export const FOLLOWUP_PLANS_ID = 'followup-plans';
export const FOLLOWUP_PLANS_SCHEMA_VERSION = 1;

/** Every plan once, with the trigger it ships with (a plan's id decides how it is derived). */
function refinePlans(plans: readonly FollowupPlan[], ctx: z.RefinementCtx, path: (string | number)[]) {
  const seen = new Set<string>();
  for (const [i, p] of plans.entries()) {
    const shipped = defaultPlans.find((d) => d.id === p.id)!;
    if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: [...path, i, 'id'], message: `${p.id} is listed twice` });
    seen.add(p.id);
    if (p.trigger !== shipped.trigger) ctx.addIssue({ code: 'custom', path: [...path, i, 'trigger'], message: `${p.id} is made by ${shipped.trigger}` });
    if (p.trigger !== 'visitLeft' && p.outcomes.length) ctx.addIssue({ code: 'custom', path: [...path, i, 'outcomes'], message: 'only a plan made by a visit has outcome categories' });
    // A plan made by a visit calls some outcome category (到诊未消费 / 非手术消费 / 手术消费), else it would call nobody while 启用.
    if (p.trigger === 'visitLeft' && p.active && !p.outcomes.length) ctx.addIssue({ code: 'custom', path: [...path, i, 'outcomes'], message: 'at least one outcome category' });
    if (new Set(p.outcomes).size !== p.outcomes.length) ctx.addIssue({ code: 'custom', path: [...path, i, 'outcomes'], message: 'an outcome category is listed twice' });
  }
  const missing = planIds.filter((id) => !seen.has(id));
  if (missing.length) ctx.addIssue({ code: 'custom', path, message: `every plan once: ${missing.join(', ')} missing` });
}

export const plansSaveInput = z
  .strictObject({
    plans: z.array(followupPlan).max(planIds.length),
    /** The version the editor started from (0: the shipped defaults); another save since → conflict. */
    baseVersion: z.number().int().min(0).max(100_000),
  })
  .superRefine((v, ctx) => refinePlans(v.plans, ctx, ['plans']));
export type PlansSaveInput = z.input<typeof plansSaveInput>;

export const followupPlansDoc = z
  .strictObject({
    ...docMeta,
    _id: z.literal(FOLLOWUP_PLANS_ID),
    type: z.literal('followup-plans'),
    clinic: z.literal(ALL_CLINICS),
    version: z.number().int().min(1),
    plans: z.array(followupPlan).max(planIds.length),
  })
  .superRefine((d, ctx) => refinePlans(d.plans, ctx, ['plans']));
export type FollowupPlansDoc = z.infer<typeof followupPlansDoc>;

export const plansView = z.strictObject({
  /** 0: head office has saved none (or this desk has not received it): the shipped defaults. */
  version: z.number(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  plans: z.array(followupPlan),
});
export type PlansView = z.infer<typeof plansView>;
