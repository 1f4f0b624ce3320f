import type { DomainStorage } from '../store/domainStorage';

const DATE = '\\d{4}-\\d{2}-\\d{2}';

/**
 * What this domain adds to the store and to head office's validation. Inspections, results,
 * penalty decisions, corrections and stars are kept for good (accountability); a signed record
 * (`signedAt` set) is read-only at head office too (src-main/sync/couch/validation.ts).
 */
export const inspectionStorage: DomainStorage = {
  couchTypes: {
    'inspection-settings': {
      id: '^inspection-settings:{CODE}$',
      idShape: 'inspection-settings:{CODE}',
      kept: false,
    },
    'inspection-template': {
      id: '^inspection-template:{CODE}:[a-z0-9-]+:v\\d+$',
      idShape: 'inspection-template:{CODE}:<key>:v<n>',
      kept: true,
      immutable: true,
    },
    inspection: {
      id: `^inspection:{CODE}:${DATE}:[^:]+$`,
      idShape: 'inspection:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
    'inspection-result': {
      id: `^inspection-result:{CODE}:${DATE}:[^:]+:[^:]+$`,
      idShape: 'inspection-result:{CODE}:<YYYY-MM-DD>:<inspection tail>:<staff tail>',
      kept: true,
    },
    'inspection-penalty': {
      id: `^inspection-penalty:{CODE}:${DATE}:[^:]+:[^:]+:[a-z0-9-]+$`,
      idShape: 'inspection-penalty:{CODE}:<YYYY-MM-DD>:<inspection tail>:<staff tail>:<item>',
      kept: true,
      immutable: true,
    },
    'inspection-penalty-correction': {
      id: `^inspection-penalty-correction:{CODE}:${DATE}:[^:]+:[^:]+:[a-z0-9-]+:[^:]+$`,
      idShape: 'inspection-penalty-correction:{CODE}:<YYYY-MM-DD>:<inspection tail>:<staff tail>:<item>:<tail>',
      kept: true,
      immutable: true,
    },
    'inspection-correction': {
      id: `^inspection-correction:{CODE}:${DATE}:[^:]+:[^:]+$`,
      idShape: 'inspection-correction:{CODE}:<YYYY-MM-DD>:<inspection tail>:<tail>',
      kept: true,
      immutable: true,
    },
    'service-star': {
      id: '^service-star:{CODE}:\\d{4}-\\d{2}$',
      idShape: 'service-star:{CODE}:<YYYY-MM>',
      kept: true,
      immutable: true,
    },
  },
  designDocs: [
    {
      _id: '_design/inspection',
      views: {
        // Every failure of a signed inspection (and every correction) per staff member and item,
        // by date: the penalty ladder counts the earlier ones in the clinic's window. A half-done
        // or abandoned inspection escalates nothing.
        findings: {
          map: `function (doc) {
  var i;
  if (doc.type === 'inspection-result' && doc.marks && doc.signedAt) {
    for (i = 0; i < doc.marks.length; i++) {
      if (doc.marks[i].mark === 'fail') emit([doc.staffId, doc.marks[i].itemId, doc.date], { inspectionId: doc.inspectionId, kind: doc.kind, mark: 'fail', at: doc.createdAt });
    }
  }
  if (doc.type === 'inspection-correction') emit([doc.staffId, doc.itemId, doc.date], { inspectionId: doc.inspectionId, kind: doc.kind, mark: doc.mark, at: doc.createdAt, correction: true });
}`,
        },
      },
    },
  ],
  indexes: [],
};
