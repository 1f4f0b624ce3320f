import type { Db } from '../store/pouch';
import type { FollowupTaskDoc } from '../../shared/followup/schemas';
import { followupTaskDocs } from '../../shared/followup/docs';
import { defaultGreetingDays, defaultPlans, lookbackDays, memberLookbackDays, memberTasksOn, recallWindow, tasksForClosedComplaint, tasksForUnbookedEnquiry, tasksForVisit, scheduleOf, type FollowupPlan, type PlanId, type SourceTask } from '../../shared/followup/rules';
import { addDays, clinicInstant } from '../../shared/appointments/rules';
import { caseState } from '../../shared/complaints/rules';
import type { ComplaintDoc, ComplaintEventDoc } from '../complaints/storage';
import { enquiriesBetween } from '../enquiries/repo';
import { clinicDate } from '../../shared/time';
import { boardBetween, derive, ofDays, standing, type BoardEntry } from '../visits/repo';
import type { VisitDoc } from '../../shared/desk/schemas';
import type { VisitEventDoc } from '../../shared/visits/schemas';
import { visitEventDocs } from '../../shared/visits/docs';
import type { DerivedVisit, VisitOutcome } from '../../shared/visits/rules';
import { visitDate } from '../../shared/desk/docs';
import { keptBoards } from '../desk/keptBoard';
import { complaintsInSpan, members, taskIndex, type Member } from './kept';

/**
 * The follow-up tasks of the visits of the last `lookbackDays` clinic days that left with an
 * outcome, as documents: stamped `system` and the visitor's left time, so every desk that
 * derives one writes byte-identical content under the same id (one revision after sync, like
 * the no-show record). Writes only the missing ones; returns every task of the window.
 * `kept` (the desk's own store): the days' boards as the waiting list keeps them and the kept
 * task index (src-main/followup/kept.ts), so a list read re-reads only what changed; head
 * office's online calls in a clinic's database read them (`kept: false`).
 */
export async function deriveVisitTasks(db: Db, clinic: string, today: string, plans: readonly FollowupPlan[] = defaultPlans, { kept = true } = {}): Promise<FollowupTaskDoc[]> {
  const from = addDays(today, -lookbackDays(plans));
  const days: string[] = [];
  for (let d = from; d <= today; d = addDays(d, 1)) days.push(d);
  const wanted: FollowupTaskDoc[] = [];
  if (!kept) wanted.push(...visitTasks(clinic, await boardBetween(db, clinic, from, today), plans));
  else {
    // A day's tasks are derived again only when its board changed (a new array) or the plans did.
    const plansKey = JSON.stringify(plans);
    for (const board of await keptBoards(db, clinic, days)) {
      const found = derivedOf.get(board);
      const tasks = found?.plansKey === plansKey ? found.tasks : visitTasks(clinic, board, plans);
      derivedOf.set(board, { plansKey, tasks });
      wanted.push(...tasks);
    }
  }
  await writeMissing(db, clinic, wanted, kept);
  return wanted;
}

const derivedOf = new WeakMap<readonly BoardEntry[], { plansKey: string; tasks: FollowupTaskDoc[] }>();

/**
 * A derived task's stamp: written by `system` at an instant every desk derives alike (the visit's
 * leaving, the source's time), so two desks write the same revision — which is why the fields keep
 * their order (the revision is a hash of the document as written).
 */
function derivedStamp(clinic: string, t: { id: string; planId: PlanId }, stampedAt: string) {
  return { _id: t.id, type: 'followup-task' as const, schemaVersion: followupTaskDocs.version, clinic, createdAt: stampedAt, createdBy: 'system', updatedAt: stampedAt, updatedBy: 'system', planId: t.planId };
}

function visitTasks(clinic: string, rows: readonly BoardEntry[], plans: readonly FollowupPlan[]): FollowupTaskDoc[] {
  const wanted: FollowupTaskDoc[] = [];
  for (const { visit, state } of rows) {
    const date = clinicDate(visit.arrivedAt); // its clinic day, as its id carries it
    const derived = tasksForVisit({ visitId: visit._id, clinic, date, departmentId: visit.departmentId, outcome: state.outcome, leftAt: state.leftAt }, plans);
    for (const t of derived) {
      wanted.push({
        ...derivedStamp(clinic, t, state.leftAt!),
        sourceId: visit._id,
        visitId: visit._id,
        customerId: visit.customerId,
        customerName: visit.customerName,
        outcome: state.outcome, // the fields in the order every desk has written them, so two desks write the identical document
        departmentId: visit.departmentId,
        departmentName: visit.departmentName,
        consultantId: visit.consultantId,
        consultantName: visit.consultantName,
        doctorId: state.handedTo?.staffId ?? null,
        doctorName: state.handedTo?.name ?? null,
        ...scheduleOf(t),
      });
    }
  }
  return wanted;
}

