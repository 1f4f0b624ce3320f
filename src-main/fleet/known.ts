import { createHash } from 'node:crypto';
import { docVersions } from '../../shared/docTypes';

/** Each document type this app knows, at the schema version it knows (what it may pull). */
export const KNOWN_DOC_VERSIONS: Readonly<Record<string, number>> = docVersions;

/** A short tag of the map, for the pull filter's name (a new map: a new checkpoint). */
export const knownVersionsTag = createHash('sha256')
  .update(JSON.stringify(Object.entries(KNOWN_DOC_VERSIONS).sort(([a], [b]) => (a < b ? -1 : 1))))
  .digest('hex')
  .slice(0, 10);
