import type { DomainStorage } from '../store/domains';

/** What this domain adds to the store and to head office's validation. */
export const visitsStorage: DomainStorage = { couchTypes: {}, designDocs: [], indexes: [] };
