import type { visitsContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const visitsNames = {
  'visits.board': true,
  'visits.setStatus': true,
  'visits.handOff': true,
  'visits.setOutcome': true,
  'visits.events': true,
  'visits.dayView': true,
  'handover.write': true,
  'handover.ack': true,
  'handover.list': true,
  'visits.cancel': true,
  'visits.call': true,
  'visits.displaySettings': true,
  'visits.setDisplaySettings': true,
  'visits.reopen': true,
} satisfies Record<keyof typeof visitsContract, true>;
