import { ApiError } from '../../shared/errors';
import { newIdTail } from '../../shared/ids';
import { HEAD_OFFICE_CODE } from '../../shared/headoffice/schemas';
import { HEAD_OFFICE_ITEM_PREFIX, itemsForTarget, type RolloutResult } from '../../shared/headoffice/templates';
import { defaultTeaChecklist } from '../../shared/tea/rules';
import { templateProblem } from '../../shared/inspection/rules';
import { inspectionRefusals } from '../../shared/inspection/refusals';
import type { Handlers } from '../api/types';
import type { OperatorContext } from '../api/context';
import type { Db } from '../store/pouch';
import { listStaff } from '../reference/repo';
import { currentTemplate, saveTeaTemplate, templateVersions } from '../tea/repo';
import { latestTemplates, saveInspectionTemplate, templateOut } from '../inspection/repo';
import { inClinicDb, pulledClinic, requirePulledClinic } from './online';
import { inspectionTemplateDocs } from '../../shared/inspection/docs';
import { headofficeRefusals } from '../../shared/headoffice/refusals';

const no = headofficeRefusals.refuse;

type Ops = 'headoffice.templates' | 'headoffice.teaTemplateSave' | 'headoffice.inspectionTemplateSave';

/** Names of the clinic's people and of head office's own (who saved a version). */
async function authorNames(ctx: OperatorContext, clinic: string): Promise<Map<string, string>> {
  const [theirs, ours] = await Promise.all([listStaff(ctx.db, clinic), listStaff(ctx.db, HEAD_OFFICE_CODE)]);
  return new Map([...theirs, ...ours].map((s) => [s._id, s.name]));
}

/** The targets, each a clinic that has reached head office (named by its index when not). */
async function requireTargets(ctx: OperatorContext, from: string, targets: string[]) {
  if (!(await pulledClinic(ctx, from))) throw no('not_found', 'from', 'noSuchClinic', { code: from }, `from: no clinic ${from} has reached head office`);
  const clinics = [];
  for (const [i, code] of targets.entries()) {
    const clinic = await pulledClinic(ctx, code);
    if (!clinic) throw no('not_found', `targets.${i}`, 'noSuchClinic', { code }, `targets.${i}: no clinic ${code} has reached head office`);
    clinics.push(clinic);
  }
  return clinics;
}

/** How many clinics' databases a roll-out writes to at once. */
const ROLLOUT_PARALLEL = 4;

/**
 * Writes one clinic's new version in each target, a few clinics at a time. A refusal or failure
 * in one clinic is reported for that clinic and the others go on; each clinic's version is a
 * single document, so a clinic has the whole new version or none. With a single target its
 * refusal is the answer (as head office's other online edits answer).
 */
async function rollOut(ctx: OperatorContext, clinics: { code: string; name: string }[], write: (remote: Db, code: string) => Promise<{ id: string; version: number }>) {
  const one = async (clinic: { code: string; name: string }): Promise<RolloutResult> => {
    try {
      const saved = await inClinicDb(ctx, clinic.code, (remote) => write(remote, clinic.code));
      return { clinic: clinic.code, name: clinic.name, ok: true, version: saved.version, id: saved.id, code: null, field: null, message: null, rule: null, params: null };
    } catch (err) {
      if (!(err instanceof ApiError) || clinics.length === 1) throw err;
      // The clinic's refusal keyed by its rule and facts: the screen reads it in Chinese (the message stays for logs).
      return { clinic: clinic.code, name: clinic.name, ok: false, version: null, id: null, code: err.code, field: err.field ?? null, message: err.message, rule: err.rule ?? null, params: err.params ?? null };
    }
  };
  const results: RolloutResult[] = [];
  for (let i = 0; i < clinics.length; i += ROLLOUT_PARALLEL) results.push(...(await Promise.all(clinics.slice(i, i + ROLLOUT_PARALLEL).map(one))));
  return { results };
}

/** Head office's checklists: read a clinic's, roll a new version out to one clinic or many (issue 8). */
export const templateHandlers: Pick<Handlers, Ops> = {
  async 'headoffice.templates'(ctx, input) {
    const clinic = await requirePulledClinic(ctx, input.clinic);
    const names = await authorNames(ctx, clinic.code);
    const [tea, inspection] = await Promise.all([currentTemplate(ctx.db, clinic.code, names), latestTemplates(ctx.db, clinic.code)]);
    return {
      clinic: clinic.code,
      name: clinic.name,
      tea,
      inspection: inspection.map((t) => {
        const view = templateOut(t);
        return { ...view, createdByName: view.createdBy ? (names.get(view.createdBy) ?? view.createdBy) : null };
      }),
    };
  },

  async 'headoffice.teaTemplateSave'(ctx, input) {
    const clinics = await requireTargets(ctx, input.from, input.targets);
    // The ids of the edited checklist are those of `from` (as head office has it), checked as its desk checks them.
    const fromVersions = await templateVersions(ctx.db, input.from);
    const fromTexts = new Map<string, string>();
    for (const item of [...defaultTeaChecklist, ...fromVersions.flatMap((v) => v.items)]) fromTexts.set(item.id, item.text);
    const seen = new Set<string>();
    for (const [i, item] of input.items.entries()) {
      if (item.id === null) continue;
      if (!fromTexts.has(item.id)) throw no('invalid_input', `items.${i}.id`, 'notItemOf', { code: input.from }, `items.${i}.id: not an item of ${input.from}'s checklist`);
      if (seen.has(item.id)) throw no('invalid_input', `items.${i}.id`, 'listedTwice', {}, `items.${i}.id: listed twice`);
      seen.add(item.id);
    }
    const now = ctx.now();
    const freshId = () => `${HEAD_OFFICE_ITEM_PREFIX}${newIdTail(now)}`;
    // A new item has the same id in every clinic it reaches.
    const items = input.items.map((item) => ({ id: item.id ?? freshId(), text: item.text }));
    const shared = new Set(defaultTeaChecklist.map((i) => i.id));
    return rollOut(ctx, clinics, async (remote, code) => {
      const targetTexts = new Map<string, string>();
      for (const v of code === input.from ? [] : await templateVersions(remote, code)) for (const item of v.items) targetTexts.set(item.id, item.text);
      const theirs = code === input.from ? items : itemsForTarget(items, shared, fromTexts, targetTexts, freshId);
      const baseVersion = code === input.from ? input.baseVersion : null;
      return saveTeaTemplate(remote, code, ctx.operator, now, { items: theirs, baseVersion }, new Set(theirs.map((i) => i.id)));
    });
  },

  async 'headoffice.inspectionTemplateSave'(ctx, input) {
    const clinics = await requireTargets(ctx, input.from, input.targets);
    if (!(await latestTemplates(ctx.db, input.from)).some((t) => t.key === input.key))
      throw no('not_found', 'key', 'noSuchChecklist', { code: input.from, key: input.key }, `key: ${input.from} has no checklist ${input.key}`);
    const problem = templateProblem(input.items);
    if (problem) throw inspectionRefusals.refuse('invalid_input', problem.field, problem.rule, problem.params, `${problem.field}: ${problem.message}`);
    const now = ctx.now();
    return rollOut(ctx, clinics, async (remote, code) => {
      const saved = await saveInspectionTemplate(remote, code, ctx.operator._id, now, {
        key: input.key,
        name: input.name,
        items: input.items,
        baseVersion: code === input.from ? input.baseVersion : null,
      });
      return { id: inspectionTemplateDocs.id(code, saved.key, saved.version), version: saved.version };
    });
  },
};
