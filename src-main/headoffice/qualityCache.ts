import type { ComplaintFact, ComplaintFigures, InspectionFacts, InspectionFigures, Period } from '../../shared/headoffice/schemas';
import { complaintFiguresOf, inspectionFiguresOf, tallyComplaints, tallyMarks, type ComplaintTally, type MarkTally } from '../../shared/headoffice/qualityRules';
import type { ClinicDoc, StaffDoc } from '../../shared/reference/schemas';
import type { StarDoc } from '../../shared/inspection/schemas';
import { monthCounts, weekCounts, weekOf } from '../../shared/inspection/rules';
import { lastDayOf, periodsBetween } from '../../shared/headoffice/rules';
import type { Db } from '../store/pouch';
import { viewContextFor } from '../complaints/cases';
import { caseView, mayRead, type ViewContext } from '../complaints/view';
import { complaintsOf, eventsByCaseOf } from '../complaints/repo';
import type { ComplaintDoc, ComplaintEventDoc } from '../complaints/storage';
import { complaintEventDocs } from '../../shared/complaints/docs';
import { effectiveMark, getDoc, recordsBetween } from '../inspection/repo';
import { serviceStarDocs } from '../../shared/inspection/docs';
import { complaintFact } from './facts';
import { followChanges, refreshed } from '../store/kept';
import { fileSaving, keptFilePath, readKeptFile, writeKeptFile, writeSoon, type FileSaving } from '../store/keptFile';
import { countsFrom } from '../reference/goLive';

/**
 * Head office's complaint and inspection figures (投诉, 仪容检查) from what was read before, kept
 * current from the changes feed (issue 16). The facts behind a figure are what `complaintFacts` /
 * `inspectionFacts` in facts.ts read from the store at every ask (~11,000 documents each for a
 * year of ten clinics); here they are kept per clinic and month, in memory, and a month is read
 * again only when the changes feed since the stored sequence names one of its documents (ids carry
 * the clinic and the day: `complaint:BJ:2026-11-27:…`, `inspection-result:BJ:2026-11-26:…`).
 *
 * - Inspections: a month keeps its signed inspections, their marks with the corrections applied,
 *   penalties, the dates of its self-checks and team visits, and its 服务之星 — none depends on the
 *   clock; an ask filters them by the period and works out the weeks and months due (which do).
 *   A result, penalty and correction carry their inspection's date in their id, so they sit in its
 *   month.
 * - Complaints: a month keeps its cases (the complaint with its events) and each case's fact as
 *   last worked out, per reader role. A case's deadlines move with the clock: a fact is kept for
 *   good once none of its deadlines is open or due soon (overdue, done, late and superseded stay
 *   so), and a case with one open (about a hundred of a year's ~970) is worked out again only once
 *   the clock passes the first such deadline's due time (nothing in a fact changes before). A change to anything else the case view reads (staff, numbers, limits, calendars,
 *   settings) drops the worked-out facts, keeping the documents.
 *
 * The figures themselves (`keptComplaintFigures`, `keptInspectionFigures`) are not worked out from
 * those facts at each ask: each clinic month keeps its sums — per clinic day, the counts the
 * dashboard shows (`ComplaintTally`, `MarkTally` in shared/headoffice/qualityRules.ts): ~500 mark
 * tallies a year of ten clinics instead of ~120,000 marks, and a complaint tally per day of the
 * cases no clock can change, with the ids of the others (about a tenth), worked out at each ask.
 * The sums are written to a file beside the store (`<store>.quality-figures.json`, with the store's
 * id and the sequence they are complete up to, after each ask that made new ones), so the first ask
 * after a start reads the changes since that sequence and only the months they touch, and the
 * clock-dependent cases by id. A file of another store, ahead of the store or of another version is
 * ignored. The drill-downs (records) still go through the facts, kept in memory only.
 *
 * Not shared between stores (a WeakMap per store). The figures equal facts.ts's, which the tests
 * check after writes, edits, deletes and a restart (tests/integration/headoffice-quality-cache.test.ts).
 */

