import { noShowDocs } from '../../shared/appointments/docs';
import type { AppointmentDoc, AppointmentView, NoShowDoc } from '../../shared/appointments/schemas';
import { addDays, appointmentState, dayEnd, noShowDue, NO_SHOW_LOOKBACK_DAYS } from '../../shared/appointments/rules';
import type { CustomerDoc } from '../../shared/desk/schemas';
import { phoneFor } from '../../shared/desk/visibility';
import type { ClinicDoc, StaffRole } from '../../shared/reference/schemas';
import { clinicDate } from '../../shared/time';
import { deskClinicCode, listStaff } from '../reference/repo';
import { newMeta } from '../store/meta';
import type { Db } from '../store/pouch';
import { serialised } from '../store/serial';
import { appointmentsBetween, arrivalsBetween, noShowCorrectionsOf, noShowsOf } from './repo';

/** Appointments as the desk reads them, and the end-of-day no-show job: used by appointments, customers' history and enquiries. */

/** What the desk shows of appointments: names, tier, state, masked phones; one read per kind. */
export async function toViews(db: Db, clinic: ClinicDoc, list: AppointmentDoc[], arrivals: Map<string, string>, now: Date, role: StaffRole): Promise<AppointmentView[]> {
  if (!list.length) return [];
  const [noShows, corrections, staff, customers] = await Promise.all([
    noShowsOf(db, list.map((a) => a._id)),
    noShowCorrectionsOf(db, list.map((a) => a._id)),
    listStaff(db, clinic.code),
    db.allDocs<CustomerDoc>({ keys: [...new Set(list.flatMap((a) => (a.customerId ? [a.customerId] : [])))], include_docs: true }),
  ]);
  const names = new Map(staff.map((s) => [s._id, s.name]));
  const tiers = new Map(customers.rows.flatMap((r) => ('doc' in r && r.doc ? [[r.doc._id, r.doc.tier] as const] : [])));
  return list.map((a) => {
    const visitId = arrivals.get(a._id) ?? null;
    const correction = corrections.get(a._id);
    return {
      id: a._id,
      customerId: a.customerId,
      name: a.name,
      phone: phoneFor(role, a.phone),
      tier: (a.customerId && tiers.get(a.customerId)) || null,
      date: a.date,
      time: a.time,
      at: a.at,
      serviceItem: a.serviceItem,
      departmentId: a.departmentId,
      departmentName: clinic.departments.find((d) => d.id === a.departmentId)?.name ?? a.departmentId,
      consultantId: a.consultantId,
      consultantName: a.consultantId ? (names.get(a.consultantId) ?? null) : null,
      source: a.source,
      note: a.note,
      // A corrected no-show no longer stands (a past day still reads 爽约 by the day rule; the view says it was corrected).
      // A corrected no-show no longer stands: a past day's reads `corrected`, today's by the time.
      state: appointmentState(a, { arrived: visitId !== null, noShow: noShows.has(a._id) && !correction, corrected: Boolean(correction) }, now),
      visitId,
      lateChanges: a.changes.filter((c) => c.late).length,
      cancelLate: a.cancelLate,
      cancelReason: a.cancelReason,
      lastCall: a.calls.at(-1) ?? null,
      calls: a.calls.length,
      bookedBy: names.get(a.createdBy) ?? a.createdBy,
      noShowCorrection: correction ? { at: correction.createdAt, byName: names.get(correction.createdBy) ?? correction.createdBy, reason: correction.reason } : null,
    };
  });
}

/** The record of an appointment not kept: its id is the appointment's, so every desk writes the same one. */
export function noShowDoc(a: AppointmentDoc, by: string, at: Date, how: NoShowDoc['how']): NoShowDoc {
  return { ...newMeta('no-show', noShowDocs.id(a._id), a.clinic, by, at), type: 'no-show', appointmentId: a._id, customerId: a.customerId, name: a.name, date: a.date, at: a.at, how };
}

/**
 * The end-of-day job (若客户未能按时到达,将记录在案): appointments of the last NO_SHOW_LOOKBACK_DAYS
 * clinic days that were neither kept nor cancelled get their no-show record. Run lazily when a
 * desk reads its appointments. The record is the same on every desk (id from the appointment,
 * stamped with the day's end and `system`), so two desks that both run it write one revision.
 */
export async function settleNoShows(db: Db, clinic: string, now: Date): Promise<number> {
  const today = clinicDate(now);
  const from = addDays(today, -NO_SHOW_LOOKBACK_DAYS);
  const past = (await appointmentsBetween(db, from, addDays(today, -1))).filter((a) => a.status === 'booked' && a.clinic === clinic);
  if (!past.length) return 0;
  const [arrivals, noShows] = await Promise.all([arrivalsBetween(db, clinic, from, today), noShowsOf(db, past.map((a) => a._id))]);
  const due = past.filter((a) => noShowDue(a, { arrived: arrivals.has(a._id), noShow: noShows.has(a._id) }, now));
  const docs = due.map((a) => noShowDoc(a, 'system', new Date(dayEnd(a.date)), 'auto'));
  if (docs.length) await db.bulkDocs(docs); // an id another call wrote meanwhile answers 409: nothing lost
  return docs.length;
}

/** At start: yesterday's (and older) unkept appointments get their no-shows before anyone asks. */
export async function settleNoShowsAtStart(db: Db, now: Date): Promise<void> {
  const clinic = await deskClinicCode(db);
  if (clinic) await serialised(db, () => settleNoShows(db, clinic, now));
}

