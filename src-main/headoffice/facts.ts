import type { ComplaintFact, InspectionFacts, NoShowRecord, Period, TeaRecord, TeaRecordsInput } from '../../shared/headoffice/schemas';
import type { AppointmentDoc, NoShowDoc } from '../../shared/appointments/schemas';
import type { ComplaintView, DeadlineView } from '../../shared/complaints/schemas';
import type { ClinicDoc, StaffDoc } from '../../shared/reference/schemas';
import { monthCounts, weekCounts, weekOf } from '../../shared/inspection/rules';
import { add, lastDayOf, periodsBetween } from '../../shared/headoffice/rules';
import { clinicDate } from '../../shared/time';
import type { Db } from '../store/pouch';
import { clinicCases, viewContextFor } from '../complaints/cases';
import { missedDeadline, penaltyLevelsOf, settled } from '../complaints/stats';
import { effectiveMark, getDoc, recordsBetween } from '../inspection/repo';
import type { StarDoc } from '../../shared/inspection/schemas';
import { teaEventsOfDay } from '../tea/repo';
import type { VisitDoc } from '../../shared/desk/schemas';
import { listStaff } from '../reference/repo';
import { itemTexts, summaryRows, type TextCache } from './summaries';
import { serviceStarDocs } from '../../shared/inspection/docs';
import { countsFrom } from '../reference/goLive';

/**
 * The facts behind head office's complaint, inspection and tea figures, read from the
 * consolidated copy of each clinic's documents through the domains' own reads (a case is what
 * the complaint screen shows; a mark is what the inspection's month summary counts). Only id
 * ranges, no view: the first read of a view after a big pull indexes every pulled document
 * (minutes at half a million). Complaints and inspections are few (a clinic has a handful of cases
 * and one self-check a week), so they are read per request: their deadlines move with the clock,
 * which a cache would not. A year of ten clinics is ~11,700 complaint and ~11,300 inspection
 * documents, read in about half a second each section (`npm run bench`, docs/bench.md).
 */

const DAY_MS = 86_400_000;

/** The Friday of a Monday–Sunday week. */

function scope(clinics: ClinicDoc[], period: Period): ClinicDoc[] {
  return clinics.filter((c) => period.clinic === null || c.code === period.clinic);
}

/** The 7/14-day closing deadline's status, as the dashboard names it. */
const CLOSE_LIMIT = { done: 'inTime', late: 'late', superseded: null, overdue: 'overdue', dueSoon: 'open', open: 'open' } as const satisfies Record<DeadlineView['status'], ComplaintFact['closeLimit']>;

export function complaintFact(c: ComplaintView, clinic: string): ComplaintFact {
  const close = c.deadlines.find((d) => d.key === 'close');
  const live = c.events.filter((e) => !e.ignored);
  const closing = [...live].reverse().find((e) => e.kind === 'close');
  const satisfaction = closing && typeof closing.data.satisfaction === 'string' ? closing.data.satisfaction : null;
  const accepted = live.find((e) => e.kind === 'accept');
  return {
    id: c.id,
    clinic,
    number: c.number,
    receivedAt: c.receivedAt,
    date: clinicDate(c.receivedAt),
    patientName: c.patientName,
    channel: c.channel,
    category: c.category,
    departmentName: c.departmentName,
    step: c.currentKey,
    closed: c.closed,
    overdue: missedDeadline(c),
    overdueDeadlines: c.deadlines.filter((d) => d.status === 'overdue').map((d) => d.key),
    ...settled(c),
    penaltyLevels: penaltyLevelsOf(c),
    closeLimit: close ? CLOSE_LIMIT[close.status] : null,
    closedAt: close?.doneAt ?? null,
    daysToClose: close?.doneAt && accepted ? Math.round(((Date.parse(close.doneAt) - Date.parse(accepted.at)) / DAY_MS) * 10) / 10 : null,
    limitDays: c.inHeadOfficeCity ? 7 : 14,
    satisfaction,
    missingCalendarYears: c.missingCalendarYears,
  };
}

