import { adminRoles, staffRoleNames, type StaffRole } from '../reference/schemas';
import { addDays, addMonths, mondayWeek, weekday } from '../time';

/**
 * Pure rules of the inspections (DOMAIN.md §3): which penalty ladder applies, the look-back
 * window, the next step of the ladder, template versions, the week's and month's status, the
 * month's figures. No I/O: handlers and screens call these.
 */

/** 班前检查, 每周自查, 服务质量检查小组, 集团行政查房. */
export const inspectionKinds = ['preShift', 'weekly', 'headOffice', 'rounds'] as const;
export type InspectionKind = (typeof inspectionKinds)[number];

export type Mark = 'pass' | 'fail' | 'na';

/** Which ladder a finding climbs: the clinic's own checks, head office's, or the clinic's flat rule. */
export type Ladder = 'self' | 'headOffice' | 'flat';

export const measures = ['none', 'warning', 'fine', 'fineProbation', 'criticism', 'dismissal', 'flatFine'] as const;
export type Measure = (typeof measures)[number];

/**
 * Who may run and sign each kind (seed 001 五、检查管理制度; DOMAIN.md §3), in the app's roles:
 * - 班前检查: "the department head checks each guide": the guides' 导医组长 and 客服部's 客服主任.
 * - 每周自查: "行政院长带队或指定人员": the dean, or a 检查员 (the self-inspection team's member).
 * - 服务质量检查小组: "组成:客服总监、京内各机构客服主任".
 * - 集团行政查房: "组成:总经理、客服总监、医务部总监、总经理办公室主任": 总经理, 客服总监 and 总经办
 *   (the app has no 医务部总监 role yet).
 */
export const kindRoles: Record<InspectionKind, readonly StaffRole[]> = {
  preShift: ['guideLead', 'csDirector'],
  weekly: ['dean', 'inspector'],
  headOffice: ['hoCsDirector', 'csDirector'],
  rounds: ['hoCsDirector', 'gmOffice', 'gm'],
};

/** The kinds a role may run and sign (the start screen offers only these). */
export function kindsFor(role: StaffRole): InspectionKind[] {
  return inspectionKinds.filter((k) => kindRoles[k].includes(role));
}

/** Turning a signed fail into a pass takes a lead (导医组长, 客服主任, 行政院长, 客服总监) and a reason; it stays visible as a correction. */
export const passCorrectionRoles: readonly StaffRole[] = adminRoles;

/** The roles of a kind in the staff's words, for refusals: "行政院长、检查员". */
export function roleNamesOf(roles: readonly StaffRole[]): string {
  return roles.map((r) => staffRoleNames[r]).join('、');
}

/**
 * How a repeat is counted. Seed 001 (六)(二): "初次违反…口头及书面警告; 对于再次违反仪容仪表、行为举止
 * 规范…50 元或 100 元; 对于同一名员工第三次出现同一个问题的,处罚金 200 元,并留岗查看". The second step
 * names the rules broken again, the third "the same problem": `anyViolation` (the default) reads it
 * so — any earlier failure makes the 2nd step, the 3rd needs the same item twice before; `sameItem`
 * counts every step by the same item (DOMAIN.md's "same staff member, same problem").
 */
export const repeatCountings = ['anyViolation', 'sameItem'] as const;
export type RepeatCounting = (typeof repeatCountings)[number];

export interface PenaltySettings {
  /** Earlier failures count if they are this many months back or less (default 12). */
  penaltyWindowMonths: number;
  /** The clinic's flat rule (e.g. ¥10 per violation at the pre-shift check); null = the ladders. */
  flatAmount: number | null;
  flatKinds: InspectionKind[];
  /** Absent on settings saved before it existed: the default. */
  repeatCounting?: RepeatCounting;
}

export const defaultPenaltySettings: PenaltySettings = { penaltyWindowMonths: 12, flatAmount: null, flatKinds: ['preShift'] };
export const DEFAULT_REPEAT_COUNTING: RepeatCounting = 'anyViolation';

/** Findings of the clinic's own checks climb one ladder, head office's another; the flat rule replaces them where the clinic set it. */
export function ladderFor(kind: InspectionKind, settings: PenaltySettings): Ladder {
  if (settings.flatAmount !== null && settings.flatKinds.includes(kind)) return 'flat';
  return kind === 'preShift' || kind === 'weekly' ? 'self' : 'headOffice';
}

