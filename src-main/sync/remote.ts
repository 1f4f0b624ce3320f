import { PouchDB, type Db } from '../store/pouch';
import type { SyncErrorKind } from '../../shared/sync/rules';
import type { SyncCredentials } from './secrets';

/** How the engine talks HTTP: Node's fetch, counted, with a deadline for every ordinary request. */
export type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

export interface HttpCounter {
  requests: number;
}

/**
 * Node's own fetch (keep-alive connections, so replication does not open a socket per request),
 * counting requests (a stopped engine must stay quiet) and giving up on a server that stopped
 * answering after `timeoutMs`. The changes feed is exempt: a long poll waits for the next change
 * by design, and the server's heartbeat keeps its connection alive (Node gives up on a body that
 * stays silent for five minutes).
 */
export function syncFetch(counter: HttpCounter, timeoutMs: number, onDate: (date: string | null) => void = () => {}): Fetch {
  return (url, init = {}) => {
    counter.requests += 1;
    const longPoll = /[?&]feed=longpoll\b/.test(String(url));
    const signals = [init.signal, longPoll ? null : AbortSignal.timeout(timeoutMs)].filter((s): s is AbortSignal => !!s);
    // PouchDB hands over node-fetch's Headers; Node's fetch wants plain pairs.
    const headers = init.headers && typeof (init.headers as Headers).forEach === 'function' ? headerPairs(init.headers as Headers) : init.headers;
    return fetch(url, { ...init, ...(headers ? { headers } : {}), signal: signals.length > 1 ? AbortSignal.any(signals) : (signals[0] ?? null) }).then((res) => {
      // Every answer carries the server's clock (CouchDB 3 and express-pouchdb both send `Date`).
      // The long poll's headers come when it starts, so its Date is as fresh as any other.
      onDate(res.headers.get('date'));
      return withBuffer(res);
    });
  };
}

/**
 * PouchDB's HTTP adapter reads an attachment with node-fetch's `buffer()` when the response has
 * one, else with `blob()`; a Blob then reaches the LevelDB adapter, whose md5 of it throws outside
 * any promise and ends the process. Node's own fetch has no `buffer()`: this gives it one.
 */
function withBuffer(res: Response): Response {
  return Object.assign(res, { buffer: async () => Buffer.from(await res.arrayBuffer()) });
}

function headerPairs(headers: Headers): [string, string][] {
  const pairs: [string, string][] = [];
  headers.forEach((value, name) => pairs.push([name, value]));
  return pairs;
}

export function authHeader(c: Pick<SyncCredentials, 'username' | 'password'>): string {
  return 'Basic ' + Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64');
}

/**
 * A head-office database over HTTP. `skip_setup`: a desk never creates databases (CouchDB 3
 * leaves that to server admins, and a missing one must show as missing, not as a login error).
 *
 * The replication id PouchDB derives from `id()` is pinned to the address: by default it uses the
 * server's uuid, which a server that cannot be reached at start-up does not give (PouchDB then
 * falls back to the address) and which an embedded server makes afresh on every start, so the
 * checkpoints would be orphaned and every change read again. Pinning is safe: PouchDB still
 * checks its checkpoint against the one stored on the server, so a wiped server is sent everything.
 */
export function openRemote(credentials: SyncCredentials, db: string, fetchFn: Fetch): Db {
  const remote = new PouchDB(`${credentials.url}/${db}`, {
    adapter: 'http',
    skip_setup: true,
    auth: { username: credentials.username, password: credentials.password },
    fetch: fetchFn,
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
  // PouchDB's replication asks the source for `info()` after each batch without handling a failure;
  // with the server gone that would be an unhandled rejection (fatal to a Node process), and the
  // answer only feeds PouchDB's progress counters.
  const info = remote.info.bind(remote) as () => Promise<PouchDB.Core.DatabaseInfo>;
  Object.assign(remote, {
    id: async () => `${credentials.url}/${db}`,
    info: () => info().catch(() => ({ db_name: db, doc_count: 0, update_seq: 0 })),
  });
  return remote;
}

interface PouchLikeError {
  status?: unknown;
  name?: unknown;
  message?: unknown;
  reason?: unknown;
}

/** What kind of failure a replication error is. A 401 is settled by `diagnoseLogin`. */
export function classifyError(err: unknown): SyncErrorKind {
  const e = (err ?? {}) as PouchLikeError;
  const status = typeof e.status === 'number' ? e.status : null;
  const name = typeof e.name === 'string' ? e.name.toLowerCase() : '';
  // A write on this PC that found the disk full (LevelDB's IO error): not the server's doing, and
  // without a status it would read as "head office unreachable".
  if (/no space left|ENOSPC|disk full/i.test(`${typeof e.message === 'string' ? e.message : ''} ${typeof e.reason === 'string' ? e.reason : ''}`)) return 'diskFull';
  if (status === 401 || name === 'unauthorized') return 'auth';
  if (status === 403 || name === 'forbidden') return 'forbidden';
  if (status === 404 || name === 'not_found') return 'not_found';
  if (status === null || name === 'typeerror' || name === 'aborterror' || name === 'timeouterror') return 'unreachable';
  return 'other'; // the server is there but failed (5xx) or answered something unexpected
}

export function errorReason(err: unknown): string {
  const e = (err ?? {}) as PouchLikeError;
  const text = typeof e.reason === 'string' ? e.reason : typeof e.message === 'string' ? e.message : String(err);
  return text.slice(0, 300);
}

/**
 * CouchDB answers 401 both for a wrong password and (an embedded server, for a non-member) for a
 * database the account may not open; CouchDB 3 answers 403 for the latter. Asking the server who
 * we are tells them apart: a wrong password cannot sign in at all.
 */
export async function diagnoseLogin(credentials: SyncCredentials, fetchFn: Fetch): Promise<'auth' | 'forbidden' | 'unreachable'> {
  try {
    const res = await fetchFn(`${credentials.url}/_session`, { headers: { Authorization: authHeader(credentials), Accept: 'application/json' } });
    if (res.status === 401) return 'auth';
    const body = (await res.json().catch(() => null)) as { userCtx?: { name?: unknown } } | null;
    return body?.userCtx?.name === credentials.username ? 'forbidden' : 'auth';
  } catch {
    return 'unreachable';
  }
}

/**
 * What the server root (`GET /`, CouchDB's welcome) says, as cheaply as a request can be: used
 * while the desk is offline to notice the moment head office answers again. `refused` is a
 * 401/403 (a proxy or a server that will not serve this desk), `silent` is no answer at all.
 */
export async function probeServer(credentials: SyncCredentials, fetchFn: Fetch, timeoutMs: number): Promise<'answering' | 'refused' | 'silent'> {
  try {
    const res = await fetchFn(`${credentials.url}/`, {
      headers: { Authorization: authHeader(credentials), Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => null);
    if (res.status === 401 || res.status === 403) return 'refused';
    return 'answering';
  } catch {
    return 'silent';
  }
}
