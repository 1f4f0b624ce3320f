/** Current schema version of each document type (see README "Document types"). */
export const CURRENT_DOC_VERSIONS = {
  clinic: 1,
  staff: 1,
  customer: 1,
  visit: 1,
  'conflict-archive': 1,
  appointment: 1,
  'no-show': 1,
  duty: 1,
} as const;
export type DocType = keyof typeof CURRENT_DOC_VERSIONS;
