import { phoneFor } from '../../shared/desk/visibility';
import type { CalendarTable } from '../../shared/reference/calendar';
import type { StaffDoc } from '../../shared/reference/schemas';
import type { ComplaintSummary, ComplaintView, DeadlineView } from '../../shared/complaints/schemas';
import {
  allowedKinds,
  approverRoles,
  amountBand,
  groupLimits,
  canReadAll,
  caseDeadlines,
  caseState,
  deadlineStatus,
  endOfClinicDay,
  escalationPaths,
  eventOrder,
  stepKeys,
  claimsInForce,
  type ComplaintLimits,
  type IssuedNumber,
  type NumberProblem,
} from '../../shared/complaints/rules';
import type { ComplaintDoc, ComplaintEventDoc } from './storage';

export interface CaseDocs {
  doc: ComplaintDoc;
  events: ComplaintEventDoc[];
}

export interface ViewContext {
  operator: StaffDoc;
  staff: Map<string, StaffDoc>;
  now: Date;
  calendars: CalendarTable[];
  /** Every claim of a number in the clinic (repo.clinicNumbers), and the problems among them. */
  claims: IssuedNumber[];
  problems: NumberProblem[];
  /** Head office's limits for this clinic, where they differ from the group's. */
  limits: Partial<ComplaintLimits>;
}

/**
 * The case's numbers as its form shows them: each claim in time order, a withdrawn one (作废) with
 * who withdrew it, when, why and which case kept it, and the number that replaced it.
 */
export function caseNumbers(complaintId: string, v: Pick<ViewContext, 'claims' | 'staff'>): ComplaintView['numbers'] {
  const mine = v.claims.filter((c) => c.complaintId === complaintId);
  const inForce = new Set(claimsInForce(v.claims).filter((c) => c.complaintId === complaintId).map((c) => c.number));
  const withdrawals = new Map(mine.flatMap((c) => (c.replaces ? [[c.replaces.number, { ...c.replaces, byName: v.staff.get(c.replaces.by)?.name ?? c.replaces.by, replacedBy: c.number }] as const] : [])));
  const seen = new Map<string, ComplaintView['numbers'][number]>();
  for (const c of mine)
    if (!seen.has(c.number)) seen.set(c.number, { number: c.number, deskId: c.deskId ?? '', issuedAt: c.issuedAt ?? '', replaces: c.replaces?.number ?? null, withdrawn: null });
  // A kept number this desk knows only from the other case's withdrawal.
  for (const n of inForce) if (!seen.has(n)) seen.set(n, { number: n, deskId: '', issuedAt: '', replaces: null, withdrawn: null });
  for (const [number, w] of withdrawals) {
    const entry = seen.get(number) ?? { number, deskId: '', issuedAt: '', replaces: null, withdrawn: null };
    seen.set(number, { ...entry, withdrawn: { at: w.at, by: w.by, byName: w.byName, reason: w.reason, keptBy: w.keptBy, replacedBy: w.replacedBy } });
  }
  return [...seen.values()].sort((a, b) => (a.issuedAt || '~').localeCompare(b.issuedAt || '~') || a.number.localeCompare(b.number));
}

/** May this operator read the case at all? Complaint readers see every case; anyone else the ones they recorded. */
export function mayRead(operator: StaffDoc, doc: ComplaintDoc): boolean {
  return canReadAll(operator.role) || doc.createdBy === operator._id;
}

