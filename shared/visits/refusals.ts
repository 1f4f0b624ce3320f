import { domainRefusals } from '../errors';

/** Every rule a visits operation refuses by (`visits.<rule>`); the renderer's visits i18n has a text for each. */
export const visitsRules = [
  'noSuchVisit', // visitId: no such visit
  'visitCancelled', // visitId: this visit was cancelled ({reason})
  'alreadyStatus', // status: already {to}
  'cannotMove', // status: cannot go from {from} to {to}
  'outcomeRequired', // outcome: required when the visitor leaves
  'outcomeOnlyOnLeaving', // outcome: set only when the visitor leaves
  'notHandOffStaff', // toStaffId: not an active consultant, doctor or 医助 of this clinic
  'notLeftYet', // outcome: the visitor has not left yet
  'noSuchHandover', // handoverId: no such handover
  'ownHandover', // handoverId: the incoming guide takes over, not the writer
  'handoverTaken', // handoverId: already taken over
  'notOnDuty', // toStaffId: {name} is not on duty today
  'callNotWaiting', // visitId: only a waiting visitor is called (now {status})
  'callOtherDay', // visitId: a visit of another day
  'reopenNotLeft', // visitId: only a visitor who left is brought back (now {status})
  'reopenOtherDay', // visitId: only today's visits are brought back
] as const;
export type VisitsRule = (typeof visitsRules)[number];

export const visitsRefusals = domainRefusals('visits', visitsRules);
