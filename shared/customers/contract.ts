import { z } from 'zod';
import { empty, op } from '../op';
import { customerHit, customerSearchInput } from '../desk/schemas';
import { customerRecord, customerRecordInput, customerUpdateInput } from './record';
import { customerHistory, duplicateGroup, historyInput, mergeInput, mergeResult, setTierInput, tierView } from './schemas';

/** Customers (客户档案): finding one, her record and its corrections, history, tier, duplicates and merging. */
export const customersContract = {
  /** By phone (or its last digits), name or pinyin initials: the door, bookings and enquiries look up the same way. */
  'customer.search': op('operator', customerSearchInput, z.array(customerHit)),
  /** A customer's whole record as the reader may see it, with its corrections (issue 14). */
  'customer.record': op('operator', customerRecordInput, customerRecord),
  /** Corrects fields of a customer's record; the old values are kept (guideLead and up, the consulting group). */
  'customer.update': op('operator', customerUpdateInput, customerRecord),
  'customer.history': op('operator', historyInput, customerHistory),
  'customer.setTier': op('admin', setTierInput, tierView),
  /** Live customers that share a phone (two records of one person). */
  'customer.duplicates': op('admin', empty, z.array(duplicateGroup)),
  /** Re-points visits, appointments and no-shows to `keepId`; the other record stays as `mergedInto`. */
  'customer.merge': op('admin', mergeInput, mergeResult),
} as const;
