import type { ComplaintFact, ComplaintFigures, ComplaintFilter, InspectionFacts, InspectionFigures, InspectionFilter, InspectionRecords, Period } from './schemas';
import { add, periodOf, periodsBetween, ranked } from './rules';
import { repeatOffenders } from '../inspection/rules';
import { penaltyLevels, stepKeys } from '../complaints/rules';
import { clinicDate } from '../time';

/**
 * Pure rules of head office's complaint and inspection figures. The main process turns each
 * clinic's cases and inspections into facts (one line per case, per mark, per penalty); a figure is
 * a count of facts, and its drill-down is the same facts filtered by the same test, so the list
 * behind a figure always has exactly the figure's number of lines.
 */

const inPeriod = (period: Period) => (f: { clinic: string; date: string }) => f.date >= period.from && f.date <= period.to && (period.clinic === null || f.clinic === period.clinic);

/** Whether a case belongs to a complaint figure (the drill-down's test). */
export function complaintMatches(f: ComplaintFact, filter: ComplaintFilter): boolean {
  const v = filter.value;
  switch (filter.kind) {
    case 'all':
      return true;
    case 'open':
      return !f.closed;
    case 'closed':
      return f.closed;
    case 'overdue':
      return f.overdue;
    case 'step':
      return f.step === v;
    case 'overdueDeadline':
      return v === null ? f.overdueDeadlines.length > 0 : f.overdueDeadlines.includes(v);
    case 'category':
      return (f.category ?? 'none') === v;
    case 'channel':
      return f.channel === v;
    case 'refund':
      return f.refund > 0;
    case 'compensation':
      return f.compensation > 0;
    case 'money':
      return f.refund > 0 || f.compensation > 0;
    case 'level':
      return v === null ? f.penaltyLevels.length > 0 : f.penaltyLevels.includes(v);
    case 'closeLimit':
      return f.closeLimit === v;
    case 'satisfaction':
      return f.satisfaction === v;
  }
}

/**
 * What a clinic day's complaints add to the figures (issue 16): counts and sums, no case. Kept per
 * day, so that any period and grain is the sum of its days' tallies; money in fen and days to close
 * in tenths, so that a sum is the same in any order. Plain data: head office keeps them on disk
 * beside the store (src-main/headoffice/qualityCache.ts).
 */
export interface ComplaintTally {
  clinic: string;
  date: string;
  total: number;
  open: number;
  overdue: number;
  closedLate: number;
  /** Cases not through every step, by the step they wait at: [open, past a deadline]. */
  byStep: Record<string, [number, number]>;
  overdueDeadlines: Record<string, number>;
  byCategory: Record<string, number>;
  byChannel: Record<string, number>;
  levels: Record<string, number>;
  satisfaction: Record<string, number>;
  closing: { inTime: number; late: number; overdue: number; open: number };
  /** [cases, fen]. */
  refunds: [number, number];
  compensation: [number, number];
  /** Days from acceptance to closing, in tenths, and how many closed cases they are of. */
  tenths: number;
  closedTimed: number;
  /** Years whose deadlines were counted Monday-Friday, without the year's holiday calendar (issue 18). */
  missingYears: number[];
}

const bump = (r: Record<string, number>, key: string, n = 1) => {
  r[key] = (r[key] ?? 0) + n;
};
const fen = (yuan: number) => Math.round(yuan * 100);

function emptyComplaintTally(clinic: string, date: string): ComplaintTally {
  return { clinic, date, total: 0, open: 0, overdue: 0, closedLate: 0, byStep: {}, overdueDeadlines: {}, byCategory: {}, byChannel: {}, levels: {}, satisfaction: {}, closing: { inTime: 0, late: 0, overdue: 0, open: 0 }, refunds: [0, 0], compensation: [0, 0], tenths: 0, closedTimed: 0, missingYears: [] };
}

