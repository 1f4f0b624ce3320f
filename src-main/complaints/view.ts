import { phoneFor } from '../../shared/desk/visibility';
import type { CalendarTable } from '../../shared/reference/calendar';
import type { StaffDoc } from '../../shared/reference/schemas';
import type { ComplaintSummary, ComplaintView, DeadlineView } from '../../shared/complaints/schemas';
import {
  approverRoles,
  canReadAll,
  caseDeadlines,
  caseState,
  deadlineStatus,
  escalationPaths,
  eventKinds,
  eventOrder,
  eventRoles,
  refusal,
  stepKeys,
  type NumberProblem,
} from '../../shared/complaints/rules';
import type { ComplaintDoc, ComplaintEventDoc, ComplaintNumberDoc } from './storage';

export interface CaseDocs {
  doc: ComplaintDoc;
  events: ComplaintEventDoc[];
  numbers: ComplaintNumberDoc[];
}

export interface ViewContext {
  operator: StaffDoc;
  staff: Map<string, StaffDoc>;
  now: Date;
  calendars: CalendarTable[];
  /** Every number problem of the clinic (from the by_number view). */
  problems: NumberProblem[];
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
  const { deadlines, missingYears } = caseDeadlines(intake, state, v.calendars);
  const deadlineViews: DeadlineView[] = deadlines.map((d) => ({ ...d, status: deadlineStatus(d, v.now) }));
  const open = deadlineViews.filter((d) => d.doneAt === null).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const numbers = [...c.numbers].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.number.localeCompare(b.number));
  const problems = v.problems.filter((p) => p.complaintIds.includes(c.doc._id));
  const limited = !canReadAll(v.operator.role);
  const ignored = new Set(state.ignored);
  const approvers = state.category ? [...approverRoles(state.category, state.amount)] : [];
  const allowed = limited
    ? []
    : eventKinds.filter((k) => {
        // Evidence events come from complaint.attachVideo, not from a step form.
        if (k === 'evidence' || !eventRoles[k].includes(v.operator.role)) return false;
        if (k === 'approve' && !approvers.includes(v.operator.role)) return false;
        // Closing is offered when the case is at step 9; the confirmation is checked on submit.
        if (k === 'close') return state.current === 9 && !state.closed;
        return refusal(state, k) === null;
      });
  const summary: ComplaintSummary = {
    id: c.doc._id,
    number: numbers[0]?.number ?? null,
    numberPending: numbers.length === 0 && state.current > 2,
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
    overdue: limited ? [] : open.filter((d) => d.status === 'overdue').map((d) => d.key),
    dueSoon: limited ? [] : open.filter((d) => d.status === 'dueSoon').map((d) => d.key),
    recordedBy: c.doc.createdBy,
    recordedByName: v.staff.get(c.doc.createdBy)?.name ?? c.doc.createdBy,
    limited,
  };
  return {
    ...summary,
    what: c.doc.what,
    patientPhone: phoneFor(v.operator.role, c.doc.patientPhone),
    customerId: c.doc.customerId,
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
            byName: v.staff.get(e.createdBy)?.name ?? e.createdBy,
            byRole: e.byRole,
            data: e.data,
            attachments: e.attachments,
            ignored: ignored.has(e._id),
          })),
    deadlines: limited ? [] : deadlineViews,
    missingCalendarYears: missingYears,
    numbers: numbers.map((n) => ({ number: n.number, deskId: n.deskId, issuedAt: n.createdAt })),
    numberProblems: problems,
    amount: limited ? 0 : state.amount,
    refund: limited ? false : state.refund,
    handedToLegal: state.handedToLegal,
    escalationPath: state.category ? [...escalationPaths[state.category]] : [],
    allowed,
    approverRoles: approvers,
  };
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
    overdue: view.overdue,
    dueSoon: view.dueSoon,
    recordedBy: view.recordedBy,
    recordedByName: view.recordedByName,
    limited: view.limited,
  };
}
