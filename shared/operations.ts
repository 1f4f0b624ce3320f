import type { OperationName } from './contract';
import { referenceNames } from './reference/operations';
import { deskNames } from './desk/operations';
import { appointmentsNames } from './appointments/operations';
import { visitsNames } from './visits/operations';
import { teaNames } from './tea/operations';
import { inspectionNames } from './inspection/operations';
import { complaintNames } from './complaints/operations';
import { syncNames } from './sync/operations';
import { headOfficeNames } from './headoffice/operations';
import { followupNames } from './followup/operations';
import { enquiriesNames } from './enquiries/operations';
import { fleetNames } from './fleet/operations';
import { staffNames } from './staff/operations';
import { customersNames } from './customers/operations';

/**
 * The operation names alone, for the preload script, which must stay small and must not bundle
 * the schemas. Each domain lists its own beside its contract; `satisfies` keeps this list and the
 * contract identical: a missing or an extra name fails the type-check.
 */
const names = {
  ...referenceNames,
  ...deskNames,
  ...appointmentsNames,
  ...visitsNames,
  ...teaNames,
  ...inspectionNames,
  ...complaintNames,
  ...syncNames,
  ...headOfficeNames,
  ...followupNames,
  ...enquiriesNames,
  ...fleetNames,
  ...staffNames,
  ...customersNames,
} satisfies Record<OperationName, true>;

export const operationNames = Object.keys(names) as OperationName[];

/** The IPC channels; the only ones the preload script uses. */
export const ipcChannels = { invoke: 'daoyi:invoke', changes: 'daoyi:changes', pickFolder: 'daoyi:pick-folder' } as const;

/** A change the main process announces so screens re-fetch (zustand holds UI state only). */
export interface ChangeEvent {
  /** Document types that changed, e.g. `visit`, `customer`. */
  types: string[];
}
