import { z } from 'zod';
import { clinicCode, HEAD_OFFICE_CODE } from '../reference/schemas';
import { saveTemplateInput as teaSaveInput, templateView as teaTemplateView } from '../tea/schemas';
import { saveTemplateInput as inspectionSaveInput, templateView as inspectionTemplateView } from '../inspection/schemas';

/**
 * The clinics' checklists as head office edits them (issue 8): the tea serving checklist
 * (`tea-template:<CODE>:v<n>`) and the inspection checklists (`inspection-template:<CODE>:<key>:v<n>`).
 * Head office reads a clinic's current versions from its consolidated copy, edits one of them, and
 * writes the result as a new version — in that clinic alone, or in several or all clinics at once
 * (a roll-out). Each clinic's version is one new document in the clinic's own database.
 */

export const templatesInput = z.strictObject({ clinic: clinicCode });

/** A clinic's current checklists, with who saved each version (a head-office person's name too). */
export const clinicTemplates = z.strictObject({
  clinic: z.string(),
  name: z.string(),
  tea: teaTemplateView,
  inspection: z.array(inspectionTemplateView.extend({ createdByName: z.string().nullable() })),
});
export type ClinicTemplates = z.infer<typeof clinicTemplates>;

/** The clinics that receive the new version: at least one, each once, never head office itself. */
const targets = z
  .array(clinicCode)
  .min(1, { error: 'choose at least one clinic' })
  .max(60)
  .superRefine((codes, ctx) => {
    codes.forEach((code, i) => {
      if (code === HEAD_OFFICE_CODE) ctx.addIssue({ code: 'custom', path: [i], message: 'head office has no checklists of its own; choose a clinic' });
      else if (codes.indexOf(code) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `${code} is listed twice` });
    });
  });

const rollout = {
  /** The clinic whose checklist was edited: its item ids are the ones carried over. */
  from: clinicCode,
  /** The version of `from`'s checklist that was edited: if `from` is a target and saved meanwhile, its save is refused. */
  baseVersion: z.number().int().min(0).max(100_000),
  targets,
};

export const teaTemplateSaveInput = z.strictObject({ items: teaSaveInput.shape.items, ...rollout });
export type TeaTemplateSaveInput = z.input<typeof teaTemplateSaveInput>;

export const inspectionTemplateSaveInput = z.strictObject({ key: inspectionSaveInput.shape.key, name: inspectionSaveInput.shape.name, items: inspectionSaveInput.shape.items, ...rollout });
export type InspectionTemplateSaveInput = z.input<typeof inspectionTemplateSaveInput>;

/** What happened in each target clinic: its new version, or why nothing was written there. */
export const rolloutResult = z.strictObject({
  clinic: z.string(),
  name: z.string(),
  ok: z.boolean(),
  version: z.number().nullable(),
  id: z.string().nullable(),
  code: z.string().nullable(),
  field: z.string().nullable(),
  /** English, for logs; the screen reads `rule` with `params` (the refusal's Chinese text). */
  message: z.string().nullable(),
  rule: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
});
export type RolloutResult = z.infer<typeof rolloutResult>;
export const rolloutResults = z.strictObject({ results: z.array(rolloutResult) });
export type RolloutResults = z.infer<typeof rolloutResults>;

/** Ids that mean the same item in every clinic: the regulations' defaults and head office's own (`ho-…`). */
export const HEAD_OFFICE_ITEM_PREFIX = 'ho-';

/**
 * The tea items a target clinic receives of a checklist edited from clinic `from`'s version.
 * Default items and head office's items (`ho-…`) keep their ids everywhere. A clinic's own item
 * (numbered per clinic, `item-<n>`) keeps its id in another clinic when that clinic never had the
 * id, or had it with the same latest text (it came from an earlier roll-out); when that clinic's
 * own item of the same id says something else, the target gets it under a fresh id, so the
 * target's history of its own item is not relabelled.
 */
export function itemsForTarget(
  items: readonly { id: string; text: string }[],
  shared: ReadonlySet<string>,
  fromTexts: ReadonlyMap<string, string>,
  targetTexts: ReadonlyMap<string, string>,
  freshId: () => string,
): { id: string; text: string }[] {
  return items.map((item) => {
    if (shared.has(item.id) || item.id.startsWith(HEAD_OFFICE_ITEM_PREFIX)) return item;
    const there = targetTexts.get(item.id);
    if (there === undefined || there === fromTexts.get(item.id)) return item;
    return { id: freshId(), text: item.text };
  });
}
