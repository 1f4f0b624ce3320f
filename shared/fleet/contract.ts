import { op } from '../op';
import { exportFile } from '../headoffice/schemas';
import { backupCreateInput, backupResult, backupScheduleInput, backupStatus, devicesInput, devicesView, minimumVersionInput, minimumVersionView, updatePolicyInput, updatePolicyView, updateStatusView } from './schemas';
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
  'backup.status': op('operator', empty, backupStatus, { dependsOn: ['sync'] }),
  /** Head office's update channel: the feed folder and the pilot clinics (reference document `app-policy`). */
  'fleet.setUpdatePolicy': op('headoffice', updatePolicyInput, updatePolicyView),
  'fleet.updatePolicy': op('headoffice', empty, updatePolicyView, { dependsOn: ['app-policy'] }),
  /** This desk's version and what its updater is doing (设置 → 版本与更新). */
  'fleet.updateStatus': op('operator', empty, updateStatusView, { dependsOn: ['sync'] }),
  /** 导出诊断包: logs, versions, sync status and store statistics as one .zip for IT, no patient data. */
  'fleet.diagnostics': op('admin', empty, exportFile),
} as const;
