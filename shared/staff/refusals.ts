import { domainRefusals } from '../errors';

/**
 * Every rule the newer staff operations refuse by (`staff.<rule>`): shift types, head office's
 * roll-out, the away-from-post log, meetings, training. The renderer's staff i18n has a text for
 * each.
 */
export const staffRules = [
  'shiftTypeBad', // shiftTypes.N.…: {problem} (a repeated code, a break outside the shift, overlapping breaks …)
  'noSuchStaff', // staffId / attendees.N / actions.N.ownerId: no active staff member of this clinic
  'notLeadOrSelf', // staffId: only a lead or the person herself logs her time away from the post
  'awayNotAfter', // to: not after from
  'awayShort', // to: {minutes} minutes; only an absence of more than 10 minutes is logged
  'agreeIncomplete', // agreedBy / agreedAt: the agreement names both who agreed and when
  'agreeNotLead', // agreedBy: {name} is not a lead (the department head agrees)
  'agreeOwn', // agreedBy: one does not agree to one's own leaving the post
  'agreeByLeadOnly', // agreedBy: an agreement is recorded by a lead, not by a colleague
  'agreeAfterLeaving', // agreedAt: agreed after she had left (同意前方可離崗: agreed first)
  'inFuture', // to / date: has not happened yet
  'listedTwice', // attendees.N: listed twice
  'dueBeforeMeeting', // actions.N.due: before the meeting's date
  'notOpenAction', // followUps.N.actionId: not an open action of an earlier meeting of this kind
  'staleVersion', // rev: the record changed meanwhile (another lead's edit); reload it
  'nothingChanged', // id: the edit changes nothing
  'noSuchRecord', // id: no such record of this clinic
  'actionFollowedUp', // actions: an action a later meeting followed up cannot be removed
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
  'notCheckedYet', // kind: that check has not been made (nothing to correct or re-check)
  'areaNotFailed', // areaId: the area passed; only a failed area is re-checked
  'recheckNote', // note: a re-check that fails again says why
  // The first round's: the rota, leave, sign-in, fines, the staff file, the on/off list.
  'noPin', // staffId: {name} has no PIN yet
  'notOwnPin', // pin: not {name}'s own PIN (签到 only with one's own)
  'pastDay', // date: {date} is past; its rota is kept
  'unknownShift', // code: {code} is not one of the clinic's shift types
  'shiftOverlap', // code: {name}'s shift would overlap the one of {date}
  'sameWeek', // to: the same week as from
  'pastWeek', // to: a past week
  'weekPublished', // to: published; changed cell by cell (人员调班)
  'nothingToCopy', // from: that week has no rota
  'alreadyPublished', // weekStart: published already
  'emptyWeek', // weekStart: no rota yet
  'weekProblem', // weekStart: {name} {problem} ({date}): no rest day, an overlap, an unknown code
  'ownLeaveOnly', // staffId: one asks for one's own leave (a lead for anyone)
  'leaveReversed', // to: the leave ends before it starts
  'leaveNotice', // from: 事假 is asked {hours} h ahead, or marked an emergency
  'leaveTooLong', // to: at most {days} days in one request
  'noSuchLeave', // leaveId: no such request
  'leaveDecided', // leaveId: decided already
  'ownLeaveDecision', // leaveId: not one's own
  'signedInAlready', // kind: {name} signed in today already
  'notSignedIn', // kind: {name} has not signed in
  'ownFineDecision', // staffId: not one's own fine
  'noFineProposed', // kind: no such fine proposed for {name} on {date}
  'fineDecided', // kind: decided already
  'absenceAmount', // amountYuan: an absence's amount is entered by the lead
  'colleagueFile', // staffId: a colleague's staff file is for leads and head office
  'notTriageStaff', // staffId: not an active consultant or doctor (the on/off list)
] as const;
export type StaffRule = (typeof staffRules)[number];

export const staffRefusals = domainRefusals('staff', staffRules);
