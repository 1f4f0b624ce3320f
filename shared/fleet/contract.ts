import { op } from '../op';
import { exportFile } from '../headoffice/schemas';
import { backupCreateInput, backupResult, backupScheduleInput, backupStatus, devicesInput, devicesView, minimumVersionInput, minimumVersionView } from './schemas';
import { empty } from '../op';

/** Running many desks (docs/operations.md): head office's 设备 screen. */
export const fleetContract = {
  'fleet.devices': op('operator', devicesInput, devicesView, { dependsOn: ['heartbeat', 'sync'] }),
  'fleet.devicesXlsx': op('operator', devicesInput, exportFile),
  /** A backup of this desk's store now, into a folder (a USB drive); restore: docs/operations.md. */
  /** Head office publishes the lowest app version desks may run (reference document `app-policy`). */
  'fleet.setMinimumVersion': op('headoffice', minimumVersionInput, minimumVersionView),
  'backup.create': op('admin', backupCreateInput, backupResult),
  'backup.schedule': op('admin', backupScheduleInput, backupStatus),
  'backup.status': op('operator', empty, backupStatus),
} as const;
