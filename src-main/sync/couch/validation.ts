/**
 * Head office's `validate_doc_update` functions, as the source text CouchDB 3 stores in a design
 * document and runs in its JavaScript engine — which is ES5 (SpiderMonkey 1.8.5 on many
 * installations), so the functions below are plain strings in ES5: no `let`, arrows, template
 * strings or `Array.prototype.includes`. A unit test parses them as ES5.
 *
 * A refusal throws `{ forbidden: '<field>: <rule>' }`; CouchDB answers 403 and a replicating desk
 * gets a `denied` event whose message names the field, so the desk can say which record and why.
 *
 * Rules for a clinic database (`clinic_<code>`):
 * - the writer is a member: role `clinic_<CODE>`, `headoffice`, a server admin or a database admin;
 * - `type` is known, `clinic` is the database's clinic, the id has the type's shape;
 * - the meta fields and each type's fields are present with the right primitive type (or an array
 *   of strings), and its optional fields, when present, too — the kinds GENERATED from the type's
 *   zod schema in the document registry (schemaRule.ts), not written here;
 * - `type`, `clinic`, `createdAt`, `createdBy` and (complaints) `number` never change;
 * - a new document written by a desk account names one of its clinic's staff (or `system`) in
 *   `createdBy`, and `createdAt` is an ISO time;
 * - `staff`: a known role (shared/reference/schemas.ts), head-office roles only from head office,
 *   a PIN hash in the app's `scrypt$<salt>$<hash>` form;
 * - types written once (`immutable`: versions, decisions, complaint numbers, conflict archives)
 *   are never changed, never deleted by a desk, and never above generation 1 — a re-creation over
 *   a tombstone extends it (generation 2 or more), so it is refused too. Head office alone removes
 *   the losing branch of such a record's conflict (two desks created one id; on CouchDB 3 both get
 *   in), with its archive as below;
 * - a signed record (`signedAt`) is never changed or deleted;
 * - other records the rules keep (clinic, staff, customer, visit, …) are deleted only as a conflict
 *   resolution (see CONFLICT DELETIONS below).
 * Design documents are not checked here: CouchDB lets only database admins write them (and runs no
 * validate_doc_update for them), and the embedded head office's gate does the same.
 *
 * CONFLICT DELETIONS. Validation sees one document: it cannot check that an archive exists, nor
 * (on CouchDB 3) which leaf wins. The rule it can check: the stub names who resolved it (a staff
 * id of this clinic) and the archive by the deterministic id the desk uses,
 * `conflict-archive:<id>:<rev>`, where `<rev>` is the revision the stub deletes — the stub's `_rev`
 * for an interactive write (CouchDB validates before it assigns the new revision), or the stub's
 * parent in `_revisions` for a replicated one. So every deletion of a kept record points at one
 * place where its content must be, and head office can list stubs whose archive is missing; a
 * desk cannot delete an immutable or signed record at all, which is what the forgeries needed.
 *
 * WHAT oldDoc IS. CouchDB 3 passes the revision the write replaces (for a replicated write, the
 * nearest ancestor whose body it has; null for a new branch), a tombstone as `{ _deleted: true, … }`,
 * and null when a document is re-created over a tombstone without `_rev`. express-pouchdb 4.2
 * (pouchdb-validation) passes the current winner, or null when the winner is deleted. The rules
 * above hold with either: they never rely on oldDoc to see a tombstone.
 */
import { clinicCode, HEAD_OFFICE_CODE, staffRoles } from '../../../shared/reference/schemas';
import { headOfficeRoles } from '../../../shared/headoffice/schemas';
import { clinicDbName } from '../../../shared/sync/rules';
import type { FieldKind, TypeDeclaration, TypeRule } from './typeRule';
import { schemaFields } from './schemaRule';
import { docDeclaration } from '../../../shared/docTypes';
import { domainCouchTypes } from '../../store/domains';

export const META_FIELDS: Record<string, FieldKind> = {
  type: 'string',
  schemaVersion: 'number',
  clinic: 'string',
  createdAt: 'string',
  createdBy: 'string',
  updatedAt: 'string',
  updatedBy: 'string',
};