interface CaseEntry {
  doc: ComplaintDoc;
  events: ComplaintEventDoc[];
  /** The fact per reader role, with when it was worked out and until when (ms) no clock changes it. */
  facts: Map<string, { fact: ComplaintFact; at: number; until: number; generation: number }>;
}

/** What a clinic month gives the inspection figures and records besides the marks. */
interface InspectionBase {
  /** Signed inspections, each with the dates of its failed marks (the period's end decides which count). */
  inspections: { fact: InspectionFacts['inspections'][number]; failDates: string[] }[];
  penalties: InspectionFacts['penalties'];
  weeklyDates: string[];
  teamDates: string[];
  star: { name: string; reason: string } | null;
}

interface InspectionMonth extends InspectionBase {
  marks: InspectionFacts['marks'];
}

/** A clinic month's inspection sums: its marks counted per day. */
interface InspectionSum extends InspectionBase {
  tallies: MarkTally[];
}

/** A clinic month's complaint sums for one reader: the cases no clock can change, counted per day; the others by id. */
interface ComplaintSum {
  /** When they were worked out (a clock set back is not trusted with them). */
  at: number;
  tallies: ComplaintTally[];
  clocked: string[];
}

interface State {
  seq: number | string | null;
  refreshing: Promise<void> | null;
  complaints: Map<string, Promise<CaseEntry[]>>;
  inspections: Map<string, Promise<InspectionMonth>>;
  /** Bumped when a key is dropped: a read that began before is not kept. */
  versions: Map<string, number>;
  contexts: Map<string, Promise<Omit<ViewContext, 'operator' | 'now'> & { generation: number }>>;
  /** Bumped when what the case views read besides the cases changes: facts of an older one are not used. */
  generation: number;
  inspectionSums: Map<string, InspectionSum>;
  /** Per clinic month, per reader (`role|id`). */
  complaintSums: Map<string, Map<string, ComplaintSum>>;
  /** The clock-dependent cases of a clinic month, read by id. */
  clocked: Map<string, Promise<CaseEntry[]>>;
  /** Months read from the store (facts.ts's reads) since the start: what the tests and the bench look at. */
  monthsRead: number;
  /** Whether the sums came from the file beside the store. */
  loaded: boolean;
  saving: FileSaving;
}

type KeptContext = ViewContext & { generation: number };

const states = new WeakMap<Db, State>();

function stateOf(db: Db): State {
  let s = states.get(db);
  if (!s) {
    s = { seq: null, refreshing: null, complaints: new Map(), inspections: new Map(), versions: new Map(), contexts: new Map(), generation: 0, inspectionSums: new Map(), complaintSums: new Map(), clocked: new Map(), monthsRead: 0, loaded: false, saving: fileSaving() };
    states.set(db, s);
  }
  return s;
}

/** Forgets everything kept for `db` in memory (the next ask reads the file beside the store, or as facts.ts does). */
export function forgetQualityFacts(db: Db): void {
  const s = states.get(db);
  if (s?.saving.timer) clearTimeout(s.saving.timer);
  states.delete(db);
}

/** What the kept figures of `db` have done since the start: whether they came from the file, and how many clinic months were read from the store. */
export function qualityStats(db: Db): { loaded: boolean; monthsRead: number; clocked: number } {
  const s = states.get(db);
  let clocked = 0;
  for (const byReader of s?.complaintSums.values() ?? []) for (const sum of byReader.values()) clocked += sum.clocked.length;
  return { loaded: s?.loaded ?? false, monthsRead: s?.monthsRead ?? 0, clocked };
}

const COMPLAINT_TYPES = new Set(['complaint', 'complaint-event']);
const INSPECTION_TYPES = new Set(['inspection', 'inspection-result', 'inspection-penalty', 'inspection-penalty-correction', 'inspection-correction', 'service-star']);
/** Types no complaint view reads: their changes leave the worked-out facts alone. */
const UNRELATED = new Set(['visit', 'visit-event', 'tea-event', 'customer', 'no-show', 'ho-day', 'appointment', ...INSPECTION_TYPES]);

const key = (clinic: string, month: string) => `${clinic}|${month}`;