/** The whole case as the screens show it: state, deadlines with time left, events, numbers and their problems. */
export function caseView(c: CaseDocs, v: ViewContext): ComplaintView {
  const intake = { id: c.doc._id, receivedAt: c.doc.receivedAt, inHeadOfficeCity: c.doc.inHeadOfficeCity };
  const events = c.events.map((e) => ({ id: e._id, kind: e.kind, at: e.at, seq: e.seq, by: e.createdBy, data: e.data }));
  const state = caseState(intake, events);
  const { deadlines, missingYears } = caseDeadlines(intake, state, v.calendars, v.limits);
  const deadlineViews: DeadlineView[] = deadlines.map((d) => ({ ...d, source: d.source ?? 'group', supersededAt: d.supersededAt ?? null, status: deadlineStatus(d, v.now) }));
  const open = deadlineViews.filter((d) => d.doneAt === null && d.status !== 'superseded').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const numbers = caseNumbers(c.doc._id, v);
  const current = numbers.filter((n) => n.withdrawn === null);
  const problems = v.problems.filter((p) => p.complaintIds.includes(c.doc._id));
  const limited = !canReadAll(v.operator.role);
  const ignored = new Set(state.ignored);
  const bands = { ...groupLimits, ...v.limits };
  const approvers = state.category ? [...approverRoles(state.category, state.amount, state.escalationLevel, bands)] : [];
  const allowed = allowedKinds(state, { id: v.operator._id, role: v.operator.role }, c.doc.createdBy === v.operator._id, bands);
  const ownBands = (['approveMediumFromYuan', 'approveLargeAboveYuan'] as const).some((k) => v.limits[k] !== undefined && v.limits[k] !== groupLimits[k]);
  const approvalBand = state.category
    ? {
        band: state.escalationLevel === 'headOfficeMedical' ? ('medical' as const) : amountBand(state.amount, bands),
        mediumFrom: bands.approveMediumFromYuan,
        largeAbove: bands.approveLargeAboveYuan,
        source: ownBands ? ('clinic' as const) : ('group' as const),
      }
    : null;
  const summary: ComplaintSummary = {
    id: c.doc._id,
    number: current[0]?.number ?? null,
    numberPending: current.length === 0 && state.current > 2,
    numberProblem: problems.length > 0,
    receivedAt: c.doc.receivedAt,
    channel: c.doc.channel,
    patientName: c.doc.patientName,
    what: c.doc.what.length > 80 ? `${c.doc.what.slice(0, 80)}…` : c.doc.what,
    current: state.current,
    currentKey: state.current > 11 ? 'done' : stepKeys[state.current - 1]!,
    category: state.category,
    escalationLevel: state.escalationLevel,
    closed: state.closed,
    nextDeadline: limited ? null : (open[0] ?? null),
    missingCalendarYears: limited ? [] : missingYears,
    overdue: limited ? [] : open.filter((d) => d.status === 'overdue').map((d) => d.key),
    dueSoon: limited ? [] : open.filter((d) => d.status === 'dueSoon').map((d) => d.key),
    recordedBy: c.doc.createdBy,
    recordedByName: v.staff.get(c.doc.createdBy)?.name ?? c.doc.createdBy,
    limited,
  };
  return {
    ...summary,
    what: c.doc.what,
    recordedAt: c.doc.createdAt,
    promisedReplyAt: c.doc.promisedReplyAt ?? null,
    patientPhone: phoneFor(v.operator.role, c.doc.patientPhone),
    customerId: c.doc.customerId,
    followupTaskId: c.doc.followupTaskId ?? null,
    wants: c.doc.wants,
    staffInvolved: c.doc.staffInvolved,
    departmentName: c.doc.departmentName,
    inHeadOfficeCity: c.doc.inHeadOfficeCity,
    evidence: c.doc.evidence,
    events: limited
      ? []
      : [...c.events]
          .sort((a, b) => eventOrder({ at: a.at, seq: a.seq, id: a._id }, { at: b.at, seq: b.seq, id: b._id }))
          .map((e) => ({
            id: e._id,
            kind: e.kind,
            at: e.at,
            by: e.createdBy,
            byName: v.staff.get(e.createdBy)?.name ?? e.byName ?? e.createdBy,
            byRole: e.byRole,
            data: e.data,
            attachments: e.attachments,
            ignored: ignored.has(e._id),
          })),
    deadlines: limited ? [] : deadlineViews,
    numbers,
    numberProblems: problems,
    amount: limited ? 0 : state.amount,
    refund: limited ? false : state.refund,
    handedToLegal: state.handedToLegal,
    prevented: state.prevented,
    preventionActions: limited ? [] : preventionActions(c.events, ignored, v),
    penaltyStage: state.penaltyStage,
    escalationPath: state.category ? [...escalationPaths[state.category]] : [],
    allowed,
    approverRoles: approvers,
    approvalBand: limited ? null : approvalBand,
  };
}

/**
 * Step 11's improvement actions from the plan in force and the acts that carried them out: who did
 * each and when, late or overdue against its due day (the end of that clinic day).
 */
function preventionActions(events: readonly ComplaintEventDoc[], ignored: Set<string>, v: ViewContext): ComplaintView['preventionActions'] {
  const applied = events.filter((e) => !ignored.has(e._id));
  const plan = applied.find((e) => e.kind === 'prevention');
  const listed = Array.isArray(plan?.data.actions) ? (plan.data.actions as { what: string; owner: string; dueDate?: string | null }[]) : [];
  return listed.map((a, i) => {
    const done = applied.find((e) => e.kind === 'actionDone' && e.data.index === i) ?? null;
    const due = a.dueDate ? endOfClinicDay(a.dueDate) : null;
    const status = done ? (due && done.at > due ? 'late' : 'done') : due && v.now.toISOString() > due ? 'overdue' : 'open';
    return {
      what: a.what,
      owner: a.owner,
      dueDate: a.dueDate ?? null,
      doneAt: done?.at ?? null,
      doneBy: done?.createdBy ?? null,
      doneByName: done ? (v.staff.get(done.createdBy)?.name ?? done.byName ?? done.createdBy) : null,
      result: done ? String(done.data.result ?? '') : null,
      status,
    };
  });
}

export function toSummary(view: ComplaintView): ComplaintSummary {
  return {
    id: view.id,
    number: view.number,
    numberPending: view.numberPending,
    numberProblem: view.numberProblem,
    receivedAt: view.receivedAt,
    channel: view.channel,
    patientName: view.patientName,
    what: view.what,
    current: view.current,
    currentKey: view.currentKey,
    category: view.category,
    escalationLevel: view.escalationLevel,
    closed: view.closed,
    nextDeadline: view.nextDeadline,
    missingCalendarYears: view.missingCalendarYears,
    overdue: view.overdue,
    dueSoon: view.dueSoon,
    recordedBy: view.recordedBy,
    recordedByName: view.recordedByName,
    limited: view.limited,
  };
}
