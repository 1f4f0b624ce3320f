import type { Handlers } from './types';
import { referenceHandlers } from '../reference/handlers';
import { deskHandlers } from '../desk/handlers';
import { appointmentsHandlers } from '../appointments/handlers';
import { visitsHandlers } from '../visits/handlers';
import { teaHandlers } from '../tea/handlers';
import { inspectionHandlers } from '../inspection/handlers';
import { complaintHandlers } from '../complaints/handlers';
import { syncHandlers } from '../sync/handlers';
import { headOfficeHandlers } from '../headoffice/handlers';
import { followupHandlers } from '../followup/handlers';
import { enquiriesHandlers } from '../enquiries/handlers';
import { fleetHandlers } from '../fleet/handlers';
import { staffHandlers } from '../staff/handlers';
import { customersHandlers } from '../customers/handlers';

/** Every operation of the contract, by domain. A missing one fails the type-check. */
export const handlers: Handlers = {
  ...referenceHandlers,
  ...deskHandlers,
  ...appointmentsHandlers,
  ...visitsHandlers,
  ...teaHandlers,
  ...inspectionHandlers,
  ...complaintHandlers,
  ...syncHandlers,
  ...headOfficeHandlers,
  ...followupHandlers,
  ...enquiriesHandlers,
  ...fleetHandlers,
  ...staffHandlers,
  ...customersHandlers,
};
