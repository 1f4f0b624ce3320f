import { add, type SummaryRows } from '../../shared/headoffice/rules';
import type { ChangeEvent } from '../../shared/operations';
import { dayBoard } from '../visits/repo';
import { teaEventsOfDay, templateVersions } from '../tea/repo';
import { defaultTeaChecklist } from '../../shared/tea/rules';
import { minutesBetween } from '../../shared/time';
import type { VisitRecord } from '../../shared/headoffice/schemas';
import type { VisitDoc } from '../../shared/desk/schemas';
import type { NoShowDoc } from '../../shared/appointments/schemas';
import { HEAD_OFFICE_CODE } from '../../shared/reference/schemas';
import { clinicDate } from '../../shared/time';
import type { Db } from '../store/pouch';
import { deskClinicCode } from '../reference/repo';
import { listClinics } from './repo';
import { getOrNull } from '../store/get';

/**
 * Head office's figures per clinic day, kept as one small document per day (`ho-day:<date>`).
 *
 * A map/reduce view would be the textbook answer, but PouchDB stores no reductions: a `_count`
 * view read with `group_level` reads every row of the range (a year of ten clinics, ~400,000
 * visits, is seconds per look), and building such a view over half a million documents takes
 * minutes. Visit ids carry their clinic and day (`visit:BJ:2026-11-27:…`), so one day of one
 * clinic is an id-range read; its grouped counts go into the day's summary, and a year is then
 * 365 small documents.
 *
 * A day is recomputed — never incremented — whenever one of its visits changes, or a customer
 * registered that day does, so an edit, a conflict resolution or a document arriving twice
 * cannot make a figure drift: the documents stay the truth, the summaries are their cache.
 * Summaries exist only in head-office mode and never leave the computer (the head-office sync plan
 * pushes reference documents only). Progress is a checkpoint in `_local/ho-summaries`.
 */
const CHECKPOINT_ID = '_local/ho-summaries';
const BATCH = 2_000;
/**
 * Changes per catch-up slice. A bulk write of a year lands about a clinic day's worth at a time
 * (~1,400 documents for ten clinics), so a day's documents often span two slices and the day is read
 * twice: with slices of 2,000 most days were; with 10,000, one in seven. The catch-up after a pull
 * of 60,000 documents took 9.5–17.9 s instead of 17.7–29.4 s at 2,000 (alternating runs, same store,
 * load average ≈ 28), with the same event-loop delay.
 */
const SLICE = 10_000;
const RECOMPUTE_AT_ONCE = 4;

export interface DaySummaryDoc {
  _id: string;
  _rev?: string;
  type: 'ho-day';
  schemaVersion: number;
  clinic: typeof HEAD_OFFICE_CODE;
  date: string;
  /** [clinic, first 1/0, department, count] */
  visits: [string, number, string, number][];
  /** New customers by media source: [clinic, source, count] of the day's first visits. */
  customers: [string, string, number][];
  /** Waits that ended (arrival → first move off waiting): [clinic, minutes summed, count]. */
  waits: [string, number, number][];
  /** Outcomes of visitors who left: [clinic, outcome, count]. */
  outcomes: [string, string, number][];
  /** Tea service: [clinic, served, declined, refills, minutes to first cup summed, first cups]. */
  tea: [string, number, number, number, number, number][];
  /** Checklist exceptions: [clinic, item text, count]. */
  teaExceptions: [string, string, number][];
  /** The day's no-shows (爽约): [clinic, no-show id] (their ids carry no date, so they are listed). */
  noShows: [string, string][];
}

/** Bumped when the summary's shape changes: the checkpoint then starts over and every day is recomputed. */
const SUMMARY_VERSION = 4; // 4: a no-show a lead corrected no longer counts (issue 21)

const daySummaryId = (date: string) => `ho-day:${date}`;

/** Documents whose id says their clinic and day, and which the summaries count. */
const DAY_TYPES = new Set(['visit', 'visit-event', 'tea-event']);

/** `visit:BJ:2026-11-27:…` (or a visit's or tea event) → ['BJ', '2026-11-27']. */
function dayPlace(id: string): [string, string] | null {
  const [type, clinic, date] = id.split(':');
  return type && DAY_TYPES.has(type) && clinic && date ? [clinic, date] : null;
}