/** Documents `withdrawnVisitTasks` read from a store (visits and visit events), for the tests. */
const withdrawalReadsOf = new WeakMap<Db, number>();
export const withdrawalReads = (db: Db): number => withdrawalReadsOf.get(db) ?? 0;

/**
 * The visit tasks among `tasks` as they stand now, read from their visits (tasks of other sources
 * pass as they are):
 * - `withdrawn`: those that no longer stand, their visit's 离院 undone by a lead (visits.reopen) or
 *   the visit cancelled since they were made. A task stands while its visit, as it is now, has left
 *   with the task's outcome, or with another outcome the task's plan calls too (`plans`: a visit
 *   that left again as 非手术消费 after 手术消费 keeps its 7-day call and next-day survey, issue 21).
 * - `standing`: the others, each with its visit's outcome and doctor as they are now. A task is a
 *   document written once (head office refuses an edit), so its stored `outcome` and `doctor…`
 *   are those it was first derived with; a visit whose outcome a lead corrected keeps the task (and
 *   the calls made on it) and every reader sees the new outcome through here (issue 21).
 * Reads only what it needs: the tasks' visits by key, and the events of their days — one range
 * read per run of consecutive days (a week's figures: the visits of 1, 3, 7, 14-21 and 30-37 days
 * before, not every day between).
 */
export async function visitTasksNow(db: Db, clinic: string, tasks: readonly FollowupTaskDoc[], plans: readonly FollowupPlan[]): Promise<{ standing: FollowupTaskDoc[]; withdrawn: Set<string> }> {
  const ofVisit = (t: FollowupTaskDoc) => t.visitId !== null && t.sourceId === t.visitId && visitDate(t.visitId) !== null;
  const ofVisits = tasks.filter(ofVisit);
  if (!ofVisits.length) return { standing: [...tasks], withdrawn: new Set() };
  const visitIds = [...new Set(ofVisits.map((t) => t.visitId!))];
  const runs: [string, string][] = [];
  for (const day of [...new Set(visitIds.map((id) => visitDate(id)!))].sort()) {
    const last = runs.at(-1);
    if (last && addDays(last[1], 1) === day) last[1] = day;
    else runs.push([day, day]);
  }
  const [visits, written] = await Promise.all([
    db.allDocs<VisitDoc>({ keys: visitIds, include_docs: true }),
    Promise.all(runs.map(([from, to]) => ofDays<VisitEventDoc>(db, visitEventDocs, clinic, from, to))).then((r) => r.flat()),
  ]);
  withdrawalReadsOf.set(db, withdrawalReads(db) + visits.rows.length + written.length);
  const events = new Map<string, VisitEventDoc[]>();
  for (const e of standing(written)) events.set(e.visitId, [...(events.get(e.visitId) ?? []), e]);
  const states = new Map<string, DerivedVisit>();
  for (const r of visits.rows) {
    const visit = 'doc' in r ? r.doc : null;
    if (visit && visit.type === 'visit' && visit.clinic === clinic) states.set(visit._id, derive(visit, events.get(visit._id) ?? []));
  }
  const calls = (planId: string, outcome: VisitOutcome) => plans.some((p) => p.id === planId && p.trigger === 'visitLeft' && p.outcomes.includes(outcome));
  const withdrawn = new Set<string>();
  const now: FollowupTaskDoc[] = [];
  for (const t of tasks) {
    if (!ofVisit(t)) {
      now.push(t);
      continue;
    }
    const state = states.get(t.visitId!);
    // Gone, cancelled (作废) or folded away by a merge (a 作废 too), or back in the clinic: withdrawn.
    if (!state || state.cancelled || state.leftAt === null || state.outcome === null || (state.outcome !== t.outcome && !calls(t.planId, state.outcome))) {
      withdrawn.add(t._id);
      continue;
    }
    now.push(followsVisit(t, state));
  }
  return { standing: now, withdrawn };
}

