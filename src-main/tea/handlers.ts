import { ApiError, atField } from '../../shared/errors';
import { teaRefusals, type TeaRule } from '../../shared/tea/refusals';

/** The rule of a checklist problem (shared/tea/rules.ts checksProblem): unknown item, twice, or items left out. */
function checksRule(problem: { index: number; message: string }): TeaRule {
  if (problem.index < 0) return 'checklistIncomplete';
  return /twice/.test(problem.message) ? 'checkTwice' : 'checkUnknown';
}

function checksParams(problem: { index: number; message: string }): Record<string, number> {
  const missing = /\((\d+) missing\)/.exec(problem.message);
  return missing ? { missing: Number(missing[1]) } : {};
}
import { newIdTail } from '../../shared/ids';
import { ageOn, clinicDate, minutesBetween } from '../../shared/time';
import type { teaContract } from '../../shared/tea/contract';
import type { TeaEventDoc, TeaPartyDoc, TeaSettingsDoc, TeaTask } from '../../shared/tea/schemas';
import { DEFAULT_DRINKS, checksProblem, defaultTeaChecklist, partyProblem, refillDueAt, serveOrder, teaAsk, teaState } from '../../shared/tea/rules';
import { averageMinutes, isWaiting } from '../../shared/visits/rules';
import type { CustomerDoc, VisitDoc } from '../../shared/desk/schemas';
import type { Handlers } from '../api/types';
import type { OperatorContext } from '../api/context';
import { serialised } from '../store/serial';
import { listStaff, requireClinic } from '../reference/repo';
import { newMeta } from '../store/meta';
import { visitDate } from '../../shared/desk/docs';
import { teaEventDocs, teaPartyDocs, teaSettingsDocs } from '../../shared/tea/docs';
import { upserted } from '../store/meta';
import { dayBoard, eventsOfDay, derive, getVisit } from '../visits/repo';
import { currentTemplate, lastDrinks, partiesOfDay, refillMinutes, saveTeaTemplate, settingsView, teaEventsOfDay, teaSettings, templateVersions } from './repo';

async function names(ctx: OperatorContext, clinic: string) {
  return new Map((await listStaff(ctx.db, clinic)).map((s) => [s._id, s.name]));
}

/** A VIP's known drinks (the customer's VIP care, set by a lead; older records lack it), else the last order. */
function preference(customer: CustomerDoc | undefined): string | null {
  const drinks = customer?.vip?.drinks;
  return drinks ? drinks : null;
}

/** Tea tasks of one clinic day: one per visitor not yet gone, in serving order. */
async function tasksOfDay(ctx: OperatorContext, clinic: string, date: string): Promise<TeaTask[]> {
  const [board, events, parties, interval] = await Promise.all([dayBoard(ctx.db, clinic, date), teaEventsOfDay(ctx.db, clinic, date), partiesOfDay(ctx.db, clinic, date), refillMinutes(ctx.db, clinic)]);
  const open = board.filter((b) => b.state.status !== 'left');
  const customerIds = [...new Set(open.map((b) => b.visit.customerId))];
  const customers = new Map<string, CustomerDoc>();
  if (customerIds.length) {
    const res = await ctx.db.allDocs<CustomerDoc>({ keys: customerIds, include_docs: true });
    for (const r of res.rows) if ('doc' in r && r.doc) customers.set(r.id, r.doc);
  }
  const drinks = await lastDrinks(ctx.db, customerIds);
  // The latest party a visitor was put in is theirs; a party keeps the members still in it.
  const partyOf = new Map<string, TeaPartyDoc>();
  for (const p of parties.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) for (const v of p.visitIds) partyOf.set(v, p);
  const openIds = new Set(open.map((b) => b.visit._id));
  const members = (p: TeaPartyDoc) => p.visitIds.filter((v) => partyOf.get(v) === p && openIds.has(v));
  const today = clinicDate(ctx.now());

  const tasks: TeaTask[] = open.map(({ visit, state }) => {
    const tea = teaState(events.filter((e) => e.visitId === visit._id).map((e) => ({ kind: e.kind, at: e.createdAt })));
    const customer = customers.get(visit.customerId);
    const preferred = preference(customer);
    const last = drinks.get(visit.customerId) ?? null;
    const party = partyOf.get(visit._id);
    const partyMembers = party ? members(party) : [];
    return {
      visitId: visit._id,
      customerId: visit.customerId,
      customerName: visit.customerName,
      firstVisit: visit.firstVisit,
      tier: customer?.tier ?? null,
      age: customer ? (customer.birthDate ? ageOn(customer.birthDate, today) : customer.age) : null,
      departmentName: visit.departmentName,
      arrivedAt: visit.arrivedAt,
      waiting: isWaiting(state.status),
      ask: teaAsk(visit.firstVisit),
      state: tea.state,
      firstCupAt: tea.firstCupAt,
      lastCupAt: tea.lastCupAt,
      refills: tea.refills,
      refillDueAt: isWaiting(state.status) ? refillDueAt(tea.lastCupAt, interval) : null,
      party: partyMembers.length >= 2 ? partyMembers : null,
      suggestedDrink: preferred ?? last ?? '',
      drinkSource: preferred ? 'preference' : last ? 'lastOrder' : 'none',
    };
  });
  return serveOrder(tasks, [...new Set(partyOf.values())].map(members));
}

