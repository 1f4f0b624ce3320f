import { followupRefusals } from '../../shared/followup/refusals';
import { clinicDate, fridayWeek } from '../../shared/time';
import { addDays } from '../../shared/appointments/rules';
import type { followupContract } from '../../shared/followup/contract';
import type { FollowupEventDoc, FollowupTaskDoc, TaskView } from '../../shared/followup/schemas';
import { attemptRefusal, callerRoles, complaintCallerRoles, recallRoles, isOnList, addMonths, isOverdue, lookbackDays, taskStatus, type FollowupPlan } from '../../shared/followup/rules';
import { maskPhone } from '../../shared/desk/rules';
import type { CustomerDoc } from '../../shared/desk/schemas';
import type { Handlers } from '../api/types';
import type { OperatorContext } from '../api/context';
import { serialised } from '../store/serial';
import { listStaff, requireClinic } from '../reference/repo';
import { deriveComplaintTasks, deriveEnquiryTasks, deriveMemberTasks, deriveVisitTasks, visitTasksNow } from './repo';
import { bytesOf, DATE_FORMAT, excelDay, tableSheet, workbook, xlsx } from '../headoffice/xlsx';
import { inClinicDb, requirePulledClinic } from '../headoffice/online';
import { listClinics } from '../headoffice/repo';
import type { z } from 'zod';
import type { attemptInput, complaintFromCallInput } from '../../shared/followup/schemas';
import type { ClinicDoc } from '../../shared/reference/schemas';
import { recordComplaint } from '../complaints/cases';
import { clinicNumbers } from '../complaints/repo';
import { claimsInForce } from '../../shared/complaints/rules';
import { planHandlers, plansInUse } from './plans';
import { eventsByTask, phonesOf } from './kept';
import { clinicRecords, figuresOf, followupRecords, followupReport, reportXlsx } from './report';
import { addEvent, callableTask, eventsOf, facts, loadTask, openTask } from './tasks';

export { figuresFrom, figuresOf } from './report';


/** Anyone who makes some kind of follow-up call; which tasks each may call is checked per task (openTask). */
function requireAnyCaller(ctx: OperatorContext): void {
  if (!callerRoles.includes(ctx.operator.role) && !recallRoles.includes(ctx.operator.role)) throw followupRefusals.refuse('forbidden', 'role', 'notCaller', { role: ctx.operator.role }, `role: a ${ctx.operator.role} does not make follow-up calls`);
}

function requireCaller(ctx: OperatorContext): void {
  if (!callerRoles.includes(ctx.operator.role)) throw followupRefusals.refuse('forbidden', 'role', 'notCaller', { role: ctx.operator.role }, `role: a ${ctx.operator.role} does not make follow-up calls`);
}


/**
 * A task as the caller sees it. `dial` carries the full number only for a task on her list that
 * is hers or nobody's (the caller sees the full phone of the customers on her list, nobody
 * else's); the dispatcher's mask does not touch it because it is not a `…phone` field.
 */
function view(task: FollowupTaskDoc, events: FollowupEventDoc[], today: string, phone: string, names: Map<string, string>, me: string, complaintNumbers: ReadonlyMap<string, string> = new Map()): TaskView {
  const s = taskStatus(task, events.map(facts));
  const complaintId = events.find((e) => e.kind === 'complaint')?.complaintId ?? null;
  const mineOrFree = s.takenBy === null || s.takenBy === me;
  const onList = isOnList(s, today);
  return {
    id: task._id,
    clinic: task.clinic,
    planId: task.planId,
    channel: task.channel,
    visitId: task.visitId,
    visitDate: task.visitId ? (task.visitId.split(':')[2] ?? null) : null,
    customerId: task.customerId,
    customerName: task.customerName,
    phone: maskPhone(phone),
    dial: onList && mineOrFree ? phone : null,
    outcome: task.outcome,
    departmentName: task.departmentName,
    consultantName: task.consultantName,
    dueDate: task.dueDate,
    lastDate: task.lastDate,
    nextAt: s.nextAt,
    overdue: isOverdue(s, task.lastDate, today),
    state: s.state,
    attempts: s.attempts,
    tries: task.tries,
    takenBy: s.takenBy,
    // A head-office caller is not on the clinic's roster: her name as her events carry it.
    takenByName: s.takenBy ? (names.get(s.takenBy) ?? events.findLast((e) => e.createdBy === s.takenBy && e.byName)?.byName ?? s.takenBy) : null,
    contested: s.contested,
    complaintId,
    complaintNumber: complaintId ? (complaintNumbers.get(complaintId) ?? null) : null,
  };
}

