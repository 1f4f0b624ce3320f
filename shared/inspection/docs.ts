import { byDay, defineDoc, perClinic, prefixRange, type IdRange } from '../doc';
import { correctionDoc, inspectionDoc, inspectionSettingsDoc, penaltyCorrectionDoc, penaltyDoc, resultDoc, starDoc, templateDoc } from './docSchemas';

/** The last part of an id (`staff:BJ:<tail>` → `<tail>`). */
export function tailOf(id: string): string {
  return id.slice(id.lastIndexOf(':') + 1);
}

/** An inspection's own key inside the ids of its results, penalties and corrections: `<CODE>:<YYYY-MM-DD>:<inspection tail>`. */
interface InspectionKey {
  _id: string;
  clinic: string;
  date: string;
}
const inspectionKey = (i: InspectionKey) => `${i.clinic}:${i.date}:${tailOf(i._id)}`;

/**
 * Documents of a type whose ids carry the inspection's date, from date prefix `from` to `to`: a
 * day (`2026-11-27`), a month (`2026-11-`) or a year (`2026-`).
 */
export const datesRange = (type: string, clinic: string, from: string, to: string = from): IdRange => ({ startkey: `${type}:${clinic}:${from}`, endkey: `${type}:${clinic}:${to}\ufff0` });

// Each type's stored shape: shared/inspection/docSchemas.ts.
export const inspectionSettingsDocs = defineDoc({ type: 'inspection-settings', version: 1, schema: inspectionSettingsDoc, ...perClinic('inspection-settings') });
/** `inspection-template:<CODE>:<key>:v<n>`, written once. */
export const inspectionTemplateDocs = defineDoc({
  type: 'inspection-template',
  version: 1,
  schema: templateDoc,
  id: (clinic: string, key: string, version: number) => `inspection-template:${clinic}:${key}:v${version}`,
  range: (clinic: string) => prefixRange(`inspection-template:${clinic}:`),
});
export const inspectionDocs = defineDoc({ type: 'inspection', version: 1, schema: inspectionDoc, id: byDay('inspection').id, range: (clinic: string, from: string, to: string = from) => datesRange('inspection', clinic, from, to) });
export const inspectionResultDocs = defineDoc({
  type: 'inspection-result',
  version: 1,
  schema: resultDoc,
  id: (i: InspectionKey, staffId: string) => `inspection-result:${inspectionKey(i)}:${tailOf(staffId)}`,
  range: (i: InspectionKey) => prefixRange(`inspection-result:${inspectionKey(i)}:`),
});
export const inspectionPenaltyDocs = defineDoc({
  type: 'inspection-penalty',
  version: 1,
  schema: penaltyDoc,
  id: (i: InspectionKey, staffId: string, itemId: string) => `inspection-penalty:${inspectionKey(i)}:${tailOf(staffId)}:${itemId}`,
  range: (i: InspectionKey) => prefixRange(`inspection-penalty:${inspectionKey(i)}:`),
});
export const inspectionCorrectionDocs = defineDoc({
  type: 'inspection-correction',
  version: 1,
  schema: correctionDoc,
  id: (i: InspectionKey, tail: string) => `inspection-correction:${inspectionKey(i)}:${tail}`,
  range: (i: InspectionKey) => prefixRange(`inspection-correction:${inspectionKey(i)}:`),
});
/** A lead's correction of a penalty decision (issue 21): kept beside the decision, the latest counts. */
export const inspectionPenaltyCorrectionDocs = defineDoc({
  type: 'inspection-penalty-correction',
  version: 1,
  schema: penaltyCorrectionDoc,
  id: (i: InspectionKey, staffId: string, itemId: string, tail: string) => `inspection-penalty-correction:${inspectionKey(i)}:${tailOf(staffId)}:${itemId}:${tail}`,
  range: (i: InspectionKey) => prefixRange(`inspection-penalty-correction:${inspectionKey(i)}:`),
});
/** 服务之星 of a month: `service-star:<CODE>:<YYYY-MM>`. */
export const serviceStarDocs = defineDoc({
  type: 'service-star',
  version: 1,
  schema: starDoc,
  id: (clinic: string, month: string) => `service-star:${clinic}:${month}`,
  range: (clinic: string) => prefixRange(`service-star:${clinic}:`),
});

export const inspectionDomainDocs = [inspectionSettingsDocs, inspectionTemplateDocs, inspectionDocs, inspectionResultDocs, inspectionPenaltyDocs, inspectionPenaltyCorrectionDocs, inspectionCorrectionDocs, serviceStarDocs] as const;
