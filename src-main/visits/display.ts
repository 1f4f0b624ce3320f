import type { Db } from '../store/pouch';
import type { DisplayCall, DisplayRow } from '../../shared/visits/schemas';
import { isWaiting, maskName } from '../../shared/visits/rules';
import { clinicDate } from '../../shared/time';
import { getClinic } from '../reference/repo';
import { dayBoard, displaySettings, eventsOfDay } from './repo';

/**
 * The waiting-room screen's whole view of the data: today's waiting visitors, masked (张**), with
 * their department. Built here, never from a desk view, so no phone or full name can slip through.
 */
export interface DisplayBoard {
  clinic: string;
  rows: DisplayRow[];
  /** The latest call (叫号) of a visitor still waiting, within CALL_SHOWN_MINUTES; null when none. */
  call: DisplayCall | null;
  /** Speak calls aloud (the clinic's display setting). */
  speak: boolean;
  /** The host's clock: the screen shows its time from this, not from the PC it runs on. */
  now: string;
}

/** A call stays on the screen this long (or until the visitor is no longer waiting). */
export const CALL_SHOWN_MINUTES = 5;

export async function displayBoard(db: Db, now: Date): Promise<DisplayBoard> {
  const clinic = await getClinic(db);
  if (!clinic) return { clinic: '', rows: [], call: null, speak: false, now: now.toISOString() };
  const date = clinicDate(now);
  const [board, events, settings] = await Promise.all([dayBoard(db, clinic.code, date), eventsOfDay(db, clinic.code, date), displaySettings(db, clinic.code)]);
  const waiting = board.filter((b) => isWaiting(b.state.status));
  const byId = new Map(waiting.map((b) => [b.visit._id, b]));
  const since = now.getTime() - CALL_SHOWN_MINUTES * 60_000;
  const last = events
    .filter((e) => e.kind === 'call' && byId.has(e.visitId) && new Date(e.createdAt).getTime() >= since)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a._id.localeCompare(b._id))
    .at(-1);
  const called = last ? byId.get(last.visitId)! : null;
  return {
    clinic: clinic.name,
    rows: waiting.map((b) => ({ number: b.label, name: maskName(b.visit.customerName), department: b.visit.departmentName })),
    call: last && called ? { id: last._id, number: called.label, name: maskName(called.visit.customerName), department: called.visit.departmentName, at: last.createdAt } : null,
    speak: settings?.speakCalls ?? false,
    now: now.toISOString(),
  };
}

/** Document types whose change moves the display. */
export const displayTypes = ['visit', 'visit-event', 'clinic', 'display-settings'];
