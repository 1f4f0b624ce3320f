import { domainRefusals } from '../errors';

/** Every rule a follow-up operation refuses by (`followup.<rule>`); the renderer's followup i18n has a text for each. */
export const followupRules = [
  'notCaller', // role: a {role} does not make follow-up calls
  'notThisCall', // role: a {role} does not make this kind of follow-up call
  'notComplaintCaller', // role: only 客服主任, 客服总监 call after a complaint
  'notRecaller', // role: a {role} does not call enquirers back
  'noSuchTask', // taskId: no follow-up task
  'taskClosed', // taskId: the task is closed ({state})
  'taskWithdrawn', // taskId: the visitor's 离院 was undone (visits.reopen), so the task is withdrawn
  'messageIsSent', // result: a message task is recorded as sent (已发送)
  'sentIsForMessages', // result: sent (已发送) is for message tasks
  'rescheduleNotLater', // rescheduleAt: the agreed time must be later than now
  'recallReachedByEnquiry', // result: a re-call's 接通 is recorded by enquiry.recall (did she book), not with the visit survey
  'plansSaved', // baseVersion: version {current} was saved meanwhile
  'unknownDepartment', // plans.N.departmentDays.X: no clinic has department {name}
  'complaintNeedsFeedback', // feedback: a complaint opens from a call classified 投诉
  'complaintTwice', // taskId: this call already opened complaint {number}
] as const;
export type FollowupRule = (typeof followupRules)[number];

export const followupRefusals = domainRefusals('followup', followupRules);
