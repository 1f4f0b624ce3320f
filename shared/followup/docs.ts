import { byDay, defineDoc, prefixRange } from '../doc';
import { followupEventDoc, followupTaskDoc } from './schemas';
import { taskId } from './rules';
import { FOLLOWUP_PLANS_ID, FOLLOWUP_PLANS_SCHEMA_VERSION, followupPlansDoc } from './plans';

/** Derived, written once: `followup-task:<CODE>:<plan>:<source's date>:<source tail>` (shared/followup/rules.ts's taskId). */
export const followupTaskDocs = defineDoc({ type: 'followup-task', version: 1, schema: followupTaskDoc, id: taskId, range: (clinic: string) => prefixRange(`followup-task:${clinic}:`) });
export const followupEventDocs = defineDoc({ type: 'followup-event', version: 1, schema: followupEventDoc, ...byDay('followup-event') });

/** Head office's follow-up plans (reference data, clinic `*`): one document, written whole, versioned. */
export const followupPlansDocs = defineDoc({ type: 'followup-plans', version: FOLLOWUP_PLANS_SCHEMA_VERSION, schema: followupPlansDoc, id: () => FOLLOWUP_PLANS_ID, range: () => prefixRange(FOLLOWUP_PLANS_ID) });

export const followupDocs = [followupTaskDocs, followupEventDocs, followupPlansDocs] as const;