function drop(s: State, map: Map<string, unknown>, k: string, prefix: string) {
  map.delete(k);
  if (prefix === 'c') {
    s.complaintSums.delete(k);
    s.clocked.delete(k);
  } else s.inspectionSums.delete(k);
  s.versions.set(prefix + k, (s.versions.get(prefix + k) ?? 0) + 1);
}

/** Reads the changes since the stored sequence and drops the months they touch. */
async function refresh(db: Db, s: State): Promise<void> {
  // The sums of the last run, then the changes since; or nothing kept: everything is read on demand from here on.
  if (s.seq === null) await loadSums(db, s);
  await followChanges(db, s, (results) => {
    for (const c of results) {
      const [type, clinic, date] = c.id.split(':');
      if (!type || !clinic) continue;
      if (COMPLAINT_TYPES.has(type) && date) drop(s, s.complaints, key(clinic, date.slice(0, 7)), 'c');
      else if (INSPECTION_TYPES.has(type) && date) drop(s, s.inspections, key(clinic, date.slice(0, 7)), 'i');
      if (!UNRELATED.has(type) && !COMPLAINT_TYPES.has(type)) {
        // Staff, numbers, limits, calendars, settings: every case view may read them.
        s.contexts.clear();
        s.complaintSums.clear();
        s.generation += 1;
      }
    }
  });
}

/** One refresh at a time per store; an ask waits for the one running and then runs its own. */
function current(db: Db): Promise<State> {
  const s = stateOf(db);
  return refreshed(s, () => refresh(db, s));
}

function kept<T>(s: State, map: Map<string, Promise<T>>, prefix: string, k: string, read: () => Promise<T>): Promise<T> {
  const found = map.get(k);
  if (found) return found;
  const version = s.versions.get(prefix + k) ?? 0;
  const reading = read();
  reading.then(
    () => {
      if ((s.versions.get(prefix + k) ?? 0) === version && !map.has(k)) map.set(k, reading);
    },
    () => {},
  );
  return reading;
}

/** The months (yyyy-mm) from `from`'s to `to`'s. */
const monthsOf = (from: string, to: string) => periodsBetween(from, to, 'month');

async function complaintMonth(db: Db, s: State, clinic: string, month: string): Promise<CaseEntry[]> {
  return kept(s, s.complaints, 'c', key(clinic, month), async () => {
    s.monthsRead += 1;
    const [docs, events] = await Promise.all([complaintsOf(db, clinic, `${month}-`), eventsByCaseOf(db, clinic, `${month}-`)]);
    return docs.map((doc) => ({ doc, events: events.get(doc._id) ?? [], facts: new Map() }));
  });
}

function contextOf(db: Db, s: State, clinic: string, operator: StaffDoc, now: Date): Promise<KeptContext> {
  let c = s.contexts.get(clinic);
  if (!c) {
    const generation = s.generation;
    c = viewContextFor(db, clinic, operator, now).then(({ operator: _o, now: _n, ...rest }) => ({ ...rest, generation }));
    s.contexts.set(clinic, c);
    c.catch(() => s.contexts.delete(clinic));
  }
  return c.then((rest) => ({ ...rest, operator, now }));
}

const CLOCKED = new Set(['open', 'dueSoon']);

/** Every case received in the period's days, as `complaintFacts` (facts.ts) gives them, in the same order. */
export async function keptComplaintFacts(db: Db, clinics: ClinicDoc[], period: Period, reader: StaffDoc, now: Date): Promise<ComplaintFact[]> {
  const s = await current(db);
  const inScope = clinics.filter((c) => period.clinic === null || c.code === period.clinic);
  const perClinic = await Promise.all(
    inScope.map(async (clinic) => {
      const prefixes = datePrefixes(period.from, period.to);
      // The months facts.ts's id ranges cover: a whole year for a year's prefix.
      const read = prefixes.flatMap((p) => (p.length === 5 ? monthsOf(`${p}01-01`, `${p}12-31`) : [p]));
      const [v, months] = await Promise.all([contextOf(db, s, clinic.code, reader, now), Promise.all(read.map((m) => complaintMonth(db, s, clinic.code, m)))]);
      const facts: ComplaintFact[] = [];
      for (const prefix of prefixes) {
        const cases = months.flat().filter((e) => complaintDate(e).startsWith(prefix) && mayRead(reader, e.doc));
        const worked = cases.map((e) => ({ e, fact: factOf(e, v, reader, now, clinic.code, s) }));
        worked.sort((a, b) => b.fact.receivedAt.localeCompare(a.fact.receivedAt));
        for (const { fact } of worked) if (fact.date >= period.from && fact.date <= period.to) facts.push(fact);
      }
      return facts;
    }),
  );
  return perClinic.flat();
}

