import type { TypeDeclaration } from '../sync/couch/typeRule';

/**
 * A map/reduce design document. Map functions are plain ES5 strings because CouchDB and
 * head-office integrators run the same design documents.
 */
export interface DesignDoc {
  _id: string;
  views: Record<string, { map: string; reduce?: string }>;
}

/**
 * What each domain adds to the store: what head office's validation knows of its document types
 * beyond their schemas (ids, kept, written once; src-main/sync/couch/validation.ts reads the
 * fields from the schemas), its map/reduce views and its Mango indexes. A domain's
 * `storage.ts` imports this type from here (not from domains.ts, which imports every storage.ts).
 */
export interface DomainStorage {
  couchTypes: Record<string, TypeDeclaration>;
  designDocs: DesignDoc[];
  indexes: { name: string; fields: string[] }[];
}
