import type { TypeRule } from '../sync/couch/typeRule';
import type { DesignDoc } from './designDocs';
import { appointmentsStorage } from '../appointments/storage';
import { visitsStorage } from '../visits/storage';
import { teaStorage } from '../tea/storage';
import { inspectionStorage } from '../inspection/storage';
import { complaintStorage } from '../complaints/storage';
import { headOfficeStorage } from '../headoffice/storage';
import { followupStorage } from '../followup/storage';
import { deskStorage } from '../desk/storage';
import { enquiriesStorage } from '../enquiries/storage';
import { staffStorage } from '../staff/storage';

/**
 * What each domain adds to the store: its document types as head office's validation checks them
 * (src-main/sync/couch/validation.ts), its map/reduce views and its Mango indexes. The core
 * (clinic, staff, customer, visit) stays in designDocs.ts / indexes.ts / validation.ts.
 */
export interface DomainStorage {
  couchTypes: Record<string, TypeRule>;
  designDocs: DesignDoc[];
  indexes: { name: string; fields: string[] }[];
}

const domains: DomainStorage[] = [appointmentsStorage, visitsStorage, teaStorage, inspectionStorage, complaintStorage, headOfficeStorage, followupStorage, deskStorage, enquiriesStorage, staffStorage];

export const domainCouchTypes: Record<string, TypeRule> = Object.assign({}, ...domains.map((d) => d.couchTypes));
export const domainDesignDocs: DesignDoc[] = domains.flatMap((d) => d.designDocs);
export const domainIndexes: DomainStorage['indexes'] = domains.flatMap((d) => d.indexes);
