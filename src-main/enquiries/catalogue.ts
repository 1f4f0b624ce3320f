import { enquiriesRefusals } from '../../shared/enquiries/refusals';
import { CATALOGUE_ID, CATALOGUE_SCHEMA_VERSION, catalogueDocSchema, type CatalogueDoc, type CatalogueView } from '../../shared/enquiries/catalogue';
import type { Handlers } from '../api/types';
import type { Db } from '../store/pouch';
import { saveVersioned } from '../store/meta';
import { getOrNull } from '../store/get';

/** The catalogue this desk has (pulled from `reference`), or null before head office saved one. */
export async function storedCatalogue(db: Db): Promise<CatalogueDoc | null> {
  const doc = await getOrNull<CatalogueDoc>(db, CATALOGUE_ID);
  if (!doc) return null;
  const { _rev: _r, ...rest } = doc as CatalogueDoc & { _rev?: string };
  const parsed = catalogueDocSchema.safeParse(rest);
  return parsed.success ? parsed.data : null;
}

function view(doc: CatalogueDoc | null, activeOnly: boolean): CatalogueView {
  if (!doc) return { version: 0, updatedAt: null, updatedBy: null, items: [] };
  return { version: doc.version, updatedAt: doc.updatedAt, updatedBy: doc.updatedBy, items: activeOnly ? doc.items.filter((i) => i.active) : doc.items };
}

/**
 * The service catalogue (docs/enquiries.md "Service catalogue"): every desk reads its pulled copy;
 * head office writes a new version whole into its own store, and its push carries it to
 * `reference` (a `clinic: '*'` document), from which every clinic's desks pull it.
 */
export const catalogueHandlers: Pick<Handlers, 'catalogue.get' | 'headoffice.catalogueSave'> = {
  async 'catalogue.get'(ctx, input) {
    return view(await storedCatalogue(ctx.db), input.activeOnly);
  },

  async 'headoffice.catalogueSave'(ctx, input) {
    // Kept for history: an item saved before is retired (active off), never removed; the order is the list's.
    const stored = await storedCatalogue(ctx.db);
    const ids = new Set(input.items.map((i) => i.id));
    const removed = stored?.items.find((i) => !ids.has(i.id));
    if (removed) throw enquiriesRefusals.refuse('invalid_input', 'items', 'catalogueItemRemoved', { name: removed.name }, `items: ${removed.name} (${removed.id}) was saved before: retire it (active off) instead`);
    const doc = await saveVersioned<CatalogueDoc>(ctx, { _id: CATALOGUE_ID, type: 'service-catalogue', schemaVersion: CATALOGUE_SCHEMA_VERSION }, input.baseVersion, { items: input.items }, (current) =>
      enquiriesRefusals.refuse('conflict', 'baseVersion', 'catalogueSaved', { current }, `baseVersion: the catalogue is at version ${current} now (saved meanwhile); reload and edit again`),
    );
    return view(doc, false);
  },
};
