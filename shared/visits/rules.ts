/** Pure rules of the visit after check-in (DOMAIN.md §1): statuses, waiting, masking. No I/O, no clock. */

/** 到院 → 已分诊 → 咨询中 → 治疗中 → 离院. A checked-in visit (doc status `waiting`) starts as triaged. */
export const visitStatuses = ['arrived', 'triaged', 'withConsultant', 'inTreatment', 'left'] as const;
export type VisitStatus = (typeof visitStatuses)[number];

/** Outcome categories that drive follow-up (DOMAIN.md §1, §5). */
export const visitOutcomes = ['noPurchase', 'nonSurgical', 'surgical'] as const; // 到诊未消费 / 非手术消费 / 手术消费
export type VisitOutcome = (typeof visitOutcomes)[number];

/**
 * Where a visit may go next. Forward only, except that a visitor can go back from treatment to the
 * consultant (a second talk after a test); nothing leaves `left`.
 */
const NEXT: Record<VisitStatus, readonly VisitStatus[]> = {
  arrived: ['triaged', 'left'],
  triaged: ['withConsultant', 'inTreatment', 'left'],
  withConsultant: ['inTreatment', 'left'],
  inTreatment: ['withConsultant', 'left'],
  left: [],
};

export function allowedNext(from: VisitStatus): readonly VisitStatus[] {
  return NEXT[from];
}

/** null when the move is allowed, else the reason (for the `status` field's message). */
export function transitionProblem(from: VisitStatus, to: VisitStatus): string | null {
  if (from === to) return `already ${to}`;
  if (!NEXT[from].includes(to)) return `cannot go from ${from} to ${to}`;
  return null;
}

/** The status of a visit doc as check-in wrote it (`waiting` = arrived and triaged at the door). */
export function initialStatus(docStatus: string, hasDepartment: boolean): VisitStatus {
  if (docStatus === 'waiting') return hasDepartment ? 'triaged' : 'arrived';
  return (visitStatuses as readonly string[]).includes(docStatus) ? (docStatus as VisitStatus) : 'triaged';
}

/** Still waiting at the desk (the wait clock runs, tea refills are due, the display shows them). */
export function isWaiting(status: VisitStatus): boolean {
  return status === 'arrived' || status === 'triaged';
}

/** A hand-off (引导/交接) puts the visitor with a consultant or in treatment. */
export const handOffStatuses = ['withConsultant', 'inTreatment'] as const satisfies readonly VisitStatus[];

/** One event as the rules see it: the status it moved to (if any), when, and the outcome (if any). */
export interface EventFacts {
  at: string;
  status: VisitStatus | null;
  outcome: VisitOutcome | null;
  toStaffId: string | null;
  toName: string | null;
  /** A cancellation (作废) of the visit: who, and why (the event's note). */
  cancel?: { by: string; reason: string } | undefined;
  /** A lead's correction of a 离院 (issue 21): who, and why. */
  reopen?: { by: string; reason: string } | undefined;
}

export interface DerivedVisit {
  status: VisitStatus;
  /** When the visitor stopped waiting (first move off arrived/triaged), or null while waiting. */
  waitEndedAt: string | null;
  leftAt: string | null;
  outcome: VisitOutcome | null;
  /** The last person the visitor was handed to. */
  handedTo: { staffId: string | null; name: string; at: string } | null;
  /** Cancelled (作废: a mistaken check-in): the visit then counts nowhere, its events stay. */
  cancelled: { at: string; by: string; reason: string } | null;
  /** The status the visitor left from (while `left`), where a lead's reopen puts her back. */
  leftFrom: VisitStatus | null;
  /** The last 离院 a lead corrected (issue 21): when, who, why. */
  reopened: { at: string; by: string; reason: string } | null;
}

/**
 * The current state of a visit from its events, applied in time order. Events that the rule
 * would refuse (e.g. two desks moving one visitor at once, offline) are skipped, so every desk
 * derives the same state from the same set of events.
 */
