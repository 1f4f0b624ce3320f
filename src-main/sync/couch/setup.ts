import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { calendarDoc, calendarDocSchema, type CalendarDoc } from '../../../shared/reference/calendar';
import { chineseDaysTables } from '../../../shared/reference/chineseDays';
import { newClinicCode as clinicCode } from '../../../shared/reference/schemas';
import { REFERENCE_DB } from '../../../shared/sync/rules';
import {
  HEAD_OFFICE_ROLE,
  REPLICATION_ROLE,
  VALIDATION_DDOC_ID,
  clinicDbName,
  clinicRole,
  clinicValidation,
  headOfficeValidation,
  referenceValidation,
  validationDesignDoc,
} from './validation';

/**
 * Sets up a CouchDB 3 server for the chain — databases, `_security`, users, validation, the
 * working-day calendar and (optionally) the consolidation into `headoffice` — using only CouchDB
 * 3's HTTP API, as a server admin. Idempotent: it reads first and writes only what differs, so a
 * second run with the same arguments makes no write and reports no change.
 *
 * Passwords cannot be read back. A new user gets the password given; an existing user keeps
 * theirs (a note says so when the given one no longer signs in) unless `resetPasswords` is set,
 * and then it is set only when the given one does not already sign in — so even that stays
 * idempotent.
 */
export { REFERENCE_DB } from '../../../shared/sync/rules';
export const HEAD_OFFICE_DB = 'headoffice';
export const REPLICATOR_DB = '_replicator';
export const USERS_DB = '_users';
/** Database-admin role for head-office staff trusted with `_security` and design documents (nobody has it by default). */
export const HEAD_OFFICE_ADMIN_ROLE = 'headoffice_admin';
/**
 * The account the consolidation replications run as (never the admin): it reads every clinic
 * database and writes `headoffice`, nothing else (role `headoffice_replication`; the clinic
 * databases' validation refuses its writes, headoffice's accepts them).
 */
export const REPLICATION_USER = 'headoffice_replication';
export const consolidationDocId = (code: string) => `consolidate_${clinicDbName(code)}`;
/** Every document whose id does not start with `_`: all but design documents (deletions included). */
export const CONSOLIDATION_SELECTOR = { _id: { $regex: '^[^_]' } };

const userName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/, { error: 'a user name: letters, digits, _ . @ - (not starting with _)' });
const credentials = z.strictObject({ username: userName, password: z.string().min(1, { error: 'a password is required' }).max(256) });
const httpUrl = z
  .string()
  .refine(
    (s) => {
      try {
        const u = new URL(s);
        return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && !u.search && !u.hash;
      } catch {
        return false;
      }
    },
    { error: 'an http(s) address without user, password, query or # (e.g. http://127.0.0.1:5984)' },
  )
  .transform((s) => s.replace(/\/+$/, ''));

export const couchSetupOptions = z.strictObject({
  url: httpUrl,
  admin: credentials,
  clinics: z.array(
    z.strictObject({
      code: clinicCode,
      name: z.string().max(40).optional(),
      deskUsers: z.array(credentials),
    }),
  ),
  headOfficeUsers: z.array(credentials).optional(),
  /** Replicate every clinic database into `headoffice` through `_replicator`. */
  consolidate: z.boolean().optional(),
  /** Years to seed into `reference` when missing (default: the shipped 2026 table). */
  calendar: z.array(z.custom<CalendarDoc>()).optional(),
  /** Set the given password of existing users that do not sign in with it. */
  resetPasswords: z.boolean().optional(),
  /** The server's address as the server itself reaches it, for `_replicator` documents (default: `url`). */
  replicationUrl: httpUrl.optional(),
  /** The clock that stamps seeded documents. */
  now: z.custom<() => Date>((v) => typeof v === 'function').optional(),
});
export type CouchSetupOptions = z.input<typeof couchSetupOptions>;

export interface CouchSetupResult {
  /** What was written, one line each; empty when the server already matched. */
  changes: string[];
  /** What was not written but a person should know (e.g. a password kept). */
  notes: string[];
}

