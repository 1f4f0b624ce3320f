import type { DomainStorage } from '../store/domainStorage';

/**
 * Head office adds no views: its figures are per-day summaries (summaries.ts says why), and its
 * summary documents (`ho-day:<date>`) never leave the head-office computer.
 */
export const headOfficeStorage: DomainStorage = { couchTypes: {}, designDocs: [], indexes: [] };
