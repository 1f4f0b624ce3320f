import { z } from 'zod';
import { docMeta, text } from '../doc';
import { isCalendarDate } from '../time';
import { handOffStatuses, visitOutcomes, visitStatuses } from './rules';

export const visitStatus = z.enum(visitStatuses);
export const visitOutcome = z.enum(visitOutcomes);
const id = z.string().min(1, { error: 'required' }).max(80);
/**
 * `call`: 叫号, the visitor called to her department on the waiting-room display (issue 21);
 * `reopen`: a lead's correction of a 离院 (the visit back to the status it left from, the note the reason);
 * `withdraw`: events taken back (`withdraws`, their ids, of this visit), since events are never
 * edited: 撤销合并 withdraws a fold's copies from the kept visit and the fold's 作废 from the other.
 */
export const eventKinds = ['status', 'handOff', 'outcome', 'cancel', 'call', 'reopen', 'withdraw'] as const;
const dateInput = z.string().refine(isCalendarDate, { error: 'a date written YYYY-MM-DD' });

/**
 * One step of a visit (状态变更 / 交接 / 结果), never an edit of the visit: two desks moving
 * visitors never touch the same document. Id: `visit-event:<CODE>:<visit's date>:<tail>`, so one
 * day's events are one id range.
 */
export const visitEventDoc = z.strictObject({
  ...docMeta,
  type: z.literal('visit-event'),
  visitId: z.string(),
  /** `cancel`: 作废, the note is the reason; `call`: 叫号 to the department. */
  kind: z.enum(eventKinds),
  status: visitStatus.nullable(),
  toStaffId: z.string().nullable(),
  toName: z.string().nullable(),
  toRole: z.string().nullable(),
  outcome: visitOutcome.nullable(),
  note: z.string(),
  /** `withdraw` only: the ids of this visit's events it takes back. */
  withdraws: z.array(z.string().max(200)).max(1000).optional(),
});
export type VisitEventDoc = z.infer<typeof visitEventDoc>;

/** 交接班: written by the outgoing guide; `openVisits` is the waiting room as it was then. */
export const handoverDoc = z.strictObject({
  ...docMeta,
  type: z.literal('handover'),
  equipment: z.string(),
  unresolved: z.string(),
  staffChanges: z.string(),
  openVisits: z.array(z.strictObject({ visitId: z.string(), customerName: z.string(), status: visitStatus, departmentName: z.string() })),
});
export type HandoverDoc = z.infer<typeof handoverDoc>;

/** The incoming guide's 接班: a separate document, so the handover itself is never edited. */
export const handoverAckDoc = z.strictObject({
  ...docMeta,
  type: z.literal('handover-ack'),
  handoverId: z.string(),
  note: z.string(),
});
export type HandoverAckDoc = z.infer<typeof handoverAckDoc>;

export const boardInput = z.strictObject({ date: dateInput.optional() });

export const boardRow = z.strictObject({
  id: z.string(),
  /** 排队号: the visit's number of the clinic day, by arrival (cancelled visits keep theirs). */
  queueNumber: z.number(),
  /** The number as shown and called: 2, or 2B when two desks cut off from each other both gave 2 (shared/visits/rules.ts `queueLabels`). */
  queueLabel: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  customerPhone: z.string(),
  firstVisit: z.boolean(),
  /** The customer's member tier (A-D) as it is now, null for none: the card shows it (issue 21). */
  tier: z.enum(['A', 'B', 'C', 'D']).nullable(),
  hasAppointment: z.boolean(),
  intention: z.string(),
  departmentName: z.string(),
  consultantName: z.string().nullable(),
  arrivedAt: z.string(),
  status: visitStatus,
  /** When the visitor stopped waiting (handed on), null while waiting. */
  waitEndedAt: z.string().nullable(),
  leftAt: z.string().nullable(),
  outcome: visitOutcome.nullable(),
  handedTo: z.strictObject({ name: z.string(), at: z.string() }).nullable(),
  /** Who is looking after the visitor now: the guide while waiting; then the person handed to, else the consultant triaged to. */
  lookingAfter: z.string(),
  registeredByName: z.string(),
  /** Why this is the person's second visit today (再次到诊), null for the first. */
  repeatReason: z.string().nullable(),
  /** Set only on the answer of `visits.cancel`: lists leave cancelled visits out. */
  cancelled: z.strictObject({ at: z.string(), byName: z.string(), reason: z.string() }).nullable(),
  /** While left: the status she left from, where a lead's 撤销离院 puts her back (issue 21). */
  leftFrom: visitStatus.nullable(),
  /** The last 离院 a lead undid: when, who, why (issue 21). */
  reopened: z.strictObject({ at: z.string(), byName: z.string(), reason: z.string() }).nullable(),
});
export type BoardRow = z.infer<typeof boardRow>;