/** Adds one case to a tally. */
export function addComplaint(t: ComplaintTally, f: ComplaintFact): void {
  t.total += 1;
  if (!f.closed) t.open += 1;
  if (f.step !== 'done') {
    const s = (t.byStep[f.step] ??= [0, 0]);
    s[0] += 1;
    if (f.overdueDeadlines.length) s[1] += 1;
  }
  if (f.overdue) t.overdue += 1;
  if (f.closeLimit === 'late') t.closedLate += 1;
  for (const d of f.overdueDeadlines) bump(t.overdueDeadlines, d);
  bump(t.byCategory, f.category ?? 'none');
  bump(t.byChannel, f.channel);
  for (const l of f.penaltyLevels) bump(t.levels, l);
  if (f.satisfaction) bump(t.satisfaction, f.satisfaction);
  if (f.refund > 0) {
    t.refunds[0] += 1;
    t.refunds[1] += fen(f.refund);
  }
  if (f.compensation > 0) {
    t.compensation[0] += 1;
    t.compensation[1] += fen(f.compensation);
  }
  if (f.closeLimit) t.closing[f.closeLimit] += 1;
  if (f.daysToClose !== null) {
    t.tenths += Math.round(f.daysToClose * 10);
    t.closedTimed += 1;
  }
  for (const y of f.missingCalendarYears ?? []) if (!t.missingYears.includes(y)) t.missingYears.push(y);
}

/** The cases' tallies, one per clinic day, in the order the days first appear. */
export function tallyComplaints(facts: readonly ComplaintFact[]): ComplaintTally[] {
  const days = new Map<string, ComplaintTally>();
  for (const f of facts) {
    const k = `${f.clinic}|${f.date}`;
    let t = days.get(k);
    if (!t) days.set(k, (t = emptyComplaintTally(f.clinic, f.date)));
    addComplaint(t, f);
  }
  return [...days.values()];
}

const addAll = (into: Map<string, number>, from: Record<string, number>) => {
  for (const [k, n] of Object.entries(from)) add(into, k, n);
};

/** The complaints received in the period, as the dashboard shows them. */
export function complaintFigures(period: Period, facts: readonly ComplaintFact[], clinicNames: Map<string, string>): ComplaintFigures {
  return complaintFiguresOf(period, tallyComplaints(facts.filter(inPeriod(period))), clinicNames);
}

