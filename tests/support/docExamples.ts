import { defaultPlans } from '../../shared/followup/rules';
import type { z } from 'zod';
import type { DocDeclaration } from '../../shared/doc';
import type { DocType } from '../../shared/docTypes';

/**
 * A schema-valid document of each registered type, made from its declaration:
 * the id from `id(...)`, the stamp at the declared version, every field the simplest value its
 * schema takes (a string `x`, a number 1, an enum's first member, null where nullable, optional
 * fields left out), then the type's few real values (`fields` below) where the schema wants more.
 */
const AT = '2026-11-27T02:00:00.000Z';
const TAIL = '01ktest00000000001';

/** The parts each type's `id(...)` takes, for clinic BJ. */
export const idParts: Record<DocType, unknown[]> = {
  clinic: ['BJ'],
  staff: ['BJ', TAIL],
  calendar: [2026],
  customer: ['BJ', TAIL],
  visit: ['BJ', '2026-11-27', TAIL],
  'customer-edit': [`customer:BJ:${TAIL}`, TAIL],
  'customer-merge': [`customer:BJ:${TAIL}`, TAIL],
  'conflict-archive': [`staff:BJ:${TAIL}`, '2-abc123'],
  appointment: ['BJ', TAIL],
  'no-show': [`appointment:BJ:${TAIL}`],
  'no-show-correction': [`appointment:BJ:${TAIL}`],
  duty: ['BJ', '2026-11-27', `staff:BJ:${TAIL}`],
  'vip-ack': ['BJ', '2026-11-27', TAIL],
  'visit-event': ['BJ', '2026-11-27', TAIL],
  handover: ['BJ', '2026-11-27', TAIL],
  'handover-ack': ['BJ', '2026-11-27', TAIL],
  'display-settings': ['BJ'],
  'tea-event': ['BJ', '2026-11-27', TAIL],
  'tea-party': ['BJ', '2026-11-27', TAIL],
  'tea-template': ['BJ', 1],
  'tea-settings': ['BJ'],
  'inspection-settings': ['BJ'],
  'inspection-template': ['BJ', 'grooming', 1],
  inspection: ['BJ', '2026-11-27', TAIL],
  'inspection-result': [{ _id: `inspection:BJ:2026-11-27:${TAIL}`, clinic: 'BJ', date: '2026-11-27' }, `staff:BJ:${TAIL}`],
  'inspection-penalty': [{ _id: `inspection:BJ:2026-11-27:${TAIL}`, clinic: 'BJ', date: '2026-11-27' }, `staff:BJ:${TAIL}`, 'hair'],
  'inspection-penalty-correction': [{ _id: `inspection:BJ:2026-11-27:${TAIL}`, clinic: 'BJ', date: '2026-11-27' }, `staff:BJ:${TAIL}`, 'hair', TAIL],
  'inspection-correction': [{ _id: `inspection:BJ:2026-11-27:${TAIL}`, clinic: 'BJ', date: '2026-11-27' }, TAIL],
  'service-star': ['BJ', '2026-11'],
  complaint: ['BJ', '2026-11-27', TAIL],
  'complaint-event': [`complaint:BJ:2026-11-27:${TAIL}`, TAIL],
  'complaint-number': ['BJ', 'BJ20261101'],
  'complaint-settings': ['BJ'],
  'complaint-limits': ['BJ'],
  'complaint-review': ['BJ', '2026-11'],
  'followup-task': ['BJ', 'service7d', `visit:BJ:2026-11-27:${TAIL}`],
  'followup-event': ['BJ', '2026-11-27', TAIL],
  enquiry: ['BJ', '2026-11-27', TAIL],
  'enquiry-check': [`enquiry:BJ:2026-11-27:${TAIL}`],
  'enquiry-sheet': ['BJ', '2026-11-27', `staff:BJ:${TAIL}`],
  'enquiry-recall': ['BJ', '2026-11-27', TAIL],
  'service-catalogue': [],
  'followup-plans': [],
  heartbeat: ['BJ', 'desk-01ktest0001'],
  'app-policy': [],
  'staff-settings': ['BJ'],
  'shift-rollout': ['BJ', 1],
  rota: ['BJ', '2026-11-27', `staff:BJ:${TAIL}`],
  'rota-week': ['BJ', '2026-11-23'],
  'rota-change': ['BJ', '2026-11-27', TAIL],
  leave: ['BJ', '2026-11-27', TAIL],
  attendance: ['BJ', '2026-11-27', TAIL],
  'staff-fine': ['BJ', '2026-11-27', `staff:BJ:${TAIL}`, 'late'],
  'staff-away': ['BJ', '2026-11-27', TAIL],
  'staff-meeting': ['BJ', 'weekly', '2026-11-27', TAIL],
  training: ['BJ', '2026-11-27', TAIL],
  'cleaning-plan': ['BJ'],
  'cleaning-check': ['BJ', '2026-11-27', 'opening'],
};

