import type { AppointmentDoc } from '../../shared/appointments/schemas';
import type { Channel, CheckVerdict, EnquiryDoc } from '../../shared/enquiries/schemas';
import { addSums, sumsOf, type DaySum, type FunnelFacts } from '../../shared/enquiries/rules';
import { daysBetween, lastDayOf } from '../../shared/time';
import { periodsBetween } from '../../shared/headoffice/rules';
import { arrivalsBetween } from '../appointments/repo';
import type { Db } from '../store/pouch';
import { checksBetween, enquiriesBetween } from './repo';
import { followChanges, keptState, refreshed, type KeptState } from '../store/kept';
import { rm } from 'node:fs/promises';
import { fileSaving, keptFilePath, readKeptFile, writeKeptFile, writeSoon, writeWholeFile, type FileSaving } from '../store/keptFile';

/**
 * The facts behind the funnel (咨询量 → 预约量 → 到诊量, issue 14), for a clinic's desk
 * (`enquiry.funnel`) and head office's 咨询 section (`headoffice.enquiries`, every clinic).
 *
 * `readFunnelFacts` reads them from the store at each ask: the period's enquiries and spot checks,
 * the appointments booked from them, and the visits of those appointments' days — for a clinic's
 * year (≈30,000 enquiries, 10,000 bookings) about two seconds. `keptFunnelFacts` answers the same
 * from what it read before, kept per clinic and month in memory and current from the changes
 * feed (as head office's quality figures, src-main/headoffice/qualityCache.ts):
 * - an enquiry month keeps, per enquiry, what the funnel counts (day, consultant, channel, time
 *   of the first answer, the appointment booked) and the leader's verdict; a change to an
 *   `enquiry:<CODE>:<day>:…` or `enquiry-check:<CODE>:<day>:…` drops that month;
 * - an arrival month keeps the appointments its visits kept (a cancelled visit, 作废, kept
 *   nothing); a change to a `visit:` or `visit-event:` of that month drops it.
 * An arrival is looked for from the period's first month up to today's (a visit keeps its
 * appointment on the appointment's day, never before the enquiry that booked it). The figures
 * equal the read's, which tests/integration/enquiries-funnel-cache.test.ts checks after writes.
 */

export interface KeptEnquiry extends FunnelFacts {
  _id: string;
  /** The clinic day it was asked (from its id). */
  day: string;
  clinic: string;
}

export interface FunnelFactsOf {
  enquiries: KeptEnquiry[];
  /** Appointment ids a visit kept. */
  arrived: Set<string>;
  checks: Map<string, CheckVerdict>;
}

const factOf = (e: EnquiryDoc): KeptEnquiry => ({
  _id: e._id,
  day: e._id.split(':')[2]!,
  clinic: e.clinic,
  at: e.at,
  consultantId: e.consultantId,
  channel: e.channel,
  answeredAt: e.answeredAt,
  answerMinutes: e.answeredAt === null ? 0 : Math.max(0, (Date.parse(e.answeredAt) - Date.parse(e.at)) / 60_000),
  appointmentId: e.appointmentId,
});

/** The funnel's facts of clinic days `from`..`to`, read from the store (the former answer, the bench's baseline). */
export async function readFunnelFacts(db: Db, clinic: string, from: string, to: string): Promise<FunnelFactsOf> {
  const [list, checks] = await Promise.all([enquiriesBetween(db, clinic, from, to), checksBetween(db, clinic, from, to)]);
  const ids = [...new Set(list.flatMap((e) => (e.appointmentId ? [e.appointmentId] : [])))];
  const appts = ids.length ? await db.allDocs<AppointmentDoc>({ keys: ids, include_docs: true }) : null;
  const dates = (appts?.rows ?? []).flatMap((row) => ('doc' in row && row.doc?.type === 'appointment' ? [row.doc.date] : [])).sort();
  const arrivals = dates.length ? await arrivalsBetween(db, clinic, dates[0]!, dates.at(-1)!) : new Map<string, string>();
  return { enquiries: list.map(factOf), arrived: new Set(arrivals.keys()), checks: new Map([...checks].map(([id, c]) => [id, c.verdict])) };
}

