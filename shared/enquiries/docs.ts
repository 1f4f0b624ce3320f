import { byDay, defineDoc, prefixRange } from '../doc';
import { enquiryCheckDoc, enquiryDoc, enquiryRecallDoc, enquirySheetDoc } from './schemas';
import { CATALOGUE_ID, CATALOGUE_SCHEMA_VERSION, catalogueDocSchema } from './catalogue';

export const enquiryDocs = defineDoc({ type: 'enquiry', version: 1, schema: enquiryDoc, ...byDay('enquiry') });
/** The service catalogue (reference database, one document). */
export const catalogueDocs = defineDoc({ type: 'service-catalogue', version: CATALOGUE_SCHEMA_VERSION, schema: catalogueDocSchema, id: () => CATALOGUE_ID, range: () => prefixRange(CATALOGUE_ID) });

/** The leader's spot check (抽查) of an enquiry: `enquiry-check:<CODE>:<YYYY-MM-DD>:<the enquiry's tail>`, one per enquiry. */
export const enquiryCheckDocs = defineDoc({
  type: 'enquiry-check',
  version: 1,
  schema: enquiryCheckDoc,
  id: (enquiryId: string) => `enquiry-check:${enquiryId.slice('enquiry:'.length)}`,
  range: byDay('enquiry-check').range,
});
/** A consultant's daily sheet (每日工作总结): `enquiry-sheet:<CODE>:<YYYY-MM-DD>:<staff tail>`. */
export const enquirySheetDocs = defineDoc({
  type: 'enquiry-sheet',
  version: 1,
  schema: enquirySheetDoc,
  id: (clinic: string, date: string, staffId: string) => `enquiry-sheet:${clinic}:${date}:${staffId.split(':').slice(2).join('-')}`,
  range: byDay('enquiry-sheet').range,
});

/** A re-call of an enquirer who did not book (询诊回访): `enquiry-recall:<CODE>:<YYYY-MM-DD>:<tail>`, the clinic day of the call. */
export const enquiryRecallDocs = defineDoc({ type: 'enquiry-recall', version: 1, schema: enquiryRecallDoc, ...byDay('enquiry-recall') });

export const enquiriesDocs = [enquiryDocs, catalogueDocs, enquiryCheckDocs, enquirySheetDocs, enquiryRecallDocs] as const;
