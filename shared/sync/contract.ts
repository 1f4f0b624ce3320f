import { z } from 'zod';
import { empty, op } from '../op';
import { resolveConflictInput, syncConfigureInput, syncConflict, syncStatus } from './schemas';

/** Replication with head office's CouchDB. */
export const syncContract = {
  'sync.status': op('operator', empty, syncStatus, { dependsOn: ['sync'] }),
  'sync.configure': op('admin', syncConfigureInput, syncStatus),
  'sync.disconnect': op('admin', empty, syncStatus),
  'sync.retry': op('operator', empty, syncStatus),
  // Leads only: a conflicted revision carries every field of the record (masked by role all the same).
  'sync.conflicts': op('admin', empty, z.array(syncConflict), { dependsOn: ['sync'] }),
  'sync.resolveConflict': op('admin', resolveConflictInput, syncStatus),
} as const;