/** The day's visits that count (not cancelled: 作废), as the visits domain reads them. */
async function visitsOf(db: Db, clinic: string, date: string): Promise<VisitDoc[]> {
  return (await dayBoard(db, clinic, date)).map((b) => b.visit);
}

/** Checklist item texts per clinic, read once per catch-up. */
export type TextCache = Map<string, Promise<Map<string, string>>>;

export async function itemTexts(db: Db, clinic: string, cache: TextCache): Promise<Map<string, string>> {
  let texts = cache.get(clinic);
  if (!texts) {
    texts = templateVersions(db, clinic).then((versions) => {
      const map = new Map<string, string>(defaultTeaChecklist.map((i) => [i.id, i.text]));
      for (const v of versions) for (const i of v.items) map.set(i.id, i.text);
      return map;
    });
    cache.set(clinic, texts);
  }
  return texts;
}

/** One clinic day's waits, outcomes and tea, from the visits domain's and tea's own reads. */
async function serviceOf(db: Db, clinic: string, date: string, cache: TextCache) {
  const [board, events, texts] = await Promise.all([dayBoard(db, clinic, date), teaEventsOfDay(db, clinic, date), itemTexts(db, clinic, cache)]);
  const waits = board.flatMap(({ visit, state }) => (state.waitEndedAt ? [minutesBetween(visit.arrivedAt, state.waitEndedAt)] : []));
  const outcomes = new Map<string, number>();
  for (const { state } of board) if (state.outcome) add(outcomes, state.outcome);
  const arrived = new Map(board.map(({ visit }) => [visit._id, visit.arrivedAt]));
  const firstCup = new Map<string, string>();
  for (const e of [...events].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) if (e.kind === 'served' && !firstCup.has(e.visitId)) firstCup.set(e.visitId, e.createdAt);
  const toFirstCup = [...firstCup].flatMap(([visitId, at]) => (arrived.has(visitId) ? [minutesBetween(arrived.get(visitId)!, at)] : []));
  const exceptions = new Map<string, number>();
  for (const e of events) for (const c of e.checks) if (!c.ok) add(exceptions, texts.get(c.itemId) ?? c.itemId);
  const kind = (k: string) => events.filter((e) => e.kind === k).length;
  return {
    visits: board.map((b) => b.visit),
    waits: waits.length ? ([[clinic, waits.reduce((a, b) => a + b, 0), waits.length]] as [string, number, number][]) : [],
    outcomes: [...outcomes].map(([o, n]) => [clinic, o, n] as [string, string, number]),
    tea: events.length ? ([[clinic, kind('served'), kind('declined'), kind('refill'), toFirstCup.reduce((a, b) => a + b, 0), toFirstCup.length]] as [string, number, number, number, number, number][]) : [],
    teaExceptions: [...exceptions].map(([text, n]) => [clinic, text, n] as [string, string, number]),
  };
}

function count<K>(map: Map<string, { key: K; n: number }>, key: K) {
  const k = JSON.stringify(key);
  const entry = map.get(k) ?? { key, n: 0 };
  entry.n += 1;
  map.set(k, entry);
}

/** `no-show:<CODE>:<tail>` ↔ `no-show-correction:<CODE>:<tail>` (a lead's correction shares the appointment's tail). */
const correctionIdOf = (noShowId: string) => noShowId.replace(/^no-show:/, 'no-show-correction:');
export const noShowIdOfCorrection = (correctionId: string) => correctionId.replace(/^no-show-correction:/, 'no-show:');

/**
 * The no-shows of a day that stand, from the ids the summary knew and those just changed, each
 * read again: one a lead corrected (`no-show-correction`, issue 21) no longer counts.
 */
async function noShowsOf(db: Db, date: string, ids: Set<string>): Promise<[string, string][]> {
  if (!ids.size) return [];
  const keys = [...ids].sort();
  const [res, corrections] = await Promise.all([
    db.allDocs<NoShowDoc>({ keys, include_docs: true }),
    db.allDocs({ keys: keys.map(correctionIdOf) }),
  ]);
  const corrected = new Set(corrections.rows.flatMap((r) => ('value' in r && r.value && !r.value.deleted ? [noShowIdOfCorrection(r.key)] : [])));
  return res.rows.flatMap((row) => {
    const doc = 'doc' in row ? row.doc : null;
    return doc && doc.type === 'no-show' && doc.date === date && !corrected.has(doc._id) ? [[doc.clinic, doc._id] as [string, string]] : [];
  });
}

