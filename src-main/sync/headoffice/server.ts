import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import { PouchDB } from '../../store/pouch';
import { guardChangesFilter, guardDatabaseAdmin, guardUserRoles } from './guards';
import { startReplicator, type ReplicatorDaemon } from './replicator';
import { keepReplicatedRevisions } from './keepRevisions';

/**
 * The embedded head office: a CouchDB-compatible server (express-pouchdb in its "fullCouchDB"
 * mode: _users, _security, validate_doc_update) on 127.0.0.1, for development, tests and the
 * demo, with our own runner for `_replicator` documents (./replicator.ts says why). Production
 * uses a real CouchDB 3; nothing here relies on what CouchDB lacks.
 */
export interface HeadOfficeOptions {
  dataDir: string;
  port?: number;
  admin: { username: string; password: string };
  /** Lines about replications started or failing (default: silent). */
  log?: (line: string) => void;
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

export async function startHeadOffice({ dataDir, port = 0, admin, log }: HeadOfficeOptions): Promise<HeadOffice> {
  mkdirSync(dataDir, { recursive: true });
  const listenersBefore = constructorListeners();
  const ServerPouch = PouchDB.defaults({ prefix: dataDir + '/', adapter: 'leveldb' } as PouchDB.Configuration.DatabaseConfiguration);
  const app = express();
  app.disable('x-powered-by');
  let selfUrl = '';
  app.use(guardDatabaseAdmin(admin));
  app.use(keepReplicatedRevisions()); // replicated updates would be dropped otherwise (see there)
  app.use(guardChangesFilter(() => selfUrl));
  app.use(guardUserRoles(admin, () => selfUrl));
  const couch = expressPouchDB(ServerPouch, {
    mode: 'fullCouchDB',
    // Its replicator moves no data here (see ./replicator.ts); ours reads the same documents.
    overrideMode: { exclude: ['replicator'] },
    inMemoryConfig: true,
    logPath: join(dataDir, 'log.txt'),
    configPath: join(dataDir, 'config.json'),
  });
  app.use(couch);

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${actualPort}`;
  selfUrl = url;
  // The server admin (CouchDB's [admins] section); from then on the server refuses anonymous writes.
  const res = await fetch(`${url}/_config/admins/${encodeURIComponent(admin.username)}`, { method: 'PUT', body: JSON.stringify(admin.password) });
  if (!res.ok) throw new Error(`head office: could not set the admin (${res.status})`);
  await ensureReplicatorDb(url, admin);
  const replicator = startReplicator({ url, admin, ...(log ? { log } : {}) });
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
