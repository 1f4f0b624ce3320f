import { dutyDocs } from '../../shared/appointments/docs';
import type { shiftRolloutDocSchema } from '../../shared/staff/docs';
import type { Db } from '../store/pouch';
import type { z } from 'zod';
import type * as docs from '../../shared/staff/docSchemas';
import { addDays } from '../../shared/appointments/rules';
import { cellWindow, DAY, defaultShiftTypes, defaultStaffSettings, OFF, onDutyAt, type LeaveSpan, type PersonRota, type ShiftType, type StaffSettings } from '../../shared/staff/rules';
import { clinicDate } from '../../shared/time';
import type { StaffSettingsView } from '../../shared/staff/schemas';
import { triageRoles } from '../../shared/reference/schemas';
import { listStaff } from '../reference/repo';
import { getOrNull } from '../store/get';

/** Repository of shifts, the rota, leave and attendance. The db is the first argument. */

const tail = (staffId: string) => staffId.split(':')[2] ?? staffId;

export const staffIds = {
  settings: (clinic: string) => `staff-settings:${clinic}`,
  cell: (clinic: string, date: string, staffId: string) => `rota:${clinic}:${date}:${tail(staffId)}`,
  week: (clinic: string, monday: string) => `rota-week:${clinic}:${monday}`,
  change: (clinic: string, date: string, idTail: string) => `rota-change:${clinic}:${date}:${idTail}`,
  leave: (clinic: string, date: string, idTail: string) => `leave:${clinic}:${date}:${idTail}`,
  sign: (clinic: string, date: string, idTail: string) => `attendance:${clinic}:${date}:${idTail}`,
  fine: (clinic: string, date: string, staffId: string, kind: string) => `staff-fine:${clinic}:${date}:${tail(staffId)}:${kind}`,
};

/** `shiftTypesVersion` (absent on documents written before it: 1) counts the saves and roll-outs that changed the shift types; `shiftTypesBy` says whether head office's roll-out wrote the current ones. */
export type StaffSettingsDoc = z.infer<typeof docs.staffSettingsDoc>;
// weeklyHoursLimit: absent on documents written before it: no limit.
/** Head office's shift types rolled out to a clinic (`shift-rollout:<CODE>:v<4 digits>`), written once. */
export type ShiftRolloutDoc = z.infer<typeof shiftRolloutDocSchema>;

/** The newest roll-out of shift types to the clinic, or null. */
export async function latestRollout(db: Db, clinic: string): Promise<ShiftRolloutDoc | null> {
  const res = await db.allDocs<ShiftRolloutDoc>({ include_docs: true, descending: true, startkey: `shift-rollout:${clinic}:\ufff0`, endkey: `shift-rollout:${clinic}:`, limit: 1 });
  const doc = res.rows[0]?.doc;
  return doc && doc.type === 'shift-rollout' ? doc : null;
}
export type RotaDoc = z.infer<typeof docs.rotaDoc>;
export type RotaWeekDoc = z.infer<typeof docs.rotaWeekDoc>;
export type RotaChangeDoc = z.infer<typeof docs.rotaChangeDoc>;
export type LeaveDoc = z.infer<typeof docs.leaveDoc>;
export type AttendanceDoc = z.infer<typeof docs.attendanceDoc>;
export type StaffFineDoc = z.infer<typeof docs.staffFineDoc>;
/** The desk's on/off list (`duty.set`, `duty:<CODE>:<date>:<staff tail>`): one per person and day. */
export type DutyDoc = z.infer<typeof docs.dutyDoc>;
type LegacyDutyDoc = DutyDoc;

/** One duty record per person and day, so two desks editing one day's list never edit the same document. */
export const dutyId = dutyDocs.id;

/** The on/off list of one day: staff id → its record. Empty when nobody entered one for that day. */
export async function dutyOfDay(db: Db, clinic: string, date: string): Promise<Map<string, DutyDoc>> {
  return new Map((await range<DutyDoc>(db, `duty:${clinic}:`, date, date)).map((d) => [d.staffId, d] as const));
}

