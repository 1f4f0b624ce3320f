import { z } from 'zod';
import { docMeta, requiredText, text } from '../doc';
import { pullProgress, syncConfigureInput, syncError, syncState } from '../sync/schemas';
import { isCalendarDate } from '../time';

/** Clinic abbreviation used in ids and complaint numbers: 2-4 capital letters (BJ, SH, GZTH). */
export const clinicCode = z.string().regex(/^[A-Z]{2,4}$/, { error: '2-4 capital letters, e.g. BJ' });

/** Head office's own code in head-office mode (shared/headoffice): never a clinic's. */
export const HEAD_OFFICE_CODE = 'HO';
/** A code a clinic may take: not head office's. */
export const newClinicCode = clinicCode.refine((c) => c !== HEAD_OFFICE_CODE, { error: `${HEAD_OFFICE_CODE} is head office's code` });

export const department = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/, { error: 'lower-case letters, digits and dashes' }),
  name: requiredText(20),
  active: z.boolean(),
});
export type Department = z.infer<typeof department>;

/** The departments a new clinic starts with (DOMAIN.md §1); each clinic edits its own list. */
export const defaultDepartments: Department[] = [
  { id: 'plastic-surgery', name: '整形外科', active: true },
  { id: 'skin', name: '皮肤美容科', active: true },
  { id: 'injection', name: '微整注射', active: true },
  { id: 'dental', name: '口腔科', active: true },
  { id: 'tcm', name: '中医科', active: true },
];

/**
 * 上线日期 (issue 19): the day the clinic began to work with the app, apart from the day it was set
 * up (data are often entered for weeks before). 每周自查 and the team's monthly visits are owed from
 * it (shared/inspection/rules.ts weekCounts). Versioned: each change names who made it and when, and
 * is made on the version it read (`clinic.setGoLive`).
 */
export const goLive = z.strictObject({
  date: z.string().refine(isCalendarDate, { error: 'a date written YYYY-MM-DD' }),
  version: z.number().int().min(1),
  setBy: z.string(),
  setByName: z.string(),
  setAt: z.string(),
});
export type GoLive = z.infer<typeof goLive>;

export const clinicDoc = z.strictObject({
  ...docMeta,
  type: z.literal('clinic'),
  code: clinicCode,
  name: requiredText(40),
  /** 京内 (true) or 京外: decides the 7- or 14-day complaint limit. */
  inHeadOfficeCity: z.boolean(),
  departments: z.array(department).max(50),
  /** Minutes a visitor may wait before the list warns (DOMAIN.md §1; issue 5 uses it). */
  waitAlertMinutes: z.number().int().min(1).max(240),
  /** Absent until someone sets it: weeks count from the set-up day. */
  goLive: goLive.nullable().optional(),
});
export type ClinicDoc = z.infer<typeof clinicDoc>;

/** Roles of DOMAIN.md "People and roles", plus the staff a guide hands visitors to. */
export const staffRoles = [
  'guide', // 导医
  'guideLead', // 导医组长
  'csDirector', // 客服主任
  'dean', // 行政院长
  'inspector', // 检查员
  'medicalDirector', // 医务部主任
  'consultant', // 咨询师
  'doctor', // 医生
  'doctorAssistant', // 医助
  'hoCsDirector', // 客服总监 (head office)
  'gmOffice', // 总经办 (head office)
  'gm', // 总经理 (head office)
  'deputyGm', // 副总经理 (head office)
  'followupCaller', // 回访专员
  'csStaff', // 客服专员
  'onlineLead', // 网络咨询部组长 (seed 002: the consulting group, 咨询组)
  'onlineConsultant', // 网络咨询员
  'phoneConsultant', // 电话咨询员
  // Seed 001 (一) 2.(2) 公司医务部 "负责对各机构提交的疑难复杂医疗投诉案件组织会诊"; flow chart "交由集团法务部处理".
  'hoMedical', // 总部医务部 (head office)
  'hoLegal', // 总部法务部 (head office)
] as const;
export const staffRole = z.enum(staffRoles);
export type StaffRole = z.infer<typeof staffRole>;

/** The roles in the staff's words (DOMAIN.md): the desk's zh-CN labels and the main process's messages. */
export const staffRoleNames: Record<StaffRole, string> = {
  guide: '导医',
  guideLead: '导医组长',
  csDirector: '客服主任',
  dean: '行政院长',
  inspector: '检查员',
  medicalDirector: '医务部主任',
  consultant: '咨询师',
  doctor: '医生',
  doctorAssistant: '医助',
  hoCsDirector: '客服总监',
  gmOffice: '总经办',
  gm: '总经理',
  deputyGm: '副总经理',
  followupCaller: '回访专员',
  csStaff: '客服专员',
  onlineLead: '网络咨询部组长',
  onlineConsultant: '网络咨询员',
  phoneConsultant: '电话咨询员',
  hoMedical: '总部医务部',
  hoLegal: '总部法务部',
};

/** Who may change the clinic's settings and roster. */
export const adminRoles: readonly StaffRole[] = ['guideLead', 'csDirector', 'dean', 'hoCsDirector'];
/** Who a visitor can be triaged to. */
export const triageRoles: readonly StaffRole[] = ['consultant', 'doctor'];

export const sex = z.enum(['F', 'M']);

export const pin = z.string().regex(/^\d{4,8}$/, { error: '4-8 digits' });

