import type { syncContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const syncNames = {
  'sync.status': true,
  'sync.configure': true,
  'sync.disconnect': true,
  'sync.retry': true,
  'sync.conflicts': true,
  'sync.resolveConflict': true,
} satisfies Record<keyof typeof syncContract, true>;
