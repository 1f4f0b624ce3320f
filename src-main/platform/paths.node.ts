import { resolve } from 'node:path';

/** Where the browser host keeps its store: `DAOYI_DATA_DIR`, else `.data/desk` under the working folder. */
export function dataDir(): string {
  return resolve(process.env.DAOYI_DATA_DIR ?? '.data/desk');
}