/**
 * The id prefixes that cover a range of days: the month when it lies in one, else the year when it
 * lies in one (one read instead of twelve), else each month.
 */
function datePrefixes(from: string, to: string): string[] {
  if (from.slice(0, 7) === to.slice(0, 7)) return [from.slice(0, 7)];
  if (from.slice(0, 4) === to.slice(0, 4)) return [`${from.slice(0, 4)}-`];
  return periodsBetween(from, to, 'month');
}

/** Every case received in the period's days, of its clinic or of all clinics, as it stands now. */
export async function complaintFacts(db: Db, clinics: ClinicDoc[], period: Period, reader: StaffDoc, now: Date): Promise<ComplaintFact[]> {
  // The clinics side by side: while one clinic's documents are read, another's cases are folded.
  const perClinic = await Promise.all(
    scope(clinics, period).map(async (clinic) => {
      const v = await viewContextFor(db, clinic.code, reader, now);
      const facts: ComplaintFact[] = [];
      for (const prefix of datePrefixes(period.from, period.to)) {
        for (const c of await clinicCases(db, clinic.code, prefix, v)) {
          const fact = complaintFact(c, clinic.code);
          if (fact.date >= period.from && fact.date <= period.to) facts.push(fact);
        }
      }
      return facts;
    }),
  );
  return perClinic.flat();
}

/**
 * The signed inspections, marks (corrections applied, n.a. left out) and penalties of the period,
 * the clinic weeks that began in it and are due (their Friday has passed, or their 每周自查 is
 * already signed) with whether it was signed, and the months' 服务之星.
 */
export async function inspectionFacts(db: Db, clinics: ClinicDoc[], period: Period, today: string): Promise<InspectionFacts> {
  const out: InspectionFacts = { inspections: [], marks: [], penalties: [], weeks: [], months: [], stars: [] };
  const weeks: { from: string; to: string }[] = [];
  for (let d = weekOf(period.from).from; d <= period.to && d <= today; d = new Date(Date.parse(d) + 7 * DAY_MS).toISOString().slice(0, 10)) {
    if (d >= period.from) weeks.push(weekOf(d));
  }
  const months = periodsBetween(period.from, period.to, 'month');
  // Months that begin in the period and have begun by today: each is due a head-office team visit.
  const teamMonths = months.filter((m) => `${m}-01` >= period.from && `${m}-01` <= today);
  const ends = [period.to, ...weeks.map((w) => w.to), ...teamMonths.map(lastDayOf)];
  const plan: InspectionPlan = { period, today, readTo: ends.reduce((a, b) => (b > a ? b : a)), weeks, teamMonths, months };
  // The clinics side by side (each clinic's reads overlap another's counting), kept in clinic order.
  const perClinic = await Promise.all(scope(clinics, period).map((clinic) => clinicInspectionFacts(db, clinic.code, countsFrom(clinic), plan)));
  for (const f of perClinic) {
    out.inspections.push(...f.inspections);
    // One by one: a year of marks is too many arguments for a spread.
    for (const m of f.marks) out.marks.push(m);
    out.penalties.push(...f.penalties);
    out.weeks.push(...f.weeks);
    out.months.push(...f.months);
    out.stars.push(...f.stars);
  }
  return out;
}

/** What every clinic's inspections are read against: the days to read, the weeks and months due, the months' stars. */
interface InspectionPlan {
  period: Period;
  today: string;
  /** The period's end, or later when a week or month due runs past it. */
  readTo: string;
  weeks: { from: string; to: string }[];
  teamMonths: string[];
  months: string[];
}