/** Fields that never change once written (creation stamps, what and whose a record is, complaint numbers). */
export const IMMUTABLE_FIELDS = ['type', 'clinic', 'createdAt', 'createdBy', 'number'] as const;

/**
 * What head office knows of the core types beyond their schemas (README "Documents"), and of the
 * conflict archive the desk's sync keeps; each domain's own types are in src-main/<domain>/storage.ts.
 */
const CLINIC_DECLARATIONS: Record<string, TypeDeclaration> = {
  clinic: { id: '^clinic:{CODE}$', idShape: 'clinic:{CODE}', kept: true },
  staff: { id: '^staff:{CODE}:[^:]+$', idShape: 'staff:{CODE}:<tail>', kept: true },
  customer: { id: '^customer:{CODE}:[^:]+$', idShape: 'customer:{CODE}:<tail>', kept: true },
  visit: { id: '^visit:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$', idShape: 'visit:{CODE}:<YYYY-MM-DD>:<tail>', kept: true },
  /** The losing revision of a resolved conflict, kept so nothing is lost (the sync engine writes it once). */
  'conflict-archive': {
    id: '^conflict-archive:[a-z-]+:{CODE}(:[^:]+)*:\\d+-[0-9a-z]+$',
    idShape: 'conflict-archive:<type>:{CODE}:<tail>:<rev>',
    kept: true,
    immutable: true,
  },
  ...domainCouchTypes,
};

/**
 * A type's rule: its declaration, and its fields' kinds read from its schema in the document
 * registry (shared/docTypes.ts) — generated, so the schema is the one place a field is said. A
 * field the declaration `require`s is checked as required though the schema lets it be absent.
 */
export function typeRule(type: string, declaration: TypeDeclaration): TypeRule {
  const doc = docDeclaration(type);
  if (!doc) throw new Error(`head office validates ${type}, which the document registry does not declare`);
  const { fields, optional } = schemaFields(doc.schema);
  for (const name of Object.keys(declaration.require ?? {})) {
    const kind = optional[name];
    if (!kind) throw new Error(`${type}.${name}: required by head office but not an optional field of its schema`);
    fields[name] = kind;
    delete optional[name];
  }
  return { ...declaration, fields, ...(Object.keys(optional).length ? { optional } : {}) };
}

/** The documents a clinic writes, as the clinic database's validation checks them. */
export const CLINIC_TYPES: Record<string, TypeRule> = Object.fromEntries(Object.entries(CLINIC_DECLARATIONS).map(([type, d]) => [type, typeRule(type, d)]));

export const HEAD_OFFICE_ROLE = 'headoffice';
/** The role of the account the consolidation replications run as (setup.ts's REPLICATION_USER). */
export const REPLICATION_ROLE = 'headoffice_replication';
export const clinicRole = (code: string) => `clinic_${code}`;
export { clinicDbName } from '../../../shared/sync/rules';

