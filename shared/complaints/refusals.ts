import { domainRefusals } from '../errors';

/**
 * Every rule a complaint operation refuses by (`complaints.<rule>`); the renderer's complaints
 * i18n has a text for each (zh-CN + en). Params are facts (numbers, codes, names), never prose:
 * role lists are comma-separated role codes (`roles`), steps are step numbers and step keys.
 */
export const complaintsRules = [
  'noSuchComplaint',
  'notForYou', // complaint details are for customer service, the dean, the medical director and head office
  'noSuchCustomer',
  'noSuchDepartment',
  'noSuchDate',
  'receivedInFuture',
  'receivedTooLongAgo', // {days}
  'promisedBeforeReceived',
  'monthRequired',
  'numberingDeskRole',
  'resolveRole', // {name, role}
  'notDuplicate', // {number}
  'notAHolder', // {number}
  'noSuchEvidence',
  'uploadNotYours',
  'pieceOrder', // {expected, got}
  'videoTooLarge', // {mb}
  'noSuchUpload',
  'notYourComplaint',
  'notThatFile', // {mime}
  'numberingDeskTaken',
  'numberingUnreachable',
  'numberingDeskChanged',
  'statsRole',
  'notASubcategory', // {subcategory, category}
  'serviceTypeNeeded',
  'serviceTypeOnlyService', // {subcategory}
  'stepRole', // {kind, roles, name, role}
  'approverBand', // {amount, roles, category, medical}
  'proposerApproves', // {name}
  'satisfactionNeeded',
  'noSuchStaff',
  // step 8's paperwork (shared/complaints/rules.ts `paperworkRefusal`)
  'paymentNeeded', // {amount}
  'noMoneyNoPayment',
  'oaNeeded', // {amount}
  'noMoneyNoOa',
  'crmNoteNeeded',
  'medicalRecordNoteNeeded',
  // the order of the steps (shared/complaints/rules.ts `refusal`)
  'finished',
  'notNow', // {step, kind, at, atKey}
  'alreadyNotified',
  'preventionRecorded',
  'noPreventionPlan',
  'noSuchAction', // {index, count}
  'actionDoneAlready', // {index}
  'penaltyDone',
  'penaltyInForce',
  'deanAgreeNothing',
  'slipAfterDean',
  'gmApprovesIssued',
  'escalateWhen', // {at}
  'withLegal',
  'closedAlready',
  'confirmationNeeded',
  'fileAfterClose',
  'disagreedEscalate',
] as const;
export type ComplaintsRule = (typeof complaintsRules)[number];

export const complaintsRefusals = domainRefusals('complaints', complaintsRules);
