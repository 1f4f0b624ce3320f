import type { DocMeta } from '../../shared/doc';
import type { StaffDoc } from '../../shared/reference/schemas';
import { docVersions, type DocType } from '../../shared/docTypes';
import { ALL_CLINICS } from '../../shared/reference/calendar';
import type { Db } from './pouch';
import { serialised } from './serial';
import { getOrNull } from './get';

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

/**
 * A reference document head office writes whole and numbers (`version` 1, 2, …: the service
 * catalogue, the follow-up plans): refused by `stale` when someone saved since `baseVersion`, else
 * written as the next version, stamped with who and when, its creation kept. Inside the store's
 * serialised section, so two saves on one computer cannot both take one number.
 */
export async function saveVersioned<D extends { version: number; createdAt: string; createdBy: string }>(
  ctx: { db: Db; now(): Date; operator: { _id: string } },
  doc: { _id: string; type: string; schemaVersion: number },
  baseVersion: number,
  body: Record<string, unknown>,
  stale: (current: number) => Error,
): Promise<D> {
  return serialised(ctx.db, async () => {
    const existing = await getOrNull<D & { _rev: string }>(ctx.db, doc._id);
    const current = existing?.version ?? 0;
    if (baseVersion !== current) throw stale(current);
    const at = ctx.now().toISOString();
    const next = {
      ...doc,
      clinic: ALL_CLINICS,
      createdAt: existing?.createdAt ?? at,
      createdBy: existing?.createdBy ?? ctx.operator._id,
      updatedAt: at,
      updatedBy: ctx.operator._id,
      version: current + 1,
      ...body,
      ...(existing ? { _rev: existing._rev } : {}),
    } as unknown as D;
    await ctx.db.put(next as unknown as PouchDB.Core.PutDocument<object>);
    return next;
  });
}