/** ES5 helpers every function below shares. */
const HELPERS = `
  function forbid(message) { throw { forbidden: message }; }
  function has(list, value) {
    if (!list || typeof list.length !== 'number') return false;
    for (var i = 0; i < list.length; i++) { if (list[i] === value) return true; }
    return false;
  }
  function kindOf(value) {
    if (value === null) return 'null';
    if (Object.prototype.toString.call(value) === '[object Array]') return 'array';
    return typeof value;
  }
  function checkField(doc, name, kind, what, label) {
    var nullable = kind.charAt(kind.length - 1) === '?';
    var base = nullable ? kind.slice(0, -1) : kind;
    label = label || name;
    if (!Object.prototype.hasOwnProperty.call(doc, name) || doc[name] === undefined) forbid(label + ': required' + (what ? ' for ' + what : ''));
    var actual = kindOf(doc[name]);
    if (kind === 'string[]') {
      if (actual !== 'array') forbid(label + ': must be an array of strings, not ' + actual);
      for (var e = 0; e < doc[name].length; e++) {
        if (typeof doc[name][e] !== 'string') forbid(label + '[' + e + ']: must be string, not ' + kindOf(doc[name][e]));
      }
      return;
    }
    if (actual === base || (nullable && actual === 'null')) return;
    forbid(label + ': must be ' + (nullable ? base + ' or null' : base) + ', not ' + actual);
  }
  function checkFields(doc, fields, what) {
    for (var name in fields) { if (Object.prototype.hasOwnProperty.call(fields, name)) checkField(doc, name, fields[name], what); }
  }
  function checkOptional(doc, optional) {
    for (var name in optional) {
      if (Object.prototype.hasOwnProperty.call(optional, name) && Object.prototype.hasOwnProperty.call(doc, name) && doc[name] !== undefined) checkField(doc, name, optional[name]);
    }
  }
  var roles = (userCtx && userCtx.roles) || [];
  function isAdmin() {
    if (has(roles, '_admin')) return true;
    var admins = (secObj && secObj.admins) || {};
    if (userCtx && userCtx.name && has(admins.names, userCtx.name)) return true;
    for (var i = 0; i < roles.length; i++) { if (has(admins.roles, roles[i])) return true; }
    return false;
  }
  function checkImmutable(doc, old, fields) {
    if (!old || old._deleted) return;
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (Object.prototype.hasOwnProperty.call(old, f) && JSON.stringify(doc[f]) !== JSON.stringify(old[f])) forbid(f + ': cannot change');
    }
  }
  function checkSchemaVersion(doc) {
    if (doc.schemaVersion < 1 || Math.floor(doc.schemaVersion) !== doc.schemaVersion) forbid('schemaVersion: must be a whole number from 1');
  }
`;

