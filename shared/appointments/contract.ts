import { z } from 'zod';
import { op } from '../op';
import { visitView } from '../desk/schemas';
import {
  appointmentCheckInInput,
  appointmentView,
  bookInput,
  cancelInput,
  correctNoShowInput,
  changeInput,
  dayInput,
  idInput,
  recordCallInput,
} from './schemas';

/** Appointments (预约): booking, changes, the day-before calls, no-shows. */
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
} as const;
