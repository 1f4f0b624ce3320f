import type { DomainStorage } from './domainStorage';
import { appointmentsStorage } from '../appointments/storage';
import { visitsStorage } from '../visits/storage';
import { teaStorage } from '../tea/storage';
import { inspectionStorage } from '../inspection/storage';
import { complaintStorage } from '../complaints/storage';
import { headOfficeStorage } from '../headoffice/storage';
import { followupStorage } from '../followup/storage';
import { deskStorage } from '../desk/storage';
import { enquiriesStorage } from '../enquiries/storage';
import { fleetStorage } from '../fleet/storage';
import { staffStorage } from '../staff/storage';
import { customersStorage } from '../customers/storage';

/**
 * Every domain's storage (the shape: domainStorage.ts). The core (clinic, staff, customer, visit)
 * stays in designDocs.ts / indexes.ts / validation.ts.
 */
export type { DomainStorage };

const domains: DomainStorage[] = [appointmentsStorage, visitsStorage, teaStorage, inspectionStorage, complaintStorage, headOfficeStorage, followupStorage, deskStorage, enquiriesStorage, fleetStorage, staffStorage, customersStorage];

export const domainCouchTypes: DomainStorage['couchTypes'] = Object.assign({}, ...domains.map((d) => d.couchTypes));
export const domainDesignDocs: DomainStorage['designDocs'] = domains.flatMap((d) => d.designDocs);
export const domainIndexes: DomainStorage['indexes'] = domains.flatMap((d) => d.indexes);