async function phones(ctx: OperatorContext, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  ids = ids.filter((i) => i !== '');
  if (!ids.length) return out;
  const res = await ctx.db.allDocs<CustomerDoc>({ keys: [...new Set(ids)], include_docs: true });
  for (const r of res.rows) if ('doc' in r && r.doc) out.set(r.id, r.doc.phone);
  return out;
}

async function answer(ctx: OperatorContext, clinic: string, taskId: string) {
  const loaded = await loadTask(ctx, clinic, taskId);
  const { events } = loaded;
  // With its visit's outcome and doctor as they are now (a lead's correction of the outcome, issue 21); a withdrawn one as written.
  const task = (await visitTasksNow(ctx.db, clinic, [loaded.task], await plansInUse(ctx.db))).standing[0] ?? loaded.task;
  const [names, phone, numbers] = await Promise.all([
    listStaff(ctx.db, clinic).then((l) => new Map(l.map((s) => [s._id, s.name]))),
    phones(ctx, [task.customerId]),
    // The number of the complaint a call opened, once the clinic's numbering desk issued it (numbers in force only).
    events.some((e) => e.kind === 'complaint') ? clinicNumbers(ctx.db, clinic).then((n) => new Map(claimsInForce(n).map((i) => [i.complaintId, i.number]))) : new Map<string, string>(),
  ]);
  return view(task, events, clinicDate(ctx.now()), phone.get(task.customerId) ?? task.contactPhone ?? '', names, ctx.operator._id, numbers);
}

/** Saturday to Friday (the Friday report's week) or the calendar month around `date`. */
function period(date: string, kind: 'week' | 'month'): { from: string; to: string } {
  if (kind === 'month') {
    const from = `${date.slice(0, 7)}-01`;
    return { from, to: addDays(addMonths(from, 1), -1) };
  }
  return fridayWeek(date); // Saturday to Friday
}

/** The member-care message plans in the SMS list's words. */
const messagePlanNames: Partial<Record<string, string>> = { memberDay1: '会员第1天', memberFriday: '周五短信', memberBirthday: '生日问候', memberGreeting: '节日问候' };

/**
 * Tasks as the list shows them: on today's list (due or overdue), soonest first; `mine` leaves out
 * others' taken tasks. The phones are read for the listed ones only. `kept` (the desk's own store):
 * the events as kept (src-main/followup/kept.ts); head office's online calls read them.
 */
async function listed(ctx: OperatorContext, clinic: string, today: string, tasks: FollowupTaskDoc[], mine: boolean, plans: Parameters<typeof lookbackDays>[0], { kept = true } = {}): Promise<TaskView[]> {
  const from = addDays(today, -lookbackDays(plans));
  const events = kept ? await eventsByTask(ctx.db, clinic, from, today) : await eventsOf(ctx, clinic, from, today);
  const open = tasks.filter((t) => isOnList(taskStatus(t, (events.get(t._id) ?? []).map(facts)), today));
  const [names, phone] = await Promise.all([listStaff(ctx.db, clinic).then((l) => new Map(l.map((s) => [s._id, s.name]))), kept ? phonesOf(ctx.db, open.map((t) => t.customerId)) : phones(ctx, open.map((t) => t.customerId))]);
  return open
    .map((t) => view(t, events.get(t._id) ?? [], today, phone.get(t.customerId) ?? t.contactPhone ?? '', names, ctx.operator._id))
    .filter((v) => !mine || v.takenBy === null || v.takenBy === ctx.operator._id)
    .sort((a, b) => (a.nextAt ?? '').localeCompare(b.nextAt ?? '') || a.id.localeCompare(b.id));
}

