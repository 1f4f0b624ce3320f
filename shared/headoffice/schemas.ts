import { z } from 'zod';
import { clinicCode, clinicUpdateInput, clinicView, goLiveInput, pin, sex, staffAddInput, staffView, type StaffRole } from '../reference/schemas';
import { calendarTable } from '../reference/calendar';
import { monthlyStats } from '../complaints/schemas';
import { monthSummaryView, settingsView as inspectionSettings } from '../inspection/schemas';
import { teaSettingsInput } from '../tea/schemas';
import { syncConfigureInput } from '../sync/schemas';
import { isCalendarDate } from '../time';

/**
 * Head office's mode of the app (issue 8): the same app, set up with a head-office account
 * instead of a clinic. It pulls every clinic's data from the consolidated `headoffice` database
 * and writes the reference data every clinic shares (the working-day calendar) to `reference`.
 * Locally it keeps its own people under the reserved code `HO`, which never leaves this computer.
 */
export { HEAD_OFFICE_CODE } from '../reference/schemas';

/** Who works in head-office mode. */
export const headOfficeRoles: readonly StaffRole[] = ['hoCsDirector', 'gmOffice', 'gm', 'deputyGm', 'hoMedical', 'hoLegal'];

export const headOfficeSetupInput = syncConfigureInput.extend({
  director: z.strictObject({
    name: z.string().trim().min(1, { error: 'required' }).max(20),
    sex,
    role: z.enum(['hoCsDirector', 'gmOffice']),
    pin,
  }),
});
export type HeadOfficeSetupInput = z.input<typeof headOfficeSetupInput>;

const date = z.string().refine(isCalendarDate, { error: 'a real date (YYYY-MM-DD)' });
export const grains = ['day', 'week', 'month'] as const;
export type Grain = (typeof grains)[number];

/** At most this many days in one dashboard or export: a year and a month. */
export const MAX_RANGE_DAYS = 400;

