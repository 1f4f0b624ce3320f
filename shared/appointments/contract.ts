import { z } from 'zod';
import { op, empty } from '../op';
import { visitView } from '../desk/schemas';
import {
  appointmentCheckInInput,
  appointmentView,
  bookInput,
  cancelInput,
  correctNoShowInput,
  changeInput,
  customerHistory,
  dayInput,
  dutyDay,
  dutyInput,
  historyInput,
  idInput,
  recordCallInput,
  reminder,
  ackReminderInput,
  reminderAck,
  setTierInput,
  duplicateGroup,
  mergeInput,
  mergeResult,
  tierView,
} from './schemas';

/** Appointments (预约): booking, changes, the day-before calls, no-shows; the duty roster; reminders. */
export const appointmentsContract = {
  'appointment.book': op('operator', bookInput, appointmentView),
  'appointment.change': op('operator', changeInput, appointmentView),
  'appointment.cancel': op('operator', cancelInput, appointmentView),
  /** A clinic day's appointments (default today) with arrived / expected / overdue / no-show / cancelled. */
  'appointment.day': op('operator', dayInput, z.array(appointmentView), { dependsOn: ['appointment', 'visit', 'no-show', 'customer'] }),
  /** The day-before confirmation calls: the appointments of the given day (default tomorrow). */
  'appointment.callList': op('operator', dayInput, z.array(appointmentView), { dependsOn: ['appointment'] }),
  'appointment.recordCall': op('operator', recordCallInput, appointmentView),
  'appointment.markNoShow': op('operator', idInput, appointmentView),
  /** A lead withdraws a no-show (with the reason); the no-show and the correction are both kept. */
  'appointment.correctNoShow': op('admin', correctNoShowInput, appointmentView),
  'appointment.checkIn': op('operator', appointmentCheckInInput, visitView),
  'customer.history': op('operator', historyInput, customerHistory, { dependsOn: ['visit', 'appointment', 'no-show'] }),
  'duty.day': op('operator', dayInput, dutyDay, { dependsOn: ['duty', 'staff', 'rota', 'leave'] }),
  'duty.set': op('admin', dutyInput, dutyDay),
  'desk.reminders': op('operator', empty, z.array(reminder), { dependsOn: ['appointment', 'visit', 'visit-event', 'customer', 'vip-ack'] }),
  /** 我来接待: acknowledges an A/B member's door or arrival reminder (who, when: a vip-ack document). */
  'desk.ackReminder': op('operator', ackReminderInput, reminderAck),
  'customer.setTier': op('admin', setTierInput, tierView),
  /** Live customers that share a phone (two records of one person). */
  'customer.duplicates': op('admin', empty, z.array(duplicateGroup), { dependsOn: ['customer'] }),
  /** Re-points visits, appointments and no-shows to `keepId`; the other record stays as `mergedInto`. */
  'customer.merge': op('admin', mergeInput, mergeResult),
} as const;
