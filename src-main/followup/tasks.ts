import { followupEventDocs } from '../../shared/followup/docs';
import { followupRefusals } from '../../shared/followup/refusals';
import { callRefusal, taskStatus, type FollowupPlan, type PlanId, type TaskEventFacts } from '../../shared/followup/rules';
import type { FollowupEventDoc, FollowupTaskDoc } from '../../shared/followup/schemas';
import { newIdTail } from '../../shared/ids';
import type { OperatorContext } from '../api/context';
import { requireClinic } from '../reference/repo';
import { getOrNull } from '../store/get';
import { newMeta } from '../store/meta';
import type { Db } from '../store/pouch';
import { withdrawnVisitTasks } from './repo';

/**
 * The checks and the write of a call on one follow-up task, shared by every operation that records
 * one: `followup.attempt` / `take` / `complaint` (the desk's and head office's online calls) and the
 * enquiries domain's 接通 of a re-call (`enquiry.recall`, ./recall.ts). One copy, so a re-call is
 * checked as a 回访 is (issue 14).
 */

export const facts = (e: FollowupEventDoc): TaskEventFacts => ({ id: e._id, kind: e.kind, at: e.at, by: e.createdBy, result: e.result, rescheduleAt: e.rescheduleAt });

/** The events of the tasks due `from`..`to`, by task id. */
export async function eventsOf(ctx: { db: Db }, clinic: string, from: string, to: string): Promise<Map<string, FollowupEventDoc[]>> {
  const res = await ctx.db.allDocs<FollowupEventDoc>({ ...followupEventDocs.range(clinic, from, to), include_docs: true });
  const by = new Map<string, FollowupEventDoc[]>();
  for (const r of res.rows) if (r.doc) by.set(r.doc.taskId, [...(by.get(r.doc.taskId) ?? []), r.doc]);
  return by;
}

/**
 * The clinic's task and its events, refused naming `taskId` (not_found) unless it is one; `planId`:
 * only a task of that plan counts (a re-call operation does not see a visit's 回访).
 */
export async function loadTask(ctx: OperatorContext, clinic: string, taskId: string, planId?: PlanId) {
  const task = await getOrNull<FollowupTaskDoc>(ctx.db, taskId);
  if (!task || task.type !== 'followup-task' || task.clinic !== clinic || (planId !== undefined && task.planId !== planId))
    throw followupRefusals.refuse('not_found', 'taskId', 'noSuchTask', {}, planId === 'enquiryRecall' ? `taskId: no re-call task ${taskId}` : `taskId: no follow-up task ${taskId}`);
  const events = (await eventsOf(ctx, clinic, task.dueDate, task.dueDate)).get(task._id) ?? [];
  return { task, events };
}

/** The task, refused naming `role` unless this operator makes this kind of call (callRefusal). */
export async function callableTask(ctx: OperatorContext, taskId: string, clinicCode?: string, planId?: PlanId) {
  const clinic = clinicCode ?? (await requireClinic(ctx.db)).code;
  const { task, events } = await loadTask(ctx, clinic, taskId, planId);
  const why = callRefusal(ctx.operator.role, task.planId);
  if (why === 'notThisCall') throw followupRefusals.refuse('forbidden', 'role', 'notThisCall', { role: ctx.operator.role }, `role: a ${ctx.operator.role} does not make this kind of follow-up call`);
  if (why === 'notComplaintCaller') throw followupRefusals.refuse('forbidden', 'role', 'notComplaintCaller', { role: ctx.operator.role }, `role: a ${ctx.operator.role} does not make the calls after a complaint (客服主任, 客服总监)`);
  return { clinic, task, events };
}

/**
 * The task to call, refused naming `taskId` unless it is open and not withdrawn (inside the caller's
 * serialised section). `plans`: the plans in use where the call is made (head office's own version
 * for its online calls).
 */
export async function openTask(ctx: OperatorContext, taskId: string, plans: readonly FollowupPlan[], clinicCode?: string, planId?: PlanId) {
  const { clinic, task, events } = await callableTask(ctx, taskId, clinicCode, planId);
  const s = taskStatus(task, events.map(facts));
  if (s.state !== 'open') throw followupRefusals.refuse('conflict', 'taskId', 'taskClosed', { state: s.state }, `taskId: the task is closed (${s.state})`);
  if ((await withdrawnVisitTasks(ctx.db, clinic, [task], plans)).has(task._id)) throw followupRefusals.refuse('conflict', 'taskId', 'taskWithdrawn', {}, "taskId: the visitor's 离院 was undone (visits.reopen); the task is withdrawn");
  return { clinic, task, events };
}

/** One event on the task, by the operator, now (who and when on the record). */
export async function addEvent(ctx: OperatorContext, clinic: string, task: FollowupTaskDoc, fields: Pick<FollowupEventDoc, 'kind' | 'result' | 'rescheduleAt' | 'ratings' | 'feedback' | 'comments' | 'complaintId'>): Promise<FollowupEventDoc> {
  const now = ctx.now();
  const doc: FollowupEventDoc = {
    ...newMeta('followup-event', followupEventDocs.id(clinic, task.dueDate, newIdTail(now)), clinic, ctx.operator._id, now),
    type: 'followup-event',
    taskId: task._id,
    at: now.toISOString(),
    byName: ctx.operator.name,
    ...fields,
  };
  await ctx.db.put(doc);
  return doc;
}
