import type { AppointmentDoc, NoShowDoc } from '../../shared/appointments/schemas';
import { customersRefusals } from '../../shared/customers/refusals';
import type { CustomerDoc, VisitDoc } from '../../shared/desk/schemas';
import { isPhoneSearch, isSearchableQuery, normaliseQuery, phoneSearchLimits } from '../../shared/desk/rules';
import { visibilityFor } from '../../shared/desk/visibility';
import type { customersContract } from '../../shared/customers/contract';
import { clinicDate } from '../../shared/time';
import type { OperatorContext } from '../api/context';
import type { Handlers } from '../api/types';
import { noShowCorrectionsOf } from '../appointments/repo';
import { settleNoShows, toViews } from '../appointments/views';
import { getCustomer, searchCustomers } from '../desk/repo';
import { customerIndex } from '../desk/customerIndex';
import { getStaff, listStaff, requireClinic } from '../reference/repo';
import { touched } from '../store/meta';
import { serialised } from '../store/serial';
import { cancelledBetween } from '../visits/repo';
import { visitDate } from '../../shared/desk/docs';
import { customerRecordHandlers } from './record';
import { mergeHandlers } from './merge';
import { mergedAway, noSuchCustomer } from './refusals';

type Ops = keyof typeof customersContract;

/** How long a lookup waits for the index at a start before it says the records are still loading. */
const LOOKUP_WAIT_MS = 1_000;

/**
 * The last rationed phone query of each operator: the desk asks a shown query again when a visit
 * changes (issue 21), and the same question again learns nothing new, so it is not counted.
 */
const lastPhoneQuery = new Map<string, string>();


