import type { teaContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const teaNames = {} satisfies Record<keyof typeof teaContract, true>;
