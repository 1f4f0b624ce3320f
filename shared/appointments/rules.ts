/**
 * Pure rules of appointments (预约, DOMAIN.md §1 and §6): no I/O, no clock of their own.
 * China keeps one offset all year (UTC+8, no daylight saving), so a clinic date and time turn
 * into an instant by arithmetic.
 */
import { addDays, clinicDate, dateParts, isCalendarDate } from '../time';

const CLINIC_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Changes or cancellations with less notice than this are flagged as late (需提前 24 小时). */
export const NOTICE_MS = 24 * 3_600_000;
/** Hours the desk takes bookings for (clinic time). The chain's clinics open 08:00-21:00. */
export const OPENING = { from: '08:00', to: '21:00' } as const;
/** Bookings further ahead than this are refused as a typing mistake (e.g. 2062 for 2026). */
export const MAX_DAYS_AHEAD = 366;
/** How many past clinic days the end-of-day job looks back for unrecorded no-shows. */
export const NO_SHOW_LOOKBACK_DAYS = 14;
/** Minutes before an A/B customer's appointment that the named staff member is reminded. */
export const DOOR_REMINDER_MINUTES = 60;

/** `HH:MM`, 00:00-23:59 (rejects 24:00, 9:5, 25:70). */
export function isClockTime(value: string): boolean {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  return !!m && Number(m[1]) <= 23 && Number(m[2]) <= 59;
}

/** The instant of a clinic date and time, as ISO UTC. */
export function clinicInstant(date: string, time: string): string {
  const [y, mo, d] = dateParts(date);
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi) - CLINIC_OFFSET_MS).toISOString();
}

/** The clinic date `days` after `date` (negative: before; shared/time.ts). */
export { addDays };

/** When a clinic day is over: midnight at its end, clinic time. */
export function dayEnd(date: string): string {
  return clinicInstant(addDays(date, 1), '00:00');
}

/** The day whose visitors the desk calls today (预约前一天主动联系确认). */
export function callListDate(now: Date): string {
  return addDays(clinicDate(now), 1);
}

export type BookingTimeProblem = 'date' | 'time' | 'past' | 'closed' | 'tooFar';

/** Why a booking time cannot be right, or null. `field` decides which input the message names. */
export function bookingTimeProblem(date: string, time: string, now: Date): { field: 'date' | 'time'; problem: BookingTimeProblem } | null {
  if (!isCalendarDate(date)) return { field: 'date', problem: 'date' };
  if (!isClockTime(time)) return { field: 'time', problem: 'time' };
  if (time < OPENING.from || time > OPENING.to) return { field: 'time', problem: 'closed' };
  const at = new Date(clinicInstant(date, time)).getTime();
  if (at <= now.getTime()) return { field: date < clinicDate(now) ? 'date' : 'time', problem: 'past' };
  if (at - now.getTime() > MAX_DAYS_AHEAD * DAY_MS) return { field: 'date', problem: 'tooFar' };
  return null;
}

/** A change or cancellation made less than 24 h before the appointment is late (flagged, still allowed). */
export function isLateNotice(appointmentAt: string, now: Date): boolean {
  return new Date(appointmentAt).getTime() - now.getTime() < NOTICE_MS;
}

/** A change is late when either the old or the new time is less than 24 h away (short notice either way). */
export function isLateChange(fromAt: string, toAt: string, now: Date): boolean {
  return isLateNotice(fromAt, now) || isLateNotice(toAt, now);
}

/** An appointment may be changed or cancelled only while it is still ahead or today and not settled. */
export function canStillChange(a: { status: 'booked' | 'cancelled'; date: string }, arrived: boolean, noShow: boolean, now: Date): 'ok' | 'cancelled' | 'arrived' | 'noShow' | 'past' {
  if (a.status === 'cancelled') return 'cancelled';
  if (arrived) return 'arrived';
  if (noShow) return 'noShow';
  if (a.date < clinicDate(now)) return 'past';
  return 'ok';
}

/** Where an appointment stands on the desk's list. */
export type AppointmentState = 'cancelled' | 'arrived' | 'noShow' | 'corrected' | 'overdue' | 'expected';

export function appointmentState(a: { status: 'booked' | 'cancelled'; at: string; date: string }, facts: { arrived: boolean; noShow: boolean; corrected?: boolean }, now: Date): AppointmentState {
  if (facts.arrived) return 'arrived';
  if (a.status === 'cancelled') return 'cancelled';
  if (facts.noShow) return 'noShow';
  // A no-show a lead withdrew (issue 21): a past day's reads 已更正, today's is open again (she may still come).
  if (a.date < clinicDate(now)) return facts.corrected ? 'corrected' : 'noShow';
  return new Date(a.at).getTime() < now.getTime() ? 'overdue' : 'expected';
}

/**
 * A no-show is recorded once the appointment's clinic day is over and the visitor neither arrived
 * nor cancelled (若客户未能按时到达,将记录在案). The desk records it lazily: when its day list is read
 * or the app starts, for the last NO_SHOW_LOOKBACK_DAYS days.
 */
export function noShowDue(a: { status: 'booked' | 'cancelled'; date: string }, facts: { arrived: boolean; noShow: boolean }, now: Date): boolean {
  return a.status === 'booked' && !facts.arrived && !facts.noShow && a.date < clinicDate(now);
}

/** A guide may mark a no-show by hand once the appointment time has passed without arrival. */
export function canMarkNoShow(a: { status: 'booked' | 'cancelled'; at: string }, facts: { arrived: boolean; noShow: boolean }, now: Date): 'ok' | 'cancelled' | 'arrived' | 'noShow' | 'notYet' {
  if (a.status === 'cancelled') return 'cancelled';
  if (facts.arrived) return 'arrived';
  if (facts.noShow) return 'noShow';
  return new Date(a.at).getTime() <= now.getTime() ? 'ok' : 'notYet';
}

/** An A or B member's booked visitor is met at the door: remind from an hour before until they arrive. */
export function doorReminderDue(tier: 'A' | 'B' | 'C' | 'D' | null, a: { status: 'booked' | 'cancelled'; at: string; date: string }, arrived: boolean, now: Date): boolean {
  if (tier !== 'A' && tier !== 'B') return false;
  if (a.status !== 'booked' || arrived || a.date !== clinicDate(now)) return false;
  return new Date(a.at).getTime() - now.getTime() <= DOOR_REMINDER_MINUTES * 60_000;
}

/** Member tier from spending (DOMAIN.md §1), as guidance for the staff who set it. */
export function suggestedTier(spentYuan: number, months: number): 'A' | 'B' | 'C' | 'D' | null {
  if (spentYuan >= 1_000_000 && months <= 24) return 'A';
  if (spentYuan >= 500_000 && months <= 18) return 'B';
  if (spentYuan >= 200_000 && months <= 12) return 'C';
  return spentYuan > 0 ? 'D' : null;
}
