import type { complaintContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const complaintNames = {} satisfies Record<keyof typeof complaintContract, true>;
