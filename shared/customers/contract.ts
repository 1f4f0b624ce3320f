import { z } from 'zod';
import { empty, op } from '../op';
import { customerHit, customerSearchInput } from '../desk/schemas';
import { customerRecord, customerRecordInput, customerUpdateInput } from './record';
import { customerHistory, duplicateGroup, historyInput, mergeInput, mergePreview, mergePreviewInput, mergeResult, mergeView, setTierInput, tierView, unmergeInput } from './schemas';

/** Customers (客户档案): finding one, her record and its corrections, history, tier, duplicates and merging. */
export const customersContract = {
  /** By phone (or its last digits), name or pinyin initials: the door, bookings and enquiries look up the same way. */
  'customer.search': op('operator', customerSearchInput, z.array(customerHit)),
  /** A customer's whole record as the reader may see it, with its corrections (issue 14). */
  'customer.record': op('operator', customerRecordInput, customerRecord, { dependsOn: ['customer', 'customer-edit'] }),
  /** Corrects fields of a customer's record; the old values are kept (guideLead and up, the consulting group). */
  'customer.update': op('operator', customerUpdateInput, customerRecord),
  'customer.history': op('operator', historyInput, customerHistory, { dependsOn: ['visit', 'visit-event', 'appointment', 'no-show', 'customer', 'customer-edit'] }),
  'customer.setTier': op('admin', setTierInput, tierView),
  /** Live customers that share a phone (two records of one person). */
  'customer.duplicates': op('admin', empty, z.array(duplicateGroup), { dependsOn: ['customer'] }),
  /** Re-points visits, appointments and no-shows to `keepId`; the other record stays as `mergedInto`. */
  'customer.merge': op('admin', mergeInput, mergeResult),
  /** What customer.merge would move, and the days both records have a visit (to offer folding them). */
  'customer.mergePreview': op('admin', mergePreviewInput, mergePreview),
  /** The clinic's merges, latest first (at most 50). */
  'customer.merges': op('admin', empty, z.array(mergeView), { dependsOn: ['customer-merge', 'customer'] }),
  /** A lead's correction of a merge: restores the merged-away record and moves back what moved (from the merge record). */
  'customer.unmerge': op('admin', unmergeInput, mergeResult),
} as const;