interface EnquiryMonth {
  enquiries: KeptEnquiry[];
  checks: Map<string, CheckVerdict>;
}

interface State extends KeptState {
  enquiries: Map<string, Promise<EnquiryMonth>>;
  arrivals: Map<string, Promise<Set<string>>>;
}

const states = new WeakMap<Db, State>();

function stateOf(db: Db): State {
  let s = states.get(db);
  if (!s) states.set(db, (s = { ...keptState(), enquiries: new Map(), arrivals: new Map() }));
  return s;
}

const key = (clinic: string, month: string) => `${clinic}|${month}`;
const ENQUIRY_TYPES = new Set(['enquiry', 'enquiry-check']);
const ARRIVAL_TYPES = new Set(['visit', 'visit-event']);

/** Reads the changes since the stored sequence and drops the months they touch. */
function refresh(db: Db, s: State): Promise<void> {
  return followChanges(db, s, (results) => {
    for (const c of results) {
      const [type, clinic, date] = c.id.split(':');
      if (!type || !clinic || !date) continue;
      if (ENQUIRY_TYPES.has(type)) s.enquiries.delete(key(clinic, date.slice(0, 7)));
      else if (ARRIVAL_TYPES.has(type)) s.arrivals.delete(key(clinic, date.slice(0, 7)));
    }
  });
}

async function current(db: Db, s: State): Promise<void> {
  await refreshed(s, () => refresh(db, s));
}

function month<T>(map: Map<string, Promise<T>>, k: string, read: () => Promise<T>): Promise<T> {
  let p = map.get(k);
  if (!p) {
    // Kept before the read starts: a change during the read drops it at the next ask's refresh.
    map.set(k, (p = read()));
    p.catch(() => map.get(k) === p && map.delete(k));
  }
  return p;
}

async function readEnquiryMonth(db: Db, clinic: string, m: string): Promise<EnquiryMonth> {
  const [list, checks] = await Promise.all([enquiriesBetween(db, clinic, `${m}-01`, lastDayOf(m)), checksBetween(db, clinic, `${m}-01`, lastDayOf(m))]);
  return { enquiries: list.map(factOf), checks: new Map([...checks].map(([id, c]) => [id, c.verdict])) };
}

/** The funnel's facts of clinic days `from`..`to`, as readFunnelFacts gives them, from the kept months. */
export async function keptFunnelFacts(db: Db, clinic: string, from: string, to: string, today: string): Promise<FunnelFactsOf> {
  const s = stateOf(db);
  await current(db, s);
  const months = periodsBetween(from, to, 'month');
  const arrivalMonths = periodsBetween(from, today > to ? today : to, 'month');
  const [enquiryMonths, arrivalSets] = await Promise.all([
    Promise.all(months.map((m) => month(s.enquiries, key(clinic, m), () => readEnquiryMonth(db, clinic, m)))),
    Promise.all(arrivalMonths.map((m) => month(s.arrivals, key(clinic, m), async () => new Set((await arrivalsBetween(db, clinic, `${m}-01`, lastDayOf(m))).keys())))),
  ]);
  const enquiries: KeptEnquiry[] = [];
  const checks = new Map<string, CheckVerdict>();
  for (const em of enquiryMonths) {
    for (const e of em.enquiries) if (e.day >= from && e.day <= to) enquiries.push(e);
    for (const [id, v] of em.checks) checks.set(id, v);
  }
  const arrived = new Set<string>();
  for (const e of enquiries) if (e.appointmentId && arrivalSets.some((set) => set.has(e.appointmentId!))) arrived.add(e.appointmentId);
  return { enquiries, arrived, checks };
}

/** Forgets what is kept for `db` (the next ask reads every month again). */
export function forgetFunnelFacts(db: Db): void {
  states.delete(db);
}

