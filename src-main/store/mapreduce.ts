import createAbstractMapReduce from 'pouchdb-abstract-mapreduce';

/**
 * PouchDB's map/reduce (`db.query`) with the design documents' functions compiled once per index
 * update instead of once per document. pouchdb-mapreduce, in Node, runs every map and reduce call
 * in a fresh `vm` context (`vm.runInNewContext` of the function's source with the document
 * pasted in as JSON): ~1–3 ms per document per view, so indexing what one sync brought (10,000
 * documents × the app's views) cost minutes of the main process, and `sync.status`'s conflict count
 * alone paid it for every document pulled or pushed (`npm run bench`, docs/bench.md).
 *
 * The sandbox bought nothing here: the only design documents in a store are the app's own
 * (src-main/store/designDocs.ts and the domains' storage.ts; sync carries none, see
 * `travelsWithClinic`), and on the embedded head office only an admin writes them, as in CouchDB.
 * The functions get what CouchDB and pouchdb-mapreduce give them (`emit`, `sum`, `log`,
 * `isArray`, `toJSON`) and run in strict mode, like pouchdb-mapreduce's browser build does. This is
 * pouchdb-mapreduce 9 with that one change: same local-doc name and view signatures, so indexes
 * built before are found and kept.
 */
type Emit = (key: unknown, value?: unknown) => void;
type Fn = (...args: unknown[]) => unknown;

function sum(values: unknown[]): number | number[] {
  let result: number | number[] = 0;
  for (const v of values) {
    if (typeof v === 'number') {
      if (typeof result === 'number') result += v;
      else result[0]! += v;
    } else if (Array.isArray(v)) {
      const out: number[] = typeof result === 'number' ? [result] : result;
      v.forEach((n: unknown, j) => {
        if (typeof n !== 'number') throw builtInError('_sum');
        out[j] = (out[j] ?? 0) + n;
      });
      result = out;
    } else throw builtInError('_sum');
  }
  return result;
}

/** A built-in reduce met something other than numbers (pouchdb-mapreduce throws its own class; the
 * app's views use no built-in reduce). */
class BuiltInError extends Error {
  status = 500;
  override name = 'builtin_error';
}
const builtInError = (name: string) => new BuiltInError(`builtin ${name} function requires map values to be numbers or number arrays`);

const builtInReduce: Record<string, Fn> = {
  _sum: (_keys, values) => sum(values as unknown[]),
  _count: (_keys, values) => (values as unknown[]).length,
  _stats: (_keys, values) => {
    const nums = values as number[];
    return { sum: sum(nums), min: Math.min(...nums), max: Math.max(...nums), count: nums.length, sumsqr: nums.reduce((s, n) => s + n * n, 0) };
  },
};

/** One design-document function, compiled once, with what CouchDB gives it in scope. */
function compile(source: string, emit: Emit = () => {}): Fn {
  const body = `"use strict"; return (${source.replace(/;\s*$/, '')});`;
  const make = new Function('emit', 'sum', 'log', 'isArray', 'toJSON', body) as (...scope: unknown[]) => Fn;
  return make(emit, sum, () => {}, Array.isArray, JSON.parse);
}

function mapper(mapFun: unknown, emit: Emit): Fn {
  // A temporary view's function `(doc, emit)` (pouchdb-mapreduce's own special case).
  if (typeof mapFun === 'function' && mapFun.length === 2) return (doc) => (mapFun as Fn)(doc, emit);
  return compile(String(mapFun), emit);
}

function reducer(reduceFun: unknown): Fn {
  const source = String(reduceFun);
  const builtIn = /^_(sum|count|stats)/.exec(source);
  if (builtIn) return builtInReduce[`_${builtIn[1]!}`]!;
  if (source.startsWith('_')) throw new Error(`${source} is not a supported reduce function.`);
  return compile(source);
}

function ddocValidator(ddoc: { _id: string; views?: Record<string, { map?: unknown }> }, viewName: string) {
  const fun = ddoc.views?.[viewName];
  if (typeof fun?.map !== 'string') {
    throw Object.assign(new Error(`ddoc ${ddoc._id} has no string view named ${viewName}, instead found object of type: ${typeof fun?.map}`), { status: 404, name: 'not_found' });
  }
}

const abstract = createAbstractMapReduce('mrviews', mapper, reducer, ddocValidator);

/** The plugin: `PouchDB.plugin(mapreduce)` in place of pouchdb-mapreduce. */
export const mapreduce = {
  query(this: unknown, ...args: unknown[]) {
    return abstract.query.apply(this, args);
  },
  viewCleanup(this: unknown, ...args: unknown[]) {
    return abstract.viewCleanup.apply(this, args);
  },
};
