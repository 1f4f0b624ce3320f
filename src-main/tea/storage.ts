import type { DomainStorage } from '../store/domainStorage';

/** What this domain adds to the store and to head office's validation. */
export const teaStorage: DomainStorage = {
  couchTypes: {
    'tea-event': {
      id: '^tea-event:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'tea-event:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
    'tea-party': {
      id: '^tea-party:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'tea-party:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: false,
    },
    'tea-template': {
      id: '^tea-template:{CODE}:v[1-9]\\d*$',
      idShape: 'tea-template:{CODE}:v<n>',
      kept: true,
      // A version is never edited: a change is the next version (head office's and the desk's alike).
      immutable: true,
    },
    'tea-settings': {
      id: '^tea-settings:{CODE}$',
      idShape: 'tea-settings:{CODE}',
      kept: true,
    },
  },
  designDocs: [
    {
      _id: '_design/tea',
      views: {
        // A customer's drinks, newest last: the last order pre-fills the next one.
        drinks_by_customer: {
          map: `function (doc) { if (doc.type === 'tea-event' && doc.drink) emit([doc.customerId, doc.createdAt], doc.drink); }`,
        },
      },
    },
  ],
  indexes: [],
};
