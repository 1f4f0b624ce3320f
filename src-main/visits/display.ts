import type { Db } from '../store/pouch';
import type { DisplayRow } from '../../shared/visits/schemas';
import { isWaiting, maskName } from '../../shared/visits/rules';
import { clinicDate } from '../../shared/time';
import { getClinic } from '../reference/repo';
import { dayBoard } from './repo';

/**
 * The waiting-room screen's whole view of the data: today's waiting visitors, masked (张**), with
 * their department. Built here, never from a desk view, so no phone or full name can slip through.
 */
export async function displayBoard(db: Db, now: Date): Promise<{ clinic: string; rows: DisplayRow[] }> {
  const clinic = await getClinic(db);
  if (!clinic) return { clinic: '', rows: [] };
  const board = await dayBoard(db, clinic.code, clinicDate(now));
  return {
    clinic: clinic.name,
    rows: board.filter((b) => isWaiting(b.state.status)).map((b) => ({ name: maskName(b.visit.customerName), department: b.visit.departmentName })),
  };
}

/** Document types whose change moves the display. */
export const displayTypes = ['visit', 'visit-event', 'clinic'];
