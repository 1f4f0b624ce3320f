import { complaintNumber, eventOrder, nextSerial, numberMonth } from '../../shared/complaints/rules';
import type { ChangeEvent } from '../../shared/operations';
import type { Db } from '../store/pouch';
import { newMeta } from '../store/meta';
import { serialised } from '../store/serial';
import { deskClinicCode } from '../reference/repo';
import { caseDocsOf, complaintsOf, getSettings, issuedNumbers } from './repo';
import { complaintIds, type ComplaintEventDoc, type ComplaintNumberDoc } from './storage';

/**
 * Complaint numbers (docs/complaints.md "Numbering"). Only the clinic's numbering desk
 * (`complaint-settings:<CODE>`.numberingDeskId) issues them, so there is one writer of each
 * clinic-month's serials and two offline desks cannot both hand out BJ20261107. A case accepted on
 * another desk waits as 待编号 until the numbering desk has the acceptance (through sync) and
 * issues it. The number's month is the acceptance's clinic month; the serial counts on from the
 * highest number of that month the numbering desk has seen.
 */

/** The acceptance in force: the first by time (ties by id), as `caseState` folds them. */
export function firstAccept(events: readonly ComplaintEventDoc[]): ComplaintEventDoc | null {
  let first: ComplaintEventDoc | null = null;
  for (const e of events) if (e.kind === 'accept' && (!first || eventOrder({ at: e.at, seq: e.seq, id: e._id }, { at: first.at, seq: first.seq, id: first._id }) < 0)) first = e;
  return first;
}

/** On the numbering desk: numbers every accepted case that has none yet. Elsewhere: nothing. Returns the new numbers. */
export function issuePendingNumbers(db: Db, deskId: string, now: Date): Promise<string[]> {
  return serialised(db, async () => {
    const clinic = await deskClinicCode(db);
    if (!clinic) return [];
    const settings = await getSettings(db, clinic);
    if (settings?.numberingDeskId !== deskId) return [];
    const [complaints, { eventsByCase, numbersByCase }] = await Promise.all([complaintsOf(db, clinic), caseDocsOf(db, clinic)]);
    const pending: ComplaintEventDoc[] = [];
    for (const c of complaints) {
      if (numbersByCase.get(c._id)?.length) continue;
      const accept = firstAccept(eventsByCase.get(c._id) ?? []);
      if (accept) pending.push(accept);
    }
    pending.sort((a, b) => a.at.localeCompare(b.at) || a._id.localeCompare(b._id));
    const issued: string[] = [];
    for (const accept of pending) {
      const month = numberMonth(accept.at);
      const known = await issuedNumbers(db, `${clinic}${month.replace('-', '')}`);
      const serial = nextSerial(known.map((k) => k.number), clinic, month);
      const number = complaintNumber(clinic, month, serial);
      const doc: ComplaintNumberDoc = {
        // Issued on behalf of whoever accepted the case; the desk is named in `deskId`.
        ...newMeta('complaint-number', complaintIds.number(accept.complaintId, deskId), clinic, accept.createdBy, now),
        type: 'complaint-number',
        complaintId: accept.complaintId,
        number,
        month,
        serial,
        deskId,
        acceptEventId: accept._id,
      };
      // A plain put without _rev: it can only create, never overwrite a number.
      await db.put(doc);
      issued.push(number);
    }
    return issued;
  });
}

/**
 * Keeps the numbering desk issuing while it runs: whenever acceptances or the settings change
 * (from this desk or arriving through sync), pending cases are numbered. One run at a time.
 */
export function startComplaintNumbering(
  db: Db,
  deskId: string,
  now: () => Date,
  log: (message: string, err: unknown) => void,
  subscribe: (listener: (event: ChangeEvent) => void) => () => void,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let again = false;
  let busy = false;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    running = issuePendingNumbers(db, deskId, now())
      .catch((err: unknown) => log('complaints: numbering failed', err))
      .finally(() => {
        busy = false;
        if (again && !stopped) {
          again = false;
          run();
        }
      });
  };
  const unsubscribe = subscribe((event) => {
    if (event.types.includes('complaint-event') || event.types.includes('complaint-settings')) run();
  });
  run();
  return {
    async stop() {
      stopped = true;
      unsubscribe();
      await running;
    },
  };
}
