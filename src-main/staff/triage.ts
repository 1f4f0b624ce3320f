import { triageRoles, type ClinicDoc, type Department, type StaffDoc } from '../../shared/reference/schemas';
import { getStaff } from '../reference/repo';
import type { Db } from '../store/pouch';
import { onDuty } from './repo';

/** Why a visitor cannot go to (or be booked with) a department and consultant. */
export type TriageProblem =
  | { rule: 'noSuchDepartment' }
  | { rule: 'notConsultantOf'; department: string }
  | { rule: 'offDuty'; name: string };

/**
 * Whom a visitor may be sent to at check-in (desk.checkIn, appointment.checkIn) or booked with
 * (appointment.book, enquiry.book) — one check, so the door and the booking agree: an active
 * department; the consultant, if named, an active consultant or doctor of this clinic and of that
 * department (or of none), and on duty that day when the day has a roster (by shift hours when
 * `at`, an instant of the day, is given). The screens offer only such people (BookingForm,
 * CheckInForm, enquiries' Book). Each caller refuses by its own domain's rules (`refuse`).
 */
export async function triageTarget(
  db: Db,
  clinic: ClinicDoc,
  target: { departmentId: string; consultantId: string | null },
  when: { date: string; at?: Date | null },
  refuse: (problem: TriageProblem) => never,
): Promise<{ department: Department; consultant: StaffDoc | null }> {
  const department = clinic.departments.find((d) => d.id === target.departmentId && d.active);
  if (!department) return refuse({ rule: 'noSuchDepartment' });
  if (target.consultantId === null) return { department, consultant: null };
  const consultant = await getStaff(db, target.consultantId);
  const fits = consultant && consultant.active && consultant.clinic === clinic.code && triageRoles.includes(consultant.role) && (consultant.departmentId === null || consultant.departmentId === department.id);
  if (!fits) return refuse({ rule: 'notConsultantOf', department: department.name });
  // A day without a roster offers everyone (docs/desk.md).
  const duty = await onDuty(db, clinic.code, when.date, when.at ?? null);
  if (duty.rosterSet && !duty.on.has(consultant._id)) return refuse({ rule: 'offDuty', name: consultant.name });
  return { department, consultant };
}