/** The visit tasks among `tasks` that no longer stand (`visitTasksNow`'s `withdrawn`). */
export async function withdrawnVisitTasks(db: Db, clinic: string, tasks: readonly FollowupTaskDoc[], plans: readonly FollowupPlan[]): Promise<Set<string>> {
  return (await visitTasksNow(db, clinic, tasks, plans)).withdrawn;
}

/** A standing task with its visit's outcome and doctor as they are now (the same object when nothing changed). */
function followsVisit(t: FollowupTaskDoc, state: DerivedVisit): FollowupTaskDoc {
  const now = visitFacts(state);
  if (t.outcome === now.outcome && (t.doctorId ?? null) === now.doctorId && (t.doctorName ?? null) === now.doctorName) return t;
  return { ...t, ...now };
}

/** What a visit task takes from its visit's state: the outcome, and the doctor (the last person she was handed to). */
const visitFacts = (state: DerivedVisit) => ({ outcome: state.outcome, doctorId: state.handedTo?.staffId ?? null, doctorName: state.handedTo?.name ?? null });

/**
 * Writes the tasks not yet stored (same content on every desk, so a 409 is another writer's
 * identical write: nothing to do). `kept`: known ones by the kept task index, else by keys.
 */
async function writeMissing(db: Db, clinic: string, wanted: FollowupTaskDoc[], kept = true): Promise<void> {
  if (!wanted.length) return;
  if (kept) {
    const index = await taskIndex(db, clinic);
    const missing = wanted.filter((w) => !index.has(w._id));
    if (missing.length) await db.bulkDocs(missing);
    return;
  }
  const existing = await db.allDocs({ keys: wanted.map((w) => w._id) });
  const have = new Set(existing.rows.filter((r) => 'value' in r && r.value && !r.value.deleted).map((r) => r.key));
  const missing = wanted.filter((w) => !have.has(w._id));
  if (missing.length) await db.bulkDocs(missing);
}

function sourceTaskDoc(clinic: string, t: SourceTask, stampedAt: string, who: { customerId: string; customerName: string; contactPhone: string; departmentId: string | null; departmentName: string }): FollowupTaskDoc {
  return {
    ...derivedStamp(clinic, t, stampedAt),
    sourceId: t.sourceId,
    visitId: null,
    customerId: who.customerId,
    customerName: who.customerName,
    outcome: null,
    departmentId: who.departmentId,
    departmentName: who.departmentName,
    consultantId: null,
    consultantName: null,
    ...scheduleOf(t),
    contactPhone: who.contactPhone,
  };
}

/**
 * The 投诉回访 tasks of the clinic's closed complaints (seed 001 「定期進行投訴回訪」). A case is
 * closed when the complaints domain's own fold (`caseState`) says so; the task is stamped
 * `system` and the closing event's time, so two desks that both see the closing write the same
 * document. Reads the clinic's complaints and their events as id ranges by received day, from the
 * kept span's first day only (the first case still open or still due a call within the list's
 * window; every case the first time, after a change to an older case, or when the plans change),
 * no complaint code changed: this is a reader. Returns the complaint tasks due within the call
 * list's window (`lookbackDays`).
 */
