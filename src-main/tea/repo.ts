import type { Db } from '../store/pouch';
import type { TeaEventDoc, TeaPartyDoc, TeaSettingsDoc, TeaTemplateDoc, TemplateView } from '../../shared/tea/schemas';
import { DEFAULT_REFILL_MINUTES, defaultTeaChecklist } from '../../shared/tea/rules';
import { ofDay } from '../visits/repo';

/** Repository of tea service: events and parties by day, the checklist versions, the settings. */

export const teaEventsOfDay = (db: Db, clinic: string, date: string) => ofDay<TeaEventDoc>(db, 'tea-event', clinic, date);
export const partiesOfDay = (db: Db, clinic: string, date: string) => ofDay<TeaPartyDoc>(db, 'tea-party', clinic, date);

/** Version 0 is the regulations' checklist built into the app: it is never stored. */
export const builtInTemplateId = (clinic: string) => `tea-template:${clinic}:v0`;

export async function templateVersions(db: Db, clinic: string): Promise<TeaTemplateDoc[]> {
  const res = await db.allDocs<TeaTemplateDoc>({ include_docs: true, startkey: `tea-template:${clinic}:v`, endkey: `tea-template:${clinic}:v\ufff0` });
  return res.rows.flatMap((r) => (r.doc && r.doc.type === 'tea-template' ? [r.doc] : [])).sort((a, b) => a.version - b.version);
}

export async function currentTemplate(db: Db, clinic: string, names: Map<string, string>): Promise<TemplateView> {
  const latest = (await templateVersions(db, clinic)).at(-1);
  if (!latest) return { id: builtInTemplateId(clinic), version: 0, items: defaultTeaChecklist, savedAt: null, savedByName: null };
  return { id: latest._id, version: latest.version, items: latest.items, savedAt: latest.createdAt, savedByName: names.get(latest.createdBy) ?? latest.createdBy };
}

export async function teaSettings(db: Db, clinic: string): Promise<TeaSettingsDoc | null> {
  const doc = await db.get<TeaSettingsDoc>(`tea-settings:${clinic}`).catch(() => null);
  return doc && doc.type === 'tea-settings' ? doc : null;
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
