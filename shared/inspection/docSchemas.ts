import { z } from 'zod';
import { docMeta } from '../doc';
import { sex } from '../reference/schemas';
import { inspectionKinds, measures, repeatCountings } from './rules';

/**
 * The stored shape of each inspection document (README "Documents"), the schema its declaration
 * carries (shared/inspection/docs.ts): head office's rules (src-main/inspection/storage.ts) are
 * checked against these by tests/unit/doc-registry.test.ts; the document types of
 * shared/inspection/schemas.ts are their z.infer.
 */
const kind = z.enum(inspectionKinds);
const mark = z.enum(['pass', 'fail', 'na']);
const measure = z.enum(measures);
const item = z.strictObject({ id: z.string(), label: z.string(), sex: sex.nullable() });
const decision = { measure, amount: z.number(), supervisorAmount: z.number(), deptHeadAmount: z.number() };

export const inspectionSettingsDoc = z.strictObject({
  ...docMeta,
  type: z.literal('inspection-settings'),
  penaltyWindowMonths: z.number(),
  flatAmount: z.number().nullable(),
  flatKinds: z.array(kind),
  repeatCounting: z.enum(repeatCountings).optional(),
});

export const templateDoc = z.strictObject({
  ...docMeta,
  type: z.literal('inspection-template'),
  key: z.string(),
  version: z.number(),
  name: z.string(),
  items: z.array(item),
  basedOn: z.string(),
});

export const inspectionDoc = z.strictObject({
  ...docMeta,
  type: z.literal('inspection'),
  kind,
  date: z.string(),
  departmentId: z.string().nullable(),
  templateKey: z.string(),
  templateVersion: z.number(),
  templateName: z.string(),
  items: z.array(item),
  inspectorName: z.string(),
  signedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
  signedByName: z.string().nullable(),
  discardedAt: z.string().nullable(),
  discardReason: z.string().nullable(),
});

const attachment = z.union([
  z.strictObject({ content_type: z.string(), data: z.string() }),
  z.strictObject({ content_type: z.string(), digest: z.string(), stub: z.literal(true), length: z.number() }),
]);

export const resultDoc = z.strictObject({
  ...docMeta,
  type: z.literal('inspection-result'),
  inspectionId: z.string(),
  kind,
  date: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  staffSex: sex,
  departmentId: z.string().nullable(),
  marks: z.array(z.strictObject({ itemId: z.string(), label: z.string(), mark, note: z.string() })),
  note: z.string(),
  photos: z.array(z.strictObject({ name: z.string(), itemId: z.string().nullable(), bytes: z.number() })),
  signedAt: z.string().nullable(),
  _attachments: z.record(z.string(), attachment).optional(),
});

export const penaltyDoc = z.strictObject({
  ...docMeta,
  type: z.literal('inspection-penalty'),
  inspectionId: z.string(),
  kind,
  date: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  itemId: z.string(),
  itemLabel: z.string(),
  supervisorId: z.string().nullable(),
  deptHeadId: z.string().nullable(),
  occurrence: z.number(),
  proposed: z.strictObject(decision),
  ...decision,
  reason: z.string(),
});

export const penaltyCorrectionDoc = z.strictObject({
  ...docMeta,
  type: z.literal('inspection-penalty-correction'),
  inspectionId: z.string(),
  penaltyId: z.string(),
  staffId: z.string(),
  itemId: z.string(),
  ...decision,
  reason: z.string(),
});

export const correctionDoc = z.strictObject({
  ...docMeta,
  type: z.literal('inspection-correction'),
  inspectionId: z.string(),
  kind,
  date: z.string(),
  staffId: z.string(),
  itemId: z.string(),
  mark,
  reason: z.string(),
});

export const starDoc = z.strictObject({ ...docMeta, type: z.literal('service-star'), month: z.string(), staffId: z.string(), staffName: z.string(), reason: z.string() });
