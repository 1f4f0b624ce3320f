import { cleaningCheckDocs, cleaningPlanDocs } from '../../shared/staff/docs';
import { newIdTail } from '../../shared/ids';
import { clinicDate, daysBetween, mondayWeek } from '../../shared/time';
import { staffRefusals } from '../../shared/staff/refusals';
import type { CleaningDayView } from '../../shared/staff/schemas';
import type { z } from 'zod';
import type * as docs from '../../shared/staff/docSchemas';
import type { ClinicDoc } from '../../shared/reference/schemas';
import type { Handlers } from '../api/types';
import type { OperatorContext } from '../api/context';
import { serialised } from '../store/serial';
import { newMeta, touched, upserted } from '../store/meta';
import { editsView, writeEdit } from './records';
import { getOrNull } from '../store/get';
import { listStaff, requireClinic } from '../reference/repo';

/**
 * 卫生值日表 (seed 003 三、衛生): 嚴格執行衛生值日制度,依據衛生值日表,值日生應提前到辦公室,在每天上午8:50之前
 * 做好責任區域內的衛生清潔,交由主管檢查 … 每周六進行集體掃除. The plan names who cleans each area on
 * each weekday; the supervisor (a lead) ticks each area on a small checklist, like the tea service:
 * every area ticked or noted.
 */
type Ops = 'cleaning.plan' | 'cleaning.savePlan' | 'cleaning.day' | 'cleaning.check' | 'cleaning.edit' | 'cleaning.recheck';

export type CleaningPlanDoc = z.infer<typeof docs.cleaningPlanDoc>;
export type CleaningCheckDoc = z.infer<typeof docs.cleaningCheckDoc>;

/** The before-opening check's deadline, clinic time. */
export const CLEANING_DUE = '08:50';

const planId = cleaningPlanDocs.id;
const checkId = cleaningCheckDocs.id;
/** Monday 0 … Sunday 6. */
const weekday = (date: string) => daysBetween(mondayWeek(date).from, date).length - 1;

async function names(ctx: OperatorContext, clinic: string) {
  return new Map((await listStaff(ctx.db, clinic)).map((s) => [s._id, s.name]));
}

async function planView(ctx: OperatorContext, clinic: ClinicDoc) {
  const [doc, n] = await Promise.all([getOrNull<CleaningPlanDoc>(ctx.db, planId(clinic.code)), names(ctx, clinic.code)]);
  return {
    areas: (doc?.areas ?? []).map((a) => ({ id: a.id, name: a.name, byWeekday: a.byWeekday.map((id) => ({ staffId: id, name: id ? (n.get(id) ?? id) : null })) })),
    updatedBy: doc ? (n.get(doc.updatedBy) ?? doc.updatedBy) : null,
    updatedAt: doc?.updatedAt ?? null,
  };
}

async function dayView(ctx: OperatorContext, clinic: ClinicDoc, date: string): Promise<CleaningDayView> {
  const [plan, n, opening, saturday] = await Promise.all([
    getOrNull<CleaningPlanDoc>(ctx.db, planId(clinic.code)),
    names(ctx, clinic.code),
    getOrNull<CleaningCheckDoc>(ctx.db, checkId(clinic.code, date, 'opening')),
    getOrNull<CleaningCheckDoc>(ctx.db, checkId(clinic.code, date, 'saturday')),
  ]);
  const dueAt = new Date(`${date}T${CLEANING_DUE}:00+08:00`).toISOString();
  const areas = plan?.areas ?? [];
  const areaName = (id: string) => areas.find((a) => a.id === id)?.name ?? id;
  const wd = weekday(date);
  return {
    date,
    dueAt,
    saturday: wd === 5,
    duty: areas.map((a) => {
      const staffId = a.byWeekday[wd] ?? null;
      return { areaId: a.id, name: a.name, staffId, staffName: staffId ? (n.get(staffId) ?? staffId) : null };
    }),
    checks: [opening, saturday].flatMap((c) =>
      c
        ? [
            {
              kind: c.kind,
              checkedBy: n.get(c.createdBy) ?? c.createdBy,
              checkedAt: c.createdAt,
              afterDeadline: c.kind === 'opening' && c.createdAt > dueAt,
              items: c.items.map((i) => {
                const rechecks = (c.rechecks ?? []).filter((r) => r.areaId === i.areaId).map((r) => ({ done: r.done, note: r.note, by: n.get(r.by) ?? r.by, at: r.at }));
                return { ...i, name: areaName(i.areaId), rechecks, passed: rechecks.at(-1)?.done ?? i.done };
              }),
              rev: c._rev ?? '',
              edits: editsView(c.edits, n, areaName),
            },
          ]
        : [],
    ),
  };
}

/** A check's items: each one of `areaIds` (the plan's, or a saved check's own), once, and every area ticked or noted why not. */
function checkItems(items: CleaningCheckDoc['items'], areaIds: string[]) {
  items.forEach((item, i) => {
    if (!areaIds.includes(item.areaId)) throw staffRefusals.refuse('invalid_input', `items.${i}.areaId`, 'areaUnknown');
    if (items.findIndex((x) => x.areaId === item.areaId) !== i) throw staffRefusals.refuse('invalid_input', `items.${i}.areaId`, 'areaTwice');
  });
  const missing = areaIds.filter((id) => !items.some((x) => x.areaId === id && (x.done || x.note.trim())));
  if (missing.length) throw staffRefusals.refuse('invalid_input', 'items', 'checkIncomplete', { missing: missing.length });
}

