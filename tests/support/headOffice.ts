import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { tempDir } from './app';
import { HO_ADMIN } from './headOfficeUsers';

export { DESK_USERS, HO_ADMIN, HO_USER } from './headOfficeUsers';

/**
 * A head office for sync tests: the embedded server (express-pouchdb, as `npm run headoffice`)
 * set up by `couchSetup` exactly as a real CouchDB 3 would be, in a child process so that a test
 * can stop it, kill it mid-replication, and start it again on the same directory and port.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const CHILD = join(ROOT, 'tests/support/headOfficeChild.ts');

export interface TestHeadOffice {
  url: string;
  port: number;
  dir: string;
  /** Starts it again on the same data directory and port. */
  start(): Promise<void>;
  /** A clean shutdown. */
  stop(): Promise<void>;
  /** SIGKILL: no goodbye, no flush. */
  kill(): Promise<void>;
  /** An admin's HTTP call; JSON in, JSON out. */
  admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Every document id of a database (no design documents). */
  ids(db: string): Promise<string[]>;
  /** The `{"event":"error"}` lines the server logged (an error no request handler caught), since it started. */
  errors(): string[];
  close(): Promise<void>;
}

export interface TestHeadOfficeOptions {
  /** Also a head-office user (HO_USER) and the consolidation of every clinic into `headoffice`. */
  consolidate?: boolean;
  /** The server's `Date` header this far from the real time (the desks' clock check). */
  clockSkewMs?: number;
  /** Validation sees CouchDB 3's `oldDoc` (scripts/couchStandin/couchOldDoc.ts), not express-pouchdb's winner. */
  couchOldDoc?: boolean;
}

export async function startTestHeadOffice(options: TestHeadOfficeOptions = {}): Promise<TestHeadOffice> {
  const dir = tempDir('daoyi-ho-');
  let child: ChildProcess | null = null;
  let port = 0;
  let url = '';
  const errors: string[] = [];

  async function start() {
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, join(dir.path, 'data'), String(port), options.consolidate ? 'consolidate' : 'clinics'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DAOYI_HO_CLOCK_SKEW_MS: String(options.clockSkewMs ?? 0), DAOYI_HO_COUCH_OLD_DOC: options.couchOldDoc ? '1' : '0' } });
    child = proc;
    let stderr = '';
    proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: proc.stderr! }).on('line', (line) => {
      if (line.startsWith('{"event":"error"')) errors.push(line);
    });
    const ready = await new Promise<{ url: string; port: number }>((done, fail) => {
      const lines = createInterface({ input: proc.stdout! });
      lines.on('line', (line) => {
        if (line.startsWith('{')) done(JSON.parse(line) as { url: string; port: number });
      });
      proc.once('exit', (code, signal) => fail(new Error(`head office exited (${code ?? signal}) before ready: ${stderr}`)));
    });
    port = ready.port;
    url = ready.url;
  }

  async function end(signal: NodeJS.Signals) {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((done) => proc.once('exit', done));
    proc.kill(signal);
    await exited;
  }

  async function admin<T>(method: string, path: string, body?: unknown) {
    const res = await fetch(url + path, {
      method,
      headers: { Authorization: 'Basic ' + Buffer.from(`${HO_ADMIN.username}:${HO_ADMIN.password}`).toString('base64'), 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  await start();
  return {
    get url() {
      return url;
    },
    get port() {
      return port;
    },
    dir: dir.path,
    start,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    admin,
    errors: () => [...errors],
    async ids(db) {
      const res = await admin<{ rows: { id: string }[] }>('GET', `/${db}/_all_docs`);
      return res.body.rows.map((r) => r.id).filter((id) => !id.startsWith('_design/'));
    },
    async close() {
      await end('SIGKILL');
      dir.remove();
    },
  };
}