/** Kinds whose earlier findings count towards this kind's ladder ("same problem found the same way"). */
export function sameLadderKinds(kind: InspectionKind): InspectionKind[] {
  return kind === 'preShift' || kind === 'weekly' ? ['preShift', 'weekly'] : ['headOffice', 'rounds'];
}

/** `YYYY-MM-DD` minus whole months; the 31st of a shorter month becomes its last day. */
export function monthsBefore(date: string, months: number): string {
  return addMonths(date, -months);
}

export interface Finding {
  inspectionId: string;
  date: string;
  kind: InspectionKind;
  staffId: string;
  itemId: string;
}

/**
 * Earlier failures of the same staff member on the same item (or, with `anyItem`, on any item),
 * found on the same ladder, within the window: after the day `windowMonths` before, and before this
 * finding (an earlier day, or the same day in an earlier inspection — inspection ids sort by creation).
 */
export function earlierFailures(all: Finding[], now: Finding, windowMonths: number, anyItem = false): Finding[] {
  const from = monthsBefore(now.date, windowMonths);
  const kinds = sameLadderKinds(now.kind);
  return all.filter(
    (f) =>
      f.staffId === now.staffId &&
      (anyItem || f.itemId === now.itemId) &&
      kinds.includes(f.kind) &&
      f.date > from &&
      (f.date < now.date || (f.date === now.date && f.inspectionId < now.inspectionId)),
  );
}

/** Which step of the ladder this failure is (1, 2, 3), counted as the clinic's setting reads seed 001. */
export function occurrenceOf(all: Finding[], now: Finding, settings: PenaltySettings): number {
  const earlier = earlierFailures(all, now, settings.penaltyWindowMonths, true);
  // Several failures found by one inspection are one occasion: "再次" is another inspection.
  const occasions = (fs: Finding[]) => new Set(fs.map((f) => f.inspectionId)).size;
  const sameItem = occasions(earlier.filter((f) => f.itemId === now.itemId));
  if (sameItem >= 2 || (settings.repeatCounting ?? DEFAULT_REPEAT_COUNTING) === 'sameItem') return sameItem + 1;
  return occasions(earlier) >= 1 ? 2 : 1;
}

export interface Proposal {
  ladder: Ladder;
  /** The only amounts the rule allows for the person, where it names them (自查 2nd step: 50 or 100); null = the range amount–amountMax. */
  amounts?: readonly number[] | undefined;
  /** 1 = first time, 2 = second, 3 = third or more. */
  occurrence: number;
  measure: Measure;
  /** Fine for the person (¥); the lowest of the range where the rule gives one. */
  amount: number;
  /** Upper end of the rule's range for the person (¥), for the person deciding. */
  amountMax: number;
  /** The direct supervisor and the department head (自查: fined the same, or informed on a 1st). */
  supervisorAmount: number;
  deptHeadAmount: number;
  informSuperiors: boolean;
}

/**
 * The next step of the ladder for the `occurrence`-th failure (1-based):
 * self-inspection: 1st warning, supervisor and department head informed; 2nd ¥50-100 for the
 * person and the same for both; 3rd ¥200 + 留岗查看, the same for both.
 * Head office: 1st clinic-wide criticism; 2nd ¥100-1,000 by degree; 3rd dismissal.
 * Flat rule: the clinic's amount for every violation.
 */
export function proposePenalty(ladder: Ladder, occurrence: number, settings: PenaltySettings): Proposal {
  const n = Math.max(1, Math.floor(occurrence));
  const base = { ladder, occurrence: n };
  if (ladder === 'flat') {
    const amount = settings.flatAmount ?? 0;
    return { ...base, measure: 'flatFine', amount, amountMax: amount, supervisorAmount: 0, deptHeadAmount: 0, informSuperiors: false };
  }
  if (ladder === 'self') {
    if (n === 1) return { ...base, measure: 'warning', amount: 0, amountMax: 0, supervisorAmount: 0, deptHeadAmount: 0, informSuperiors: true };
    if (n === 2) return { ...base, measure: 'fine', amount: 50, amountMax: 100, amounts: SELF_SECOND_AMOUNTS, supervisorAmount: 50, deptHeadAmount: 50, informSuperiors: true };
    return { ...base, measure: 'fineProbation', amount: 200, amountMax: 200, supervisorAmount: 200, deptHeadAmount: 200, informSuperiors: true };
  }
  if (n === 1) return { ...base, measure: 'criticism', amount: 0, amountMax: 0, supervisorAmount: 0, deptHeadAmount: 0, informSuperiors: false };
  if (n === 2) return { ...base, measure: 'fine', amount: 100, amountMax: 1000, supervisorAmount: 0, deptHeadAmount: 0, informSuperiors: false };
  return { ...base, measure: 'dismissal', amount: 0, amountMax: 0, supervisorAmount: 0, deptHeadAmount: 0, informSuperiors: false };
}

