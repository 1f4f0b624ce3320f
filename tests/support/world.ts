import { afterEach } from 'vitest';
import type { SyncTuning } from '../../src-main/sync/engine';
import { startTestApp, type TestApp } from './app';
import { startTestHeadOffice, type TestHeadOffice, type TestHeadOfficeOptions } from './headOffice';

/**
 * Desks and head offices for a test file, each stopped after its test (last started, first
 * stopped). Call once at the top of a file: it registers the `afterEach` that cleans up.
 */
export function testWorld() {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    defer(cleanup: () => Promise<void> | void) {
      cleanups.push(cleanup);
    },
    async headOffice(options: TestHeadOfficeOptions = {}): Promise<TestHeadOffice> {
      const ho = await startTestHeadOffice(options);
      cleanups.push(() => ho.close());
      return ho;
    },
    async desk(dir?: string, sync?: SyncTuning): Promise<TestApp> {
      const t = await startTestApp({ ...(dir ? { dir } : {}), ...(sync ? { sync } : {}) });
      cleanups.push(() => t.close());
      return t;
    },
  };
}
