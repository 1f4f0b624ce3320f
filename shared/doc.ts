import { z } from 'zod';

/**
 * Fields every synced document carries: what it is, which schema version wrote it, and who
 * created and last changed it when (accountability is the point of the clinic's rules).
 */
export const docMeta = {
  _id: z.string(),
  _rev: z.string().optional(),
  type: z.string(),
  schemaVersion: z.number().int().positive(),
  clinic: z.string(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
};

export interface DocMeta {
  _id: string;
  _rev?: string | undefined;
  type: string;
  schemaVersion: number;
  clinic: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** Text a person typed: trimmed, bounded, and free of control characters. */
export function text(max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: `at most ${max} characters` })
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { error: 'contains control characters' });
}

export function requiredText(max: number) {
  return text(max).pipe(z.string().min(1, { error: 'required' }));
}

/** An allDocs range: every id from `startkey` to `endkey`. */
export interface IdRange {
  startkey: string;
  endkey: string;
}

/** Every id that starts with `prefix`. */
export const prefixRange = (prefix: string): IdRange => ({ startkey: prefix, endkey: `${prefix}\ufff0` });

/**
 * One document type, declared once (`shared/<domain>/docs.ts`; the registry: shared/docTypes.ts):
 * its `type`, the schema `version` new documents are written at, how its id is built (`id`) and
 * read as a range (`range`), and its zod `schema` (the stored shape, required of every type). The
 * version table, newMeta's stamp, the id builders the repositories call,
 * tests/unit/doc-registry.test.ts (head office's validation against the schema) and the README's
 * documents table (checked by that test) all come from these declarations.
 */
export interface DocDeclaration<T extends string = string> {
  type: T;
  version: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each type's id takes its own parts
  id: (...parts: any[]) => string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  range: (...parts: any[]) => IdRange;
  schema: z.ZodType;
}

export function defineDoc<const D extends DocDeclaration>(declaration: D): D {
  return declaration;
}

/** Ids of one document per clinic (`<type>:<CODE>`: settings); the range is every clinic's. */
export function perClinic<T extends string>(type: T) {
  return { id: (clinic: string) => `${type}:${clinic}`, range: () => prefixRange(`${type}:`) };
}

/** Ids `<type>:<CODE>:<tail>`; the range is one clinic's. */
export function clinicTail<T extends string>(type: T) {
  return { id: (clinic: string, tail: string) => `${type}:${clinic}:${tail}`, range: (clinic: string) => prefixRange(`${type}:${clinic}:`) };
}

/** Ids `<type>:<CODE>:<YYYY-MM-DD>:<tail>` (clinic dates); the range is clinic days `from`..`to`. */
export function byDay<T extends string>(type: T) {
  return {
    id: (clinic: string, date: string, tail: string) => `${type}:${clinic}:${date}:${tail}`,
    range: (clinic: string, from: string, to: string = from): IdRange => ({ startkey: `${type}:${clinic}:${from}:`, endkey: `${type}:${clinic}:${to}:\ufff0` }),
  };
}