export const staffDoc = z.strictObject({
  ...docMeta,
  type: z.literal('staff'),
  name: requiredText(20),
  sex,
  role: staffRole,
  departmentId: z.string().nullable(),
  active: z.boolean(),
  /** scrypt hash of the PIN; staff without one cannot sign in at a desk. */
  pinHash: z.string().nullable(),
  /** 工号; direct supervisor and department head (staff ids), who the penalty ladder fines alongside (issue 6). */
  staffNumber: z.string().nullable().default(null),
  supervisorId: z.string().nullable().default(null),
  deptHeadId: z.string().nullable().default(null),
  /**
   * Every time someone else set this person's PIN: who (staff id), when, and when she was told (at
   * her next sign-in; null until then). Older records lack it.
   */
  pinResets: z.array(z.strictObject({ by: z.string(), at: z.string(), seenAt: z.string().nullable() })).optional(),
});
export type StaffDoc = z.infer<typeof staffDoc>;

/** What the UI sees of a staff member: never the PIN hash. */
export const staffView = z.strictObject({
  id: z.string(),
  name: z.string(),
  sex,
  role: staffRole,
  departmentId: z.string().nullable(),
  active: z.boolean(),
  canSignIn: z.boolean(),
  staffNumber: z.string().nullable(),
  supervisorId: z.string().nullable(),
  deptHeadId: z.string().nullable(),
});
export type StaffView = z.infer<typeof staffView>;

/** A PIN reset as its person is told at sign-in: by whom (name) and when. */
export const pinResetNotice = z.strictObject({ byName: z.string(), at: z.string() });

export const signInOutput = z.strictObject({
  session: z.string(),
  operator: staffView,
  /** Resets of her PIN by someone else since she last signed in (shown once). */
  pinResets: z.array(pinResetNotice),
});

export const clinicView = z.strictObject({
  code: z.string(),
  name: z.string(),
  inHeadOfficeCity: z.boolean(),
  departments: z.array(department),
  waitAlertMinutes: z.number(),
});
export type ClinicView = z.infer<typeof clinicView>;

const newStaffFields = {
  name: requiredText(20),
  sex,
  role: staffRole,
  departmentId: text(32).nullable(),
};

/** Roster fields of issue 6, optional in the inputs: left out = none (add) or unchanged (update). */
const rosterFields = {
  staffNumber: text(20).nullable().optional(),
  supervisorId: z.string().min(1).max(80).nullable().optional(),
  deptHeadId: z.string().min(1).max(80).nullable().optional(),
};

export const setupInput = z.strictObject({
  clinic: z.strictObject({
    code: newClinicCode,
    name: requiredText(40),
    inHeadOfficeCity: z.boolean(),
    departments: z
      .array(requiredText(20))
      .min(1, { error: 'at least one department' })
      .max(50)
      .refine((names) => new Set(names).size === names.length, { error: 'department names repeat' }),
  }),
  /** The first operator, who can then add the rest of the roster. */
  lead: z.strictObject({ name: newStaffFields.name, sex, role: z.enum(['guideLead', 'csDirector', 'dean']), pin }),
});
export type SetupInput = z.input<typeof setupInput>;

/** The day weeks count from: the 上线日期 if set, else the set-up day. */
export const goLiveView = z.strictObject({ setUpDay: z.string(), goLive: goLive.nullable(), countsFrom: z.string() });
export type GoLiveView = z.infer<typeof goLiveView>;
export const goLiveInput = z.strictObject({ date: goLive.shape.date, baseVersion: z.number().int().min(0).max(1_000_000) });

export const clinicUpdateInput = z.strictObject({
  name: requiredText(40),
  inHeadOfficeCity: z.boolean(),
  departments: z.array(department).min(1, { error: 'at least one department' }).max(50),
  waitAlertMinutes: z.number().int().min(1).max(240),
});

export const staffAddInput = z.strictObject({ ...newStaffFields, pin: pin.nullable(), ...rosterFields });
export type StaffAddInput = z.input<typeof staffAddInput>;

export const staffUpdateInput = z.strictObject({
  id: z.string().min(1).max(80),
  ...newStaffFields,
  active: z.boolean(),
  /** null keeps the PIN as it is; a value replaces it. */
  pin: pin.nullable(),
  ...rosterFields,
});

export const signInInput = z.strictObject({ staffId: z.string().min(1).max(80), pin });

/** Joining a clinic head office already has (a second desk, a laptop): see src-main/reference/join.ts. */
export const joinInput = syncConfigureInput.extend({ clinicCode: newClinicCode });
export type JoinInput = z.input<typeof joinInput>;

export const appStatus = z.strictObject({
  setupDone: z.boolean(),
  /** While this desk downloads its clinic from head office (set-up by joining). */
  joining: z
    .strictObject({ clinic: z.string(), state: syncState, error: syncError.nullable(), server: z.string().nullable(), username: z.string().nullable(), pull: pullProgress.nullable() })
    .nullable(),
  clinic: clinicView.nullable(),
  /** Set up in head-office mode (shared/headoffice): reads every clinic, edits reference data. */
  headOffice: z.boolean(),
  deskId: z.string(),
  operator: staffView.nullable(),
  dataSchemaVersion: z.number(),
});
export type AppStatus = z.infer<typeof appStatus>;