/** The same figures from the clinic days' tallies (those outside the period are left out). */
export function complaintFiguresOf(period: Period, tallies: readonly ComplaintTally[], clinicNames: Map<string, string>): ComplaintFigures {
  const days = tallies.filter(inPeriod(period));
  const periods = periodsBetween(period.from, period.to, period.grain);
  const index = new Map(periods.map((p, i) => [p, i]));
  const received = periods.map(() => 0);
  const byStep = new Map<string, { open: number; overdue: number }>();
  const overdueDeadlines = new Map<string, number>();
  const byCategory = new Map<string, number>();
  const byChannel = new Map<string, number>();
  const levels = new Map<string, number>();
  const satisfaction = new Map<string, number>();
  const byClinic = new Map<string, { received: number; open: number; overdue: number; closedLate: number }>();
  const closing = { inTime: 0, late: 0, overdue: 0, open: 0 };
  const refunds = { cases: 0, fen: 0 };
  const compensation = { cases: 0, fen: 0 };
  let total = 0;
  let open = 0;
  let overdue = 0;
  let tenths = 0;
  let closedTimed = 0;
  for (const t of days) {
    received[index.get(periodOf(t.date, period.grain))!]! += t.total;
    const c = byClinic.get(t.clinic) ?? { received: 0, open: 0, overdue: 0, closedLate: 0 };
    c.received += t.total;
    c.open += t.open;
    c.overdue += t.overdue;
    c.closedLate += t.closedLate;
    byClinic.set(t.clinic, c);
    total += t.total;
    open += t.open;
    overdue += t.overdue;
    for (const [key, [o, late]] of Object.entries(t.byStep)) {
      const s = byStep.get(key) ?? { open: 0, overdue: 0 };
      s.open += o;
      s.overdue += late;
      byStep.set(key, s);
    }
    addAll(overdueDeadlines, t.overdueDeadlines);
    addAll(byCategory, t.byCategory);
    addAll(byChannel, t.byChannel);
    addAll(levels, t.levels);
    addAll(satisfaction, t.satisfaction);
    refunds.cases += t.refunds[0];
    refunds.fen += t.refunds[1];
    compensation.cases += t.compensation[0];
    compensation.fen += t.compensation[1];
    for (const k of ['inTime', 'late', 'overdue', 'open'] as const) closing[k] += t.closing[k];
    tenths += t.tenths;
    closedTimed += t.closedTimed;
  }
  const stepOrder = (key: string) => stepKeys.indexOf(key as never);
  return {
    periods,
    received,
    total,
    open,
    closed: total - open,
    overdue,
    byStep: [...byStep].map(([key, s]) => ({ key, ...s })).sort((a, b) => stepOrder(a.key) - stepOrder(b.key) || a.key.localeCompare(b.key)),
    overdueDeadlines: ranked(overdueDeadlines),
    byCategory: ranked(byCategory),
    byChannel: ranked(byChannel),
    refunds: { cases: refunds.cases, yuan: refunds.fen / 100 },
    compensation: { cases: compensation.cases, yuan: compensation.fen / 100 },
    penaltyLevels: [...levels].map(([key, count]) => ({ key, count })).sort((a, b) => penaltyLevels.indexOf(a.key as never) - penaltyLevels.indexOf(b.key as never) || a.key.localeCompare(b.key)),
    closing: { ...closing, averageDays: closedTimed ? Math.round(tenths / closedTimed) / 10 : null },
    satisfaction: ranked(satisfaction),
    byClinic: [...byClinic].map(([key, c]) => ({ key, name: clinicNames.get(key) ?? key, ...c })).sort((a, b) => a.key.localeCompare(b.key)),
    missingCalendarYears: [...new Set(days.flatMap((t) => t.missingYears ?? []))].sort((a, b) => a - b),
  };
}

/** The cases behind a complaint figure, oldest first. */
export function complaintRecords(period: Period, facts: readonly ComplaintFact[], filter: ComplaintFilter): ComplaintFact[] {
  return facts.filter(inPeriod(period)).filter((f) => complaintMatches(f, filter)).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
}

/** The facts of the period and clinic. */
function inspectionScope(period: Period, facts: InspectionFacts): InspectionFacts {
  const keep = inPeriod(period);
  return {
    inspections: facts.inspections.filter(keep),
    marks: facts.marks.filter(keep),
    penalties: facts.penalties.filter(keep),
    // A week counts when it begins in the period.
    weeks: facts.weeks.filter((w) => keep({ clinic: w.clinic, date: w.from })),
    // A month counts when it begins in the period.
    months: facts.months.filter((m) => keep({ clinic: m.clinic, date: `${m.month}-01` })),
    stars: facts.stars.filter((s) => (period.clinic === null || s.clinic === period.clinic) && s.month >= period.from.slice(0, 7) && s.month <= period.to.slice(0, 7)),
  };
}

/** The inspection domain's repeat offenders (two or more failures, most first), with their clinic and name. */
function offenders(marks: InspectionFacts['marks']) {
  const who = new Map(marks.map((m) => [m.staffId, m]));
  return repeatOffenders(marks).map((o) => ({ key: o.staffId, clinic: who.get(o.staffId)!.clinic, name: who.get(o.staffId)!.staffName, failures: o.failures }));
}

/**
 * A clinic day's marks, counted (issue 16): a year of ten clinics is ~120,000 marks, ~500 tallies.
 * Per staff member: failures and the name on their last mark (the name the figures show).
 */
export interface MarkTally {
  clinic: string;
  date: string;
  pass: number;
  fail: number;
  /** By the item's text: [pass, fail]. */
  items: Record<string, [number, number]>;
  staff: Record<string, [failures: number, name: string]>;
}