/** The longest leave read back when asking who is away on a day (产假 is the longest). */
export const MAX_LEAVE_DAYS = 190;

export interface Settings extends StaffSettings {
  shiftTypes: ShiftType[];
  doc: StaffSettingsDoc | null;
  shiftTypesVersion: number;
  shiftTypesByHeadOffice: boolean;
  /** The roll-out whose shift types are the current ones (null: the clinic's own or the defaults). */
  rollout: ShiftRolloutDoc | null;
}

/**
 * The clinic's settings. Its shift types are those of the higher version of two documents: the
 * clinic's own `staff-settings` (saved at a desk) and head office's newest `shift-rollout`; on the
 * same version (a roll-out made while a desk's own save had not reached the server yet) the later
 * written wins. Two documents, so the race ends in no conflict and the other shift types are kept.
 */
export async function getSettings(db: Db, clinic: string): Promise<Settings> {
  const [found, rollout] = await Promise.all([getOrNull<StaffSettingsDoc>(db, staffIds.settings(clinic)), latestRollout(db, clinic)]);
  const doc = found && found.type === 'staff-settings' ? found : null;
  const base = doc
    ? (({ summerFrom, winterFrom, lateFineYuan, lateRepeatFineYuan, graceMinutes, personalLeaveNoticeHours, weeklyHoursLimit }) => ({ summerFrom, winterFrom, lateFineYuan, lateRepeatFineYuan, graceMinutes, personalLeaveNoticeHours, weeklyHoursLimit: weeklyHoursLimit ?? null }))(doc)
    : defaultStaffSettings;
  const own = doc ? { shiftTypes: doc.shiftTypes, version: doc.shiftTypesVersion ?? 1, byHeadOffice: doc.shiftTypesBy === 'headoffice', at: doc.shiftTypesAt ?? doc.updatedAt } : { shiftTypes: defaultShiftTypes, version: 0, byHeadOffice: true, at: '' };
  const rolled = rollout && (rollout.version > own.version || (rollout.version === own.version && rollout.createdAt > own.at)) ? rollout : null;
  return rolled
    ? { ...base, shiftTypes: rolled.shiftTypes, doc, shiftTypesVersion: rolled.version, shiftTypesByHeadOffice: true, rollout: rolled }
    : { ...base, shiftTypes: own.shiftTypes, doc, shiftTypesVersion: own.version, shiftTypesByHeadOffice: own.byHeadOffice, rollout: null };
}

export function settingsView(s: Settings): StaffSettingsView {
  const { doc, rollout, ...rest } = s;
  // The stamp of what is in force: the roll-out's when its shift types are the current ones.
  const by = rollout && (!doc || rollout.createdAt > doc.updatedAt) ? rollout : doc;
  return { ...rest, fromHeadOffice: doc === null && rollout === null, updatedBy: by?.updatedBy ?? null, updatedAt: by?.updatedAt ?? null };
}

async function range<T>(db: Db, prefix: string, from: string, to: string): Promise<T[]> {
  const res = await db.allDocs<T & object>({ include_docs: true, startkey: `${prefix}${from}:`, endkey: `${prefix}${to}:\ufff0` });
  return res.rows.flatMap((r) => (r.doc ? [r.doc as T] : []));
}

export const cellsBetween = (db: Db, clinic: string, from: string, to: string) => range<RotaDoc>(db, `rota:${clinic}:`, from, to);
export const changesBetween = (db: Db, clinic: string, from: string, to: string) => range<RotaChangeDoc>(db, `rota-change:${clinic}:`, from, to);
export const signsBetween = (db: Db, clinic: string, from: string, to: string) => range<AttendanceDoc>(db, `attendance:${clinic}:`, from, to);
export const finesBetween = (db: Db, clinic: string, from: string, to: string) => range<StaffFineDoc>(db, `staff-fine:${clinic}:`, from, to);
const dutyBetween = (db: Db, clinic: string, from: string, to: string) => range<LegacyDutyDoc>(db, `duty:${clinic}:`, from, to);

