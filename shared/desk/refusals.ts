import { domainRefusals } from '../errors';

/** Every rule a desk operation (check-in, reminders) refuses by (`desk.<rule>`); the renderer's desk i18n has a text for each. */
export const deskRules = [
  'noSuchDepartment', // visit.departmentId: no such active department
  'notConsultantOf', // visit.consultantId: not an active consultant or doctor of {department}
  'consultantOffDuty', // visit.consultantId: {name} is not on duty {when: now | today}
  'noSuchAppointment', // visit.appointmentId: no such appointment
  'appointmentCancelled', // visit.appointmentId: this appointment was cancelled
  'appointmentOtherDay', // visit.appointmentId: this appointment is for {date}, not today
  'appointmentOfOther', // visit.appointmentId: this appointment is {name}'s
  'alreadyCheckedIn', // visit.appointmentId: this visitor has already checked in
  'alreadyHereToday', // visit.repeatReason: {name} already checked in today ({status})
  'noSuchCustomer', // customer.id: no such customer
  'merged', // customer.id: this record was merged into another
  'directedNotAllowed', // <field>.directed: the signed-in role may not fill the directed registration
  'phoneTaken', // <field>.phone: already registered to {name}
  'noSuchReminder', // key: no reminder of an A/B member due or waiting today has this key
  'reminderTaken', // key: already taken by {name}
] as const;
export type DeskRule = (typeof deskRules)[number];

export const deskRefusals = domainRefusals('desk', deskRules);
