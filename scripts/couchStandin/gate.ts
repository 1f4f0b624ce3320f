import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import epUtils from 'express-pouchdb/lib/utils.js';
import cleanFilename from 'express-pouchdb/lib/clean-filename.js';
import { keepOwnRevisions } from './keepRevisions';
import { withIncoming } from './couchOldDoc';

/**
 * The embedded head office's gate: an allow-list of the routes and methods CouchDB 3 offers and
 * the chain uses, and who may call each. express-pouchdb 4.2 skips `_security` on `_find`,
 * `_explain`, `_index` and `_bulk_get`, lets anyone read `_replicator`, runs `_replicate` with
 * local names (`../x` creates databases outside the data folder), writes design documents for
 * anyone who can write the database (`_index`, a body `_id` that differs from the URL's), and
 * answers any Host. Everything not listed here is refused before express-pouchdb sees it.
 *
 * Two halves: `preGate` runs first (Host, the request target, the route's shape: no identity
 * needed), `accessGate` runs inside express-pouchdb right after its authentication (it needs the
 * caller's `userCtx`, and the database's `_security`).
 */

export type Access =
  /** Anyone, signed in or not. */
  | 'anyone'
  /** A server admin (`_admin`). */
  | 'serverAdmin'
  /** A member of the database (or one of its admins, or a server admin). */
  | 'member'
  /** A database admin (`_security.admins`) or a server admin: design documents, `_security`, `_index`, compaction. */
  | 'dbAdmin';

export interface Route {
  access: Access;
  db?: string;
  /** Where a write names its document ids: a PUT of one document (`expect` is the URL's id), a POST to the database, `_bulk_docs`. */
  body?: { kind: 'doc'; expect: string } | { kind: 'post' } | { kind: 'bulk' };
  /** A write to a design document (named by the URL): database admins only. */
  design?: boolean;
  /** `_users/org.couchdb.user:<name>`: its owner may read it, and change it except its roles. */
  userDoc?: string;
}

interface Refusal {
  status: number;
  error: string;
  reason: string;
}

/** CouchDB's rule for a database name, without `/` (see `dbName`). */
const DB_NAME = /^[a-z][a-z0-9_$()+-]*$/;
const SYSTEM_DBS = new Set(['_users', '_replicator']);
/** Bodies a member may send (a desk's `_bulk_docs` carries photos and evidence as base64). */
const MEMBER_BODY_LIMIT = '256mb';
/** `_session` and `_replicate`. */
const SMALL_BODY_LIMIT = '64kb';

const refuse = (status: number, error: string, reason: string): Refusal => ({ status, error, reason });
const notFound = (reason = 'missing') => refuse(404, 'not_found', reason);
const notAllowed = (method: string) => refuse(405, 'method_not_allowed', `${method} is not allowed here`);

function send(res: Response, { status, error, reason }: Refusal) {
  res.status(status).type('application/json').send(JSON.stringify({ error, reason }) + '\n');
}

/**
 * A database name CouchDB 3 accepts. `/` is allowed by CouchDB but not here: express-pouchdb
 * cleans names into file names (sanitize-filename drops `/`), so `clinic_b/j` would open
 * `clinic_bj` behind a check made for another name.
 */
