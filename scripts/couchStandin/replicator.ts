import { PouchDB } from '../../src-main/store/pouch';

/**
 * The embedded head office's `_replicator`: runs the replications that documents in the server's
 * `_replicator` database describe, as CouchDB 3 does.
 *
 * Why our own: express-pouchdb's replicator (pouchdb-replicator 4.2) marks the documents
 * `triggered` in CouchDB 1.x style but moves no data here — it opens the source and target with
 * the server's PouchDB constructor, whose LevelDB adapter then takes the URLs for folder names.
 * This one reads the same documents (`source`/`target` as a URL or `{ url, headers }`, or
 * CouchDB 3.2's `auth.basic`; `continuous`, `create_target`, `doc_ids`, `selector`, `filter` with
 * `query_params`), replicates over HTTP
 * like CouchDB does, and never writes to the documents (CouchDB 3 does not either for continuous
 * replications; it reports state in `_scheduler/docs`, which we do not offer: see `states()`).
 */
export interface ReplicatorOptions {
  /** This server's own address, e.g. http://127.0.0.1:5984 */
  url: string;
  admin: { username: string; password: string };
  log?: (line: string) => void;
}

export type ReplicationState = 'running' | 'completed' | 'error';

export interface ReplicatorDaemon {
  /** What each `_replicator` document's replication is doing, by document id. */
  states(): Record<string, { state: ReplicationState; error?: string; docsWritten: number }>;
  close(): Promise<void>;
}

type Endpoint = string | { url?: unknown; headers?: unknown; auth?: unknown };

interface ReplicatorDoc {
  _id: string;
  _deleted?: boolean;
  source?: Endpoint;
  target?: Endpoint;
  continuous?: boolean;
  create_target?: boolean;
  doc_ids?: string[];
  selector?: object;
  filter?: string;
  query_params?: Record<string, unknown>;
}

interface Running {
  signature: string;
  replication: PouchDB.Replication.Replication<object>;
  state: ReplicationState;
  error?: string;
  docsWritten: number;
  done: Promise<void>;
}

