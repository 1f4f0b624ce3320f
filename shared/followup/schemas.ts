import { z } from 'zod';
import { docMeta, requiredText, text } from '../doc';
import { visitOutcome } from '../visits/schemas';
import { attemptResults, feedbackClasses, planIds, ratingLevels } from './rules';
import { periodInput } from '../headoffice/schemas';

const id = z.string().min(1, { error: 'required' }).max(120);

export const planId = z.enum(planIds);
export const attemptResult = z.enum(attemptResults);
export const ratingLevel = z.enum(ratingLevels, { error: 'one of 非常满意, 满意, 一般, 较差' });
export const feedbackClass = z.enum(feedbackClasses);

export const ratings = z.strictObject({ attitude: ratingLevel, skill: ratingLevel, punctuality: ratingLevel, promises: ratingLevel });

/** A plan as head office edits it: days never negative (the rules' planProblem says the same). */
export const followupPlan = z.strictObject({
  id: planId,
  trigger: z.enum(['visitLeft', 'complaintClosed', 'membership', 'enquiryNotBooked']),
  outcomes: z.array(visitOutcome).max(3),
  offsetDays: z.number().int().min(0, { error: 'cannot be negative' }).max(366),
  windowDays: z.number().int().min(0, { error: 'cannot be negative' }).max(60),
  departmentDays: z.record(z.string().regex(/^[a-z0-9-]{1,32}$/, { error: 'a department id' }), z.number().int().min(0, { error: 'cannot be negative' }).max(366)),
  caller: z.enum(['clinic', 'headOffice']),
  channel: z.enum(['call', 'message']),
  tries: z.number().int().min(1, { error: 'at least one' }).max(10),
  retryHours: z.number().int().min(1, { error: 'at least one hour' }).max(168),
  active: z.boolean(),
});

/**
 * One follow-up task (回访任务), derived, never typed: `followup-task:<CODE>:<plan>:<source tail>`.
 * Written once, stamped `system` and the source's own time, so every desk that derives it writes
 * the identical revision. Its state lives in its events.
 */
export const followupTaskDoc = z.strictObject({
  ...docMeta,
  type: z.literal('followup-task'),
  planId,
  sourceId: z.string(),
  visitId: z.string().nullable(),
  customerId: z.string(),
  customerName: z.string(),
  outcome: visitOutcome.nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string(),
  consultantId: z.string().nullable(),
  consultantName: z.string().nullable(),
  dueDate: z.string(),
  lastDate: z.string(),
  caller: z.enum(['clinic', 'headOffice']),
  channel: z.enum(['call', 'message']),
  tries: z.number().int(),
  retryHours: z.number().int(),
  /** The number to call when the source names no customer on file (a complaint from a patient the desk does not know); older tasks lack it. */
  contactPhone: z.string().optional(),
  /** The doctor (or 医助) the visitor was handed to, for the figures per doctor; older tasks lack it. */
  doctorId: z.string().nullable().optional(),
  doctorName: z.string().nullable().optional(),
});
export type FollowupTaskDoc = z.infer<typeof followupTaskDoc>;

/**
 * One step on a task (taking it, a call), never edited: `followup-event:<CODE>:<task's due date>:<tail>`.
 * A reached call carries the survey (seed 003's four questions) and the feedback's class.
 */
export const followupEventDoc = z.strictObject({
  ...docMeta,
  type: z.literal('followup-event'),
  taskId: z.string(),
  /** `complaint`: the complaint (channel 回访反馈) opened from a call whose feedback was 投诉. */
  kind: z.enum(['take', 'attempt', 'complaint']),
  at: z.string(),
  result: attemptResult.nullable(),
  rescheduleAt: z.string().nullable(),
  ratings: ratings.nullable(),
  feedback: feedbackClass.nullable(),
  comments: z.string(),
  /** On a `complaint` event: the complaint it opened (the complaint keeps this task's id). */
  complaintId: z.string().optional(),
  /** Who took or called, by name: a head-office caller is not on the clinic's roster, so its desks show her by this. */
  byName: z.string().max(100).optional(),
});
export type FollowupEventDoc = z.infer<typeof followupEventDoc>;