/** The date in the case's id (what the id-range reads of facts.ts go by). */
const complaintDate = (e: CaseEntry) => e.doc._id.split(':')[2] ?? '';

function factOf(e: CaseEntry, v: KeptContext, reader: StaffDoc, now: Date, clinic: string, s: State): ComplaintFact {
  const known = e.facts.get(reader.role);
  const t = now.getTime();
  if (known && known.at <= t && t <= known.until && known.generation === s.generation) return known.fact;
  const view = caseView({ doc: e.doc, events: e.events }, v);
  const fact = complaintFact(view, clinic);
  // A deadline open or due soon turns overdue once the clock passes its due time (deadlineStatus in
  // shared/complaints/rules.ts); until the first of those the fact stays as it is (it tells open
  // from due soon nowhere). With none, no clock changes it.
  const until = view.deadlines.filter((d) => CLOCKED.has(d.status)).reduce((first, d) => Math.min(first, Date.parse(d.dueAt)), Infinity);
  if (v.generation === s.generation) e.facts.set(reader.role, { fact, at: t, until, generation: v.generation });
  return fact;
}

/** Whether the reader's fact of the case, as last worked out, stays so whatever the clock. */
const timeless = (e: CaseEntry, reader: StaffDoc) => e.facts.get(reader.role)?.until === Infinity;

/** As facts.ts: the month when the range lies in one, else the year, else each month. */
function datePrefixes(from: string, to: string): string[] {
  if (from.slice(0, 7) === to.slice(0, 7)) return [from.slice(0, 7)];
  if (from.slice(0, 4) === to.slice(0, 4)) return [`${from.slice(0, 4)}-`];
  return periodsBetween(from, to, 'month');
}

async function inspectionMonth(db: Db, s: State, clinic: string, month: string): Promise<InspectionMonth> {
  return kept(s, s.inspections, 'i', key(clinic, month), async () => {
    s.monthsRead += 1;
    const [r, star] = await Promise.all([recordsBetween(db, clinic, `${month}-01`, `${month}-31`), getDoc<StarDoc>(db, serviceStarDocs.id(clinic, month), 'service-star')]);
    const signed = r.inspections.filter((i) => i.signedAt && !i.discardedAt);
    const signedIds = new Set(signed.map((i) => i._id));
    const corrected = new Set(r.corrections.map((c) => `${c.inspectionId}|${c.staffId}`));
    const out: InspectionMonth = { inspections: [], marks: [], penalties: [], weeklyDates: [], teamDates: [], star: star ? { name: star.staffName, reason: star.reason } : null };
    const inspected = new Map<string, number>();
    const fails = new Map<string, string[]>();
    for (const x of r.results) {
      if (!x.signedAt || !signedIds.has(x.inspectionId)) continue;
      inspected.set(x.inspectionId, (inspected.get(x.inspectionId) ?? 0) + 1);
      const withCorrections = corrected.has(`${x.inspectionId}|${x.staffId}`);
      for (const m of x.marks) {
        const mark = withCorrections ? effectiveMark(x, m.itemId, m.mark, r.corrections) : m.mark;
        if (mark === 'na') continue;
        out.marks.push({ id: `${x._id}#${m.itemId}`, clinic, date: x.date, inspectionId: x.inspectionId, staffId: x.staffId, staffName: x.staffName, itemId: m.itemId, label: m.label, mark });
        if (mark === 'fail') fails.set(x.inspectionId, [...(fails.get(x.inspectionId) ?? []), x.date]);
      }
    }
    for (const i of signed) {
      const fact = { id: i._id, clinic, date: i.date, kind: i.kind, templateName: i.templateName, inspectorName: i.inspectorName, inspected: inspected.get(i._id) ?? 0, fails: 0 };
      out.inspections.push({ fact, failDates: fails.get(i._id) ?? [] });
      if (i.kind === 'weekly') out.weeklyDates.push(i.date);
      if (i.kind === 'headOffice') out.teamDates.push(i.date);
    }
    for (const p of r.penalties) {
      if (!signedIds.has(p.inspectionId)) continue;
      out.penalties.push({ id: p._id, clinic, date: p.date, staffName: p.staffName, itemLabel: p.itemLabel, measure: p.measure, yuan: p.amount + p.supervisorAmount + p.deptHeadAmount });
    }
    return out;
  });
}

