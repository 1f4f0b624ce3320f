import type { z } from 'zod';
import type { FieldKind } from './typeRule';

/**
 * Head office's field checks, read from a document type's zod schema (shared/<domain>/docs.ts's
 * `schema`), so the CouchDB rule says what the schema says and nothing is written twice. What a
 * `validate_doc_update` in ES5 can check cheaply is each top-level field's JSON kind:
 * - string, enum of strings, string literal, ISO time → `string`; number → `number`; boolean →
 *   `boolean`; array → `array` (`string[]` for an array of strings); object / record → `object`;
 * - `.nullable()` → the kind with `?` (or null); `.optional()` and `.default()` → checked only
 *   when present (a default is what the desk reads for an older record that lacks the field);
 * - a union of one kind is that kind; a union of kinds no FieldKind says (string or number, …) and
 *   any other zod type are left unchecked (`unchecked`, with the zod type, so a test can list them).
 * Meta fields (`docMeta`) and CouchDB's own (`_id`, `_rev`, `_attachments`) are checked elsewhere.
 */
export interface SchemaFields {
  fields: Record<string, FieldKind>;
  optional: Record<string, FieldKind>;
  /** Fields whose kind no FieldKind says, with the zod type that made it so. */
  unchecked: Record<string, string>;
}

const META = new Set(['type', 'schemaVersion', 'clinic', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']);

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** One value's kind: [base kind or null when unsayable, nullable, optional]. */
interface Read {
  kind: string | null;
  nullable: boolean;
  optional: boolean;
  why?: string;
}

function read(schema: unknown): Read {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
    case 'enum':
    case 'template_literal':
      if (def.type === 'enum' && !Object.values(def.entries as Record<string, unknown>).every((v) => typeof v === 'string'))
        return { kind: null, nullable: false, optional: false, why: 'enum of non-strings' };
      return { kind: 'string', nullable: false, optional: false };
    case 'number':
      return { kind: 'number', nullable: false, optional: false };
    case 'boolean':
      return { kind: 'boolean', nullable: false, optional: false };
    case 'literal': {
      const kinds = new Set((def.values as unknown[]).map((v) => (v === null ? 'null' : typeof v)));
      const nullable = kinds.delete('null');
      if (kinds.size === 1) {
        const k = [...kinds][0]!;
        if (k === 'string' || k === 'number' || k === 'boolean') return { kind: k, nullable, optional: false };
      }
      return { kind: null, nullable, optional: false, why: 'literal of several kinds' };
    }
    case 'array': {
      const element = read(def.element);
      return { kind: element.kind === 'string' && !element.nullable && !element.optional ? 'string[]' : 'array', nullable: false, optional: false };
    }
    case 'object':
    case 'record':
      return { kind: 'object', nullable: false, optional: false };
    case 'null':
      return { kind: 'null', nullable: true, optional: false };
    case 'nullable':
      return { ...read(def.innerType), nullable: true };
    case 'optional':
      return { ...read(def.innerType), optional: true };
    case 'default':
    case 'prefault':
      // The schema fills it in when absent: a stored document may lack it (older records do).
      return { ...read(def.innerType), optional: true };
    case 'readonly':
    case 'catch':
      return read(def.innerType);
    case 'pipe':
      // A stored document is the schema's input (what a desk writes before any transform).
      return read(def.in);
    case 'union': {
      const options = (def.options as unknown[]).map(read);
      const kinds = new Set(options.filter((o) => o.kind !== 'null').map((o) => o.kind));
      const nullable = options.some((o) => o.nullable);
      const optional = options.some((o) => o.optional);
      if (kinds.size === 1 && !kinds.has(null)) return { kind: [...kinds][0]!, nullable, optional };
      if (kinds.size === 2 && kinds.has('array') && kinds.has('string[]')) return { kind: 'array', nullable, optional };
      return { kind: null, nullable, optional, why: `union of ${[...kinds].map((k) => k ?? '?').join(' | ')}` };
    }
    default:
      return { kind: null, nullable: false, optional: false, why: `zod ${def.type}` };
  }
}

/** The object a document schema is (through a superRefine's or a transform's pipe). */
export function objectShape(schema: z.ZodType): Record<string, unknown> {
  const def = defOf(schema);
  if (def.type === 'object') return def.shape as Record<string, unknown>;
  if (def.type === 'pipe') return objectShape(def.in as z.ZodType);
  throw new Error(`not an object schema: ${def.type}`);
}

/** The kinds of each field of a document schema, as head office checks them. */
export function schemaFields(schema: z.ZodType): SchemaFields {
  const out: SchemaFields = { fields: {}, optional: {}, unchecked: {} };
  for (const [name, field] of Object.entries(objectShape(schema))) {
    if (META.has(name) || name.startsWith('_')) continue;
    const r = read(field);
    const kind = r.kind === null || r.kind === 'null' ? null : r.kind;
    if (kind === null) {
      out.unchecked[name] = r.why ?? 'null only';
      continue;
    }
    let fieldKind: FieldKind;
    if (!r.nullable) fieldKind = kind as FieldKind;
    else if (kind === 'string' || kind === 'number' || kind === 'boolean' || kind === 'object') fieldKind = `${kind}?`;
    else {
      // An array or null: no FieldKind says it.
      out.unchecked[name] = `${kind} or null`;
      continue;
    }
    (r.optional ? out.optional : out.fields)[name] = fieldKind;
  }
  return out;
}