/**
 * The funnel's day sums (shared/enquiries/rules.ts `DaySum`: per clinic day, consultant and
 * channel), kept per store in memory and brought up to date from the changes feed, so a period's
 * funnel adds up at most 31 small rows a month instead of a fact per enquiry:
 * - a day's rows are built from that day's enquiries and spot checks (two id ranges, one read a
 *   month on the first ask); a change to an `enquiry:`/`enquiry-check:` id of the day drops its
 *   rows, and the next ask reads that day alone again;
 * - arrivals (到诊) come later than the enquiry's day, so the keeper also keeps, per loaded arrival
 *   month, the appointments its visits kept, and per booked enquiry the row its booking counts in
 *   (appointment id → row: the link, not a fact). A change to a `visit:`/`visit-event:` of a month
 *   reads that month's arrivals again, and only the appointments that came or went move the
 *   `arrivals` of their rows (±1).
 * Arrival months are loaded from the asked period's first month up to today's (a visit keeps its
 * appointment on the appointment's day, never before the enquiry that booked it). Asks to one
 * store run one at a time (a warm ask is a sum).
 *
 * Kept across a restart (the first ask after a start read every day again: 5.2 s for a clinic's
 * year): the rows, each with the appointments booked on it, and the arrival months are written
 * beside the store one file per clinic-month (`<store>.enquiry-sums/<CODE>_<YYYY-MM>.json`) with an
 * index (`<store>.enquiry-sums.json`, as head office's quality figures keep theirs,
 * src-main/headoffice/qualityCache.ts) holding the store's id and the changes-feed sequence every
 * part is complete up to, a second after an ask that changed them (and before the store closes).
 * A start takes the index and reads only the changes after that sequence; a part is read when an
 * ask needs its clinic-month, less the days and months those changes touched. Head office holds
 * every clinic: one file of them all was 162 MB at 50 clinics × 3 years (docs/bench.md). A row's `arrivals` are not taken from the file but counted again from its
 * bookings and the arrival months, so the two parts cannot disagree. A file of another store, of
 * another version, ahead of the store or unreadable is ignored (every day read again). Local
 * only: never synced, never a document. tests/integration/enquiries-funnel-cache.test.ts checks
 * the sums equal a full recount after adds, edits, deletes and a restart, and that a restart
 * reads no day but those changed since.
 */
export interface ClinicDayRow extends DaySum {
  clinic: string;
}

interface SumsState extends KeptState {
  /** `clinic|day` → the day's rows (an empty list: read, nothing asked that day). */
  days: Map<string, ClinicDayRow[]>;
  /** `clinic|day` → the appointments booked from that day's enquiries, each with the row it counts in. */
  dayBookings: Map<string, [appointmentId: string, row: ClinicDayRow][]>;
  /** Appointment id → the row its booking counts in. */
  booked: Map<string, ClinicDayRow>;
  /** `clinic|month` → the appointments the month's visits kept. */
  arrivalMonths: Map<string, Set<string>>;
  /** Appointment id → how many loaded arrival months hold it (arrived when > 0). */
  arrivedIn: Map<string, number>;
  /** Loaded arrival months a change touched: read again at the next ask. */
  staleMonths: Set<string>;
  queue: Promise<unknown>;
  /** Days and arrival months read from the store since the start (the tests and the bench look at them). */
  daysRead: number;
  monthsRead: number;
  /** Whether the sums came from the file beside the store. */
  loaded: boolean;
  /** The file was looked for (once per start). */
  looked: boolean;
  saving: FileSaving;
  /** `clinic|month` parts with a file beside the store, as the index lists them (and as written since). */
  onDisk: Set<string>;
  /** Parts whose file was looked at (loaded, or none): never taken from the file again this run. */
  resolved: Set<string>;
  /** Days (`clinic|day`) and arrival months (`clinic|month`) of unresolved parts changed since the file: the file may not give them. */
  touched: Set<string>;
  /** Unresolved parts a change touched: loaded before the next write, so that every file is complete to the index's sequence. */
  touchedParts: Set<string>;
  /** Parts whose sums changed since they were last written. */
  dirtyParts: Set<string>;
  /** Parts taken from their files this run (the tests look at them). */
  fromFile: Set<string>;
}

const sumStates = new WeakMap<Db, SumsState>();