/** Types kept in the reference database (clinic `*`), written by head office. */
export const referenceTypes: readonly DocType[] = ['calendar', 'service-catalogue', 'app-policy', 'followup-plans'];

/** Where the simplest value is not one the schema (or head office's rules) takes. */
const fields: Partial<Record<DocType, Record<string, unknown>>> = {
  'shift-rollout': { version: 1, shiftTypes: [{ code: 'A', name: '全天班', summer: { from: '08:00', to: '18:00', breaks: [] }, winter: null }] },
  clinic: { code: 'BJ', departments: [] },
  customer: { phone: '13912345678' },
  staff: { role: 'guide', sex: 'F' },
  calendar: { year: 2026, holidays: [], workdays: [], source: '国务院办公厅' },
  'service-catalogue': { items: [] },
  'tea-template': { items: [] },
  'followup-task': { planId: 'service7d' },
  // A number's id is made of the number (head office's claim rule).
  'complaint-number': { number: 'BJ20261101' },
  // Every save writes both (head office requires them; older documents read without them).
  'staff-settings': { shiftTypesVersion: 1, shiftTypesBy: 'clinic' },
  // The shipped plans: a plans document names every plan once.
  'followup-plans': { version: 1, plans: defaultPlans },
};

/**
 * The simplest value `schema` takes (undefined: leave the field out). With `fill`, optional and
 * defaulted fields are given their simplest value too (a document with every field present).
 */
export function simplest(schema: z.ZodType, fill = false): unknown {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'string':
      return def.format === 'datetime' ? AT : 'x';
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'null':
    case 'nullable':
      return null;
    case 'optional':
      return fill ? simplest(def.innerType as z.ZodType, fill) : undefined;
    case 'default':
      return fill ? simplest(def.innerType as z.ZodType, fill) : def.defaultValue;
    case 'literal':
      return (def.values as unknown[])[0];
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'array':
      return [];
    case 'record':
      return {};
    case 'pipe':
      return simplest(def.in as z.ZodType, fill);
    case 'union':
      return simplest((def.options as z.ZodType[])[0]!, fill);
    case 'object':
      return Object.fromEntries(
        Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => {
          const value = simplest(v, fill);
          return value === undefined ? [] : [[k, value]];
        }),
      );
    default:
      throw new Error(`no simplest value for a zod ${def.type}`);
  }
}

/** The schema's object (through a superRefine's pipe). */
export function objectOf(schema: z.ZodType): z.ZodObject {
  const def = (schema as unknown as { _zod: { def: { type: string; in?: z.ZodType; shape?: unknown } } })._zod.def;
  if (def.type === 'object') return schema as z.ZodObject;
  if (def.type === 'pipe' && def.in) return objectOf(def.in);
  throw new Error(`not an object schema: ${def.type}`);
}

/**
 * A schema-valid document of a declared type, for clinic BJ (`fill`: its optional fields given
 * too, but CouchDB's own `_rev` and `_attachments`).
 */
export function exampleDoc(decl: DocDeclaration, fill = false): Record<string, unknown> {
  const type = decl.type as DocType;
  const clinic = referenceTypes.includes(type) ? '*' : 'BJ';
  const by = referenceTypes.includes(type) ? 'staff:HQ:director' : `staff:BJ:${TAIL}`;
  const { _rev: _r, _attachments: _a, ...body } = simplest(objectOf(decl.schema), fill) as Record<string, unknown>;
  return {
    ...body,
    _id: decl.id(...idParts[type]),
    type,
    schemaVersion: decl.version,
    clinic,
    createdAt: AT,
    createdBy: by,
    updatedAt: AT,
    updatedBy: by,
    ...fields[type],
  };
}

