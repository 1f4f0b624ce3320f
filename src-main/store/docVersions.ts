/** Current schema version of each document type (see README "Document types"). */
export const CURRENT_DOC_VERSIONS = {
  clinic: 1,
  staff: 2, // 2: 工号, supervisor, department head (issue 6; migration 2)
  customer: 1,
  visit: 1,
  'conflict-archive': 1,
  complaint: 1,
  'complaint-event': 1,
  'complaint-number': 1,
  'complaint-settings': 1,
  'complaint-limits': 1,
  'complaint-review': 1,
  // Inspections (issue 6): src-main/inspection/storage.ts.
  'inspection-settings': 1,
  'inspection-template': 1,
  inspection: 1,
  'inspection-result': 1,
  'inspection-penalty': 1,
  'inspection-correction': 1,
  'service-star': 1,
  appointment: 1,
  'no-show': 1,
  // Issue 21: a lead's correction of a no-show (src-main/appointments/storage.ts).
  'no-show-correction': 1,
  duty: 1,
  // Issue 14: corrections of a customer's record (src-main/desk/storage.ts), enquiries (src-main/enquiries/storage.ts).
  'customer-edit': 1,
  'customer-merge': 1,
  enquiry: 1,
  // Issue 21: the acknowledgement of a VIP reminder (src-main/appointments/storage.ts).
  'vip-ack': 1,
  // Issue 17: a desk's heartbeat (src-main/fleet/storage.ts).
  heartbeat: 1,
  // Head office's minimum app version (reference, clinic '*'): src-main/fleet/policy.ts.
  'app-policy': 1,
  // Issue 15: shifts, the rota, leave, attendance (src-main/staff/storage.ts).
  'staff-settings': 1,
  rota: 1,
  'rota-week': 1,
  'rota-change': 1,
  leave: 1,
  attendance: 1,
  'staff-fine': 1,
} as const;
export type DocType = keyof typeof CURRENT_DOC_VERSIONS;
