import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import { PouchDB } from '../../src-main/store/pouch';
import { guardChangesFilter } from './guards';
import { withCouchOldDoc } from './couchOldDoc';
import { accessGate, insertAfterAuthentication, preGate } from './gate';
import { replicateOnce, startReplicator, type ReplicatorDaemon } from './replicator';

/**
 * The embedded head office: a CouchDB-compatible server (express-pouchdb in its "fullCouchDB"
 * mode: _users, _security, validate_doc_update) on 127.0.0.1, for development, tests and the
 * demo, with our own runner for `_replicator` documents (./replicator.ts says why), behind an
 * allow-list of CouchDB 3's routes (./gate.ts). Production uses a real CouchDB 3; nothing here
 * relies on what CouchDB lacks.
 */
export interface HeadOfficeOptions {
  dataDir: string;
  port?: number;
  admin: { username: string; password: string };
  /** Lines about replications started or failing (default: silent). */
  log?: (line: string) => void;
  /**
   * Tests of the desks' clock check: every answer's `Date` header this far from the real time.
   * (A real CouchDB 3 sends its host's clock; this only pretends that host's clock is wrong.)
   */
  clockSkewMs?: number;
  /** Validation sees CouchDB 3's `oldDoc` instead of express-pouchdb's (couchOldDoc.ts). */
  couchOldDoc?: boolean;
}

export interface HeadOffice {
  url: string;
  port: number;
  /** What each `_replicator` document's replication is doing (CouchDB 3 shows this in `_scheduler/docs`). */
  replications(): ReturnType<ReplicatorDaemon['states']>;
  close(): Promise<void>;
}

/**
 * CouchDB 3 keeps `_replicator` for server admins only (its documents hold credentials). Here it
 * is a plain database once express-pouchdb's replicator is off, so create it and make it
 * admin-only (members role `_admin`), as `couchSetup` also does on a real server.
 */
async function ensureReplicatorDb(url: string, admin: HeadOfficeOptions['admin']) {
  const headers = { Authorization: 'Basic ' + Buffer.from(`${admin.username}:${admin.password}`).toString('base64'), 'Content-Type': 'application/json' };
  const created = await fetch(`${url}/_replicator`, { method: 'PUT', headers });
  if (!created.ok && created.status !== 412) throw new Error(`head office: could not create _replicator (${created.status})`);
  const security = (await (await fetch(`${url}/_replicator/_security`, { headers })).json()) as { members?: { roles?: string[] } };
  if (!security.members?.roles?.length) {
    const set = await fetch(`${url}/_replicator/_security`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ admins: { names: [], roles: [] }, members: { names: [], roles: ['_admin'] } }),
    });
    if (!set.ok) throw new Error(`head office: could not protect _replicator (${set.status})`);
  }
}

/**
 * express-pouchdb and its plugins listen to PouchDB's constructor events ('created',
 * 'destroyed'), which every PouchDB constructor of the process shares, and never stop: without
 * removing them on close, each head office started in one process (tests) leaves them behind.
 */
type Listener = (...args: unknown[]) => void;
function constructorListeners(): [string, Listener][] {
  const emitter = PouchDB as unknown as { listeners(event: string): Listener[] };
  return ['created', 'destroyed'].flatMap((event) => emitter.listeners(event).map((fn): [string, Listener] => [event, fn]));
}

/** The parts of express-pouchdb this server does not offer (each would open a way around the gate, or is not CouchDB 3's). */
const EXCLUDED_PARTS = [
  'replicator', // moves no data here (see ./replicator.ts); ours reads the same documents
  'routes/replicate', // took local names for folders; `POST /_replicate` is ours (replicateOnce)
  'routes/vhosts', // rewrite the URL after the gate has read it
  'routes/rewrite',
  'routes/cluster-rewrite',
  'routes/show', // design-document functions CouchDB 3 deprecates and the chain does not use
  'routes/list',
  'routes/update',
  'routes/temp-views', // gone since CouchDB 2
  'routes/fauxton',
  'routes/special-test-auth',
  'routes/db-updates',
  'routes/stats',
  'routes/cluster',
  'routes/log',
];

interface CouchApp {
  couchConfig: { set(section: string, key: string, value: string, cb: (err?: Error) => void): void };
  dbWrapper: unknown;
}

function jsonError(res: express.Response, status: number, error: string, reason: string) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status).type('application/json').send(JSON.stringify({ error, reason }) + '\n');
}