export interface Decision {
  measure: Measure;
  amount: number;
  supervisorAmount: number;
  deptHeadAmount: number;
}

/** A decision that differs from the proposal needs a reason (who changed it and why is kept). */
export function decisionDiffers(proposal: Proposal, decision: Decision): boolean {
  return (
    proposal.measure !== decision.measure ||
    proposal.amount !== decision.amount ||
    proposal.supervisorAmount !== decision.supervisorAmount ||
    proposal.deptHeadAmount !== decision.deptHeadAmount
  );
}

/** Seed 001: "视情节轻重,当场做 50 元或 100 元的现金处罚" — one or the other, nothing between. */
export const SELF_SECOND_AMOUNTS = [50, 100] as const;

/**
 * What is wrong with a decision's amounts whatever the reason: a 2nd self-inspection fine is ¥50 or
 * ¥100 (a reason may change the measure, not invent an amount between). Field → message; empty
 * when the amounts are ones the rule allows.
 */
export function decisionProblems(proposal: Proposal, decision: Decision): Record<string, string> {
  const out: Record<string, string> = {};
  if (proposal.amounts && decision.measure === proposal.measure && !proposal.amounts.includes(decision.amount)) out.amount = `the fine is ¥${proposal.amounts.join(' or ¥')}`;
  return out;
}

/** Within the rule's range (a 2nd self-inspection fine may be ¥50 or ¥100) no reason is needed. */
export function needsReason(proposal: Proposal, decision: Decision): boolean {
  if (!decisionDiffers(proposal, decision)) return false;
  const inRange =
    proposal.measure === decision.measure &&
    decision.amount >= proposal.amount &&
    decision.amount <= proposal.amountMax &&
    (proposal.ladder !== 'self' || (decision.supervisorAmount === decision.amount && decision.deptHeadAmount === decision.amount)) &&
    (proposal.ladder === 'self' || (decision.supervisorAmount === proposal.supervisorAmount && decision.deptHeadAmount === proposal.deptHeadAmount));
  return !inRange;
}

/** The version a clinic's edit of a template gets: one above the latest (the shipped default is 0). */
export function nextTemplateVersion(versions: number[]): number {
  return versions.length ? Math.max(...versions) + 1 : 1;
}

/** The first thing wrong with a template's items, keyed by its rule (shared/inspection/refusals.ts), or null when it is usable. */
export function templateProblem(items: { id: string; label: string }[]): { field: string; rule: 'templateNoItems' | 'itemIdRepeats'; params: Record<string, string>; message: string } | null {
  if (!items.length) return { field: 'items', rule: 'templateNoItems', params: {}, message: 'a checklist needs at least one item' };
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (seen.has(item.id)) return { field: `items.${i}.id`, rule: 'itemIdRepeats', params: { id: item.id }, message: `item id ${item.id} repeats` };
    seen.add(item.id);
  }
  return null;
}

/** Pass / fail / n.a. counts of a set of marks (the inspector's running count). */
export function tally(marks: Mark[]): { pass: number; fail: number; na: number; total: number } {
  const out = { pass: 0, fail: 0, na: 0, total: marks.length };
  for (const m of marks) out[m] += 1;
  return out;
}

/** Monday and Sunday of the clinic week that contains `date` (shared/time.ts). */
export const weekOf = mondayWeek;

export type WeekStatus = 'done' | 'due' | 'overdue';

/**
 * Whether a clinic week counts in the 每周自查 compliance (issue 19): a week signed always does; an
 * unsigned one only once its Friday has passed and only from the clinic's first use — weeks that
 * begin on or after the clinic day it was set up (`since`, its clinic document's creation), so a
 * clinic does not start out failing every week of the range before it used the app.
 */
