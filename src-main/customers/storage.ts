import type { DomainStorage } from '../store/domainStorage';

/**
 * What customers add beyond the core `customer` record (designDocs.ts, validation.ts).
 * - `customer-edit:<CODE>:<customer tail>:<tail>` — one correction of a customer's record (issue 14),
 *   written once: the customer's history reads as an id range.
 */
export const customersStorage: DomainStorage = {
  couchTypes: {
    'customer-edit': {
      fields: { customerId: 'string', changes: 'array', note: 'string' },
      id: '^customer-edit:{CODE}:[^:]+:[^:]+$',
      idShape: 'customer-edit:{CODE}:<customer tail>:<tail>',
      kept: true,
      immutable: true,
    },
  },
  designDocs: [],
  indexes: [],
};
