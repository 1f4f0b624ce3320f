import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { clinicValidation, headOfficeValidation, referenceValidation } from '../../src-main/sync/couch/validation';
import { calendar2026, calendarDoc, calendarProblems, calendarProblemText, type CalendarTable } from '../../shared/reference/calendar';
import { couchDocs } from '../support/couchDocs';

/** The validate_doc_update sources, run here as CouchDB runs them: (newDoc, oldDoc, userCtx, secObj). */
type Vdu = (newDoc: object, oldDoc: object | null, userCtx: { name: string | null; roles: string[] }, secObj: object) => void;
const compile = (source: string) => new Function(`return (${source});`)() as Vdu;

const DESK = { name: 'desk_bj', roles: ['clinic_BJ'] };
const HEAD_OFFICE = { name: 'ho_director', roles: ['headoffice'] };
const SECURITY = { admins: { names: [], roles: ['headoffice_admin'] }, members: { names: [], roles: ['clinic_BJ', 'headoffice'] } };

/** What a validation says: the `forbidden` message, or null when the write passes. */
function verdict(vdu: Vdu, newDoc: object, oldDoc: object | null = null, userCtx: { name: string | null; roles: string[] } = DESK, secObj: object = SECURITY): string | null {
  try {
    vdu(newDoc, oldDoc, userCtx, secObj);
    return null;
  } catch (err) {
    const forbidden = (err as { forbidden?: string }).forbidden;
    if (forbidden === undefined) throw err;
    return forbidden;
  }
}

describe('validate_doc_update sources', () => {
  const es5 = (code: string) =>
    new Linter({ configType: 'flat' })
      .verify(`var validate = ${code};`, { languageOptions: { ecmaVersion: 5, sourceType: 'script' } })
      .filter((m) => m.fatal)
      .map((m) => m.message);

  it('are ES5, which every CouchDB 3 JavaScript engine runs', () => {
    expect(es5('function (doc) { let x = () => 1; }')).not.toEqual([]); // the check can fail
    for (const source of [clinicValidation('BJ'), clinicValidation('GZTH'), referenceValidation(), headOfficeValidation()]) expect(es5(source)).toEqual([]);
  });

  it('are made only for valid clinic codes', () => {
    expect(() => clinicValidation('bj')).toThrow();
    expect(() => clinicValidation('B"J')).toThrow();
  });
});

