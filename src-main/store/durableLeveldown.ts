import leveldown from 'leveldown';

/**
 * LevelDB as PouchDB uses it, but every write is synced to disk before it is acknowledged.
 *
 * PouchDB's LevelDB adapter writes with LevelDB's default `sync: false`: a write sits in the OS
 * page cache and survives a killed process but not a power cut. A desk PC at a clinic door is
 * switched off at the wall, so every put, delete and batch here asks LevelDB for `sync: true`
 * (an fsync of its log). The cost is measured by `npm run bench`.
 */
type Callback = (err?: Error) => void;
type Options = Record<string, unknown>;

interface LevelDownLike {
  _open(options: Options, cb: Callback): void;
  _put(key: unknown, value: unknown, options: Options, cb: Callback): void;
  _del(key: unknown, options: Options, cb: Callback): void;
  _batch(ops: unknown[], options: Options, cb: Callback): void;
  _chainedBatch(): { _write(options: Options, cb: Callback): void };
}

export function makeDurable<T extends object>(db: T): T {
  const raw = db as unknown as LevelDownLike;
  const put = raw._put.bind(raw);
  const del = raw._del.bind(raw);
  const batch = raw._batch.bind(raw);
  const chained = raw._chainedBatch.bind(raw);
  raw._put = (key, value, options, cb) => put(key, value, { ...options, sync: true }, cb);
  raw._del = (key, options, cb) => del(key, { ...options, sync: true }, cb);
  raw._batch = (ops, options, cb) => batch(ops, { ...options, sync: true }, cb);
  raw._chainedBatch = () => {
    const b = chained();
    const write = b._write.bind(b);
    b._write = (options, cb) => write({ ...options, sync: true }, cb);
    return b;
  };
  return db;
}

/**
 * Locations that must already hold a database. PouchDB's adapter opens LevelDB with
 * `createIfMissing: true` and hands the same option to the view databases it makes beside it, so
 * it cannot be switched off there: for a set-up desk, a missing `CURRENT` would become a new, empty
 * database that deletes the old table files (docs/security.md). Only the desk's own folder is
 * listed; its views may always be made anew.
 */
export const mustExist = new Set<string>();

/**
 * The factory PouchDB takes as its `db` option. Its function name matters: the adapter caches
 * open stores by the factory's name, so it must differ from plain `leveldown`.
 */
export function durableLeveldown(location: string) {
  const db = makeDurable(leveldown(location));
  if (mustExist.has(location)) {
    const raw = db as unknown as LevelDownLike;
    const open = raw._open.bind(raw);
    raw._open = (options, cb) => open({ ...options, createIfMissing: false }, cb);
  }
  return db;
}
durableLeveldown.destroy = (location: string, cb: Callback) => leveldown.destroy(location, cb);
