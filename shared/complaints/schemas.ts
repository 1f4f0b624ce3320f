import { z } from 'zod';
import { requiredText, text } from '../doc';
import { phone } from '../desk/schemas';
import { staffRole } from '../reference/schemas';
import { categories, channels, escalationPaths, eventKinds, penaltyLevels, serviceTypes, stepKeys, subcategories } from './rules';

/** Evidence the contract carries: images and PDF, resized in the renderer, under the 256 KiB input limit in all. */
export const evidenceMimes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const MAX_EVIDENCE_FILES = 6;
export const evidenceFile = z.strictObject({
  name: requiredText(100),
  mime: z.enum(evidenceMimes),
  /** Base64 of the file (the handler checks that its first bytes are what `mime` says). */
  data: z
    .string()
    .min(8, { error: 'empty file' })
    .max(240_000, { error: 'file too large (at most about 175 KB after resizing)' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'not base64' }),
});
export type EvidenceFile = z.infer<typeof evidenceFile>;

const id = z.string().min(1, { error: 'required' }).max(120);
const yuan = z.number().min(0).max(10_000_000).multipleOf(0.01);
export const satisfactions = ['verySatisfied', 'satisfied', 'neutral', 'poor'] as const;
export const paymentWays = ['none', 'cash', 'bankCard'] as const;

export const complaintRecordInput = z.strictObject({
  /** A customer looked up at the desk, or a patient the desk does not know yet (name and phone). */
  patient: z.union([z.strictObject({ customerId: id }), z.strictObject({ name: requiredText(30), phone })]),
  channel: z.enum(channels),
  what: requiredText(2000), // 投诉内容: what happened
  wants: text(1000), // 患者诉求
  staffInvolved: text(200),
  departmentId: z.string().max(32).nullable(),
  evidence: z.array(evidenceFile).max(MAX_EVIDENCE_FILES),
  /**
   * When the complaint was received, in clinic time (`2026-11-27T09:30`), if not now: a note in the
   * 意见箱 or an e-mail found the next day. The 12 h clock starts here; who typed it and when stay in
   * the record's createdBy/createdAt. At most RECEIVED_BACK_DAYS back, never in the future.
   */
  receivedAt: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/, { error: 'a clinic time written YYYY-MM-DDTHH:MM' })
    .nullable()
    .default(null),
  /**
   * The reply time told to the patient at intake (seed 000 "48 小时内给患者答复"), in clinic time,
   * when one was promised: recorded and shown on the case and the forms.
   */
  promisedReplyAt: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/, { error: 'a clinic time written YYYY-MM-DDTHH:MM' })
    .nullable()
    .default(null),
});
/** How far back a received-at time may go (a complaint found late is still recorded within this). */
export const RECEIVED_BACK_DAYS = 30;
export type ComplaintRecordInput = z.input<typeof complaintRecordInput>;