export function weekCounts(week: { from: string }, done: boolean, today: string, since: string): boolean {
  if (done) return true;
  const friday = addDays(week.from, 4);
  return week.from >= since && friday < today;
}

/** The same for a month's head-office visit: unvisited months count once over, from the month after first use. */
export function monthCounts(month: string, lastDay: string, done: boolean, today: string, since: string): boolean {
  if (done) return true;
  return `${month}-01` >= since && lastDay < today;
}

/**
 * This week's 每周自查: done once a signed weekly inspection is dated in the week; otherwise due
 * up to and including Friday (the week's figures go out on Friday, DOMAIN.md §5), overdue after.
 */
export function weekStatus(today: string, signedWeeklyDates: string[]): WeekStatus {
  const { from, to } = weekOf(today);
  if (signedWeeklyDates.some((d) => d >= from && d <= to)) return 'done';
  const dow = (weekday(today) + 6) % 7; // Monday = 0
  return dow <= 4 ? 'due' : 'overdue';
}

/** This month's head-office visit (服务质量检查小组, at least monthly): done once one is dated in the month. */
export function monthVisitStatus(today: string, headOfficeDates: string[]): 'done' | 'due' {
  const month = today.slice(0, 7);
  return headOfficeDates.some((d) => d.slice(0, 7) === month) ? 'done' : 'due';
}

/** This year's 集团行政查房 (at least once a year per clinic): done once one is signed in the year. */
export function yearRoundsStatus(today: string, roundsDates: string[]): 'done' | 'due' {
  const year = today.slice(0, 4);
  return roundsDates.some((d) => d.slice(0, 4) === year) ? 'done' : 'due';
}

export interface MarkRow {
  staffId: string;
  itemId: string;
  mark: Mark;
}

/** Pass rate per item over marks that apply (n.a. not counted); null when nothing was checked. */
export function passRates(rows: MarkRow[]): Map<string, { pass: number; fail: number; rate: number | null }> {
  const out = new Map<string, { pass: number; fail: number; rate: number | null }>();
  for (const r of rows) {
    const e = out.get(r.itemId) ?? { pass: 0, fail: 0, rate: null };
    if (r.mark === 'pass') e.pass += 1;
    if (r.mark === 'fail') e.fail += 1;
    const n = e.pass + e.fail;
    e.rate = n ? e.pass / n : null;
    out.set(r.itemId, e);
  }
  return out;
}

/** Staff with two or more failures in the period (any item), most failures first. */
export function repeatOffenders(rows: MarkRow[]): { staffId: string; failures: number }[] {
  const count = new Map<string, number>();
  for (const r of rows) if (r.mark === 'fail') count.set(r.staffId, (count.get(r.staffId) ?? 0) + 1);
  return [...count.entries()]
    .filter(([, n]) => n >= 2)
    .map(([staffId, failures]) => ({ staffId, failures }))
    .sort((a, b) => b.failures - a.failures || a.staffId.localeCompare(b.staffId));
}

/**
 * 服务之星 candidates: staff inspected in the month without a single failure, most items passed
 * first. A person decides; this only suggests.
 */
export function starCandidates(rows: MarkRow[], limit = 5): { staffId: string; passed: number }[] {
  const passed = new Map<string, number>();
  const failed = new Set<string>();
  for (const r of rows) {
    if (r.mark === 'fail') failed.add(r.staffId);
    if (r.mark === 'pass') passed.set(r.staffId, (passed.get(r.staffId) ?? 0) + 1);
  }
  return [...passed.entries()]
    .filter(([id]) => !failed.has(id))
    .map(([staffId, n]) => ({ staffId, passed: n }))
    .sort((a, b) => b.passed - a.passed || a.staffId.localeCompare(b.staffId))
    .slice(0, limit);
}

/** The largest photo main accepts (bytes after base64 decoding): fits the 256 KiB contract limit as base64. */
export const MAX_PHOTO_BYTES = 180 * 1024;

/** What kind of image the bytes are, by their magic numbers; null for anything else. */
export function imageKind(bytes: Uint8Array): 'jpeg' | 'png' | 'webp' | null {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47 && b(4) === 0x0d && b(5) === 0x0a && b(6) === 0x1a && b(7) === 0x0a) return 'png';
  if (b(0) === 0x52 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x46 && b(8) === 0x57 && b(9) === 0x45 && b(10) === 0x42 && b(11) === 0x50) return 'webp';
  return null;
}