async function clinicInspectionFacts(db: Db, code: string, since: string, { period, today, readTo, weeks, teamMonths, months }: InspectionPlan): Promise<InspectionFacts> {
  const out: InspectionFacts = { inspections: [], marks: [], penalties: [], weeks: [], months: [], stars: [] };
  const [r, stars] = await Promise.all([
    recordsBetween(db, code, period.from, readTo),
    Promise.all(months.map((month) => getDoc<StarDoc>(db, serviceStarDocs.id(code, month), 'service-star'))),
  ]);
  const signed = r.inspections.filter((i) => i.signedAt && !i.discardedAt);
  const signedIds = new Set(signed.map((i) => i._id));
  const results = r.results.filter((x) => x.signedAt && signedIds.has(x.inspectionId));
  // Only a result someone corrected needs its marks looked up among the corrections.
  const corrected = new Set(r.corrections.map((c) => `${c.inspectionId}|${c.staffId}`));
  const fails = new Map<string, number>();
  const inspected = new Map<string, number>();
  for (const x of results) {
    add(inspected, x.inspectionId);
    if (x.date > period.to) continue;
    const withCorrections = corrected.has(`${x.inspectionId}|${x.staffId}`);
    for (const m of x.marks) {
      const mark = withCorrections ? effectiveMark(x, m.itemId, m.mark, r.corrections) : m.mark;
      if (mark === 'na') continue;
      out.marks.push({ id: `${x._id}#${m.itemId}`, clinic: code, date: x.date, inspectionId: x.inspectionId, staffId: x.staffId, staffName: x.staffName, itemId: m.itemId, label: m.label, mark });
      if (mark === 'fail') add(fails, x.inspectionId);
    }
  }
  for (const i of signed) {
    if (i.date > period.to) continue;
    out.inspections.push({ id: i._id, clinic: code, date: i.date, kind: i.kind, templateName: i.templateName, inspectorName: i.inspectorName, inspected: inspected.get(i._id) ?? 0, fails: fails.get(i._id) ?? 0 });
  }
  for (const p of r.penalties) {
    if (p.date > period.to || !signedIds.has(p.inspectionId)) continue;
    out.penalties.push({ id: p._id, clinic: code, date: p.date, staffName: p.staffName, itemLabel: p.itemLabel, measure: p.measure, yuan: p.amount + p.supervisorAmount + p.deptHeadAmount });
  }
  const weeklyDates = signed.filter((i) => i.kind === 'weekly').map((i) => i.date);
  for (const w of weeks) {
    const done = weeklyDates.some((d) => d >= w.from && d <= w.to);
    // Due once its Friday has passed (DOMAIN.md §5: the week's figures go out on Friday), from the clinic's first use, or done.
    if (weekCounts(w, done, today, since)) out.weeks.push({ clinic: code, ...w, done });
  }
  const teamDates = signed.filter((i) => i.kind === 'headOffice').map((i) => i.date);
  for (const month of teamMonths) {
    const done = teamDates.some((d) => d.startsWith(`${month}-`));
    // Due once the month is over (from the clinic's first use), or visited.
    if (monthCounts(month, lastDayOf(month), done, today, since)) out.months.push({ clinic: code, month, done });
  }
  months.forEach((month, k) => {
    const star = stars[k];
    if (star) out.stars.push({ clinic: code, month, name: star.staffName, reason: star.reason });
  });
  return out;
}

/** Clinic days read at once by a tea drill-down (LevelDB reads overlap well). */
const TEA_DAYS_AT_ONCE = 8;

/** Where a kind of tea step sits in a summary's tea row ([clinic, served, declined, refills, …]). */
const TEA_COLUMN = { served: 1, declined: 2, refill: 3 } as const;

/**
 * The tea steps behind a tea figure, at most `limit`: the servings that missed a checklist item
 * (`item` = its text; null = any item), or every cup, refusal or refill. The day summaries say
 * which clinic days hold such steps, and only those days' tea events are read, with the visits of
 * the steps found (not the whole day's visits).
 */
