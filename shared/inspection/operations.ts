import type { inspectionContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const inspectionNames = {} satisfies Record<keyof typeof inspectionContract, true>;
