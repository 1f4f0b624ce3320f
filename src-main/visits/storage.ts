import type { DomainStorage } from '../store/domainStorage';

/** What this domain adds to the store and to head office's validation. */
export const visitsStorage: DomainStorage = {
  couchTypes: {
    'visit-event': {
      fields: { visitId: 'string', kind: 'string', status: 'string?', toStaffId: 'string?', toName: 'string?', toRole: 'string?', outcome: 'string?', note: 'string' },
      // Only on a `withdraw` event (issue 21, 撤销合并): the ids of the events it takes back.
      optional: { withdraws: 'string[]' },
      id: '^visit-event:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'visit-event:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
    handover: {
      fields: { equipment: 'string', unresolved: 'string', staffChanges: 'string', openVisits: 'array' },
      id: '^handover:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'handover:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
    'handover-ack': {
      fields: { handoverId: 'string', note: 'string' },
      id: '^handover-ack:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'handover-ack:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
    'display-settings': {
      fields: { speakCalls: 'boolean' },
      id: '^display-settings:{CODE}$',
      idShape: 'display-settings:{CODE}',
      kept: true,
    },
  },
  // Events, handovers and acknowledgements are read by day through their ids (allDocs ranges).
  designDocs: [],
  indexes: [],
};
