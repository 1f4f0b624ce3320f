import type { deskContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const deskNames = {
  'desk.checkIn': true,
  'desk.waitingList': true,
  'desk.initials': true,
  'desk.reminders': true,
  'desk.ackReminder': true,
} satisfies Record<keyof typeof deskContract, true>;
