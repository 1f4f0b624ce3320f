import { newIdTail } from '../../shared/ids';
import { staffDocs } from '../../shared/reference/docs';
import type { StaffDoc, StaffRole } from '../../shared/reference/schemas';
import { hashPin } from '../../src-main/reference/pin';

export interface SeededPerson {
  name: string;
  role: StaffRole;
  sex?: 'F' | 'M';
  pin?: string | null;
  departmentId?: string | null;
  staffNumber?: string | null;
  supervisorId?: string | null;
  deptHeadId?: string | null;
}

/**
 * A staff record as head office's roster (or a clinic's set-up) writes it, for people a clinic's
 * lead may not add herself (shared/reference/grants.ts): stamped by the person herself.
 */
export async function seededStaffDoc(clinic: string, at: Date, p: SeededPerson): Promise<StaffDoc> {
  const id = staffDocs.id(clinic, newIdTail(at));
  return {
    _id: id,
    type: 'staff',
    schemaVersion: 2,
    clinic,
    createdAt: at.toISOString(),
    createdBy: id,
    updatedAt: at.toISOString(),
    updatedBy: id,
    name: p.name,
    sex: p.sex ?? 'F',
    role: p.role,
    departmentId: p.departmentId ?? null,
    active: true,
    pinHash: p.pin ? await hashPin(p.pin) : null,
    staffNumber: p.staffNumber ?? null,
    supervisorId: p.supervisorId ?? null,
    deptHeadId: p.deptHeadId ?? null,
  };
}
