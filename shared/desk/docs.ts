import { byDay, clinicTail, defineDoc, prefixRange } from '../doc';
import { customerDoc, visitDoc } from './schemas';
import { customerEditDoc } from '../customers/record';
import { customerMergeDoc } from '../customers/schemas';

export const customerDocs = defineDoc({ type: 'customer', version: 1, schema: customerDoc, ...clinicTail('customer') });

/** `visit:<CODE>:<YYYY-MM-DD>:<tail>`: one clinic day's visits are one range. */
export const visitDocs = defineDoc({ type: 'visit', version: 1, schema: visitDoc, ...byDay('visit') });

const customerKey = (customerId: string) => customerId.slice('customer:'.length);

/** One merge of a record into another (what moved, for a lead's correction): `customer-merge:<CODE>:<merged record's tail>:<tail>`; the range is one merged-away record's. */
export const customerMergeDocs = defineDoc({
  type: 'customer-merge',
  version: 1,
  schema: customerMergeDoc,
  id: (mergedId: string, tail: string) => `customer-merge:${customerKey(mergedId)}:${tail}`,
  range: (mergedId: string) => prefixRange(`customer-merge:${customerKey(mergedId)}:`),
});
/** One correction of a customer's record: `customer-edit:<CODE>:<customer tail>:<tail>` (issue 14); the range is one customer's. */
export const customerEditDocs = defineDoc({
  type: 'customer-edit',
  version: 1,
  schema: customerEditDoc,
  id: (customerId: string, tail: string) => `customer-edit:${customerKey(customerId)}:${tail}`,
  range: (customerId: string) => prefixRange(`customer-edit:${customerKey(customerId)}:`),
});

/** `YYYY-MM-DD` of a visit from its id (`visit:<CODE>:<date>:<tail>`). */
export function visitDate(visitId: string): string | null {
  const m = /^visit:[A-Z]{2,4}:(\d{4}-\d{2}-\d{2}):[^:]+$/.exec(visitId);
  return m ? m[1]! : null;
}

export const deskDocs = [customerDocs, visitDocs, customerEditDocs, customerMergeDocs] as const;
