import type { Db } from './pouch';

/** Mango indexes created at start (pouchdb-find). `find` without one scans every document. */
export const indexes: { name: string; fields: string[] }[] = [
  { name: 'by-type-role', fields: ['type', 'role'] },
];

export async function ensureIndexes(db: Db): Promise<void> {
  for (const index of indexes) await db.createIndex({ index: { name: index.name, ddoc: `idx-${index.name}`, fields: index.fields } });
}
