import type { StaffDoc } from '../../shared/reference/schemas';
import type { Db } from '../store/pouch';
import { listStaff } from '../reference/repo';
import { dayBoard, type BoardEntry } from '../visits/repo';

/**
 * The day's board (visits with their derived state) and the roster, as the waiting list reads
 * them, kept in memory and refreshed from the changes feed since the sequence they were read at
 * (issue 16: the waiting list of 200 visitors took ~81 ms, nearly all of it reading the day's
 * visits and events with their bodies and deriving each visit again at every ask). A change to a
 * visit or visit event of the day (ids carry clinic and day: `visit:BJ:2026-11-27:…`) drops the
 * day, which the next ask reads again whole through `dayBoard`; a change to a staff document drops
 * the roster. In memory only, per store; the entries are shared: callers must not change them.
 */
interface State {
  seq: number | string | null;
  refreshing: Promise<void> | null;
  boards: Map<string, Promise<BoardEntry[]>>;
  staff: Map<string, Promise<StaffDoc[]>>;
  /** Bumped when a key is dropped: a read that began before it is not kept. */
  versions: Map<string, number>;
}

const states = new WeakMap<Db, State>();
const DAY_TYPES = new Set(['visit', 'visit-event']);

function stateOf(db: Db): State {
  let s = states.get(db);
  if (!s) states.set(db, (s = { seq: null, refreshing: null, boards: new Map(), staff: new Map(), versions: new Map() }));
  return s;
}

function drop(s: State, map: Map<string, unknown>, key: string) {
  map.delete(key);
  s.versions.set(key, (s.versions.get(key) ?? 0) + 1);
}

async function refresh(db: Db, s: State): Promise<void> {
  if (s.seq === null) {
    s.seq = (await db.info()).update_seq;
    return;
  }
  let since: number | string = s.seq;
  for (;;) {
    const changes: PouchDB.Core.ChangesResponse<object> = await db.changes({ since, limit: 2_000, return_docs: true });
    for (const c of changes.results) {
      const [type, clinic, date] = c.id.split(':');
      if (type && DAY_TYPES.has(type) && clinic && date) drop(s, s.boards, `board|${clinic}|${date}`);
      else if (type === 'staff' && clinic) drop(s, s.staff, `staff|${clinic}`);
    }
    since = s.seq = changes.last_seq;
    if (changes.results.length < 2_000) break;
  }
}

function current(db: Db): Promise<State> {
  const s = stateOf(db);
  const run: Promise<void> = (s.refreshing ?? Promise.resolve()).catch(() => {}).then(() => refresh(db, s));
  s.refreshing = run;
  return run.then(() => s);
}

function kept<T>(s: State, map: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
  const found = map.get(key);
  if (found) return found;
  const version = s.versions.get(key) ?? 0;
  const reading = read();
  reading.then(
    () => {
      if ((s.versions.get(key) ?? 0) === version && !map.has(key)) map.set(key, reading);
    },
    () => {},
  );
  return reading;
}

/** The day's board and the clinic's roster, as `dayBoard` and `listStaff` read them now. */
export async function keptDay(db: Db, clinic: string, date: string): Promise<{ board: BoardEntry[]; staff: StaffDoc[] }> {
  const s = await current(db);
  const [board, staff] = await Promise.all([kept(s, s.boards, `board|${clinic}|${date}`, () => dayBoard(db, clinic, date)), kept(s, s.staff, `staff|${clinic}`, () => listStaff(db, clinic))]);
  return { board, staff };
}

/** The boards of several days, after one look at the changes feed (the follow-up list reads the last weeks' days); one day at a time. */
export async function keptBoards(db: Db, clinic: string, dates: readonly string[]): Promise<BoardEntry[][]> {
  const s = await current(db);
  const out: BoardEntry[][] = [];
  for (const date of dates) out.push(await kept(s, s.boards, `board|${clinic}|${date}`, () => dayBoard(db, clinic, date)));
  return out;
}
