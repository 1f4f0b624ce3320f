import type { Db } from './pouch';
import { domainIndexes } from './domains';

/** Mango indexes created at start (pouchdb-find). `find` without one scans every document. */
export const indexes: { name: string; fields: string[] }[] = [
  { name: 'by-type-role', fields: ['type', 'role'] },
  // Each domain's own indexes: src-main/<domain>/storage.ts.
  ...domainIndexes,
];

export async function ensureIndexes(db: Db): Promise<void> {
  for (const index of indexes) await db.createIndex({ index: { name: index.name, ddoc: `idx-${index.name}`, fields: index.fields } });
}
