import { FOLLOWUP_PLANS_ID } from '../../shared/followup/plans';
import type { CustomerDoc } from '../../shared/desk/schemas';
import type { VisitEventDoc } from '../../shared/visits/schemas';
import { planIds } from '../../shared/followup/rules';
import type { FollowupEventDoc, FollowupTaskDoc } from '../../shared/followup/schemas';
import type { Db } from '../store/pouch';
import { addDays } from '../../shared/time';
import { dropKept, followChanges, keptRead, keptState, refreshed, type KeptState } from '../store/kept';

/**
 * What the call list and the figures read, kept in memory per store and refreshed from the
 * changes feed since the sequence it was read at (as desk/keptBoard.ts keeps the day's board;
 * issue 13's bench: over a clinic's year the list took ~2 s and the week's figures ~3.7 s, both
 * reading every task, or every customer, of the clinic at each ask):
 * - the clinic's task index, id → due date (a task's id carries its source's date, not its due
 *   date, so the week's tasks cannot be an id range): read whole once, then each changed task;
 * - the clinic's members (a tier and a 入会日期), for member care: read whole once, then each
 *   changed customer;
 * - a day's call events (their ids carry the task's due date): dropped when one of them changes;
 * - a figures answer, dropped when a task due, or an event, in its period changes, or when a
 *   visit whose tasks fall due in it changes (a 离院 undone withdraws them): a check-in, or any
 *   step of a visit that has no task yet, moves no figure and drops nothing.
 * In memory only; the entries are shared: callers must not change them.
 */
export interface Member {
  customerId: string;
  name: string;
  since: string;
  tier: NonNullable<CustomerDoc['tier']>;
  birthDate: string | null;
}

interface State extends KeptState {
  tasks: Map<string, Promise<Map<string, string>>>;
  members: Map<string, Promise<Map<string, Member>>>;
  events: Map<string, Promise<FollowupEventDoc[]>>;
  figures: Map<string, Promise<unknown>>;
  /** The members as a list, the same array until one changes (so what is derived from it can be kept by it). */
  memberLists: Map<string, Member[]>;
  /** Customers' phones read so far, dropped when the customer changes. */
  phones: Map<string, string>;
  /** How many figures answers were read (not answered from memory): what the tests read to see a figure was kept. */
  figureReads: number;
  /**
   * Per clinic, the first received day of the complaints 投诉回访 must still read (docs/followup.md
   * "Tasks from other sources"), and the plans it holds for; `complaintChanges` counts the changes
   * to complaints received before it (or to any while none is kept), so a span read meanwhile is not kept.
   */
  complaintSpans: Map<string, { key: string; from: string }>;
  complaintChanges: Map<string, number>;
  /** How many complaint documents the derivation read (for the tests). */
  complaintReads: number;
}

const states = new WeakMap<Db, State>();

function stateOf(db: Db): State {
  let s = states.get(db);
  if (!s) states.set(db, (s = { ...keptState(), tasks: new Map(), members: new Map(), events: new Map(), figures: new Map(), memberLists: new Map(), phones: new Map(), figureReads: 0, complaintSpans: new Map(), complaintChanges: new Map(), complaintReads: 0 }));
  return s;
}

/**
 * A visit of `date` changed and its tasks are not known (no task index read yet, or an event that
 * is gone): the figures of every period from that day on may move.
 */
function dropFiguresFrom(s: State, clinic: string, date: string) {
  for (const key of [...s.figures.keys()]) {
    const [, c, , to] = key.split('|');
    if (c === clinic && date <= to!) dropKept(s, s.figures, key);
  }
}

/**
 * These visits changed (`visit:<CODE>:<date>:<tail>`): the figures that can move are those of the
 * periods where one of their tasks falls due (visit date + the plan's days, as the task written
 * says), since a task stands only while its visit has left with its outcome (repo.ts
 * withdrawnVisitTasks). A visit with no task (checked in, waiting, with her consultant) moves no
 * figure: her tasks, once derived and written, drop the figures as a task change.
 */
async function dropFiguresOfVisits(s: State, visitIds: Iterable<string>) {
  for (const visitId of new Set(visitIds)) {
    const [, clinic, date] = visitId.split(':');
    if (!clinic || !date || !s.figures.size) continue;
    const index = s.tasks.has(clinic) ? await s.tasks.get(clinic)!.catch(() => null) : null;
    if (!index) {
      dropFiguresFrom(s, clinic, date);
      continue;
    }
    const tail = visitId.split(':').slice(2).join(':');
    for (const plan of planIds) {
      const due = index.get(`followup-task:${clinic}:${plan}:${tail}`);
      if (due) dropFigures(s, clinic, due);
    }
  }
}

/** `figures|BJ|from|to|today`: dropped when a date in from..to changed. */
function dropFigures(s: State, clinic: string, date: string) {
  for (const key of [...s.figures.keys()]) {
    const [, c, from, to] = key.split('|');
    if (c === clinic && from! <= date && date <= to!) dropKept(s, s.figures, key);
  }
}