export async function teaRecords(db: Db, input: TeaRecordsInput, limit: number): Promise<TeaRecord[]> {
  const { period, kind, item } = input;
  const { service } = await summaryRows(db, period.from, period.to);
  const inClinic = (clinic: string) => period.clinic === null || clinic === period.clinic;
  const places: [string, string][] = [];
  for (const day of service) {
    const rows = kind === 'missed' ? day.teaExceptions.filter(([, text]) => item === null || text === item) : day.tea.filter((row) => row[TEA_COLUMN[kind]] > 0);
    const clinics = new Set(rows.map(([clinic]) => clinic).filter(inClinic));
    for (const clinic of [...clinics].sort()) places.push([day.date, clinic]);
  }
  const wanted = (e: { kind: string }, missed: string[]) => (kind === 'missed' ? missed.length > 0 && (item === null || missed.includes(item)) : e.kind === kind);
  const cache: TextCache = new Map();
  const names = new Map<string, Promise<Map<string, string>>>();
  const staffNames = (clinic: string) => names.get(clinic) ?? names.set(clinic, listStaff(db, clinic).then((staff) => new Map(staff.map((s) => [s._id, s.name])))).get(clinic)!;
  const dayRecords = async ([date, clinic]: [string, string]): Promise<TeaRecord[]> => {
    const [events, texts, byName] = await Promise.all([teaEventsOfDay(db, clinic, date), itemTexts(db, clinic, cache), staffNames(clinic)]);
    const found = [...events]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((e) => ({ e, missed: e.checks.filter((c) => !c.ok).map((c) => texts.get(c.itemId) ?? c.itemId) }))
      .filter(({ e, missed }) => wanted(e, missed));
    if (!found.length) return [];
    const visits = await db.allDocs<VisitDoc>({ keys: [...new Set(found.map(({ e }) => e.visitId))], include_docs: true });
    const customers = new Map(visits.rows.flatMap((r) => ('doc' in r && r.doc?.type === 'visit' && r.doc._id.startsWith(`visit:${clinic}:${date}:`) ? [[r.doc._id, r.doc.customerName] as const] : [])));
    return found.map(({ e, missed }) => ({ id: e._id, clinic, date, at: e.createdAt, kind: e.kind, customerName: customers.get(e.visitId) ?? '—', byName: byName.get(e.createdBy) ?? e.createdBy, missed }));
  };
  const out: TeaRecord[] = [];
  for (let i = 0; i < places.length; i += TEA_DAYS_AT_ONCE) {
    for (const records of await Promise.all(places.slice(i, i + TEA_DAYS_AT_ONCE).map(dayRecords))) {
      for (const r of records) {
        out.push(r);
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}

/** The no-shows of the period (爽约), at most `limit`, with the appointment they were for. */
export async function noShowRecords(db: Db, period: Period, limit: number): Promise<NoShowRecord[]> {
  const { service } = await summaryRows(db, period.from, period.to);
  const ids = service.flatMap((day) => day.noShows.filter(([clinic]) => period.clinic === null || clinic === period.clinic).map(([, id]) => id)).slice(0, limit);
  const docs = (await db.allDocs<NoShowDoc>({ keys: ids, include_docs: true })).rows.flatMap((r) => ('doc' in r && r.doc?.type === 'no-show' ? [r.doc] : []));
  const bookings = new Map((await db.allDocs<AppointmentDoc>({ keys: docs.map((d) => d.appointmentId), include_docs: true })).rows.flatMap((r) => ('doc' in r && r.doc ? [[r.doc._id, r.doc] as const] : [])));
  const names = new Map<string, string>();
  for (const clinic of new Set(docs.map((d) => d.clinic))) for (const st of await listStaff(db, clinic)) names.set(st._id, st.name);
  return docs
    .map((d) => {
      const booking = bookings.get(d.appointmentId);
      return { id: d._id, clinic: d.clinic, date: d.date, time: booking?.time ?? '', name: d.name, serviceItem: booking?.serviceItem ?? '', how: d.how, recordedBy: names.get(d.createdBy) ?? d.createdBy };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time) || a.clinic.localeCompare(b.clinic));
}