const note = text(1000);
/** At most this many improvement actions in one prevention plan (step 11). */
export const MAX_PREVENTION_ACTIONS = 10;
export const stepInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accept'), note }),
  z.strictObject({ kind: z.literal('investigate'), staffTalkedTo: requiredText(500), patientDemands: requiredText(1000), findings: text(2000), note }),
  z.strictObject({
    kind: z.literal('classify'),
    category: z.enum(categories),
    subcategory: z.enum([...subcategories.quality, ...subcategories.nonQuality]),
    /** Under 服务类 only, and required there (seed 004's types). */
    serviceType: z.enum(serviceTypes).nullable().default(null),
    /** Seed 004 "分派责任人：…分配给相应的责任部门或责任人（如医生、护士、前台、环境维护、财务等）". */
    responsible: text(100).default(''),
    /** Seed 004 "定期统计投诉类型、原因": why it happened, as found. */
    cause: text(500).default(''),
    note,
  }),
  z.strictObject({ kind: z.literal('propose'), solution: requiredText(2000), refund: yuan, compensation: yuan, note }),
  z.strictObject({ kind: z.literal('approve'), approved: z.boolean(), note }),
  z.strictObject({ kind: z.literal('negotiate'), agreed: z.boolean(), note }),
  z.strictObject({ kind: z.literal('escalate'), reason: requiredText(1000) }),
  /**
   * Step 8, seed 001: how the money of the plan in force is paid (none, cash after the patient signs,
   * or a bank card in about 7 working days), the refund OA started (with money), the CRM and the
   * medical record noted, and whom the CS director told to note them (通知工作人员). Checked against
   * the plan's money by `paperworkRefusal`.
   */
  z.strictObject({ kind: z.literal('paperwork'), payment: z.enum(paymentWays), oaStarted: z.boolean(), crmNoted: z.boolean(), medicalRecordNoted: z.boolean(), notedBy: requiredText(30), note }),
  z.strictObject({
    kind: z.literal('close'),
    patientConfirmed: z.boolean(),
    handedToLegal: z.boolean(),
    satisfaction: z.enum(satisfactions).nullable(),
    note,
  }),
  z.strictObject({ kind: z.literal('file'), copiesSent: z.boolean(), note }),
  /** Step 10: the CS side's proposal of who is penalised at which level (the dean's agreement is her own act, `deanAgree`). */
  z.strictObject({
    kind: z.literal('penalty'),
    persons: z.array(z.strictObject({ staffId: z.string().max(80).nullable(), name: requiredText(30), level: z.enum(penaltyLevels) })).max(10),
    note,
  }),
  /**
   * Step 11, seed 001 "由客服部协同医务部，提出改善方案，并加强监督管理" and 客服部's duty "改善投诉方案的提出、
   * 执行成果的督促及效果确认": the plan and its improvement actions, each with who carries it out and by when.
   */
  z.strictObject({
    kind: z.literal('prevention'),
    plan: requiredText(2000),
    actions: z
      .array(z.strictObject({ what: requiredText(300), owner: requiredText(60), dueDate: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'a date written YYYY-MM-DD' }).nullable().default(null) }))
      .max(MAX_PREVENTION_ACTIONS)
      .default([]),
  }),
  /** Step 11: one improvement action carried out (seed 004 "对投诉引发的服务改进措施进行跟踪，确保落实到位"); who and when are the event's. */
  z.strictObject({ kind: z.literal('actionDone'), index: z.number().int().min(0).max(MAX_PREVENTION_ACTIONS - 1), result: requiredText(500) }),
  z.strictObject({ kind: z.literal('note'), text: requiredText(2000) }),
  /** 通知客服: whoever received the complaint says whom at customer service they told (who and when are the event's). */
  z.strictObject({ kind: z.literal('notify'), toWhom: requiredText(60), note }),
  /** Step 10, seed 001: the dean's agreement to the penalty proposal ("和该院院长协商后实施"), recorded by the dean. */
  z.strictObject({ kind: z.literal('deanAgree'), approved: z.boolean(), note }),
  /** Step 10, seed 001 (五): 总经办 issues (开立) the 员工过失处罚单. */
  z.strictObject({ kind: z.literal('penaltySlip'), note }),
  /** Step 10, seed 001 (五): 总经理 approves (核准) the slip, or sends the proposal back. */
  z.strictObject({ kind: z.literal('penaltyApprove'), approved: z.boolean(), note }),
]);
export type StepInput = z.input<typeof stepInput>;

export const complaintStepInput = z.strictObject({
  id,
  step: stepInput,
  attachments: z.array(evidenceFile).max(4),
});
export type ComplaintStepInput = z.input<typeof complaintStepInput>;

/**
 * Video evidence goes in pieces through the contract (each call under its 256 KiB limit), is held
 * in the main process's memory until `complaint.attachVideo` checks and stores it whole: a desk
 * that gives up half-way has written nothing.
 */