const memberOf = (c: CustomerDoc | undefined): Member | null =>
  c && c.type === 'customer' && !c.mergedInto && c.tier && c.memberSince ? { customerId: c._id, name: c.name, since: c.memberSince, tier: c.tier, birthDate: c.birthDate } : null;

function refresh(db: Db, s: State): Promise<void> {
  return followChanges(db, s, async (results) => {
    const changedTasks: string[] = [];
    const changedCustomers: string[] = [];
    const changedVisits: string[] = [];
    const changedVisitEvents: string[] = [];
    for (const c of results) {
      // The plans changed: whether a task of a visit whose outcome changed stands reads them (repo.ts withdrawnVisitTasks).
      if (c.id === FOLLOWUP_PLANS_ID) for (const key of [...s.figures.keys()]) dropKept(s, s.figures, key);
      const [type, clinic, date] = c.id.split(':');
      if (!clinic) continue;
      if (type === 'followup-event' && date) {
        dropKept(s, s.events, `events|${clinic}|${date}`);
        dropFigures(s, clinic, date);
      } else if ((type === 'complaint' || type === 'complaint-event') && date) {
        // A complaint received before the kept span (a backdated one, a step on an old case) widens it again.
        const span = s.complaintSpans.get(clinic);
        if (!span || date < span.from) {
          s.complaintSpans.delete(clinic);
          s.complaintChanges.set(clinic, (s.complaintChanges.get(clinic) ?? 0) + 1);
        }
      } else if (type === 'visit' && date) changedVisits.push(c.id);
      else if (type === 'visit-event' && date && s.figures.size) changedVisitEvents.push(c.id);
      else if (type === 'followup-task' && s.tasks.has(clinic)) changedTasks.push(c.id);
      else if (type === 'customer') {
        s.phones.delete(c.id);
        if (s.members.has(clinic)) changedCustomers.push(c.id);
      }
    }
    // A visit's events name their visit (their ids carry only its day): read by keys.
    if (changedVisitEvents.length) {
      const res = await db.allDocs<VisitEventDoc>({ keys: changedVisitEvents, include_docs: true });
      for (const r of res.rows) {
        const doc = 'doc' in r ? r.doc : undefined;
        if (doc && doc.type === 'visit-event') changedVisits.push(doc.visitId);
        else dropFiguresFrom(s, r.key.split(':')[1]!, r.key.split(':')[2]!); // gone: its visit is not known
      }
    }
    await dropFiguresOfVisits(s, changedVisits);
    // The changed documents themselves, for the two indexes (a task's due date, a customer's membership).
    if (changedTasks.length) {
      const res = await db.allDocs<FollowupTaskDoc>({ keys: changedTasks, include_docs: true });
      for (const r of res.rows) {
        const clinic = r.key.split(':')[1]!;
        const index = await s.tasks.get(clinic);
        if (!index) continue;
        const doc = 'doc' in r ? r.doc : undefined;
        const before = index.get(r.key);
        if (before) dropFigures(s, clinic, before);
        if (doc && doc.type === 'followup-task') {
          index.set(r.key, doc.dueDate);
          dropFigures(s, clinic, doc.dueDate);
        } else index.delete(r.key);
      }
    }
    if (changedCustomers.length) {
      const res = await db.allDocs<CustomerDoc>({ keys: changedCustomers, include_docs: true });
      for (const r of res.rows) {
        const clinic = r.key.split(':')[1]!;
        const members = await s.members.get(clinic);
        if (!members) continue;
        s.memberLists.delete(clinic);
        const m = memberOf('doc' in r ? (r.doc ?? undefined) : undefined);
        if (m) members.set(r.key, m);
        else members.delete(r.key);
      }
    }
  });
}

function current(db: Db): Promise<State> {
  const s = stateOf(db);
  return refreshed(s, () => refresh(db, s));
}

/**
 * An index read whole once, then kept current by `refresh` (which edits it in place). Kept from
 * the moment it is asked for, so that changes during the first read are applied after it.
 */
function keptIndex<T>(s: State, map: Map<string, Promise<Map<string, T>>>, clinic: string, read: () => Promise<Map<string, T>>): Promise<Map<string, T>> {
  const found = map.get(clinic);
  if (found) return found;
  const reading = read();
  map.set(clinic, reading);
  reading.catch(() => map.delete(clinic));
  return reading;
}

/** The clinic's follow-up tasks, id → due date. */
export async function taskIndex(db: Db, clinic: string): Promise<ReadonlyMap<string, string>> {
  const s = await current(db);
  return keptIndex(s, s.tasks, clinic, async () => {
    const res = await db.allDocs<FollowupTaskDoc>({ startkey: `followup-task:${clinic}:`, endkey: `followup-task:${clinic}:\ufff0`, include_docs: true });
    return new Map(res.rows.flatMap((r) => (r.doc ? [[r.id, r.doc.dueDate] as const] : [])));
  });
}

