import { z } from 'zod';
import { empty, op } from '../op';
import { exportFile } from '../headoffice/schemas';
import {
  attendanceDay,
  cleaningCheckInput,
  cleaningEditInput,
  cleaningRecheckInput,
  cleaningDayView,
  cleaningPlanInput,
  cleaningPlanView,
  awayInput,
  awayView,
  meetingEditInput,
  meetingInput,
  meetingListInput,
  meetingsView,
  rotaChangeView,
  shiftRolloutInput,
  clinicShiftTypesInput,
  staffFigures,
  staffFiguresInput,
  shiftRolloutView,
  spanInput,
  trainingEditInput,
  trainingInput,
  trainingView,
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
  'rota.settings': op('operator', empty, staffSettingsView, { dependsOn: ['staff-settings', 'shift-rollout'] }),
  'rota.saveSettings': op('admin', staffSettingsInput, staffSettingsView),
  'rota.week': op('operator', weekInput, weekView, { dependsOn: ['rota', 'rota-week', 'rota-change', 'duty', 'leave', 'staff'] }),
  'rota.set': op('admin', cellInput, weekView),
  'rota.copyWeek': op('admin', copyWeekInput, weekView),
  'rota.publish': op('admin', weekInput, weekView),
  'leave.request': op('operator', leaveRequestInput, leaveView),
  'leave.decide': op('admin', leaveDecideInput, leaveView),
  'leave.list': op('operator', leaveListInput, z.array(leaveView), { dependsOn: ['leave'] }),
  'attendance.sign': op('operator', signInput, signView),
  'attendance.day': op('operator', dayInput, attendanceDay, { dependsOn: ['attendance', 'rota', 'duty', 'leave', 'staff-fine', 'staff-settings', 'shift-rollout', 'staff-away'] }),
  'attendance.decideFine': op('admin', fineDecideInput, attendanceDay),
  /** 员工档案: leads and head office read anyone's, a person her own (refused to colleagues in the handler). */
  'staffFile.get': op('operator', staffFileInput, staffFileView, { dependsOn: ['inspection', 'inspection-result', 'inspection-penalty', 'inspection-penalty-correction', 'service-star', 'complaint', 'complaint-event', 'attendance', 'staff-fine', 'leave', 'rota', 'training', 'staff-meeting', 'staff-away'] }),
  /** The staff file as .xlsx, refused as staffFile.get refuses. */
  'staffFile.xlsx': op('operator', staffFileInput, exportFile),
  /** Head office rolls its shift types out to clinics, each a new version of the clinic's shift types. */
  'rota.rollOutShiftTypes': op('headoffice', shiftRolloutInput, shiftRolloutView),
  /** A clinic's current shift types as head office's consolidated copy holds them (the roll-out screen starts from them). */
  'rota.clinicShiftTypes': op('headoffice', clinicShiftTypesInput, staffSettingsView, { dependsOn: ['staff-settings', 'shift-rollout', 'clinic'] }),
  /** Head office's figures per clinic and person (attendance, lateness and fines, leave, 离岗, training), each with its records, and as .xlsx. */
  'attendance.figures': op('headoffice', staffFiguresInput, staffFigures, { dependsOn: ['clinic', 'staff', 'rota', 'duty', 'attendance', 'leave', 'staff-fine', 'staff-settings', 'shift-rollout', 'training', 'staff-away'] }),
  'attendance.figuresXlsx': op('headoffice', staffFiguresInput, exportFile),
  /** 人员调班 of some days (the shift handover log offers the day's). */
  'rota.changes': op('operator', spanInput, z.array(rotaChangeView), { dependsOn: ['rota-change', 'staff'] }),
  /** 离岗 of more than 10 minutes, logged by a lead or the person herself. */
  'away.log': op('operator', awayInput, awayView),
  'away.list': op('operator', spanInput, z.array(awayView), { dependsOn: ['staff-away', 'staff', 'staff-fine'] }),
  /** 每周例会 / 服务质量分析会, with actions carried forward until followed up as done. */
  'meeting.save': op('admin', meetingInput, meetingsView),
  /** A lead corrects saved minutes; the old value of each changed field is kept in the record's history. */
  'meeting.edit': op('admin', meetingEditInput, meetingsView),
  'meeting.list': op('operator', meetingListInput, meetingsView, { dependsOn: ['staff-meeting', 'staff'] }),
  /** 培训与考核. */
  'training.save': op('admin', trainingInput, trainingView),
  /** A lead corrects a saved session (scores, topic …); the old value of each changed field is kept in its history. */
  'training.edit': op('admin', trainingEditInput, trainingView),
  'training.list': op('operator', spanInput, z.array(trainingView), { dependsOn: ['training', 'staff'] }),
  /** 卫生值日表 and its checks (8:50 before opening, Saturday's cleaning). */
  'cleaning.plan': op('operator', empty, cleaningPlanView, { dependsOn: ['cleaning-plan', 'staff'] }),
  'cleaning.savePlan': op('admin', cleaningPlanInput, cleaningPlanView),
  'cleaning.day': op('operator', dayInput, cleaningDayView, { dependsOn: ['cleaning-plan', 'cleaning-check', 'staff'] }),
  'cleaning.check': op('admin', cleaningCheckInput, cleaningDayView),
  /** A lead corrects a saved check; each changed field's old value is kept in its history. */
  'cleaning.edit': op('admin', cleaningEditInput, cleaningDayView),
  /** A failed area checked again later the same day (passed, or failed again). */
  'cleaning.recheck': op('admin', cleaningRecheckInput, cleaningDayView),
  /** The desk's on/off list of a day (当班), merged with the rota: who triage offers. */
  'duty.day': op('operator', dayInput, dutyDay, { dependsOn: ['duty', 'staff', 'rota', 'leave'] }),
  'duty.set': op('admin', dutyInput, dutyDay),
} as const;