describe('a clinic database’s validation', () => {
  const bj = compile(clinicValidation('BJ'));

  it('lets members, head office and admins write, and nobody else', () => {
    const visit = couchDocs.visit('BJ');
    expect(verdict(bj, visit)).toBeNull();
    expect(verdict(bj, visit, null, HEAD_OFFICE)).toBeNull();
    expect(verdict(bj, visit, null, { name: 'admin', roles: ['_admin'] })).toBeNull();
    expect(verdict(bj, visit, null, { name: 'ops', roles: ['headoffice_admin'] })).toBeNull();
    expect(verdict(bj, visit, null, { name: 'desk_sh', roles: ['clinic_SH'] })).toBe('only members of clinic BJ or head office may write to clinic_bj');
    expect(verdict(bj, visit, null, { name: null, roles: [] })).toBe('only members of clinic BJ or head office may write to clinic_bj');
  });

  it('names the field and the rule', () => {
    expect(verdict(bj, couchDocs.visit('SH'))).toBe('clinic: document of clinic SH in clinic_bj');
    expect(verdict(bj, { ...couchDocs.visit('BJ'), type: undefined })).toBe('type: required');
    // The customer schema's `search` is an array of strings: the generated rule checks each element.
    expect(verdict(bj, couchDocs.customer('BJ', { search: 'x' }))).toBe('search: must be an array of strings, not string');
    expect(verdict(bj, couchDocs.customer('BJ', { search: ['zhang', 3] }))).toBe('search[1]: must be string, not number');
    expect(verdict(bj, couchDocs.customer('BJ', { tier: 3 }))).toBe('tier: must be string or null, not number');
    expect(verdict(bj, couchDocs.customer('BJ', { tier: 'A', birthDate: '1990-01-01', age: null }))).toBeNull();
    expect(verdict(bj, couchDocs.staff('BJ', { _id: 'staff:SH:x' }))).toBe('_id: a staff id looks like staff:BJ:<tail>');
    expect(verdict(bj, couchDocs.clinic('BJ', { _id: 'clinic:SH' }))).toBe('_id: a clinic id looks like clinic:BJ');
  });

  it('keeps creation stamps, type, clinic and a complaint number as they were', () => {
    const old = { ...couchDocs.visit('BJ'), number: 'BJ20261107' };
    expect(verdict(bj, { ...old, intention: '复诊' }, old)).toBeNull();
    expect(verdict(bj, { ...old, createdAt: '2026-01-01T00:00:00.000Z' }, old)).toBe('createdAt: cannot change');
    expect(verdict(bj, { ...old, number: 'BJ20261108' }, old)).toBe('number: cannot change');
    // A deleted predecessor holds nothing to keep.
    expect(verdict(bj, { ...old, createdAt: '2026-01-01T00:00:00.000Z' }, { _id: old._id, _deleted: true })).toBeNull();
  });

  it('writes a checklist version once: neither the clinic nor head office may change it, a new version is a new document', () => {
    const at = '2026-11-27T03:30:00.000Z';
    const meta = { schemaVersion: 1, clinic: 'BJ', createdAt: at, createdBy: 'staff:HO:director', updatedAt: at, updatedBy: 'staff:HO:director' };
    const tea = { _id: 'tea-template:BJ:v2', type: 'tea-template', ...meta, version: 2, items: [{ id: 'fill-80', text: '茶水八分满' }] };
    const grooming = { _id: 'inspection-template:BJ:grooming:v1', type: 'inspection-template', ...meta, key: 'grooming', version: 1, name: '仪容仪表', items: [], basedOn: 'default:grooming' };
    for (const doc of [tea, grooming]) {
      // Head office's version, as a desk would write one of its own (a desk names its own staff).
      expect(verdict(bj, { ...doc, createdBy: 'staff:BJ:lead' }), doc._id).toBeNull();
      expect(verdict(bj, doc), doc._id).toBe('createdBy: a desk of BJ records its own staff (staff:BJ:…) or system');
      expect(verdict(bj, doc, null, HEAD_OFFICE), doc._id).toBeNull();
      const edited = { ...doc, _rev: '1-a', items: [{ id: 'x', text: '改' }], updatedBy: 'staff:BJ:lead' };
      expect(verdict(bj, edited, { ...doc, _rev: '1-a' })).toBe(`_rev: a ${doc.type} is written once and never changed`);
      expect(verdict(bj, edited, { ...doc, _rev: '1-a' }, HEAD_OFFICE)).toBe(`_rev: a ${doc.type} is written once and never changed`);
    }
    expect(verdict(bj, { ...tea, _id: 'tea-template:BJ:v0' })).toBe('_id: a tea-template id looks like tea-template:BJ:v<n>');
  });

  it('refuses deleting kept records unless the stub resolves a conflict into the archive of the revision it deletes', () => {
    const visit = { ...couchDocs.visit('BJ'), _rev: '2-aaa' };
    const stub = { _id: visit._id, _rev: '2-aaa', _deleted: true };
    expect(verdict(bj, stub, visit)).toBe('deleting a visit is not allowed');
    // With no stored predecessor, the id says what it was.
    expect(verdict(bj, stub, null)).toBe('deleting a visit is not allowed');
    expect(verdict(bj, { ...stub, conflictResolvedBy: 'staff:BJ:lead', conflictArchiveId: '' }, visit)).toMatch(/^conflictArchiveId: must be/);
    // Any two strings passed before; the archive must be the deterministic one of the deleted revision.
    expect(verdict(bj, { ...stub, conflictResolvedBy: 'x', conflictArchiveId: 'y' }, visit)).toBe('deleting a visit is not allowed');
    expect(verdict(bj, { ...stub, conflictResolvedBy: 'staff:BJ:lead', conflictArchiveId: 'conflict-archive:BJ:1' }, visit)).toMatch(/^conflictArchiveId: must be/);
    expect(verdict(bj, { ...stub, conflictResolvedBy: 'staff:SH:lead', conflictArchiveId: `conflict-archive:${visit._id}:2-aaa` }, visit)).toBe('deleting a visit is not allowed');
    // Interactive (CouchDB validates before the new revision exists): the stub's _rev is the deleted one.
    expect(verdict(bj, { ...stub, conflictResolvedBy: 'staff:BJ:lead', conflictArchiveId: `conflict-archive:${visit._id}:2-aaa` }, visit)).toBeNull();
    // Replicated: the stub carries its own revision; the deleted one is its parent.
    const replicated = { _id: visit._id, _rev: '3-bbb', _revisions: { start: 3, ids: ['bbb', 'aaa', 'zzz'] }, _deleted: true, conflictResolvedBy: 'staff:BJ:lead' };
    expect(verdict(bj, { ...replicated, conflictArchiveId: `conflict-archive:${visit._id}:2-aaa` }, visit)).toBeNull();
    expect(verdict(bj, { ...replicated, conflictArchiveId: `conflict-archive:${visit._id}:1-zzz` }, visit)).toMatch(/^conflictArchiveId: must be/);
    for (const kept of [couchDocs.clinic('BJ'), couchDocs.staff('BJ'), couchDocs.customer('BJ')])
      expect(verdict(bj, { _id: kept._id, _deleted: true }, kept)).toBe(`deleting a ${kept.type} is not allowed`);
    expect(verdict(bj, { _id: 'foo:1', _deleted: true }, null)).toBe('type: unknown type "foo"');
  });

  const at = '2026-11-27T03:30:00.000Z';
  const meta = (by = 'staff:BJ:lead') => ({ schemaVersion: 1, clinic: 'BJ', createdAt: at, createdBy: by, updatedAt: at, updatedBy: by });
  const writtenOnce = {
    tea: { _id: 'tea-template:BJ:v2', type: 'tea-template', ...meta(), version: 2, items: [] },
    penalty: {
      _id: 'inspection-penalty:BJ:2026-11-27:i1:s1:fill',
      type: 'inspection-penalty',
      ...meta(),
      inspectionId: 'inspection:BJ:2026-11-27:i1',
      kind: 'grooming',
      date: '2026-11-27',
      staffId: 'staff:BJ:s1',
      staffName: '王',
      itemId: 'fill',
      itemLabel: '八分满',
      supervisorId: null,
      deptHeadId: null,
      occurrence: 1,
      proposed: {},
      measure: 'warning',
      amount: 0,
      supervisorAmount: 0,
      deptHeadAmount: 0,
      reason: '',
    },
    number: {
      _id: 'complaint-number:BJ:2026-11-27:01ktest00000000001:desk-01ktest00000000002',
      type: 'complaint-number',
      ...meta(),
      complaintId: 'complaint:BJ:2026-11-27:01ktest00000000001',
      number: 'BJ20261101',
      month: '2026-11',
      serial: 1,
      deskId: 'desk-01ktest00000000002',
      acceptEventId: 'complaint-event:BJ:2026-11-27:01ktest00000000001:01ktest00000000003',
    },
    archive: { _id: 'conflict-archive:staff:BJ:x:1-abc', type: 'conflict-archive', ...meta(), docId: 'staff:BJ:x', docType: 'staff', rev: '1-abc', wasWinner: false, keptRev: '1-def', body: {} },
  };

  it('never deletes a record written once (a number only as a resolved duplicate), nor accepts it again over its tombstone', () => {
    for (const doc of Object.values(writtenOnce)) {
      expect(verdict(bj, doc), doc._id).toBeNull();
      const stub = { _id: doc._id, _rev: '1-a', _deleted: true, conflictResolvedBy: 'staff:BJ:lead', conflictArchiveId: `conflict-archive:${doc._id}:1-a` };
      if (doc.type === 'complaint-number') {
        // A number is a claim: the losing side of a duplicate goes as a kept record's conflict does,
        // by a person and with its archive (complaint.resolveNumber), and in no other way.
        expect(verdict(bj, stub, { ...doc, _rev: '1-a' }), doc._id).toBeNull();
        expect(verdict(bj, { _id: doc._id, _rev: '1-a', _deleted: true }, { ...doc, _rev: '1-a' }), doc._id).toBe('deleting a complaint-number is not allowed');
        expect(verdict(bj, { ...stub, conflictArchiveId: 'conflict-archive:x:1-a' }, { ...doc, _rev: '1-a' }), doc._id).toMatch(/^conflictArchiveId: /);
      } else {
        expect(verdict(bj, stub, { ...doc, _rev: '1-a' }), doc._id).toBe(`deleting a ${doc.type} is not allowed: it is written once and kept`);
        // Two desks created this id while apart; on CouchDB 3 both got in (a conflict): head office,
        // and only head office, removes the losing branch, by a named person and with its archive.
        const byHeadOffice = { ...stub, conflictResolvedBy: 'staff:HO:director' };
        expect(verdict(bj, byHeadOffice, { ...doc, _rev: '1-a' }, HEAD_OFFICE), doc._id).toBeNull();
        expect(verdict(bj, byHeadOffice, { ...doc, _rev: '1-a' }), doc._id).toBe(`deleting a ${doc.type} is not allowed: it is written once and kept`);
        expect(verdict(bj, { _id: doc._id, _rev: '1-a', _deleted: true }, null, HEAD_OFFICE), doc._id).toBe(`deleting a ${doc.type} is not allowed`);
        expect(verdict(bj, { ...byHeadOffice, conflictResolvedBy: 'staff:SH:someone' }, null, HEAD_OFFICE), doc._id).toBe(`deleting a ${doc.type} is not allowed`);
        expect(verdict(bj, { ...byHeadOffice, conflictArchiveId: 'conflict-archive:elsewhere:1-a' }, null, HEAD_OFFICE), doc._id).toMatch(/^conflictArchiveId: /);
      }
      // Re-created over a tombstone: the revision extends it (CouchDB gives oldDoc null, or the tombstone).
      const again = { ...doc, _rev: '3-c', _revisions: { start: 3, ids: ['c', 'b', 'a'] }, amount: 999 };
      expect(verdict(bj, again, null), doc._id).toBe(`_rev: a ${doc.type} is written once and never changed`);
      expect(verdict(bj, again, { _id: doc._id, _rev: '2-b', _deleted: true }), doc._id).toBe(`_rev: a ${doc.type} is written once and never changed`);
      // Its first revision, replicated, passes.
      expect(verdict(bj, { ...doc, _rev: '1-a', _revisions: { start: 1, ids: ['a'] } }, null), doc._id).toBeNull();
    }
  });

  it('keeps every field of a complaint number as issued', () => {
    const old = { ...writtenOnce.number, _rev: '1-a' };
    for (const change of [{ serial: 2 }, { month: '2026-12' }, { acceptEventId: 'x' }, { updatedAt: '2026-11-28T00:00:00.000Z' }])
      expect(verdict(bj, { ...old, ...change }, old), JSON.stringify(change)).toBe('_rev: a complaint-number is written once and never changed');
    expect(verdict(bj, { ...old, number: 'BJ20261102' }, old)).toBe('number: cannot change');
  });

  it('never deletes a signed record', () => {
    const signed = {
      _id: 'inspection:BJ:2026-11-27:i1',
      _rev: '3-s',
      type: 'inspection',
      ...meta(),
      kind: 'grooming',
      date: '2026-11-27',
      departmentId: null,
      templateKey: 'grooming',
      templateVersion: 1,
      templateName: '仪容仪表',
      items: [],
      inspectorName: '院长',
      signedAt: at,
      signedBy: 'staff:BJ:dean',
      signedByName: '院长',
      discardedAt: null,
      discardReason: null,
    };
    const stub = { _id: signed._id, _rev: '3-s', _deleted: true, conflictResolvedBy: 'staff:BJ:lead', conflictArchiveId: `conflict-archive:${signed._id}:3-s` };
    expect(verdict(bj, stub, signed)).toBe('signedAt: a signed record is never deleted');
    // A conflict's losing branch of a signed record is removed from head office only, archived.
    expect(verdict(bj, { ...stub, conflictResolvedBy: 'staff:HO:director' }, signed, HEAD_OFFICE)).toBeNull();
    expect(verdict(bj, { ...signed, inspectorName: '伪造' }, signed)).toBe('signedAt: a signed record is read-only; record a correction instead');
  });

  it('takes staff roles from the known list, head-office roles only from head office, PIN hashes only in the app’s form', () => {
    const pinHash = 'scrypt$' + 'A'.repeat(22) + '==$' + 'B'.repeat(43) + '=';
    expect(verdict(bj, couchDocs.staff('BJ', { role: 'dean', pinHash }))).toBeNull();
    expect(verdict(bj, couchDocs.staff('BJ', { role: 'root' }))).toBe('role: unknown role "root"');
    for (const role of ['gmOffice', 'hoCsDirector']) {
      expect(verdict(bj, couchDocs.staff('BJ', { role }))).toBe(`role: ${role} is given by head office only`);
      expect(verdict(bj, couchDocs.staff('BJ', { role }), null, HEAD_OFFICE)).toBeNull();
      const granted = couchDocs.staff('BJ', { role });
      // A desk may still edit a person head office made (e.g. deactivate), not make one.
      expect(verdict(bj, { ...granted, active: false }, granted)).toBeNull();
      const guide = couchDocs.staff('BJ');
      expect(verdict(bj, { ...guide, role }, guide)).toBe(`role: ${role} is given by head office only`);
    }
    for (const bad of ['x', 'scrypt$a$b', pinHash + 'x', 'bcrypt' + pinHash.slice(6)]) expect(verdict(bj, couchDocs.staff('BJ', { pinHash: bad })), bad).toMatch(/^pinHash: must be scrypt/);
  });

  it('checks who created a new document and when: a desk names its own clinic’s staff', () => {
    expect(verdict(bj, couchDocs.visit('BJ', { createdBy: 'staff:SH:lead' }))).toBe('createdBy: a desk of BJ records its own staff (staff:BJ:…) or system');
    expect(verdict(bj, couchDocs.visit('BJ', { createdBy: 'admin' }))).toBe('createdBy: a desk of BJ records its own staff (staff:BJ:…) or system');
    expect(verdict(bj, couchDocs.noShow('BJ', { createdBy: 'system' }))).toBeNull();
    expect(verdict(bj, couchDocs.visit('BJ', { createdBy: 'staff:HO:director' }), null, HEAD_OFFICE)).toBeNull();
    expect(verdict(bj, couchDocs.visit('BJ', { createdAt: 'yesterday' }))).toBe('createdAt: must be an ISO time (YYYY-MM-DDTHH:MM:SS.sssZ)');
  });
});

