import type { z } from 'zod';
import type { Db } from '../store/pouch';
import { withDetail } from '../../shared/errors';
import { deskRefusals } from '../../shared/desk/refusals';
import { newIdTail } from '../../shared/ids';
import { customerDocs } from '../../shared/desk/docs';
import type { CustomerDoc, CustomerHit, newCustomerInput, TodayPlace } from '../../shared/desk/schemas';
import { customerSearchKeys, normaliseQuery } from '../../shared/desk/rules';
import { ageOn, clinicDate } from '../../shared/time';
import { phoneFor, visibilityFor } from '../../shared/desk/visibility';
import type { StaffDoc, StaffRole } from '../../shared/reference/schemas';
import { newMeta } from '../store/meta';
import { customerIndex } from './customerIndex';
import { pinyinInitials } from './pinyin';
import { getOrNull } from '../store/get';
import type { BoardEntry } from '../visits/repo';
import { isWaiting, type VisitStatus } from '../../shared/visits/rules';
import { keptDay } from './keptBoard';

/** Repository of the guide desk: customers and visits. */

export async function getCustomer(db: Db, id: string): Promise<CustomerDoc | null> {
  const doc = await getOrNull<CustomerDoc>(db, id);
  return doc && doc.type === 'customer' ? doc : null;
}

/** Every live (not merged) record with this phone: more than one means a duplicate to merge. */
export async function customersByPhone(db: Db, phone: string): Promise<CustomerDoc[]> {
  const ids = await customerIndex(db).withPhone(phone);
  if (!ids.length) return [];
  const res = await db.allDocs<CustomerDoc>({ keys: ids, include_docs: true });
  return res.rows.flatMap((r) => ('doc' in r && r.doc && !r.doc.mergedInto ? [r.doc] : [])).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function customerByPhone(db: Db, phone: string): Promise<CustomerDoc | null> {
  return (await customersByPhone(db, phone))[0] ?? null;
}

/** Customers whose name or initials start with the query, or whose phone holds its 4+ digits; shown as `role` may see them. */
export async function searchCustomers(db: Db, query: string, limit: number, now: Date, role: StaffRole): Promise<CustomerHit[]> {
  const key = normaliseQuery(query);
  const ids = await customerIndex(db).find(key, limit, visibilityFor(role).fullPhone ? 'anywhere' : 'tailOrWhole');
  const res = await db.allDocs<CustomerDoc>({ keys: ids, include_docs: true });
  const customers = res.rows.flatMap((r) => ('doc' in r && r.doc ? [r.doc] : []));
  const stats = await customerIndex(db).stats(customers.map((c) => c._id));
  const today = clinicDate(now);
  const see = visibilityFor(role);
  const arrived = customers.filter((c) => arrivedOn(stats.get(c._id)?.last, today));
  // Where those who came today are now: the waiting list's own kept board (read only when one did).
  const places = new Map<string, TodayPlace>();
  for (const clinic of new Set(arrived.map((c) => c.clinic))) {
    const { board } = await keptDay(db, clinic, today);
    for (const c of arrived) {
      const place = c.clinic === clinic ? placeToday(board, c._id) : null;
      if (place) places.set(c._id, place);
    }
  }
  return customers.map((c) => ({
    id: c._id,
    name: c.name,
    sex: c.sex,
    phone: phoneFor(role, c.phone),
    age: c.birthDate ? ageOn(c.birthDate, today) : c.age,
    tier: c.tier,
    visitCount: stats.get(c._id)?.count ?? 0,
    lastVisitAt: stats.get(c._id)?.last ?? null,
    exactPhone: key === c.phone,
    vip: see.vip ? (c.vip ?? null) : null,
    memberSince: see.vip ? (c.memberSince ?? null) : null,
    arrivedToday: arrivedOn(stats.get(c._id)?.last, today),
    today: places.get(c._id) ?? null,
  }));
}

/**
 * Where a customer is now among the day's visits (cancelled ones are not on the board): her open
 * visit (the latest, if a second visit was given a reason), else the last she left. 在候 since her
 * arrival, with her consultant or in treatment since she was handed on, 已离开 when she left.
 */
export function placeToday(board: readonly BoardEntry[], customerId: string): TodayPlace | null {
  const mine = board.filter((b) => b.visit.customerId === customerId);
  const open = mine.filter((b) => b.state.status !== 'left');
  const b = (open.length ? open : mine).at(-1);
  if (!b) return null;
  const { status } = b.state;
  const where = isWaiting(status) ? 'waiting' : (status as Exclude<VisitStatus, 'arrived' | 'triaged'>);
  const since = where === 'waiting' ? b.visit.arrivedAt : where === 'left' ? (b.state.leftAt ?? b.visit.arrivedAt) : (b.state.handedTo?.at ?? b.state.waitEndedAt ?? b.visit.arrivedAt);
  return { visitId: b.visit._id, where, queueLabel: b.label, since };
}

/** The last visit (an arrival time) falls on the clinic date `today`. */
function arrivedOn(last: string | undefined, today: string): boolean {
  return !!last && clinicDate(new Date(last)) === today;
}

export async function visitStats(db: Db, customerIds: string[]): Promise<Map<string, { count: number; last: string }>> {
  if (!customerIds.length) return new Map();
  const res = await db.query('desk/visits_by_customer', { keys: customerIds, group: true });
  return new Map(res.rows.map((r) => [r.key as string, r.value as { count: number; last: string }]));
}

/**
 * A first registration, as the door (desk.checkIn) and an enquiry (enquiry.record) make it:
 * 定向性登记 only by roles that may fill it, never a second record for a phone on file. Returns
 * the document to write; `field` prefixes the refusals (e.g. `customer.new`).
 */
export async function newCustomerDoc(db: Db, clinic: string, operator: StaffDoc, fields: z.output<typeof newCustomerInput>, now: Date, field: string): Promise<CustomerDoc> {
  if (Object.values(fields.directed).some((v) => v) && !visibilityFor(operator.role).directed) throw deskRefusals.refuse('forbidden', `${field}.directed`, 'directedNotAllowed', {}, `${field}.directed: the signed-in role may not fill the directed registration`);
  const duplicate = await customerByPhone(db, fields.phone);
  if (duplicate) {
    throw withDetail(deskRefusals.refuse('conflict', `${field}.phone`, 'phoneTaken', { name: duplicate.name }, `${field}.phone: already registered to ${duplicate.name}`), { existingId: duplicate._id, existingName: duplicate.name });
  }
  return {
    ...newMeta('customer', customerDocs.id(clinic, newIdTail(now)), clinic, operator._id, now),
    type: 'customer',
    ...fields,
    tier: null,
    search: customerSearchKeys(fields.name, pinyinInitials(fields.name)),
    vip: null,
    mergedInto: null,
    memberSince: null,
  };
}