function sumStateOf(db: Db): SumsState {
  let s = sumStates.get(db);
  if (!s) {
    s = {
      ...keptState(),
      days: new Map(),
      dayBookings: new Map(),
      booked: new Map(),
      arrivalMonths: new Map(),
      arrivedIn: new Map(),
      staleMonths: new Set(),
      queue: Promise.resolve(),
      daysRead: 0,
      monthsRead: 0,
      loaded: false,
      looked: false,
      saving: fileSaving(),
      onDisk: new Set(),
      resolved: new Set(),
      touched: new Set(),
      touchedParts: new Set(),
      dirtyParts: new Set(),
      fromFile: new Set(),
    };
    sumStates.set(db, s);
  }
  return s;
}

/** The part (`clinic|YYYY-MM`) a day key (`clinic|YYYY-MM-DD`) or an arrival month key belongs to. */
const partOf = (k: string) => k.slice(0, k.indexOf('|') + 8);

function dropDay(s: SumsState, k: string): void {
  if (!s.days.has(k)) return;
  for (const [id] of s.dayBookings.get(k) ?? []) s.booked.delete(id);
  s.dayBookings.delete(k);
  s.days.delete(k);
  s.saving.dirty = true;
  s.dirtyParts.add(partOf(k));
}

/** Puts a month's arrivals in place of what it held before; the rows of the appointments that came or went move by one. */
function setArrivalMonth(s: SumsState, k: string, now: Set<string>): void {
  const before = s.arrivalMonths.get(k) ?? new Set<string>();
  for (const id of before) {
    if (now.has(id)) continue;
    const n = (s.arrivedIn.get(id) ?? 0) - 1;
    if (n > 0) s.arrivedIn.set(id, n);
    else {
      s.arrivedIn.delete(id);
      const row = s.booked.get(id);
      if (row) row.arrivals -= 1;
    }
  }
  for (const id of now) {
    if (before.has(id)) continue;
    const n = (s.arrivedIn.get(id) ?? 0) + 1;
    s.arrivedIn.set(id, n);
    const row = s.booked.get(id);
    if (n === 1 && row) row.arrivals += 1;
  }
  s.arrivalMonths.set(k, now);
  s.saving.dirty = true;
  s.dirtyParts.add(k);
}

async function readArrivalMonth(db: Db, s: SumsState, clinic: string, m: string): Promise<Set<string>> {
  s.monthsRead += 1;
  return new Set((await arrivalsBetween(db, clinic, `${m}-01`, lastDayOf(m))).keys());
}

const emptyRow = (clinic: string, day: string, consultantId: string, channel: Channel): ClinicDayRow => ({ clinic, day, consultantId, channel, enquiries: 0, answered: 0, appointments: 0, arrivals: 0, minutes: 0, checked: 0, faulty: 0 });

/** Builds the rows of the missing days among `days` (one month's), from one read of their span. */
async function loadDays(db: Db, s: SumsState, clinic: string, missing: string[]): Promise<void> {
  const from = missing[0]!;
  const to = missing.at(-1)!;
  s.daysRead += missing.length;
  const [list, checks] = await Promise.all([enquiriesBetween(db, clinic, from, to), checksBetween(db, clinic, from, to)]);
  const want = new Set(missing);
  const byDay = new Map<string, EnquiryDoc[]>(missing.map((d) => [d, []]));
  for (const e of list) byDay.get(e._id.split(':')[2]!)?.push(e);
  const arrived = (id: string) => (s.arrivedIn.get(id) ?? 0) > 0;
  for (const [day, docs] of byDay) {
    if (!want.has(day)) continue;
    const k = key(clinic, day);
    dropDay(s, k);
    const rows = new Map<string, ClinicDayRow>();
    const bookings: [string, ClinicDayRow][] = [];
    for (const e of docs) {
      const f = factOf(e);
      const g = `${f.consultantId}|${f.channel}`;
      let row = rows.get(g);
      if (!row) rows.set(g, (row = emptyRow(clinic, day, f.consultantId, f.channel)));
      addSums(row, sumsOf(f, arrived, checks.get(e._id)?.verdict));
      if (f.appointmentId) {
        bookings.push([f.appointmentId, row]);
        s.booked.set(f.appointmentId, row);
      }
    }
    s.days.set(k, [...rows.values()]);
    s.dayBookings.set(k, bookings);
    s.saving.dirty = true;
    s.dirtyParts.add(partOf(k));
  }
}

