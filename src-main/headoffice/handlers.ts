import { newIdTail } from '../../shared/ids';
import { clinicDocs, staffDocs } from '../../shared/reference/docs';
import type { headOfficeContract } from '../../shared/headoffice/contract';
import { HEAD_OFFICE_CODE, MAX_RECORDS, type CalendarView, type HeadOfficeClinic } from '../../shared/headoffice/schemas';
import { teaFigures, visitFigures } from '../../shared/headoffice/rules';
import { complaintRecords, inspectionRecords } from '../../shared/headoffice/qualityRules';
import { noShowRecords, teaRecords } from './facts';
import { keptComplaintFacts as complaintFacts, keptComplaintFigures, keptInspectionFacts as inspectionFacts, keptInspectionFigures } from './qualityCache';
import { clinicDate } from '../../shared/time';
import { calendarDoc, type CalendarDoc, type CalendarTable } from '../../shared/reference/calendar';
import type { ClinicDoc, StaffDoc } from '../../shared/reference/schemas';
import { staffChangeRefusal, type GrantRefusal } from '../../shared/reference/grants';
import { referenceRefusals } from '../../shared/reference/refusals';
import type { Handlers } from '../api/types';
import type { OperatorContext } from '../api/context';
import { newMeta, touched, upserted } from '../store/meta';
import { serialised } from '../store/serial';
import { getClinic, listStaff, setDeskClinicCode, toClinicView, toStaffView } from '../reference/repo';
import { checkDepartmentsKept, setUpDocs, status } from '../reference/clinic';
import { defaultCalendar, listClinics, storedCalendar } from './repo';
import { catchUp, catchUpOrProgress, summaryRows, visitRecords } from './summaries';
import { dashboardWorkbook } from './export';
import { refillMinutes } from '../tea/repo';
import { readSettings } from '../inspection/repo';
import { teaSettingsDocs } from '../../shared/tea/docs';
import type { TeaSettingsDoc } from '../../shared/tea/schemas';
import type { InspectionSettingsDoc } from '../../shared/inspection/schemas';
import { templateHandlers } from './templates';
import { inClinicDb, pulledClinic, requirePulledClinic } from './online';
import { goLiveOf, withGoLive } from '../reference/goLive';
import { hoComplaintHandlers } from './complaints';
import { groupLimits, limitKeys } from '../../shared/complaints/rules';
import { getLimits } from '../complaints/repo';
import { limitsView } from '../complaints/cases';
import { complaintIds, type ComplaintLimitsDoc } from '../complaints/storage';
import { complaintMonth, complaintMonthWorkbook, inspectionMonth, inspectionMonthWorkbook, weekly, weeklyWorkbook } from './reports';
import { getOrNull } from '../store/get';
import { xlsx } from './xlsx';
import { inspectionSettingsDocs } from '../../shared/inspection/docs';
import { headofficeRefusals } from '../../shared/headoffice/refusals';

const no = headofficeRefusals.refuse;

type Ops = keyof typeof headOfficeContract;

function grantOrRefuse(refusal: GrantRefusal | null) {
  if (refusal) throw referenceRefusals.refuse('forbidden', refusal.field, refusal.rule, refusal.params, refusal.message);
}

async function clinicNames(ctx: OperatorContext) {
  const clinics = await listClinics(ctx.db);
  return { clinics, names: new Map(clinics.map((c) => [c.code, c.name])) };
}

/** The calendar with who saved it by name (a head-office person; the id if she is no longer on its roster). */
async function calendarView(ctx: OperatorContext, table: CalendarTable | CalendarDoc | null, origin: CalendarView['origin'], year: number): Promise<CalendarView> {
  const by = table && 'updatedBy' in table ? table.updatedBy : null;
  const name = by ? ((await listStaff(ctx.db, HEAD_OFFICE_CODE)).find((s) => s._id === by)?.name ?? by) : null;
  const stamps = table && 'updatedAt' in table ? { updatedAt: table.updatedAt, updatedBy: table.updatedBy, updatedByName: name } : { updatedAt: null, updatedBy: null, updatedByName: null };
  if (!table) return { year, holidays: [], workdays: [], source: '', origin, ...stamps };
  return { year: table.year, holidays: table.holidays.map((h) => ({ ...h })), workdays: [...table.workdays], source: table.source, origin, ...stamps };
}

function toHeadOfficeClinic(c: ClinicDoc): HeadOfficeClinic {
  return { ...toClinicView(c), updatedAt: c.updatedAt, updatedBy: c.updatedBy };
}

