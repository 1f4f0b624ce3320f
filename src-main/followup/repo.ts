import type { Db } from '../store/pouch';
import type { FollowupTaskDoc } from '../../shared/followup/schemas';
import { followupTaskDocs } from '../../shared/followup/docs';
import { defaultGreetingDays, defaultPlans, lookbackDays, memberLookbackDays, memberTasksOn, recallWindow, tasksForClosedComplaint, tasksForUnbookedEnquiry, tasksForVisit, type FollowupPlan, type SourceTask } from '../../shared/followup/rules';
import { addDays, clinicInstant } from '../../shared/appointments/rules';
import { caseState } from '../../shared/complaints/rules';
import type { CustomerDoc } from '../../shared/desk/schemas';
import { complaintsOf, eventsByCaseOf } from '../complaints/repo';
import { enquiriesBetween } from '../enquiries/repo';
import { clinicDate } from '../../shared/time';
import { boardBetween } from '../visits/repo';

/**
 * The follow-up tasks of the visits of the last `lookbackDays` clinic days that left with an
 * outcome, as documents: stamped `system` and the visitor's left time, so every desk that
 * derives one writes byte-identical content under the same id (one revision after sync, like
 * the no-show record). Writes only the missing ones; returns every task of the window.
 */
export async function deriveVisitTasks(db: Db, clinic: string, today: string, plans: readonly FollowupPlan[] = defaultPlans): Promise<FollowupTaskDoc[]> {
  const rows = await boardBetween(db, clinic, addDays(today, -lookbackDays(plans)), today);
  const wanted: FollowupTaskDoc[] = [];
  for (const { visit, state } of rows) {
    const date = clinicDate(visit.arrivedAt); // its clinic day, as its id carries it
    const derived = tasksForVisit({ visitId: visit._id, clinic, date, departmentId: visit.departmentId, outcome: state.outcome, leftAt: state.leftAt }, plans);
    for (const t of derived) {
      wanted.push({
        _id: t.id,
        type: 'followup-task',
        schemaVersion: followupTaskDocs.version,
        clinic,
        createdAt: state.leftAt!,
        createdBy: 'system',
        updatedAt: state.leftAt!,
        updatedBy: 'system',
        planId: t.planId,
        sourceId: visit._id,
        visitId: visit._id,
        customerId: visit.customerId,
        customerName: visit.customerName,
        outcome: state.outcome,
        departmentId: visit.departmentId,
        departmentName: visit.departmentName,
        consultantId: visit.consultantId,
        consultantName: visit.consultantName,
        doctorId: state.handedTo?.staffId ?? null,
        doctorName: state.handedTo?.name ?? null,
        dueDate: t.dueDate,
        lastDate: t.lastDate,
        caller: t.caller,
        channel: t.channel,
        tries: t.tries,
        retryHours: t.retryHours,
      });
    }
  }
  if (!wanted.length) return [];
  const existing = await db.allDocs({ keys: wanted.map((w) => w._id) });
  const have = new Set(existing.rows.filter((r) => 'value' in r && r.value && !r.value.deleted).map((r) => r.key));
  const missing = wanted.filter((w) => !have.has(w._id));
  // A 409 means another writer got there first with the same content: nothing to do.
  if (missing.length) await db.bulkDocs(missing);
  return wanted;
}

/** Writes the tasks not yet stored (same content on every desk, so a 409 is another writer's identical write). */
async function writeMissing(db: Db, wanted: FollowupTaskDoc[]): Promise<void> {
  if (!wanted.length) return;
  const existing = await db.allDocs({ keys: wanted.map((w) => w._id) });
  const have = new Set(existing.rows.filter((r) => 'value' in r && r.value && !r.value.deleted).map((r) => r.key));
  const missing = wanted.filter((w) => !have.has(w._id));
  if (missing.length) await db.bulkDocs(missing);
}

