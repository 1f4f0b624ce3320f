import { createHash } from 'node:crypto';
import { CALENDAR_SCHEMA_VERSION } from '../../shared/reference/calendar';
import { CURRENT_DOC_VERSIONS } from '../store/docVersions';

/** Each document type this app knows, at the schema version it knows (what it may pull). */
export const KNOWN_DOC_VERSIONS: Readonly<Record<string, number>> = { ...CURRENT_DOC_VERSIONS, calendar: CALENDAR_SCHEMA_VERSION };

/** A short tag of the map, for the pull filter's name (a new map: a new checkpoint). */
export const knownVersionsTag = createHash('sha256')
  .update(JSON.stringify(Object.entries(KNOWN_DOC_VERSIONS).sort(([a], [b]) => (a < b ? -1 : 1))))
  .digest('hex')
  .slice(0, 10);
