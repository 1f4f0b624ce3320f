/** Current schema version of each document type (see README "Document types"). */
export const CURRENT_DOC_VERSIONS = {
  clinic: 1,
  staff: 1,
  customer: 1,
  visit: 1,
  'conflict-archive': 1,
  complaint: 1,
  'complaint-event': 1,
  'complaint-number': 1,
  'complaint-settings': 1,
} as const;
export type DocType = keyof typeof CURRENT_DOC_VERSIONS;