/** Customers (客户档案): lookup, history, tier; the record and its corrections (record.ts); duplicates and merging (merge.ts). */
export const customersHandlers: Pick<Handlers, Ops> = {
  ...customerRecordHandlers,
  ...mergeHandlers,

  async 'customer.search'(ctx, input) {
    if (!isSearchableQuery(input.query)) return [];
    // Phone searches by a role that sees masked phones are rationed: guessing whole numbers is the
    // one way left to learn a hidden one.
    const asked = normaliseQuery(input.query);
    if (!visibilityFor(ctx.operator.role).fullPhone && isPhoneSearch(asked, 'tailOrWhole') && lastPhoneQuery.get(ctx.operator._id) !== asked) {
      for (const limit of phoneSearchLimits) {
        if (!ctx.sessions.take(ctx.operator._id, `phoneSearch/${limit.per}`, limit.max, limit.windowMs)) {
          lastPhoneQuery.delete(ctx.operator._id);
          throw customersRefusals.refuse('forbidden', 'query', 'phoneSearchRationed', { max: limit.max, per: limit.per }, `query: at most ${limit.max} phone searches per ${limit.per}; try again later`);
        }
      }
      lastPhoneQuery.set(ctx.operator._id, asked);
    }
    // At a start with many customers the index is still being put back: say so (the desk asks
    // again) rather than hold the keystroke, and never answer 没有找到 from half an index.
    const loading = await customerIndex(ctx.db).readyWithin(LOOKUP_WAIT_MS);
    if (loading) {
      const percent = loading.total ? Math.min(99, Math.floor((loading.done / loading.total) * 100)) : 0;
      throw customersRefusals.refuse('unavailable', 'query', 'indexLoading', { percent }, `query: the customer records are still loading (${percent}%); try again in a moment`);
    }
    return searchCustomers(ctx.db, input.query, input.limit, ctx.now(), ctx.operator.role);
  },

  async 'customer.history'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const now = ctx.now();
    const c = await getCustomer(ctx.db, input.customerId);
    if (!c || c.clinic !== clinic.code) throw noSuchCustomer('customerId');
    await serialised(ctx.db, () => settleNoShows(ctx.db, clinic.code, now));
    const [visits, linked, staff] = await Promise.all([
      ctx.db.query<VisitDoc>('desk/visits_by_customer', { key: c._id, reduce: false, include_docs: true }),
      ctx.db.query<AppointmentDoc | NoShowDoc>('appointments/by_customer', { key: c._id, include_docs: true }),
      listStaff(ctx.db, clinic.code),
    ]);
    const names = new Map(staff.map((s) => [s._id, s.name]));
    // A cancelled visit (作废, a mistaken check-in) is no visit of hers: its events keep it (issue 21).
    const days = [...new Set(visits.rows.flatMap((r) => (r.doc ? [visitDate(r.doc._id) ?? r.doc.arrivedAt.slice(0, 10)] : [])))];
    const cancelled = new Set((await Promise.all(days.map((d) => cancelledBetween(ctx.db, clinic.code, d, d)))).flatMap((set) => [...set]));
    const visitDocs = visits.rows.flatMap((r) => (r.doc && !cancelled.has(r.doc._id) ? [r.doc] : [])).sort((x, y) => y.arrivedAt.localeCompare(x.arrivedAt));
    const appointments = linked.rows.flatMap((r) => (r.doc?.type === 'appointment' ? [r.doc] : [])).sort((x, y) => y.at.localeCompare(x.at));
    const recorded = linked.rows.flatMap((r) => (r.doc?.type === 'no-show' ? [r.doc] : []));
    // A no-show a lead corrected is no longer hers (the appointment's view says who corrected it).
    const corrected = await noShowCorrectionsOf(ctx.db, recorded.map((n) => n.appointmentId));
    const noShows = recorded.filter((n) => !corrected.has(n.appointmentId));
    const arrivals = new Map(visitDocs.flatMap((v) => (v.appointmentId ? [[v.appointmentId, v._id] as const] : [])));
    return {
      customerId: c._id,
      name: c.name,
      visits: visitDocs.map((v) => ({ id: v._id, arrivedAt: v.arrivedAt, departmentName: v.departmentName, intention: v.intention, appointmentId: v.appointmentId ?? null })),
      appointments: await toViews(ctx.db, clinic, appointments, arrivals, now, ctx.operator.role),
      noShows: noShows.map((n) => ({ appointmentId: n.appointmentId, date: n.date, at: n.at, how: n.how, recordedBy: n.createdBy === 'system' ? 'system' : (names.get(n.createdBy) ?? n.createdBy) })),
    };
  },

  'customer.setTier': (ctx, input) => setTier(ctx, input),
};

async function setTier(ctx: OperatorContext, input: { customerId: string; tier: CustomerDoc['tier']; vip: CustomerDoc['vip']; memberSince?: string | null | undefined }) {
  return serialised(ctx.db, async () => {
    const clinic = await requireClinic(ctx.db);
    const c = await getCustomer(ctx.db, input.customerId);
    if (!c || c.clinic !== clinic.code) throw noSuchCustomer('customerId');
    if (c.mergedInto) throw mergedAway('customerId', c.mergedInto);
    if (input.vip?.hostId) {
      const host = await getStaff(ctx.db, input.vip.hostId);
      if (!host || !host.active || host.clinic !== clinic.code) throw customersRefusals.refuse('invalid_input', 'vip.hostId', 'hostNotStaff', {}, 'vip.hostId: not an active staff member of this clinic');
    }
    // 入会日期 (issue 13, member care): given, or kept, or today for a new member; none without a tier.
    const today = clinicDate(ctx.now());
    const memberSince = input.tier === null ? null : input.memberSince !== undefined && input.memberSince !== null ? input.memberSince : (c.memberSince ?? today);
    if (memberSince !== null && memberSince > today) throw customersRefusals.refuse('invalid_input', 'memberSince', 'memberSinceFuture', { today }, 'memberSince: cannot be in the future');
    await ctx.db.put({ ...touched(c, ctx.operator, ctx.now()), tier: input.tier, vip: input.vip, memberSince });
    return { customerId: c._id, tier: input.tier, vip: input.vip, memberSince };
  });
}

