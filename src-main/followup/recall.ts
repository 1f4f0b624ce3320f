import { followupEventDocs } from '../../shared/followup/docs';
import { followupRefusals } from '../../shared/followup/refusals';
import { recallRoles, taskStatus, type TaskState } from '../../shared/followup/rules';
import type { FollowupEventDoc, FollowupTaskDoc } from '../../shared/followup/schemas';
import { newIdTail } from '../../shared/ids';
import type { OperatorContext } from '../api/context';
import { getOrNull } from '../store/get';
import { newMeta } from '../store/meta';

/**
 * 接通 of a re-call (询诊回访, plan `enquiryRecall`) as the enquiries domain records it
 * (`enquiry.recall`, issue 14): the call asks the enquiry's own questions (did she book, why not,
 * the next step), kept by that domain; the task gets an attempt without the visit survey's
 * ratings — `reached`, or `reschedule` at the next call's time. The task is checked as
 * `followup.attempt` checks it (a clinic's open re-call, a role that makes re-calls); `decide`
 * checks the answers and writes the enquiry's side, then the attempt is written. The caller
 * serialises. Satisfaction figures count only attempts with ratings, so these add none.
 */
export async function recallAttempt(
  ctx: OperatorContext,
  clinic: string,
  taskId: string,
  decide: (task: FollowupTaskDoc) => Promise<{ result: 'reached' | 'reschedule'; rescheduleAt: string | null; comments: string }>,
): Promise<{ task: FollowupTaskDoc; state: TaskState }> {
  const task = await getOrNull<FollowupTaskDoc>(ctx.db, taskId);
  if (!task || task.type !== 'followup-task' || task.clinic !== clinic || task.planId !== 'enquiryRecall') throw followupRefusals.refuse('not_found', 'taskId', 'noSuchTask', {}, `taskId: no re-call task ${taskId}`);
  if (!recallRoles.includes(ctx.operator.role)) throw followupRefusals.refuse('forbidden', 'role', 'notThisCall', { role: ctx.operator.role }, `role: a ${ctx.operator.role} does not make this kind of follow-up call`);
  const events = async () => {
    const res = await ctx.db.allDocs<FollowupEventDoc>({ ...followupEventDocs.range(clinic, task.dueDate, task.dueDate), include_docs: true });
    return res.rows.flatMap((r) => (r.doc?.taskId === task._id ? [{ id: r.doc._id, kind: r.doc.kind, at: r.doc.at, by: r.doc.createdBy, result: r.doc.result, rescheduleAt: r.doc.rescheduleAt }] : []));
  };
  const before = taskStatus(task, await events());
  if (before.state !== 'open') throw followupRefusals.refuse('conflict', 'taskId', 'taskClosed', { state: before.state }, `taskId: the task is closed (${before.state})`);
  const a = await decide(task);
  const now = ctx.now();
  const doc: FollowupEventDoc = {
    ...newMeta('followup-event', followupEventDocs.id(clinic, task.dueDate, newIdTail(now)), clinic, ctx.operator._id, now),
    type: 'followup-event',
    taskId: task._id,
    kind: 'attempt',
    at: now.toISOString(),
    result: a.result,
    rescheduleAt: a.rescheduleAt,
    ratings: null,
    feedback: null,
    comments: a.comments,
    byName: ctx.operator.name,
  };
  await ctx.db.put(doc);
  return { task, state: taskStatus(task, await events()).state };
}
