import type { deskContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const deskNames = {
  'customer.search': true,
  'desk.checkIn': true,
  'desk.waitingList': true,
  'desk.initials': true,
  'customer.record': true,
  'customer.update': true,
} satisfies Record<keyof typeof deskContract, true>;
