import type { StaffRole } from './schemas';
import type { ReferenceRule } from './refusals';

/**
 * Who may grant which role (岗位), change whom, and reset whose PIN. Pure: the desk's roster
 * (staff.add / staff.update), head office's roster (headoffice.staffSave) and the roster screens
 * all ask it.
 *
 * The ladder (DOMAIN.md "People and roles"): 导医 and the other staff < 导医组长 < 客服主任 /
 * 医务部主任 < 行政院长 < head office (客服总监, 总经办, 总部医务部, 总部法务部 < 副总经理 < 总经理). From it:
 * - a role is granted only by someone above it, so clinic leadership (客服主任, 医务部主任, 行政院长)
 *   only by the dean or head office, and nobody creates or raises anyone to their own level;
 * - head-office roles are granted only from head-office mode (a clinic's desk never mints one:
 *   head office's people reach a clinic's roster from head office);
 * - head office is the top: in head-office mode its people may grant and manage their own level
 *   (nobody is above them to do it), and its 客服总监 — the person who sets head office up and keeps
 *   its roster — may add and manage every head-office role, 总经理 and 副总经理 included (issue 19:
 *   otherwise nobody could put them on head office's roster);
 * - changing another person at all (name, role, active, PIN) needs a role above theirs, and a
 *   head-office person is changed only from head-office mode;
 * - nobody changes their own role (their own PIN and name, yes).
 */
export const roleRank: Record<StaffRole, number> = {
  guide: 1,
  inspector: 1,
  consultant: 1,
  doctor: 1,
  doctorAssistant: 1,
  guideLead: 2,
  csDirector: 3,
  medicalDirector: 3,
  dean: 4,
  hoCsDirector: 5,
  gmOffice: 5,
  deputyGm: 6,
  gm: 7,
  // 回访专员 / 客服专员: staff of the clinic's CS department, below its 导医组长 and 客服主任.
  followupCaller: 1,
  csStaff: 1,
  // The consulting group (咨询组, seed 002): its leader at the desk lead's level, the consultants with the staff.
  onlineLead: 2,
  onlineConsultant: 1,
  phoneConsultant: 1,
  // Head office's medical and legal departments (the escalation levels they own), level with 客服总监 and 总经办.
  hoMedical: 5,
  hoLegal: 5,
};

/** Head office's own roles (also shared/headoffice/schemas.ts headOfficeRoles). */
export const headOfficeOnlyRoles: readonly StaffRole[] = ['hoCsDirector', 'gmOffice', 'deputyGm', 'gm', 'hoMedical', 'hoLegal'];

/** Who acts: their staff id, role, and whether this desk is head office's (head-office mode). */
export interface Grantor {
  id: string;
  role: StaffRole;
  headOffice: boolean;
}

export type StaffChange =
  | { kind: 'add'; role: StaffRole }
  /** `role` is the role after the change; `pin` says whether the change sets a PIN. */
  | { kind: 'update'; target: { id: string; role: StaffRole }; role: StaffRole; pin: boolean };

/** Why a roster change is refused: the staff domain's rule (shared/staff/refusals.ts, Chinese text by rule) and its facts. */
export interface GrantRefusal {
  field: 'role' | 'pin' | 'id';
  /** The refusal's rule (shared/reference/refusals.ts) and the roles its text names. */
  rule: ReferenceRule;
  params: Record<string, string>;
  message: string;
}

/** Is `by` above a person of role `role` (or head office's peer, in head-office mode)? */
export function isAbove(by: Grantor, role: StaffRole): boolean {
  const mine = roleRank[by.role];
  const theirs = roleRank[role];
  if (by.headOffice && by.role === 'hoCsDirector' && headOfficeOnlyRoles.includes(role)) return true;
  return mine > theirs || (by.headOffice && headOfficeOnlyRoles.includes(by.role) && mine === theirs);
}

/** Why `by` may not grant `role` to someone else, or null when they may. */
export function roleGrantRefusal(by: Grantor, role: StaffRole): GrantRefusal | null {
  if (headOfficeOnlyRoles.includes(role) && !by.headOffice) return { field: 'role', rule: 'headOfficeGrants', params: { role }, message: `role: only head office grants ${role}` };
  if (!isAbove(by, role)) return { field: 'role', rule: 'grantBelowOwn', params: { by: by.role, role }, message: `role: a ${by.role} may grant only roles below their own, not ${role}` };
  return null;
}

/** Why `by` may not make this change to the roster, or null when they may. */
export function staffChangeRefusal(by: Grantor, change: StaffChange): GrantRefusal | null {
  if (change.kind === 'add') return roleGrantRefusal(by, change.role);
  const { target, role, pin } = change;
  if (target.id === by.id) return role === target.role ? null : { field: 'role', rule: 'ownRole', params: {}, message: 'role: nobody changes their own role' };
  // Head office's people are managed from head office, never from a clinic's desk.
  if (!isAbove(by, target.role) || (headOfficeOnlyRoles.includes(target.role) && !by.headOffice)) {
    return pin
      ? { field: 'pin', rule: 'resetPinAbove', params: { role: target.role }, message: `pin: only someone above a ${target.role} may reset their PIN` }
      : { field: 'id', rule: 'changeAbove', params: { role: target.role }, message: `id: only someone above a ${target.role} may change them` };
  }
  return role === target.role ? null : roleGrantRefusal(by, role);
}

/** The roles `by` may give a new or another person (what a roster's role list offers). */
export function grantableRoles(by: Grantor, all: readonly StaffRole[]): StaffRole[] {
  return all.filter((r) => roleGrantRefusal(by, r) === null);
}