function sourceTaskDoc(clinic: string, t: SourceTask, stampedAt: string, who: { customerId: string; customerName: string; contactPhone: string; departmentId: string | null; departmentName: string }): FollowupTaskDoc {
  return {
    _id: t.id,
    type: 'followup-task',
    schemaVersion: followupTaskDocs.version,
    clinic,
    createdAt: stampedAt,
    createdBy: 'system',
    updatedAt: stampedAt,
    updatedBy: 'system',
    planId: t.planId,
    sourceId: t.sourceId,
    visitId: null,
    customerId: who.customerId,
    customerName: who.customerName,
    outcome: null,
    departmentId: who.departmentId,
    departmentName: who.departmentName,
    consultantId: null,
    consultantName: null,
    dueDate: t.dueDate,
    lastDate: t.lastDate,
    caller: t.caller,
    channel: t.channel,
    tries: t.tries,
    retryHours: t.retryHours,
    contactPhone: who.contactPhone,
  };
}

/**
 * The 投诉回访 tasks of the clinic's closed complaints (seed 001 「定期進行投訴回訪」). A case is
 * closed when the complaints domain's own fold (`caseState`) says so; the task is stamped
 * `system` and the closing event's time, so two desks that both see the closing write the same
 * document. Reads the clinic's complaints and their events as id ranges (no complaint code is
 * changed: this is a reader). Returns the complaint tasks due within the call list's window (`lookbackDays`).
 */
export async function deriveComplaintTasks(db: Db, clinic: string, today: string, plans: readonly FollowupPlan[] = defaultPlans): Promise<FollowupTaskDoc[]> {
  if (!plans.some((p) => p.active && p.trigger === 'complaintClosed')) return [];
  const [cases, eventsByCase] = await Promise.all([complaintsOf(db, clinic), eventsByCaseOf(db, clinic)]);
  const wanted: FollowupTaskDoc[] = [];
  for (const c of cases) {
    const events = (eventsByCase.get(c._id) ?? []).map((e) => ({ id: e._id, kind: e.kind, at: e.at, seq: e.seq, by: e.createdBy, data: e.data }));
    const state = caseState({ id: c._id, receivedAt: c.receivedAt, inHeadOfficeCity: c.inHeadOfficeCity }, events);
    const closedAt = state.closed ? (state.at.close ?? null) : null;
    for (const t of tasksForClosedComplaint({ complaintId: c._id, clinic, closedAt, departmentId: c.departmentId }, plans)) {
      if (t.dueDate < addDays(today, -lookbackDays(plans))) continue; // older than the call list reads: not written any more
      wanted.push(sourceTaskDoc(clinic, t, closedAt!, { customerId: c.customerId ?? '', customerName: c.patientName, contactPhone: c.patientPhone, departmentId: c.departmentId, departmentName: c.departmentName ?? '' }));
    }
  }
  await writeMissing(db, wanted);
  return wanted;
}

/**
 * Member care (会员关怀, seed 001 九 (五)): the tasks of the days from `today` back to the longest
 * membership window, for every member of the clinic (a tier and a 入会日期). Stamped `system` and
 * the due day's midnight in the clinic. Reads the clinic's customers as one id range.
 */
export async function deriveMemberTasks(db: Db, clinic: string, today: string, plans: readonly FollowupPlan[] = defaultPlans, greetingDays: readonly string[] = defaultGreetingDays): Promise<FollowupTaskDoc[]> {
  if (!plans.some((p) => p.active && p.trigger === 'membership')) return [];
  const res = await db.allDocs<CustomerDoc>({ startkey: `customer:${clinic}:`, endkey: `customer:${clinic}:\ufff0`, include_docs: true });
  const days: string[] = [];
  for (let d = memberLookbackDays(plans); d >= 0; d--) days.push(addDays(today, -d));
  const wanted: FollowupTaskDoc[] = [];
  for (const r of res.rows) {
    const c = r.doc;
    if (!c || c.type !== 'customer' || c.mergedInto || !c.tier || !c.memberSince) continue;
    for (const date of days)
      for (const t of memberTasksOn({ customerId: c._id, clinic, since: c.memberSince, tier: c.tier, birthDate: c.birthDate }, date, plans, greetingDays))
        wanted.push(sourceTaskDoc(clinic, t, clinicInstant(date, '00:00'), { customerId: c._id, customerName: c.name, contactPhone: '', departmentId: null, departmentName: '' }));
  }
  await writeMissing(db, wanted);
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
  await writeMissing(db, wanted);
  return wanted;
}
