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
 * The factory PouchDB takes as its `db` option. Its function name matters: the adapter caches
 * open stores by the factory's name, so it must differ from plain `leveldown`.
 */
export function durableLeveldown(location: string) {
  return makeDurable(leveldown(location));
}
durableLeveldown.destroy = (location: string, cb: Callback) => leveldown.destroy(location, cb);
