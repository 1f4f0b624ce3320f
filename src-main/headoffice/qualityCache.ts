import type { ComplaintFact, InspectionFacts, Period } from '../../shared/headoffice/schemas';
import type { ClinicDoc, StaffDoc } from '../../shared/reference/schemas';
import type { StarDoc } from '../../shared/inspection/schemas';
import { monthCounts, weekCounts, weekOf } from '../../shared/inspection/rules';
import { clinicDate } from '../../shared/time';
import { lastDayOf, periodsBetween } from '../../shared/headoffice/rules';
import type { Db } from '../store/pouch';
import { viewContextFor } from '../complaints/cases';
import { caseView, mayRead, type ViewContext } from '../complaints/view';
import { complaintsOf, eventsByCaseOf } from '../complaints/repo';
import type { ComplaintDoc, ComplaintEventDoc } from '../complaints/storage';
import { effectiveMark, getDoc, recordsBetween } from '../inspection/repo';
import { serviceStarDocs } from '../../shared/inspection/docs';
import { complaintFact } from './facts';

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
 *   last worked out, per reader role. A case's deadlines move with the clock, so a fact is reused
 *   only while none of its deadlines is open or due soon (then no clock can change it: overdue,
 *   done, late and superseded stay so) — a year's ~970 cases leave about a hundred to work out at
 *   each ask. A change to anything else the case view reads (staff, numbers, limits, calendars,
 *   settings) drops the worked-out facts, keeping the documents.
 *
 * In memory only: the first ask after a start reads each month as facts.ts does. Not shared
 * between stores (a WeakMap per store). The figures equal facts.ts's, which the tests check after
 * writes, edits and deletes (tests/integration/headoffice-quality-cache.test.ts).
 */

interface CaseEntry {
  doc: ComplaintDoc;
  events: ComplaintEventDoc[];
  /** The fact per reader role, with when it was worked out; only facts no clock can change. */
  facts: Map<string, { fact: ComplaintFact; at: number; generation: number }>;
}

interface InspectionMonth {
  /** Signed inspections, each with the dates of its failed marks (the period's end decides which count). */
  inspections: { fact: InspectionFacts['inspections'][number]; failDates: string[] }[];
  marks: InspectionFacts['marks'];
  penalties: InspectionFacts['penalties'];
  weeklyDates: string[];
  teamDates: string[];
  star: StarDoc | null;
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
}

type KeptContext = ViewContext & { generation: number };

const states = new WeakMap<Db, State>();

function stateOf(db: Db): State {
  let s = states.get(db);
  if (!s) states.set(db, (s = { seq: null, refreshing: null, complaints: new Map(), inspections: new Map(), versions: new Map(), contexts: new Map(), generation: 0 }));
  return s;
}

/** Forgets everything kept for `db` (the next ask reads as facts.ts does). */
export function forgetQualityFacts(db: Db): void {
  states.delete(db);
}

const COMPLAINT_TYPES = new Set(['complaint', 'complaint-event']);
const INSPECTION_TYPES = new Set(['inspection', 'inspection-result', 'inspection-penalty', 'inspection-penalty-correction', 'inspection-correction', 'service-star']);
/** Types no complaint view reads: their changes leave the worked-out facts alone. */
const UNRELATED = new Set(['visit', 'visit-event', 'tea-event', 'customer', 'no-show', 'ho-day', 'appointment', ...INSPECTION_TYPES]);

const key = (clinic: string, month: string) => `${clinic}|${month}`;

function drop(s: State, map: Map<string, unknown>, k: string, prefix: string) {
  map.delete(k);
  s.versions.set(prefix + k, (s.versions.get(prefix + k) ?? 0) + 1);
}

/** Reads the changes since the stored sequence and drops the months they touch. */
async function refresh(db: Db, s: State): Promise<void> {
  if (s.seq === null) {
    // Nothing kept yet: everything is read on demand from here on.
    s.seq = (await db.info()).update_seq;
    return;
  }
  let since: number | string = s.seq;
  for (;;) {
    const changes: PouchDB.Core.ChangesResponse<object> = await db.changes({ since, limit: 2_000, return_docs: true });
    for (const c of changes.results) {
      const [type, clinic, date] = c.id.split(':');
      if (!type || !clinic) continue;
      if (COMPLAINT_TYPES.has(type) && date) drop(s, s.complaints, key(clinic, date.slice(0, 7)), 'c');
      else if (INSPECTION_TYPES.has(type) && date) drop(s, s.inspections, key(clinic, date.slice(0, 7)), 'i');
      if (!UNRELATED.has(type) && !COMPLAINT_TYPES.has(type)) {
        // Staff, numbers, limits, calendars, settings: every case view may read them.
        s.contexts.clear();
        s.generation += 1;
      }
    }
    since = s.seq = changes.last_seq;
    if (changes.results.length < 2_000) break;
  }
}

