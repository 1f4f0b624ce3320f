import { ApiError } from '../../shared/errors';
import { docId, newIdTail } from '../../shared/ids';
import type { headOfficeContract } from '../../shared/headoffice/contract';
import { HEAD_OFFICE_CODE, headOfficeRoles, MAX_RECORDS, type CalendarView, type HeadOfficeClinic } from '../../shared/headoffice/schemas';
import { teaFigures, visitFigures } from '../../shared/headoffice/rules';
import { complaintFigures, complaintRecords, inspectionFigures, inspectionRecords } from '../../shared/headoffice/qualityRules';
import { complaintFacts, inspectionFacts, noShowRecords, teaRecords } from './facts';
import { clinicDate } from '../../shared/time';
import { calendarDoc, type CalendarDoc, type CalendarTable } from '../../shared/reference/calendar';
import type { ClinicDoc, StaffDoc } from '../../shared/reference/schemas';
import { staffChangeRefusal, type GrantRefusal } from '../../shared/reference/grants';
import type { Handlers } from '../api/types';
import type { OperatorContext } from '../api/context';
import type { Db } from '../store/pouch';
import { newMeta, touched } from '../store/meta';
import { serialised } from '../store/serial';
import { getClinic, listStaff, setDeskClinicCode, toClinicView, toStaffView } from '../reference/repo';
import { checkDepartmentsKept, setUpDocs, status } from '../reference/handlers';
import { clinicDbName } from '../../shared/sync/rules';
import { defaultCalendar, listClinics, storedCalendar } from './repo';
import { catchUp, summaryRows, visitRecords } from './summaries';
import { dashboardWorkbook } from './export';
import { refillMinutes } from '../tea/repo';
import { inspectionIds, readSettings } from '../inspection/repo';
import { domainMeta } from '../visits/meta';
import type { TeaSettingsDoc } from '../../shared/tea/schemas';
import type { InspectionSettingsDoc } from '../../shared/inspection/schemas';
import { templateHandlers } from './templates';
import { hoComplaintHandlers } from './complaints';
import { groupLimits, limitKeys } from '../../shared/complaints/rules';
import { getLimits } from '../complaints/repo';
import { limitsView } from '../complaints/handlers';
import { complaintIds, type ComplaintLimitsDoc } from '../complaints/storage';
import { complaintMonth, complaintMonthWorkbook, inspectionMonth, inspectionMonthWorkbook, weekly, weeklyWorkbook } from './reports';

type Ops = keyof typeof headOfficeContract;

/** Head-office operations answer only in head-office mode, and only to head-office people. */
export async function requireHeadOffice(ctx: OperatorContext) {
  const clinic = await getClinic(ctx.db);
  if (clinic?.code !== HEAD_OFFICE_CODE) throw new ApiError({ code: 'forbidden', message: 'only in head-office mode (set up as 总部)' });
  if (!headOfficeRoles.includes(ctx.operator.role)) throw new ApiError({ code: 'forbidden', message: `a ${ctx.operator.role} may not read head office's figures` });
}

function grantOrRefuse(refusal: GrantRefusal | null) {
  if (refusal) throw new ApiError({ code: 'forbidden', field: refusal.field, message: refusal.message });
}

async function clinicNames(ctx: OperatorContext) {
  const clinics = await listClinics(ctx.db);
  return { clinics, names: new Map(clinics.map((c) => [c.code, c.name])) };
}

function calendarView(table: CalendarTable | CalendarDoc | null, origin: CalendarView['origin'], year: number): CalendarView {
  const stamps = table && 'updatedAt' in table ? { updatedAt: table.updatedAt, updatedBy: table.updatedBy } : { updatedAt: null, updatedBy: null };
  if (!table) return { year, holidays: [], workdays: [], source: '', origin, ...stamps };
  return { year: table.year, holidays: table.holidays.map((h) => ({ ...h })), workdays: [...table.workdays], source: table.source, origin, ...stamps };
}

function toHeadOfficeClinic(c: ClinicDoc): HeadOfficeClinic {
  return { ...toClinicView(c), updatedAt: c.updatedAt, updatedBy: c.updatedBy };
}

