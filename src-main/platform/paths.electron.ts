import { join, resolve } from 'node:path';
import { app } from 'electron';

/** Where the Electron app keeps its store: `DAOYI_DATA_DIR` if set (tests, support), else `desk` under the user-data folder. */
export function dataDir(): string {
  const fromEnv = process.env.DAOYI_DATA_DIR;
  return fromEnv ? resolve(fromEnv) : join(app.getPath('userData'), 'desk');
}