export const videoMimes = ['video/mp4', 'video/quicktime', 'video/webm'] as const;
export const MAX_VIDEO_BYTES = 20 * 1024 * 1024;
export const VIDEO_CHUNK_BYTES = 128 * 1024;
const uploadId = z.string().regex(/^[a-z0-9-]{8,40}$/, { error: '8-40 lower-case letters, digits or -' });
export const uploadChunkInput = z.strictObject({
  uploadId,
  index: z.number().int().min(0).max(Math.ceil(MAX_VIDEO_BYTES / VIDEO_CHUNK_BYTES)),
  data: z
    .string()
    .min(4, { error: 'empty piece' })
    .max(Math.ceil((VIDEO_CHUNK_BYTES * 4) / 3) + 4, { error: 'piece too large' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'not base64' }),
});
export const attachVideoInput = z.strictObject({ id, uploadId, name: requiredText(100), mime: z.enum(videoMimes) });

export const complaintGetInput = z.strictObject({ id });
/** A person resolves a duplicate: which case keeps the number; the other gets the next free one. */
export const resolveNumberInput = z.strictObject({
  number: z.string().regex(/^[A-Z]{2,4}\d{8,9}$/, { error: 'a complaint number such as BJ20261107' }),
  keepId: id,
  reason: requiredText(500),
});
export type ResolveNumberInput = z.input<typeof resolveNumberInput>;
export const complaintListInput = z.strictObject({
  /** `open`: not yet through every step; `month`: received in that clinic month. */
  scope: z.enum(['open', 'month', 'all']),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'a month written YYYY-MM' }).nullable(),
});
export const monthInput = z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'a month written YYYY-MM' }) });
export const evidenceInput = z.strictObject({ id, name: requiredText(100) });

const deadlineStatus = z.enum(['done', 'late', 'superseded', 'overdue', 'dueSoon', 'open']);
export const deadlineView = z.strictObject({
  key: z.string(),
  step: z.number(),
  rule: z.string(),
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  /** Whose limit: the group's default or one head office set for this clinic (the case view says which). */
  source: z.enum(['group', 'clinic']),
  /** When an escalation left the step behind (the deadline closed then, status `superseded`). */
  supersededAt: z.string().nullable(),
  status: deadlineStatus,
});
export type DeadlineView = z.infer<typeof deadlineView>;

export const numberProblemView = z.strictObject({
  kind: z.enum(['sameNumberTwoCases', 'twoNumbersOneCase']),
  number: z.string(),
  complaintIds: z.array(z.string()),
  numbers: z.array(z.string()),
});

export const complaintSummary = z.strictObject({
  id: z.string(),
  /** Null until the numbering desk has issued it (待编号). */
  number: z.string().nullable(),
  numberPending: z.boolean(),
  numberProblem: z.boolean(),
  receivedAt: z.string(),
  channel: z.enum(channels),
  patientName: z.string(),
  what: z.string(),
  current: z.number(),
  currentKey: z.enum([...stepKeys, 'done']),
  category: z.enum(categories).nullable(),
  escalationLevel: z.string(),
  closed: z.boolean(),
  nextDeadline: deadlineView.nullable(),
  /** Years a deadline of the case was counted in without a holiday calendar (Monday-Friday): shown wherever its deadlines are. */
  missingCalendarYears: z.array(z.number()),
  overdue: z.array(z.string()),
  dueSoon: z.array(z.string()),
  recordedBy: z.string(),
  recordedByName: z.string(),
  /** True when the operator may read only the intake (they recorded it; not a complaint reader). */
  limited: z.boolean(),
});
export type ComplaintSummary = z.infer<typeof complaintSummary>;

export const eventView = z.strictObject({
  id: z.string(),
  kind: z.enum(eventKinds),
  at: z.string(),
  by: z.string(),
  byName: z.string(),
  byRole: z.string(),
  data: z.record(z.string(), z.unknown()),
  attachments: z.array(z.strictObject({ name: z.string(), mime: z.string(), size: z.number() })),
  ignored: z.boolean(),
});
export type EventView = z.infer<typeof eventView>;