const DAY_MS = 86_400_000;

/** What the period asks of each clinic's months: the weeks and months due, the months to read. */
function inspectionPlan(period: Period, today: string) {
  const weeks: { from: string; to: string }[] = [];
  for (let d = weekOf(period.from).from; d <= period.to && d <= today; d = new Date(Date.parse(d) + 7 * DAY_MS).toISOString().slice(0, 10)) {
    if (d >= period.from) weeks.push(weekOf(d));
  }
  const months = monthsOf(period.from, period.to);
  const teamMonths = months.filter((m) => `${m}-01` >= period.from && `${m}-01` <= today);
  const readTo = [period.to, ...weeks.map((w) => w.to), ...teamMonths.map(lastDayOf)].reduce((a, b) => (b > a ? b : a));
  return { weeks, months, teamMonths, readTo, readMonths: monthsOf(period.from, readTo) };
}

/** The facts besides the marks, from each clinic's months (in `inspectionPlan`'s readMonths order). */
function inspectionBase(period: Period, today: string, plan: ReturnType<typeof inspectionPlan>, inScope: ClinicDoc[], perClinic: InspectionBase[][]): Omit<InspectionFacts, 'marks'> {
  const out: Omit<InspectionFacts, 'marks'> = { inspections: [], penalties: [], weeks: [], months: [], stars: [] };
  const { weeks, months, teamMonths, readTo, readMonths } = plan;
  const inPeriod = (d: string) => d >= period.from && d <= period.to;
  inScope.forEach((clinic, k) => {
    const kept = perClinic[k]!;
    // Weeks and months count from the clinic's go-live day, else its set-up (facts.ts does the same).
    const since = countsFrom(clinic);
    const weeklyDates: string[] = [];
    const teamDates: string[] = [];
    for (const m of kept) {
      // facts.ts counts an inspection's fails among its results dated up to the period's end.
      for (const { fact, failDates } of m.inspections) if (inPeriod(fact.date)) out.inspections.push({ ...fact, fails: failDates.filter((d) => d <= period.to).length });
      for (const p of m.penalties) if (inPeriod(p.date)) out.penalties.push(p);
      for (const d of m.weeklyDates) if (d >= period.from && d <= readTo) weeklyDates.push(d);
      for (const d of m.teamDates) if (d >= period.from && d <= readTo) teamDates.push(d);
    }
    for (const w of weeks) {
      const done = weeklyDates.some((d) => d >= w.from && d <= w.to);
      if (weekCounts(w, done, today, since)) out.weeks.push({ clinic: clinic.code, ...w, done });
    }
    for (const month of teamMonths) {
      const done = teamDates.some((d) => d.startsWith(`${month}-`));
      if (monthCounts(month, lastDayOf(month), done, today, since)) out.months.push({ clinic: clinic.code, month, done });
    }
    for (const month of months) {
      const star = kept[readMonths.indexOf(month)]?.star;
      if (star) out.stars.push({ clinic: clinic.code, month, ...star });
    }
  });
  return out;
}