/** One refresh at a time per store; an ask waits for the one running and then runs its own. */
function current(db: Db): Promise<State> {
  const s = stateOf(db);
  const run: Promise<void> = (s.refreshing ?? Promise.resolve()).catch(() => {}).then(() => refresh(db, s));
  s.refreshing = run;
  return run.then(() => s);
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
  if (known && known.at <= now.getTime() && known.generation === s.generation) return known.fact;
  const view = caseView({ doc: e.doc, events: e.events }, v);
  const fact = complaintFact(view, clinic);
  if (v.generation === s.generation && !view.deadlines.some((d) => CLOCKED.has(d.status))) e.facts.set(reader.role, { fact, at: now.getTime(), generation: v.generation });
  return fact;
}

/** As facts.ts: the month when the range lies in one, else the year, else each month. */
function datePrefixes(from: string, to: string): string[] {
  if (from.slice(0, 7) === to.slice(0, 7)) return [from.slice(0, 7)];
  if (from.slice(0, 4) === to.slice(0, 4)) return [`${from.slice(0, 4)}-`];
  return periodsBetween(from, to, 'month');
}

async function inspectionMonth(db: Db, s: State, clinic: string, month: string): Promise<InspectionMonth> {
  return kept(s, s.inspections, 'i', key(clinic, month), async () => {
    const [r, star] = await Promise.all([recordsBetween(db, clinic, `${month}-01`, `${month}-31`), getDoc<StarDoc>(db, serviceStarDocs.id(clinic, month), 'service-star')]);
    const signed = r.inspections.filter((i) => i.signedAt && !i.discardedAt);
    const signedIds = new Set(signed.map((i) => i._id));
    const corrected = new Set(r.corrections.map((c) => `${c.inspectionId}|${c.staffId}`));
    const out: InspectionMonth = { inspections: [], marks: [], penalties: [], weeklyDates: [], teamDates: [], star };
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

/** The same facts as `inspectionFacts` (facts.ts), from the months kept. */
export async function keptInspectionFacts(db: Db, clinics: ClinicDoc[], period: Period, today: string): Promise<InspectionFacts> {
  const s = await current(db);
  const out: InspectionFacts = { inspections: [], marks: [], penalties: [], weeks: [], months: [], stars: [] };
  const weeks: { from: string; to: string }[] = [];
  for (let d = weekOf(period.from).from; d <= period.to && d <= today; d = new Date(Date.parse(d) + 7 * DAY_MS).toISOString().slice(0, 10)) {
    if (d >= period.from) weeks.push(weekOf(d));
  }
  const months = monthsOf(period.from, period.to);
  const teamMonths = months.filter((m) => `${m}-01` >= period.from && `${m}-01` <= today);
  const readTo = [period.to, ...weeks.map((w) => w.to), ...teamMonths.map(lastDayOf)].reduce((a, b) => (b > a ? b : a));
  const inScope = clinics.filter((c) => period.clinic === null || c.code === period.clinic);
  const readMonths = monthsOf(period.from, readTo);
  const perClinic = await Promise.all(inScope.map((c) => Promise.all(readMonths.map((m) => inspectionMonth(db, s, c.code, m)))));
  const inPeriod = (d: string) => d >= period.from && d <= period.to;
  inScope.forEach((clinic, k) => {
    const kept = perClinic[k]!;
    // Weeks and months count from the clinic's first use (facts.ts does the same).
    const since = clinicDate(clinic.createdAt);
    const weeklyDates: string[] = [];
    const teamDates: string[] = [];
    for (const m of kept) {
      // facts.ts counts an inspection's fails among its results dated up to the period's end.
      for (const { fact, failDates } of m.inspections) if (inPeriod(fact.date)) out.inspections.push({ ...fact, fails: failDates.filter((d) => d <= period.to).length });
      for (const x of m.marks) if (inPeriod(x.date)) out.marks.push(x);
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
      if (star) out.stars.push({ clinic: clinic.code, month, name: star.staffName, reason: star.reason });
    }
  });
  return out;
}