async function recompute(db: Db, date: string, clinics: Set<string>, cache: TextCache, changedNoShows: Set<string> = new Set()): Promise<void> {
  const existing = await getOrNull<DaySummaryDoc>(db, daySummaryId(date));
  const noShows = await noShowsOf(db, date, new Set([...(existing?.noShows ?? []).map(([, id]) => id), ...changedNoShows]));
  for (const [clinic] of existing?.visits ?? []) clinics.add(clinic);
  const visitCounts = new Map<string, { key: [string, number, string]; n: number }>();
  const firstVisits: VisitDoc[] = [];
  const service = { waits: [], outcomes: [], tea: [], teaExceptions: [] } as Pick<DaySummaryDoc, 'waits' | 'outcomes' | 'tea' | 'teaExceptions'>;
  // One read of each clinic's day (its visits with their events, and its tea) serves every figure.
  for (const clinic of [...clinics].sort()) {
    const s = await serviceOf(db, clinic, date, cache);
    for (const v of s.visits) {
      count(visitCounts, [v.clinic, v.firstVisit ? 1 : 0, v.departmentName]);
      if (v.firstVisit) firstVisits.push(v);
    }
    service.waits.push(...s.waits);
    service.outcomes.push(...s.outcomes);
    service.tea.push(...s.tea);
    service.teaExceptions.push(...s.teaExceptions);
  }
  const customers = await db.allDocs<{ source?: string }>({ keys: firstVisits.map((v) => v.customerId), include_docs: true });
  const sourceCounts = new Map<string, { key: [string, string]; n: number }>();
  customers.rows.forEach((row, i) => {
    const doc = 'doc' in row ? row.doc : null;
    // A customer not here yet (sync brings it later, and its arrival recomputes this day).
    count(sourceCounts, [firstVisits[i]!.clinic, typeof doc?.source === 'string' ? doc.source : 'unknown']);
  });
  const doc: DaySummaryDoc = {
    _id: daySummaryId(date),
    type: 'ho-day',
    schemaVersion: SUMMARY_VERSION,
    clinic: HEAD_OFFICE_CODE,
    date,
    visits: [...visitCounts.values()].map(({ key, n }) => [...key, n]),
    customers: [...sourceCounts.values()].map(({ key, n }) => [...key, n]),
    ...service,
    noShows,
  };
  const content = (d: DaySummaryDoc) => JSON.stringify([d.schemaVersion, d.visits, d.customers, d.waits, d.outcomes, d.tea, d.teaExceptions, d.noShows]);
  if (existing && content(existing) === content(doc)) return;
  if (!existing && doc.visits.length === 0 && doc.tea.length === 0 && doc.noShows.length === 0) return;
  await db.put(existing ? { ...doc, _rev: existing._rev } : doc);
}

/**
 * The day a changed customer counts on: the day they were registered, which at the door is the
 * day of their first visit. (Not the desk's visits-by-customer view: building it over half a
 * million pulled documents would hold every catch-up up for minutes.)
 */
async function daysOfCustomers(db: Db, customerIds: string[], dirty: Map<string, Set<string>>) {
  for (let i = 0; i < customerIds.length; i += BATCH) {
    const res = await db.allDocs<{ clinic?: string; createdAt?: string }>({ keys: customerIds.slice(i, i + BATCH), include_docs: true });
    for (const row of res.rows) {
      const doc = 'doc' in row ? row.doc : null;
      if (doc?.clinic && doc.createdAt) mark(dirty, [doc.clinic, clinicDate(doc.createdAt)]);
    }
  }
}

/** The day of each changed no-show (its document says it; no-shows are never deleted). */
async function daysOfNoShows(db: Db, ids: string[], dirty: Map<string, Set<string>>): Promise<Map<string, Set<string>>> {
  const byDay = new Map<string, Set<string>>();
  for (let i = 0; i < ids.length; i += BATCH) {
    const res = await db.allDocs<NoShowDoc>({ keys: ids.slice(i, i + BATCH), include_docs: true });
    for (const row of res.rows) {
      const doc = 'doc' in row ? row.doc : null;
      if (doc?.type !== 'no-show') continue;
      mark(dirty, [doc.clinic, doc.date]);
      byDay.set(doc.date, (byDay.get(doc.date) ?? new Set()).add(doc._id));
    }
  }
  return byDay;
}

