import type { AppointmentDoc } from '../../shared/appointments/schemas';
import type { CheckVerdict, EnquiryDoc } from '../../shared/enquiries/schemas';
import type { FunnelFacts } from '../../shared/enquiries/rules';
import { lastDayOf } from '../../shared/time';
import { periodsBetween } from '../../shared/headoffice/rules';
import { arrivalsBetween } from '../appointments/repo';
import type { Db } from '../store/pouch';
import { checksBetween, enquiriesBetween } from './repo';
import { followChanges, keptState, refreshed, type KeptState } from '../store/kept';

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
