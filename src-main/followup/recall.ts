import { taskStatus, type TaskState } from '../../shared/followup/rules';
import type { FollowupTaskDoc } from '../../shared/followup/schemas';
import type { OperatorContext } from '../api/context';
import { plansInUse } from './plans';
import { addEvent, facts, loadTask, openTask } from './tasks';

/**
 * 接通 of a re-call (询诊回访, plan `enquiryRecall`) as the enquiries domain records it
 * (`enquiry.recall`, issue 14): the call asks the enquiry's own questions (did she book, why not,
 * the next step), kept by that domain; the task gets an attempt without the visit survey's
 * ratings — `reached`, or `reschedule` at the next call's time. The task is checked by the same
 * code as `followup.attempt` (./tasks.ts openTask: the clinic's open re-call, a role that makes
 * re-calls); `decide` checks the answers and writes the enquiry's side, then the attempt is
 * written. The caller serialises. Satisfaction figures count only attempts with ratings, so these add none.
 */
export async function recallAttempt(
  ctx: OperatorContext,
  clinic: string,
  taskId: string,
  decide: (task: FollowupTaskDoc) => Promise<{ result: 'reached' | 'reschedule'; rescheduleAt: string | null; comments: string }>,
): Promise<{ task: FollowupTaskDoc; state: TaskState }> {
  const { task } = await openTask(ctx, taskId, await plansInUse(ctx.db), clinic, 'enquiryRecall');
  const a = await decide(task);
  await addEvent(ctx, clinic, task, { kind: 'attempt', result: a.result, rescheduleAt: a.rescheduleAt, ratings: null, feedback: null, comments: a.comments });
  const { events } = await loadTask(ctx, clinic, task._id, 'enquiryRecall');
  return { task, state: taskStatus(task, events.map(facts)).state };
}
