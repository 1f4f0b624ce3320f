import type { Db } from './pouch';
import { domainIndexes } from './domains';

/**
 * Mango indexes created at start (pouchdb-find builds each over every document when it is
 * created). `find` without one scans every document. The core has none of its own (nothing of it
 * queries with `find`); each domain lists its own in src-main/<domain>/storage.ts.
 */
export const indexes: { name: string; fields: string[] }[] = [...domainIndexes];

export async function ensureIndexes(db: Db): Promise<void> {
  for (const index of indexes) await db.createIndex({ index: { name: index.name, ddoc: `idx-${index.name}`, fields: index.fields } });
}
