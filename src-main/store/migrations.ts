import type { Db } from './pouch';
import { getOrNull } from './get';

/**
 * Numbered migrations of the data schema (Signal-Desktop's habit). The version reached is kept in
 * a `_local` document, which never replicates: each desk migrates its own store. A store written
 * by a newer app version is refused untouched, since this version cannot know what it means.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): Promise<void>;
}

export const SCHEMA_DOC_ID = '_local/schema';

export class NewerSchemaError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`This data directory was written by a newer version of the app (data schema ${found}; this version knows up to ${supported}). Update the app; the data was not touched.`);
    this.name = 'NewerSchemaError';
  }
}

/**
 * Staff documents get the roster fields of issue 6 (工号, supervisor, department head), all none.
 * The update stamps stay as they were, so every desk that runs this writes the identical revision
 * (PouchDB's revisions are deterministic) and sync sees no conflict.
 */
const staffRosterFields: Migration = {
  version: 2,
  name: 'staff roster fields',
  async up(db) {
    const rows = await db.allDocs<Record<string, unknown>>({ include_docs: true, startkey: 'staff:', endkey: 'staff:\ufff0' });
    const old = rows.rows.flatMap((r) => (r.doc && r.doc.type === 'staff' && r.doc.schemaVersion === 1 ? [r.doc] : []));
    if (!old.length) return;
    await db.bulkDocs(old.map((d) => ({ staffNumber: null, supervisorId: null, deptHeadId: null, ...d, schemaVersion: 2 })));
  },
};

/** The app's migrations. 1 is the first schema: nothing to convert. */
export const migrations: Migration[] = [{ version: 1, name: 'initial schema', up: async () => {} }, staffRosterFields];

export const CURRENT_SCHEMA_VERSION = Math.max(...migrations.map((m) => m.version));

export async function readSchemaVersion(db: Db): Promise<number> {
  const doc = await getOrNull<{ version: number }>(db, SCHEMA_DOC_ID);
  return doc?.version ?? 0;
}

export async function migrate(db: Db, list: Migration[] = migrations): Promise<number> {
  const target = Math.max(...list.map((m) => m.version));
  const found = await readSchemaVersion(db);
  if (found > target) throw new NewerSchemaError(found, target);
  for (const m of [...list].sort((a, b) => a.version - b.version)) {
    if (m.version <= found) continue;
    await m.up(db);
    // Recorded after each step, so a crash mid-way resumes at the step that did not finish.
    const current = await getOrNull<{ version: number }>(db, SCHEMA_DOC_ID);
    await db.put({ _id: SCHEMA_DOC_ID, ...(current ? { _rev: current._rev } : {}), version: m.version, name: m.name });
  }
  return Math.max(found, target);
}
