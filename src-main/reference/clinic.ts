import { referenceRefusals } from '../../shared/reference/refusals';
import { newIdTail } from '../../shared/ids';
import { clinicDocs, staffDocs } from '../../shared/reference/docs';
import type { ClinicDoc, Department, StaffDoc } from '../../shared/reference/schemas';
import { HEAD_OFFICE_CODE } from '../../shared/reference/schemas';
import type { HandlerContext } from '../api/context';
import { newMeta } from '../store/meta';
import { hashPin } from './pin';
import { joinProgress } from './join';
import { getClinic, toClinicView, toStaffView } from './repo';

/**
 * What both the desk's set-up (src-main/reference/handlers.ts) and head office's clinic
 * management (src-main/headoffice/handlers.ts) use: the desk's status, the rule that departments
 * are kept, and a new clinic's first documents. Here, so that no domain imports another's handlers.
 */

export async function status(ctx: HandlerContext) {
  const clinic = await getClinic(ctx.db);
  return {
    setupDone: clinic !== null,
    joining: await joinProgress(ctx, clinic),
    clinic: clinic ? toClinicView(clinic) : null,
    headOffice: clinic?.code === HEAD_OFFICE_CODE,
    deskId: ctx.deskId,
    operator: ctx.operator ? toStaffView(ctx.operator) : null,
    dataSchemaVersion: ctx.schemaVersion,
  };
}

/** Departments keep their ids and are never removed: past visits name them (retire with active: false). */
export function checkDepartmentsKept(clinic: ClinicDoc, departments: Department[]) {
  const ids = departments.map((d) => d.id);
  if (new Set(ids).size !== ids.length) throw referenceRefusals.refuse('invalid_input', 'departments', 'departmentIdsRepeat', {}, 'departments: ids repeat');
  const removed = clinic.departments.filter((d) => !ids.includes(d.id));
  if (removed.length) {
    const names = removed.map((d) => d.name);
    throw referenceRefusals.refuse('invalid_input', 'departments', 'departmentKept', { names: names.join('、') }, `departments: ${names.join(', ')} cannot be removed, only made inactive`);
  }
}

/**
 * A new desk's own clinic record and its first person (a clinic's lead, or head office's
 * director), who signs the set-up; written together, after the desk's clinic code.
 */
export async function setUpDocs(code: string, fields: Pick<ClinicDoc, 'name' | 'inHeadOfficeCity' | 'departments'>, person: Pick<StaffDoc, 'name' | 'sex' | 'role'> & { pin: string }, now: Date): Promise<[ClinicDoc, StaffDoc]> {
  const personId = staffDocs.id(code, newIdTail(now));
  const clinic: ClinicDoc = { ...newMeta('clinic', clinicDocs.id(code), code, personId, now), type: 'clinic', code, ...fields, waitAlertMinutes: 15 };
  const first: StaffDoc = {
    ...newMeta('staff', personId, code, personId, now),
    type: 'staff',
    name: person.name,
    sex: person.sex,
    role: person.role,
    departmentId: null,
    active: true,
    pinHash: await hashPin(person.pin),
    staffNumber: null,
    supervisorId: null,
    deptHeadId: null,
  };
  return [clinic, first];
}
