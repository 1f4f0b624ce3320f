import type { DomainStorage } from '../store/domainStorage';

/**
 * What running many desks (issue 17) adds to the store and to head office's validation:
 * - `heartbeat:<CODE>:<deskId>` — one per desk, overwritten every few minutes (not kept: a desk
 *   moved away may be deleted). The id's desk part has the store's shape (`desk-<tail>`): a
 *   heartbeat of any other shape, of another clinic, or written by another clinic's account is
 *   refused by head office, like any document.
 */
export const fleetStorage: DomainStorage = {
  couchTypes: {
    heartbeat: {
      id: '^heartbeat:{CODE}:desk-[A-Za-z0-9_-]{4,40}$',
      idShape: 'heartbeat:{CODE}:desk-<tail>',
      kept: false,
    },
  },
  designDocs: [],
  indexes: [],
};
