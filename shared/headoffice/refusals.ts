import { domainRefusals } from '../errors';

/**
 * Every rule a head-office operation refuses by (`headoffice.<rule>`); the renderer's head-office
 * i18n has a text for each. The roster's grant refusals are the staff domain's (shared/reference/grants.ts),
 * a checklist's own problems the inspection domain's (shared/inspection/rules.ts templateProblem).
 */
export const headofficeRules = [
  'notConfigured',
  'noSuchClinic', // {code}
  'changedMeanwhile', // {code}
  'serverRefused',
  'accountRefused',
  'unreachable',
  'alreadySetUp',
  'notStaffOf', // {code}
  'noSuchDepartment', // {code}
  'notThemself',
  'noSuchStaff',
  'limitsRole',
  'bandsOrder', // {from, above}
  'noSuchChecklist', // {code, key}
  'notItemOf', // {code}
  'listedTwice',
  'noSuchComplaintHere',
  'noSuchComplaintThere',
  'noSuchEvidenceHere',
  'evidenceNotHereYet',
  'reviewRole', // {name, role}
  'monthNotOver', // {month}
  'reviewedAlready', // {month, code}
] as const;
export type HeadofficeRule = (typeof headofficeRules)[number];

export const headofficeRefusals = domainRefusals('headoffice', headofficeRules);
