import type { complaintContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const complaintNames = {
  'complaint.record': true,
  'complaint.get': true,
  'complaint.list': true,
  'complaint.step': true,
  'complaint.home': true,
  'complaint.setNumberingDesk': true,
  'complaint.resolveNumber': true,
  'complaint.evidence': true,
  'complaint.uploadChunk': true,
  'complaint.attachVideo': true,
  'complaint.monthlyStats': true,
  'complaint.monthlyXlsx': true,
  'complaint.limits': true,
} satisfies Record<keyof typeof complaintContract, true>;