/** The `validate_doc_update` of one clinic's database. */
export function clinicValidation(code: string): string {
  clinicCode.parse(code);
  const types: Record<string, TypeRule> = {};
  for (const [type, rule] of Object.entries(CLINIC_TYPES))
    types[type] = { ...rule, id: rule.id && rule.id.replace('{CODE}', code), idShape: rule.idShape.replace('{CODE}', code) };
  return `function (newDoc, oldDoc, userCtx, secObj) {
  var CLINIC = ${JSON.stringify(code)};
  var DB = ${JSON.stringify(clinicDbName(code))};
  var TYPES = ${JSON.stringify(types)};
  var META = ${JSON.stringify(META_FIELDS)};
  var IMMUTABLE = ${JSON.stringify(IMMUTABLE_FIELDS)};
  var STAFF_ROLES = ${JSON.stringify(staffRoles)};
  var HEAD_OFFICE_ROLES = ${JSON.stringify(headOfficeRoles)};
${HELPERS}
  if (!isAdmin() && !has(roles, ${JSON.stringify(clinicRole(code))}) && !has(roles, ${JSON.stringify(HEAD_OFFICE_ROLE)}))
    forbid('only members of clinic ' + CLINIC + ' or head office may write to ' + DB);
  var old = oldDoc && !oldDoc._deleted ? oldDoc : null;
  var byDesk = !isAdmin() && !has(roles, ${JSON.stringify(HEAD_OFFICE_ROLE)});
  var STAFF_ID = new RegExp('^staff:' + CLINIC + ':[^:]+$');
  // Who may resolve a conflict from head office: the clinic's people or head office's own.
  var RESOLVER_ID = new RegExp('^staff:(' + CLINIC + '|' + ${JSON.stringify(HEAD_OFFICE_CODE)} + '):[^:]+$');
  // The generation of the revision written: a replicated write carries its own history.
  // Every field but the revision's and those named is the same in both.
  function sameBut(doc, old, fields) {
    var keys = {}, k;
    for (k in doc) keys[k] = true;
    for (k in old) keys[k] = true;
    for (k in keys) {
      if (k === '_rev' || k === '_revisions' || fields.indexOf(k) >= 0) continue;
      if (JSON.stringify(doc[k]) !== JSON.stringify(old[k])) return false;
    }
    return true;
  }
  function generation(doc) {
    if (doc._revisions && typeof doc._revisions.start === 'number') return doc._revisions.start;
    var m = /^(\\d+)-/.exec(doc._rev || '');
    return m ? +m[1] : 0;
  }
  // The revision a deletion stub removes: its _rev (interactive), or its parent (replicated).
  function deletedRevs(doc) {
    var out = [];
    if (typeof doc._rev === 'string') out.push(doc._rev);
    var h = doc._revisions;
    if (h && typeof h.start === 'number' && h.ids && h.ids.length > 1) out.push((h.start - 1) + '-' + h.ids[1]);
    return out;
  }

  if (newDoc._deleted) {
    var gone = (old && old.type) || newDoc.type || String(newDoc._id).split(':')[0];
    if (!Object.prototype.hasOwnProperty.call(TYPES, gone)) forbid('type: unknown type "' + gone + '"');
    if (newDoc.clinic !== undefined && newDoc.clinic !== CLINIC) forbid('clinic: document of clinic ' + newDoc.clinic + ' in ' + DB);
    // A written-once record is never deleted by a desk, but for a claim (a complaint number) the
    // losing side of a duplicate is removed as any kept record's conflict is: by a person, with its
    // archive. On CouchDB 3 two desks creating one written-once id both get in (oldDoc is null for a
    // new branch) and make a conflict: head office, and only head office, removes the losing
    // branch, with its archive (src-main/sync/conflicts.ts).
    var writtenOnce = TYPES[gone].immutable && !TYPES[gone].claim;
    if (writtenOnce && byDesk) forbid('deleting a ' + gone + ' is not allowed: it is written once and kept');
    if (oldDoc && typeof oldDoc.signedAt === 'string' && oldDoc.signedAt !== '' && byDesk) forbid('signedAt: a signed record is never deleted');
    if (TYPES[gone].kept || writtenOnce) {
      if (typeof newDoc.conflictResolvedBy !== 'string' || !(byDesk ? STAFF_ID : RESOLVER_ID).test(newDoc.conflictResolvedBy) || typeof newDoc.conflictArchiveId !== 'string')
        forbid('deleting a ' + gone + ' is not allowed');
      var revs = deletedRevs(newDoc), named = false;
      for (var r = 0; r < revs.length; r++) { if (newDoc.conflictArchiveId === 'conflict-archive:' + newDoc._id + ':' + revs[r]) named = true; }
      if (!named) forbid('conflictArchiveId: must be conflict-archive:' + newDoc._id + ':<the deleted revision>');
    }
    return;
  }

  if (typeof newDoc.type !== 'string') forbid('type: required');
  if (!Object.prototype.hasOwnProperty.call(TYPES, newDoc.type)) forbid('type: unknown type "' + newDoc.type + '"');
  var rule = TYPES[newDoc.type];
  if (typeof newDoc.clinic !== 'string') forbid('clinic: required');
  if (newDoc.clinic !== CLINIC) forbid('clinic: document of clinic ' + newDoc.clinic + ' in ' + DB);
  checkImmutable(newDoc, old, IMMUTABLE);
  if (rule.id !== null && !new RegExp(rule.id).test(newDoc._id)) forbid('_id: a ' + newDoc.type + ' id looks like ' + rule.idShape);
  checkFields(newDoc, META, 'every document');
  checkSchemaVersion(newDoc);
  if (!/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$/.test(newDoc.createdAt)) forbid('createdAt: must be an ISO time (YYYY-MM-DDTHH:MM:SS.sssZ)');
  if (!old && byDesk && newDoc.createdBy !== 'system' && !STAFF_ID.test(newDoc.createdBy))
    forbid('createdBy: a desk of ' + CLINIC + ' records its own staff (staff:' + CLINIC + ':…) or system');
  checkFields(newDoc, rule.fields, 'a ' + newDoc.type);
  if (rule.optional) checkOptional(newDoc, rule.optional);
  if (newDoc.type === 'clinic' && newDoc.code !== CLINIC) forbid('code: must be ' + CLINIC);
  if (newDoc.type === 'staff') {
    if (!has(STAFF_ROLES, newDoc.role)) forbid('role: unknown role "' + newDoc.role + '"');
    if (has(HEAD_OFFICE_ROLES, newDoc.role) && byDesk && !(old && old.role === newDoc.role)) forbid('role: ' + newDoc.role + ' is given by head office only');
    if (newDoc.pinHash !== null && !/^scrypt\\$[A-Za-z0-9+\\/]{22}==\\$[A-Za-z0-9+\\/]{43}=$/.test(newDoc.pinHash)) forbid('pinHash: must be scrypt$<salt>$<hash>, as the desk writes it');
  }
  // A signed inspection (and each of its results) is read-only: corrections are new documents.
  if (old && typeof old.signedAt === 'string' && old.signedAt !== '') forbid('signedAt: a signed record is read-only; record a correction instead');
  // A claim (complaint-number): the id is the claimed value; CouchDB 3 hands a replicated revision
  // on a branch of its own no oldDoc (it becomes a conflict), express-pouchdb the current winner.
  var claim = rule.claim;
  if (claim) {
    var claimed = newDoc[claim.field];
    if (new RegExp(claim.idPattern).test(newDoc._id) && newDoc._id !== newDoc.type + ':' + CLINIC + ':' + claimed) forbid('_id: must be ' + newDoc.type + ':' + CLINIC + ':' + claimed);
    if (old && old[claim.holder] !== newDoc[claim.holder]) forbid(claim.field + ': ' + claimed + ' is held by ' + old[claim.holder]);
  }
  if (rule.immutable && (old || generation(newDoc) > 1) && !(old && rule.rederived && generation(newDoc) === 1 && sameBut(newDoc, old, rule.rederived)))
    forbid('_rev: a ' + newDoc.type + ' is written once and never changed');
}`;
}