function mark(dirty: Map<string, Set<string>>, place: [string, string] | null) {
  if (!place) return;
  const [clinic, date] = place;
  dirty.set(date, (dirty.get(date) ?? new Set()).add(clinic));
}

const running = new WeakMap<Db, Promise<number>>();

/** How far the catch-up running on a store has come: changes read of those there were when it began. */
export interface CatchUpProgress {
  done: number;
  total: number;
}
/** The running catch-up's changes done, and the sequence it has read up to. */
const progressOf = new WeakMap<Db, { done: number; since: number | string }>();
/** Stores closing: their catch-up stops after the slice it is in (the checkpoint says where it got to). */
const stopping = new WeakSet<Db>();

/** The catch-up's progress while one runs (what is behind it counted now: more may have arrived), else null. */
export async function catchingUp(db: Db): Promise<CatchUpProgress | null> {
  const p = progressOf.get(db);
  if (!p) return null;
  const { update_seq } = await db.info();
  const behind = typeof update_seq === 'number' && typeof p.since === 'number' ? Math.max(0, update_seq - p.since) : 0;
  return { done: p.done, total: p.done + behind };
}

/**
 * Brings every day's summary up to date with the documents on disk: reads the changes since the
 * checkpoint, recomputes the days they touch. Returns how many days it recomputed. One catch-up
 * at a time per store, apart from the desk's write queue (store/serial.ts): a first catch-up
 * after a large pull takes a while and must not hold other writes up.
 */
export function catchUp(db: Db): Promise<number> {
  queued.set(db, (queued.get(db) ?? 0) + 1);
  const next = (running.get(db) ?? Promise.resolve(0))
    .catch(() => 0)
    .then(() => catchUpNow(db))
    .finally(() => queued.set(db, (queued.get(db) ?? 1) - 1));
  running.set(db, next);
  return next;
}

/** Catch-ups asked for and not yet finished, per store (one running, others waiting their turn). */
const queued = new WeakMap<Db, number>();

/** Changes behind the summaries' checkpoint above which the dashboard answers from what is summarised so far. */
export const BACKGROUND_CATCH_UP = 10_000;

/**
 * The catch-up the dashboard waits for: the whole of it when few changes are behind the
 * checkpoint; after a large pull, none of it — the catch-up goes on in the background and the
 * answer says how far it has come (issue 16: the first dashboard after a 500,000-document pull
 * waited ~70 s for every day's summary). Returns the progress while it runs, null once complete.
 */
export async function catchUpOrProgress(db: Db): Promise<CatchUpProgress | null> {
  const now = await catchingUp(db);
  if (now) return now;
  const [checkpoint, info] = await Promise.all([getOrNull<{ seq: number | string; version?: number }>(db, CHECKPOINT_ID), db.info()]);
  const start = checkpoint?.version === SUMMARY_VERSION ? checkpoint.seq : 0;
  const behind = typeof info.update_seq === 'number' && typeof start === 'number' ? info.update_seq - start : 0;
  // A large catch-up asked for and not yet begun (it sets its progress once it has read its
  // checkpoint): not a second one queued behind it, whose progress would start again from 0.
  if (behind > BACKGROUND_CATCH_UP && (queued.get(db) ?? 0) > 0) return (await catchingUp(db)) ?? { done: 0, total: behind };
  const work = catchUp(db);
  if (behind <= BACKGROUND_CATCH_UP) {
    await work;
    return null;
  }
  work.catch(() => {});
  return (await catchingUp(db)) ?? { done: 0, total: behind };
}

/** Lets timers, I/O and other requests run between slices of a long catch-up. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Slice by slice: each slice of changes has its days recomputed and the checkpoint moved past it
 * before the next is read, so the summaries of a long catch-up are there day by day (a dashboard
 * asked meanwhile shows them) and a catch-up cut short goes on from its last slice. A day whose
 * documents span two slices is recomputed twice (a recompute reads the day whole: same result).
 */
