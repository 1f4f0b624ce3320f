import { z } from 'zod';
import { empty, op } from '../op';
import {
  attendanceDay,
  cellInput,
  copyWeekInput,
  dayInput,
  dutyDay,
  dutyInput,
  fineDecideInput,
  leaveDecideInput,
  leaveListInput,
  leaveRequestInput,
  leaveView,
  signInput,
  signView,
  staffFileInput,
  staffFileView,
  staffSettingsInput,
  staffSettingsView,
  weekInput,
  weekView,
} from './schemas';

/** Shifts, the rota, leave and attendance (排班、考勤), seed 003. `staff.*` are the roster's (reference). */
export const staffContract = {
  'rota.settings': op('operator', empty, staffSettingsView),
  'rota.saveSettings': op('admin', staffSettingsInput, staffSettingsView),
  'rota.week': op('operator', weekInput, weekView),
  'rota.set': op('admin', cellInput, weekView),
  'rota.copyWeek': op('admin', copyWeekInput, weekView),
  'rota.publish': op('admin', weekInput, weekView),
  'leave.request': op('operator', leaveRequestInput, leaveView),
  'leave.decide': op('admin', leaveDecideInput, leaveView),
  'leave.list': op('operator', leaveListInput, z.array(leaveView)),
  'attendance.sign': op('operator', signInput, signView),
  'attendance.day': op('operator', dayInput, attendanceDay),
  'attendance.decideFine': op('admin', fineDecideInput, attendanceDay),
  /** 员工档案: leads and head office read anyone's, a person her own (refused to colleagues in the handler). */
  'staffFile.get': op('operator', staffFileInput, staffFileView),
  /** The desk's on/off list of a day (当班), merged with the rota: who triage offers. */
  'duty.day': op('operator', dayInput, dutyDay),
  'duty.set': op('admin', dutyInput, dutyDay),
} as const;
