import type { appointmentsContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const appointmentsNames = {
  'appointment.book': true,
  'appointment.change': true,
  'appointment.cancel': true,
  'appointment.day': true,
  'appointment.callList': true,
  'appointment.recordCall': true,
  'appointment.markNoShow': true,
  'appointment.correctNoShow': true,
  'appointment.checkIn': true,
} satisfies Record<keyof typeof appointmentsContract, true>;
