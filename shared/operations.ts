import type { OperationName } from './contract';

/**
 * The operation names alone, for the preload script, which must stay small and must not bundle
 * the schemas. `satisfies` keeps this list and the contract identical: a missing or an extra
 * name fails the type-check.
 */
const names = {
  'app.status': true,
  'clinic.setup': true,
  'clinic.join': true,
  'clinic.cancelJoin': true,
  'clinic.update': true,
  'staff.list': true,
  'staff.add': true,
  'staff.update': true,
  'operator.signIn': true,
  'operator.signOut': true,
  'customer.search': true,
  'desk.checkIn': true,
  'desk.waitingList': true,
  'sync.status': true,
  'sync.configure': true,
  'sync.disconnect': true,
  'sync.retry': true,
  'sync.conflicts': true,
  'sync.resolveConflict': true,
} satisfies Record<OperationName, true>;

export const operationNames = Object.keys(names) as OperationName[];

/** The IPC channels; the only ones the preload script uses. */
export const ipcChannels = { invoke: 'daoyi:invoke', changes: 'daoyi:changes' } as const;

/** A change the main process announces so screens re-fetch (zustand holds UI state only). */
export interface ChangeEvent {
  /** Document types that changed, e.g. `visit`, `customer`. */
  types: string[];
}