function refreshSums(db: Db, s: SumsState): Promise<void> {
  return followChanges(db, s, (results) => {
    for (const c of results) {
      const [type, clinic, date] = c.id.split(':');
      if (!type || !clinic || !date) continue;
      if (ENQUIRY_TYPES.has(type)) {
        const k = key(clinic, date);
        dropDay(s, k);
        touch(s, k);
      } else if (ARRIVAL_TYPES.has(type)) {
        const k = key(clinic, date.slice(0, 7));
        if (s.arrivalMonths.has(k)) {
          s.staleMonths.add(k);
          s.dirtyParts.add(k);
        }
        touch(s, k);
      }
    }
    // The sequence moved: a file written now spares the next start these changes.
    if (results.length) s.saving.dirty = true;
  });
}

/** A change to `k` of a part not taken from the file yet: the file may not give `k`, and the part is loaded before the next write. */
function touch(s: SumsState, k: string): void {
  const part = partOf(k);
  if (s.resolved.has(part)) return;
  s.touched.add(k);
  s.touchedParts.add(part);
}

/** The day sums of clinic days `from`..`to`, day by day, as `daySums` counts them from a read of the store. */
export function keptDaySums(db: Db, clinic: string, from: string, to: string, today: string): Promise<ClinicDayRow[]> {
  const s = sumStateOf(db);
  const run = s.queue.catch(() => {}).then(async () => {
    if (!s.looked) {
      s.looked = true;
      await loadIndex(db, s);
    }
    await refreshSums(db, s);
    const wanted = periodsBetween(from, today > to ? today : to, 'month').map((m) => key(clinic, m));
    // The clinic-months asked, from their files (each once a run), before anything is read from the store.
    await Promise.all(wanted.map((part) => resolvePart(db, s, part)));
    // Arrivals first: the days built next count them.
    const stale = [...s.staleMonths];
    s.staleMonths.clear();
    const toRead = [...new Set([...stale, ...wanted.filter((k) => !s.arrivalMonths.has(k))])];
    const read = await Promise.all(toRead.map((k) => readArrivalMonth(db, s, k.split('|')[0]!, k.split('|')[1]!)));
    toRead.forEach((k, i) => setArrivalMonth(s, k, read[i]!));
    const days = daysBetween(from, to);
    const missing = new Map<string, string[]>();
    for (const d of days) if (!s.days.has(key(clinic, d))) missing.set(d.slice(0, 7), [...(missing.get(d.slice(0, 7)) ?? []), d]);
    await Promise.all([...missing.values()].map((m) => loadDays(db, s, clinic, m)));
    if (s.saving.dirty) saveSoon(db, s);
    return days.flatMap((d) => s.days.get(key(clinic, d)) ?? []);
  });
  s.queue = run;
  return run;
}

/** Forgets the day sums kept for `db` in memory (the next ask takes them from the file beside the store, else reads every day again). */
export function forgetDaySums(db: Db): void {
  const s = sumStates.get(db);
  if (s?.saving.timer) clearTimeout(s.saving.timer);
  sumStates.delete(db);
}

/** What the day sums of `db` did since the start: whether they came from the file, and how many days and arrival months were read from the store. */
export function daySumsStats(db: Db): { loaded: boolean; daysRead: number; monthsRead: number } {
  const s = sumStates.get(db);
  return { loaded: s?.loaded ?? false, daysRead: s?.daysRead ?? 0, monthsRead: s?.monthsRead ?? 0 };
}

/** The clinic-months taken from their files since the start (the tests look at them). */
export function daySumsParts(db: Db): string[] {
  const s = sumStates.get(db);
  return s ? [...s.fromFile].sort() : [];
}

/** Bump when what the files keep changes: an older file is then ignored and the days read again. */
const SUMS_VERSION = 2;

