import type { Db } from './pouch';

/**
 * A document by id, or null when the store has none (status 404, deleted included). Any other
 * failure (a store that cannot be read, a server that cannot be reached, a refusal) is thrown, so
 * that it reaches the caller as an error and never as "not found".
 */
export async function getOrNull<T extends object = Record<string, unknown>>(db: Db, id: string, options: PouchDB.Core.GetOptions = {}): Promise<(T & PouchDB.Core.GetMeta & PouchDB.Core.IdMeta) | null> {
  try {
    return await db.get<T>(id, options);
  } catch (err) {
    if ((err as { status?: number } | null)?.status === 404) return null;
    throw err;
  }
}
