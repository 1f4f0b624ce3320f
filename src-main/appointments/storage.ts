import type { DomainStorage } from '../store/domainStorage';

/**
 * What appointments (预约) add to the store and to head office's validation.
 * - `appointment:<CODE>:<tail>` — a booking; changes, calls and its cancellation live on it.
 * - `no-show:<CODE>:<appointment tail>` — one per appointment: two desks that both record it write
 *   the same id with the same content (the end-of-day job stamps the day's end and `system`), so
 *   PouchDB's deterministic revisions make them one revision, not a conflict.
 */
export const appointmentsStorage: DomainStorage = {
  couchTypes: {
    appointment: {
      id: '^appointment:{CODE}:[^:]+$',
      idShape: 'appointment:{CODE}:<tail>',
      kept: true,
    },
    'no-show': {
      id: '^no-show:{CODE}:[^:]+$',
      idShape: 'no-show:{CODE}:<appointment tail>',
      kept: true,
    },
    'no-show-correction': {
      id: '^no-show-correction:{CODE}:[^:]+$',
      idShape: 'no-show-correction:{CODE}:<appointment tail>',
      kept: true,
      immutable: true,
    },
  },
  designDocs: [
    {
      _id: '_design/appointments',
      views: {
        // Appointments by clinic date and time: the day's list, tomorrow's call list, the no-show job.
        by_day: { map: `function (doc) { if (doc.type === 'appointment') emit([doc.date, doc.time], null); }` },
        // A customer's appointments and no-shows (their history at the desk).
        by_customer: {
          map: `function (doc) { if ((doc.type === 'appointment' || doc.type === 'no-show') && doc.customerId) emit(doc.customerId, doc.type); }`,
        },
      },
    },
  ],
  indexes: [],
};
