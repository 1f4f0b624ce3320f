import type { Db } from './pouch';

/**
 * Runs check-then-write steps (one clinic per desk, one customer per phone) one at a time per
 * store. The main process is the store's only writer (LevelDB's lock keeps others out), so an
 * in-process queue is enough to stop a double-clicked submit, or two windows, from writing twice.
 */
const queues = new WeakMap<Db, Promise<unknown>>();

export function serialised<T>(db: Db, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(db) ?? Promise.resolve()).then(task);
  queues.set(db, run.catch(() => {}));
  return run;
}
