import { op } from '../op';
import { exportFile } from '../headoffice/schemas';
import { devicesInput, devicesView } from './schemas';

/** Running many desks (docs/operations.md): head office's 设备 screen. */
export const fleetContract = {
  'fleet.devices': op('operator', devicesInput, devicesView),
  'fleet.devicesXlsx': op('operator', devicesInput, exportFile),
} as const;