export async function startHeadOffice({ dataDir, port = 0, admin, log, clockSkewMs = 0, couchOldDoc = false }: HeadOfficeOptions): Promise<HeadOffice> {
  mkdirSync(dataDir, { recursive: true });
  const say = log ?? (() => {});
  const listenersBefore = constructorListeners();
  const Defaults = PouchDB.defaults({ prefix: dataDir + '/', adapter: 'leveldb' } as PouchDB.Configuration.DatabaseConfiguration);
  const ServerPouch = couchOldDoc ? withCouchOldDoc(Defaults) : Defaults;
  const app = express();
  app.disable('x-powered-by');
  // Node sends its own Date unless one is set.
  if (clockSkewMs) app.use((_req, res, next) => (res.setHeader('Date', new Date(Date.now() + clockSkewMs).toUTCString()), next()));
  let selfUrl = '';
  let selfHosts: string[] = [];
  // CouchDB 3's health check, for anyone.
  app.get('/_up', (_req, res) => void res.json({ status: 'ok' }));
  app.use(preGate(() => selfHosts));
  app.use(guardChangesFilter(() => selfUrl));
  const couch = expressPouchDB(ServerPouch, {
    mode: 'fullCouchDB',
    overrideMode: { exclude: EXCLUDED_PARTS },
    inMemoryConfig: true,
    logPath: join(dataDir, 'log.txt'),
    configPath: join(dataDir, 'config.json'),
  });
  const couchApp = couch as unknown as CouchApp;
  insertAfterAuthentication(
    couch,
    accessGate(couchApp.dbWrapper, async (req, res) => {
      const { status, body } = await replicateOnce(req.body);
      res.status(status).json(body);
    }, { couchOldDoc }),
  );
  app.use(couch);
  // The last resort: whatever a handler throws is answered (4xx as it says, else 500) and logged.
  app.use((err: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const e = err as { status?: unknown; statusCode?: unknown; type?: unknown; message?: unknown };
    // The client went away (or half-closed, which Node's server takes as an abort) before its body was read.
    if (e.type === 'stream.not.readable' || e.type === 'request.aborted') return jsonError(res, 400, 'bad_request', 'the request was aborted');
    const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
    if (status >= 500) say(JSON.stringify({ event: 'error', method: req.method, path: req.path, message: String(e.message ?? err) }));
    if (e.type === 'entity.parse.failed') return jsonError(res, 400, 'bad_request', 'invalid_json');
    if (e.type === 'entity.too.large') return jsonError(res, 413, 'too_large', 'the request entity is too large');
    if (status >= 400 && status < 500) return jsonError(res, status, 'bad_request', String(e.message ?? 'bad request'));
    jsonError(res, 500, 'internal_server_error', 'the server could not answer this request');
  });

  // The server admin (CouchDB's [admins] section), set before the server listens: no "admin party".
  await new Promise<void>((resolve, reject) => couchApp.couchConfig.set('admins', admin.username, admin.password, (err) => (err ? reject(err) : resolve())));

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  // A request line or header Node cannot parse: answered 400, the socket closed.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    socket.destroy();
  });
  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${actualPort}`;
  selfUrl = url;
  selfHosts = [`127.0.0.1:${actualPort}`, `localhost:${actualPort}`];
  await ensureReplicatorDb(url, admin);
  const replicator = startReplicator({ url, admin, log: say });
  const ours = constructorListeners().filter(([event, fn]) => !listenersBefore.some(([e, f]) => e === event && f === fn));

  return {
    url,
    port: actualPort,
    replications: () => replicator.states(),
    close: async () => {
      await replicator.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      for (const [event, fn] of ours) PouchDB.removeListener(event, fn);
    },
  };
}

/**
 * For a process that runs the embedded head office (`npm run headoffice`, the tests' child): an
 * error no request handler caught is logged, and the server keeps answering — the demo and the
 * tests must not end because one request found a fault in express-pouchdb. The gate and the
 * last-resort handler above are the defence; this is the net under them.
 */
export function keepServingOnErrors(log: (line: string) => void) {
  const report = (kind: string) => (err: unknown) =>
    log(JSON.stringify({ event: 'error', kind, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined }));
  process.on('uncaughtException', report('uncaughtException'));
  process.on('unhandledRejection', report('unhandledRejection'));
}