/** The same facts as `inspectionFacts` (facts.ts), from the months kept. */
export async function keptInspectionFacts(db: Db, clinics: ClinicDoc[], period: Period, today: string): Promise<InspectionFacts> {
  const s = await current(db);
  const plan = inspectionPlan(period, today);
  const inScope = clinics.filter((c) => period.clinic === null || c.code === period.clinic);
  const perClinic = await Promise.all(inScope.map((c) => Promise.all(plan.readMonths.map((m) => inspectionMonth(db, s, c.code, m)))));
  const marks: InspectionFacts['marks'] = [];
  const inPeriod = (d: string) => d >= period.from && d <= period.to;
  for (const months of perClinic) for (const m of months) for (const x of m.marks) if (inPeriod(x.date)) marks.push(x);
  const base = inspectionBase(period, today, plan, inScope, perClinic);
  return { inspections: base.inspections, marks, penalties: base.penalties, weeks: base.weeks, months: base.months, stars: base.stars };
}

/** A clinic month's inspection sums: kept, or counted from the month's facts. */
async function inspectionSum(db: Db, s: State, clinic: string, month: string): Promise<InspectionSum> {
  const k = key(clinic, month);
  const found = s.inspectionSums.get(k);
  if (found) return found;
  const version = s.versions.get(`i${k}`) ?? 0;
  const { marks, ...base } = await inspectionMonth(db, s, clinic, month);
  const sum: InspectionSum = { ...base, tallies: tallyMarks(marks) };
  if ((s.versions.get(`i${k}`) ?? 0) === version) {
    s.inspectionSums.set(k, sum);
    saveSoon(db, s);
  }
  return sum;
}

/** 仪容检查's figures (as `inspectionFigures` over facts.ts's facts), from the clinic months' sums. */
export async function keptInspectionFigures(db: Db, clinics: ClinicDoc[], period: Period, today: string, names: Map<string, string>): Promise<InspectionFigures> {
  const s = await current(db);
  const plan = inspectionPlan(period, today);
  const inScope = clinics.filter((c) => period.clinic === null || c.code === period.clinic);
  const perClinic = await Promise.all(inScope.map((c) => Promise.all(plan.readMonths.map((m) => inspectionSum(db, s, c.code, m)))));
  const tallies = perClinic.flatMap((months) => months.flatMap((m) => m.tallies));
  return inspectionFiguresOf(period, inspectionBase(period, today, plan, inScope, perClinic), tallies, names);
}

const readerKey = (reader: StaffDoc) => `${reader.role}|${reader._id}`;

/** A clinic month's complaint sums for the reader: kept (and not older than the clock), or worked out from the month's cases. */
async function complaintSum(db: Db, s: State, clinic: string, month: string, v: KeptContext, reader: StaffDoc, now: Date): Promise<ComplaintSum> {
  const k = key(clinic, month);
  const found = s.complaintSums.get(k)?.get(readerKey(reader));
  if (found && found.at <= now.getTime()) return found;
  const version = s.versions.get(`c${k}`) ?? 0;
  const entries = await complaintMonth(db, s, clinic, month);
  const stable: ComplaintFact[] = [];
  const clocked: string[] = [];
  for (const e of entries) {
    if (!mayRead(reader, e.doc)) continue;
    const fact = factOf(e, v, reader, now, clinic, s);
    if (timeless(e, reader) && e.facts.get(reader.role)?.fact === fact) stable.push(fact);
    else clocked.push(e.doc._id);
  }
  const sum: ComplaintSum = { at: now.getTime(), tallies: tallyComplaints(stable), clocked };
  if ((s.versions.get(`c${k}`) ?? 0) === version && v.generation === s.generation) {
    let byReader = s.complaintSums.get(k);
    if (!byReader) s.complaintSums.set(k, (byReader = new Map()));
    byReader.set(readerKey(reader), sum);
    saveSoon(db, s);
  }
  return sum;
}

/** The cases with these ids, each with its events (its own id range). */
async function casesById(db: Db, ids: string[]): Promise<CaseEntry[]> {
  const docs = (await db.allDocs<ComplaintDoc>({ keys: ids, include_docs: true })).rows.flatMap((r) => ('doc' in r && r.doc?.type === 'complaint' ? [r.doc] : []));
  const events = await Promise.all(docs.map((d) => db.allDocs<ComplaintEventDoc>({ include_docs: true, ...complaintEventDocs.range(d._id) })));
  return docs.map((doc, i) => ({ doc, events: events[i]!.rows.flatMap((r) => (r.doc ? [r.doc] : [])), facts: new Map() }));
}

