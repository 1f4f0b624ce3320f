import { byDay, defineDoc, prefixRange } from '../doc';
import { enquiryDoc } from './schemas';
import { CATALOGUE_ID, CATALOGUE_SCHEMA_VERSION, catalogueDocSchema } from './catalogue';

export const enquiryDocs = defineDoc({ type: 'enquiry', version: 1, schema: enquiryDoc, ...byDay('enquiry') });
/** The service catalogue (reference database, one document). */
export const catalogueDocs = defineDoc({ type: 'service-catalogue', version: CATALOGUE_SCHEMA_VERSION, schema: catalogueDocSchema, id: () => CATALOGUE_ID, range: () => prefixRange(CATALOGUE_ID) });

export const enquiriesDocs = [enquiryDocs, catalogueDocs] as const;