/** A refusal of the arguments or of the server, with a message a person can act on. */
export class CouchSetupError extends Error {
  override name = 'CouchSetupError';
}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : n ? `.${String(p)}` : String(p))).join('') || '(options)'}: ${i.message}`).join('; ');
}

/** Checks the arguments; throws CouchSetupError naming the argument at fault. */
export function parseCouchSetupOptions(input: CouchSetupOptions) {
  const parsed = couchSetupOptions.safeParse(input);
  if (!parsed.success) throw new CouchSetupError(`bad arguments: ${formatIssues(parsed.error)}`);
  const options = parsed.data;
  const codes = new Set<string>();
  const users = new Map<string, string>([[options.admin.username, 'the admin']]);
  const claim = (name: string, who: string, path: string) => {
    const other = users.get(name);
    if (other) throw new CouchSetupError(`bad arguments: ${path}: user ${name} is already given as ${other}`);
    users.set(name, who);
  };
  options.clinics.forEach((clinic, i) => {
    if (codes.has(clinic.code)) throw new CouchSetupError(`bad arguments: clinics[${i}].code: clinic ${clinic.code} is given twice`);
    codes.add(clinic.code);
    clinic.deskUsers.forEach((u, j) => claim(u.username, `a desk user of ${clinic.code}`, `clinics[${i}].deskUsers[${j}].username`));
  });
  (options.headOfficeUsers ?? []).forEach((u, j) => claim(u.username, 'a head-office user', `headOfficeUsers[${j}].username`));
  (options.calendar ?? []).forEach((doc, i) => {
    const checked = calendarDocSchema.safeParse(doc);
    if (!checked.success) throw new CouchSetupError(`bad arguments: calendar[${i}]: ${formatIssues(checked.error)}`);
  });
  return options;
}

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** The few CouchDB calls set-up needs, as the server admin, with errors that say what failed. */
function couchClient(url: string, admin: { username: string; password: string }) {
  const basic = (u: string, p: string) => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64');
  const adminAuth = basic(admin.username, admin.password);

  async function send(method: string, path: string, body?: unknown, authorization = adminAuth): Promise<Reply> {
    let res: Response;
    try {
      res = await fetch(url + path, {
        method,
        headers: {
          Accept: 'application/json',
          ...(authorization ? { Authorization: authorization } : {}),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new CouchSetupError(`cannot reach CouchDB at ${url}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
    }
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      throw new CouchSetupError(`${method} ${url}${path} answered ${res.status} with something that is not JSON: is this a CouchDB server?`);
    }
    return { status: res.status, body: parsed };
  }

  /** A call that must succeed with one of `ok` statuses. */
  async function call(method: string, path: string, body?: unknown, ok: number[] = [200, 201, 202]): Promise<Reply> {
    const reply = await send(method, path, body);
    if (!ok.includes(reply.status)) {
      const reason = [reply.body.error, reply.body.reason].filter(Boolean).join(': ');
      throw new CouchSetupError(`${method} ${path} failed: ${reply.status}${reason ? ` ${reason}` : ''}`);
    }
    return reply;
  }

  return { send, call, basic, adminAuth };
}

type SecurityObject = { admins?: { names?: string[]; roles?: string[] }; members?: { names?: string[]; roles?: string[] } } & Record<string, unknown>;
type SecurityWant = { members: string[]; admins: string[] };

const union = (have: string[] | undefined, add: string[]) => [...new Set([...(have ?? []), ...add])];
const sameSet = (a: string[] | undefined, b: string[]) => new Set(a ?? []).size === new Set(b).size && b.every((x) => (a ?? []).includes(x));