export const complaintView = complaintSummary.extend({
  /** When the complaint was typed in (receivedAt may be earlier: 意见箱, e-mail). */
  recordedAt: z.string(),
  /** The reply time told to the patient at intake, when one was promised. */
  promisedReplyAt: z.string().nullable(),
  /** Full for the roles that handle complaints (the one visibility rule masks it for the others). */
  patientPhone: z.string(),
  customerId: z.string().nullable(),
  /** The follow-up task whose call opened this complaint (channel 回访反馈), else null. */
  followupTaskId: z.string().nullable(),
  wants: z.string(),
  staffInvolved: z.string(),
  departmentName: z.string().nullable(),
  inHeadOfficeCity: z.boolean(),
  evidence: z.array(z.strictObject({ name: z.string(), mime: z.string(), size: z.number() })),
  events: z.array(eventView),
  deadlines: z.array(deadlineView),
  missingCalendarYears: z.array(z.number()),
  /** Every number the case has held, in time order; a withdrawn one (作废) says who, when, why and which case kept it. */
  numbers: z.array(
    z.strictObject({
      number: z.string(),
      deskId: z.string(),
      issuedAt: z.string(),
      /** The withdrawn number this one replaced, if any. */
      replaces: z.string().nullable(),
      withdrawn: z.strictObject({ at: z.string(), by: z.string(), byName: z.string(), reason: z.string(), keptBy: z.string(), replacedBy: z.string() }).nullable(),
    }),
  ),
  numberProblems: z.array(numberProblemView),
  amount: z.number(),
  refund: z.boolean(),
  handedToLegal: z.boolean(),
  /** Step 11 recorded (it may come before step 10 is done). */
  prevented: z.boolean(),
  /** Step 11's improvement actions, each tracked to done (who, when, what came of it); step 11 is done when all are. */
  preventionActions: z.array(
    z.strictObject({
      what: z.string(),
      owner: z.string(),
      dueDate: z.string().nullable(),
      doneAt: z.string().nullable(),
      doneBy: z.string().nullable(),
      doneByName: z.string().nullable(),
      result: z.string().nullable(),
      /** done (by its due day, or without one), late, overdue (open past its due day), open. */
      status: z.enum(['done', 'late', 'overdue', 'open']),
    }),
  ),
  /** Where step 10 stands: proposed, agreed by the dean, slip issued by 总经办, approved by 总经理. */
  penaltyStage: z.enum(['none', 'proposed', 'deanAgreed', 'slipIssued', 'approved']),
  escalationPath: z.array(z.string()),
  /** What the signed-in operator may record now (order and role both allow it). */
  allowed: z.array(z.enum(eventKinds)),
  approverRoles: z.array(staffRole),
  /** The approval band the amount in force falls in, its edges and whose they are (null before classification). */
  approvalBand: z
    .strictObject({ band: z.enum(['small', 'medium', 'large', 'medical']), mediumFrom: z.number(), largeAbove: z.number(), source: z.enum(['group', 'clinic']) })
    .nullable(),
});
export type ComplaintView = z.infer<typeof complaintView>;