async function catchUpNow(db: Db): Promise<number> {
  let checkpoint: { _rev: string; seq: number | string; version?: number } | null = await getOrNull<{ _rev: string; seq: number | string; version?: number }>(db, CHECKPOINT_ID);
  // A summary of another shape: start over (the summaries are a cache of the documents).
  const start = checkpoint?.version === SUMMARY_VERSION ? checkpoint.seq : 0;
  // One waiting behind another (a change arrived while it ran) goes on counting from where that one
  // got to, so the progress a dashboard shows only moves forward while the store is busy.
  const progress = { done: carried.get(db) ?? 0, since: start };
  carried.delete(db);
  progressOf.set(db, progress);
  let since: number | string = start;
  let days = 0;
  const known = (await listClinics(db)).map((c) => c.code);
  const cache: TextCache = new Map();
  try {
    for (;;) {
      // Ids alone: a visit's id says its clinic and day; a customer's visits say theirs.
      const changes = await db.changes({ since, limit: SLICE, return_docs: true });
      const dirty = new Map<string, Set<string>>();
      const customers: string[] = [];
      const noShowIds: string[] = [];
      for (const c of changes.results) {
        const place = dayPlace(c.id);
        if (place) mark(dirty, place);
        // From nothing, a customer's day is recomputed with its visits — unless it arrives in a later slice.
        else if (c.id.startsWith('customer:')) customers.push(c.id);
        else if (c.id.startsWith('no-show:')) noShowIds.push(c.id);
        // A correction's day is its no-show's (read there); a correction that came first finds no no-show yet, and the no-show's own arrival counts it then.
        else if (c.id.startsWith('no-show-correction:')) noShowIds.push(noShowIdOfCorrection(c.id));
      }
      if (changes.results.length === 0) break;
      await daysOfCustomers(db, customers, dirty);
      const noShows = await daysOfNoShows(db, noShowIds, dirty);
      const dates = [...dirty.keys()].sort();
      // A few days at a time: each writes its own summary, and LevelDB reads overlap well.
      for (let i = 0; i < dates.length; i += RECOMPUTE_AT_ONCE) {
        await Promise.all(dates.slice(i, i + RECOMPUTE_AT_ONCE).map((date) => recompute(db, date, new Set([...known, ...dirty.get(date)!]), cache, noShows.get(date))));
        await yieldToEventLoop();
      }
      days += dirty.size;
      since = changes.last_seq;
      const put = await db.put({ _id: CHECKPOINT_ID, seq: since, version: SUMMARY_VERSION, ...(checkpoint ? { _rev: checkpoint._rev } : {}) });
      checkpoint = { _rev: put.rev, seq: since, version: SUMMARY_VERSION };
      progress.done += changes.results.length;
      progress.since = since;
      if (changes.results.length < SLICE || stopping.has(db)) break;
      await yieldToEventLoop();
    }
    if (!checkpoint || checkpoint.version !== SUMMARY_VERSION) await db.put({ _id: CHECKPOINT_ID, seq: since, version: SUMMARY_VERSION, ...(checkpoint ? { _rev: checkpoint._rev } : {}) });
  } finally {
    progressOf.delete(db);
    // Itself and another asked for: the next one carries on the count.
    if ((queued.get(db) ?? 0) > 1) carried.set(db, progress.done);
  }
  return days;
}

/** The changes counted by a catch-up that finished with another waiting behind it (see catchUpNow). */
const carried = new WeakMap<Db, number>();

/** The grouped rows of a range of days, as the rules turn them into figures. */
export async function summaryRows(db: Db, from: string, to: string): Promise<SummaryRows> {
  const res = await db.allDocs<DaySummaryDoc>({ startkey: daySummaryId(from), endkey: daySummaryId(to), include_docs: true });
  const rows: SummaryRows = { visits: [], customers: [], service: [] };
  for (const row of res.rows) {
    const d = row.doc;
    if (!d) continue;
    for (const [clinic, first, department, n] of d.visits) rows.visits.push({ key: [d.date, clinic, first, department], value: n });
    for (const [clinic, source, n] of d.customers) rows.customers.push({ key: [d.date, clinic, source], value: n });
    rows.service.push({ date: d.date, waits: d.waits, outcomes: d.outcomes, tea: d.tea, teaExceptions: d.teaExceptions, noShows: d.noShows ?? [] });
  }
  return rows;
}

