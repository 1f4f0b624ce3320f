import { domainRefusals } from '../errors';

/** Every rule an appointment operation refuses by (`appointments.<rule>`); the renderer's appointment texts have one for each. */
export const appointmentsRules = [
  'noSuchDepartment', // departmentId: no such active department
  'notConsultantOf', // consultantId: not an active consultant or doctor of {department}
  'offDuty', // consultantId: {name} is not on duty on {date}
  'notRealDate', // date: {date} not a real date
  'notRealTime', // time: {time} not a real time
  'inPast', // date | time: {date} {time} is in the past
  'outsideHours', // time: {time} is outside opening hours (08:00-21:00)
  'tooFar', // date: {date} is more than a year ahead
  'noSuchAppointment', // id: no such appointment
  'wasCancelled', // id: this appointment was cancelled
  'alreadyArrived', // id: this appointment has already arrived
  'isNoShow', // id: this appointment is recorded as a no-show
  'pastDay', // id: this appointment was on a past day
  'stillAhead', // id: this appointment is still ahead
  'noSuchCustomer', // customer.id: no such customer
  'merged', // customer.id: this record was merged into another
  'phoneTaken', // customer.phone: already registered to {name}
  'alreadyBooked', // date: {name} is already booked on {date} at {time}
  'correctedStays', // id: this no-show was corrected by a lead; it stays corrected
  'alreadyCorrected', // id: this no-show is already corrected
  'noNoShow', // id: no no-show is recorded for this appointment
  'notRegistered', // id: {name} is not registered yet
] as const;
export type AppointmentsRule = (typeof appointmentsRules)[number];

export const appointmentsRefusals = domainRefusals('appointments', appointmentsRules);
