import { z } from 'zod';
import { op } from '../op';
import { checkInInput, customerHit, customerSearchInput, visitView, waitingListInput } from './schemas';

/** Check-in at the door: lookup, registration, triage. */
export const deskContract = {
  'customer.search': op('operator', customerSearchInput, z.array(customerHit)),
  'desk.checkIn': op('operator', checkInInput, visitView),
  'desk.waitingList': op('operator', waitingListInput, z.array(visitView)),
} as const;