export const headOfficeHandlers: Pick<Handlers, Ops> = {
  ...templateHandlers,
  ...hoComplaintHandlers,

  async 'headoffice.setup'(ctx, input) {
    return serialised(ctx.db, async () => {
      if (await getClinic(ctx.db)) throw no('conflict', undefined, 'alreadySetUp', {}, 'this computer is already set up');
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
    // After a large pull the summaries catch up in the background: the figures so far, and how far it has come.
    const catchingUp = await catchUpOrProgress(ctx.db);
    const [{ clinics, names }, rows] = await Promise.all([clinicNames(ctx), summaryRows(ctx.db, period.from, period.to)]);
    return {
      clinics: clinics.map((c) => ({ code: c.code, name: c.name, inHeadOfficeCity: c.inHeadOfficeCity })),
      visits: visitFigures(period, rows, names),
      tea: teaFigures(period, rows, names),
      catchingUp,
    };
  },

  async 'headoffice.visitRecords'(ctx, input) {
    await catchUp(ctx.db);
    const { period } = input;
    return visitRecords(ctx.db, period.from, period.to, { clinic: period.clinic, firstVisit: input.firstVisit, departmentName: input.departmentName, source: input.source, outcome: input.outcome }, MAX_RECORDS);
  },

  async 'headoffice.complaints'(ctx, period) {
    const { clinics, names } = await clinicNames(ctx);
    return keptComplaintFigures(ctx.db, clinics, period, ctx.operator, ctx.now(), names);
  },

  async 'headoffice.complaintRecords'(ctx, { period, filter }) {
    const { clinics } = await clinicNames(ctx);
    return complaintRecords(period, await complaintFacts(ctx.db, clinics, period, ctx.operator, ctx.now()), filter).slice(0, MAX_RECORDS);
  },

  async 'headoffice.inspections'(ctx, period) {
    const { clinics, names } = await clinicNames(ctx);
    return keptInspectionFigures(ctx.db, clinics, period, clinicDate(ctx.now()), names);
  },

  async 'headoffice.inspectionRecords'(ctx, { period, filter }) {
    const { clinics } = await clinicNames(ctx);
    const records = inspectionRecords(period, await inspectionFacts(ctx.db, clinics, period, clinicDate(ctx.now())), filter);
    return { inspections: records.inspections.slice(0, MAX_RECORDS), marks: records.marks.slice(0, MAX_RECORDS), penalties: records.penalties.slice(0, MAX_RECORDS), weeks: records.weeks.slice(0, MAX_RECORDS), months: records.months.slice(0, MAX_RECORDS) };
  },

  async 'headoffice.teaRecords'(ctx, input) {
    await catchUp(ctx.db);
    return teaRecords(ctx.db, input, MAX_RECORDS);
  },

  async 'headoffice.noShowRecords'(ctx, { period }) {
    await catchUp(ctx.db);
    return noShowRecords(ctx.db, period, MAX_RECORDS);
  },

  async 'headoffice.exportDashboard'(ctx, period) {
    await catchUp(ctx.db);
    const [{ clinics, names }, rows] = await Promise.all([clinicNames(ctx), summaryRows(ctx.db, period.from, period.to)]);
    const [complaints, inspections] = await Promise.all([keptComplaintFigures(ctx.db, clinics, period, ctx.operator, ctx.now(), names), keptInspectionFigures(ctx.db, clinics, period, clinicDate(ctx.now()), names)]);
    const figures = { visits: visitFigures(period, rows, names), tea: teaFigures(period, rows, names), complaints, inspections };
    return xlsx(`总部看板_${period.clinic ?? '全部机构'}_${period.from}_${period.to}.xlsx`, await dashboardWorkbook(period, figures, ctx.operator.name, ctx.now()));
  },

  async 'headoffice.clinics'(ctx) {
    return (await listClinics(ctx.db)).map(toHeadOfficeClinic);
  },

  async 'headoffice.clinicUpdate'(ctx, input) {
    const { code, ...fields } = input;
    const local = (await listClinics(ctx.db)).find((c) => c.code === code);
    if (!local) throw no('not_found', 'code', 'noSuchClinic', { code }, `code: no clinic ${code} has reached head office`);
    return inClinicDb(ctx, code, async (remote) => {
      const current = await remote.get<ClinicDoc>(clinicDocs.id(code));
      checkDepartmentsKept(current, fields.departments);
      const next: ClinicDoc = { ...touched(current, ctx.operator, ctx.now()), ...fields };
      await remote.put(next);
      return toHeadOfficeClinic(next);
    });
  },

  async 'headoffice.goLive'(ctx, input) {
    const local = await pulledClinic(ctx, input.code);
    if (!local) throw no('not_found', 'code', 'noSuchClinic', { code: input.code }, `code: no clinic ${input.code} has reached head office`);
    return goLiveOf(local);
  },

  /** 上线日期 set by head office online in the clinic's database, on the version read there (its desks receive it by sync). */
  async 'headoffice.setGoLive'(ctx, input) {
    const { code, ...change } = input;
    if (!(await pulledClinic(ctx, code))) throw no('not_found', 'code', 'noSuchClinic', { code }, `code: no clinic ${code} has reached head office`);
    return inClinicDb(ctx, code, async (remote) => {
      const next = withGoLive(await remote.get<ClinicDoc>(clinicDocs.id(code)), change, ctx.operator, ctx.now());
      await remote.put(next);
      return goLiveOf(next);
    });
  },

  async 'headoffice.staff'(ctx, input) {
    await requirePulledClinic(ctx, input.clinic);
    return (await listStaff(ctx.db, input.clinic)).filter((s) => input.includeInactive || s.active).map(toStaffView);
  },

  async 'headoffice.staffSave'(ctx, input) {
    const { clinic: code, id, ...fields } = input;
    await requirePulledClinic(ctx, code);
    if (id !== null && !id.startsWith(`staff:${code}:`)) throw no('not_found', 'id', 'notStaffOf', { code }, `id: not a staff member of ${code}`);
    return inClinicDb(ctx, code, async (remote) => {
      const clinic = await remote.get<ClinicDoc>(clinicDocs.id(code));
      if (fields.departmentId !== null && !clinic.departments.some((d) => d.id === fields.departmentId)) {
        throw no('invalid_input', 'departmentId', 'noSuchDepartment', { code }, `departmentId: no such department in ${code}`);
      }
      for (const field of ['supervisorId', 'deptHeadId'] as const) {
        const boss = fields[field];
        if (boss === undefined || boss === null) continue;
        if (boss === id) throw no('invalid_input', field, 'notThemself', {}, `${field}: cannot be the person themself`);
        const found = await getOrNull<StaffDoc>(remote, boss);
        if (!found || found.type !== 'staff' || found.clinic !== code) throw no('invalid_input', field, 'noSuchStaff', {}, `${field}: no such staff member`);
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
        next = { ...newMeta('staff', staffDocs.id(code, newIdTail(now)), code, ctx.operator._id, now), type: 'staff', ...base, pinHash: null, ...roster(null) };
      } else {
        const current = await getOrNull<StaffDoc>(remote, id);
        if (!current || current.type !== 'staff') throw no('not_found', 'id', 'noSuchStaff', {}, 'id: no such staff member');
        grantOrRefuse(staffChangeRefusal(by, { kind: 'update', target: { id: current._id, role: current.role }, role: fields.role, pin: false }));
        next = { ...touched(current, ctx.operator, now), ...base, ...roster(current) };
      }
      await remote.put(next);
      return toStaffView(next);
    });
  },

  async 'headoffice.thresholds'(ctx, input) {
    await requirePulledClinic(ctx, input.clinic);
    const [refill, inspection] = await Promise.all([refillMinutes(ctx.db, input.clinic), readSettings(ctx.db, input.clinic)]);
    return { clinic: input.clinic, refillMinutes: refill, inspection: inspection.settings };
  },

  async 'headoffice.thresholdsSave'(ctx, input) {
    const code = input.clinic;
    await requirePulledClinic(ctx, code);
    return inClinicDb(ctx, code, async (remote) => {
      const now = ctx.now();
      // Each setting is its clinic's own document, written whole against its current revision.
      const tea = await getOrNull<TeaSettingsDoc>(remote, teaSettingsDocs.id(code));
      await remote.put(upserted<TeaSettingsDoc, 'refillMinutes'>(tea, { refillMinutes: input.refillMinutes }, () => ({ ...newMeta('tea-settings', teaSettingsDocs.id(code), code, ctx.operator._id, now), type: 'tea-settings' }), ctx.operator, now));
      const id = inspectionSettingsDocs.id(code);
      const current = await getOrNull<InspectionSettingsDoc>(remote, id);
      await remote.put(upserted<InspectionSettingsDoc, keyof typeof input.inspection>(current, input.inspection, () => ({ ...newMeta('inspection-settings', id, code, ctx.operator._id, now), type: 'inspection-settings' }), ctx.operator, now));
      return input;
    });
  },

  async 'headoffice.complaintMonth'(ctx, input) {
    return complaintMonth(ctx.db, input.month, ctx.operator, ctx.now());
  },

  async 'headoffice.complaintMonthXlsx'(ctx, input) {
    const report = await complaintMonth(ctx.db, input.month, ctx.operator, ctx.now());
    return xlsx(`患者投诉案件统计表_各机构_${input.month}.xlsx`, await complaintMonthWorkbook(report, ctx.operator.name, ctx.now()));
  },

  async 'headoffice.inspectionMonth'(ctx, input) {
    return inspectionMonth(ctx.db, input.month);
  },

  async 'headoffice.inspectionMonthXlsx'(ctx, input) {
    const report = await inspectionMonth(ctx.db, input.month);
    return xlsx(`仪容仪表检查月度汇总_各机构_${input.month}.xlsx`, await inspectionMonthWorkbook(report, ctx.operator.name, ctx.now()));
  },

  async 'headoffice.weekly'(ctx, input) {
    return weekly(ctx.db, input.date, ctx.operator, ctx.now());
  },

  async 'headoffice.weeklyXlsx'(ctx, input) {
    const report = await weekly(ctx.db, input.date, ctx.operator, ctx.now());
    return xlsx(`服务数据周报_各机构_${report.from}_${report.to}.xlsx`, await weeklyWorkbook(report, ctx.operator.name, ctx.now()));
  },

  async 'headoffice.calendarGet'(ctx, input) {
    const stored = await storedCalendar(ctx.db, input.year);
    if (stored) return calendarView(ctx, stored, 'saved', input.year);
    const fallback = defaultCalendar(input.year);
    return calendarView(ctx, fallback, fallback ? 'default' : 'none', input.year);
  },

  async 'headoffice.calendarSave'(ctx, table) {
    return serialised(ctx.db, async () => {
      const at = ctx.now().toISOString();
      const existing = await getOrNull<CalendarDoc>(ctx.db, `calendar:${table.year}`);
      const doc = calendarDoc(table, { at, by: ctx.operator._id });
      // One document per year, written whole: clinics never receive a half-edited table.
      const next = existing ? { ...doc, createdAt: existing.createdAt, createdBy: existing.createdBy, _rev: existing._rev } : doc;
      await ctx.db.put(next);
      return calendarView(ctx, next, 'saved', table.year);
    });
  },

  /**
   * Head office sets one clinic's complaint time limits (seeds 000/004 give stricter ones than the
   * group's), online in the clinic's database like the clinic's settings: its desks receive them
   * by sync. Head office's CS director general or the general manager; a limit equal to the
   * group's default is not stored, so the case says 集团标准 for it. Unreachable → nothing saved.
   */
  async 'headoffice.complaintLimitsSave'(ctx, input) {
    if (!['hoCsDirector', 'gm'].includes(ctx.operator.role))
      throw no('forbidden', 'limits', 'limitsRole', {}, `limits: a clinic's complaint time limits are set by head office's CS director general or the general manager`);
    await requirePulledClinic(ctx, input.clinic);
    const edges = { approveMediumFromYuan: input.limits.approveMediumFromYuan ?? groupLimits.approveMediumFromYuan, approveLargeAboveYuan: input.limits.approveLargeAboveYuan ?? groupLimits.approveLargeAboveYuan };
    if (edges.approveLargeAboveYuan < edges.approveMediumFromYuan)
      throw no('invalid_input', 'limits.approveLargeAboveYuan', 'bandsOrder', { from: edges.approveMediumFromYuan, above: edges.approveLargeAboveYuan }, `limits.approveLargeAboveYuan: the GM's band (above ¥${edges.approveLargeAboveYuan}) starts below the deputy GM's (from ¥${edges.approveMediumFromYuan})`);
    const own = Object.fromEntries(limitKeys.filter((k) => input.limits[k] !== undefined && input.limits[k] !== groupLimits[k]).map((k) => [k, input.limits[k]!]));
    const now = ctx.now();
    return inClinicDb(ctx, input.clinic, async (remote) => {
      const old = await getLimits(remote, input.clinic);
      const doc = upserted<ComplaintLimitsDoc, 'limits' | 'reason'>(old, { limits: own, reason: input.reason }, () => ({ ...newMeta('complaint-limits', complaintIds.limits(input.clinic), input.clinic, ctx.operator._id, now), type: 'complaint-limits' }), ctx.operator, now);
      await remote.put(doc);
      return limitsView(remote, input.clinic);
    });
  },
};