const hours = z.number().int().min(1).max(24 * 30);
/** Head office's limits for one clinic: each one left out keeps the group's default (`groupLimits`). */
export const complaintLimitsShape = z.strictObject({
  notifyHours: hours.optional(),
  investigateWorkingDays: z.number().int().min(1).max(30).optional(),
  classifyHours: hours.optional(),
  approveHours: hours.optional(),
  paperworkHours: hours.optional(),
  closeDaysInCity: z.number().int().min(1).max(90).optional(),
  closeDaysOutside: z.number().int().min(1).max(90).optional(),
  fileHours: hours.optional(),
  penaltyHours: hours.optional(),
  preventionDays: z.number().int().min(1).max(90).optional(),
  approveMediumFromYuan: z.number().int().min(1).max(1_000_000).optional(),
  approveLargeAboveYuan: z.number().int().min(1).max(1_000_000).optional(),
});
/** headoffice.complaintLimitsSave: head office sets one clinic's limits, with the reason (seeds 000/004). */
export const setLimitsInput = z.strictObject({ clinic: z.string().regex(/^[A-Z]{2,4}$/, { error: '2-4 capital letters' }), limits: complaintLimitsShape, reason: requiredText(500) });
export const complaintLimitsView = z.strictObject({
  group: z.record(z.string(), z.number()),
  clinic: z.record(z.string(), z.number()),
  effective: z.record(z.string(), z.number()),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type ComplaintLimitsView = z.infer<typeof complaintLimitsView>;

/**
 * 总经办's review of one clinic month's closed cases and penalties (seed 001 (五) "总经办每月 10 日前应
 * 审视上月份客服部上报结案的患者投诉案件"), due at the end of the 10th of the month after, with its own status.
 */
export const monthReviewView = z.strictObject({
  clinic: z.string(),
  clinicName: z.string(),
  month: z.string(),
  dueAt: z.string(),
  closedCases: z.number(),
  penalised: z.number(),
  /** reviewed: recorded by 总经办 (late when after the 10th); open: due, not yet; overdue: the 10th has passed. */
  status: z.enum(['reviewed', 'reviewedLate', 'open', 'overdue']),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  note: z.string().nullable(),
});
export type MonthReviewView = z.infer<typeof monthReviewView>;
/** How many finished months the clinic's 受理台 lists the review of (the last one due by this month's 10th). */
export const REVIEW_MONTHS = 3;

export const complaintHome = z.strictObject({
  numberingDesk: z.strictObject({ deskId: z.string(), thisDesk: z.boolean() }).nullable(),
  inbox: z.array(complaintSummary),
  overdue: z.array(complaintSummary),
  dueSoon: z.array(complaintSummary),
  pendingNumbers: z.number(),
  numberProblems: z.array(numberProblemView),
  /** Every year an open case's deadlines were counted in without a calendar. */
  missingCalendarYears: z.array(z.number()),
  /** The GM office's monthly reviews of the last REVIEW_MONTHS finished months, newest first (readers only). */
  reviews: z.array(monthReviewView),
  canReadAll: z.boolean(),
});
export type ComplaintHome = z.infer<typeof complaintHome>;

export const escalationLevels = [...new Set([...escalationPaths.quality, ...escalationPaths.nonQuality])];

const countMap = z.record(z.string(), z.number());
export const monthlyStats = z.strictObject({
  clinic: z.string(),
  month: z.string(),
  total: z.number(),
  byCategory: countMap,
  byChannel: countMap,
  byDepartment: countMap,
  /** 服务类 cases by their type (seed 004: 服务态度, 环境卫生, 预约难, 收费 …). */
  byServiceType: countMap,
  byStep: countMap,
  /** Mean hours from receipt to each step's first record. */
  hoursToStep: z.record(z.string(), z.number().nullable()),
  overdue: z.number(),
  refunds: z.strictObject({ cases: z.number(), yuan: z.number() }),
  compensation: z.strictObject({ cases: z.number(), yuan: z.number() }),
  penaltyLevels: countMap,
  rows: z.array(
    z.strictObject({
      number: z.string().nullable(),
      receivedAt: z.string(),
      patientName: z.string(),
      channel: z.string(),
      category: z.string().nullable(),
      subcategory: z.string().nullable(),
      serviceType: z.string().nullable(),
      department: z.string().nullable(),
      /** 责任部门或责任人 and the cause, as classified (seed 004). */
      responsible: z.string(),
      cause: z.string(),
      step: z.string(),
      overdue: z.boolean(),
      refund: z.number(),
      compensation: z.number(),
      /** 投诉内容, the plan the patient agreed to (处理结果), her satisfaction at closing, and the penalty levels in force. */
      what: z.string(),
      outcome: z.string(),
      satisfaction: z.enum(satisfactions).nullable(),
      penaltyLevels: z.array(z.string()),
    }),
  ),
});
export type MonthlyStats = z.infer<typeof monthlyStats>;
