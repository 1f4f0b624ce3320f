import { z } from 'zod';
import { requiredText, text } from '../doc';
import { sex } from '../reference/schemas';
import type * as docs from './docSchemas';
import { inspectionKinds, measures, repeatCountings } from './rules';
import type { ItemSex } from './templates';

export const inspectionKind = z.enum(inspectionKinds);
export const mark = z.enum(['pass', 'fail', 'na']);
export const measure = z.enum(measures);
export const itemId = z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'lower-case letters, digits and dashes' });
export const templateKey = z.string().regex(/^[a-z0-9-]{1,32}$/, { error: 'lower-case letters, digits and dashes' });
const docRef = z.string().min(1).max(120);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'a month, YYYY-MM' });
const yuan = z.number().int({ error: 'whole yuan' }).min(0).max(100_000);

// ---- documents (README "Documents"; head office checks them with src-main/inspection/storage.ts)
// Each type is its stored schema's (shared/inspection/docSchemas.ts), said once there.

/** `repeatCounting`: how a repeat is counted (shared/inspection/rules.ts); absent = the default. */
export type InspectionSettingsDoc = z.infer<typeof docs.inspectionSettingsDoc>;

/** One version of a clinic's checklist: immutable; an edit is the next version (`basedOn`: the version it was made from, `default` = the shipped checklist). */
export type TemplateDoc = z.infer<typeof docs.templateDoc>;

/** `items`: the items as the inspection used them (old inspections read correctly after edits); `discardedAt`: started by mistake and set aside before sign-off, never counted, kept for the record. */
export type InspectionDoc = z.infer<typeof docs.inspectionDoc>;

export type ResultMark = ResultDoc['marks'][number];

/** One staff member's result in one inspection (id made from both: saved again, never twice); `photos`: attachment name → the item it shows (null = the whole person). */
export type ResultDoc = z.infer<typeof docs.resultDoc>;

/** A person's decision on the ladder's proposal for one failure: created once. */
export type PenaltyDoc = z.infer<typeof docs.penaltyDoc>;

/**
 * A lead's correction of a penalty decision (issue 21): a new document beside the decision, which
 * stays as it was; the latest correction is the decision that counts (slip, month, head office).
 */
export type PenaltyCorrectionDoc = z.infer<typeof docs.penaltyCorrectionDoc>;

/** A correction of a signed inspection: a new event, the signed record stays as it was. */
export type CorrectionDoc = z.infer<typeof docs.correctionDoc>;

/** The month's 服务之星, reported to head office by sync. */
export type StarDoc = z.infer<typeof docs.starDoc>;

// ---- views and inputs

export const templateItem = z.strictObject({ id: itemId, label: requiredText(60), sex: sex.nullable() });

