import type { DocMeta } from '../../shared/doc';
import type { StaffDoc } from '../../shared/reference/schemas';
import { docVersions, type DocType } from '../../shared/docTypes';

/** The meta fields of a new document, stamped with who and when, at its type's version (shared/docTypes.ts). */
export function newMeta(type: DocType, id: string, clinic: string, by: string, at: Date): DocMeta {
  const iso = at.toISOString();
  return { _id: id, type, schemaVersion: docVersions[type], clinic, createdAt: iso, createdBy: by, updatedAt: iso, updatedBy: by };
}

/** The meta fields of a changed document: creation stamps stay, the update stamps move. */
export function touched<T extends DocMeta>(doc: T, by: StaffDoc | string, at: Date): T {
  return { ...doc, updatedAt: at.toISOString(), updatedBy: typeof by === 'string' ? by : by._id };
}

/**
 * The one upsert of a document kept once per key (a clinic's settings or limits, a day's duty):
 * `existing` with `change` and its update stamps moved, or, while there is none, `create()` (the
 * new document's meta and its fixed fields) with `change`. The caller reads and puts, inside its
 * serialised section or against the remote revision it read.
 */
export function upserted<T extends DocMeta, K extends keyof T>(existing: T | null, change: Pick<T, K>, create: () => Omit<T, K>, by: StaffDoc | string, at: Date): T {
  return existing ? { ...touched(existing, by, at), ...change } : ({ ...create(), ...change } as T);
}