/**
 * An edit of a clinic's own documents, made online in the clinic's database (where its desks read
 * them) against the current revision; the consolidated copy brings it back to head office.
 */
export async function inClinicDb<T>(ctx: OperatorContext, code: string, edit: (remote: Db) => Promise<T>): Promise<T> {
  const remote = ctx.sync.remote(clinicDbName(code));
  if (!remote) throw new ApiError({ code: 'conflict', message: 'sync with head office is not configured' });
  try {
    return await edit(remote);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw remoteFailure(err, code);
  } finally {
    await remote.close().catch(() => {});
  }
}

export async function requirePulledClinic(ctx: OperatorContext, code: string): Promise<ClinicDoc> {
  const local = (await listClinics(ctx.db)).find((c) => c.code === code);
  if (!local) throw new ApiError({ code: 'not_found', field: 'clinic', message: `clinic: no clinic ${code} has reached head office` });
  return local;
}

/** The server's answer to an online edit, in the desk's terms. */
function remoteFailure(err: unknown, code: string): ApiError {
  const status = (err as { status?: number }).status;
  if (status === 409) return new ApiError({ code: 'conflict', message: `clinic ${code} was changed meanwhile; reload and edit again` });
  if (status === 403) return new ApiError({ code: 'forbidden', message: `head office's server refused the change: ${(err as { message?: string }).message ?? ''}` });
  if (status === 401) return new ApiError({ code: 'forbidden', message: 'the head-office account was refused; check 设置 → 与总部同步' });
  return new ApiError({ code: 'conflict', message: 'head office’s server cannot be reached: a clinic’s settings are changed online; nothing was saved' });
}

function xlsx(filename: string, bytes: Uint8Array) {
  return { filename, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: Buffer.from(bytes).toString('base64') };
}

