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
 * So, for `POST /<db>/_bulk_docs` with `new_edits: false`, the gate (gate.ts) parses the body
 * first (express-pouchdb's own parser then leaves it alone) and makes each document's `_revisions`
 * ignore writes: validation still runs and still sees the history, and PouchDB stores what was sent.
 */
export function keepOwnRevisions(doc: unknown) {
  if (!doc || typeof doc !== 'object' || !('_revisions' in doc)) return;
  const revisions = (doc as { _revisions: unknown })._revisions;
  Object.defineProperty(doc, '_revisions', {
    get: () => revisions,
    set: () => {},
    enumerable: true,
    configurable: true,
  });
}
