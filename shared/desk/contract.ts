import { z } from 'zod';
import { empty, op } from '../op';
import { checkInInput, customerHit, customerSearchInput, visitView, waitingListInput } from './schemas';
import { customerRecord, customerRecordInput, customerUpdateInput } from './customerRecord';

/** Check-in at the door: lookup, registration, triage. */
export const deskContract = {
  'customer.search': op('operator', customerSearchInput, z.array(customerHit)),
  'desk.checkIn': op('operator', checkInInput, visitView),
  'desk.waitingList': op('operator', waitingListInput, z.array(visitView)),
  /**
   * Pinyin initials of the clinic's staff and department names (name → initials), so a select or
   * the operator switch jumps by them (issue 21); computed here, pinyin-pro stays out of the renderer.
   * Readable before sign-in, as staff.list is (the operator switch filters by it).
   */
  'desk.initials': op('none', empty, z.record(z.string(), z.string()), { dependsOn: ['staff', 'clinic'] }),
  /** A customer's whole record as the reader may see it, with its corrections (issue 14). */
  'customer.record': op('operator', customerRecordInput, customerRecord, { dependsOn: ['customer', 'customer-edit'] }),
  /** Corrects fields of a customer's record; the old values are kept (guideLead and up, the consulting group). */
  'customer.update': op('operator', customerUpdateInput, customerRecord),
} as const;