export const listInput = z.strictObject({
  planId: planId.optional(),
  outcome: visitOutcome.optional(),
  /** Only the tasks I took or nobody took (default), or everyone's. */
  mine: z.boolean().default(false),
});

export const taskView = z.strictObject({
  id: z.string(),
  /** The clinic's code (head office's list of all clinics shows it). */
  clinic: z.string(),
  planId,
  /** A call, or a message (短信) the clinic's SMS platform sends: done with 已发送. */
  channel: z.enum(['call', 'message']),
  visitId: z.string().nullable(),
  visitDate: z.string().nullable(),
  customerId: z.string(),
  customerName: z.string(),
  /** Masked unless the caller may see it (see docs/followup.md). */
  phone: z.string(),
  /** The full number to dial: only on the caller's own list (hers or nobody's task), else null. */
  dial: z.string().nullable(),
  outcome: visitOutcome.nullable(),
  departmentName: z.string(),
  consultantName: z.string().nullable(),
  dueDate: z.string(),
  lastDate: z.string(),
  nextAt: z.string().nullable(),
  overdue: z.boolean(),
  state: z.enum(['open', 'reached', 'refused', 'wrongNumber', 'unreachable']),
  attempts: z.number(),
  tries: z.number(),
  takenBy: z.string().nullable(),
  takenByName: z.string().nullable(),
  contested: z.boolean(),
  /** The complaint opened from this task's call (feedback 投诉), and its number once the numbering desk issued it. */
  complaintId: z.string().nullable(),
  complaintNumber: z.string().nullable(),
});
export type TaskView = z.infer<typeof taskView>;

export const taskOnlyInput = z.strictObject({ taskId: id });

/** A call's feedback was 投诉: the complaint intake, channel 回访反馈 and the patient taken from the task. */
export const complaintFromCallInput = z.strictObject({
  taskId: id,
  what: requiredText(2000), // 投诉内容
  wants: text(1000).default(''), // 患者诉求
  staffInvolved: text(200).default(''),
});
export type ComplaintFromCallInput = z.input<typeof complaintFromCallInput>;

export const attemptInput = z
  .strictObject({
    taskId: id,
    result: attemptResult,
    /** 约定改时间: the agreed time (ISO). */
    rescheduleAt: z.iso.datetime({ error: 'a time written as ISO' }).nullable().default(null),
    ratings: ratings.nullable().default(null),
    feedback: feedbackClass.nullable().default(null),
    comments: text(1000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.result === 'reschedule' && v.rescheduleAt === null) ctx.addIssue({ code: 'custom', path: ['rescheduleAt'], message: 'required when 约定改时间' });
    if (v.result !== 'reschedule' && v.rescheduleAt !== null) ctx.addIssue({ code: 'custom', path: ['rescheduleAt'], message: 'only with 约定改时间' });
    if (v.result === 'reached' && v.ratings === null) ctx.addIssue({ code: 'custom', path: ['ratings'], message: 'required when 接通' });
    if (v.result !== 'reached' && v.ratings !== null) ctx.addIssue({ code: 'custom', path: ['ratings'], message: 'only when 接通' });
    if (v.result !== 'reached' && v.feedback !== null) ctx.addIssue({ code: 'custom', path: ['feedback'], message: 'only when 接通' });
  });
export type AttemptInput = z.input<typeof attemptInput>;

