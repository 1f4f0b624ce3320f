import type { appointmentsContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const appointmentsNames = {} satisfies Record<keyof typeof appointmentsContract, true>;
