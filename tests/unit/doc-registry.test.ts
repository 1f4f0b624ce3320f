import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docRegistry, docVersions, type DocType } from '../../shared/docTypes';
import { CLINIC_TYPES, clinicValidation, referenceValidation } from '../../src-main/sync/couch/validation';
import type { FieldKind } from '../../src-main/sync/couch/typeRule';
import { schemaFields } from '../../src-main/sync/couch/schemaRule';
import { KNOWN_DOC_VERSIONS } from '../../src-main/fleet/known';
import { exampleDoc, idParts, objectOf, referenceTypes } from '../support/docExamples';

/** The validate_doc_update sources, run as CouchDB runs them: (newDoc, oldDoc, userCtx, secObj). */
type Vdu = (newDoc: object, oldDoc: object | null, userCtx: { name: string | null; roles: string[] }, secObj: object) => void;
const compile = (source: string) => new Function(`return (${source});`)() as Vdu;
const SECURITY = { admins: { names: [], roles: ['headoffice_admin'] }, members: { names: [], roles: ['clinic_BJ', 'headoffice'] } };
const DESK = { name: 'desk_bj', roles: ['clinic_BJ'] };
const HEAD_OFFICE = { name: 'ho_director', roles: ['headoffice'] };
const clinicDb = compile(clinicValidation('BJ'));
const referenceDb = compile(referenceValidation());

/** Head office's answer to a new document: the `forbidden` message, or null when it passes. */
function verdict(doc: Record<string, unknown>): string | null {
  const reference = referenceTypes.includes(doc.type as DocType);
  try {
    (reference ? referenceDb : clinicDb)(doc, null, reference ? HEAD_OFFICE : DESK, SECURITY);
    return null;
  } catch (err) {
    const forbidden = (err as { forbidden?: string }).forbidden;
    if (forbidden === undefined) throw err;
    return forbidden;
  }
}

/** A value of another JSON kind than `kind` (a number for a string, a string for the rest). */
const wrongKind = (kind: FieldKind): unknown => (kind.startsWith('string') ? 12345 : 'x');