export const setStatusInput = z.strictObject({
  visitId: id,
  status: visitStatus,
  /** Required when the visitor leaves: the category drives follow-up. */
  outcome: visitOutcome.nullable().default(null),
  note: text(200).default(''),
});

export const handOffInput = z.strictObject({
  visitId: id,
  /** The doctor, 医助 or consultant the guide handed the visitor to. */
  toStaffId: id,
  status: z.enum(handOffStatuses),
  note: text(200).default(''),
});

/** 作废: a mistaken check-in is cancelled, with the reason; the visit then leaves every figure. */
export const cancelVisitInput = z.strictObject({ visitId: id, reason: text(200).pipe(z.string().min(1, { error: 'required' })) });

export const setOutcomeInput = z.strictObject({ visitId: id, outcome: visitOutcome });

/** A lead's correction of a 离院 (issue 21): the visit goes back to where it left from; the reason is required. */
export const reopenVisitInput = z.strictObject({ visitId: id, reason: text(200).pipe(z.string().min(1, { error: 'required' })) });

export const visitEventsInput = z.strictObject({ visitId: id });
export const visitEventView = z.strictObject({
  id: z.string(),
  at: z.string(),
  by: z.string(),
  byName: z.string(),
  kind: z.enum(eventKinds),
  status: visitStatus.nullable(),
  toName: z.string().nullable(),
  outcome: visitOutcome.nullable(),
  note: z.string(),
  /** Taken back by a `withdraw` (撤销合并): who, when and why; the event stays in the history, marked. */
  withdrawn: z.strictObject({ at: z.string(), by: z.string(), byName: z.string(), reason: z.string() }).nullable(),
});

export const handoverWriteInput = z.strictObject({
  equipment: text(500), // 设备状况
  unresolved: text(1000), // 未解决事项
  staffChanges: text(500), // 人员变动
});

export const handoverAckInput = z.strictObject({ handoverId: id, note: text(300).default('') });
export const handoverListInput = z.strictObject({ date: dateInput.optional() });

export const handoverView = z.strictObject({
  id: z.string(),
  at: z.string(),
  by: z.string(),
  byName: z.string(),
  equipment: z.string(),
  unresolved: z.string(),
  staffChanges: z.string(),
  openVisits: handoverDoc.shape.openVisits,
  ack: z.strictObject({ at: z.string(), by: z.string(), byName: z.string(), note: z.string() }).nullable(),
});
export type HandoverView = z.infer<typeof handoverView>;

export const dayViewInput = z.strictObject({ date: dateInput.optional() });
const count = z.record(z.string(), z.number());
export const dayView = z.strictObject({
  date: z.string(),
  arrivals: z.number(),
  firstVisits: z.number(),
  returning: z.number(),
  bySource: count,
  byDepartment: count,
  byStatus: count,
  byOutcome: count,
  /** Visits checked in as booked (预约到诊). No-shows need part A's appointments: see docs/desk-visits.md. */
  withAppointment: z.number(),
  /** The day's appointments (not cancelled), those kept (a visit carries the appointment) and no-shows recorded. */
  appointments: z.strictObject({ booked: z.number(), kept: z.number(), noShows: z.number() }),
  /** Average minutes from arrival to the first hand-off, of those handed on; null if none yet. */
  averageWaitMinutes: z.number().nullable(),
  stillWaiting: z.number(),
});
export type DayView = z.infer<typeof dayView>;

/** What the waiting-room screen may show: the queue number, a masked name and the department, nothing else. */
export const displayRow = z.strictObject({ number: z.string(), name: z.string(), department: z.string() });
export type DisplayRow = z.infer<typeof displayRow>;
/** 叫号 on the display: 请 X 号 王*玲 到 整形外科. `id` is the call event's, so a screen speaks each call once. */
export const displayCall = z.strictObject({ id: z.string(), number: z.string(), name: z.string(), department: z.string(), at: z.string() });
export type DisplayCall = z.infer<typeof displayCall>;

export const callInput = z.strictObject({ visitId: id });

/** `display-settings:<CODE>`: whether the waiting-room screen speaks its calls aloud (zh-CN speech synthesis). */
export const displaySettingsDoc = z.strictObject({ ...docMeta, type: z.literal('display-settings'), speakCalls: z.boolean() });
export type DisplaySettingsDoc = z.infer<typeof displaySettingsDoc>;
export const displaySettingsView = z.strictObject({ speakCalls: z.boolean() });
export const displaySettingsInput = z.strictObject({ speakCalls: z.boolean() });