/** The types of the reference database (clinic `*`), their fields' kinds from their schemas (as CLINIC_TYPES). */
const REFERENCE_TYPES = { calendar: 'a calendar', 'app-policy': 'an app policy', 'service-catalogue': 'a service catalogue', 'followup-plans': 'the follow-up plans' };
const referenceFields = () =>
  Object.fromEntries(
    Object.entries(REFERENCE_TYPES).map(([type, what]) => {
      const { fields, optional } = typeRule(type, { id: null, idShape: type, kept: true });
      return [type, { what, fields, optional: optional ?? {} }];
    }),
  );

/**
 * The `validate_doc_update` of `reference`: only head office writes (role `headoffice`, server or
 * database admins); the only type so far is the working-day calendar, checked as
 * shared/reference/calendar.ts's `calendarProblems` checks it (same order, same words).
 */
export function referenceValidation(): string {
  return `function (newDoc, oldDoc, userCtx, secObj) {
  var META = ${JSON.stringify(META_FIELDS)};
  var IMMUTABLE = ${JSON.stringify(IMMUTABLE_FIELDS)};
  var TYPES = ${JSON.stringify(referenceFields())};
${HELPERS}
  if (!isAdmin() && !has(roles, ${JSON.stringify(HEAD_OFFICE_ROLE)})) forbid('only head office may write to reference');
  var old = oldDoc && !oldDoc._deleted ? oldDoc : null;
  if (newDoc._deleted) {
    var gone = (old && old.type) || newDoc.type || String(newDoc._id).split(':')[0];
    forbid('deleting a ' + gone + ' is not allowed; correct it instead');
  }
  if (typeof newDoc.type !== 'string') forbid('type: required');
  if (!Object.prototype.hasOwnProperty.call(TYPES, newDoc.type)) forbid('type: unknown type "' + newDoc.type + '"');
  if (newDoc.clinic !== '*') forbid('clinic: reference documents belong to every clinic ("*")');
  checkImmutable(newDoc, old, IMMUTABLE);
  checkFields(newDoc, META, 'every document');
  checkSchemaVersion(newDoc);
  // Each type's fields' kinds, generated from its schema; what follows checks what kinds cannot say.
  checkFields(newDoc, TYPES[newDoc.type].fields, TYPES[newDoc.type].what);
  checkOptional(newDoc, TYPES[newDoc.type].optional);
  // Head office's minimum app version (docs/operations.md): one document, a version or null.
  if (newDoc.type === 'app-policy') {
    if (newDoc._id !== 'app-policy') forbid('_id: must be app-policy');
    if (newDoc.minAppVersion !== null && !/^\\d{1,4}\\.\\d{1,4}\\.\\d{1,4}$/.test(newDoc.minAppVersion)) forbid('minAppVersion: a version like 1.2.3');
    // The update channel (shared/fleet/update.ts), absent on a policy written before it existed.
    if (newDoc.updateFeedUrl !== undefined && newDoc.updateFeedUrl !== null && !/^https?:\\/\\/[^\\s@]+$/.test(newDoc.updateFeedUrl)) forbid('updateFeedUrl: an http(s) address without credentials');
    if (newDoc.pilotClinics !== undefined) {
      for (var pc = 0; pc < newDoc.pilotClinics.length; pc++) {
        if (!/^[A-Z]{2,8}$/.test(newDoc.pilotClinics[pc])) forbid('pilotClinics[' + pc + ']: a clinic code');
      }
    }
    return;
  }
  if (newDoc.type === 'service-catalogue') {
    // The service catalogue (shared/enquiries/catalogue.ts, issue 14): one document, written whole.
    if (newDoc._id !== 'service-catalogue') forbid('_id: must be service-catalogue');
    for (var s = 0; s < newDoc.items.length; s++) {
      var it = newDoc.items[s];
      if (kindOf(it) !== 'object') forbid('items[' + s + ']: must be object, not ' + kindOf(it));
      checkField(it, 'id', 'string', 'a service item', 'items[' + s + '].id');
      checkField(it, 'name', 'string', 'a service item', 'items[' + s + '].name');
      if (it.name.replace(/^\\s+|\\s+$/g, '') === '') forbid('items[' + s + '].name: required');
      checkField(it, 'priceFrom', 'number', 'a service item', 'items[' + s + '].priceFrom');
      checkField(it, 'priceTo', 'number', 'a service item', 'items[' + s + '].priceTo');
      if (it.priceTo < it.priceFrom) forbid('items[' + s + '].priceTo: must not be below the lower price');
    }
    return;
  }
  if (newDoc.type === 'followup-plans') {
    // The follow-up plans (shared/followup/plans.ts, issue 13): one document, written whole.
    if (newDoc._id !== 'followup-plans') forbid('_id: must be followup-plans');
    for (var q = 0; q < newDoc.plans.length; q++) {
      var pl = newDoc.plans[q];
      if (kindOf(pl) !== 'object') forbid('plans[' + q + ']: must be object, not ' + kindOf(pl));
      checkField(pl, 'id', 'string', 'a follow-up plan', 'plans[' + q + '].id');
      var nums = ['offsetDays', 'windowDays', 'tries', 'retryHours'];
      for (var n = 0; n < nums.length; n++) {
        checkField(pl, nums[n], 'number', 'a follow-up plan', 'plans[' + q + '].' + nums[n]);
        if (pl[nums[n]] < 0) forbid('plans[' + q + '].' + nums[n] + ': cannot be negative');
      }
      if (pl.tries < 1) forbid('plans[' + q + '].tries: at least one');
      // The contract's own rules (shared/followup/plans.ts, refinePlans): an active plan made by a
      // visit calls some outcome category, else it would call nobody; a plan calls or sends a message.
      checkField(pl, 'trigger', 'string', 'a follow-up plan', 'plans[' + q + '].trigger');
      checkField(pl, 'active', 'boolean', 'a follow-up plan', 'plans[' + q + '].active');
      checkField(pl, 'outcomes', 'array', 'a follow-up plan', 'plans[' + q + '].outcomes');
      if (pl.trigger === 'visitLeft' && pl.active && pl.outcomes.length === 0) forbid('plans[' + q + '].outcomes: at least one outcome category');
      checkField(pl, 'channel', 'string', 'a follow-up plan', 'plans[' + q + '].channel');
      if (pl.channel !== 'call' && pl.channel !== 'message') forbid('plans[' + q + '].channel: call or message');
    }
    return;
  }
  var year = newDoc.year;
  if (Math.floor(year) !== year || year < 2000 || year > 2100) forbid('year: must be a whole number from 2000 to 2100');
  if (newDoc._id !== 'calendar:' + year) forbid('_id: must be calendar:' + year);

  var i, h, w;
  for (i = 0; i < newDoc.holidays.length; i++) {
    h = newDoc.holidays[i];
    if (kindOf(h) !== 'object') forbid('holidays[' + i + ']: must be object, not ' + kindOf(h));
    checkField(h, 'name', 'string', 'a holiday', 'holidays[' + i + '].name');
    if (h.name.replace(/^\\s+|\\s+$/g, '') === '') forbid('holidays[' + i + '].name: required');
    checkField(h, 'from', 'string', 'a holiday', 'holidays[' + i + '].from');
    checkField(h, 'to', 'string', 'a holiday', 'holidays[' + i + '].to');
  }

  function realDate(s) {
    var m = /^(\\d{4})-(\\d{2})-(\\d{2})$/.exec(s);
    if (!m) return false;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }
  function checkDate(s, path) {
    if (!realDate(s)) forbid(path + ': "' + s + '" is not a real date (YYYY-MM-DD)');
    if (s.slice(0, 4) !== String(year)) forbid(path + ': ' + s + ' is not in ' + year);
  }
  var valid = [];
  for (i = 0; i < newDoc.holidays.length; i++) {
    h = newDoc.holidays[i];
    checkDate(h.from, 'holidays[' + i + '].from');
    checkDate(h.to, 'holidays[' + i + '].to');
    if (h.from > h.to) forbid('holidays[' + i + '].to: ends (' + h.to + ') before it starts (' + h.from + ')');
    valid.push({ index: i, from: h.from, to: h.to });
  }
  valid.sort(function (a, b) { return a.from < b.from ? -1 : a.from > b.from ? 1 : a.index - b.index; });
  for (i = 1; i < valid.length; i++) {
    if (valid[i].from <= valid[i - 1].to)
      forbid('holidays[' + valid[i].index + '].from: overlaps ' + newDoc.holidays[valid[i - 1].index].name + ' (' + valid[i - 1].from + ' to ' + valid[i - 1].to + ')');
  }
  var seen = {};
  for (i = 0; i < newDoc.workdays.length; i++) {
    w = newDoc.workdays[i];
    var path = 'workdays[' + i + ']';
    checkDate(w, path);
    var day = new Date(Date.UTC(+w.slice(0, 4), +w.slice(5, 7) - 1, +w.slice(8, 10))).getUTCDay();
    if (day !== 0 && day !== 6) forbid(path + ': ' + w + ' is not a Saturday or Sunday');
    for (var j = 0; j < valid.length; j++) {
      if (valid[j].from <= w && w <= valid[j].to) forbid(path + ': ' + w + ' is inside ' + newDoc.holidays[valid[j].index].name);
    }
    if (seen[w]) forbid(path + ': ' + w + ' is listed twice');
    seen[w] = true;
  }
}`;
}

/**
 * The `validate_doc_update` of `headoffice`: the consolidated copy of every clinic is filled by
 * replication (which writes as the replication user, role `headoffice_replication`); head-office
 * readers never write to it, because nothing written there would ever reach a clinic.
 */
export function headOfficeValidation(): string {
  return `function (newDoc, oldDoc, userCtx, secObj) {
${HELPERS}
  if (!isAdmin() && !has(roles, ${JSON.stringify(REPLICATION_ROLE)})) forbid('headoffice is filled by replication from the clinic databases; write to a clinic database instead');
}`;
}

/** The design document that carries a database's validation. */
export const VALIDATION_DDOC_ID = '_design/validation';
export function validationDesignDoc(source: string) {
  return { _id: VALIDATION_DDOC_ID, language: 'javascript', validate_doc_update: source };
}
