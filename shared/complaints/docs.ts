import { byDay, defineDoc, perClinic, prefixRange } from '../doc';
import { complaintDoc, complaintEventDoc, complaintLimitsDoc, complaintNumberDoc, complaintReviewDoc, complaintSettingsDoc } from './docSchemas';

/** `complaint:BJ:2026-11-27:<tail>` → `BJ:2026-11-27:<tail>`: the case's key inside its events' ids. */
const caseKey = (complaintId: string) => complaintId.slice('complaint:'.length);

// Each type's stored shape: shared/complaints/docSchemas.ts.
export const complaintDocs = defineDoc({ type: 'complaint', version: 1, schema: complaintDoc, ...byDay('complaint') });
export const complaintEventDocs = defineDoc({
  type: 'complaint-event',
  version: 1,
  schema: complaintEventDoc,
  id: (complaintId: string, tail: string) => `complaint-event:${caseKey(complaintId)}:${tail}`,
  range: (complaintId: string) => prefixRange(`complaint-event:${caseKey(complaintId)}:`),
});
/** One document per number (`complaint-number:BJ:BJ20261107`); older ones are `complaint-number:<case key>:desk-<desk id>`. */
export const complaintNumberDocs = defineDoc({
  type: 'complaint-number',
  version: 1,
  schema: complaintNumberDoc,
  id: (clinic: string, number: string) => `complaint-number:${clinic}:${number}`,
  range: (clinic: string) => prefixRange(`complaint-number:${clinic}:`),
});
export const complaintSettingsDocs = defineDoc({ type: 'complaint-settings', version: 1, schema: complaintSettingsDoc, ...perClinic('complaint-settings') });
export const complaintLimitsDocs = defineDoc({ type: 'complaint-limits', version: 1, schema: complaintLimitsDoc, ...perClinic('complaint-limits') });
export const complaintReviewDocs = defineDoc({
  type: 'complaint-review',
  version: 1,
  schema: complaintReviewDoc,
  id: (clinic: string, month: string) => `complaint-review:${clinic}:${month}`,
  range: (clinic: string) => prefixRange(`complaint-review:${clinic}:`),
});

/** A clinic's cases (or their events) received in `datePrefix`: `''` all, `2026` a year, `2026-11` a month, `2026-11-27` a day. */
export const receivedIn = (type: 'complaint' | 'complaint-event', clinic: string, datePrefix = '') => prefixRange(`${type}:${clinic}:${datePrefix}`);

export const complaintsDocs = [complaintDocs, complaintEventDocs, complaintNumberDocs, complaintSettingsDocs, complaintLimitsDocs, complaintReviewDocs] as const;
