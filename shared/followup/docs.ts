import { byDay, defineDoc, prefixRange } from '../doc';
import { followupEventDoc, followupTaskDoc } from './schemas';
import { taskId } from './rules';

/** Derived, written once: `followup-task:<CODE>:<plan>:<source's date>:<source tail>` (shared/followup/rules.ts's taskId). */
export const followupTaskDocs = defineDoc({ type: 'followup-task', version: 1, schema: followupTaskDoc, id: taskId, range: (clinic: string) => prefixRange(`followup-task:${clinic}:`) });
export const followupEventDocs = defineDoc({ type: 'followup-event', version: 1, schema: followupEventDoc, ...byDay('followup-event') });

export const followupDocs = [followupTaskDocs, followupEventDocs] as const;