/** A row as the file keeps it: consultant, channel, then the sums but `arrivals` (counted again at a start). */
type FileRow = [consultantId: string, channel: Channel, enquiries: number, answered: number, appointments: number, minutes: number, checked: number, faulty: number];

/**
 * The index (`<store>.enquiry-sums.json`): the sequence every part file it lists is complete up to.
 * A part is one clinic-month (`<store>.enquiry-sums/<CODE>_<YYYY-MM>.json`): its days' rows with
 * their bookings, and the month's arrivals. Head office holds every clinic's years; a part is read
 * only when a clinic-month is asked (or changed), and a change rewrites its part and the index,
 * not everything (docs/bench.md "Head office's sums file").
 */
interface SumsIndex {
  version: number;
  store: string;
  seq: number | string;
  parts: string[];
}

interface SumsPart {
  version: number;
  store: string;
  seq: number | string;
  part: string;
  /** The day (YYYY-MM-DD), its rows, and its bookings as [appointment id, position of the row]. */
  days: [day: string, rows: FileRow[], bookings: [string, number][]][];
  /** The appointments the month's visits kept; null when not read (or changed since). */
  arrivals: string[] | null;
}

/** Where a store's day sums live: beside the store's folder (on-disk stores only); the index. */
export const daySumsPath = (db: Db) => keptFilePath(db, 'enquiry-sums');

/** A part's file: in the folder beside the index. */
function partPath(db: Db, part: string): string | null {
  const index = daySumsPath(db);
  if (!index) return null;
  const [clinic, month] = part.split('|');
  return `${index.slice(0, -'.json'.length)}/${encodeURIComponent(clinic!)}_${month!}.json`;
}

const isIndex = (f: unknown): f is SumsIndex =>
  typeof f === 'object' && f !== null && (f as SumsIndex).version === SUMS_VERSION && Array.isArray((f as SumsIndex).parts) && (f as SumsIndex).parts.every((p) => typeof p === 'string' && /^[^|]+\|\d{4}-\d{2}$/.test(p)) && ['number', 'string'].includes(typeof (f as SumsIndex).seq);

const isRow = (r: unknown) => Array.isArray(r) && r.length === 8 && typeof r[0] === 'string' && typeof r[1] === 'string' && r.slice(2).every((n) => typeof n === 'number' && Number.isFinite(n));

const isPart = (f: unknown, part: string): f is SumsPart => {
  if (typeof f !== 'object' || f === null) return false;
  const p = f as SumsPart;
  if (p.version !== SUMS_VERSION || p.part !== part || !Array.isArray(p.days) || !(p.arrivals === null || (Array.isArray(p.arrivals) && p.arrivals.every((id) => typeof id === 'string')))) return false;
  return p.days.every(
    (d) => Array.isArray(d) && typeof d[0] === 'string' && d[0].slice(0, 7) === part.split('|')[1] && Array.isArray(d[1]) && d[1].every(isRow) && Array.isArray(d[2]) && d[2].every((b) => Array.isArray(b) && typeof b[0] === 'string' && Number.isInteger(b[1]) && b[1] >= 0 && b[1] < d[1].length),
  );
};

/** Takes the index of the last run, if it is this store's, of this version and not ahead of it: the parts are read when asked. */
async function loadIndex(db: Db, s: SumsState): Promise<void> {
  const file = await readKeptFile(db, daySumsPath(db));
  if (!isIndex(file)) return;
  s.onDisk = new Set(file.parts);
  s.seq = file.seq;
  s.loaded = true;
}