export const templateView = z.strictObject({
  key: z.string(),
  version: z.number(),
  name: z.string(),
  items: z.array(z.strictObject({ id: z.string(), label: z.string(), sex: sex.nullable() })),
  builtIn: z.boolean(),
  basedOn: z.string(),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export type TemplateView = z.infer<typeof templateView>;

export const saveTemplateInput = z.strictObject({
  key: templateKey,
  name: requiredText(40),
  items: z.array(templateItem).min(1, { error: 'a checklist needs at least one item' }).max(80),
  /** The version this edit starts from (0 = the shipped default or a new key): a stale edit is refused. */
  baseVersion: z.number().int().min(0).max(10_000),
});

export const settingsView = z.strictObject({
  penaltyWindowMonths: z.number().int().min(1).max(36),
  flatAmount: z.number().int().min(1).max(1000).nullable(),
  flatKinds: z.array(inspectionKind).max(4),
  /** Absent: the default reading (docs/inspection.md); head office's thresholds leave it as it is. */
  repeatCounting: z.enum(repeatCountings).optional(),
});
export type SettingsView = z.infer<typeof settingsView>;
export const updateSettingsInput = settingsView;

export const startInput = z.strictObject({ kind: inspectionKind, departmentId: z.string().max(32).nullable(), templateKey });

export const markInput = z.strictObject({ itemId, mark, note: text(200) });
export const saveResultInput = z.strictObject({
  inspectionId: docRef,
  staffId: docRef,
  marks: z.array(markInput).min(1, { error: 'mark every item' }).max(80),
  note: text(500),
});

export const attachPhotoInput = z.strictObject({
  inspectionId: docRef,
  staffId: docRef,
  itemId: itemId.nullable(),
  /** The image, base64 (resized in the renderer to ≤1280 px JPEG). */
  data: z
    .string()
    .min(1, { error: 'required' })
    .max(250_000, { error: 'the photo is too large' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'not base64' }),
});
export const photoInput = z.strictObject({ inspectionId: docRef, staffId: docRef, name: z.string().regex(/^photo-[a-z0-9-]{1,60}\.(jpg|png|webp)$/) });
export const photoView = z.strictObject({ contentType: z.string(), data: z.string() });

export const inspectionRef = z.strictObject({ inspectionId: docRef });

export const decidePenaltyInput = z.strictObject({
  inspectionId: docRef,
  staffId: docRef,
  itemId,
  measure,
  amount: yuan,
  supervisorAmount: yuan,
  deptHeadAmount: yuan,
  reason: text(200),
});

/** A lead changes a decided penalty (issue 21): the new decision and why; both are kept. */
export const correctPenaltyInput = z.strictObject({
  inspectionId: docRef,
  staffId: docRef,
  itemId,
  measure,
  amount: yuan,
  supervisorAmount: yuan,
  deptHeadAmount: yuan,
  reason: requiredText(200),
});

export const discardInput = z.strictObject({ inspectionId: docRef, reason: requiredText(200) });
export const correctInput = z.strictObject({ inspectionId: docRef, staffId: docRef, itemId, mark, reason: requiredText(200) });
export const chooseStarInput = z.strictObject({ month, staffId: docRef, reason: requiredText(200) });
export const monthInput = z.strictObject({ month });

/** A person in the inspection's scope, with the superiors a fine may reach (连带) and their 工号 for the slip. */
const staffLine = z.strictObject({
  id: z.string(),
  name: z.string(),
  sex,
  departmentId: z.string().nullable(),
  staffNumber: z.string().nullable(),
  supervisorName: z.string().nullable(),
  supervisorStaffNumber: z.string().nullable(),
  deptHeadName: z.string().nullable(),
  deptHeadStaffNumber: z.string().nullable(),
});

const resultView = z.strictObject({
  id: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  staffSex: sex,
  marks: z.array(z.strictObject({ itemId: z.string(), label: z.string(), mark, note: z.string() })),
  note: z.string(),
  photos: z.array(z.strictObject({ name: z.string(), itemId: z.string().nullable(), bytes: z.number() })),
  savedAt: z.string(),
  savedBy: z.string(),
});
export type ResultView = z.infer<typeof resultView>;

const penaltyLine = z.strictObject({
  staffId: z.string(),
  staffName: z.string(),
  itemId: z.string(),
  itemLabel: z.string(),
  occurrence: z.number(),
  /** The earlier failures the ladder counted (same person, same ladder, in the window), oldest first: for the slip. */
  earlier: z.array(z.strictObject({ date: z.string(), sameItem: z.boolean() })),
  ladder: z.enum(['self', 'headOffice', 'flat']),
  proposed: z.strictObject({
    measure,
    amount: z.number(),
    amountMax: z.number(),
    /** The only amounts the rule allows (自查 2nd step: 50 or 100); absent = anything from amount to amountMax. */
    amounts: z.array(z.number()).readonly().optional(),
    supervisorAmount: z.number(),
    deptHeadAmount: z.number(),
    informSuperiors: z.boolean(),
  }),
  decided: z.strictObject({ measure, amount: z.number(), supervisorAmount: z.number(), deptHeadAmount: z.number(), reason: z.string(), by: z.string(), byName: z.string(), at: z.string() }).nullable(),
  /** A lead's corrections of the decision, oldest first (issue 21); the last one counts. */
  corrections: z.array(z.strictObject({ measure, amount: z.number(), supervisorAmount: z.number(), deptHeadAmount: z.number(), reason: z.string(), by: z.string(), byName: z.string(), at: z.string() })),
});
export type PenaltyLine = z.infer<typeof penaltyLine>;

export const inspectionView = z.strictObject({
  id: z.string(),
  kind: inspectionKind,
  date: z.string(),
  departmentId: z.string().nullable(),
  templateKey: z.string(),
  templateVersion: z.number(),
  templateName: z.string(),
  items: z.array(z.strictObject({ id: z.string(), label: z.string(), sex: sex.nullable() })),
  inspectorId: z.string(),
  inspectorName: z.string(),
  startedAt: z.string(),
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
  discardedAt: z.string().nullable(),
  discardReason: z.string().nullable(),
  /** Who is to be inspected: active staff of the scope, plus anyone already inspected. */
  staff: z.array(staffLine),
  results: z.array(resultView),
  penalties: z.array(penaltyLine),
  corrections: z.array(z.strictObject({ staffId: z.string(), itemId: z.string(), mark, reason: z.string(), by: z.string(), at: z.string() })),
});
export type InspectionView = z.infer<typeof inspectionView>;

export const inspectionLine = z.strictObject({
  id: z.string(),
  kind: inspectionKind,
  date: z.string(),
  templateName: z.string(),
  /** The scope: one department, or null for the whole clinic. */
  departmentId: z.string().nullable(),
  inspectorName: z.string(),
  signedAt: z.string().nullable(),
  discardedAt: z.string().nullable(),
});

export const statusView = z.strictObject({
  today: z.string(),
  // notOwed: the week or month ended before the go-live day (countsFrom), e.g. one set for next Monday.
  week: z.strictObject({ from: z.string(), to: z.string(), status: z.enum(['done', 'due', 'overdue', 'notOwed']) }),
  month: z.strictObject({ month: z.string(), headOfficeVisit: z.enum(['done', 'due', 'notOwed']) }),
  /** The day the weeks and months count from: the go-live day (上线日期), else the set-up day. */
  countsFrom: z.string(),
  /** The go-live day head office or the clinic's admin set, null while unset. */
  goLive: z.string().nullable(),
  year: z.strictObject({ year: z.string(), rounds: z.enum(['done', 'due']) }),
  unsigned: z.array(inspectionLine),
});

export const monthSummaryView = z.strictObject({
  month: z.string(),
  inspections: z.strictObject({ total: z.number(), byKind: z.record(z.string(), z.number()) }),
  departments: z.array(z.strictObject({ departmentId: z.string().nullable(), inspected: z.number(), pass: z.number(), fail: z.number() })),
  items: z.array(z.strictObject({ itemId: z.string(), label: z.string(), pass: z.number(), fail: z.number(), rate: z.number().nullable() })),
  repeatOffenders: z.array(z.strictObject({ staffId: z.string(), name: z.string(), failures: z.number() })),
  penalties: z.strictObject({ count: z.number(), total: z.number() }),
  candidates: z.array(z.strictObject({ staffId: z.string(), name: z.string(), passed: z.number() })),
  star: z.strictObject({ staffId: z.string(), name: z.string(), reason: z.string(), chosenBy: z.string(), chosenAt: z.string() }).nullable(),
});
export type MonthSummary = z.infer<typeof monthSummaryView>;

export type { ItemSex };
