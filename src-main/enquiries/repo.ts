import { enquiryCheckDocs } from '../../shared/enquiries/docs';
import type { EnquiryCheckDoc, EnquiryDoc } from '../../shared/enquiries/schemas';
import type { Db } from '../store/pouch';
import { getOrNull } from '../store/get';

/** Repository of the enquiry register: reads by id and by clinic-day id ranges. */

export const enquiryIds = {
  enquiry: (clinic: string, date: string, tail: string) => `enquiry:${clinic}:${date}:${tail}`,
  /** Clinic days `from`..`to`, both included. */
  range: (clinic: string, from: string, to: string) => ({ startkey: `enquiry:${clinic}:${from}:`, endkey: `enquiry:${clinic}:${to}:\ufff0` }),
  /** The spot check of an enquiry: the same clinic, day and tail. */
  check: enquiryCheckDocs.id,
  checkRange: enquiryCheckDocs.range,
};

/** The spot checks of clinic days `from`..`to`, by enquiry id. */
export async function checksBetween(db: Db, clinic: string, from: string, to: string): Promise<Map<string, EnquiryCheckDoc>> {
  const res = await db.allDocs<EnquiryCheckDoc>({ include_docs: true, ...enquiryIds.checkRange(clinic, from, to) });
  return new Map(res.rows.flatMap((r) => (r.doc?.type === 'enquiry-check' ? [[r.doc.enquiryId, r.doc] as const] : [])));
}

export async function getEnquiry(db: Db, id: string): Promise<EnquiryDoc | null> {
  const doc = await getOrNull<EnquiryDoc>(db, id);
  return doc && doc.type === 'enquiry' ? doc : null;
}

export async function enquiriesBetween(db: Db, clinic: string, from: string, to: string): Promise<EnquiryDoc[]> {
  const res = await db.allDocs<EnquiryDoc>({ include_docs: true, ...enquiryIds.range(clinic, from, to) });
  return res.rows.flatMap((r) => (r.doc?.type === 'enquiry' ? [r.doc] : []));
}
