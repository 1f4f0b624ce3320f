import type { DocDeclaration } from './doc';
import { referenceDocs } from './reference/docs';
import { deskDocs } from './desk/docs';
import { syncDocs } from './sync/docs';
import { appointmentsDocs } from './appointments/docs';
import { visitsDocs } from './visits/docs';
import { teaDocs } from './tea/docs';
import { inspectionDomainDocs } from './inspection/docs';
import { complaintsDocs } from './complaints/docs';
import { followupDocs } from './followup/docs';
import { enquiriesDocs } from './enquiries/docs';
import { fleetDocs } from './fleet/docs';
import { staffDomainDocs } from './staff/docs';

/**
 * The document registry: every type's one declaration (shared/<domain>/docs.ts). A new type is
 * declared in its domain's docs.ts and that list is joined here; the version table below, newMeta
 * (src-main/store/meta.ts), the pull filter's known versions (src-main/fleet/known.ts) and
 * tests/unit/doc-registry.test.ts (head office's validation and the README's table) follow.
 */
export const docRegistry = [
  ...referenceDocs,
  ...deskDocs,
  ...syncDocs,
  ...appointmentsDocs,
  ...visitsDocs,
  ...teaDocs,
  ...inspectionDomainDocs,
  ...complaintsDocs,
  ...followupDocs,
  ...enquiriesDocs,
  ...fleetDocs,
  ...staffDomainDocs,
] as const satisfies readonly DocDeclaration[];

export type DocType = (typeof docRegistry)[number]['type'];

/** The schema version each type is written at (README "Documents"). */
export const docVersions = Object.fromEntries(docRegistry.map((d) => [d.type, d.version])) as Readonly<Record<DocType, number>>;

/** The declaration of a type, or undefined for a type this app does not know. */
export function docDeclaration(type: string): DocDeclaration | undefined {
  return docRegistry.find((d) => d.type === type);
}
