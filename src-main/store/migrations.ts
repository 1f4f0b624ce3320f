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

/**
 * The old on/off duty list (`duty:<CODE>:<date>:<tail>`) becomes rota cells (issue 15,
 * `rota:<CODE>:<date>:<tail>`): on duty → DAY (on duty all day: the old list had no hours), off →
 * OFF. Every duty record gets its cell, with its own creation and update stamps, so every desk
 * writes the identical revision and the merge (src-main/staff/repo.ts) reads the same day. The
 * duty records stay (kept records are never deleted); a cell already there is left alone.
 */
const dutyToRota: Migration = {
  version: 3,
  name: 'duty list to rota',
  async up(db) {
    type Duty = { _id: string; type: string; clinic: string; date: string; staffId: string; onDuty: boolean; createdAt: string; createdBy: string; updatedAt: string; updatedBy: string };
    const rows = await db.allDocs<Duty>({ include_docs: true, startkey: 'duty:', endkey: 'duty:\ufff0' });
    const duty = rows.rows.flatMap((r) => (r.doc && r.doc.type === 'duty' ? [r.doc] : []));
    if (!duty.length) return;
    const cellId = (d: Duty) => `rota:${d.clinic}:${d.date}:${d.staffId.split(':')[2] ?? d.staffId}`;
    const have = await db.allDocs({ keys: duty.map(cellId) });
    const exists = new Set(have.rows.flatMap((r) => ('value' in r && r.value && !r.value.deleted ? [r.key] : [])));
    const cells = duty
      .filter((d) => !exists.has(cellId(d)))
      .map((d) => ({ _id: cellId(d), type: 'rota', schemaVersion: 1, clinic: d.clinic, createdAt: d.createdAt, createdBy: d.createdBy, updatedAt: d.updatedAt, updatedBy: d.updatedBy, date: d.date, staffId: d.staffId, code: d.onDuty ? 'DAY' : 'OFF' }));
    if (cells.length) await db.bulkDocs(cells);
  },
};

/** The app's migrations. 1 is the first schema: nothing to convert. */
export const migrations: Migration[] = [{ version: 1, name: 'initial schema', up: async () => {} }, staffRosterFields, dutyToRota];

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
