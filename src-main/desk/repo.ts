import type { Db } from '../store/pouch';
import { docId } from '../../shared/ids';
import type { CustomerDoc, CustomerHit, VisitDoc } from '../../shared/desk/schemas';
import { normaliseQuery } from '../../shared/desk/rules';
import { ageOn, clinicDate } from '../../shared/time';

/** Repository of the guide desk: customers and visits. */

export async function getCustomer(db: Db, id: string): Promise<CustomerDoc | null> {
  const doc = await db.get<CustomerDoc>(id).catch(() => null);
  return doc && doc.type === 'customer' ? doc : null;
}

export async function customerByPhone(db: Db, phone: string): Promise<CustomerDoc | null> {
  const res = await db.query<CustomerDoc>('desk/customer_by_phone', { key: phone, include_docs: true, limit: 1 });
  return res.rows[0]?.doc ?? null;
}

/** Customers whose name or phone tail starts with the query, through the search view. */
export async function searchCustomers(db: Db, query: string, limit: number, now: Date): Promise<CustomerHit[]> {
  const key = normaliseQuery(query);
  // A customer appears under several keys (name, phone tails): read a few more rows than asked.
  const res = await db.query<CustomerDoc>('desk/customer_search', { startkey: key, endkey: key + '\ufff0', include_docs: true, limit: limit * 4 });
  const seen = new Map<string, CustomerDoc>();
  for (const row of res.rows) if (row.doc && !seen.has(row.id)) seen.set(row.id, row.doc);
  const customers = [...seen.values()].slice(0, limit);
  const stats = await visitStats(db, customers.map((c) => c._id));
  const today = clinicDate(now);
  return customers.map((c) => ({
    id: c._id,
    name: c.name,
    sex: c.sex,
    phone: c.phone,
    age: c.birthDate ? ageOn(c.birthDate, today) : c.age,
    tier: c.tier,
    visitCount: stats.get(c._id)?.count ?? 0,
    lastVisitAt: stats.get(c._id)?.last ?? null,
  }));
}

export async function visitStats(db: Db, customerIds: string[]): Promise<Map<string, { count: number; last: string }>> {
  if (!customerIds.length) return new Map();
  const res = await db.query('desk/visits_by_customer', { keys: customerIds, group: true });
  return new Map(res.rows.map((r) => [r.key as string, r.value as { count: number; last: string }]));
}

export async function visitsOfDay(db: Db, clinic: string, date: string): Promise<VisitDoc[]> {
  const res = await db.allDocs<VisitDoc>({ include_docs: true, ...docId.visitDayRange(clinic, date) });
  return res.rows.flatMap((r) => (r.doc ? [r.doc] : []));
}
