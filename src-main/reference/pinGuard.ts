import type { Db } from '../store/pouch';
import { getOrNull } from '../store/get';

/** Wrong PINs in a row that lock a person out at this desk, and for how long. */
export const MAX_PIN_FAILURES = 5;
export const PIN_LOCK_MS = 5 * 60_000;

/**
 * Wrong PINs and lock-outs, one `_local/pin-guard:<staff id>` document per person. Local, not
 * replicated: the guesses are made at this desk and the lock holds at this desk, across restarts
 * (it is on disk). Replicating it would let one desk's typos lock a person out at every desk, make
 * every sign-in at two desks a conflict on one document, and send head office a document type its
 * validation does not know; the in-memory sessions a lock-out ends are this desk's anyway.
 */
interface GuardDoc {
  _id: string;
  _rev?: string;
  failures: number;
  lockedUntil: string | null;
}

const guardId = (staffId: string) => `_local/pin-guard:${staffId}`;

/** One verification at a time per person: a queue per staff id (the main process is the store's only writer). */
const queues = new Map<string, Promise<unknown>>();

export function onePinCheckAtATime<T>(staffId: string, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(staffId) ?? Promise.resolve()).then(task);
  const tail = run.catch(() => {});
  queues.set(staffId, tail);
  void tail.then(() => queues.get(staffId) === tail && queues.delete(staffId));
  return run;
}

async function read(db: Db, staffId: string): Promise<GuardDoc> {
  return (await getOrNull<GuardDoc>(db, guardId(staffId))) ?? { _id: guardId(staffId), failures: 0, lockedUntil: null };
}

async function write(db: Db, doc: GuardDoc): Promise<void> {
  await db.put(doc);
}

/** When the person's lock-out ends, if she is locked out now. */
export async function lockedUntil(db: Db, staffId: string, now: Date): Promise<Date | null> {
  const doc = await read(db, staffId);
  return doc.lockedUntil !== null && new Date(doc.lockedUntil) > now ? new Date(doc.lockedUntil) : null;
}

/**
 * Counts an attempt before the PIN is checked, so a crash or a slow check cannot leave a guess
 * uncounted. A lock that has run out is over: the count starts again.
 */
export async function countAttempt(db: Db, staffId: string, now: Date): Promise<void> {
  const doc = await read(db, staffId);
  const expired = doc.lockedUntil !== null && new Date(doc.lockedUntil) <= now;
  await write(db, { ...doc, failures: (expired ? 0 : doc.failures) + 1, lockedUntil: expired ? null : doc.lockedUntil });
}

/** After a wrong PIN: locks the person out once the counted attempts reach the limit. True when locked now. */
export async function afterWrongPin(db: Db, staffId: string, now: Date): Promise<boolean> {
  const doc = await read(db, staffId);
  if (doc.failures < MAX_PIN_FAILURES) return false;
  await write(db, { ...doc, failures: 0, lockedUntil: new Date(now.getTime() + PIN_LOCK_MS).toISOString() });
  return true;
}

/** After the right PIN: the counted attempt was hers, nothing is held against her. */
export async function afterRightPin(db: Db, staffId: string): Promise<void> {
  const doc = await read(db, staffId);
  if (doc.failures !== 0 || doc.lockedUntil !== null) await write(db, { ...doc, failures: 0, lockedUntil: null });
}
