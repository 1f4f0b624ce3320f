import { z } from 'zod';
import { docMeta } from '../doc';
import { leaveKinds } from './rules';

/**
 * The stored shape of each staff document (README "Documents"), the schema its declaration
 * carries (shared/staff/docs.ts, and the desk's on/off list in shared/appointments/docs.ts): head
 * office's rules (src-main/staff/storage.ts) are checked against these by
 * tests/unit/doc-registry.test.ts; the document types of src-main/staff are their z.infer.
 */
const clock = z.strictObject({ from: z.string(), to: z.string() });
const hours = z.strictObject({ from: z.string(), to: z.string(), breaks: z.array(clock) });
const shiftType = z.strictObject({ code: z.string(), name: z.string(), summer: hours, winter: hours.nullable() });

export const dutyDoc = z.strictObject({ ...docMeta, type: z.literal('duty'), date: z.string(), staffId: z.string(), onDuty: z.boolean() });

export const staffSettingsDoc = z.strictObject({
  ...docMeta,
  type: z.literal('staff-settings'),
  shiftTypes: z.array(shiftType),
  /** Absent on documents written before it (read as 1). */
  shiftTypesVersion: z.number().optional(),
  shiftTypesBy: z.enum(['clinic', 'headoffice']).optional(),
  shiftTypesAt: z.string().optional(),
  summerFrom: z.string(),
  winterFrom: z.string(),
  lateFineYuan: z.number(),
  lateRepeatFineYuan: z.number(),
  graceMinutes: z.number(),
  personalLeaveNoticeHours: z.number(),
  /** The rota's weekly hours warning (null: none); absent on documents written before it. */
  weeklyHoursLimit: z.number().nullable().optional(),
});

export const rotaDoc = z.strictObject({ ...docMeta, type: z.literal('rota'), date: z.string(), staffId: z.string(), code: z.string() });
export const rotaWeekDoc = z.strictObject({ ...docMeta, type: z.literal('rota-week'), weekStart: z.string() });
export const rotaChangeDoc = z.strictObject({ ...docMeta, type: z.literal('rota-change'), date: z.string(), staffId: z.string(), fromCode: z.string(), toCode: z.string(), reason: z.string() });

export const leaveDoc = z.strictObject({
  ...docMeta,
  type: z.literal('leave'),
  staffId: z.string(),
  kind: z.enum(leaveKinds),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  emergency: z.boolean(),
  status: z.enum(['requested', 'approved', 'refused']),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string(),
});

export const attendanceDoc = z.strictObject({ ...docMeta, type: z.literal('attendance'), staffId: z.string(), kind: z.enum(['in', 'out']), at: z.string(), deskId: z.string() });

export const staffFineDoc = z.strictObject({
  ...docMeta,
  type: z.literal('staff-fine'),
  date: z.string(),
  staffId: z.string(),
  kind: z.enum(['late', 'early', 'absent', 'away']),
  minutes: z.number(),
  status: z.enum(['confirmed', 'waived']),
  amountYuan: z.number().nullable(),
  note: z.string(),
});

export const awayDoc = z.strictObject({
  ...docMeta,
  type: z.literal('staff-away'),
  staffId: z.string(),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  /** The lead who agreed and when (null: not agreed); absent on records written before it. */
  agreedBy: z.string().nullable().optional(),
  agreedAt: z.string().nullable().optional(),
});

/** The edit history kept inside a corrected record (one document: the record and its history change together). */
export const recordEdits = z.array(
  z.strictObject({
    by: z.string(),
    at: z.string(),
    changes: z.array(z.strictObject({ field: z.string(), from: z.json(), to: z.json() })),
    /** An edit made at another desk offline whose revision was not the one kept when the sync conflict was resolved (its whole record is in the conflict archive). */
    notKept: z.literal(true).exactOptional(),
  }),
);

/**
 * The history arrays of the records a lead corrects: when a sync conflict on one is resolved, the
 * entries of every revision are kept in the kept one (src-main/sync/conflicts.ts); `edits` of a
 * revision not kept are marked `notKept`, re-checks (things that happened) are kept as they are.
 */
export const historyFields: Record<string, { edits?: true; rechecks?: true }> = {
  'staff-meeting': { edits: true },
  training: { edits: true },
  'cleaning-check': { edits: true, rechecks: true },
};

export const meetingDoc = z.strictObject({
  ...docMeta,
  type: z.literal('staff-meeting'),
  kind: z.enum(['weekly', 'quality']),
  date: z.string(),
  attendees: z.array(z.string()),
  issues: z.array(z.string()),
  actions: z.array(z.strictObject({ what: z.string(), ownerId: z.string(), due: z.string() })),
  followUps: z.array(z.strictObject({ actionId: z.string(), done: z.boolean(), note: z.string() })),
  /** A lead's corrections, oldest first, each field's old and new value (absent: never edited). */
  edits: recordEdits.exactOptional(),
});

export const trainingDoc = z.strictObject({
  ...docMeta,
  type: z.literal('training'),
  date: z.string(),
  topic: z.string(),
  trainer: z.string(),
  passMark: z.number().nullable(),
  attendees: z.array(z.strictObject({ staffId: z.string(), score: z.number().nullable() })),
  /** A lead's corrections, oldest first (absent: never edited). */
  edits: recordEdits.exactOptional(),
});

export const cleaningPlanDoc = z.strictObject({
  ...docMeta,
  type: z.literal('cleaning-plan'),
  areas: z.array(z.strictObject({ id: z.string(), name: z.string(), byWeekday: z.array(z.string().nullable()) })),
});

export const cleaningCheckDoc = z.strictObject({
  ...docMeta,
  type: z.literal('cleaning-check'),
  date: z.string(),
  kind: z.enum(['opening', 'saturday']),
  items: z.array(z.strictObject({ areaId: z.string(), done: z.boolean(), note: z.string() })),
  /** A lead's corrections of the items, oldest first (absent: never edited). */
  edits: recordEdits.exactOptional(),
  /** A failed area checked again later the same day, oldest first: who, when, passed or not (absent: none). */
  rechecks: z.array(z.strictObject({ areaId: z.string(), done: z.boolean(), note: z.string(), by: z.string(), at: z.string() })).exactOptional(),
});