export async function couchSetup(input: CouchSetupOptions): Promise<CouchSetupResult> {
  const options = parseCouchSetupOptions(input);
  const { url, admin } = options;
  const replicationUrl = options.replicationUrl ?? url;
  const now = options.now ?? (() => new Date());
  const couch = couchClient(url, admin);
  const changes: string[] = [];
  const notes: string[] = [];

  // The server and the admin, before anything else.
  const welcome = await couch.send('GET', '/', undefined, '');
  if (welcome.status !== 200 || !('couchdb' in welcome.body || 'express-pouchdb' in welcome.body))
    throw new CouchSetupError(`${url} does not answer as a CouchDB server (GET / → ${welcome.status})`);
  const version = typeof welcome.body.version === 'string' ? welcome.body.version : '';
  if ('couchdb' in welcome.body && !/^3\./.test(version)) notes.push(`the server is CouchDB ${version || '(unknown version)'}; this set-up is written for CouchDB 3`);
  const session = await couch.send('GET', '/_session');
  if (session.status === 401) throw new CouchSetupError(`CouchDB at ${url} refused admin "${admin.username}": wrong user name or password`);
  const roles = ((session.body.userCtx as { roles?: string[] } | undefined)?.roles ?? []) as string[];
  if (session.status !== 200 || !roles.includes('_admin'))
    throw new CouchSetupError(`"${admin.username}" is not a server admin of ${url} (set-up creates databases and users, which needs one)`);

  async function ensureDb(name: string) {
    const got = await couch.send('GET', `/${encodeURIComponent(name)}`);
    if (got.status === 200) return;
    if (got.status !== 404) throw new CouchSetupError(`GET /${name} failed: ${got.status} ${String(got.body.reason ?? '')}`);
    await couch.call('PUT', `/${encodeURIComponent(name)}`, undefined, [201, 202, 412]);
    changes.push(`created database ${name}`);
  }

  async function ensureSecurity(db: string, want: SecurityWant) {
    const path = `/${encodeURIComponent(db)}/_security`;
    const have = (await couch.call('GET', path)).body as SecurityObject;
    const members = union(have.members?.roles, want.members);
    const admins = union(have.admins?.roles, want.admins);
    if (sameSet(have.members?.roles, members) && sameSet(have.admins?.roles, admins)) return;
    const next: SecurityObject = {
      ...have,
      admins: { ...have.admins, names: have.admins?.names ?? [], roles: admins },
      members: { ...have.members, names: have.members?.names ?? [], roles: members },
    };
    await couch.call('PUT', path, next);
    changes.push(`set _security of ${db}: members ${members.join(', ')}; admins ${admins.join(', ') || '(server admins only)'}`);
  }

  async function ensureValidation(db: string, source: string) {
    const path = `/${encodeURIComponent(db)}/${VALIDATION_DDOC_ID}`;
    const got = await couch.send('GET', path);
    if (got.status === 200 && got.body.validate_doc_update === source && got.body.language === 'javascript') return;
    if (got.status !== 200 && got.status !== 404) throw new CouchSetupError(`GET ${path} failed: ${got.status}`);
    const doc = { ...validationDesignDoc(source), ...(got.status === 200 ? { _rev: got.body._rev } : {}) };
    await couch.call('PUT', path, doc);
    changes.push(`${got.status === 200 ? 'updated' : 'installed'} ${VALIDATION_DDOC_ID} in ${db}`);
  }

  async function signsIn(username: string, password: string) {
    const reply = await couch.send('GET', '/_session', undefined, couch.basic(username, password));
    return reply.status === 200 && (reply.body.userCtx as { name?: string } | undefined)?.name === username;
  }

  async function ensureUser(username: string, password: string, userRoles: string[]) {
    const id = `org.couchdb.user:${username}`;
    const path = `/${USERS_DB}/${encodeURIComponent(id)}`;
    const got = await couch.send('GET', path);
    if (got.status === 404) {
      await couch.call('PUT', path, { _id: id, name: username, type: 'user', roles: userRoles, password });
      changes.push(`created user ${username} (roles ${userRoles.join(', ')})`);
      return;
    }
    if (got.status !== 200) throw new CouchSetupError(`GET ${path} failed: ${got.status}`);
    const have = got.body as { roles?: string[] } & Record<string, unknown>;
    const rolesDiffer = !sameSet(have.roles, userRoles);
    const passwordOk = await signsIn(username, password);
    const setPassword = !passwordOk && options.resetPasswords === true;
    if (!passwordOk && !setPassword) notes.push(`user ${username} exists and does not sign in with the password given; kept its password (--reset-passwords sets it)`);
    if (!rolesDiffer && !setPassword) return;
    await couch.call('PUT', path, { ...have, roles: userRoles, ...(setPassword ? { password } : {}) });
    if (rolesDiffer) changes.push(`changed roles of user ${username}: ${(have.roles ?? []).join(', ') || '(none)'} → ${userRoles.join(', ')}`);
    if (setPassword) changes.push(`set the password of user ${username}`);
  }

  async function ensureDoc(db: string, doc: { _id: string } & Record<string, unknown>, what: string) {
    const path = `/${encodeURIComponent(db)}/${encodeURIComponent(doc._id)}`;
    const got = await couch.send('GET', path);
    if (got.status === 200) return;
    if (got.status !== 404) throw new CouchSetupError(`GET ${path} failed: ${got.status}`);
    await couch.call('PUT', path, doc);
    changes.push(what);
  }

  /** A `_replicator` document: written when missing, rewritten when what it says differs (CouchDB adds `owner` and states; those are ignored). */
  async function ensureReplication(id: string, want: Record<string, unknown>) {
    const path = `/${REPLICATOR_DB}/${encodeURIComponent(id)}`;
    const got = await couch.send('GET', path);
    if (got.status === 200 && Object.keys(want).every((k) => isDeepStrictEqual(got.body[k], want[k]))) return;
    if (got.status !== 200 && got.status !== 404) throw new CouchSetupError(`GET ${path} failed: ${got.status}`);
    await couch.call('PUT', path, { _id: id, ...want, ...(got.status === 200 ? { _rev: got.body._rev } : {}) });
    changes.push(`${got.status === 200 ? 'updated' : 'created'} ${REPLICATOR_DB}/${id}`);
  }

  /** The replication user's password: the one the consolidation documents carry if it still signs in, else a new one (set on the user). */
  async function replicationPassword(): Promise<string> {
    for (const clinic of options.clinics) {
      const got = await couch.send('GET', `/${REPLICATOR_DB}/${encodeURIComponent(consolidationDocId(clinic.code))}`);
      const basic = (got.body.source as { auth?: { basic?: { username?: unknown; password?: unknown } } } | undefined)?.auth?.basic;
      if (got.status === 200 && basic?.username === REPLICATION_USER && typeof basic.password === 'string' && (await signsIn(REPLICATION_USER, basic.password))) {
        await ensureUser(REPLICATION_USER, basic.password, [REPLICATION_ROLE]);
        return basic.password;
      }
    }
    const password = randomBytes(24).toString('base64url');
    const id = `org.couchdb.user:${REPLICATION_USER}`;
    const got = await couch.send('GET', `/${USERS_DB}/${encodeURIComponent(id)}`);
    if (got.status === 200) {
      await couch.call('PUT', `/${USERS_DB}/${encodeURIComponent(id)}`, { ...got.body, roles: [REPLICATION_ROLE], password });
      changes.push(`set a new password for the replication user ${REPLICATION_USER}`);
    } else {
      await ensureUser(REPLICATION_USER, password, [REPLICATION_ROLE]);
    }
    return password;
  }

  // 1. Databases (CouchDB 3 creates _users only when set up as a single node or cluster).
  await ensureDb(USERS_DB);
  for (const clinic of options.clinics) await ensureDb(clinicDbName(clinic.code));
  await ensureDb(REFERENCE_DB);
  if (options.consolidate) {
    await ensureDb(HEAD_OFFICE_DB);
    await ensureDb(REPLICATOR_DB);
  }

  // 2. Who may read and write each database.
  const replicationReads = options.consolidate ? [REPLICATION_ROLE] : [];
  for (const clinic of options.clinics)
    await ensureSecurity(clinicDbName(clinic.code), { members: [clinicRole(clinic.code), HEAD_OFFICE_ROLE, ...replicationReads], admins: [HEAD_OFFICE_ADMIN_ROLE] });
  // Merged with what is there: set-up run for BJ, then for SH, leaves both clinics reading reference.
  await ensureSecurity(REFERENCE_DB, { members: [...options.clinics.map((c) => clinicRole(c.code)), HEAD_OFFICE_ROLE], admins: [HEAD_OFFICE_ADMIN_ROLE] });
  if (options.consolidate) {
    await ensureSecurity(HEAD_OFFICE_DB, { members: [HEAD_OFFICE_ROLE, REPLICATION_ROLE], admins: [HEAD_OFFICE_ADMIN_ROLE] });
    // Its documents hold the replication user's credentials: server admins only.
    await ensureSecurity(REPLICATOR_DB, { members: ['_admin'], admins: [] });
  }

  // 3. What each database accepts.
  for (const clinic of options.clinics) await ensureValidation(clinicDbName(clinic.code), clinicValidation(clinic.code));
  await ensureValidation(REFERENCE_DB, referenceValidation());
  if (options.consolidate) await ensureValidation(HEAD_OFFICE_DB, headOfficeValidation());

  // 4. Users.
  for (const clinic of options.clinics) for (const u of clinic.deskUsers) await ensureUser(u.username, u.password, [clinicRole(clinic.code)]);
  for (const u of options.headOfficeUsers ?? []) await ensureUser(u.username, u.password, [HEAD_OFFICE_ROLE]);

  // 5. The working-day calendar, each year that is missing (head office's corrections are kept):
  // every year of the pinned chinese-days package, 2026 as DOMAIN.md gives it (issue 18).
  const stamp = { at: now().toISOString(), by: `couch-setup:${admin.username}` };
  for (const doc of options.calendar ?? chineseDaysTables().map((t) => calendarDoc(t, stamp)))
    await ensureDoc(REFERENCE_DB, doc as CalendarDoc & Record<string, unknown>, `seeded ${doc._id} into ${REFERENCE_DB}`);

  // 6. Consolidation: one continuous replication per clinic into headoffice, run by the server as
  // the replication user, its credentials in CouchDB 3.2's `auth.basic` (not in the URL, not an
  // Authorization header). Its password is set-up's own: kept while the documents' one signs in.
  if (options.consolidate) {
    const password = await replicationPassword();
    const endpoint = (db: string) => ({ url: `${replicationUrl}/${db}`, auth: { basic: { username: REPLICATION_USER, password } } });
    for (const clinic of options.clinics)
      await ensureReplication(consolidationDocId(clinic.code), {
        source: endpoint(clinicDbName(clinic.code)),
        target: endpoint(HEAD_OFFICE_DB),
        continuous: true,
        // Not the design documents: each clinic's `_design/validation` would overwrite headoffice's.
        selector: CONSOLIDATION_SELECTOR,
      });
  }

  return { changes, notes };
}