/** The meta fields, checked by every rule alike (validation.ts's META), and CouchDB's own. */
const META = ['_id', '_rev', '_attachments', 'type', 'schemaVersion', 'clinic', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'];

/** A document without `field`. */
const without = (doc: Record<string, unknown>, field: string) => Object.fromEntries(Object.entries(doc).filter(([k]) => k !== field));

describe('the document registry', () => {
  it('declares every type once, and every type head office validates', () => {
    const types = docRegistry.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    const clinicTypes = types.filter((t) => !referenceTypes.includes(t));
    expect(Object.keys(CLINIC_TYPES).sort()).toEqual([...clinicTypes].sort());
  });

  it('is the version table newMeta stamps and the pull filter knows', () => {
    for (const d of docRegistry) expect(docVersions[d.type]).toBe(d.version);
    expect(KNOWN_DOC_VERSIONS).toEqual(docVersions);
  });

  it('builds ids of the shape head office checks, each inside its own range', () => {
    for (const d of docRegistry) {
      const id = (d.id as (...parts: unknown[]) => string)(...idParts[d.type]);
      expect(id.startsWith(`${d.type}:`) || id === d.type, id).toBe(true);
      const rule = CLINIC_TYPES[d.type];
      if (rule?.id) expect(new RegExp(rule.id.replace(/\{CODE\}/g, 'BJ')).test(id), `${id} ~ ${rule.idShape}`).toBe(true);
    }
  });
});

describe('head office’s validation agrees with each type’s schema', () => {
  it('has a schema-valid example of every type (every type has a schema)', () => {
    for (const d of docRegistry) {
      const result = d.schema.safeParse(exampleDoc(d));
      expect(result.success ? [] : result.error.issues, d.type).toEqual([]);
    }
  });

  it('accepts every schema-valid document', () => {
    for (const d of docRegistry) expect(verdict(exampleDoc(d)), d.type).toBeNull();
  });

  it('refuses a field of the wrong kind wherever the schema refuses it, null where the schema refuses null', () => {
    for (const d of docRegistry) {
      const rule = CLINIC_TYPES[d.type];
      if (!rule) continue;
      for (const [field, kind] of Object.entries({ ...rule.fields, ...rule.optional })) {
        const wrong = { ...exampleDoc(d), [field]: wrongKind(kind) };
        expect(d.schema.safeParse(wrong).success, `${d.type}.${field}: the schema takes ${JSON.stringify(wrong[field])}`).toBe(false);
        expect(verdict(wrong) ?? 'accepted', `${d.type}.${field}`).toMatch(new RegExp(`^${field}: `));
        const nulled = { ...exampleDoc(d), [field]: null };
        if (!d.schema.safeParse(nulled).success) expect(verdict(nulled) ?? 'accepted', `${d.type}.${field}: null`).toMatch(new RegExp(`^${field}: `));
      }
    }
  });

  it('checks every field the schema has: the rule is generated from it (schemaRule.ts), none left unchecked', () => {
    const unchecked: string[] = [];
    for (const d of docRegistry) {
      const rule = CLINIC_TYPES[d.type];
      if (!rule) continue;
      expect(schemaFields(d.schema).unchecked, d.type).toEqual({});
      for (const field of Object.keys(objectOf(d.schema).shape)) {
        if (META.includes(field) || field in rule.fields || field in (rule.optional ?? {})) continue;
        unchecked.push(`${d.type}.${field}`);
      }
    }
    expect(unchecked).toEqual([]);
  });

  it('accepts a document with every optional field present, and refuses a wrong kind in each', () => {
    for (const d of docRegistry) {
      const rule = CLINIC_TYPES[d.type];
      if (!rule) continue;
      const full = exampleDoc(d, true);
      expect(d.schema.safeParse(full).success, `${d.type}: the filled example fits its schema`).toBe(true);
      expect(verdict(full), d.type).toBeNull();
      for (const [field, kind] of Object.entries(rule.optional ?? {})) {
        const wrong = { ...full, [field]: wrongKind(kind) };
        expect(d.schema.safeParse(wrong).success, `${d.type}.${field}`).toBe(false);
        expect(verdict(wrong) ?? 'accepted', `${d.type}.${field}`).toMatch(new RegExp(`^${field}: `));
        // Absent is what older records are: both take it.
        expect(d.schema.safeParse(without(full, field)).success, `${d.type}.${field} absent`).toBe(true);
        expect(verdict(without(full, field)), `${d.type}.${field} absent`).toBeNull();
      }
    }
  });

  it('refuses a document without a field wherever the schema refuses it (and head office’s `require`s)', () => {
    for (const d of docRegistry) {
      const rule = CLINIC_TYPES[d.type];
      if (!rule) continue;
      for (const field of Object.keys(rule.fields)) {
        const missing = without(exampleDoc(d), field);
        const required = !d.schema.safeParse(missing).success;
        expect(required || field in (rule.require ?? {}), `${d.type}.${field}: required by the rule, not by the schema`).toBe(true);
        expect(verdict(missing) ?? 'accepted', `${d.type}.${field}`).toBe(`${field}: required for a ${d.type}`);
      }
      for (const field of Object.keys(objectOf(d.schema).shape)) {
        if (META.includes(field) || field in rule.fields) continue;
        expect(d.schema.safeParse(without(exampleDoc(d, true), field)).success, `${d.type}.${field}: the schema requires it, the rule does not`).toBe(true);
      }
    }
  });

  it('refuses an array of strings with an element of another kind, naming the element', () => {
    let arrays = 0;
    for (const d of docRegistry) {
      const rule = CLINIC_TYPES[d.type];
      if (!rule) continue;
      for (const [field, kind] of Object.entries({ ...rule.fields, ...rule.optional })) {
        if (kind !== 'string[]') continue;
        arrays++;
        const wrong = { ...exampleDoc(d, true), [field]: ['x', 7] };
        expect(d.schema.safeParse(wrong).success, `${d.type}.${field}`).toBe(false);
        expect(verdict(wrong), `${d.type}.${field}`).toBe(`${field}[1]: must be string, not number`);
      }
    }
    expect(arrays).toBeGreaterThan(5);
  });
});

describe('an optional field head office checks when present', () => {
  const visitEvent = docRegistry.find((d) => d.type === 'visit-event')!;
  const withdraw = (withdraws?: unknown) => {
    const doc: Record<string, unknown> = { ...exampleDoc(visitEvent), kind: 'withdraw', status: null, note: '撤销合并：登记错人' };
    if (withdraws === undefined) delete doc.withdraws;
    else doc.withdraws = withdraws;
    return doc;
  };

  it('takes a visit event without withdraws, and one whose withdraws is a list of ids', () => {
    expect(verdict(withdraw())).toBeNull();
    expect(verdict(withdraw([]))).toBeNull();
    expect(verdict(withdraw(['visit-event:BJ:2026-03-02:a', 'visit-event:BJ:2026-03-02:b']))).toBeNull();
  });

  it('refuses withdraws that is not a list of strings, naming the field and the element', () => {
    expect(verdict(withdraw(['visit-event:BJ:2026-03-02:a', 7]))).toBe('withdraws[1]: must be string, not number');
    expect(verdict(withdraw([null]))).toBe('withdraws[0]: must be string, not null');
    expect(verdict(withdraw('visit-event:BJ:2026-03-02:a'))).toBe('withdraws: must be an array of strings, not string');
    expect(verdict(withdraw(null))).toBe('withdraws: must be an array of strings, not null');
    expect(verdict(withdraw({ 0: 'visit-event:BJ:2026-03-02:a' }))).toBe('withdraws: must be an array of strings, not object');
  });
});

describe('README “Documents”', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Documents'), readme.indexOf('\n## ', readme.indexOf('## Documents') + 1));
  /** Each row of the documents table: the types named in its first column and its version column. */
  const rows = section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => {
      const cells = l.split('|').map((c) => c.trim());
      return { types: [...cells[1]!.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!), version: cells[3]! };
    });

  it('names every registered type at its version, and no other', () => {
    const named = rows.flatMap((r) => r.types.map((t) => ({ type: t, version: r.version })));
    expect(named.map((n) => n.type).sort()).toEqual(docRegistry.map((d) => d.type).sort());
    for (const n of named) expect(n.version, n.type).toBe(String(docVersions[n.type as DocType]));
  });
});
