import { z } from 'zod';
import { clinicCode, clinicUpdateInput, clinicView, pin, sex, staffAddInput, staffView, type StaffRole } from '../reference/schemas';
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
export const headOfficeRoles: readonly StaffRole[] = ['hoCsDirector', 'gmOffice'];

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
  byClinic: z.array(z.strictObject({ key: z.string(), name: z.string(), first: count, returning: count })),
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
});
export type Dashboard = z.infer<typeof dashboard>;

/** The records behind a figure (drill-down). */
export const visitRecordsInput = z.strictObject({
  period: periodInput,
  firstVisit: z.boolean().nullable().default(null),
  departmentName: z.string().max(20).nullable().default(null),
  /** First visits of new customers from this media source (the 新客来源 figure). */
  source: z.string().max(20).nullable().default(null),
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