/** The marks' tallies, one per clinic day, in the order the days first appear. */
export function tallyMarks(marks: InspectionFacts['marks']): MarkTally[] {
  const days = new Map<string, MarkTally>();
  for (const m of marks) {
    const k = `${m.clinic}|${m.date}`;
    let t = days.get(k);
    if (!t) days.set(k, (t = { clinic: m.clinic, date: m.date, pass: 0, fail: 0, items: {}, staff: {} }));
    const fail = m.mark === 'fail' ? 1 : 0;
    t[m.mark] += 1;
    const item = (t.items[m.label] ??= [0, 0]);
    item[fail] += 1;
    const who = t.staff[m.staffId];
    t.staff[m.staffId] = [(who?.[0] ?? 0) + fail, m.staffName];
  }
  return [...days.values()];
}

/** The inspections of the period, as the dashboard shows them. */
export function inspectionFigures(period: Period, all: InspectionFacts, clinicNames: Map<string, string>): InspectionFigures {
  return inspectionFiguresOf(period, all, tallyMarks(all.marks.filter(inPeriod(period))), clinicNames);
}

/** The same figures with the marks counted per clinic day (the facts' own marks are not read). */
export function inspectionFiguresOf(period: Period, all: Omit<InspectionFacts, 'marks'>, tallies: readonly MarkTally[], clinicNames: Map<string, string>): InspectionFigures {
  const facts = inspectionScope(period, { ...all, marks: [] });
  const days = tallies.filter(inPeriod(period));
  const periods = periodsBetween(period.from, period.to, period.grain);
  const index = new Map(periods.map((p, i) => [p, i]));
  const done = periods.map(() => 0);
  const byKind = new Map<string, number>();
  const byClinic = new Map<string, InspectionFigures['byClinic'][number]>();
  const clinic = (key: string) => byClinic.get(key) ?? byClinic.set(key, { key, name: clinicNames.get(key) ?? key, weeklyDue: 0, weeklyDone: 0, teamDue: 0, teamDone: 0, inspections: 0, pass: 0, fail: 0, penalties: 0, yuan: 0 }).get(key)!;
  for (const i of facts.inspections) {
    done[index.get(periodOf(i.date, period.grain))!]! += 1;
    add(byKind, i.kind);
    clinic(i.clinic).inspections += 1;
  }
  for (const w of facts.weeks) {
    const c = clinic(w.clinic);
    c.weeklyDue += 1;
    if (w.done) c.weeklyDone += 1;
  }
  for (const m of facts.months) {
    const c = clinic(m.clinic);
    c.teamDue += 1;
    if (m.done) c.teamDone += 1;
  }
  const items = new Map<string, { pass: number; fail: number }>();
  const failures = new Map<string, number>();
  const who = new Map<string, { clinic: string; name: string }>();
  let pass = 0;
  let fail = 0;
  for (const t of days) {
    pass += t.pass;
    fail += t.fail;
    const c = clinic(t.clinic);
    c.pass += t.pass;
    c.fail += t.fail;
    for (const [label, [p, f]] of Object.entries(t.items)) {
      const e = items.get(label) ?? { pass: 0, fail: 0 };
      e.pass += p;
      e.fail += f;
      items.set(label, e);
    }
    for (const [staffId, [f, name]] of Object.entries(t.staff)) {
      if (f) add(failures, staffId, f);
      who.set(staffId, { clinic: t.clinic, name });
    }
  }
  const byMeasure = new Map<string, number>();
  for (const p of facts.penalties) {
    add(byMeasure, p.measure);
    const c = clinic(p.clinic);
    c.penalties += 1;
    c.yuan += p.yuan;
  }
  return {
    periods,
    done,
    byKind: ranked(byKind),
    weekly: { due: facts.weeks.length, done: facts.weeks.filter((w) => w.done).length },
    teamVisits: { due: facts.months.length, done: facts.months.filter((m) => m.done).length },
    marks: { pass, fail },
    passRate: pass + fail ? pass / (pass + fail) : null,
    items: [...items]
      .map(([key, e]) => ({ key, ...e, rate: e.pass + e.fail ? e.pass / (e.pass + e.fail) : null }))
      .sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || b.fail - a.fail || a.key.localeCompare(b.key)),
    // As the inspection domain's repeatOffenders: two or more failures, most first.
    repeatOffenders: [...failures]
      .filter(([, n]) => n >= 2)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([key, n]) => ({ key, clinic: who.get(key)!.clinic, name: who.get(key)!.name, failures: n })),
    penalties: { count: facts.penalties.length, yuan: facts.penalties.reduce((s, p) => s + p.yuan, 0) },
    byMeasure: ranked(byMeasure),
    stars: [...facts.stars].sort((a, b) => a.month.localeCompare(b.month) || a.clinic.localeCompare(b.clinic)),
    byClinic: [...byClinic.values()].sort((a, b) => a.key.localeCompare(b.key)),
  };
}

