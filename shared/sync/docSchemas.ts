import { z } from 'zod';
import { docMeta } from '../doc';

/**
 * One revision set aside when a person resolved a conflict (src-main/sync/conflicts.ts): which
 * document and revision, whether it was the winner, the revision kept instead, and the archived
 * revision's whole body (of any type, so only an object here).
 */
export const conflictArchiveDoc = z.strictObject({
  ...docMeta,
  type: z.literal('conflict-archive'),
  docId: z.string(),
  docType: z.string().nullable(),
  rev: z.string(),
  wasWinner: z.boolean(),
  keptRev: z.string(),
  body: z.record(z.string(), z.unknown()),
});
export type ConflictArchiveDoc = z.infer<typeof conflictArchiveDoc>;