export function deriveVisit(initial: VisitStatus, events: EventFacts[]): DerivedVisit {
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  const state: DerivedVisit = { status: initial, waitEndedAt: null, leftAt: null, outcome: null, handedTo: null, cancelled: null, leftFrom: null, reopened: null };
  let waitEndedBeforeLeaving: string | null = null;
  for (const e of sorted) {
    if (e.cancel) {
      // The first cancellation counts; what others did to the visit after it changes nothing.
      state.cancelled ??= { at: e.at, by: e.cancel.by, reason: e.cancel.reason };
      continue;
    }
    if (state.cancelled) continue;
    if (e.reopen) {
      // A lead's correction of a 离院: back to where she left from, the wait as it was; the outcome
      // goes (she leaves again with one). A reopen of a visit not left (two desks at once) is skipped.
      if (state.status !== 'left' || !state.leftFrom) continue;
      state.status = state.leftFrom;
      state.waitEndedAt = waitEndedBeforeLeaving;
      state.leftAt = null;
      state.outcome = null;
      state.leftFrom = null;
      state.reopened = { at: e.at, by: e.reopen.by, reason: e.reopen.reason };
      continue;
    }
    if (e.status && e.status !== state.status) {
      if (transitionProblem(state.status, e.status)) continue;
      if (e.status === 'left') {
        state.leftFrom = state.status;
        waitEndedBeforeLeaving = state.waitEndedAt;
      }
      if (isWaiting(state.status) && !isWaiting(e.status)) state.waitEndedAt = e.at;
      state.status = e.status;
      if (e.status === 'left') state.leftAt = e.at;
    }
    if (e.toName) state.handedTo = { staffId: e.toStaffId, name: e.toName, at: e.at };
    if (e.outcome) state.outcome = e.outcome;
  }
  return state;
}

export type WaitLevel = 'ok' | 'amber' | 'red';

/** Amber at the clinic's threshold, red (with the apology) at twice it. */
export function waitLevel(minutesWaited: number, thresholdMinutes: number): WaitLevel {
  if (minutesWaited >= thresholdMinutes * 2) return 'red';
  if (minutesWaited >= thresholdMinutes) return 'amber';
  return 'ok';
}

/**
 * For the waiting room: the surname, a star for each middle character and, from three characters
 * on, the last one — 王*玲 and 王* are two people of one surname that can tell themselves apart.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '*';
  if (chars.length <= 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars.at(-1)!;
}

/**
 * 排队号 as shown, called and spoken. Two desks cut off from each other each continue their own
 * count, so one number can be given twice (issue 21). Once both desks hold the day, every desk
 * tells them apart the same way: of the visits holding one number, the one that arrived first
 * (ties by id) keeps the plain number, the next ones carry a letter — 2, 2B, 2C. The number given
 * is never changed; only its label, and only when it is held twice.
 */
export function queueLabels(visits: readonly { id: string; number: number; arrivedAt: string }[]): Map<string, string> {
  const byNumber = new Map<number, { id: string; arrivedAt: string }[]>();
  for (const v of visits) byNumber.set(v.number, [...(byNumber.get(v.number) ?? []), v]);
  const labels = new Map<string, string>();
  for (const [number, holders] of byNumber) {
    holders.sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt) || a.id.localeCompare(b.id));
    holders.forEach((h, i) => labels.set(h.id, i === 0 ? String(number) : `${number}${String.fromCharCode(65 + Math.min(i, 25))}`));
  }
  return labels;
}

/** Whole-minute average, or null for none. */
export function averageMinutes(values: number[]): number | null {
  if (!values.length) return null;
  return Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

/** The three groups of the waiting list, in the order the desk works them (issue 21). */
export type ListGroup = 'waiting' | 'inCare' | 'left';

export function listGroup(status: VisitStatus): ListGroup {
  return isWaiting(status) ? 'waiting' : status === 'left' ? 'left' : 'inCare';
}

/**
 * The waiting list's order: who still needs the door first (waiting, longest wait first: earliest
 * arrival), then those already with a consultant or doctor (the earliest handed on first), then
 * those who left (the latest first). Ties by id, the same on every desk.
 */
export function waitingListOrder<T extends { id: string; status: VisitStatus; arrivedAt: string; waitEndedAt: string | null; leftAt: string | null }>(rows: readonly T[]): T[] {
  const rank: Record<ListGroup, number> = { waiting: 0, inCare: 1, left: 2 };
  const key = (r: T) => {
    const g = listGroup(r.status);
    return g === 'waiting' ? r.arrivedAt : g === 'inCare' ? (r.waitEndedAt ?? r.arrivedAt) : r.leftAt ?? r.arrivedAt;
  };
  return [...rows].sort((a, b) => {
    const ga = listGroup(a.status);
    const gb = listGroup(b.status);
    if (ga !== gb) return rank[ga] - rank[gb];
    const order = ga === 'left' ? key(b).localeCompare(key(a)) : key(a).localeCompare(key(b));
    return order || a.id.localeCompare(b.id);
  });
}
