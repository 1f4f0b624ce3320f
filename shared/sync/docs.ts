import { defineDoc, prefixRange } from '../doc';

/** One revision set aside when a person resolved a conflict: the same id on every desk that resolves it. */
export const conflictArchiveDocs = defineDoc({
  type: 'conflict-archive',
  version: 1,
  // The body is the archived revision, of any type: head office checks the id only.
  schema: null,
  id: (docId: string, rev: string) => `conflict-archive:${docId}:${rev}`,
  range: (docId: string) => prefixRange(`conflict-archive:${docId}:`),
});

export const syncDocs = [conflictArchiveDocs] as const;
