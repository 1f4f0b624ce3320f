import { defineDoc, prefixRange } from '../doc';
import { conflictArchiveDoc } from './docSchemas';

/** One revision set aside when a person resolved a conflict: the same id on every desk that resolves it. */
export const conflictArchiveDocs = defineDoc({
  type: 'conflict-archive',
  version: 1,
  schema: conflictArchiveDoc,
  id: (docId: string, rev: string) => `conflict-archive:${docId}:${rev}`,
  range: (docId: string) => prefixRange(`conflict-archive:${docId}:`),
});

export const syncDocs = [conflictArchiveDocs] as const;