/** A call (an `attempt` event) on an open task, checked as every desk checks it. */
async function attempt(ctx: OperatorContext, input: z.output<typeof attemptInput>, plans: readonly FollowupPlan[], clinicCode?: string) {
  const { clinic, task } = await openTask(ctx, input.taskId, plans, clinicCode);
  // A message task (短信) is done by sending it; a call is not "sent".
  if ((task.channel === 'message') !== (input.result === 'sent'))
    throw task.channel === 'message'
      ? followupRefusals.refuse('invalid_input', 'result', 'messageIsSent', {}, 'result: a message task is recorded as sent (已发送)')
      : followupRefusals.refuse('invalid_input', 'result', 'sentIsForMessages', {}, 'result: sent (已发送) is for message tasks');
  if (attemptRefusal(task.planId, input.result)) throw followupRefusals.refuse('invalid_input', 'result', 'recallReachedByEnquiry', {}, "result: a re-call's 接通 is recorded by enquiry.recall (did she book), not with the visit survey");
  if (input.rescheduleAt !== null && input.rescheduleAt <= ctx.now().toISOString()) throw followupRefusals.refuse('invalid_input', 'rescheduleAt', 'rescheduleNotLater', {}, 'rescheduleAt: the agreed time must be later than now');
  await addEvent(ctx, clinic, task, { kind: 'attempt', result: input.result, rescheduleAt: input.rescheduleAt, ratings: input.ratings, feedback: input.feedback, comments: input.comments });
  return answer(ctx, clinic, task._id);
}

/** `followup-task:BJ:…` → BJ, a clinic that has reached head office (else the task is unknown, naming `taskId`). */
async function clinicOfTask(ctx: OperatorContext, taskId: string): Promise<string> {
  const code = taskId.split(':')[1] ?? '';
  const known = taskId.startsWith('followup-task:') && (await listClinics(ctx.db)).some((c) => c.code === code);
  if (!known) throw followupRefusals.refuse('not_found', 'taskId', 'noSuchTask', {}, `taskId: no follow-up task ${taskId} in a clinic that reached head office`);
  return code;
}

/**
 * A reached call whose feedback was 投诉 opens the complaints domain's own intake (its checks and
 * its document), channel 回访反馈 (followUp), in `ctx.db` (the desk's store, or at head office the
 * clinic's database online); the task's `complaint` event points at it, the complaint at the task.
 */
async function complaintFromCall(ctx: OperatorContext, input: z.output<typeof complaintFromCallInput>, theClinic: ClinicDoc) {
  const { clinic, task, events } = await callableTask(ctx, input.taskId, theClinic.code);
  const opened = events.find((e) => e.kind === 'complaint');
  if (opened) throw followupRefusals.refuse('conflict', 'taskId', 'complaintTwice', {}, `taskId: this call already opened complaint ${opened.complaintId ?? ''}`);
  // Only from a reached call whose feedback was classified 投诉 (its last attempt).
  const last = events.filter((e) => e.kind === 'attempt').sort((a, b) => a.at.localeCompare(b.at) || a._id.localeCompare(b._id)).at(-1);
  if (!last || last.result !== 'reached' || last.feedback !== 'complaint') throw followupRefusals.refuse('conflict', 'taskId', 'complaintNeedsFeedback', {}, 'taskId: a complaint opens from a reached call whose feedback is 投诉');
  const patient = task.customerId ? { customerId: task.customerId } : { name: task.customerName, phone: task.contactPhone ?? '' };
  const departmentId = task.departmentId && theClinic.departments.some((d) => d.id === task.departmentId) ? task.departmentId : null;
  const complaint = await recordComplaint(ctx.db, theClinic, ctx.operator._id, ctx.now(), { patient, channel: 'followUp', what: input.what, wants: input.wants, staffInvolved: input.staffInvolved, departmentId, evidence: [], receivedAt: null, promisedReplyAt: null }, { followupTaskId: task._id });
  await addEvent(ctx, clinic, task, { kind: 'complaint', result: null, rescheduleAt: null, ratings: null, feedback: null, comments: '', complaintId: complaint._id });
  return answer(ctx, clinic, task._id);
}

