import { domainRefusals } from '../errors';

/** Every rule a reference operation (set-up, roster, sign-in) refuses by (`reference.<rule>`); src-renderer/reference/i18n.ts has a text for each. */
export const referenceRules = [
  'notSetUp', // this desk is not set up yet
  'alreadySetUp', // this desk is already set up
  'clinicExists', // clinic.code: clinic {code} already exists in this store
  'noSuchDepartment', // <field>: no such department in {clinic}
  'departmentIdsRepeat', // departments: ids repeat
  'departmentKept', // departments: {names} cannot be removed, only made inactive
  'noSuchStaff', // id / supervisorId / deptHeadId: no such staff member
  'notThemself', // supervisorId / deptHeadId: cannot be the person themself
  'deactivateSelf', // active: you cannot deactivate yourself while signed in
  'noPinStaff', // staffId: no active staff member with a PIN
  'wrongPin', // pin: wrong PIN
  'pinLocked', // pin: too many wrong PINs; try again later
  'headOfficeGrants', // role: only head office grants {role}
  'grantBelowOwn', // role: a {by} may grant only roles below their own, not {role}
  'ownRole', // role: nobody changes their own role
  'changeAbove', // id: only someone above a {role} may change them
  'resetPinAbove', // pin: only someone above a {role} may reset their PIN
  'goLiveBeforeSetUp', // date: the go-live day cannot be before the set-up day {day}
  'goLiveStale', // baseVersion: the go-live day was changed meanwhile (now version {current})
] as const;
export type ReferenceRule = (typeof referenceRules)[number];

export const referenceRefusals = domainRefusals('reference', referenceRules);
