import { domainRefusals } from '../errors';

/**
 * Every rule the newer staff operations refuse by (`staff.<rule>`): shift types, head office's
 * roll-out, the away-from-post log, meetings, training. The renderer's staff i18n has a text for
 * each. (The rota, leave and attendance operations of the first round still refuse in English.)
 */
export const staffRules = [
  'shiftTypeBad', // shiftTypes.N.…: {problem} (a repeated code, a break outside the shift, overlapping breaks …)
  'noSuchStaff', // staffId / attendees.N / actions.N.ownerId: no active staff member of this clinic
  'notLeadOrSelf', // staffId: only a lead or the person herself logs her time away from the post
  'awayNotAfter', // to: not after from
  'awayShort', // to: {minutes} minutes; only an absence of more than 10 minutes is logged
  'inFuture', // to / date: has not happened yet
  'listedTwice', // attendees.N: listed twice
  'dueBeforeMeeting', // actions.N.due: before the meeting's date
  'notOpenAction', // followUps.N.actionId: not an open action of an earlier meeting of this kind
  'spanReversed', // to: before from
  'spanTooLong', // to: at most a year at a time
  'clinicNotReached', // targets.N: no clinic {clinic} has reached head office
  'areaUnknown', // items.N.areaId / areas.N.id: not an area of the cleaning rota
  'areaTwice', // items.N.areaId / areas.N.name: listed twice
  'checkIncomplete', // items: every area ticked or noted ({missing} missing)
  'notSaturday', // kind: the collective cleaning is on Saturdays (每周六進行集體掃除)
  'checkedAlready', // kind: this check was made already today
  'noAreas', // date: the cleaning rota has no areas yet
  'notToday', // date: a day's cleaning is checked on that day
  // The roster's grants (shared/reference/grants.ts), for staff.add / staff.update and headoffice.staffSave.
  'grantHeadOfficeOnly', // role: {role} is granted from head office only
  'grantBelowOwn', // role: {by} grants only roles below their own, not {role}
  'ownRole', // role: nobody changes their own role
  'pinFromAbove', // pin: only someone above a {role} resets their PIN
  'changeFromAbove', // id: only someone above a {role} changes them
] as const;
export type StaffRule = (typeof staffRules)[number];

export const staffRefusals = domainRefusals('staff', staffRules);