/** Leave requests overlapping the clinic days `from`..`to`. */
export async function leavesOver(db: Db, clinic: string, from: string, to: string): Promise<LeaveDoc[]> {
  const docs = await range<LeaveDoc>(db, `leave:${clinic}:`, addDays(from, -MAX_LEAVE_DAYS), to);
  return docs.filter((l) => clinicDate(l.to) >= from);
}

export const approvedSpans = (leaves: LeaveDoc[]): LeaveSpan[] => leaves.filter((l) => l.status === 'approved').map((l) => ({ staffId: l.staffId, from: l.from, to: l.to }));

/**
 * The cells of the days `from`..`to`, person by person: the rota's, and the old on/off list's
 * (`duty.set`, still used by the desk's 当班 list) where it is newer: the latest decision about a
 * person's day wins. On/off from the old list reads as DAY (on duty all day) or OFF.
 */
export async function rotaBetween(db: Db, clinic: string, from: string, to: string): Promise<Map<string, PersonRota>> {
  const [cells, duty] = await Promise.all([cellsBetween(db, clinic, from, to), dutyBetween(db, clinic, from, to)]);
  const out = new Map<string, PersonRota>();
  const stamp = new Map<string, string>();
  const put = (staffId: string, date: string, code: string, at: string) => {
    const k = `${staffId}|${date}`;
    if ((stamp.get(k) ?? '') > at) return;
    stamp.set(k, at);
    const m = out.get(staffId) ?? new Map<string, string>();
    m.set(date, code);
    out.set(staffId, m);
  };
  for (const d of duty) put(d.staffId, d.date, d.onDuty ? DAY : OFF, d.updatedAt);
  // A rota cell written with the same stamp as a duty record (migration 3 copies its stamps) wins: it means the same.
  for (const c of cells) put(c.staffId, c.date, c.code, c.updatedAt);
  return out;
}

/**
 * Who is on duty on a clinic day (`at` null: rostered at some hour of it), or at an instant of it
 * (its shift's hours hold the instant; a night shift of the day before counts). `rosterSet`: a
 * consultant or doctor is rostered that day; without that, triage offers everyone (as the old list did).
 */
export async function onDuty(db: Db, clinic: string, date: string, at: Date | null): Promise<{ rosterSet: boolean; on: Set<string> }> {
  const [rota, settings, leaves, staff] = await Promise.all([rotaBetween(db, clinic, addDays(date, -1), date), getSettings(db, clinic), leavesOver(db, clinic, addDays(date, -1), date), listStaff(db, clinic)]);
  // Who is on duty decides whom triage and hand-offs offer, consultants and doctors: the day "has
  // a roster" when one of them is on it. A rota of the guides alone (a lead filling in her own
  // team first) must not take every consultant off triage.
  const triage = new Set(staff.filter((p) => triageRoles.includes(p.role)).map((p) => p._id));
  const spans = approvedSpans(leaves);
  const dayOn = new Set<string>();
  for (const [staffId, cells] of rota) {
    const w = cellWindow(cells.get(date) ?? OFF, date, settings.shiftTypes, settings);
    const away = w && spans.some((l) => l.staffId === staffId && Date.parse(l.from) <= Date.parse(w.start) && Date.parse(l.to) >= Date.parse(w.end));
    if (w && !away) dayOn.add(staffId);
  }
  const rosterSet = [...dayOn].some((id) => triage.has(id));
  if (!at || clinicDate(at) !== date) return { rosterSet, on: dayOn };
  return { rosterSet, on: onDutyAt(rota, at, settings.shiftTypes, settings, spans) };
}
