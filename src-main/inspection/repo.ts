import type { Db } from '../store/pouch';
import { inspectionRefusals } from '../../shared/inspection/refusals';
import type { CorrectionDoc, InspectionDoc, InspectionSettingsDoc, PenaltyCorrectionDoc, PenaltyDoc, ResultDoc, StarDoc, TemplateDoc, TemplateView } from '../../shared/inspection/schemas';
import { defaultPenaltySettings, nextTemplateVersion, templateProblem, type Finding, type InspectionKind, type Mark, type PenaltySettings } from '../../shared/inspection/rules';
import { defaultTemplates, type TemplateItem } from '../../shared/inspection/templates';
import { newMeta } from '../store/meta';
import { getOrNull } from '../store/get';
import type { IdRange } from '../../shared/doc';
import { datesRange, inspectionCorrectionDocs, inspectionDocs, inspectionPenaltyCorrectionDocs, inspectionPenaltyDocs, inspectionResultDocs, inspectionSettingsDocs, inspectionTemplateDocs, serviceStarDocs } from '../../shared/inspection/docs';

/** Repository of the inspections. Ids say what a record is, so most reads are id ranges. */

export { tailOf } from '../../shared/inspection/docs';

async function range<T>(db: Db, ids: IdRange): Promise<T[]> {
  const res = await db.allDocs<T>({ include_docs: true, ...ids });
  return res.rows.flatMap((r) => (r.doc ? [r.doc as T] : []));
}

export async function getDoc<T extends { type: string }>(db: Db, id: string, type: T['type']): Promise<T | null> {
  const doc = await getOrNull<T>(db, id);
  return doc && doc.type === type ? doc : null;
}

export async function readSettings(db: Db, clinic: string): Promise<{ doc: InspectionSettingsDoc | null; settings: PenaltySettings }> {
  const doc = await getDoc<InspectionSettingsDoc>(db, inspectionSettingsDocs.id(clinic), 'inspection-settings');
  if (!doc) return { doc, settings: defaultPenaltySettings };
  const settings: PenaltySettings = { penaltyWindowMonths: doc.penaltyWindowMonths, flatAmount: doc.flatAmount, flatKinds: doc.flatKinds };
  if (doc.repeatCounting) settings.repeatCounting = doc.repeatCounting;
  return { doc, settings };
}

/** The latest version of every checklist: the clinic's newest edit, else the shipped default (version 0). */
export async function latestTemplates(db: Db, clinic: string): Promise<(TemplateDoc | { key: string; version: 0; name: string; items: TemplateDoc['items']; builtIn: true })[]> {
  const docs = await range<TemplateDoc>(db, inspectionTemplateDocs.range(clinic));
  const latest = new Map<string, TemplateDoc>();
  for (const d of docs) if (d.type === 'inspection-template' && (latest.get(d.key)?.version ?? -1) < d.version) latest.set(d.key, d);
  const out: Awaited<ReturnType<typeof latestTemplates>> = [];
  for (const t of defaultTemplates) out.push(latest.get(t.key) ?? { key: t.key, version: 0, name: t.name, items: t.items, builtIn: true });
  for (const d of latest.values()) if (!defaultTemplates.some((t) => t.key === d.key)) out.push(d);
  return out;
}

export function templateOut(t: Awaited<ReturnType<typeof latestTemplates>>[number]): TemplateView {
  if ('builtIn' in t) return { key: t.key, version: 0, name: t.name, items: t.items, builtIn: true, basedOn: 'default', createdAt: null, createdBy: null };
  return { key: t.key, version: t.version, name: t.name, items: t.items, builtIn: false, basedOn: t.basedOn, createdAt: t.createdAt, createdBy: t.createdBy };
}

export interface InspectionTemplateEdit {
  key: string;
  name: string;
  items: TemplateItem[];
  /** The version the edit was made from (a stale edit is refused); null = on top of whatever is current (a roll-out). */
  baseVersion: number | null;
}

/**
 * A new version of one of a clinic's checklists, written whole as one new document in `db` — the
 * desk's own store, or (head office) the clinic's database on the server — on top of the clinic's
 * current version of that key. Refusals name the field and write nothing; a version written
 * meanwhile by someone else makes the put fail (409).
 */
export async function saveInspectionTemplate(db: Db, clinic: string, by: string, now: Date, edit: InspectionTemplateEdit): Promise<TemplateView> {
  const problem = templateProblem(edit.items);
  if (problem) throw inspectionRefusals.refuse('invalid_input', problem.field, problem.rule, problem.params, `${problem.field}: ${problem.message}`);
  const latest = (await latestTemplates(db, clinic)).find((t) => t.key === edit.key);
  const current = latest?.version ?? 0;
  if (edit.baseVersion !== null && edit.baseVersion !== current)
    throw inspectionRefusals.refuse('conflict', 'baseVersion', 'versionSaved', { current }, `baseVersion: the checklist is at version ${current} now; reload and edit that`);
  const version = nextTemplateVersion([current]);
  const doc: TemplateDoc = {
    ...newMeta('inspection-template', inspectionTemplateDocs.id(clinic, edit.key, version), clinic, by, now),
    type: 'inspection-template',
    key: edit.key,
    version,
    name: edit.name,
    items: edit.items,
    basedOn: latest ? ('builtIn' in latest ? `default:${edit.key}` : latest._id) : 'new',
  };
  await db.put(doc);
  return templateOut(doc);
}

