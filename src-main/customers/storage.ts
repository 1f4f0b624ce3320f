import type { DomainStorage } from '../store/domainStorage';

/**
 * What customers add beyond the core `customer` record (designDocs.ts, validation.ts).
 * - `customer-edit:<CODE>:<customer tail>:<tail>` — one correction of a customer's record (issue 14),
 *   written once: the customer's history reads as an id range.
 * - `customer-merge:<CODE>:<merged customer tail>:<tail>` — one merge and what it moved and folded
 *   (issue 21); a lead's correction sets `undone` on it (the only change it ever gets).
 */
export const customersStorage: DomainStorage = {
  couchTypes: {
    'customer-edit': {
      id: '^customer-edit:{CODE}:[^:]+:[^:]+$',
      idShape: 'customer-edit:{CODE}:<customer tail>:<tail>',
      kept: true,
      immutable: true,
    },
    'customer-merge': {
      id: '^customer-merge:{CODE}:[^:]+:[^:]+$',
      idShape: 'customer-merge:{CODE}:<merged customer tail>:<tail>',
      kept: true,
    },
  },
  designDocs: [],
  indexes: [],
};
