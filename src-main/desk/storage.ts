import type { DomainStorage } from '../store/domainStorage';

/**
 * What the desk adds beyond its core (clinic, staff, customer, visit: designDocs.ts, validation.ts).
 * - `customer-edit:<CODE>:<customer tail>:<tail>` — one correction of a customer's record (issue 14),
 *   written once: the customer's history reads as an id range.
 */
export const deskStorage: DomainStorage = {
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
