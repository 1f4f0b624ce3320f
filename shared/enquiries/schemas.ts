import { z } from 'zod';
import { docMeta, requiredText, text } from '../doc';
import { newCustomerInput } from '../desk/schemas';
import { appointmentView, calendarDate, clockTime } from '../appointments/schemas';

/** 咨询渠道 (seed 002 第四部分): the phone, 商务通, QQ, WeChat, the website's booking, the message board, e-mail. */
export const channels = ['phone', 'swt', 'qq', 'wechat', 'website', 'messageBoard', 'email'] as const;
export const channel = z.enum(channels);
export type Channel = z.infer<typeof channel>;

/** 已解答, 已预约, 待回电 (with the time to call), 转医生解答 (with the doctor). */
export const outcomeKinds = ['answered', 'booked', 'callBack', 'referred'] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];

const id = z.string().min(1, { error: 'required' }).max(80);

/** An outcome as a person gives it; `booked` comes only from `enquiry.book`. */
export const outcomeInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('answered') }),
  z.strictObject({ kind: z.literal('callBack'), at: z.iso.datetime({ error: 'an instant, ISO 8601' }) }),
  z.strictObject({ kind: z.literal('referred'), doctorId: id }),
]);
export type OutcomeInput = z.infer<typeof outcomeInput>;

export const outcome = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('answered') }),
  z.strictObject({ kind: z.literal('booked') }),
  z.strictObject({ kind: z.literal('callBack'), at: z.string() }),
  z.strictObject({ kind: z.literal('referred'), doctorId: z.string(), doctorName: z.string() }),
]);
export type Outcome = z.infer<typeof outcome>;

/** Who asked: a customer on file, a new one registered on the door's form, or someone who left no number yet. */
export const enquirer = z.union([
  z.strictObject({ id }),
  z.strictObject({ new: newCustomerInput }),
  z.strictObject({ anonymous: z.strictObject({ name: requiredText(30), contact: text(60) }) }),
]);

const enquiryFields = {
  channel,
  question: requiredText(1000),
  /** 咨询项目: what they asked about (the service catalogue's names, or free text). */
  items: z.array(requiredText(60)).max(10, { error: 'at most 10 items' }),
  answer: text(2000),
  /** The call's recording in the phone system (a file name or id; the recording stays there). */
  recordingRef: text(120),
};

export const recordInput = z.strictObject({
  ...enquiryFields,
  customer: enquirer,
  outcome: outcomeInput,
});
export type RecordInput = z.input<typeof recordInput>;

export const answerInput = z.strictObject({ id, answer: requiredText(2000), outcome: outcomeInput });

export const bookFromEnquiryInput = z.strictObject({
  id,
  date: calendarDate,
  time: clockTime,
  serviceItem: requiredText(100),
  departmentId: z.string().min(1, { error: 'required' }).max(32),
  consultantId: id.nullable(),
  note: text(300),
});

export const rangeInput = z.strictObject({
  from: calendarDate.optional(),
  to: calendarDate.optional(),
});

export const grain = z.enum(['day', 'week', 'month']);
export const funnelInput = z.strictObject({ from: calendarDate, to: calendarDate, grain });

/** One change of the answer or the outcome (the first is the registration). */
export const enquiryStep = z.strictObject({ at: z.string(), by: z.string(), answer: z.string(), outcome });

export const enquiryDoc = z.strictObject({
  ...docMeta,
  type: z.literal('enquiry'),
  ...enquiryFields,
  /** When it was asked; the clinic day of this instant is in the id. */
  at: z.string(),
  /** The consultant who took it (咨询员): the person who registered it. */
  consultantId: z.string(),
  customerId: z.string().nullable(),
  name: z.string(),
  phone: z.string(),
  /** For an enquirer not on file: how to reach them (a QQ number, a WeChat id). */
  contact: z.string(),
  outcome,
  /** When it was first answered (an answer given with 已解答 or 已预约); null while open. */
  answeredAt: z.string().nullable(),
  /** The appointment booked from it (预约): arrival at the door is that appointment's visit. */
  appointmentId: z.string().nullable(),
  steps: z.array(enquiryStep),
});
export type EnquiryDoc = z.infer<typeof enquiryDoc>;

/** 抽查 (seed 002): the leader finds an entry right, wrong (有误) or incomplete (不完整). */
export const checkVerdicts = ['ok', 'wrong', 'incomplete'] as const;
export const checkVerdict = z.enum(checkVerdicts);
export type CheckVerdict = z.infer<typeof checkVerdict>;

export const spotCheckInput = z.strictObject({ id, verdict: checkVerdict, note: text(300) });

/** The leader's spot check of one enquiry; checked again, the earlier verdicts stay in `history`. */
export const enquiryCheckDoc = z.strictObject({
  ...docMeta,
  type: z.literal('enquiry-check'),
  enquiryId: z.string(),
  /** The consultant whose entry it is (the error rate is per consultant). */
  consultantId: z.string(),
  verdict: checkVerdict,
  note: z.string(),
  checkedBy: z.string(),
  checkedAt: z.string(),
  history: z.array(z.strictObject({ verdict: checkVerdict, note: z.string(), by: z.string(), at: z.string() })),
});
export type EnquiryCheckDoc = z.infer<typeof enquiryCheckDoc>;

export const checkView = z.strictObject({ verdict: checkVerdict, note: z.string(), byName: z.string(), at: z.string() });

export const dueState = z.enum(['answered', 'open', 'due', 'overdue']);