/** The tasks of the clinic due from `from` to `to`, read by keys through the index. */
export async function tasksDue(db: Db, clinic: string, from: string, to: string): Promise<FollowupTaskDoc[]> {
  const index = await taskIndex(db, clinic);
  const ids = [...index].flatMap(([id, due]) => (due >= from && due <= to ? [id] : []));
  if (!ids.length) return [];
  const res = await db.allDocs<FollowupTaskDoc>({ keys: ids, include_docs: true });
  return res.rows.flatMap((r) => ('doc' in r && r.doc ? [r.doc] : []));
}

/** The clinic's members (a tier and a 入会日期), as member care derives from them: the same array until one changes. */
export async function members(db: Db, clinic: string): Promise<readonly Member[]> {
  const s = await current(db);
  const index = await keptIndex(s, s.members, clinic, async () => {
    const res = await db.allDocs<CustomerDoc>({ startkey: `customer:${clinic}:`, endkey: `customer:${clinic}:\ufff0`, include_docs: true });
    return new Map(res.rows.flatMap((r) => {
      const m = memberOf(r.doc);
      return m ? [[r.id, m] as const] : [];
    }));
  });
  const list = s.memberLists.get(clinic) ?? [...index.values()];
  s.memberLists.set(clinic, list);
  return list;
}

/** The phones of these customers (those read before and unchanged from memory, the others by keys). */
export async function phonesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const s = await current(db);
  const out = new Map<string, string>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    if (id === '') continue;
    const phone = s.phones.get(id);
    if (phone === undefined) missing.push(id);
    else out.set(id, phone);
  }
  if (missing.length) {
    const res = await db.allDocs<CustomerDoc>({ keys: missing, include_docs: true });
    for (const r of res.rows)
      if ('doc' in r && r.doc) {
        out.set(r.id, r.doc.phone);
        s.phones.set(r.id, r.doc.phone);
      }
  }
  return out;
}

/** The call events of tasks due from `from` to `to` (their ids carry the task's due date), by task. */
export async function eventsByTask(db: Db, clinic: string, from: string, to: string): Promise<Map<string, FollowupEventDoc[]>> {
  const s = await current(db);
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const by = new Map<string, FollowupEventDoc[]>();
  // One day at a time (most are kept; tens of reads at once pile listeners onto the store).
  for (const d of days) {
    const list = await keptRead(s, s.events, `events|${clinic}|${d}`, async () => {
      const res = await db.allDocs<FollowupEventDoc>({ startkey: `followup-event:${clinic}:${d}:`, endkey: `followup-event:${clinic}:${d}:\ufff0`, include_docs: true });
      return res.rows.flatMap((r) => (r.doc ? [r.doc] : []));
    });
    for (const e of list) by.set(e.taskId, [...(by.get(e.taskId) ?? []), e]);
  }
  return by;
}

/** A figures answer for the tasks due from `from` to `to` as seen on `today`, kept until a task or event of the period changes. */
export async function keptFigures<T>(db: Db, clinic: string, from: string, to: string, today: string, read: () => Promise<T>): Promise<T> {
  const s = await current(db);
  return keptRead(s, s.figures as Map<string, Promise<T>>, `figures|${clinic}|${from}|${to}|${today}`, () => {
    s.figureReads++;
    return read();
  });
}

/** How many figures answers this store's kept state has read so far (for the tests: kept or read again). */
export const figureReads = (db: Db): number => stateOf(db).figureReads;

/**
 * The clinic's complaints and their events received from the kept span's first day (all of them
 * when none is kept, or the plans changed), for 投诉回访; `keep` then records the new span, unless a
 * complaint received before it changed meanwhile.
 */
export async function complaintsInSpan<C extends { _id: string }, E extends { _id: string; complaintId: string }>(db: Db, clinic: string, key: string): Promise<{ cases: C[]; eventsByCase: Map<string, E[]>; keep(from: string): void }> {
  const s = await current(db);
  const span = s.complaintSpans.get(clinic);
  const from = span && span.key === key ? span.from : '';
  const version = s.complaintChanges.get(clinic) ?? 0;
  const range = (type: string) => ({ startkey: `${type}:${clinic}:${from}`, endkey: `${type}:${clinic}:\ufff0`, include_docs: true });
  const [cases, events] = await Promise.all([db.allDocs<C>(range('complaint')), db.allDocs<E>(range('complaint-event'))]);
  s.complaintReads += cases.rows.length;
  const eventsByCase = new Map<string, E[]>();
  for (const r of events.rows) if (r.doc) (eventsByCase.get(r.doc.complaintId) ?? eventsByCase.set(r.doc.complaintId, []).get(r.doc.complaintId)!).push(r.doc);
  return {
    cases: cases.rows.flatMap((r) => (r.doc ? [r.doc] : [])),
    eventsByCase,
    keep(next: string) {
      if ((s.complaintChanges.get(clinic) ?? 0) === version) s.complaintSpans.set(clinic, { key, from: next });
    },
  };
}

/** How many complaint documents 投诉回访's derivation has read from this store (for the tests). */
export const complaintReads = (db: Db): number => stateOf(db).complaintReads;