function dbName(name: string): Refusal | null {
  if (SYSTEM_DBS.has(name)) return null;
  if (!DB_NAME.test(name) || cleanFilename(name) !== name)
    return refuse(400, 'illegal_database_name', `Name: '${name}'. Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, - are allowed. Must begin with a letter.`);
  return null;
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

const is = (method: string, ...methods: string[]) => methods.includes(method);

/** The route a request is for, or why it is refused, from its method and raw path alone. */
export function classify(method: string, rawPath: string): Route | Refusal {
  if (!rawPath.startsWith('/')) return refuse(400, 'bad_request', 'the request target must be a path');
  const raw = rawPath.slice(1).split('/');
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop(); // a trailing slash, as express routes it
  if (raw.length === 1 && raw[0] === '') raw.pop();
  if (raw.some((s) => s === '')) return refuse(400, 'bad_request', 'empty path segment');
  const seg = raw.map(decode);
  if (seg.some((s) => s === null)) return refuse(400, 'bad_request', 'malformed percent-encoding in the path');
  const s = seg as string[];
  if (is(method, 'COPY', 'MOVE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH')) return notAllowed(method);

  if (s.length === 0) return is(method, 'GET', 'HEAD') ? { access: 'anyone' } : notAllowed(method);
  const [first] = s as [string];

  // Server-level routes: their first segment starts with `_` and is not a system database.
  if (first.startsWith('_') && !SYSTEM_DBS.has(first)) {
    // `PUT /_foo` creates a database: a server admin's call, refused for its name after that.
    if (s.length === 1 && is(method, 'PUT', 'DELETE') && first !== '_session') return { access: 'serverAdmin' };
    switch (raw[0]) {
      case '_session':
        return s.length === 1 && is(method, 'GET', 'HEAD', 'POST', 'DELETE') ? { access: 'anyone' } : notFound();
      case '_uuids':
        return s.length === 1 && is(method, 'GET', 'HEAD') ? { access: 'anyone' } : notFound();
      case '_all_dbs':
      case '_active_tasks':
        return s.length === 1 && is(method, 'GET', 'HEAD') ? { access: 'serverAdmin' } : notFound();
      case '_replicate':
        return s.length === 1 && method === 'POST' ? { access: 'serverAdmin' } : notFound();
      case '_config':
        if (s.length <= 3 && is(method, 'GET', 'HEAD')) return { access: 'serverAdmin' };
        if (s.length === 3 && is(method, 'PUT', 'DELETE')) return { access: 'serverAdmin' };
        return notFound();
      default:
        return notFound(`the embedded head office does not offer ${raw[0]}`);
    }
  }

  const db = first;
  if (s.length === 1) {
    if (is(method, 'PUT', 'DELETE')) return { access: 'serverAdmin', db };
    const bad = dbName(db);
    if (bad) return bad;
    if (is(method, 'GET', 'HEAD')) return { access: 'member', db };
    if (method === 'POST') return { access: 'member', db, body: { kind: 'post' } };
    return notAllowed(method);
  }
  const bad = dbName(db);
  if (bad) return bad;

  const second = raw[1]!;
  const rest = s.length - 2;
  // `_design%2Fname`: express-pouchdb routes it as the document `_design/name`, as CouchDB does.
  if (second !== '_design' && s[1]!.startsWith('_design/')) {
    if (is(method, 'GET', 'HEAD')) return { access: 'member', db };
    if (rest === 0 && method === 'PUT') return { access: 'dbAdmin', db, body: { kind: 'doc', expect: s[1]! } };
    return is(method, 'PUT', 'DELETE') ? { access: 'dbAdmin', db } : notAllowed(method);
  }
  const member = (...methods: string[]): Route | Refusal => (is(method, ...methods) ? { access: 'member', db } : notAllowed(method));
  const dbAdmin = (...methods: string[]): Route | Refusal => (is(method, ...methods) ? { access: 'dbAdmin', db } : notAllowed(method));
  const only = (n: number, then: () => Route | Refusal) => (rest === n ? then() : notFound());

  switch (second) {
    case '_all_docs':
    case '_changes':
      return only(0, () => member('GET', 'HEAD', 'POST'));
    case '_bulk_docs':
      return only(0, () => (method === 'POST' ? { access: 'member', db, body: { kind: 'bulk' } } : notAllowed(method)));
    case '_bulk_get':
    case '_revs_diff':
    case '_find':
    case '_explain':
    case '_ensure_full_commit':
      return only(0, () => member('POST'));
    case '_index':
      if (rest === 0) return is(method, 'GET', 'HEAD') ? member('GET', 'HEAD') : dbAdmin('POST');
      return only(3, () => dbAdmin('DELETE'));
    case '_security':
      return only(0, () => (is(method, 'GET', 'HEAD') ? member('GET', 'HEAD') : dbAdmin('PUT')));
    case '_compact':
    case '_view_cleanup':
      return only(0, () => dbAdmin('POST'));
    case '_local':
      return only(1, () =>
        is(method, 'PUT') ? { access: 'member', db, body: { kind: 'doc', expect: `_local/${s[2]}` } } : member('GET', 'HEAD', 'DELETE'),
      );
    case '_design': {
      if (rest === 0) return notFound();
      const ddoc = `_design/${s[2]}`;
      if (rest === 1) {
        if (is(method, 'GET', 'HEAD')) return { access: 'member', db };
        if (method === 'PUT') return { access: 'dbAdmin', db, body: { kind: 'doc', expect: ddoc } };
        return dbAdmin('DELETE');
      }
      const third = raw[3]!;
      if (third === '_info') return only(2, () => member('GET', 'HEAD'));
      if (third === '_view') return only(3, () => member('GET', 'HEAD', 'POST'));
      // _show, _list, _update, _rewrite (and anything else that starts with `_`): not offered.
      if (third.startsWith('_')) return notFound(`the embedded head office does not offer ${third}`);
      return is(method, 'GET', 'HEAD') ? { access: 'member', db } : dbAdmin('PUT', 'DELETE');
    }
    default: {
      if (second.startsWith('_')) return notFound(`the embedded head office does not offer ${second}`);
      const id = s[1]!;
      const design = id.startsWith('_design/');
      const userDoc = db === '_users' && id.startsWith('org.couchdb.user:') && rest === 0 ? id.slice('org.couchdb.user:'.length) : undefined;
      const base = { db, design, ...(userDoc !== undefined ? { userDoc } : {}) };
      if (rest === 0) {
        if (is(method, 'GET', 'HEAD', 'DELETE')) return { access: 'member', ...base };
        if (method === 'PUT') return { access: 'member', ...base, body: { kind: 'doc', expect: id } };
        // POST /db/doc is express-pouchdb's multipart upload (Fauxton's), not CouchDB 3's API.
        return notAllowed(method);
      }
      // An attachment: /db/doc/name(/more).
      return is(method, 'GET', 'HEAD', 'PUT', 'DELETE') ? { access: 'member', db, design } : notAllowed(method);
    }
  }
}

const routes = new WeakMap<Request, Route>();

/**
 * Before express-pouchdb: the Host must be this server's own address (a page on another site
 * reaching 127.0.0.1 by DNS rebinding sends its own name), the target a path this server offers.
 */
export function preGate(selfHosts: () => string[]): RequestHandler {
  return (req, res, next) => {
    const host = req.headers.host;
    if (!host || !selfHosts().includes(host.toLowerCase())) return send(res, refuse(400, 'bad_request', 'unknown Host'));
    // A multipart body is parsed by express-pouchdb with handlers that throw outside any promise.
    if (/^multipart\//i.test(req.headers['content-type'] ?? '')) return send(res, refuse(415, 'bad_content_type', 'multipart bodies are not accepted by the embedded head office'));
    const route = classify(req.method, req.path);
    if ('status' in route) return send(res, route);
    routes.set(req, route);
    next();
  };
}

interface UserCtx {
  name: string | null;
  roles: string[];
}
interface SecurityObject {
  admins?: { names?: unknown; roles?: unknown };
  members?: { names?: unknown; roles?: unknown };
}
interface CouchRequest extends Request {
  couchSession?: { userCtx?: UserCtx };
  db?: { getSecurity(): Promise<SecurityObject>; get(id: string): Promise<Record<string, unknown>> };
  PouchDB?: unknown;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
function named(group: { names?: unknown; roles?: unknown } | undefined, user: UserCtx) {
  if (!group) return false;
  return (user.name !== null && list(group.names).includes(user.name)) || user.roles.some((r) => list(group.roles).includes(r));
}
/** An empty `members` is a public database in CouchDB; CouchDB 3 creates databases admin-only, and so does this server. */
function isMember(sec: SecurityObject, user: UserCtx) {
  return named(sec.members, user) || named(sec.admins, user);
}

const parseMemberJson = express.json({ limit: MEMBER_BODY_LIMIT, type: () => true });
const parseSmallJson = express.json({ limit: SMALL_BODY_LIMIT });
const readBody = (parser: RequestHandler, req: Request, res: Response) =>
  new Promise<void>((resolve, reject) => parser(req, res, (err?: unknown) => (err ? reject(err as Error) : resolve())));

const sameRoles = (a: unknown, b: unknown) => Array.isArray(a) && Array.isArray(b) && a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/**
 * Inside express-pouchdb, after its authentication has set `req.couchSession`: who may call the
 * route. `setDb` is express-pouchdb's own `setDBOnReq` (404 for a database that does not exist,
 * without creating it).
 */
export function accessGate(dbWrapper: unknown, replicate: (req: Request, res: Response) => Promise<void>, options: { couchOldDoc?: boolean } = {}): RequestHandler {
  const setDb = (name: string, req: Request, res: Response) => new Promise<void>((resolve) => epUtils.setDBOnReq(name, dbWrapper, req, res, () => resolve()));

  async function check(req: CouchRequest, res: Response, next: NextFunction) {
    const route = routes.get(req);
    if (!route) return send(res, refuse(500, 'internal_server_error', 'request not classified'));
    const user: UserCtx = { name: req.couchSession?.userCtx?.name ?? null, roles: list(req.couchSession?.userCtx?.roles) };
    const serverAdmin = user.roles.includes('_admin');
    const anonymous = user.name === null && !serverAdmin;
    const denied = (reason: string) => send(res, anonymous ? refuse(401, 'unauthorized', reason) : refuse(403, 'forbidden', reason));

    if (route.access === 'serverAdmin' && !serverAdmin) return send(res, refuse(401, 'unauthorized', 'You are not a server admin.'));
    if (route.db && route.access === 'serverAdmin' && req.method === 'PUT') {
      const bad = dbName(route.db);
      if (bad) return send(res, bad);
    }
    if (req.method === 'POST' && req.path === '/_session') await readBody(parseSmallJson, req, res);
    if (req.method === 'POST' && req.path === '/_replicate') {
      await readBody(parseSmallJson, req, res);
      return replicate(req, res);
    }
    if (!route.db || route.access === 'serverAdmin' || route.access === 'anyone') return next();

    // A database route: the database must exist (express-pouchdb would create one on open).
    let opened = false;
    await setDb(route.db, req, res).then(() => (opened = true));
    if (!opened || !req.db) return;
    const sec = serverAdmin ? {} : await req.db.getSecurity();
    const dbAdmin = serverAdmin || named(sec.admins, user);

    if (route.db === '_replicator' && !serverAdmin) return send(res, refuse(401, 'unauthorized', 'You are not a server admin.'));
    if (route.db === '_users' && !serverAdmin) {
      // Its owner reads their user document and changes it, but not its name or roles (CouchDB 3).
      const own = route.userDoc !== undefined && user.name !== null && route.userDoc === user.name;
      if (!own || !is(req.method, 'GET', 'HEAD', 'PUT')) return denied('Only _admin may use _users this way');
    } else if (!isMember(sec, user) && !serverAdmin) {
      return denied('You are not allowed to access this db.');
    }
    if ((route.access === 'dbAdmin' || (route.design && !is(req.method, 'GET', 'HEAD'))) && !dbAdmin)
      return send(res, refuse(401, 'unauthorized', 'You are not a db or server admin.'));

    let written: { docs: unknown[]; replicated: boolean } | null = null;
    if (route.body) {
      await readBody(parseMemberJson, req, res);
      const body = req.body as unknown;
      if (!body || typeof body !== 'object' || Array.isArray(body)) return send(res, refuse(400, 'bad_request', 'Document must be a JSON object'));
      const ids: unknown[] = [];
      if (route.body.kind === 'bulk') {
        const docs = (body as { docs?: unknown }).docs;
        if (!Array.isArray(docs) || docs.some((d) => !d || typeof d !== 'object' || Array.isArray(d))) return send(res, refuse(400, 'bad_request', 'POST body must include `docs` parameter.'));
        ids.push(...docs.map((d: { _id?: unknown }) => d._id));
        const replicated = (body as { new_edits?: unknown }).new_edits === false;
        if (replicated) docs.forEach(keepOwnRevisions); // see keepRevisions.ts
        if (options.couchOldDoc) written = { docs, replicated };
      } else {
        const id = (body as { _id?: unknown })._id;
        if (route.body.kind === 'doc') {
          // express-pouchdb writes the body's `_id` (or `?id=`) over the URL's; CouchDB writes the URL's.
          if ((id !== undefined && id !== route.body.expect) || req.query.id !== undefined) return send(res, refuse(400, 'bad_request', 'the document id in the body differs from the one in the URL'));
        }
        ids.push(id);
        if (options.couchOldDoc) {
          const rev = '_rev' in body ? (body as { _rev?: unknown })._rev : req.query.rev;
          written = { docs: [{ _id: route.body.kind === 'doc' ? route.body.expect : id, _rev: rev }], replicated: false };
        }
      }
      if (ids.some((id) => id !== undefined && typeof id !== 'string')) return send(res, refuse(400, 'bad_request', '_id must be a string'));
      if (!dbAdmin && ids.some((id) => typeof id === 'string' && id.startsWith('_design/'))) return send(res, refuse(401, 'unauthorized', 'You are not a db or server admin.'));
      if (route.userDoc !== undefined && !serverAdmin) {
        const doc = body as { name?: unknown; type?: unknown; roles?: unknown };
        const stored = await req.db.get(`org.couchdb.user:${route.userDoc}`).catch(() => null);
        if (!stored) return denied('Only _admin may create users');
        if (doc.name !== user.name || doc.type !== 'user') return denied('a user document keeps its name and type');
        if (!sameRoles(doc.roles ?? [], stored.roles ?? [])) return denied('Only _admin may edit roles');
      }
    }
    if (written) return withIncoming(written.docs, written.replicated, next); // CouchDB's oldDoc: couchOldDoc.ts
    next();
  }

  return (req, res, next) => void check(req as CouchRequest, res, next).catch(next);
}

/**
 * Puts `handler` into express-pouchdb's own middleware right after its authentication, the first
 * point where `req.couchSession` is known. express-pouchdb 4.2.0 (its last release) is pinned by
 * package-lock.json; if its shape ever changes this throws at start-up rather than run unguarded.
 */
export function insertAfterAuthentication(couch: unknown, handler: RequestHandler) {
  type Layer = { handle: unknown };
  const stack = (couch as { _router?: { stack?: Layer[] } })._router?.stack;
  const at = stack ? stack.findIndex((layer) => String(layer.handle).includes('req.couchSession = result')) : -1;
  if (!stack || at < 0) throw new Error('head office: express-pouchdb’s authentication was not found; refusing to start unguarded');
  const router = express.Router();
  router.use(handler);
  stack.splice(at + 1, 0, (router as unknown as { stack: Layer[] }).stack[0]!);
}