/** The visit a tea step is for: known, of this clinic, not gone; and its tea so far. */
async function loadTask(ctx: OperatorContext, clinic: string, visitId: string) {
  const date = visitDate(visitId);
  const visit: VisitDoc | null = date ? await getVisit(ctx.db, visitId, clinic) : null;
  if (!visit || !date) throw teaRefusals.refuse('not_found', 'visitId', 'noSuchVisit', {}, 'visitId: no such visit');
  const state = derive(visit, (await eventsOfDay(ctx.db, clinic, date)).filter((e) => e.visitId === visitId));
  if (state.status === 'left') throw teaRefusals.refuse('conflict', 'visitId', 'visitorLeft', {}, 'visitId: the visitor has left');
  const events = (await teaEventsOfDay(ctx.db, clinic, date)).filter((e) => e.visitId === visitId);
  return { visit, date, state, tea: teaState(events.map((e) => ({ kind: e.kind, at: e.createdAt }))), events };
}

async function writeEvent(ctx: OperatorContext, clinic: string, date: string, visit: VisitDoc, fields: Pick<TeaEventDoc, 'kind' | 'drink' | 'templateId' | 'checks'>) {
  const now = ctx.now();
  const doc: TeaEventDoc = {
    ...newMeta('tea-event', teaEventDocs.id(clinic, date, newIdTail(now)), clinic, ctx.operator._id, now),
    type: 'tea-event',
    visitId: visit._id,
    customerId: visit.customerId,
    ...fields,
  };
  await ctx.db.put(doc);
}

async function taskAfter(ctx: OperatorContext, clinic: string, date: string, visitId: string): Promise<TeaTask> {
  const task = (await tasksOfDay(ctx, clinic, date)).find((t) => t.visitId === visitId);
  if (!task) throw new Error('tea task vanished after writing');
  return task;
}