/** Opens one end of a replication over HTTP; throws with a plain message when the document is malformed. */
export function openEndpoint(endpoint: Endpoint | undefined, which: 'source' | 'target', create: boolean): PouchDB.Database {
  let url: string;
  const options: Record<string, unknown> = { adapter: 'http', skip_setup: !create };
  if (typeof endpoint === 'string') {
    url = endpoint;
  } else if (endpoint && typeof endpoint === 'object' && typeof endpoint.url === 'string') {
    url = endpoint.url;
    if (endpoint.headers && typeof endpoint.headers === 'object') options.headers = endpoint.headers;
    const basic = (endpoint.auth as { basic?: { username?: unknown; password?: unknown } } | undefined)?.basic;
    if (basic && typeof basic.username === 'string' && typeof basic.password === 'string')
      options.auth = { username: basic.username, password: basic.password };
  } else {
    throw new Error(`${which}: a URL or { url, headers } is required`);
  }
  // CouchDB 3 removed local database names in replications: both ends are URLs.
  if (!/^https?:\/\//.test(url)) throw new Error(`${which}: "${url}" is not an http(s) URL`);
  return new PouchDB(url, options as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

/** Both ends of a replication document (`create_target` opens the target even when it is new). */
function openEndpoints(doc: ReplicatorDoc): { source: PouchDB.Database; target: PouchDB.Database } {
  return { source: openEndpoint(doc.source, 'source', false), target: openEndpoint(doc.target, 'target', doc.create_target === true) };
}

export function startReplicator({ url, admin, log = () => {} }: ReplicatorOptions): ReplicatorDaemon {
  const running = new Map<string, Running>();
  const failed = new Map<string, string>();
  const replicatorDb = new PouchDB(`${url}/_replicator`, { adapter: 'http', skip_setup: true, auth: admin } as PouchDB.Configuration.RemoteDatabaseConfiguration);
  let closed = false;

  function stop(id: string): Promise<void> {
    const current = running.get(id);
    running.delete(id);
    if (!current) return Promise.resolve();
    current.replication.cancel();
    return current.done;
  }

  function apply(doc: ReplicatorDoc) {
    if (closed || doc._id.startsWith('_design/')) return;
    if (doc._deleted) {
      failed.delete(doc._id);
      void stop(doc._id);
      return;
    }
    const signature = JSON.stringify([doc.source, doc.target, doc.continuous === true, doc.create_target === true, doc.doc_ids ?? null, doc.selector ?? null, doc.filter ?? null, doc.query_params ?? null]);
    if (running.get(doc._id)?.signature === signature) return;
    void stop(doc._id);
    failed.delete(doc._id);
    let source: PouchDB.Database;
    let target: PouchDB.Database;
    try {
      ({ source, target } = openEndpoints(doc));
    } catch (err) {
      const message = (err as Error).message;
      failed.set(doc._id, message);
      log(`replicator: ${doc._id} not started: ${message}`);
      return;
    }
    const replication = PouchDB.replicate(source, target, {
      live: doc.continuous === true,
      retry: true,
      ...(Array.isArray(doc.doc_ids) ? { doc_ids: doc.doc_ids } : {}),
      ...(doc.selector && typeof doc.selector === 'object' ? { selector: doc.selector } : {}),
      ...(typeof doc.filter === 'string' ? { filter: doc.filter, ...(doc.query_params ? { query_params: doc.query_params } : {}) } : {}),
    } as PouchDB.Replication.ReplicateOptions);
    const entry: Running = { signature, replication, state: 'running', docsWritten: 0, done: Promise.resolve() };
    entry.done = new Promise<void>((resolve) => {
      replication.on('change', (info) => {
        entry.docsWritten = info.docs_written;
        entry.state = 'running';
        delete entry.error;
      });
      replication.on('paused', (err: unknown) => {
        if (err) {
          entry.state = 'error';
          entry.error = (err as Error).message ?? String(err);
          log(`replicator: ${doc._id}: ${entry.error} (retrying)`);
        }
      });
      replication.on('complete', (info) => {
        entry.docsWritten = info.docs_written;
        if (entry.state !== 'error') entry.state = 'completed';
        resolve();
      });
      replication.on('error', (err: unknown) => {
        entry.state = 'error';
        entry.error = (err as Error).message ?? String(err);
        log(`replicator: ${doc._id} failed: ${entry.error}`);
        resolve();
      });
    });
    running.set(doc._id, entry);
    log(`replicator: ${doc._id} started (${doc.continuous === true ? 'continuous' : 'one-shot'})`);
  }

  const feed = replicatorDb.changes<ReplicatorDoc>({ live: true, since: 0, include_docs: true, return_docs: false } as PouchDB.Core.ChangesOptions);
  feed.on('change', (change) => {
    if (change.doc) apply(change.doc);
  });
  feed.on('error', (err: unknown) => {
    if (!closed) log(`replicator: the _replicator feed stopped: ${(err as Error).message ?? String(err)}`);
  });

  return {
    states() {
      const out: ReturnType<ReplicatorDaemon['states']> = {};
      for (const [id, r] of running) out[id] = { state: r.state, docsWritten: r.docsWritten, ...(r.error ? { error: r.error } : {}) };
      for (const [id, error] of failed) out[id] = { state: 'error', error, docsWritten: 0 };
      return out;
    },
    async close() {
      closed = true;
      feed.cancel();
      // Bounded: a replication stuck on a dead connection must not hold the server's shutdown.
      const all = Promise.all([...running.keys()].map(stop));
      await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    },
  };
}

/**
 * `POST /_replicate` (a server admin's one-shot replication), as CouchDB 3 runs it: both ends are
 * http(s) URLs (CouchDB 3 dropped local names; express-pouchdb's own route took them for folder
 * names, `../x` included). Continuous replications belong in `_replicator` documents.
 */
export async function replicateOnce(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const doc = (body && typeof body === 'object' ? body : {}) as ReplicatorDoc & { cancel?: unknown };
  if ((doc as { continuous?: unknown }).continuous === true || doc.cancel !== undefined)
    return { status: 400, body: { error: 'bad_request', reason: 'the embedded head office runs continuous replications from _replicator documents only' } };
  let source: PouchDB.Database;
  let target: PouchDB.Database;
  try {
    ({ source, target } = openEndpoints(doc));
  } catch (err) {
    return { status: 400, body: { error: 'bad_request', reason: (err as Error).message } };
  }
  try {
    const result = await PouchDB.replicate(source, target, {
      ...(Array.isArray(doc.doc_ids) ? { doc_ids: doc.doc_ids } : {}),
      ...(doc.selector && typeof doc.selector === 'object' ? { selector: doc.selector } : {}),
    } as PouchDB.Replication.ReplicateOptions);
    return { status: 200, body: { ok: true, docs_read: result.docs_read, docs_written: result.docs_written, doc_write_failures: result.doc_write_failures } };
  } catch (err) {
    const e = err as { status?: number; name?: string; message?: string };
    return { status: typeof e.status === 'number' && e.status >= 400 && e.status < 600 ? e.status : 500, body: { error: e.name ?? 'replication_failed', reason: e.message ?? String(err) } };
  }
}