export const followupHandlers: Pick<Handlers, keyof typeof followupContract> = {
  ...planHandlers,
  async 'followup.figures'(ctx, input) {
    requireCaller(ctx);
    const clinic = (await requireClinic(ctx.db)).code;
    const { from, to } = period(input.date, input.period);
    return figuresOf(ctx.db, clinic, from, to, clinicDate(ctx.now()));
  },

  /** The tasks one of the desk's figures counts (回访 → 统计), the caller's own clinic. */
  async 'followup.records'(ctx, input) {
    requireCaller(ctx);
    const clinic = (await requireClinic(ctx.db)).code;
    const { from, to } = period(input.date, input.period);
    return clinicRecords(ctx.db, clinic, from, to, clinicDate(ctx.now()), input.figure, input.group);
  },

  /** Every Friday's report (seed 001): the week's (or month's) satisfaction per clinic and in total, from head office's consolidated copy. */
  async 'headoffice.followupReport'(ctx, input) {
    requireCaller(ctx);
    const { from, to } = period(input.date, input.period);
    return followupReport(ctx.db, from, to, clinicDate(ctx.now()));
  },

  async 'headoffice.followupReportXlsx'(ctx, input) {
    requireCaller(ctx);
    const { from, to } = period(input.date, input.period);
    return reportXlsx(await followupReport(ctx.db, from, to, clinicDate(ctx.now())), ctx.operator._id, ctx.now());
  },

  // The dashboard's 回访 section: any head-office reader (the dashboard's own access), not only callers.
  async 'headoffice.followupFigures'(ctx, p) {
    return followupReport(ctx.db, p.from, p.to, clinicDate(ctx.now()), p.clinic);
  },

  async 'headoffice.followupRecords'(ctx, input) {
    return followupRecords(ctx.db, input, clinicDate(ctx.now()));
  },

  async 'headoffice.followupXlsx'(ctx, p) {
    return reportXlsx(await followupReport(ctx.db, p.from, p.to, clinicDate(ctx.now()), p.clinic), ctx.operator._id, ctx.now());
  },
  async 'followup.recalls'(ctx) {
    if (!recallRoles.includes(ctx.operator.role)) throw followupRefusals.refuse('forbidden', 'role', 'notRecaller', { role: ctx.operator.role }, `role: a ${ctx.operator.role} does not call enquirers back`);
    const clinic = (await requireClinic(ctx.db)).code;
    const today = clinicDate(ctx.now());
    const plans = await plansInUse(ctx.db);
    const tasks = await serialised(ctx.db, () => deriveEnquiryTasks(ctx.db, clinic, today, plans));
    return listed(ctx, clinic, today, tasks, false, plans);
  },

  async 'followup.messagesXlsx'(ctx) {
    requireCaller(ctx);
    const clinic = (await requireClinic(ctx.db)).code;
    const today = clinicDate(ctx.now());
    const plans = await plansInUse(ctx.db);
    const tasks = await serialised(ctx.db, () => deriveMemberTasks(ctx.db, clinic, today, plans));
    const due = (await listed(ctx, clinic, today, tasks.filter((t) => t.channel === 'message'), true, plans)).filter((v) => v.dial);
    const book = workbook(ctx.operator._id, ctx.now());
    // The due day an Excel date; no task id (a record id with the plan's code reads as English to
    // the staff, and the list is for the SMS platform, which takes phone and name).
    tableSheet(book, '短信名单', [
      { header: '手机号', key: 'phone', width: 16 },
      { header: '姓名', key: 'name', width: 12 },
      { header: '类型', key: 'plan', width: 14 },
      { header: '应发日期', key: 'due', width: 12, numFmt: DATE_FORMAT },
    ], due.map((v) => ({ phone: v.dial, name: v.customerName, plan: messagePlanNames[v.planId] ?? v.planId, due: excelDay(v.dueDate) })));
    return xlsx(`短信名单-${clinic}-${today}.xlsx`, await bytesOf(book));
  },

  async 'followup.list'(ctx, input) {
    requireCaller(ctx);
    const clinic = (await requireClinic(ctx.db)).code;
    const today = clinicDate(ctx.now());
    // Derived on read of the list (docs/followup.md): the missing tasks are written first.
    const complaintCaller = complaintCallerRoles.includes(ctx.operator.role);
    // Head office's rolled-out plans (pulled from `reference`), else the shipped defaults.
    const plans = await plansInUse(ctx.db);
    const tasks = await serialised(ctx.db, async () => [
      ...(await deriveVisitTasks(ctx.db, clinic, today, plans)),
      // 投诉回访 only on the CS director's list (others never see those customers through it).
      ...(complaintCaller ? await deriveComplaintTasks(ctx.db, clinic, today, plans) : []),
      ...(await deriveMemberTasks(ctx.db, clinic, today, plans)),
    ]);
    const chosen = tasks.filter((t) => (input.planId === undefined || t.planId === input.planId) && (input.outcome === undefined || t.outcome === input.outcome));
    return listed(ctx, clinic, today, chosen, input.mine, plans);
  },

  async 'followup.task'(ctx, input) {
    requireAnyCaller(ctx);
    const { clinic, task } = await callableTask(ctx, input.taskId);
    return answer(ctx, clinic, task._id);
  },

  async 'followup.take'(ctx, input) {
    requireAnyCaller(ctx);
    return serialised(ctx.db, async () => {
      const { clinic, task } = await openTask(ctx, input.taskId, await plansInUse(ctx.db));
      await addEvent(ctx, clinic, task, { kind: 'take', result: null, rescheduleAt: null, ratings: null, feedback: null, comments: '' });
      return answer(ctx, clinic, task._id);
    });
  },

  async 'followup.complaint'(ctx, input) {
    requireAnyCaller(ctx);
    return serialised(ctx.db, async () => complaintFromCall(ctx, input, await requireClinic(ctx.db)));
  },

  async 'followup.attempt'(ctx, input) {
    requireAnyCaller(ctx);
    return serialised(ctx.db, async () => attempt(ctx, input, await plansInUse(ctx.db)));
  },

  /**
   * Head office's call centre (seed 001: 「改由集團公司客服部統一進行回訪」) works a clinic's calls online
   * in the clinic's database, as head office's complaint steps are written (src-main/headoffice/complaints.ts):
   * the clinic's desks receive the events by sync, and what the desks record reaches head office.
   */
  async 'headoffice.followupList'(ctx, input) {
    requireCaller(ctx);
    const clinics = input.clinic === '*' ? await listClinics(ctx.db) : [await requirePulledClinic(ctx, input.clinic)];
    const plans = await plansInUse(ctx.db); // head office's own version is the one it rolls out
    const today = clinicDate(ctx.now());
    const out: TaskView[] = [];
    // 全部门店: each clinic's database in turn, then one list by due time.
    for (const clinic of clinics)
      out.push(
        ...(await inClinicDb(ctx, clinic.code, async (remote) => {
          // The same deterministic tasks a desk derives (identical content, one revision after sync).
          const tasks = await serialised(remote, () => deriveVisitTasks(remote, clinic.code, today, plans, { kept: false }));
          return listed({ ...ctx, db: remote }, clinic.code, today, tasks.filter((t) => t.caller === 'headOffice' || input.all), input.mine, plans, { kept: false });
        })),
      );
    return out.sort((a, b) => (a.nextAt ?? '').localeCompare(b.nextAt ?? '') || a.id.localeCompare(b.id));
  },

  /** A 投诉 call made at head office opens the complaint in the clinic's database (online, as the roll-out writes). */
  async 'headoffice.followupComplaint'(ctx, input) {
    requireCaller(ctx);
    const code = await clinicOfTask(ctx, input.taskId);
    const theClinic = await requirePulledClinic(ctx, code);
    return inClinicDb(ctx, code, (remote) => complaintFromCall({ ...ctx, db: remote }, input, theClinic));
  },

  async 'headoffice.followupTake'(ctx, input) {
    requireCaller(ctx);
    const code = await clinicOfTask(ctx, input.taskId);
    const plans = await plansInUse(ctx.db); // head office's own version is the one it rolls out
    return inClinicDb(ctx, code, async (remote) => {
      const there = { ...ctx, db: remote };
      const { clinic, task } = await openTask(there, input.taskId, plans, code);
      await addEvent(there, clinic, task, { kind: 'take', result: null, rescheduleAt: null, ratings: null, feedback: null, comments: '' });
      return answer(there, clinic, task._id);
    });
  },

  async 'headoffice.followupAttempt'(ctx, input) {
    requireCaller(ctx);
    const code = await clinicOfTask(ctx, input.taskId);
    const plans = await plansInUse(ctx.db);
    return inClinicDb(ctx, code, (remote) => attempt({ ...ctx, db: remote }, input, plans, code));
  },
};
