import { defaultDepartments } from '../../shared/reference/schemas';
import { defaultPlans, type FollowupPlan } from '../../shared/followup/rules';
import { FOLLOWUP_PLANS_ID, FOLLOWUP_PLANS_SCHEMA_VERSION, followupPlansDoc, type FollowupPlansDoc, type PlansView } from '../../shared/followup/plans';
import { followupRefusals } from '../../shared/followup/refusals';
import type { Handlers } from '../api/types';
import type { Db } from '../store/pouch';
import { getOrNull } from '../store/get';
import { saveVersioned } from '../store/meta';
import { listClinics } from '../headoffice/repo';

/** The plans as this desk has them (pulled from `reference`), or null before head office saved any. */
export async function storedPlans(db: Db): Promise<FollowupPlansDoc | null> {
  const doc = await getOrNull<FollowupPlansDoc>(db, FOLLOWUP_PLANS_ID);
  if (!doc) return null;
  const { _rev: _r, ...rest } = doc as FollowupPlansDoc & { _rev?: string };
  const parsed = followupPlansDoc.safeParse(rest);
  return parsed.success ? parsed.data : null;
}

/** The plans every derivation uses: head office's rolled-out version, else the shipped defaults. */
export async function plansInUse(db: Db): Promise<readonly FollowupPlan[]> {
  return (await storedPlans(db))?.plans ?? defaultPlans;
}

function view(doc: FollowupPlansDoc | null): PlansView {
  if (!doc) return { version: 0, updatedAt: null, updatedBy: null, plans: defaultPlans };
  return { version: doc.version, updatedAt: doc.updatedAt, updatedBy: doc.updatedBy, plans: doc.plans };
}

/**
 * The plans (docs/followup.md "Plans"): every desk reads its pulled copy; head office writes a
 * new version whole into its own store, and its push carries it to `reference` (a `clinic: '*'`
 * document), from which every clinic's desks pull it, as the service catalogue travels.
 */
export const planHandlers: Pick<Handlers, 'followup.plans' | 'headoffice.followupPlansSave'> = {
  async 'followup.plans'(ctx) {
    return view(await storedPlans(ctx.db));
  },

  async 'headoffice.followupPlansSave'(ctx, input) {
    // A department's own days name a department some clinic has (or a default one).
    const known = new Set([...defaultDepartments, ...(await listClinics(ctx.db)).flatMap((c) => c.departments)].map((d) => d.id));
    for (const [i, p] of input.plans.entries())
      for (const dept of Object.keys(p.departmentDays))
        if (!known.has(dept)) throw followupRefusals.refuse('invalid_input', `plans.${i}.departmentDays.${dept}`, 'unknownDepartment', { name: dept }, `plans.${i}.departmentDays.${dept}: no clinic has department ${dept}`);
    const doc = await saveVersioned<FollowupPlansDoc>(ctx, { _id: FOLLOWUP_PLANS_ID, type: 'followup-plans', schemaVersion: FOLLOWUP_PLANS_SCHEMA_VERSION }, input.baseVersion, { plans: input.plans }, (current) =>
      followupRefusals.refuse('conflict', 'baseVersion', 'plansSaved', { current }, `baseVersion: the plans are at version ${current} now (saved meanwhile); reload and edit again`),
    );
    return view(doc);
  },
};