/** The records behind an inspection figure: only the list the filter is about is filled. */
export function inspectionRecords(period: Period, all: InspectionFacts, filter: InspectionFilter): InspectionRecords {
  const facts = inspectionScope(period, all);
  const out: InspectionRecords = { inspections: [], marks: [], penalties: [], weeks: [], months: [] };
  const v = filter.value;
  switch (filter.kind) {
    case 'inspections':
      out.inspections = facts.inspections.filter((i) => v === null || i.kind === v);
      break;
    case 'weeksMissed':
      out.weeks = facts.weeks.filter((w) => !w.done);
      break;
    case 'teamMissed':
      out.months = facts.months.filter((m) => !m.done);
      break;
    case 'item':
      out.marks = facts.marks.filter((m) => m.label === v);
      break;
    case 'offender': {
      const who = v === null ? new Set(offenders(facts.marks).map((o) => o.key)) : new Set([v]);
      out.marks = facts.marks.filter((m) => m.mark === 'fail' && who.has(m.staffId));
      break;
    }
    case 'fails':
      out.marks = facts.marks.filter((m) => m.mark === 'fail');
      break;
    case 'penalties':
      out.penalties = facts.penalties.filter((p) => v === null || p.measure === v);
      break;
  }
  const byDate = (a: { date: string; id?: string; clinic: string }, b: { date: string; id?: string; clinic: string }) => a.date.localeCompare(b.date) || a.clinic.localeCompare(b.clinic) || (a.id ?? '').localeCompare(b.id ?? '');
  out.inspections.sort(byDate);
  out.marks.sort(byDate);
  out.penalties.sort(byDate);
  out.weeks.sort((a, b) => a.from.localeCompare(b.from) || a.clinic.localeCompare(b.clinic));
  out.months.sort((a, b) => a.month.localeCompare(b.month) || a.clinic.localeCompare(b.clinic));
  return out;
}

const SATISFIED = new Set(['verySatisfied', 'satisfied']);

/**
 * The complaints closed on the clinic days `from`–`to`, whenever received (the Friday figures,
 * DOMAIN.md §5): how many, how many patients were 满意 or 非常满意, and that share of those
 * whose satisfaction was recorded.
 */
export function closedBetween(facts: readonly ComplaintFact[], from: string, to: string, clinic: string | null): { complaintsClosed: number; satisfied: number; satisfactionRate: number | null } {
  const closed = facts.filter((f) => f.closedAt && (clinic === null || f.clinic === clinic) && clinicDate(f.closedAt) >= from && clinicDate(f.closedAt) <= to);
  const rated = closed.filter((f) => f.satisfaction !== null);
  const satisfied = rated.filter((f) => SATISFIED.has(f.satisfaction!)).length;
  return { complaintsClosed: closed.length, satisfied, satisfactionRate: rated.length ? satisfied / rated.length : null };
}
