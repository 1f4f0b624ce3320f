import { z } from 'zod';
import { requiredText, text } from '../doc';
import { calendarDate, clockTime } from '../appointments/schemas';
import { staffRole } from '../reference/schemas';
import { fineKinds, leaveKinds, SHIFT_CODE, specialCodes } from './rules';

const id = z.string().min(1, { error: 'required' }).max(120);
const instant = z.iso.datetime({ offset: true, error: 'a date and time (ISO 8601)' });
const monday = calendarDate.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, { error: 'a Monday (weeks start on Monday)' });

export const shiftCode = z.string().regex(SHIFT_CODE, { error: 'one capital letter, then up to 2 letters or digits (e.g. A, B2)' });
/** What a rota cell holds: a shift type's code, or REST (休), OFF, DAY. */
export const cellCode = z.union([shiftCode, z.enum(specialCodes)]);

const shiftBreak = z.strictObject({ from: clockTime, to: clockTime });
const shiftHours = z.strictObject({ from: clockTime, to: clockTime, breaks: z.array(shiftBreak).max(4) });
export const shiftType = z.strictObject({ code: shiftCode, name: text(20).pipe(z.string().min(1, { error: 'required' })), summer: shiftHours, winter: shiftHours.nullable() });
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'MM-DD' });

/** The clinic's staff settings (排班设置): shift types, seasons, fines, leave notice. */
export const staffSettingsInput = z.strictObject({
  shiftTypes: z.array(shiftType).min(1, { error: 'at least one shift type' }).max(20),
  summerFrom: monthDay,
  winterFrom: monthDay,
  lateFineYuan: z.number().int().min(0).max(1000),
  lateRepeatFineYuan: z.number().int().min(0).max(1000),
  graceMinutes: z.number().int().min(0).max(60),
  personalLeaveNoticeHours: z.number().int().min(0).max(168),
  /** The rota warns of a week over this many working hours (the seeds name no limit); null: no warning; absent: kept as it is. */
  weeklyHoursLimit: z.number().int().min(1).max(168).nullable().optional(),
});
export const staffSettingsView = staffSettingsInput.extend({
  weeklyHoursLimit: z.number().nullable(),
  fromHeadOffice: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** The version of the shift types (0: the code's defaults); each save or head-office roll-out of other shift types adds one. */
  shiftTypesVersion: z.number(),
  /** The current shift types are the ones head office rolled out (not edited at the clinic since). */
  shiftTypesByHeadOffice: z.boolean(),
});

export const weekInput = z.strictObject({ weekStart: monday });
export const cellInput = z.strictObject({ date: calendarDate, staffId: id, code: cellCode, reason: text(200).optional() });
export const copyWeekInput = z.strictObject({ from: monday, to: monday });

const rotaChange = z.strictObject({ date: z.string(), staffId: z.string(), name: z.string(), fromCode: z.string(), toCode: z.string(), reason: z.string(), by: z.string(), at: z.string() });
export const weekView = z.strictObject({
  weekStart: z.string(),
  dates: z.array(z.string()),
  published: z.strictObject({ at: z.string(), by: z.string() }).nullable(),
  staff: z.array(
    z.strictObject({
      staffId: z.string(),
      name: z.string(),
      role: staffRole,
      cells: z.array(z.strictObject({ date: z.string(), code: z.string(), leave: z.enum(leaveKinds).nullable() })),
      /** The week's working minutes (shifts less their breaks; DAY and REST count none). */
      minutes: z.number(),
    }),
  ),
  problems: z.array(z.strictObject({ staffId: z.string(), date: z.string().nullable(), problem: z.string() })),
  /** Warnings that do not stop publishing: a week over the clinic's hours limit, a month short of rest days (假期當月輪休完畢). */
  warnings: z.array(
    z.discriminatedUnion('warning', [
      z.strictObject({ warning: z.literal('weeklyHours'), staffId: z.string(), minutes: z.number(), limitHours: z.number() }),
      z.strictObject({ warning: z.literal('monthRest'), staffId: z.string(), month: z.string(), rest: z.number(), owed: z.number(), onRota: z.number() }),
    ]),
  ),
  changes: z.array(rotaChange),
});

export const leaveKind = z.enum(leaveKinds);
export const leaveRequestInput = z.strictObject({ staffId: id, kind: leaveKind, from: instant, to: instant, reason: text(200), emergency: z.boolean() });
export const leaveDecideInput = z.strictObject({ leaveId: id, approve: z.boolean(), note: text(200) });
export const leaveListInput = z.strictObject({ from: calendarDate, to: calendarDate });
export const leaveView = z.strictObject({
  id: z.string(),
  staffId: z.string(),
  name: z.string(),
  kind: leaveKind,
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  emergency: z.boolean(),
  status: z.enum(['requested', 'approved', 'refused']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string(),
});

/** 签到 / 签退 with the person's own PIN. */
export const signInput = z.strictObject({ staffId: id, pin: z.string().min(1, { error: 'required' }).max(8), kind: z.enum(['in', 'out']) });
export const dayInput = z.strictObject({ date: calendarDate.optional() });
export const fineKind = z.enum(fineKinds);
const fineView = z.strictObject({
  kind: fineKind,
  minutes: z.number(),
  /** The how-manieth of its kind this calendar month (按月計算): a lateness's; 1 for the others. */
  occurrence: z.number(),
  /** The days of the earlier latenesses this month, oldest first (for the slip); [] for the others. */
  earlier: z.array(z.string()),
  proposedYuan: z.number().nullable(),
  status: z.enum(['proposed', 'confirmed', 'waived']),
  amountYuan: z.number().nullable(),
  decidedBy: z.string().nullable(),
  note: z.string(),
});
export const attendanceRow = z.strictObject({
  staffId: z.string(),
  name: z.string(),
  role: staffRole,
  code: z.string(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  state: z.enum(['off', 'onLeave', 'absent', 'present', 'notYet']),
  lateMinutes: z.number(),
  earlyMinutes: z.number(),
  signs: z.array(z.strictObject({ kind: z.enum(['in', 'out']), at: z.string(), deskId: z.string() })),
  /** 离岗 of the day (more than 10 minutes), agreed or counted as half a day's absence. */
  away: z.array(z.strictObject({ id: z.string(), from: z.string(), to: z.string(), minutes: z.number(), reason: z.string(), agreedBy: z.string().nullable(), halfDayAbsence: z.boolean() })),
  fines: z.array(fineView),
});
export const attendanceDay = z.strictObject({ date: z.string(), rows: z.array(attendanceRow) });
export const signView = z.strictObject({ id: z.string(), staffId: z.string(), name: z.string(), kind: z.enum(['in', 'out']), at: z.string(), deskId: z.string(), lateMinutes: z.number() });
export const fineDecideInput = z.strictObject({ date: calendarDate, staffId: id, kind: fineKind, confirm: z.boolean(), amountYuan: z.number().int().min(0).max(100_000).nullable(), note: text(200) });

export type WeekView = z.infer<typeof weekView>;
export type LeaveView = z.infer<typeof leaveView>;
export type AttendanceDay = z.infer<typeof attendanceDay>;
export type StaffSettingsView = z.infer<typeof staffSettingsView>;

/** 员工档案: what the app knows about one person over a span of clinic days (default: the last 365 days). */
export const staffFileInput = z.strictObject({ staffId: id, from: calendarDate.optional(), to: calendarDate.optional() });
export const staffFileView = z.strictObject({
  staffId: z.string(),
  name: z.string(),
  role: staffRole,
  from: z.string(),
  to: z.string(),
  inspections: z.array(z.strictObject({ inspectionId: z.string(), date: z.string(), kind: z.string(), signed: z.boolean(), passed: z.number(), failed: z.array(z.string()) })),
  penalties: z.array(
    z.strictObject({ source: z.enum(['inspection', 'complaint']), date: z.string(), ref: z.string(), what: z.string(), measure: z.string(), amountYuan: z.number().nullable() }),
  ),
  complaints: z.array(z.strictObject({ complaintId: z.string(), receivedAt: z.string(), what: z.string(), staffInvolved: z.string(), penalised: z.boolean() })),
  stars: z.array(z.strictObject({ month: z.string(), reason: z.string() })),
  attendance: z.strictObject({
    rostered: z.number(),
    late: z.number(),
    lateMinutes: z.number(),
    early: z.number(),
    absent: z.number(),
    fines: z.array(z.strictObject({ date: z.string(), kind: fineKind, minutes: z.number(), status: z.enum(['confirmed', 'waived']), amountYuan: z.number().nullable() })),
    finedYuan: z.number(),
  }),
  leave: z.array(z.strictObject({ kind: leaveKind, from: z.string(), to: z.string(), status: z.enum(['requested', 'approved', 'refused']) })),
  /** 培训与考核 she attended, with her score. */
  training: z.array(z.strictObject({ date: z.string(), topic: z.string(), score: z.number().nullable(), passed: z.boolean().nullable() })),
  /** Meetings she attended or owns an action of, with her actions. */
  meetings: z.array(z.strictObject({ date: z.string(), kind: z.enum(['weekly', 'quality']), attended: z.boolean(), actions: z.array(z.strictObject({ what: z.string(), due: z.string() })) })),
  /** 离岗 logged for her. */
  away: z.array(z.strictObject({ from: z.string(), to: z.string(), minutes: z.number(), reason: z.string() })),
});
export type StaffFileView = z.infer<typeof staffFileView>;

// ---- The second round (issue 15): head office's shift types, the away-from-post log, meetings, training.

const required = requiredText;

/** Head office rolls shift types out to clinics (op('headoffice')): each target's settings get them as a new version. */
export const shiftRolloutInput = z.strictObject({
  shiftTypes: staffSettingsInput.shape.shiftTypes,
  targets: z
    .array(z.string().regex(/^[A-Z]{2,4}$/, { error: '2-4 capital letters, e.g. BJ' }))
    .min(1, { error: 'choose at least one clinic' })
    .max(60)
    .superRefine((codes, ctx) => {
      codes.forEach((code, i) => {
        if (code === 'HO') ctx.addIssue({ code: 'custom', path: [i], message: 'head office has no rota of its own; choose a clinic' });
        else if (codes.indexOf(code) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `${code} is listed twice` });
      });
    }),
});
export const shiftRolloutView = z.strictObject({
  /** Per clinic: the version written, or why not (`code`, `rule` and `params` for the screen's words; `message` English, for logs). */
  results: z.array(
    z.strictObject({
      clinic: z.string(),
      ok: z.boolean(),
      version: z.number().nullable(),
      field: z.string().nullable(),
      message: z.string().nullable(),
      code: z.string().nullable().default(null),
      rule: z.string().nullable().default(null),
      params: z.record(z.string(), z.union([z.string(), z.number()])).nullable().default(null),
    }),
  ),
});

/** Head office reads a clinic's current shift types from the consolidated copy (to roll out from). */
export const clinicShiftTypesInput = z.strictObject({ clinic: z.string().regex(/^[A-Z]{2,4}$/, { error: '2-4 capital letters, e.g. BJ' }) });

export type ShiftRolloutView = z.infer<typeof shiftRolloutView>;

/** A span of clinic days (at most a year). */
export const spanInput = z.strictObject({ from: calendarDate, to: calendarDate });
export const rotaChangeView = rotaChange;

/** 离岗: a time away from the post of more than 10 minutes (seed 003: 不得私自脫崗、10分鐘 …). */
export const awayInput = z.strictObject({
  staffId: id,
  from: instant,
  to: instant,
  reason: required(200),
  /** The department head's agreement (同意前方可離崗): a lead, not the person, named with when she agreed (before leaving). Both or neither. */
  agreedBy: id.nullable().optional(),
  agreedAt: instant.nullable().optional(),
});
export const awayView = z.strictObject({
  id: z.string(),
  staffId: z.string(),
  name: z.string(),
  from: z.string(),
  to: z.string(),
  minutes: z.number(),
  reason: z.string(),
  loggedBy: z.string(),
  at: z.string(),
  /** The lead who agreed (her name) and when; null: not agreed. */
  agreedBy: z.string().nullable(),
  agreedAt: z.string().nullable(),
  /** More than 10 minutes without agreement: 按曠工半日處理 (the day's `away` fine is proposed). */
  halfDayAbsence: z.boolean(),
  /** The day's `away` fine: proposed, or the lead's decision; null when nothing counts as absence that day. */
  fine: z.strictObject({ status: z.enum(['proposed', 'confirmed', 'waived']), amountYuan: z.number().nullable(), decidedBy: z.string().nullable() }).nullable(),
});
export type AwayView = z.infer<typeof awayView>;

/** 每周例会 and 服务质量分析会. */
export const meetingKind = z.enum(['weekly', 'quality']);
export const meetingInput = z.strictObject({
  kind: meetingKind,
  date: calendarDate,
  attendees: z.array(id).min(1, { error: 'at least one attendee' }).max(80),
  issues: z.array(required(300)).max(30),
  actions: z.array(z.strictObject({ what: required(300), ownerId: id, due: calendarDate })).max(30),
  followUps: z.array(z.strictObject({ actionId: id, done: z.boolean(), note: text(300) })).max(60),
});
export const meetingListInput = z.strictObject({ kind: meetingKind });
/** A lead's correction of saved minutes: the version read (`rev`), the minutes as they should read; kind and date stay. */
export const meetingEditInput = z.strictObject({
  id,
  rev: z.string().min(1).max(80),
  attendees: meetingInput.shape.attendees,
  issues: meetingInput.shape.issues,
  actions: meetingInput.shape.actions,
  followUps: meetingInput.shape.followUps,
});
/** A record's edit history, oldest first: who changed which field when, the old value kept (display text). */
export const recordEditsView = z.array(
  z.strictObject({
    by: z.string(),
    at: z.string(),
    changes: z.array(z.strictObject({ field: z.string(), from: z.string(), to: z.string() })),
    /** Made at another desk offline, its revision not kept when the conflict was resolved (present only then). */
    notKept: z.literal(true).exactOptional(),
  }),
);
export type RecordEditsView = z.infer<typeof recordEditsView>;
const actionView = z.strictObject({ id: z.string(), what: z.string(), ownerId: z.string(), ownerName: z.string(), due: z.string() });
export const meetingView = z.strictObject({
  id: z.string(),
  kind: meetingKind,
  date: z.string(),
  attendees: z.array(z.strictObject({ staffId: z.string(), name: z.string() })),
  issues: z.array(z.string()),
  actions: z.array(actionView),
  followUps: z.array(z.strictObject({ actionId: z.string(), what: z.string(), done: z.boolean(), note: z.string() })),
  by: z.string(),
  at: z.string(),
  /** The version an edit names (a stale one is refused). */
  rev: z.string(),
  edits: recordEditsView,
});
export const meetingsView = z.strictObject({
  meetings: z.array(meetingView),
  /** Actions of earlier meetings not yet followed up as done: the next meeting goes through them. */
  open: z.array(actionView.extend({ meetingDate: z.string(), notes: z.array(z.string()) })),
});
export type MeetingsView = z.infer<typeof meetingsView>;

/** 培训与考核: a session, its trainer, who came and their test scores. */
export const trainingInput = z.strictObject({
  date: calendarDate,
  topic: required(100),
  trainer: required(40),
  passMark: z.number().int().min(0).max(100).nullable(),
  attendees: z.array(z.strictObject({ staffId: id, score: z.number().min(0).max(100).nullable() })).min(1, { error: 'at least one attendee' }).max(80),
});
/** A lead's correction of a saved session: the version read (`rev`) and the session as it should read; the date stays. */
export const trainingEditInput = z.strictObject({ id, rev: z.string().min(1).max(80), topic: trainingInput.shape.topic, trainer: trainingInput.shape.trainer, passMark: trainingInput.shape.passMark, attendees: trainingInput.shape.attendees });
export const trainingView = z.strictObject({
  id: z.string(),
  date: z.string(),
  topic: z.string(),
  trainer: z.string(),
  passMark: z.number().nullable(),
  attendees: z.array(z.strictObject({ staffId: z.string(), name: z.string(), score: z.number().nullable(), passed: z.boolean().nullable() })),
  by: z.string(),
  at: z.string(),
  rev: z.string(),
  edits: recordEditsView,
});
export type TrainingView = z.infer<typeof trainingView>;

/** 卫生值日表: areas, each with who cleans it on each weekday (Monday first; null: nobody). */
export const cleaningPlanInput = z.strictObject({
  areas: z.array(z.strictObject({ id: z.string().max(40).nullable(), name: required(40), byWeekday: z.array(id.nullable()).length(7, { error: 'seven days, Monday first' }) })).max(30),
});
export const cleaningPlanView = z.strictObject({
  areas: z.array(z.strictObject({ id: z.string(), name: z.string(), byWeekday: z.array(z.strictObject({ staffId: z.string().nullable(), name: z.string().nullable() })) })),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export const cleaningKind = z.enum(['opening', 'saturday']);
export const cleaningCheckInput = z.strictObject({ date: calendarDate, kind: cleaningKind, items: z.array(z.strictObject({ areaId: z.string().min(1).max(40), done: z.boolean(), note: text(200) })).max(30) });
/** A lead's correction of a saved check: the version read (`rev`) and every area as it should read; date and kind name the check. */
export const cleaningEditInput = z.strictObject({ date: calendarDate, kind: cleaningKind, rev: z.string().min(1).max(80), items: cleaningCheckInput.shape.items });
/** A failed area checked again later the same day: passed (`done`) or failed again, with a note why. */
export const cleaningRecheckInput = z.strictObject({ date: calendarDate, kind: cleaningKind, areaId: z.string().min(1).max(40), done: z.boolean(), note: text(200) });
const cleaningCheckView = z.strictObject({
  kind: cleaningKind,
  checkedBy: z.string(),
  checkedAt: z.string(),
  /** The before-opening check made after 8:50 (在每天上午8:50之前做好責任區域內的衛生清潔). */
  afterDeadline: z.boolean(),
  items: z.array(
    z.strictObject({
      areaId: z.string(),
      name: z.string(),
      /** The result at the check (after any correction). */
      done: z.boolean(),
      note: z.string(),
      /** Its re-checks that day, oldest first (by: a name). */
      rechecks: z.array(z.strictObject({ done: z.boolean(), note: z.string(), by: z.string(), at: z.string() })),
      /** Where the area stands now: the last re-check's result, else the check's. */
      passed: z.boolean(),
    }),
  ),
  /** The version an edit names. */
  rev: z.string(),
  edits: recordEditsView,
});
export const cleaningDayView = z.strictObject({
  date: z.string(),
  /** The before-opening deadline (8:50) of that day, an instant. */
  dueAt: z.string(),
  saturday: z.boolean(),
  duty: z.array(z.strictObject({ areaId: z.string(), name: z.string(), staffId: z.string().nullable(), staffName: z.string().nullable() })),
  checks: z.array(cleaningCheckView),
});
export type CleaningDayView = z.infer<typeof cleaningDayView>;

/** `duty.*`: the desk's on/off list of a day (the older roster, merged with the rota in src-main/staff/repo.ts). */
const dutyStaffId = z.string().min(1, { error: 'required' }).max(80);
/** One person on one day's roster (排班): only staff on duty are offered at triage. */
export const dutyInput = z.strictObject({ date: calendarDate, staffId: dutyStaffId, onDuty: z.boolean() });
export const dutyRow = z.strictObject({
  staffId: z.string(),
  name: z.string(),
  role: z.string(),
  departmentId: z.string().nullable(),
  onDuty: z.boolean(),
  /** Who last set it, when; null if never set for this day. */
  setBy: z.string().nullable(),
  setAt: z.string().nullable(),
});
export const dutyDay = z.strictObject({ date: z.string(), rosterSet: z.boolean(), staff: z.array(dutyRow) });

// ---- Head office's figures (issue 15: 總部：各機構的出勤、遲到和培訓數字，可打開記錄，可導出 .xlsx).

/** A span of clinic days and one clinic or all (null). */
export const staffFiguresInput = z.strictObject({
  from: calendarDate,
  to: calendarDate,
  clinic: z.string().regex(/^[A-Z]{2,4}$/, { error: '2-4 capital letters, e.g. BJ' }).nullable(),
});
const n = z.number().int().min(0);
/** The counts of a person, or summed over a clinic. */
export const staffCounts = z.strictObject({
  /** Days rostered up to today, not on approved leave. */
  rostered: n,
  present: n,
  late: n,
  lateMinutes: n,
  early: n,
  absent: n,
  /** Rostered days on approved leave. */
  leaveDays: n,
  /** 离岗 of more than 10 minutes logged. */
  away: n,
  /** Of those, the ones without the head's agreement (each 按曠工半日處理). */
  awayUnagreed: n,
  finesConfirmed: n,
  finedYuan: z.number(),
  finesWaived: n,
  /** Training sessions attended; of the scored ones against a pass mark, passed and failed. */
  trainings: n,
  trainingPassed: n,
  trainingFailed: n,
  /** Mean of the scores given (null: none). */
  meanScore: z.number().nullable(),
});
export type StaffCounts = z.infer<typeof staffCounts>;
export const staffFigureDay = z.strictObject({ date: z.string(), code: z.string(), state: z.enum(['late', 'early', 'lateAndEarly', 'absent', 'onLeave']), lateMinutes: n, earlyMinutes: n });
export const staffFigures = z.strictObject({
  from: z.string(),
  to: z.string(),
  clinics: z.array(
    z.strictObject({
      code: z.string(),
      name: z.string(),
      totals: staffCounts,
      people: z.array(
        z.strictObject({
          staffId: z.string(),
          name: z.string(),
          role: staffRole,
          counts: staffCounts,
          /** The records behind the figures: the days late, early, absent or on leave, the fines, the sessions, the times away. */
          days: z.array(staffFigureDay),
          fines: z.array(z.strictObject({ date: z.string(), kind: fineKind, minutes: z.number(), status: z.enum(['confirmed', 'waived']), amountYuan: z.number().nullable() })),
          trainings: z.array(z.strictObject({ date: z.string(), topic: z.string(), trainer: z.string(), score: z.number().nullable(), passed: z.boolean().nullable() })),
          /** agreedBy: the lead who agreed (a name), null: not agreed, half a day's absence. */
          away: z.array(z.strictObject({ from: z.string(), to: z.string(), minutes: z.number(), reason: z.string(), agreedBy: z.string().nullable(), halfDayAbsence: z.boolean() })),
        }),
      ),
    }),
  ),
});
export type StaffFigures = z.infer<typeof staffFigures>;