export const headOfficeHandlers: Pick<Handlers, Ops> = {
  ...templateHandlers,
  ...hoComplaintHandlers,

  async 'headoffice.setup'(ctx, input) {
    return serialised(ctx.db, async () => {
      if (await getClinic(ctx.db)) throw new ApiError({ code: 'conflict', message: 'this computer is already set up' });
      // Head office's own record and people stay on this computer (the sync plan sends neither).
      const [office, director] = await setUpDocs(HEAD_OFFICE_CODE, { name: '集团总部', inHeadOfficeCity: true, departments: [] }, input.director, ctx.now());
      await setDeskClinicCode(ctx.db, HEAD_OFFICE_CODE);
      await ctx.db.bulkDocs([office, director]);
      const { director: _d, ...credentials } = input;
      await ctx.sync.configure(credentials);
      return status(ctx);
    });
  },

  async 'headoffice.dashboard'(ctx, period) {
    await requireHeadOffice(ctx);
    await catchUp(ctx.db);
    const [{ clinics, names }, rows] = await Promise.all([clinicNames(ctx), summaryRows(ctx.db, period.from, period.to)]);
    return {
      clinics: clinics.map((c) => ({ code: c.code, name: c.name, inHeadOfficeCity: c.inHeadOfficeCity })),
      visits: visitFigures(period, rows, names),
      tea: teaFigures(period, rows, names),
    };
  },

  async 'headoffice.visitRecords'(ctx, input) {
    await requireHeadOffice(ctx);
    await catchUp(ctx.db);
    const { period } = input;
    return visitRecords(ctx.db, period.from, period.to, { clinic: period.clinic, firstVisit: input.firstVisit, departmentName: input.departmentName, source: input.source, outcome: input.outcome }, MAX_RECORDS);
  },

  async 'headoffice.complaints'(ctx, period) {
    await requireHeadOffice(ctx);
    const { clinics, names } = await clinicNames(ctx);
    return complaintFigures(period, await complaintFacts(ctx.db, clinics, period, ctx.operator, ctx.now()), names);
  },

  async 'headoffice.complaintRecords'(ctx, { period, filter }) {
    await requireHeadOffice(ctx);
    const { clinics } = await clinicNames(ctx);
    return complaintRecords(period, await complaintFacts(ctx.db, clinics, period, ctx.operator, ctx.now()), filter).slice(0, MAX_RECORDS);
  },

  async 'headoffice.inspections'(ctx, period) {
    await requireHeadOffice(ctx);
    const { clinics, names } = await clinicNames(ctx);
    return inspectionFigures(period, await inspectionFacts(ctx.db, clinics, period, clinicDate(ctx.now())), names);
  },

  async 'headoffice.inspectionRecords'(ctx, { period, filter }) {
    await requireHeadOffice(ctx);
    const { clinics } = await clinicNames(ctx);
    const records = inspectionRecords(period, await inspectionFacts(ctx.db, clinics, period, clinicDate(ctx.now())), filter);
    return { inspections: records.inspections.slice(0, MAX_RECORDS), marks: records.marks.slice(0, MAX_RECORDS), penalties: records.penalties.slice(0, MAX_RECORDS), weeks: records.weeks.slice(0, MAX_RECORDS), months: records.months.slice(0, MAX_RECORDS) };
  },

  async 'headoffice.teaRecords'(ctx, input) {
    await requireHeadOffice(ctx);
    await catchUp(ctx.db);
    return teaRecords(ctx.db, input, MAX_RECORDS);
  },

  async 'headoffice.noShowRecords'(ctx, { period }) {
    await requireHeadOffice(ctx);
    await catchUp(ctx.db);
    return noShowRecords(ctx.db, period, MAX_RECORDS);
  },

  async 'headoffice.exportDashboard'(ctx, period) {
    await requireHeadOffice(ctx);
    await catchUp(ctx.db);
    const [{ clinics, names }, rows] = await Promise.all([clinicNames(ctx), summaryRows(ctx.db, period.from, period.to)]);
    const [cases, inspections] = await Promise.all([complaintFacts(ctx.db, clinics, period, ctx.operator, ctx.now()), inspectionFacts(ctx.db, clinics, period, clinicDate(ctx.now()))]);
    const figures = {
      visits: visitFigures(period, rows, names),
      tea: teaFigures(period, rows, names),
      complaints: complaintFigures(period, cases, names),
      inspections: inspectionFigures(period, inspections, names),
    };
    return xlsx(`总部看板_${period.clinic ?? '全部机构'}_${period.from}_${period.to}.xlsx`, await dashboardWorkbook(period, figures, ctx.operator.name, ctx.now()));
  },

  async 'headoffice.clinics'(ctx) {
    await requireHeadOffice(ctx);
    return (await listClinics(ctx.db)).map(toHeadOfficeClinic);
  },

  async 'headoffice.clinicUpdate'(ctx, input) {
    await requireHeadOffice(ctx);
    const { code, ...fields } = input;
    const local = (await listClinics(ctx.db)).find((c) => c.code === code);
    if (!local) throw new ApiError({ code: 'not_found', field: 'code', message: `code: no clinic ${code} has reached head office` });
    return inClinicDb(ctx, code, async (remote) => {
      const current = await remote.get<ClinicDoc>(docId.clinic(code));
      checkDepartmentsKept(current, fields.departments);
      const next: ClinicDoc = { ...touched(current, ctx.operator, ctx.now()), ...fields };
      await remote.put(next);
      return toHeadOfficeClinic(next);
    });
  },

  async 'headoffice.staff'(ctx, input) {
    await requireHeadOffice(ctx);
    await requirePulledClinic(ctx, input.clinic);
    return (await listStaff(ctx.db, input.clinic)).filter((s) => input.includeInactive || s.active).map(toStaffView);
  },

  async 'headoffice.staffSave'(ctx, input) {
    await requireHeadOffice(ctx);
    const { clinic: code, id, ...fields } = input;
    await requirePulledClinic(ctx, code);
    if (id !== null && !id.startsWith(`staff:${code}:`)) throw new ApiError({ code: 'not_found', field: 'id', message: `id: not a staff member of ${code}` });
    return inClinicDb(ctx, code, async (remote) => {
      const clinic = await remote.get<ClinicDoc>(docId.clinic(code));
      if (fields.departmentId !== null && !clinic.departments.some((d) => d.id === fields.departmentId)) {
        throw new ApiError({ code: 'invalid_input', field: 'departmentId', message: `departmentId: no such department in ${code}` });
      }
      for (const field of ['supervisorId', 'deptHeadId'] as const) {
        const boss = fields[field];
        if (boss === undefined || boss === null) continue;
        if (boss === id) throw new ApiError({ code: 'invalid_input', field, message: `${field}: cannot be the person themself` });
        const found = await remote.get<StaffDoc>(boss).catch(() => null);
        if (!found || found.type !== 'staff' || found.clinic !== code) throw new ApiError({ code: 'invalid_input', field, message: `${field}: no such staff member` });
      }
      const now = ctx.now();
      const roster = (current: StaffDoc | null) => ({
        staffNumber: fields.staffNumber === undefined ? (current?.staffNumber ?? null) : fields.staffNumber || null,
        supervisorId: fields.supervisorId === undefined ? (current?.supervisorId ?? null) : fields.supervisorId,
        deptHeadId: fields.deptHeadId === undefined ? (current?.deptHeadId ?? null) : fields.deptHeadId,
      });
      const base = { name: fields.name, sex: fields.sex, role: fields.role, departmentId: fields.departmentId, active: fields.active };
      let next: StaffDoc;
      const by = { id: ctx.operator._id, role: ctx.operator.role, headOffice: true };
      if (id === null) {
        grantOrRefuse(staffChangeRefusal(by, { kind: 'add', role: fields.role }));
        next = { ...newMeta('staff', docId.staff(code, newIdTail(now)), code, ctx.operator._id, now), type: 'staff', ...base, pinHash: null, ...roster(null) };
      } else {
        const current = await remote.get<StaffDoc>(id).catch(() => null);
        if (!current || current.type !== 'staff') throw new ApiError({ code: 'not_found', field: 'id', message: 'id: no such staff member' });
        grantOrRefuse(staffChangeRefusal(by, { kind: 'update', target: { id: current._id, role: current.role }, role: fields.role, pin: false }));
        next = { ...touched(current, ctx.operator, now), ...base, ...roster(current) };
      }
      await remote.put(next);
      return toStaffView(next);
    });
  },

  async 'headoffice.thresholds'(ctx, input) {
    await requireHeadOffice(ctx);
    await requirePulledClinic(ctx, input.clinic);
    const [refill, inspection] = await Promise.all([refillMinutes(ctx.db, input.clinic), readSettings(ctx.db, input.clinic)]);
    return { clinic: input.clinic, refillMinutes: refill, inspection: inspection.settings };
  },

  async 'headoffice.thresholdsSave'(ctx, input) {
    await requireHeadOffice(ctx);
    const code = input.clinic;
    await requirePulledClinic(ctx, code);
    return inClinicDb(ctx, code, async (remote) => {
      const now = ctx.now();
      // Each setting is its clinic's own document, written whole against its current revision.
      const tea = await remote.get<TeaSettingsDoc>(`tea-settings:${code}`).catch(() => null);
      await remote.put<TeaSettingsDoc>(
        tea ? { ...touched(tea, ctx.operator, now), refillMinutes: input.refillMinutes } : { ...domainMeta('tea-settings', `tea-settings:${code}`, code, ctx.operator._id, now), type: 'tea-settings', refillMinutes: input.refillMinutes },
      );
      const id = inspectionIds.settings(code);
      const current = await remote.get<InspectionSettingsDoc>(id).catch(() => null);
      await remote.put<InspectionSettingsDoc>(
        current ? { ...touched(current, ctx.operator, now), ...input.inspection } : { ...newMeta('inspection-settings', id, code, ctx.operator._id, now), type: 'inspection-settings', ...input.inspection },
      );
      return input;
    });
  },

  async 'headoffice.complaintMonth'(ctx, input) {
    await requireHeadOffice(ctx);
    return complaintMonth(ctx.db, input.month, ctx.operator, ctx.now());
  },

  async 'headoffice.complaintMonthXlsx'(ctx, input) {
    await requireHeadOffice(ctx);
    const report = await complaintMonth(ctx.db, input.month, ctx.operator, ctx.now());
    return xlsx(`患者投诉案件统计表_各机构_${input.month}.xlsx`, await complaintMonthWorkbook(report, ctx.operator.name, ctx.now()));
  },

  async 'headoffice.inspectionMonth'(ctx, input) {
    await requireHeadOffice(ctx);
    return inspectionMonth(ctx.db, input.month);
  },

  async 'headoffice.inspectionMonthXlsx'(ctx, input) {
    await requireHeadOffice(ctx);
    const report = await inspectionMonth(ctx.db, input.month);
    return xlsx(`仪容仪表检查月度汇总_各机构_${input.month}.xlsx`, await inspectionMonthWorkbook(report, ctx.operator.name, ctx.now()));
  },

  async 'headoffice.weekly'(ctx, input) {
    await requireHeadOffice(ctx);
    return weekly(ctx.db, input.date, ctx.operator, ctx.now());
  },

  async 'headoffice.weeklyXlsx'(ctx, input) {
    await requireHeadOffice(ctx);
    const report = await weekly(ctx.db, input.date, ctx.operator, ctx.now());
    return xlsx(`服务数据周报_各机构_${report.from}_${report.to}.xlsx`, await weeklyWorkbook(report, ctx.operator.name, ctx.now()));
  },

  async 'headoffice.calendarGet'(ctx, input) {
    await requireHeadOffice(ctx);
    const stored = await storedCalendar(ctx.db, input.year);
    if (stored) return calendarView(stored, 'saved', input.year);
    const fallback = defaultCalendar(input.year);
    return calendarView(fallback, fallback ? 'default' : 'none', input.year);
  },

  async 'headoffice.calendarSave'(ctx, table) {
    await requireHeadOffice(ctx);
    return serialised(ctx.db, async () => {
      const at = ctx.now().toISOString();
      const existing = await ctx.db.get<CalendarDoc>(`calendar:${table.year}`).catch(() => null);
      const doc = calendarDoc(table, { at, by: ctx.operator._id });
      // One document per year, written whole: clinics never receive a half-edited table.
      const next = existing ? { ...doc, createdAt: existing.createdAt, createdBy: existing.createdBy, _rev: existing._rev } : doc;
      await ctx.db.put(next);
      return calendarView(next, 'saved', table.year);
    });
  },

  /**
   * Head office sets one clinic's complaint time limits (seeds 000/004 give stricter ones than the
   * group's), online in the clinic's database like the clinic's settings: its desks receive them
   * by sync. Head office's CS director general or the general manager; a limit equal to the
   * group's default is not stored, so the case says 集团标准 for it. Unreachable → nothing saved.
   */
  async 'headoffice.complaintLimitsSave'(ctx, input) {
    await requireHeadOffice(ctx);
    if (!['hoCsDirector', 'gm'].includes(ctx.operator.role))
      throw new ApiError({ code: 'forbidden', field: 'limits', message: `limits: a clinic's complaint time limits are set by head office's CS director general or the general manager` });
    await requirePulledClinic(ctx, input.clinic);
    const own = Object.fromEntries(limitKeys.filter((k) => input.limits[k] !== undefined && input.limits[k] !== groupLimits[k]).map((k) => [k, input.limits[k]!]));
    const now = ctx.now();
    return inClinicDb(ctx, input.clinic, async (remote) => {
      const old = await getLimits(remote, input.clinic);
      const doc: ComplaintLimitsDoc = old
        ? { ...touched(old, ctx.operator, now), limits: own, reason: input.reason }
        : { ...newMeta('complaint-limits', complaintIds.limits(input.clinic), input.clinic, ctx.operator._id, now), type: 'complaint-limits', limits: own, reason: input.reason };
      await remote.put(doc);
      return limitsView(remote, input.clinic);
    });
  },
};
