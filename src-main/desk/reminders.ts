import type { CustomerDoc } from '../../shared/desk/schemas';
import type { Reminder, VipAckDoc } from '../../shared/desk/reminders';
import { deskRefusals } from '../../shared/desk/refusals';
import { doorReminderDue } from '../../shared/appointments/rules';
import { leadershipRoles, visibilityFor } from '../../shared/desk/visibility';
import { withDetail } from '../../shared/errors';
import { newIdTail } from '../../shared/ids';
import { clinicDate, clinicTime } from '../../shared/time';
import { isWaiting } from '../../shared/visits/rules';
import type { Handlers } from '../api/types';
import { appointmentsBetween } from '../appointments/repo';
import { listStaff, requireClinic } from '../reference/repo';
import { newMeta } from '../store/meta';
import type { Db } from '../store/pouch';
import { serialised } from '../store/serial';
import { dayBoard } from '../visits/repo';

type ReminderOps = 'desk.reminders' | 'desk.ackReminder';

/** The A/B members' reminders at the door (issue 21) and 我来接待. */
export const reminderHandlers: Pick<Handlers, ReminderOps> = {
  async 'desk.reminders'(ctx) {
    const clinic = await requireClinic(ctx.db);
    const now = ctx.now();
    const today = clinicDate(now);
    const [list, board, acks, staff] = await Promise.all([
      appointmentsBetween(ctx.db, today, today).then((all) => all.filter((a) => a.status === 'booked' && a.customerId)),
      dayBoard(ctx.db, clinic.code, today),
      vipAcksOfDay(ctx.db, clinic.code, today),
      listStaff(ctx.db, clinic.code),
    ]);
    const ids = [...new Set([...list.map((a) => a.customerId!), ...board.map((b) => b.visit.customerId)])];
    if (!ids.length) return [];
    const customers = await ctx.db.allDocs<CustomerDoc>({ keys: ids, include_docs: true });
    const byId = new Map(customers.rows.flatMap((r) => ('doc' in r && r.doc ? [[r.doc._id, r.doc] as const] : [])));
    const names = new Map(staff.map((x) => [x._id, x.name]));
    const arrivals = new Map(board.flatMap((b) => (b.visit.appointmentId ? [[b.visit.appointmentId, b.visit._id] as const] : [])));
    const seeVip = visibilityFor(ctx.operator.role).vip;
    const leader = leadershipRoles.includes(ctx.operator.role);
    // Not only the named host: every guide, the desk lead and the CS director (客服主任, who runs the desk) see an A/B member due or arrived (issue 21).
    const atTheDoor = ctx.operator.role === 'guide' || ctx.operator.role === 'guideLead' || ctx.operator.role === 'csDirector';
    const ackOf = (key: string) => {
      const a = acks.get(key);
      return a ? { byName: names.get(a.createdBy) ?? a.createdBy, at: a.createdAt } : null;
    };
    const care = (c: CustomerDoc) => ({
      drinks: seeVip ? (c.vip?.drinks ?? '') : null,
      snacks: seeVip ? (c.vip?.snacks ?? '') : null,
      note: seeVip ? (c.vip?.note ?? '') : null,
      hostName: seeVip && c.vip?.hostId ? (names.get(c.vip.hostId) ?? null) : null,
    });
    const out: Reminder[] = [];
    for (const a of list) {
      const c = byId.get(a.customerId!);
      if (!c?.tier || (c.tier !== 'A' && c.tier !== 'B')) continue;
      const visitId = arrivals.get(a._id) ?? null;
      const arrived = visitId !== null;
      const base = { appointmentId: a._id, visitId, customerName: a.name, tier: c.tier, time: a.time, arrived, ...care(c) };
      if ((c.vip?.hostId === ctx.operator._id || atTheDoor) && doorReminderDue(c.tier, a, arrived, now)) out.push({ kind: 'meetAtDoor', key: a._id, ...base, ack: ackOf(a._id) });
      if (leader && c.tier === 'A') out.push({ kind: 'greetVip', key: `greet:${a._id}`, ...base, ack: null });
    }
    // Arrived and still waiting, booked or not: until she is handed on.
    for (const { visit, state } of board) {
      const c = byId.get(visit.customerId);
      if (!c?.tier || (c.tier !== 'A' && c.tier !== 'B') || !isWaiting(state.status)) continue;
      if (c.vip?.hostId !== ctx.operator._id && !atTheDoor) continue;
      out.push({ kind: 'vipArrived', key: visit._id, appointmentId: visit.appointmentId ?? null, visitId: visit._id, customerName: visit.customerName, tier: c.tier, time: clinicTime(visit.arrivedAt), arrived: true, ...care(c), ack: ackOf(visit._id) });
    }
    return out.sort((x, y) => x.time.localeCompare(y.time) || x.key.localeCompare(y.key));
  },

  async 'desk.ackReminder'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const today = clinicDate(now);
      const reminders = await reminderHandlers['desk.reminders'](ctx, {});
      const r = reminders.find((x) => x.key === input.key && x.kind !== 'greetVip');
      if (!r) throw deskRefusals.refuse('not_found', 'key', 'noSuchReminder', {}, 'key: no reminder of an A/B member due or waiting today has this key');
      if (r.ack) throw withDetail(deskRefusals.refuse('conflict', 'key', 'reminderTaken', { name: r.ack.byName }, `key: already taken by ${r.ack.byName}`), r.ack);
      const doc: VipAckDoc = { ...newMeta('vip-ack', `vip-ack:${clinic.code}:${today}:${newIdTail(now)}`, clinic.code, ctx.operator._id, now), type: 'vip-ack', key: input.key, kind: r.kind === 'meetAtDoor' ? 'meetAtDoor' : 'vipArrived' };
      await ctx.db.put(doc);
      return { key: input.key, byName: ctx.operator.name, at: doc.createdAt };
    });
  },
};

/** The day's acknowledgements of VIP reminders, the first of each key (one id range). */
async function vipAcksOfDay(db: Db, clinic: string, date: string): Promise<Map<string, VipAckDoc>> {
  const res = await db.allDocs<VipAckDoc>({ include_docs: true, startkey: `vip-ack:${clinic}:${date}:`, endkey: `vip-ack:${clinic}:${date}:\ufff0` });
  const out = new Map<string, VipAckDoc>();
  for (const d of res.rows.flatMap((r) => (r.doc ? [r.doc] : [])).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a._id.localeCompare(b._id))) if (!out.has(d.key)) out.set(d.key, d);
  return out;
}