export async function deriveComplaintTasks(db: Db, clinic: string, today: string, plans: readonly FollowupPlan[] = defaultPlans): Promise<FollowupTaskDoc[]> {
  if (!plans.some((p) => p.active && p.trigger === 'complaintClosed')) return [];
  const windowStart = addDays(today, -lookbackDays(plans));
  // Only the span still open to a task: from the first case received that is open, or whose call is
  // not yet older than the list reads (kept.ts complaintsInSpan; all of them the first time).
  const { cases, eventsByCase, keep } = await complaintsInSpan<ComplaintDoc, ComplaintEventDoc>(db, clinic, JSON.stringify(plans));
  const wanted: FollowupTaskDoc[] = [];
  let from: string | null = null;
  for (const c of cases.filter((x) => x.type === 'complaint')) {
    const events = (eventsByCase.get(c._id) ?? []).filter((e) => e.type === 'complaint-event').map((e) => ({ id: e._id, kind: e.kind, at: e.at, seq: e.seq, by: e.createdBy, data: e.data }));
    const state = caseState({ id: c._id, receivedAt: c.receivedAt, inHeadOfficeCity: c.inHeadOfficeCity }, events);
    const closedAt = state.closed ? (state.at.close ?? null) : null;
    const tasks = tasksForClosedComplaint({ complaintId: c._id, clinic, closedAt, departmentId: c.departmentId }, plans);
    const received = c._id.split(':')[2]!;
    if ((closedAt === null || tasks.some((t) => t.dueDate >= windowStart)) && (from === null || received < from)) from = received;
    for (const t of tasks) {
      if (t.dueDate < windowStart) continue; // older than the call list reads: not written any more
      wanted.push(sourceTaskDoc(clinic, t, closedAt!, { customerId: c.customerId ?? '', customerName: c.patientName, contactPhone: c.patientPhone, departmentId: c.departmentId, departmentName: c.departmentName ?? '' }));
    }
  }
  keep(from ?? today);
  await writeMissing(db, clinic, wanted);
  return wanted;
}

/**
 * Member care (会员关怀, seed 001 九 (五)): the tasks of the days from `today` back to the longest
 * membership window, for every member of the clinic (a tier and a 入会日期). Stamped `system` and
 * the due day's midnight in the clinic. The members are kept (src-main/followup/kept.ts): the
 * clinic's customers are read once, then only those that changed.
 */
export async function deriveMemberTasks(db: Db, clinic: string, today: string, plans: readonly FollowupPlan[] = defaultPlans, greetingDays: readonly string[] = defaultGreetingDays): Promise<FollowupTaskDoc[]> {
  if (!plans.some((p) => p.active && p.trigger === 'membership')) return [];
  const list = await members(db, clinic);
  // Derived again only when a member changed (a new list), the day or the plans did.
  const key = JSON.stringify([today, plans, greetingDays]);
  const found = memberTasksOf.get(list);
  const wanted = found?.key === key ? found.tasks : memberTasks(clinic, list, today, plans, greetingDays);
  memberTasksOf.set(list, { key, tasks: wanted });
  await writeMissing(db, clinic, wanted);
  return wanted;
}

const memberTasksOf = new WeakMap<readonly Member[], { key: string; tasks: FollowupTaskDoc[] }>();

function memberTasks(clinic: string, list: readonly Member[], today: string, plans: readonly FollowupPlan[], greetingDays: readonly string[]): FollowupTaskDoc[] {
  const days: string[] = [];
  for (let d = memberLookbackDays(plans); d >= 0; d--) days.push(addDays(today, -d));
  const wanted: FollowupTaskDoc[] = [];
  for (const m of list)
    for (const date of days)
      for (const t of memberTasksOn({ customerId: m.customerId, clinic, since: m.since, tier: m.tier, birthDate: m.birthDate }, date, plans, greetingDays))
        wanted.push(sourceTaskDoc(clinic, t, clinicInstant(date, '00:00'), { customerId: m.customerId, customerName: m.name, contactPhone: '', departmentId: null, departmentName: '' }));
  return wanted;
}

/**
 * 询诊患者定期回访 (seed 003): the re-calls of the enquiries of the recall window that have not
 * booked, stamped `system` and the enquiry's own time. An enquiry booked after its task was
 * written keeps the task (it closes when called).
 */
export async function deriveEnquiryTasks(db: Db, clinic: string, today: string, plans: readonly FollowupPlan[] = defaultPlans): Promise<FollowupTaskDoc[]> {
  const window = recallWindow(plans, today);
  if (!window) return [];
  const enquiries = await enquiriesBetween(db, clinic, window.from, window.to);
  const wanted: FollowupTaskDoc[] = [];
  for (const e of enquiries)
    for (const t of tasksForUnbookedEnquiry({ enquiryId: e._id, clinic, date: e._id.split(':')[2]!, booked: e.appointmentId !== null }, plans))
      wanted.push(sourceTaskDoc(clinic, t, e.at, { customerId: e.customerId ?? '', customerName: e.name, contactPhone: e.phone || e.contact, departmentId: null, departmentName: e.items.join('、').slice(0, 60) }));
  await writeMissing(db, clinic, wanted);
  return wanted;
}
