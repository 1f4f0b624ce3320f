import type { customersContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const customersNames = {
  'customer.search': true,
  'customer.record': true,
  'customer.update': true,
  'customer.history': true,
  'customer.setTier': true,
  'customer.duplicates': true,
  'customer.merge': true,
  'customer.mergePreview': true,
  'customer.merges': true,
  'customer.unmerge': true,
} satisfies Record<keyof typeof customersContract, true>;
