import type { Db } from '../store/pouch';
import { ApiError } from '../../shared/errors';
import { teaRefusals } from '../../shared/tea/refusals';
import { HEAD_OFFICE_CODE } from '../../shared/reference/schemas';
import type { TeaEventDoc, TeaPartyDoc, TeaSettingsDoc, TeaTemplateDoc, TemplateView } from '../../shared/tea/schemas';
import { DEFAULT_DRINKS, DEFAULT_REFILL_MINUTES, defaultTeaChecklist, newItemId, type TemplateItem } from '../../shared/tea/rules';
import { newMeta } from '../store/meta';
import { teaEventDocs, teaPartyDocs, teaSettingsDocs, teaTemplateDocs } from '../../shared/tea/docs';
import { ofDay } from '../visits/repo';
import { getOrNull } from '../store/get';

/** Repository of tea service: events and parties by day, the checklist versions, the settings. */

export const teaEventsOfDay = (db: Db, clinic: string, date: string) => ofDay<TeaEventDoc>(db, teaEventDocs, clinic, date);
export const partiesOfDay = (db: Db, clinic: string, date: string) => ofDay<TeaPartyDoc>(db, teaPartyDocs, clinic, date);

/** Version 0 is the regulations' checklist built into the app: it is never stored. */
export const builtInTemplateId = (clinic: string) => teaTemplateDocs.id(clinic, 0);

export async function templateVersions(db: Db, clinic: string): Promise<TeaTemplateDoc[]> {
  const res = await db.allDocs<TeaTemplateDoc>({ include_docs: true, ...teaTemplateDocs.range(clinic) });
  return res.rows.flatMap((r) => (r.doc && r.doc.type === 'tea-template' ? [r.doc] : [])).sort((a, b) => a.version - b.version);
}

export async function currentTemplate(db: Db, clinic: string, names: Map<string, string>): Promise<TemplateView> {
  const latest = (await templateVersions(db, clinic)).at(-1);
  if (!latest) return { id: builtInTemplateId(clinic), version: 0, items: defaultTeaChecklist, savedAt: null, savedByName: null };
  // Head office's people never reach a clinic: a version head office saved shows as 集团总部 there.
  const byHeadOffice = latest.createdBy.startsWith(`staff:${HEAD_OFFICE_CODE}:`) ? '集团总部' : latest.createdBy;
  return { id: latest._id, version: latest.version, items: latest.items, savedAt: latest.createdAt, savedByName: names.get(latest.createdBy) ?? byHeadOffice };
}

/** Who saves a version: the operator's id goes on the document, the name into the answer. */
export interface TemplateAuthor {
  _id: string;
  name: string;
}

export interface TeaTemplateEdit {
  /** The items in order; an item keeps its id when edited, a new one has id null. */
  items: { id: string | null; text: string }[];
  /** The version the edit was made from (a stale edit is refused); null = on top of whatever is current (a roll-out). */
  baseVersion: number | null;
}

/**
 * A new version of a clinic's serving checklist, written whole as one new document in `db` — the
 * desk's own store, or (head office) the clinic's database on the server — on top of the clinic's
 * current version. Item ids must be items of an earlier version (or of `accept`, the ids head
 * office carries over from the clinic it edited); new items get fresh ids. Refusals name the field
 * and write nothing; a version written meanwhile by someone else makes the put fail (409).
 */
export async function saveTeaTemplate(db: Db, clinic: string, by: TemplateAuthor, now: Date, edit: TeaTemplateEdit, accept: ReadonlySet<string> = new Set()): Promise<TemplateView> {
  const versions = await templateVersions(db, clinic);
  const currentVersion = versions.at(-1)?.version ?? 0;
  if (edit.baseVersion !== null && edit.baseVersion !== currentVersion)
    throw new ApiError({ ...teaRefusals.refuse('conflict', 'baseVersion', 'versionSaved', { current: currentVersion }, `baseVersion: version ${currentVersion} was saved meanwhile; reload`).toBody(), detail: { current: String(currentVersion) } });
  const known = new Set([...defaultTeaChecklist, ...versions.flatMap((v) => v.items)].map((i) => i.id));
  const used = new Set<string>();
  const items: TemplateItem[] = [];
  for (const [index, item] of edit.items.entries()) {
    if (item.id !== null && !known.has(item.id) && !accept.has(item.id)) throw teaRefusals.refuse('invalid_input', `items.${index}.id`, 'itemNotEarlier', {}, `items.${index}.id: not an item of an earlier version`);
    if (item.id !== null && used.has(item.id)) throw teaRefusals.refuse('invalid_input', `items.${index}.id`, 'itemTwice', {}, `items.${index}.id: listed twice`);
    const id = item.id ?? newItemId(new Set([...known, ...accept, ...used]));
    used.add(id);
    items.push({ id, text: item.text });
  }
  const version = currentVersion + 1;
  const doc: TeaTemplateDoc = { ...newMeta('tea-template', teaTemplateDocs.id(clinic, version), clinic, by._id, now), type: 'tea-template', version, items };
  await db.put(doc);
  return { id: doc._id, version, items, savedAt: doc.createdAt, savedByName: by.name };
}

export async function teaSettings(db: Db, clinic: string): Promise<TeaSettingsDoc | null> {
  const doc = await getOrNull<TeaSettingsDoc>(db, teaSettingsDocs.id(clinic));
  return doc && doc.type === 'tea-settings' ? doc : null;
}

/** The clinic's tea settings as the screens read them. */
export async function settingsView(db: Db, clinic: string): Promise<{ refillMinutes: number; drinks: string[] }> {
  const doc = await teaSettings(db, clinic);
  return { refillMinutes: doc?.refillMinutes ?? DEFAULT_REFILL_MINUTES, drinks: doc?.drinks ?? [...DEFAULT_DRINKS] };
}

export async function refillMinutes(db: Db, clinic: string): Promise<number> {
  return (await teaSettings(db, clinic))?.refillMinutes ?? DEFAULT_REFILL_MINUTES;
}

/** The customers' last drinks (newest order), through the tea view. */
export async function lastDrinks(db: Db, customerIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of customerIds) {
    const res = await db.query('tea/drinks_by_customer', { startkey: [id, '\ufff0'], endkey: [id], descending: true, limit: 1 });
    const row = res.rows[0];
    if (row && typeof row.value === 'string') out.set(id, row.value);
  }
  return out;
}
