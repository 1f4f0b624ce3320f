import type { staffContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const staffNames = {
  'rota.settings': true,
  'rota.saveSettings': true,
  'rota.week': true,
  'rota.set': true,
  'rota.copyWeek': true,
  'rota.publish': true,
  'leave.request': true,
  'leave.decide': true,
  'leave.list': true,
  'attendance.sign': true,
  'attendance.day': true,
  'attendance.decideFine': true,
  'staffFile.get': true,
  'duty.day': true,
  'duty.set': true,
} satisfies Record<keyof typeof staffContract, true>;
