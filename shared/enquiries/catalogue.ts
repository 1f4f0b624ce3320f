import { z } from 'zod';
import { docMeta, requiredText, text } from '../doc';
import { ALL_CLINICS } from '../reference/calendar';

/**
 * The service catalogue (项目目录, issue 14; seed 003 客服规章制度 4: 「把握…專家特長、技術工程、儀器設備、
 * 收費價格…適時更相關資料，做到準確無誤」): the items the chain offers, each with its category, the
 * department that does it, an indicative price range and the doctors who do it. Head office keeps
 * it as one document in the `reference` database (`service-catalogue`, clinic `*`), written whole
 * like a year's calendar, so every clinic's desks pull one consistent version. The door's 就诊意向,
 * bookings and enquiries pick from it; free text stays possible.
 */
export const CATALOGUE_ID = 'service-catalogue';
export const CATALOGUE_SCHEMA_VERSION = 1;
export const MAX_CATALOGUE_ITEMS = 300;

const yuan = z.number().int({ error: 'whole yuan' }).min(0, { error: 'cannot be negative' }).max(10_000_000);

export const serviceItem = z
  .strictObject({
    /** Stable across versions (`svc-<n>`), so a renamed item stays the same item. */
    id: z.string().regex(/^svc-[0-9a-z]{1,24}$/, { error: 'svc- and up to 24 lower-case letters or digits' }),
    name: requiredText(40),
    /** 手术 / 非手术 / 皮肤 … as head office groups them. */
    category: requiredText(20),
    /** The department's name as the clinics call it (整形外科); clinics' department ids differ. */
    department: requiredText(20),
    /** 参考价格 in whole yuan, from–to. */
    priceFrom: yuan,
    priceTo: yuan,
    /** 专家特长: the doctors who do it (names; a doctor works at several clinics). */
    doctors: z.array(requiredText(20)).max(20),
    note: text(200),
    active: z.boolean(),
  })
  .refine((i) => i.priceTo >= i.priceFrom, { error: 'must not be below the lower price', path: ['priceTo'] });
export type ServiceItem = z.infer<typeof serviceItem>;

function refineItems(items: readonly ServiceItem[], ctx: z.RefinementCtx, path: (string | number)[]) {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (ids.has(item.id)) ctx.addIssue({ code: 'custom', path: [...path, i, 'id'], message: 'listed twice' });
    if (names.has(item.name)) ctx.addIssue({ code: 'custom', path: [...path, i, 'name'], message: `${item.name} is listed twice` });
    ids.add(item.id);
    names.add(item.name);
  }
}

export const catalogueSaveInput = z
  .strictObject({
    items: z.array(serviceItem).max(MAX_CATALOGUE_ITEMS),
    /** The version the editor started from (0: none yet); another save since → conflict. */
    baseVersion: z.number().int().min(0),
  })
  .superRefine((v, ctx) => refineItems(v.items, ctx, ['items']));
export type CatalogueSaveInput = z.input<typeof catalogueSaveInput>;

export const catalogueDocSchema = z
  .strictObject({
    ...docMeta,
    _id: z.literal(CATALOGUE_ID),
    type: z.literal('service-catalogue'),
    clinic: z.literal(ALL_CLINICS),
    version: z.number().int().min(1),
    items: z.array(serviceItem).max(MAX_CATALOGUE_ITEMS),
  })
  .superRefine((d, ctx) => refineItems(d.items, ctx, ['items']));
export type CatalogueDoc = z.infer<typeof catalogueDocSchema>;

export const catalogueView = z.strictObject({
  /** 0 while head office has saved none (this desk has not received one). */
  version: z.number(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  items: z.array(serviceItem),
});
export type CatalogueView = z.infer<typeof catalogueView>;

export const catalogueGetInput = z.strictObject({
  /** Leave out the items head office retired (the pick lists); the editor asks for all. */
  activeOnly: z.boolean().default(true),
});

/** The pick's matches: what a typed text finds in the catalogue (name, category or doctor). */
export function catalogueMatches(items: readonly ServiceItem[], query: string, limit = 10): ServiceItem[] {
  const q = query.trim().toLowerCase();
  if (!q) return items.slice(0, limit);
  return items.filter((i) => i.name.toLowerCase().includes(q) || i.category.toLowerCase().includes(q) || i.doctors.some((d) => d.includes(q))).slice(0, limit);
}
