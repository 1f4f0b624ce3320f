import type { fleetContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const fleetNames = {
  'fleet.devices': true,
  'fleet.devicesXlsx': true,
  'fleet.setMinimumVersion': true,
  'backup.create': true,
  'backup.schedule': true,
  'backup.status': true,
  'fleet.setUpdatePolicy': true,
  'fleet.updatePolicy': true,
  'fleet.updateStatus': true,
  'fleet.diagnostics': true,
} satisfies Record<keyof typeof fleetContract, true>;
