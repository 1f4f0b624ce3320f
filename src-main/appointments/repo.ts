import type { Db } from '../store/pouch';
import type { AppointmentDoc, NoShowCorrectionDoc, NoShowDoc } from '../../shared/appointments/schemas';
import type { VisitDoc } from '../../shared/desk/schemas';
import { cancelledBetween } from '../visits/repo';
import { getOrNull } from '../store/get';
import { onDuty } from '../staff/repo';
import { noShowCorrectionDocs, noShowDocs } from '../../shared/appointments/docs';
import { visitDocs } from '../../shared/desk/docs';

/** Repository of appointments and no-shows. The db is the first argument. (The duty list: src-main/staff/duty.ts.) */


export async function getAppointment(db: Db, id: string): Promise<AppointmentDoc | null> {
  const doc = await getOrNull<AppointmentDoc>(db, id);
  return doc && doc.type === 'appointment' ? doc : null;
}

/** Appointments of clinic dates `from`..`to` (inclusive), by date and time. */
export async function appointmentsBetween(db: Db, from: string, to: string): Promise<AppointmentDoc[]> {
  const res = await db.query<AppointmentDoc>('appointments/by_day', { startkey: [from], endkey: [to, '\ufff0'], include_docs: true });
  return res.rows.flatMap((r) => (r.doc ? [r.doc] : []));
}

/** Corrections of no-shows (a lead withdrew them): appointment id → correction. */
export async function noShowCorrectionsOf(db: Db, appointmentIdList: string[]): Promise<Map<string, NoShowCorrectionDoc>> {
  if (!appointmentIdList.length) return new Map();
  const res = await db.allDocs<NoShowCorrectionDoc>({ keys: appointmentIdList.map(noShowCorrectionDocs.id), include_docs: true });
  const out = new Map<string, NoShowCorrectionDoc>();
  for (const r of res.rows) if ('doc' in r && r.doc && r.doc.type === 'no-show-correction') out.set(r.doc.appointmentId, r.doc);
  return out;
}

/** The no-shows that stand: recorded and not corrected by a lead. */
export async function standingNoShowsOf(db: Db, appointmentIdList: string[]): Promise<Map<string, NoShowDoc>> {
  const [noShows, corrections] = await Promise.all([noShowsOf(db, appointmentIdList), noShowCorrectionsOf(db, appointmentIdList)]);
  for (const id of corrections.keys()) noShows.delete(id);
  return noShows;
}

export async function noShowsOf(db: Db, appointmentIdList: string[]): Promise<Map<string, NoShowDoc>> {
  if (!appointmentIdList.length) return new Map();
  const res = await db.allDocs<NoShowDoc>({ keys: appointmentIdList.map(noShowDocs.id), include_docs: true });
  const out = new Map<string, NoShowDoc>();
  for (const r of res.rows) if ('doc' in r && r.doc && r.doc.type === 'no-show') out.set(r.doc.appointmentId, r.doc);
  return out;
}

/** Visits of the days `from`..`to` that keep an appointment: appointment id → visit id. */
export async function arrivalsBetween(db: Db, clinic: string, from: string, to: string): Promise<Map<string, string>> {
  const [res, cancelled] = await Promise.all([
    db.allDocs<VisitDoc>({ include_docs: true, ...visitDocs.range(clinic, from, to) }),
    cancelledBetween(db, clinic, from, to),
  ]);
  const out = new Map<string, string>();
  // A cancelled visit (作废) kept nothing: the booking waits for the real arrival.
  for (const r of res.rows) if (r.doc?.appointmentId && !cancelled.has(r.doc._id)) out.set(r.doc.appointmentId, r.doc._id);
  return out;
}

export async function arrivalOf(db: Db, a: AppointmentDoc): Promise<string | null> {
  return (await arrivalsBetween(db, a.clinic, a.date, a.date)).get(a._id) ?? null;
}

/**
 * Who may be triaged to on a day: null when the day has no roster (then every active consultant or
 * doctor is offered). The roster is the staff domain's rota (排班) merged with this on/off list,
 * the newer decision per person and day winning (src-main/staff/repo.ts); with `at`, an instant of
 * that day, only those whose shift hours hold it.
 */
export async function onDutyToday(db: Db, clinic: string, date: string, at: Date | null = null): Promise<Set<string> | null> {
  const { rosterSet, on } = await onDuty(db, clinic, date, at);
  return rosterSet ? on : null;
}
