/**
 * 处理结果说明: what the written result of the handling tells the patient. Seed 004 "客户反馈：处理完毕后，
 * 主动联系客户，说明处理结果…书面回复：…向客户提供正式的处理结果说明": only once the case is closed; the
 * result is the plan the patient agreed to (the proposal before the last 患者同意, with its refund and
 * compensation), or — closed as handed to legal (flow chart "患者不同意 交由集团法务部处理") — that hand-over,
 * never a plan she refused. Nothing internal (penalties, approvals, deadlines) is part of it.
 */
export interface ResultEvent {
  kind: string;
  at: string;
  data: Record<string, unknown>;
  ignored?: boolean;
}

export type HandlingOutcome = { kind: 'agreed'; solution: string; refund: number; compensation: number } | { kind: 'legal' };

export interface HandlingResult {
  findings: string;
  outcome: HandlingOutcome | null;
  closedAt: string;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The written result of a case from its events in order, or null while it is not closed. */
export function handlingResult(events: readonly ResultEvent[]): HandlingResult | null {
  const live = events.filter((e) => !e.ignored);
  const closeAt = live.findLastIndex((e) => e.kind === 'close');
  if (closeAt < 0) return null;
  const close = live[closeAt]!;
  const before = live.slice(0, closeAt);
  const findings = String(before.findLast((e) => e.kind === 'investigate')?.data.findings ?? '');
  if (close.data.handedToLegal === true) return { findings, outcome: { kind: 'legal' }, closedAt: close.at };
  const agreedAt = before.findLastIndex((e) => e.kind === 'negotiate' && e.data.agreed === true);
  const plan = agreedAt < 0 ? undefined : before.slice(0, agreedAt).findLast((e) => e.kind === 'propose');
  const outcome: HandlingOutcome | null = plan ? { kind: 'agreed', solution: String(plan.data.solution ?? ''), refund: num(plan.data.refund), compensation: num(plan.data.compensation) } : null;
  return { findings, outcome, closedAt: close.at };
}