export async function inspectionsBetween(db: Db, clinic: string, from: string, to: string): Promise<InspectionDoc[]> {
  return (await range<InspectionDoc>(db, inspectionDocs.range(clinic, from, to))).filter((d) => d.type === 'inspection');
}

export async function resultsOf(db: Db, i: InspectionDoc): Promise<ResultDoc[]> {
  return range<ResultDoc>(db, inspectionResultDocs.range(i));
}

export async function penaltiesOf(db: Db, i: InspectionDoc): Promise<PenaltyDoc[]> {
  return range<PenaltyDoc>(db, inspectionPenaltyDocs.range(i));
}

export async function penaltyCorrectionsOf(db: Db, i: InspectionDoc): Promise<PenaltyCorrectionDoc[]> {
  return range<PenaltyCorrectionDoc>(db, inspectionPenaltyCorrectionDocs.range(i));
}

/** The decisions as they count: each with its latest correction's measure and amounts (issue 21). */
export function effectivePenalties(penalties: PenaltyDoc[], corrections: PenaltyCorrectionDoc[]): PenaltyDoc[] {
  const latest = new Map<string, PenaltyCorrectionDoc>();
  for (const c of [...corrections].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a._id.localeCompare(b._id))) latest.set(c.penaltyId, c);
  return penalties.map((p) => {
    const c = latest.get(p._id);
    return c ? { ...p, measure: c.measure, amount: c.amount, supervisorAmount: c.supervisorAmount, deptHeadAmount: c.deptHeadAmount } : p;
  });
}

export async function correctionsOf(db: Db, i: InspectionDoc): Promise<CorrectionDoc[]> {
  return range<CorrectionDoc>(db, inspectionCorrectionDocs.range(i));
}

/** Inspections, results, penalties and corrections of the clinic days `from`–`to` (ids start with the date). */
export async function recordsBetween(db: Db, clinic: string, from: string, to: string) {
  const between = <T>(type: string) => range<T>(db, datesRange(type, clinic, from, to));
  const [inspections, results, decided, corrections, penaltyCorrections] = await Promise.all([
    between<InspectionDoc>('inspection'),
    between<ResultDoc>('inspection-result'),
    between<PenaltyDoc>('inspection-penalty'),
    between<CorrectionDoc>('inspection-correction'),
    between<PenaltyCorrectionDoc>('inspection-penalty-correction'),
  ]);
  // Penalties as they count: a lead's correction replaces the decided measure and amounts.
  return { inspections, results, penalties: effectivePenalties(decided, penaltyCorrections), corrections };
}

/** The same for a month, with the month's 服务之星. */
export async function monthRecords(db: Db, clinic: string, month: string) {
  const [records, star] = await Promise.all([recordsBetween(db, clinic, `${month}-01`, `${month}-31`), getDoc<StarDoc>(db, serviceStarDocs.id(clinic, month), 'service-star')]);
  return { ...records, star };
}

/**
 * The marks of results with the corrections applied (the latest correction of an item wins).
 * Signed results never change; this is how a correction shows.
 */
export function effectiveMark(result: { inspectionId: string; staffId: string }, itemId: string, mark: Mark, corrections: CorrectionDoc[]): Mark {
  let out = mark;
  let at = '';
  for (const c of corrections) {
    if (c.inspectionId === result.inspectionId && c.staffId === result.staffId && c.itemId === itemId && c.createdAt >= at) {
      out = c.mark;
      at = c.createdAt;
    }
  }
  return out;
}

interface FindingRow {
  key: [string, string, string];
  value: { inspectionId: string; kind: InspectionKind; mark: Mark; at: string; correction?: boolean };
}

/** Failures of one staff member on one item — or, with `itemId` null, on every item — (corrections applied), through the findings view. */
export async function failuresOf(db: Db, staffId: string, itemId: string | null): Promise<Finding[]> {
  const res = await db.query('inspection/findings', itemId === null ? { startkey: [staffId], endkey: [staffId, {}] } : { startkey: [staffId, itemId, ''], endkey: [staffId, itemId, '\ufff0'] });
  const byFinding = new Map<string, { row: FindingRow; failed: boolean; at: string }>();
  for (const raw of res.rows as unknown as FindingRow[]) {
    const v = raw.value;
    const key = `${v.inspectionId} ${raw.key[1]}`;
    const prev = byFinding.get(key);
    // The result's own mark first, then corrections in time order.
    if (!prev || (v.correction && v.at >= prev.at)) byFinding.set(key, { row: raw, failed: v.mark === 'fail', at: v.correction ? v.at : (prev?.at ?? '') });
  }
  return [...byFinding.values()].filter((e) => e.failed).map((e) => ({ inspectionId: e.row.value.inspectionId, date: e.row.key[2], kind: e.row.value.kind, staffId, itemId: e.row.key[1] }));
}
