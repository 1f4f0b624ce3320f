import express, { type NextFunction, type Request, type Response } from 'express';

/**
 * A fix for the embedded head office: replicated updates must not be dropped.
 *
 * express-pouchdb's validation (pouchdb-validation 4.2) sets every incoming document's
 * `_revisions` to the revision history of the document's current winner before it calls
 * `validate_doc_update`. Under `new_edits: false` (replication) PouchDB takes a document's
 * revision from `_revisions`, so every replicated update of an existing document (an edited staff
 * member, a conflict branch, a deletion stub) turns into a copy of the winner's revision and is
 * silently skipped — answered "ok", never stored. New documents pass (they have no winner yet).
 * CouchDB 3 keeps `_revisions` as sent.
 *
 * So, for `POST /<db>/_bulk_docs` with `new_edits: false`, this parses the body first (express-
 * pouchdb's own parser then leaves it alone) and makes each document's `_revisions` ignore
 * writes: validation still runs and still sees the history, and PouchDB stores what was sent.
 */
const parseJson = express.json({ limit: '4gb' });

function keepOwnRevisions(doc: unknown) {
  if (!doc || typeof doc !== 'object' || !('_revisions' in doc)) return;
  const revisions = (doc as { _revisions: unknown })._revisions;
  Object.defineProperty(doc, '_revisions', {
    get: () => revisions,
    set: () => {},
    enumerable: true,
    configurable: true,
  });
}

export function keepReplicatedRevisions() {
  const router = express.Router();
  router.post('/:db/_bulk_docs', parseJson, (req: Request, _res: Response, next: NextFunction) => {
    const body = req.body as { new_edits?: unknown; docs?: unknown } | undefined;
    if (body && body.new_edits === false && Array.isArray(body.docs)) body.docs.forEach(keepOwnRevisions);
    next();
  });
  return router;
}
