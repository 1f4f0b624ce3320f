import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * CouchDB 3's `oldDoc`, as an option of the embedded head office (`couchOldDoc`).
 *
 * WHERE THEY DIFFER. `validate_doc_update(newDoc, oldDoc, …)` receives:
 * - in CouchDB 3, the revision the write replaces: for an interactive write the leaf its `_rev`
 *   names (a losing branch's leaf when that branch is edited or deleted), for a replicated write
 *   (`new_edits: false`) the nearest ancestor in its `_revisions` whose body the server has, and
 *   null when it shares none (a new branch: it is stored beside the winner as a conflict);
 * - in express-pouchdb 4.2 (pouchdb-validation), always the current winner (`db.get(id)`).
 * So on CouchDB two desks that create the same written-once id both get in and make a conflict,
 * where express-pouchdb refuses the second. With this option the stand-in answers pouchdb-validation's
 * `get(id, { revs: true })`, for the documents of the request being validated, with what CouchDB
 * would pass, so tests can reproduce what only CouchDB does (tests/integration/sync-written-once.test.ts).
 * Off by default: the rest of the suite runs with express-pouchdb's own behaviour.
 */
type Incoming = { rev: string } | { revisions: { start: number; ids: string[] } };

const incoming = new AsyncLocalStorage<Map<string, Incoming>>();

/** Runs `next` (the rest of the request) with the written documents' revisions in reach of `get`. */
export function withIncoming(docs: unknown[], replicated: boolean, next: () => void): void {
  const map = new Map<string, Incoming>();
  for (const doc of docs as { _id?: unknown; _rev?: unknown; _revisions?: { start?: unknown; ids?: unknown } }[]) {
    if (typeof doc._id !== 'string') continue;
    const r = doc._revisions;
    if (replicated && r && typeof r.start === 'number' && Array.isArray(r.ids)) map.set(doc._id, { revisions: { start: r.start, ids: r.ids as string[] } });
    else if (replicated) map.set(doc._id, { revisions: { start: 1, ids: [] } });
    else if (typeof doc._rev === 'string') map.set(doc._id, { rev: doc._rev });
  }
  incoming.run(map, next);
}

type Get = (this: unknown, id: string, opts?: Record<string, unknown>) => Promise<unknown>;

function missing(): Error {
  return Object.assign(new Error('missing'), { status: 404, name: 'not_found' });
}

/**
 * A PouchDB constructor whose databases answer, inside `withIncoming`, validation's read of the old
 * document as CouchDB would. PouchDB 9 sets `get` on each instance in its constructor, so the
 * subclass wraps each instance's own.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript's mixin pattern requires any[]
export function withCouchOldDoc<C extends new (...args: any[]) => object>(Base: C): C {
  return class extends Base {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    constructor(...args: any[]) {
      super(...args);
      const self = this as unknown as { get: Get };
      const original = self.get;
      self.get = async function (this: unknown, id, opts) {
        const write = incoming.getStore()?.get(id);
        // pouchdb-validation asks `get(id, { revs: true })`; any other read is left alone.
        if (!write || !opts || opts.revs !== true || Object.keys(opts).length !== 1) return original.call(this, id, opts);
        if ('rev' in write) return original.call(this, id, { rev: write.rev, revs: true });
        const { start, ids } = write.revisions;
        for (let i = 1; i < ids.length; i++) {
          try {
            return await original.call(this, id, { rev: `${start - i}-${ids[i]}`, revs: true });
          } catch (err) {
            if ((err as { status?: number }).status !== 404) throw err;
          }
        }
        throw missing();
      };
    }
  };
}