async function requireCheck(ctx: OperatorContext, clinic: ClinicDoc, date: string, kind: string) {
  const doc = await getOrNull<CleaningCheckDoc>(ctx.db, checkId(clinic.code, date, kind));
  if (!doc) throw staffRefusals.refuse('not_found', 'kind', 'notCheckedYet');
  return doc;
}

export const cleaningHandlers: Pick<Handlers, Ops> = {
  async 'cleaning.plan'(ctx) {
    return planView(ctx, await requireClinic(ctx.db));
  },

  async 'cleaning.savePlan'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const existing = await getOrNull<CleaningPlanDoc>(ctx.db, planId(clinic.code));
      const active = new Set((await listStaff(ctx.db, clinic.code)).filter((s) => s.active).map((s) => s._id));
      const known = new Set((existing?.areas ?? []).map((a) => a.id));
      const areas = input.areas.map((a, i) => {
        if (a.id !== null && !known.has(a.id)) throw staffRefusals.refuse('invalid_input', `areas.${i}.id`, 'areaUnknown');
        if (input.areas.findIndex((b) => b.name === a.name) !== i) throw staffRefusals.refuse('invalid_input', `areas.${i}.name`, 'areaTwice');
        a.byWeekday.forEach((id, d) => {
          if (id !== null && !active.has(id)) throw staffRefusals.refuse('not_found', `areas.${i}.byWeekday.${d}`, 'noSuchStaff');
        });
        // An area keeps its id across saves, so the checks of earlier days still name it.
        return { id: a.id ?? `area-${newIdTail(now)}-${i}`, name: a.name, byWeekday: a.byWeekday };
      });
      const doc = upserted<CleaningPlanDoc, 'areas'>(existing, { areas }, () => ({ ...newMeta('cleaning-plan', planId(clinic.code), clinic.code, ctx.operator._id, now), type: 'cleaning-plan' as const }), ctx.operator, now);
      await ctx.db.put(doc);
      return planView(ctx, clinic);
    });
  },

  async 'cleaning.day'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    return dayView(ctx, clinic, input.date ?? clinicDate(ctx.now()));
  },

  /** The supervisor's check, made on the day (交由主管檢查): every area ticked, or noted why not. */
  async 'cleaning.check'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const today = clinicDate(now);
      if (input.date !== today) throw staffRefusals.refuse('invalid_input', 'date', 'notToday');
      const plan = await getOrNull<CleaningPlanDoc>(ctx.db, planId(clinic.code));
      const areas = plan?.areas ?? [];
      if (!areas.length) throw staffRefusals.refuse('invalid_input', 'date', 'noAreas');
      if (input.kind === 'saturday' && weekday(input.date) !== 5) throw staffRefusals.refuse('invalid_input', 'kind', 'notSaturday');
      if (await getOrNull(ctx.db, checkId(clinic.code, input.date, input.kind))) throw staffRefusals.refuse('conflict', 'kind', 'checkedAlready');
      checkItems(
        input.items,
        areas.map((a) => a.id),
      );
      const doc: CleaningCheckDoc = { ...newMeta('cleaning-check', checkId(clinic.code, input.date, input.kind), clinic.code, ctx.operator._id, now), type: 'cleaning-check', date: input.date, kind: input.kind, items: input.items };
      await ctx.db.put(doc);
      return dayView(ctx, clinic, input.date);
    });
  },

  /**
   * A lead corrects a saved check (an area ticked by mistake, a note): the areas stay those the
   * check covered, each ticked or noted; the old items are kept in its history, a stale version refused.
   */
  async 'cleaning.edit'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const current = await requireCheck(ctx, clinic, input.date, input.kind);
      if (current._rev !== input.rev) throw staffRefusals.refuse('conflict', 'rev', 'staleVersion');
      const areaIds = current.items.map((i) => i.areaId);
      checkItems(input.items, areaIds);
      // In the check's own order, so that only a changed result or note counts as a change.
      const items = areaIds.map((id) => input.items.find((x) => x.areaId === id)!);
      await writeEdit(ctx, current, input.rev, { ...current, items }, ['items'], now);
      return dayView(ctx, clinic, input.date);
    });
  },

  /**
   * A failed area checked again later the same day (交由主管檢查 once it is cleaned again): passed,
   * or failed again with a note. Kept beside the first result, which stays as it was.
   */
  async 'cleaning.recheck'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      if (input.date !== clinicDate(now)) throw staffRefusals.refuse('invalid_input', 'date', 'notToday');
      const current = await requireCheck(ctx, clinic, input.date, input.kind);
      const item = current.items.find((i) => i.areaId === input.areaId);
      if (!item) throw staffRefusals.refuse('invalid_input', 'areaId', 'areaUnknown');
      const last = (current.rechecks ?? []).filter((r) => r.areaId === input.areaId).at(-1) ?? item;
      if (last.done) throw staffRefusals.refuse('invalid_input', 'areaId', 'areaNotFailed');
      if (!input.done && !input.note.trim()) throw staffRefusals.refuse('invalid_input', 'note', 'recheckNote');
      const recheck = { areaId: input.areaId, done: input.done, note: input.note, by: ctx.operator._id, at: now.toISOString() };
      const doc: CleaningCheckDoc = { ...touched(current, ctx.operator, now), rechecks: [...(current.rechecks ?? []), recheck] };
      try {
        await ctx.db.put(doc);
      } catch (err) {
        if ((err as { status?: number }).status === 409) throw staffRefusals.refuse('conflict', 'rev', 'staleVersion');
        throw err;
      }
      return dayView(ctx, clinic, input.date);
    });
  },
};
