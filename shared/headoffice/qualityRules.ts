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

/** The complaints received in the period, as the dashboard shows them. */
export function complaintFigures(period: Period, facts: readonly ComplaintFact[], clinicNames: Map<string, string>): ComplaintFigures {
  const cases = facts.filter(inPeriod(period));
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
  const refunds = { cases: 0, yuan: 0 };
  const compensation = { cases: 0, yuan: 0 };
  let days = 0;
  let closedTimed = 0;
  for (const f of cases) {
    received[index.get(periodOf(f.date, period.grain))!]! += 1;
    const c = byClinic.get(f.clinic) ?? { received: 0, open: 0, overdue: 0, closedLate: 0 };
    c.received += 1;
    if (!f.closed) c.open += 1;
    if (f.step !== 'done') {
      const s = byStep.get(f.step) ?? { open: 0, overdue: 0 };
      s.open += 1;
      if (f.overdueDeadlines.length) s.overdue += 1;
      byStep.set(f.step, s);
    }
    if (f.overdue) c.overdue += 1;
    if (f.closeLimit === 'late') c.closedLate += 1;
    byClinic.set(f.clinic, c);
    for (const d of f.overdueDeadlines) add(overdueDeadlines, d);
    add(byCategory, f.category ?? 'none');
    add(byChannel, f.channel);
    for (const l of f.penaltyLevels) add(levels, l);
    if (f.satisfaction) add(satisfaction, f.satisfaction);
    if (f.refund > 0) {
      refunds.cases += 1;
      refunds.yuan += f.refund;
    }
    if (f.compensation > 0) {
      compensation.cases += 1;
      compensation.yuan += f.compensation;
    }
    if (f.closeLimit) closing[f.closeLimit] += 1;
    if (f.daysToClose !== null) {
      days += f.daysToClose;
      closedTimed += 1;
    }
  }
  const open = cases.filter((f) => !f.closed).length;
  return {
    periods,
    received,
    total: cases.length,
    open,
    closed: cases.length - open,
    overdue: cases.filter((f) => f.overdue).length,
    byStep: [...byStep].map(([key, s]) => ({ key, ...s })).sort((a, b) => stepKeys.indexOf(a.key as never) - stepKeys.indexOf(b.key as never)),
    overdueDeadlines: ranked(overdueDeadlines),
    byCategory: ranked(byCategory),
    byChannel: ranked(byChannel),
    refunds,
    compensation,
    penaltyLevels: [...levels].map(([key, count]) => ({ key, count })).sort((a, b) => penaltyLevels.indexOf(a.key as never) - penaltyLevels.indexOf(b.key as never)),
    closing: { ...closing, averageDays: closedTimed ? Math.round((days / closedTimed) * 10) / 10 : null },
    satisfaction: ranked(satisfaction),
    byClinic: [...byClinic].map(([key, c]) => ({ key, name: clinicNames.get(key) ?? key, ...c })).sort((a, b) => a.key.localeCompare(b.key)),
    missingCalendarYears: [...new Set(cases.flatMap((f) => f.missingCalendarYears ?? []))].sort((a, b) => a - b),
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

/** The inspections of the period, as the dashboard shows them. */
export function inspectionFigures(period: Period, all: InspectionFacts, clinicNames: Map<string, string>): InspectionFigures {
  const facts = inspectionScope(period, all);
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
  for (const m of facts.marks) {
    const e = items.get(m.label) ?? { pass: 0, fail: 0 };
    e[m.mark] += 1;
    items.set(m.label, e);
    clinic(m.clinic)[m.mark] += 1;
  }
  const byMeasure = new Map<string, number>();
  for (const p of facts.penalties) {
    add(byMeasure, p.measure);
    const c = clinic(p.clinic);
    c.penalties += 1;
    c.yuan += p.yuan;
  }
  const pass = facts.marks.filter((m) => m.mark === 'pass').length;
  const fail = facts.marks.length - pass;
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
    repeatOffenders: offenders(facts.marks),
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
