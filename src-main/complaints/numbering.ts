import { claimsInForce, complaintNumber, eventOrder, everyNumber, nextSerial, numberMonth } from '../../shared/complaints/rules';
import type { ChangeEvent } from '../../shared/operations';
import type { Db } from '../store/pouch';
import { newMeta } from '../store/meta';
import { serialised } from '../store/serial';
import { deskClinicCode } from '../reference/repo';
import { clinicNumbers, complaintsOf, eventsByCaseOf, getSettings } from './repo';
import { complaintIds, type ComplaintEventDoc, type ComplaintNumberDoc } from './storage';

/**
 * Complaint numbers (docs/complaints.md "Numbering"). Only the clinic's numbering desk
 * (`complaint-settings:<CODE>`.numberingDeskId, taken only while head office confirms it) issues
 * them, so there is one writer of each clinic-month's serials. A case accepted on another desk
 * waits as 待编号 until the numbering desk has the acceptance (through sync) and issues it. The
 * number's month is the acceptance's clinic month; the serial counts on from the highest number of
 * that month the desk has seen, withdrawn ones and the month's reserved floor included.
 */

/** The acceptance in force: the first by time (ties by id), as `caseState` folds them. */
export function firstAccept(events: readonly ComplaintEventDoc[]): ComplaintEventDoc | null {
  let first: ComplaintEventDoc | null = null;
  for (const e of events) if (e.kind === 'accept' && (!first || eventOrder({ at: e.at, seq: e.seq, id: e._id }, { at: first.at, seq: first.seq, id: first._id }) < 0)) first = e;
  return first;
}

/**
 * Writes one number document; false when the number is already claimed here (the id is the
 * number, and a put without _rev only creates). A deleted claim (a withdrawn side of a conflict)
 * counts as taken too: `everyNumber` never offers it again.
 */
export async function claimNumber(db: Db, doc: ComplaintNumberDoc): Promise<boolean> {
  try {
    await db.put(doc);
    return true;
  } catch (err) {
    if ((err as { status?: number }).status === 409) return false;
    throw err;
  }
}

/**
 * On the numbering desk: numbers every accepted case that has none yet — except a case whose
 * acceptance was made on a desk that was then the numbering desk and numbered it itself (its
 * number may be on its way, or refused by head office as a duplicate: a person resolves that,
 * this desk must not hand the patient a second number). Elsewhere: nothing. Returns the new numbers.
 */
export function issuePendingNumbers(db: Db, deskId: string, now: Date): Promise<string[]> {
  return serialised(db, async () => {
    const clinic = await deskClinicCode(db);
    if (!clinic) return [];
    const settings = await getSettings(db, clinic);
    if (settings?.numberingDeskId !== deskId) return [];
    const [complaints, eventsByCase, claims] = await Promise.all([complaintsOf(db, clinic), eventsByCaseOf(db, clinic), clinicNumbers(db, clinic)]);
    const numbered = new Set(claimsInForce(claims).map((c) => c.complaintId));
    const pending: ComplaintEventDoc[] = [];
    for (const c of complaints) {
      if (numbered.has(c._id)) continue;
      const accept = firstAccept(eventsByCase.get(c._id) ?? []);
      if (accept && (accept.data.numberedBy === undefined || accept.data.numberedBy === deskId)) pending.push(accept);
    }
    pending.sort((a, b) => a.at.localeCompare(b.at) || a._id.localeCompare(b._id));
    const known = everyNumber(claims);
    const issued: string[] = [];
    for (const accept of pending) {
      const month = numberMonth(accept.at);
      for (;;) {
        const serial = nextSerial(known, clinic, month, settings.reserved?.[month] ?? 0);
        const number = complaintNumber(clinic, month, serial);
        known.push(number);
        const doc: ComplaintNumberDoc = {
          // Issued on behalf of whoever accepted the case; the desk is named in `deskId`.
          ...newMeta('complaint-number', complaintIds.number(clinic, number), clinic, accept.createdBy, now),
          type: 'complaint-number',
          complaintId: accept.complaintId,
          number,
          month,
          serial,
          deskId,
          acceptEventId: accept._id,
          replaces: null,
        };
        if (await claimNumber(db, doc)) {
          issued.push(number);
          break;
        }
      }
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
