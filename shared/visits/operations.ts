import type { visitsContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const visitsNames = {} satisfies Record<keyof typeof visitsContract, true>;