export const figuresInput = z.strictObject({
  /** Any day of the period. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'a date written YYYY-MM-DD' }),
  period: z.enum(['week', 'month']),
});

const satisfactionRow = z.strictObject({
  key: z.string(),
  name: z.string(),
  answers: z.number(),
  satisfied: z.number(),
  share: z.number().nullable(),
  met: z.boolean().nullable(),
});

export const figuresView = z.strictObject({
  from: z.string(),
  to: z.string(),
  due: z.number(),
  reached: z.number(),
  successRate: z.number().nullable(),
  overdue: z.number(),
  total: satisfactionRow,
  byDepartment: z.array(satisfactionRow),
  byConsultant: z.array(satisfactionRow),
  /** Per doctor (or 医助) the visitor was handed to (docs/followup.md). */
  byDoctor: z.array(satisfactionRow),
  byQuestion: z.array(z.strictObject({ question: z.string(), verySatisfied: z.number(), satisfied: z.number(), fair: z.number(), poor: z.number() })),
  comments: z.array(z.strictObject({ taskId: z.string(), customerName: z.string(), feedback: feedbackClass.nullable(), comments: z.string(), at: z.string() })),
});
export type FiguresView = z.infer<typeof figuresView>;

/** Head office's call list of one clinic or all: its next-day surveys (the plans called by head office), or every task with `all`. */
export const hoListInput = z.strictObject({
  /** A clinic's code, or `*` for every clinic that reached head office (全部门店). */
  clinic: z.string().regex(/^([A-Z]{2,4}|\*)$/, { error: 'a clinic code, or * for all' }),
  mine: z.boolean().default(false),
  all: z.boolean().default(false),
});

/** Head office's follow-up report (every Friday's, seed 001): each clinic's figures and the chain's total. */
export const followupReport = z.strictObject({
  from: z.string(),
  to: z.string(),
  clinics: z.array(z.strictObject({ code: z.string(), name: z.string(), figures: figuresView })),
  total: z.strictObject({ code: z.string(), name: z.string(), figures: figuresView }),
});
export type FollowupReport = z.infer<typeof followupReport>;

/** Which of head office's 回访 figures a record list opens (the dashboard's tiles and per-clinic lines). */
export const hoFollowupFigures = ['due', 'reached', 'overdue', 'answered'] as const;
export type HoFollowupFigure = (typeof hoFollowupFigures)[number];
/** The groups a figure is split by (followup.figures' byDepartment, byConsultant, byDoctor). */
export const followupGroups = ['department', 'consultant', 'doctor'] as const;
export type FollowupGroupKind = (typeof followupGroups)[number];
/** One group's row: its key as the figures give it ('' for a visit without one); null: every task. */
const recordGroup = z
  .strictObject({ kind: z.enum(followupGroups), key: z.string().max(80, { error: 'at most 80 characters' }) })
  .nullable()
  .default(null);
export type FollowupRecordGroup = z.output<typeof recordGroup>;
export const hoFollowupRecordsInput = z.strictObject({ period: periodInput, figure: z.enum(hoFollowupFigures), group: recordGroup });
/** The desk's own: the tasks one of followup.figures' figures counts, for the week or month of `date`, all or one group's. */
export const followupRecordsInput = z.strictObject({ date: figuresInput.shape.date, period: figuresInput.shape.period, figure: z.enum(hoFollowupFigures), group: recordGroup });
export type HoFollowupRecordsInput = z.input<typeof hoFollowupRecordsInput>;

/** One task behind a 回访 figure, as head office's records panel lists it. */
export const hoFollowupRecord = z.strictObject({
  id: z.string(),
  clinic: z.string(),
  planId,
  dueDate: z.string(),
  customerName: z.string(),
  departmentName: z.string(),
  consultantName: z.string().nullable(),
  doctorName: z.string().nullable(),
  state: z.enum(['open', 'reached', 'refused', 'wrongNumber', 'unreachable']),
  overdue: z.boolean(),
  /** Of a reached call's four answers, how many 满意 or 非常满意 (null: no survey). */
  satisfied: z.number().nullable(),
  feedback: feedbackClass.nullable(),
});
export type HoFollowupRecord = z.infer<typeof hoFollowupRecord>;
