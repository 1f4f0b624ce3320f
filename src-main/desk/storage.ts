import type { DomainStorage } from '../store/domainStorage';

/**
 * What the desk adds beyond its core (clinic, staff, customer, visit: designDocs.ts, validation.ts).
 * - `vip-ack:<CODE>:<YYYY-MM-DD>:<tail>` — 我来接待 on an A/B member's reminder (issue 21); the first one of a key counts.
 */
export const deskStorage: DomainStorage = {
  couchTypes: {
    'vip-ack': {
      id: '^vip-ack:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'vip-ack:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
  },
  designDocs: [],
  indexes: [],
};
