import { z } from 'zod';
import { docMeta } from '../doc';
import { channels, eventKinds } from './rules';

/**
 * The stored shape of each complaint document (README "Documents"), the schema its declaration
 * carries (shared/complaints/docs.ts): head office's rules (src-main/complaints/storage.ts) are
 * checked against these by tests/unit/doc-registry.test.ts; the document types beside those rules
 * are their z.infer (with PouchDB's own attachment type).
 */
const file = z.strictObject({ name: z.string(), mime: z.string(), size: z.number() });
// CouchDB's attachments: the data when written (a Buffer through PouchDB in the main process), a stub when read.
const attachments = z
  .record(z.string(), z.strictObject({ content_type: z.string(), data: z.union([z.string(), z.instanceof(Uint8Array)]), stub: z.boolean().optional(), length: z.number().optional() }))
  .optional();

export const complaintDoc = z.strictObject({
  ...docMeta,
  type: z.literal('complaint'),
  receivedAt: z.string(),
  channel: z.enum(channels),
  customerId: z.string().nullable(),
  patientName: z.string(),
  patientPhone: z.string(),
  what: z.string(),
  wants: z.string(),
  staffInvolved: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  inHeadOfficeCity: z.boolean(),
  promisedReplyAt: z.string().nullable().optional(),
  followupTaskId: z.string().optional(),
  evidence: z.array(file),
  _attachments: attachments,
});

export const complaintEventDoc = z.strictObject({
  ...docMeta,
  type: z.literal('complaint-event'),
  complaintId: z.string(),
  kind: z.enum(eventKinds),
  at: z.string(),
  seq: z.number(),
  byRole: z.string(),
  data: z.record(z.string(), z.unknown()),
  attachments: z.array(file),
  _attachments: attachments,
  byName: z.string().optional(),
  headOffice: z.literal(true).optional(),
});

const withdrawal = z.strictObject({ number: z.string(), keptBy: z.string(), by: z.string(), at: z.string(), reason: z.string() });

export const complaintNumberDoc = z.strictObject({
  ...docMeta,
  type: z.literal('complaint-number'),
  complaintId: z.string(),
  number: z.string(),
  month: z.string(),
  serial: z.number(),
  deskId: z.string(),
  acceptEventId: z.string(),
  replaces: withdrawal.nullable().optional(),
});

export const complaintSettingsDoc = z.strictObject({
  ...docMeta,
  type: z.literal('complaint-settings'),
  numberingDeskId: z.string(),
  reserved: z.record(z.string(), z.number()).optional(),
});

// Absent when the clinic keeps the group's limit (never written as undefined).
const limit = z.number().exactOptional();
export const complaintLimitsDoc = z.strictObject({
  ...docMeta,
  type: z.literal('complaint-limits'),
  limits: z.strictObject({
    notifyHours: limit,
    investigateWorkingDays: limit,
    classifyHours: limit,
    approveHours: limit,
    paperworkHours: limit,
    closeDaysInCity: limit,
    closeDaysOutside: limit,
    fileHours: limit,
    penaltyHours: limit,
    preventionDays: limit,
    approveMediumFromYuan: limit,
    approveLargeAboveYuan: limit,
  }),
  reason: z.string(),
});

export const complaintReviewDoc = z.strictObject({
  ...docMeta,
  type: z.literal('complaint-review'),
  month: z.string(),
  note: z.string(),
  closedCases: z.number(),
  penalised: z.number(),
  byName: z.string(),
});
