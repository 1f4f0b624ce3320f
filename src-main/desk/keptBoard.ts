import type { StaffDoc } from '../../shared/reference/schemas';
import type { Db } from '../store/pouch';
import { listStaff } from '../reference/repo';
import { dayBoard, type BoardEntry } from '../visits/repo';
import { dropKept, followChanges, keptRead, keptState, refreshed, type KeptState } from '../store/kept';

/**
 * The day's board (visits with their derived state) and the roster, as the waiting list reads
 * them, kept in memory and refreshed from the changes feed since the sequence they were read at
 * (issue 16: the waiting list of 200 visitors took ~81 ms, nearly all of it reading the day's
 * visits and events with their bodies and deriving each visit again at every ask). A change to a
 * visit or visit event of the day (ids carry clinic and day: `visit:BJ:2026-11-27:…`) drops the
 * day, which the next ask reads again whole through `dayBoard`; a change to a staff document drops
 * the roster. In memory only, per store; the entries are shared: callers must not change them.
 */
interface State extends KeptState {
  boards: Map<string, Promise<BoardEntry[]>>;
  staff: Map<string, Promise<StaffDoc[]>>;
}

const states = new WeakMap<Db, State>();
const DAY_TYPES = new Set(['visit', 'visit-event']);

function stateOf(db: Db): State {
  let s = states.get(db);
  if (!s) states.set(db, (s = { ...keptState(), boards: new Map(), staff: new Map() }));
  return s;
}

function refresh(db: Db, s: State): Promise<void> {
  return followChanges(db, s, (results) => {
    for (const c of results) {
      const [type, clinic, date] = c.id.split(':');
      if (type && DAY_TYPES.has(type) && clinic && date) dropKept(s, s.boards, `board|${clinic}|${date}`);
      else if (type === 'staff' && clinic) dropKept(s, s.staff, `staff|${clinic}`);
    }
  });
}

function current(db: Db): Promise<State> {
  const s = stateOf(db);
  return refreshed(s, () => refresh(db, s));
}

/** The day's board and the clinic's roster, as `dayBoard` and `listStaff` read them now. */
export async function keptDay(db: Db, clinic: string, date: string): Promise<{ board: BoardEntry[]; staff: StaffDoc[] }> {
  const s = await current(db);
  const [board, staff] = await Promise.all([keptRead(s, s.boards, `board|${clinic}|${date}`, () => dayBoard(db, clinic, date)), keptRead(s, s.staff, `staff|${clinic}`, () => listStaff(db, clinic))]);
  return { board, staff };
}

/** The boards of several days, after one look at the changes feed (the follow-up list reads the last weeks' days); one day at a time. */
export async function keptBoards(db: Db, clinic: string, dates: readonly string[]): Promise<BoardEntry[][]> {
  const s = await current(db);
  const out: BoardEntry[][] = [];
  for (const date of dates) out.push(await keptRead(s, s.boards, `board|${clinic}|${date}`, () => dayBoard(db, clinic, date)));
  return out;
}