export interface VisitFilter {
  clinic: string | null;
  firstVisit: boolean | null;
  departmentName: string | null;
  /** Only first visits of customers from this source. */
  source: string | null;
  /** Only visitors who left with this outcome. */
  outcome: string | null;
}

/**
 * The visits behind a figure, at most `limit`: the summaries say which clinic days hold matching
 * visits, and only those days are read.
 */
export async function visitRecords(db: Db, from: string, to: string, filter: VisitFilter, limit: number): Promise<VisitRecord[]> {
  const { visits, customers, service } = await summaryRows(db, from, to);
  const places = new Set<string>();
  const inClinic = (clinic: string) => filter.clinic === null || clinic === filter.clinic;
  if (filter.outcome !== null) {
    for (const day of service) for (const [clinic, outcome] of day.outcomes) if (inClinic(clinic) && outcome === filter.outcome) places.add(`${day.date}|${clinic}`);
  } else if (filter.source !== null) {
    for (const { key } of customers) if (inClinic(key[1]) && key[2] === filter.source) places.add(`${key[0]}|${key[1]}`);
  } else {
    for (const { key } of visits) {
      const [date, clinic, first, department] = key;
      const fits = inClinic(clinic) && (filter.firstVisit === null || Boolean(first) === filter.firstVisit) && (filter.departmentName === null || department === filter.departmentName);
      if (fits) places.add(`${date}|${clinic}`);
    }
  }
  const records: VisitRecord[] = [];
  for (const place of [...places].sort()) {
    const [date, clinic] = place.split('|') as [string, string];
    let day = filter.outcome === null ? await visitsOf(db, clinic, date) : (await dayBoard(db, clinic, date)).filter((b) => b.state.outcome === filter.outcome).map((b) => b.visit);
    if (filter.source !== null) {
      const firsts = day.filter((v) => v.firstVisit);
      const found = await db.allDocs<{ source?: string }>({ keys: firsts.map((v) => v.customerId), include_docs: true });
      const source = (row: (typeof found.rows)[number]) => ('doc' in row && typeof row.doc?.source === 'string' ? row.doc.source : 'unknown');
      day = firsts.filter((_, i) => source(found.rows[i]!) === filter.source);
    }
    for (const v of day) {
      if (filter.firstVisit !== null && v.firstVisit !== filter.firstVisit) continue;
      if (filter.departmentName !== null && v.departmentName !== filter.departmentName) continue;
      records.push({ id: v._id, clinic: v.clinic, date, arrivedAt: v.arrivedAt, customerName: v.customerName, firstVisit: v.firstVisit, departmentName: v.departmentName, consultantName: v.consultantName, registeredBy: v.createdBy });
      if (records.length >= limit) return records;
    }
  }
  return records;
}

/** Document types whose changes move a day's figures: those whose id says their day, and those the catch-up reads to find it. */
const COUNTED_TYPES = new Set([...DAY_TYPES, 'customer', 'no-show', 'no-show-correction']);

/**
 * Keeps the summaries current in the background on a head-office computer, a couple of seconds
 * after documents arrive, so that a look at the dashboard rarely waits for a catch-up. It listens
 * to the app's own change announcements (no second changes feed).
 */
export function keepSummaries(db: Db, log: (message: string, err: unknown) => void, subscribe: (listener: (event: ChangeEvent) => void) => () => void, delayMs = 2_000): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  let last: Promise<unknown> = Promise.resolve();
  const unsubscribe = subscribe((event) => {
    if (timer || !event.types.some((t) => COUNTED_TYPES.has(t))) return;
    timer = setTimeout(() => {
      timer = null;
      last = deskClinicCode(db)
        .then((code) => (code === HEAD_OFFICE_CODE ? catchUp(db) : 0))
        .catch((err: unknown) => log('head office: summaries could not catch up', err));
    }, delayMs);
  });
  return {
    async stop() {
      stopping.add(db);
      unsubscribe();
      if (timer) clearTimeout(timer);
      await last;
      await running.get(db)?.catch(() => {});
    },
  };
}