describe('the reference database’s validation', () => {
  const reference = compile(referenceValidation());
  const doc = (t: CalendarTable) => calendarDoc(t, { at: '2026-11-27T02:00:00.000Z', by: 'ho_director' });

  it('lets only head office write, only calendars, never deleted', () => {
    expect(verdict(reference, doc(calendar2026), null, HEAD_OFFICE)).toBeNull();
    expect(verdict(reference, doc(calendar2026), null, DESK)).toBe('only head office may write to reference');
    expect(verdict(reference, { ...doc(calendar2026), type: 'clinic' }, null, HEAD_OFFICE)).toBe('type: unknown type "clinic"');
    expect(verdict(reference, { ...doc(calendar2026), clinic: 'BJ' }, null, HEAD_OFFICE)).toBe('clinic: reference documents belong to every clinic ("*")');
    expect(verdict(reference, { _id: 'calendar:2026', _deleted: true }, doc(calendar2026), HEAD_OFFICE)).toBe('deleting a calendar is not allowed; correct it instead');
    expect(verdict(reference, { ...doc(calendar2026), holidays: [{ name: '元旦', from: 20260101, to: '2026-01-01' }] }, null, HEAD_OFFICE)).toBe(
      'holidays[0].from: must be string, not number',
    );
  });

  it('finds the same first problem in a table as shared/reference/calendar.ts does', () => {
    const bad: CalendarTable[] = [
      { ...calendar2026, holidays: [{ name: '春节', from: '2026-02-30', to: '2026-03-01' }] },
      { ...calendar2026, holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-02' }] },
      { ...calendar2026, holidays: [{ name: '清明节', from: '2026-04-06', to: '2026-04-04' }], workdays: [] },
      { ...calendar2026, holidays: [...calendar2026.holidays, { name: '补休', from: '2026-02-10', to: '2026-02-15' }] },
      { ...calendar2026, holidays: [{ name: 'B', from: '2026-03-10', to: '2026-03-12' }, { name: 'A', from: '2026-03-01', to: '2026-03-10' }], workdays: [] },
      { ...calendar2026, workdays: ['2026-10-03'] },
      { ...calendar2026, workdays: ['2026-01-05'] },
      { ...calendar2026, workdays: ['2026-01-04', '2026-01-04'] },
      { ...calendar2026, workdays: ['2026-02-29'] },
      { ...calendar2026, workdays: ['2025-12-27'] },
    ];
    for (const table of bad) {
      const [first] = calendarProblems(table);
      expect(first, JSON.stringify(table.holidays) + table.workdays.join()).toBeDefined();
      expect(verdict(reference, doc(table), null, HEAD_OFFICE)).toBe(calendarProblemText(first!));
    }
  });
});

describe('the headoffice database’s validation', () => {
  const headoffice = compile(headOfficeValidation());

  it('lets only replication (the replication user, or a server admin) write', () => {
    expect(verdict(headoffice, couchDocs.visit('BJ'), null, { name: 'admin', roles: ['_admin'] })).toBeNull();
    expect(verdict(headoffice, couchDocs.visit('BJ'), null, { name: 'headoffice_replication', roles: ['headoffice_replication'] })).toBeNull();
    expect(verdict(headoffice, couchDocs.visit('BJ'), null, DESK)).toMatch(/^headoffice is filled by replication/);
    expect(verdict(headoffice, couchDocs.visit('BJ'), null, HEAD_OFFICE)).toMatch(/^headoffice is filled by replication/);
  });
});