export const periodInput = z
  .strictObject({
    from: date,
    to: date,
    /** One clinic, or null for all of them. */
    clinic: z.string().regex(/^[A-Z]{2,4}$/, { error: '2-4 capital letters' }).nullable(),
    grain: z.enum(grains).default('day'),
  })
  .superRefine((p, ctx) => {
    if (!isCalendarDate(p.from) || !isCalendarDate(p.to)) return;
    if (p.to < p.from) ctx.addIssue({ code: 'custom', path: ['to'], message: `ends (${p.to}) before it starts (${p.from})` });
    else if ((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 + 1 > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_RANGE_DAYS} days` });
  });
export type PeriodInput = z.input<typeof periodInput>;
export type Period = z.output<typeof periodInput>;

const count = z.number().int().min(0);
const namedCount = z.strictObject({ key: z.string(), count });

export const visitFigures = z.strictObject({
  /** Period labels in order (`2026-11-27`, `2026-W48`, `2026-11`). */
  periods: z.array(z.string()),
  /** Per period: first visits and returning visits. */
  first: z.array(count),
  returning: z.array(count),
  total: count,
  firstTotal: count,
  /** Per period: appointments recorded as no-shows (爽约), by the appointment's day. */
  noShows: z.array(count),
  noShowTotal: count,
  byClinic: z.array(z.strictObject({ key: z.string(), name: z.string(), first: count, returning: count, noShows: count })),
  byDepartment: z.array(namedCount),
  /** First visits by media source (the new customer's 媒体来源). */
  bySource: z.array(namedCount),
  /** Arrival to the first move off waiting, over the waits that ended; null when none did. */
  averageWaitMinutes: z.number().nullable(),
  /** 到诊未消费 / 非手术消费 / 手术消费 of the visitors who left. */
  byOutcome: z.array(namedCount),
});
export type VisitFigures = z.infer<typeof visitFigures>;

export const teaFigures = z.strictObject({
  served: count,
  declined: count,
  refills: count,
  averageFirstCupMinutes: z.number().nullable(),
  /** Checklist exceptions by item (the item's text). */
  exceptions: z.array(namedCount),
  byClinic: z.array(z.strictObject({ key: z.string(), name: z.string(), served: count, refills: count, exceptions: count })),
});
export type TeaFigures = z.infer<typeof teaFigures>;

export const dashboard = z.strictObject({
  clinics: z.array(z.strictObject({ code: z.string(), name: z.string(), inHeadOfficeCity: z.boolean() })),
  visits: visitFigures,
  tea: teaFigures,
  /** While the day summaries catch up after a large pull (in the background): changes summarised of those behind; the figures are the days summarised so far. Null when complete. */
  catchingUp: z.strictObject({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable(),
});
export type Dashboard = z.infer<typeof dashboard>;

/** The records behind a figure (drill-down). */
export const visitRecordsInput = z.strictObject({
  period: periodInput,
  firstVisit: z.boolean().nullable().default(null),
  departmentName: z.string().max(20).nullable().default(null),
  /** First visits of new customers from this media source (the 新客来源 figure). */
  source: z.string().max(20).nullable().default(null),
  /** Visitors who left with this outcome (the 到诊结果 figure). */
  outcome: z.enum(['noPurchase', 'nonSurgical', 'surgical']).nullable().default(null),
});
export const visitRecord = z.strictObject({
  id: z.string(),
  clinic: z.string(),
  date: z.string(),
  arrivedAt: z.string(),
  customerName: z.string(),
  firstVisit: z.boolean(),
  departmentName: z.string(),
  consultantName: z.string().nullable(),
  registeredBy: z.string(),
});
export type VisitRecord = z.infer<typeof visitRecord>;

/** The no-shows behind the 爽约 figure. */
export const noShowRecord = z.strictObject({
  id: z.string(),
  clinic: z.string(),
  date: z.string(),
  /** The appointment's time (clinic time) and what was booked. */
  time: z.string(),
  name: z.string(),
  serviceItem: z.string(),
  how: z.enum(['auto', 'manual']),
  recordedBy: z.string(),
});
export type NoShowRecord = z.infer<typeof noShowRecord>;
/** At most this many records in one drill-down list. */
export const MAX_RECORDS = 500;

export const exportFile = z.strictObject({ filename: z.string(), mime: z.string(), base64: z.string() });
export type ExportFile = z.infer<typeof exportFile>;

export const calendarYearInput = z.strictObject({ year: z.number().int().min(2000).max(2100) });
export const calendarView = z.strictObject({
  year: z.number(),
  holidays: z.array(z.strictObject({ name: z.string(), from: z.string(), to: z.string() })),
  workdays: z.array(z.string()),
  source: z.string(),
  /** Where this table comes from: saved by head office, or the shipped default. */
  origin: z.enum(['saved', 'default', 'none']),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  /** Who saved it, by name (the screen shows this, never the id). */
  updatedByName: z.string().nullable(),
});
export type CalendarView = z.infer<typeof calendarView>;
export { calendarTable as calendarSaveInput };

export const headOfficeStaffView = staffView;

/** Every clinic as head office sees it, with when and by whom it was last changed. */
export const headOfficeClinic = clinicView.extend({ updatedAt: z.string(), updatedBy: z.string() });
export type HeadOfficeClinic = z.infer<typeof headOfficeClinic>;

/** A clinic's settings as head office corrects them, online (they live in the clinic's database). */
export const headOfficeClinicUpdateInput = clinicUpdateInput.extend({ code: clinicCode });
export type HeadOfficeClinicUpdateInput = z.input<typeof headOfficeClinicUpdateInput>;

/** A clinic's 上线日期 as head office reads it (its pulled copy) and sets it (online, on the version read). */
export const headOfficeGoLiveInput = z.strictObject({ code: clinicCode });
export const headOfficeSetGoLiveInput = goLiveInput.extend({ code: clinicCode });

export const reportMonthInput = z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'a month written YYYY-MM' }) });

/** 患者投诉案件统计表 of every clinic for one month, and the chain's totals. */
export const complaintMonthReport = z.strictObject({
  month: z.string(),
  clinics: z.array(z.strictObject({ code: z.string(), name: z.string(), inHeadOfficeCity: z.boolean(), stats: monthlyStats })),
  totals: z.strictObject({
    total: count,
    overdue: count,
    open: count,
    refunds: z.strictObject({ cases: count, yuan: z.number() }),
    compensation: z.strictObject({ cases: count, yuan: z.number() }),
    byCategory: z.record(z.string(), count),
    byChannel: z.record(z.string(), count),
    penaltyLevels: z.record(z.string(), count),
  }),
});
export type ComplaintMonthReport = z.infer<typeof complaintMonthReport>;

/** The month's inspections of every clinic (each as the clinic's own month summary). */
export const inspectionMonthReport = z.strictObject({
  month: z.string(),
  clinics: z.array(z.strictObject({ code: z.string(), name: z.string(), summary: monthSummaryView })),
});
export type InspectionMonthReport = z.infer<typeof inspectionMonthReport>;

export const weeklyInput = z.strictObject({ date: date });

/** The week's service figures of every clinic (Saturday to Friday), and the chain's totals. */
const weeklyRow = z.strictObject({
  code: z.string(),
  name: z.string(),
  visits: count,
  first: count,
  averageWaitMinutes: z.number().nullable(),
  teaServed: count,
  refills: count,
  teaExceptions: count,
  averageFirstCupMinutes: z.number().nullable(),
  complaints: count,
  /** Complaints closed in the week (whenever received), and those whose patient was 满意 or 非常满意. */
  complaintsClosed: count,
  satisfied: count,
  /** Satisfied ÷ closed with a satisfaction recorded; null when none was. */
  satisfactionRate: z.number().nullable(),
});
export const weeklyReport = z.strictObject({ from: z.string(), to: z.string(), clinics: z.array(weeklyRow), totals: weeklyRow });
export type WeeklyReport = z.infer<typeof weeklyReport>;

export const headOfficeStaffInput = z.strictObject({ clinic: clinicCode, includeInactive: z.boolean().default(true) });

/**
 * A staff member as head office adds or corrects them, online, in the clinic's database (id null
 * = a new one). No PIN: a person sets their PIN at the desk, and a new one has none.
 */
export const headOfficeStaffSaveInput = staffAddInput
  .omit({ pin: true })
  .extend({ clinic: clinicCode, id: z.string().min(1).max(80).nullable(), active: z.boolean() });
export type HeadOfficeStaffSaveInput = z.input<typeof headOfficeStaffSaveInput>;

export const thresholdsInput = z.strictObject({ clinic: clinicCode });

/**
 * A clinic's thresholds other than the waiting alert (which is on the clinic's settings): the tea
 * refill interval and the inspection penalty window and flat rule. Each lives in the clinic's own
 * settings document; head office sets them online.
 */
export const thresholds = z.strictObject({
  clinic: z.string(),
  refillMinutes: teaSettingsInput.shape.refillMinutes,
  inspection: inspectionSettings,
});
export type Thresholds = z.infer<typeof thresholds>;
export const thresholdsSaveInput = thresholds.extend({ clinic: clinicCode });

// ——— Complaints and inspections on the dashboard ———

/**
 * One complaint as the dashboard counts it: what its case view says now (src-main/headoffice/facts.ts
 * builds it from the complaint domain's own view). Every complaint figure and every drill-down list
 * is made of these, so the records behind a figure are exactly the ones it counted.
 */
export const complaintFact = z.strictObject({
  id: z.string(),
  clinic: z.string(),
  number: z.string().nullable(),
  receivedAt: z.string(),
  /** The clinic day of receipt. */
  date: z.string(),
  patientName: z.string(),
  channel: z.string(),
  category: z.string().nullable(),
  departmentName: z.string().nullable(),
  /** The step waiting to be done (`receive` … `prevention`), or `done`. */
  step: z.string(),
  closed: z.boolean(),
  /** A deadline missed, now or on the way (the 统计表's 超时). */
  overdue: z.boolean(),
  /** The deadlines open and past due now (`notify`, `investigate`, `close`, …). */
  overdueDeadlines: z.array(z.string()),
  refund: z.number(),
  compensation: z.number(),
  /** The penalty level of each person penalised. */
  penaltyLevels: z.array(z.string()),
  /** The 7/14-day limit from acceptance: closed in time, closed late, open past it, open within it; null before acceptance. */
  closeLimit: z.enum(['inTime', 'late', 'overdue', 'open']).nullable(),
  /** When the case was closed (步骤 9), null while open. */
  closedAt: z.string().nullable(),
  /** Days from acceptance to closing, one decimal; null while open. */
  daysToClose: z.number().nullable(),
  limitDays: z.number(),
  satisfaction: z.string().nullable(),
  /** Years the case's working-day deadline was counted in without a holiday calendar (Monday-Friday). */
  missingCalendarYears: z.array(z.number()),
});
export type ComplaintFact = z.infer<typeof complaintFact>;

const stepCount = z.strictObject({ key: z.string(), open: count, overdue: count });
const money = z.strictObject({ cases: count, yuan: z.number() });

export const complaintFigures = z.strictObject({
  periods: z.array(z.string()),
  /** Per period: complaints received. */
  received: z.array(count),
  total: count,
  open: count,
  closed: count,
  overdue: count,
  /** Cases not through every step (steps 10-11 follow closing), by the step they wait at, and how many are past a deadline. */
  byStep: z.array(stepCount),
  /** Deadlines past due now, by deadline (a case may miss two). */
  overdueDeadlines: z.array(namedCount),
  byCategory: z.array(namedCount),
  byChannel: z.array(namedCount),
  refunds: money,
  compensation: money,
  /** People penalised, by level. */
  penaltyLevels: z.array(namedCount),
  /** Against the 7-day (京内) / 14-day (京外) limit from acceptance. */
  closing: z.strictObject({ inTime: count, late: count, overdue: count, open: count, averageDays: z.number().nullable() }),
  satisfaction: z.array(namedCount),
  byClinic: z.array(z.strictObject({ key: z.string(), name: z.string(), received: count, open: count, overdue: count, closedLate: count })),
  /** Years some case's deadlines were counted in without a holiday calendar: the figures say so wherever they show deadlines. */
  missingCalendarYears: z.array(z.number()),
});
export type ComplaintFigures = z.infer<typeof complaintFigures>;

export const complaintFilterKinds = ['all', 'open', 'closed', 'overdue', 'step', 'overdueDeadline', 'category', 'channel', 'refund', 'compensation', 'money', 'level', 'closeLimit', 'satisfaction'] as const;
export const complaintFilter = z.strictObject({
  kind: z.enum(complaintFilterKinds),
  /** The step, category, channel, level, limit status or satisfaction; null for the kinds that need none. */
  value: z.string().max(40).nullable(),
});
export type ComplaintFilter = z.infer<typeof complaintFilter>;
export const complaintRecordsInput = z.strictObject({ period: periodInput, filter: complaintFilter });

/** A signed inspection (set-aside ones are not counted). */
export const inspectionFact = z.strictObject({
  id: z.string(),
  clinic: z.string(),
  date: z.string(),
  kind: z.string(),
  templateName: z.string(),
  inspectorName: z.string(),
  inspected: count,
  fails: count,
});
export type InspectionFact = z.infer<typeof inspectionFact>;

/** One mark of a signed result, corrections applied (n.a. marks are not kept). */
export const markFact = z.strictObject({
  id: z.string(),
  clinic: z.string(),
  date: z.string(),
  inspectionId: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  itemId: z.string(),
  label: z.string(),
  mark: z.enum(['pass', 'fail']),
});
export type MarkFact = z.infer<typeof markFact>;

export const penaltyFact = z.strictObject({
  id: z.string(),
  clinic: z.string(),
  date: z.string(),
  staffName: z.string(),
  itemLabel: z.string(),
  measure: z.string(),
  /** The person's, the supervisor's and the department head's amounts together. */
  yuan: z.number(),
});
export type PenaltyFact = z.infer<typeof penaltyFact>;

/** A clinic week (Monday–Sunday) that is due (its Friday has passed, or it is done), and whether its 每周自查 was signed. */
export const weekFact = z.strictObject({ clinic: z.string(), from: z.string(), to: z.string(), done: z.boolean() });
export type WeekFact = z.infer<typeof weekFact>;

/** A clinic month that is due a visit of head office's 服务质量检查小组 (the month is over, or visited), and whether it was visited. */
export const monthFact = z.strictObject({ clinic: z.string(), month: z.string(), done: z.boolean() });
export type MonthFact = z.infer<typeof monthFact>;

export const starFact = z.strictObject({ clinic: z.string(), month: z.string(), name: z.string(), reason: z.string() });

export interface InspectionFacts {
  inspections: InspectionFact[];
  marks: MarkFact[];
  penalties: PenaltyFact[];
  weeks: WeekFact[];
  months: MonthFact[];
  stars: z.infer<typeof starFact>[];
}

export const inspectionFigures = z.strictObject({
  periods: z.array(z.string()),
  /** Per period: signed inspections. */
  done: z.array(count),
  byKind: z.array(namedCount),
  /** 每周自查: clinic weeks begun in the period and due, and those with a signed one. */
  weekly: z.strictObject({ due: count, done: count }),
  /** 服务质量检查小组 (at least monthly per clinic): clinic months begun in the period and due, and those visited. */
  teamVisits: z.strictObject({ due: count, done: count }),
  marks: z.strictObject({ pass: count, fail: count }),
  passRate: z.number().nullable(),
  /** Pass rate per checklist item (by its text), worst first. */
  items: z.array(z.strictObject({ key: z.string(), pass: count, fail: count, rate: z.number().nullable() })),
  /** Staff failing two or more times in the period. */
  repeatOffenders: z.array(z.strictObject({ key: z.string(), clinic: z.string(), name: z.string(), failures: count })),
  penalties: z.strictObject({ count, yuan: z.number() }),
  byMeasure: z.array(namedCount),
  stars: z.array(starFact),
  byClinic: z.array(z.strictObject({ key: z.string(), name: z.string(), weeklyDue: count, weeklyDone: count, teamDue: count, teamDone: count, inspections: count, pass: count, fail: count, penalties: count, yuan: z.number() })),
});
export type InspectionFigures = z.infer<typeof inspectionFigures>;

export const inspectionFilterKinds = ['inspections', 'weeksMissed', 'teamMissed', 'item', 'offender', 'fails', 'penalties'] as const;
export const inspectionFilter = z.strictObject({
  kind: z.enum(inspectionFilterKinds),
  /** The inspection kind, the item's text, the staff id (null: every repeat offender) or the measure; null for all. */
  value: z.string().max(80).nullable(),
});
export type InspectionFilter = z.infer<typeof inspectionFilter>;
export const inspectionRecordsInput = z.strictObject({ period: periodInput, filter: inspectionFilter });
export const inspectionRecords = z.strictObject({
  inspections: z.array(inspectionFact),
  marks: z.array(markFact),
  penalties: z.array(penaltyFact),
  weeks: z.array(weekFact),
  months: z.array(monthFact),
});
export type InspectionRecords = z.infer<typeof inspectionRecords>;

/** The tea steps behind a tea figure: the servings that missed a checklist item, or the cups, refills or refusals. */
export const teaRecordsInput = z.strictObject({
  period: periodInput,
  /** `missed`: servings that missed a checklist item (`item`, or any when null); else the tea steps of that kind. */
  kind: z.enum(['missed', 'served', 'declined', 'refill']).default('missed'),
  item: z.string().max(200).nullable(),
});
export type TeaRecordsInput = z.output<typeof teaRecordsInput>;
export const teaRecord = z.strictObject({
  id: z.string(),
  clinic: z.string(),
  date: z.string(),
  at: z.string(),
  kind: z.string(),
  customerName: z.string(),
  byName: z.string(),
  /** The checklist items this serving missed (their text). */
  missed: z.array(z.string()),
});
export type TeaRecord = z.infer<typeof teaRecord>;
