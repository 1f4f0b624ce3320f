import { clinicDate } from '../../shared/time';
import type { Handlers } from '../api/types';
import { getClinic, listStaff, requireClinic } from '../reference/repo';
import { checkIn, toVisitView } from './checkIn';
import { pinyinInitials } from './pinyin';
import { reminderHandlers } from './reminders';
import { keptDay } from './keptBoard';

type DeskOps = 'desk.checkIn' | 'desk.waitingList' | 'desk.initials' | 'desk.reminders' | 'desk.ackReminder';

export const deskHandlers: Pick<Handlers, DeskOps> = {
  ...reminderHandlers,

  async 'desk.initials'(ctx) {
    const clinic = await getClinic(ctx.db);
    if (!clinic) return {};
    const names = [...clinic.departments.map((d) => d.name), ...(await listStaff(ctx.db, clinic.code)).map((s) => s.name)];
    return Object.fromEntries([...new Set(names)].map((n) => [n, pinyinInitials(n)]));
  },

  'desk.checkIn': checkIn,

  async 'desk.waitingList'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const date = input.date ?? clinicDate(ctx.now());
    // Kept from the last ask, refreshed from the changes feed (keptBoard.ts).
    const { board, staff } = await keptDay(ctx.db, clinic.code, date);
    const names = new Map(staff.map((s) => [s._id, s.name]));
    // Who still waits for the door is in the visit's events (visits.board), not in VisitDoc.status,
    // which is `waiting` from check-in on: arrived or triaged, not yet handed on, not left.
    return board
      .filter((b) => b.state.status === 'arrived' || b.state.status === 'triaged')
      .map((b) => b.visit)
      .sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt))
      .map((v) => toVisitView(v, names, ctx.operator.role));
  },
};