export const enquiryView = z.strictObject({
  id: z.string(),
  at: z.string(),
  channel,
  consultantId: z.string(),
  consultantName: z.string(),
  customerId: z.string().nullable(),
  name: z.string(),
  phone: z.string(),
  contact: z.string(),
  question: z.string(),
  items: z.array(z.string()),
  answer: z.string(),
  outcome,
  recordingRef: z.string(),
  answeredAt: z.string().nullable(),
  /** The 24 h answer target (or the agreed call-back time). */
  dueAt: z.string(),
  dueState,
  appointmentId: z.string().nullable(),
  appointment: appointmentView.nullable(),
  /** The visit that kept the appointment (预约到诊), or null. */
  visitId: z.string().nullable(),
  /** The leader's spot check (抽查), or null when not checked. */
  check: checkView.nullable(),
});
export type EnquiryView = z.infer<typeof enquiryView>;

export const funnelRow = z.strictObject({
  period: z.string(),
  consultantId: z.string(),
  consultantName: z.string(),
  channel,
  enquiries: z.number(),
  answered: z.number(),
  appointments: z.number(),
  arrivals: z.number(),
  /** 成功率: arrivals / enquiries; appointments / enquiries (null with no enquiries). */
  arrivalRate: z.number().nullable(),
  bookingRate: z.number().nullable(),
  /** Average minutes from the enquiry to its first answer, over those answered. */
  answerMinutes: z.number().nullable(),
  /** 抽查: entries checked, found wrong or incomplete, and the error / omission rate (faulty / checked). */
  checked: z.number(),
  faulty: z.number(),
  errorRate: z.number().nullable(),
});
export type FunnelRow = z.infer<typeof funnelRow>;
export const funnel = z.strictObject({ rows: z.array(funnelRow), total: funnelRow.omit({ period: true, consultantId: true, consultantName: true, channel: true }) });

/** 每日工作总结: a consultant reports her day's sheet (her own words; the figures are the register's). */
export const sheetReportInput = z.strictObject({ date: calendarDate, summary: requiredText(1000) });
export const sheetsInput = z.strictObject({ date: calendarDate });

export const enquirySheetDoc = z.strictObject({
  ...docMeta,
  type: z.literal('enquiry-sheet'),
  consultantId: z.string(),
  date: z.string(),
  summary: z.string(),
  /** The first report (on time when on the sheet's own clinic day); a later one changes the summary only. */
  reportedAt: z.string(),
});
export type EnquirySheetDoc = z.infer<typeof enquirySheetDoc>;

export const sheetRow = z.strictObject({
  consultantId: z.string(),
  consultantName: z.string(),
  reported: z.boolean(),
  reportedAt: z.string().nullable(),
  onTime: z.boolean(),
  summary: z.string(),
  enquiries: z.number(),
  answered: z.number(),
  appointments: z.number(),
  /** Entries missing something (rules.ts entryMissing): the sheet is 不合格 with any. */
  incomplete: z.number(),
  /** Entries the leader's spot check found 有误. */
  wrong: z.number(),
  /** Seed 002 「关于登记表」: +1 complete, +1 on time, −2 incomplete, −2 wrong, −2 late. */
  score: z.number(),
});
export const sheetsView = z.strictObject({ date: z.string(), rows: z.array(sheetRow), total: sheetRow.pick({ enquiries: true, answered: true, appointments: true, incomplete: true, wrong: true, score: true }) });

/**
 * A re-call of an enquirer who did not book (询诊回访, seed 003 询诊患者定期回访): what the call asks
 * (issue 14) — did she book (`here`: booked from this call, B; `elsewhere`: went to another
 * clinic; `no`), why not, and the next step (call again at a time, send her the information, or
 * nothing more).
 */
export const recallBooked = ['here', 'elsewhere', 'no'] as const;
export const recallReasons = ['price', 'distance', 'worry', 'time', 'comparing', 'other'] as const;
export const recallSteps = ['callAgain', 'sendInfo', 'none'] as const;

export const recallInput = z.strictObject({
  taskId: id,
  booked: z.enum(recallBooked, { error: 'choose one' }),
  /** Why not (with `booked: no`, else null); `other` needs `reasonNote`. */
  reason: z.enum(recallReasons, { error: 'choose one' }).nullable(),
  reasonNote: text(300),
  nextStep: z.enum(recallSteps, { error: 'choose one' }),
  /** With `callAgain`: when (ISO, within 31 days); else null. */
  nextAt: z.iso.datetime({ error: 'an instant, ISO 8601' }).nullable(),
  note: text(500),
});
export type RecallInput = z.input<typeof recallInput>;

export const enquiryRecallDoc = z.strictObject({
  ...docMeta,
  type: z.literal('enquiry-recall'),
  enquiryId: z.string(),
  taskId: z.string(),
  booked: z.enum(recallBooked),
  reason: z.enum(recallReasons).nullable(),
  reasonNote: z.string(),
  nextStep: z.enum(recallSteps),
  nextAt: z.string().nullable(),
  note: z.string(),
  at: z.string(),
  byName: z.string(),
});
export type EnquiryRecallDoc = z.infer<typeof enquiryRecallDoc>;

/** What `enquiry.recall` answers: the re-call as kept, and the task's state after it (`reached`, or `open` when calling again). */
export const recallView = z.strictObject({
  id: z.string(),
  enquiryId: z.string(),
  taskId: z.string(),
  booked: z.enum(recallBooked),
  reason: z.enum(recallReasons).nullable(),
  reasonNote: z.string(),
  nextStep: z.enum(recallSteps),
  nextAt: z.string().nullable(),
  note: z.string(),
  at: z.string(),
  byName: z.string(),
  taskState: z.enum(['open', 'reached', 'refused', 'wrongNumber', 'unreachable']),
});
export type RecallView = z.infer<typeof recallView>;
