import type { DocMeta } from '../../shared/doc';

/** Schema versions of the documents of the visits and tea domains. */
export const DOMAIN_DOC_VERSIONS = {
  'visit-event': 1,
  handover: 1,
  'handover-ack': 1,
  'tea-event': 1,
  'tea-party': 1,
  'tea-template': 1,
  'tea-settings': 1,
  'display-settings': 1,
} as const;

/** The meta fields of a new document of these domains, stamped with who and when. */
export function domainMeta(type: keyof typeof DOMAIN_DOC_VERSIONS, id: string, clinic: string, by: string, at: Date): DocMeta {
  const iso = at.toISOString();
  return { _id: id, type, schemaVersion: DOMAIN_DOC_VERSIONS[type], clinic, createdAt: iso, createdBy: by, updatedAt: iso, updatedBy: by };
}

/** `YYYY-MM-DD` of a visit from its id (`visit:<CODE>:<date>:<tail>`). */
export function visitDate(visitId: string): string | null {
  const m = /^visit:[A-Z]{2,4}:(\d{4}-\d{2}-\d{2}):[^:]+$/.exec(visitId);
  return m ? m[1]! : null;
}

/** Ids of a domain's day-scoped documents, and their day range. */
export const dayId = (type: string, clinic: string, date: string, tail: string) => `${type}:${clinic}:${date}:${tail}`;
export const dayRange = (type: string, clinic: string, date: string) => daysRange(type, clinic, date, date);
/** Documents of clinic days `from`..`to` (ids carry the day): one allDocs range. */
export const daysRange = (type: string, clinic: string, from: string, to: string) => ({ startkey: `${type}:${clinic}:${from}:`, endkey: `${type}:${clinic}:${to}:\ufff0` });
