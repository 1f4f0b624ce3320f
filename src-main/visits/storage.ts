import type { DomainStorage } from '../store/domainStorage';

/** What this domain adds to the store and to head office's validation. */
export const visitsStorage: DomainStorage = {
  couchTypes: {
    'visit-event': {
      id: '^visit-event:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'visit-event:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
    handover: {
      id: '^handover:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'handover:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
    'handover-ack': {
      id: '^handover-ack:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'handover-ack:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
    'display-settings': {
      id: '^display-settings:{CODE}$',
      idShape: 'display-settings:{CODE}',
      kept: true,
    },
  },
  // Events, handovers and acknowledgements are read by day through their ids (allDocs ranges).
  designDocs: [],
  indexes: [],
};