export const teaHandlers: Pick<Handlers, keyof typeof teaContract> = {
  async 'tea.tasks'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    return tasksOfDay(ctx, clinic.code, input.date ?? clinicDate(ctx.now()));
  },

  async 'tea.serve'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const { visit, date, tea } = await loadTask(ctx, clinic.code, input.visitId);
      if (tea.state === 'served') throw teaRefusals.refuse('conflict', 'visitId', 'alreadyServed', {}, 'visitId: tea already served; record a refill');
      const template = await currentTemplate(ctx.db, clinic.code, new Map());
      if (input.templateId !== template.id)
        throw new ApiError({ ...teaRefusals.refuse('conflict', 'templateId', 'templateChanged', { current: template.id }, `templateId: the checklist is now ${template.id}; reload it`).toBody(), detail: { current: template.id } });
      const problem = checksProblem(template.items, input.checks);
      if (problem) throw teaRefusals.refuse('invalid_input', problem.index >= 0 ? `checks.${problem.index}.itemId` : 'checks', checksRule(problem), checksParams(problem), `checks: ${problem.message}`);
      await writeEvent(ctx, clinic.code, date, visit, { kind: 'served', drink: input.drink, templateId: template.id, checks: input.checks });
      return taskAfter(ctx, clinic.code, date, visit._id);
    });
  },

  async 'tea.decline'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const { visit, date, tea } = await loadTask(ctx, clinic.code, input.visitId);
      if (tea.state !== 'pending') throw teaRefusals.refuse('conflict', 'visitId', 'notPending', { state: tea.state }, `visitId: tea is already ${tea.state}`);
      await writeEvent(ctx, clinic.code, date, visit, { kind: 'declined', drink: '', templateId: null, checks: [] });
      return taskAfter(ctx, clinic.code, date, visit._id);
    });
  },

  async 'tea.refill'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const { visit, date, tea, events } = await loadTask(ctx, clinic.code, input.visitId);
      if (tea.state !== 'served') throw teaRefusals.refuse('conflict', 'visitId', 'notServed', {}, 'visitId: no cup served yet; serve first');
      const lastDrink = events.filter((e) => e.drink).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1)?.drink ?? '';
      await writeEvent(ctx, clinic.code, date, visit, { kind: 'refill', drink: input.drink || lastDrink, templateId: null, checks: [] });
      return taskAfter(ctx, clinic.code, date, visit._id);
    });
  },

  async 'tea.serveParty'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const ids = input.members.map((m) => m.visitId);
      const twice = ids.findIndex((v, i) => ids.indexOf(v) !== i);
      if (twice >= 0) throw teaRefusals.refuse('invalid_input', `members.${twice}.visitId`, 'partyTwice', {}, `members.${twice}.visitId: a visitor is listed twice`);
      const template = await currentTemplate(ctx.db, clinic.code, new Map());
      if (input.templateId !== template.id)
        throw new ApiError({ ...teaRefusals.refuse('conflict', 'templateId', 'templateChanged', { current: template.id }, `templateId: the checklist is now ${template.id}; reload it`).toBody(), detail: { current: template.id } });
      // Each member's own run through the checklist, each refusal naming her row.
      for (const [i, m] of input.members.entries()) {
        const problem = checksProblem(template.items, m.checks);
        const at = `members.${i}.checks`;
        if (problem) throw teaRefusals.refuse('invalid_input', problem.index >= 0 ? `${at}.${problem.index}.itemId` : at, checksRule(problem), checksParams(problem), `${at}: ${problem.message}`);
      }
      // Every member first (nothing is written unless all can be served), each refusal naming her row.
      const loaded = [];
      for (const [i, m] of input.members.entries()) {
        const task = await loadTask(ctx, clinic.code, m.visitId).catch((err: unknown) => {
          if (err instanceof ApiError && err.field === 'visitId') throw atField(err, `members.${i}.visitId`);
          throw err;
        });
        if (task.tea.state === 'served') throw teaRefusals.refuse('conflict', `members.${i}.visitId`, 'alreadyServed', {}, `members.${i}.visitId: tea already served; record a refill`);
        loaded.push({ ...task, drink: m.drink, checks: m.checks });
      }
      // One time for the round; the tails count up within it, so the cups read in the order given.
      const now = ctx.now();
      const docs: TeaEventDoc[] = loaded.map(({ visit, date, drink, checks }) => ({
        ...newMeta('tea-event', teaEventDocs.id(clinic.code, date, newIdTail(now)), clinic.code, ctx.operator._id, now),
        type: 'tea-event',
        visitId: visit._id,
        customerId: visit.customerId,
        kind: 'served',
        drink,
        templateId: template.id,
        checks,
      }));
      const res = await ctx.db.bulkDocs(docs);
      const failed = res.find((r) => 'error' in r && r.error);
      if (failed) throw new Error(`write failed: ${JSON.stringify(failed)}`);
      const dates = [...new Set(loaded.map((l) => l.date))];
      const tasks = (await Promise.all(dates.map((d) => tasksOfDay(ctx, clinic.code, d)))).flat();
      return ids.map((v) => tasks.find((t) => t.visitId === v)!);
    });
  },

  async 'tea.setParty'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const problem = partyProblem(input.visitIds);
      if (problem) throw teaRefusals.refuse('invalid_input', 'visitIds', /twice/.test(problem) ? 'partyTwice' : 'partyTooSmall', {}, `visitIds: ${problem}`);
      const today = clinicDate(ctx.now());
      const open = new Set((await dayBoard(ctx.db, clinic.code, today)).filter((b) => b.state.status !== 'left').map((b) => b.visit._id));
      const missing = input.visitIds.findIndex((v) => !open.has(v));
      if (missing >= 0) throw teaRefusals.refuse('not_found', `visitIds.${missing}`, 'notHereToday', { index: missing }, `visitIds.${missing}: not a visitor here today`);
      const now = ctx.now();
      const doc: TeaPartyDoc = { ...newMeta('tea-party', teaPartyDocs.id(clinic.code, today, newIdTail(now)), clinic.code, ctx.operator._id, now), type: 'tea-party', visitIds: input.visitIds };
      await ctx.db.put(doc);
      const tasks = await tasksOfDay(ctx, clinic.code, today);
      return input.visitIds.map((v) => tasks.find((t) => t.visitId === v)!);
    });
  },

  async 'tea.template'(ctx) {
    const clinic = await requireClinic(ctx.db);
    return currentTemplate(ctx.db, clinic.code, await names(ctx, clinic.code));
  },

  async 'tea.saveTemplate'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      return saveTeaTemplate(ctx.db, clinic.code, ctx.operator, ctx.now(), input);
    });
  },

  async 'tea.settings'(ctx) {
    const clinic = await requireClinic(ctx.db);
    return settingsView(ctx.db, clinic.code);
  },

  async 'tea.updateSettings'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const existing = await teaSettings(ctx.db, clinic.code);
      const now = ctx.now();
      const drinks = input.drinks ?? existing?.drinks ?? [...DEFAULT_DRINKS];
      const doc = upserted<TeaSettingsDoc, 'refillMinutes' | 'drinks'>(existing, { refillMinutes: input.refillMinutes, drinks }, () => ({ ...newMeta('tea-settings', teaSettingsDocs.id(clinic.code), clinic.code, ctx.operator._id, now), type: 'tea-settings' }), ctx.operator, now);
      await ctx.db.put(doc);
      return { refillMinutes: input.refillMinutes, drinks };
    });
  },

  async 'tea.figures'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const date = input.date ?? clinicDate(ctx.now());
    const [board, events, versions] = await Promise.all([dayBoard(ctx.db, clinic.code, date), teaEventsOfDay(ctx.db, clinic.code, date), templateVersions(ctx.db, clinic.code)]);
    const texts = new Map<string, string>(defaultTeaChecklist.map((i) => [i.id, i.text]));
    for (const v of versions) for (const i of v.items) texts.set(i.id, i.text);
    const firstCup = new Map<string, string>();
    for (const e of events.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) if (e.kind === 'served' && !firstCup.has(e.visitId)) firstCup.set(e.visitId, e.createdAt);
    const toFirstCup = board.flatMap(({ visit }) => {
      const at = firstCup.get(visit._id);
      return at ? [minutesBetween(visit.arrivedAt, at)] : [];
    });
    const exceptions = new Map<string, number>();
    for (const e of events) for (const c of e.checks) if (!c.ok) exceptions.set(c.itemId, (exceptions.get(c.itemId) ?? 0) + 1);
    return {
      date,
      served: events.filter((e) => e.kind === 'served').length,
      declined: events.filter((e) => e.kind === 'declined').length,
      refills: events.filter((e) => e.kind === 'refill').length,
      averageFirstCupMinutes: averageMinutes(toFirstCup),
      exceptions: [...exceptions.entries()].map(([itemId, count]) => ({ itemId, text: texts.get(itemId) ?? itemId, count })).sort((a, b) => b.count - a.count),
    };
  },
};
