import type { Db } from '../store/pouch';
import { DESK_DOC_ID } from '../store/store';
import { clinicDocs, staffDocs } from '../../shared/reference/docs';
import { referenceRefusals } from '../../shared/reference/refusals';
import type { ClinicDoc, ClinicView, StaffDoc, StaffView } from '../../shared/reference/schemas';
import { getOrNull } from '../store/get';

/** Repository of the clinic's reference data. Functions take the db first (cht-core's habit). */


/** The clinic this desk belongs to: set once at set-up, kept in a non-replicated local doc. */
export async function deskClinicCode(db: Db): Promise<string | null> {
  const desk = await getOrNull<{ clinic?: string }>(db, DESK_DOC_ID);
  return desk?.clinic ?? null;
}

/** Names (or, with null, forgets) the clinic of this desk. */
export async function setDeskClinicCode(db: Db, clinic: string | null): Promise<void> {
  const { clinic: _old, ...desk } = await db.get<{ deskId: string; clinic?: string }>(DESK_DOC_ID);
  await db.put(clinic === null ? desk : { ...desk, clinic });
}

export async function getClinic(db: Db): Promise<ClinicDoc | null> {
  const code = await deskClinicCode(db);
  if (!code) return null;
  return getOrNull<ClinicDoc>(db, clinicDocs.id(code));
}

export async function requireClinic(db: Db): Promise<ClinicDoc> {
  const clinic = await getClinic(db);
  if (!clinic) throw referenceRefusals.refuse('conflict', undefined, 'notSetUp', {}, 'this desk is not set up yet');
  return clinic;
}

export async function getStaff(db: Db, id: string): Promise<StaffDoc | null> {
  const doc = await getOrNull<StaffDoc>(db, id);
  return doc && doc.type === 'staff' ? doc : null;
}

export async function listStaff(db: Db, clinic: string): Promise<StaffDoc[]> {
  const res = await db.allDocs<StaffDoc>({ include_docs: true, ...staffDocs.range(clinic) });
  return res.rows.flatMap((r) => (r.doc ? [r.doc] : []));
}

export function toStaffView(s: StaffDoc): StaffView {
  return {
    id: s._id,
    name: s.name,
    sex: s.sex,
    role: s.role,
    departmentId: s.departmentId,
    active: s.active,
    canSignIn: s.pinHash !== null,
    // Documents written before the roster fields (issue 6) have none of them.
    staffNumber: s.staffNumber ?? null,
    supervisorId: s.supervisorId ?? null,
    deptHeadId: s.deptHeadId ?? null,
  };
}

export function toClinicView(c: ClinicDoc): ClinicView {
  return { code: c.code, name: c.name, inHeadOfficeCity: c.inHeadOfficeCity, departments: c.departments, waitAlertMinutes: c.waitAlertMinutes };
}