/** The cases of a clinic month with these ids: from the month kept, or read by id (after a start, the sums from the file). */
async function clockedCases(db: Db, s: State, clinic: string, month: string, ids: string[]): Promise<CaseEntry[]> {
  const k = key(clinic, month);
  const wanted = new Set(ids);
  const whole = s.complaints.get(k);
  if (whole) return (await whole).filter((e) => wanted.has(e.doc._id));
  // Kept until a change touches the month (then the sums are made again from the month's read).
  const entries = await kept(s, s.clocked, 'c', k, () => casesById(db, ids));
  const have = new Set(entries.map((e) => e.doc._id));
  const missing = ids.filter((id) => !have.has(id));
  return [...entries.filter((e) => wanted.has(e.doc._id)), ...(missing.length ? await casesById(db, missing) : [])];
}

/** 投诉's figures (as `complaintFigures` over facts.ts's facts), from the clinic months' sums and the clock-dependent cases worked out now. */
export async function keptComplaintFigures(db: Db, clinics: ClinicDoc[], period: Period, reader: StaffDoc, now: Date, names: Map<string, string>): Promise<ComplaintFigures> {
  const s = await current(db);
  const inScope = clinics.filter((c) => period.clinic === null || c.code === period.clinic);
  // The months facts.ts's id ranges cover: a whole year for a year's prefix.
  const read = datePrefixes(period.from, period.to).flatMap((p) => (p.length === 5 ? monthsOf(`${p}01-01`, `${p}12-31`) : [p]));
  const perClinic = await Promise.all(
    inScope.map(async (clinic) => {
      const v = await contextOf(db, s, clinic.code, reader, now);
      const months = await Promise.all(
        read.map(async (month) => {
          const sum = await complaintSum(db, s, clinic.code, month, v, reader, now);
          if (!sum.clocked.length) return sum.tallies;
          const cases = await clockedCases(db, s, clinic.code, month, sum.clocked);
          return [...sum.tallies, ...tallyComplaints(cases.map((e) => factOf(e, v, reader, now, clinic.code, s)))];
        }),
      );
      return months.flat();
    }),
  );
  return complaintFiguresOf(period, perClinic.flat(), names);
}

/** Bump when what the file keeps changes: an older file is then ignored and the sums made again. */
/** 2: complaint tallies carry the years counted without a calendar (issue 18). */
const SUMS_VERSION = 2;

interface SumsFile {
  version: number;
  store: string;
  seq: number | string;
  inspections: [string, InspectionSum][];
  complaints: [string, [string, ComplaintSum][]][];
}

const sumsPath = (db: Db) => keptFilePath(db, 'quality-figures');

/** The sums of the last run, if the file beside the store is this store's, of this version and not ahead of it. */
async function loadSums(db: Db, s: State): Promise<boolean> {
  const file = (await readKeptFile(db, sumsPath(db))) as SumsFile | null;
  if (file?.version !== SUMS_VERSION) return false;
  try {
    s.inspectionSums = new Map(file.inspections);
    s.complaintSums = new Map(file.complaints.map(([k, byReader]) => [k, new Map(byReader)]));
  } catch {
    return false; // unreadable: made again from the store
  }
  s.seq = file.seq;
  s.loaded = true;
  return true;
}

/** Writes the sums in the background, a second after the last new one (an ask makes many at once). */
function saveSoon(db: Db, s: State): void {
  if (!sumsPath(db)) return;
  s.saving.dirty = true;
  writeSoon(s.saving, () => writeSums(db, s));
}

function writeSums(db: Db, s: State): Promise<void> {
  // Taken in one go: every sum kept is complete up to `seq` (a later change was not read yet, and a
  // start reads the changes after `seq` again).
  return writeKeptFile(db, s.saving, sumsPath(db), s.seq !== null, () => ({ version: SUMS_VERSION, seq: s.seq, inspections: [...s.inspectionSums], complaints: [...s.complaintSums].map(([k, byReader]) => [k, [...byReader]]) }));
}

/** Writes what is not written yet and waits for it (before the store closes). */
export async function qualityFiguresSaved(db: Db): Promise<void> {
  const s = states.get(db);
  if (s) await writeSums(db, s);
}