/** Puts a part's file in place once a run: the days and arrivals it holds that no change touched since and that are not kept already. */
async function resolvePart(db: Db, s: SumsState, part: string): Promise<void> {
  if (s.resolved.has(part)) return;
  s.resolved.add(part);
  s.touchedParts.delete(part);
  if (!s.onDisk.has(part)) return;
  const path = partPath(db, part);
  const file = path ? await readKeptFile(db, path) : null;
  if (!isPart(file, part)) {
    // Unreadable or missing: its days are read from the store, and the file rewritten or removed.
    s.dirtyParts.add(part);
    return;
  }
  s.fromFile.add(part);
  const clinic = part.split('|')[0]!;
  const arrived = (id: string) => (s.arrivedIn.get(id) ?? 0) > 0;
  let whole = true;
  for (const [day, fileRows, bookings] of file.days) {
    const k = key(clinic, day);
    if (s.touched.has(k) || s.days.has(k)) {
      whole = false;
      continue;
    }
    const rows = fileRows.map(([consultantId, channel, enquiries, answered, appointments, minutes, checked, faulty]) => ({ ...emptyRow(clinic, day, consultantId, channel), enquiries, answered, appointments, minutes, checked, faulty }));
    const pairs = bookings.map(([id, at]): [string, ClinicDayRow] => [id, rows[at]!]);
    // Each row's arrivals from its bookings and the months kept, as loadDays counts them.
    for (const [id, row] of pairs) {
      s.booked.set(id, row);
      if (arrived(id)) row.arrivals += 1;
    }
    s.days.set(k, rows);
    s.dayBookings.set(k, pairs);
  }
  if (file.arrivals && !s.touched.has(part) && !s.arrivalMonths.has(part)) setArrivalMonth(s, part, new Set(file.arrivals));
  else if (!file.arrivals || s.touched.has(part)) whole = false;
  // Taken as written: nothing to write again unless something was left out.
  if (whole) s.dirtyParts.delete(part);
  else s.dirtyParts.add(part);
}

/** Writes the sums in the background, a second after the last ask that changed them (asks come in bursts). */
function saveSoon(db: Db, s: SumsState): void {
  if (daySumsPath(db)) writeSoon(s.saving, () => writeSums(db, s));
}

/**
 * Between two asks: the parts a change touched are put in place first (so every part file is
 * complete to `seq`), then each changed part is written whole (or removed when it holds nothing),
 * then the index is the body writeKeptFile writes. A later change is read again at the next start.
 */
async function writeParts(db: Db, s: SumsState): Promise<Omit<SumsIndex, 'store'>> {
  await Promise.all([...s.touchedParts].map((part) => resolvePart(db, s, part)));
  const seq = s.seq!;
  const dirty = [...s.dirtyParts];
  s.dirtyParts.clear();
  try {
    const days = new Map<string, SumsPart['days']>(dirty.map((p) => [p, []]));
    for (const [k, rows] of s.days) {
      const list = days.get(partOf(k));
      if (!list) continue;
      const at = new Map(rows.map((r, i) => [r, i]));
      const fileRows = rows.map((r): FileRow => [r.consultantId, r.channel, r.enquiries, r.answered, r.appointments, r.minutes, r.checked, r.faulty]);
      list.push([k.slice(k.indexOf('|') + 1), fileRows, (s.dayBookings.get(k) ?? []).map(([id, row]) => [id, at.get(row)!])]);
    }
    for (const part of dirty) {
      const path = partPath(db, part)!;
      // A month a change touched and not read again yet is left out (read again when asked).
      const ids = s.arrivalMonths.get(part);
      const arrivals = ids && !s.staleMonths.has(part) ? [...ids] : null;
      const list = days.get(part)!;
      if (!list.length && !arrivals) {
        await rm(path, { force: true });
        s.onDisk.delete(part);
        continue;
      }
      await writeWholeFile(db, path, { version: SUMS_VERSION, seq, part, days: list, arrivals });
      s.onDisk.add(part);
    }
  } catch (e) {
    for (const part of dirty) s.dirtyParts.add(part);
    throw e;
  }
  return { version: SUMS_VERSION, seq, parts: [...s.onDisk].sort() };
}

function writeSums(db: Db, s: SumsState): Promise<void> {
  return writeKeptFile(db, s.saving, daySumsPath(db), s.seq !== null, () => {
    // In the queue of asks: never halfway through one (its changes read, its days not yet).
    const taken = s.queue.catch(() => {}).then(() => writeParts(db, s));
    s.queue = taken;
    return taken;
  });
}

/** Writes what is not written yet and waits for it (before the store closes). */
export async function daySumsSaved(db: Db): Promise<void> {
  const s = sumStates.get(db);
  if (s) await writeSums(db, s);
}
