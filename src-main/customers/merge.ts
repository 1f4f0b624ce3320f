import type { AppointmentDoc, NoShowDoc } from '../../shared/appointments/schemas';
import { customersRefusals } from '../../shared/customers/refusals';
import type { CustomerDoc, VisitDoc } from '../../shared/desk/schemas';
import { phoneFor } from '../../shared/desk/visibility';
import type { Handlers } from '../api/types';
import { customerIndex } from '../desk/customerIndex';
import { getCustomer } from '../desk/repo';
import { listStaff, requireClinic } from '../reference/repo';
import { newMeta, touched } from '../store/meta';
import type { Db } from '../store/pouch';
import { cancelledBetween, eventsOfDay } from '../visits/repo';
import { visitDate } from '../../shared/desk/docs';
import { visitEventDocs } from '../../shared/visits/docs';
import { customerEditDocs, customerMergeDocs } from '../../shared/desk/docs';
import type { CustomerMergeDoc } from '../../shared/customers/schemas';
import type { CustomerEditDoc } from '../../shared/customers/record';
import type { VisitEventDoc } from '../../shared/visits/schemas';
import { newIdTail } from '../../shared/ids';
import { serialised } from '../store/serial';
import { mergedAway, noSuchCustomer } from './refusals';

type MergeOps = 'customer.duplicates' | 'customer.merge' | 'customer.mergePreview' | 'customer.merges' | 'customer.unmerge';

/** Duplicate records of one person (found by a shared phone) and merging them, by a lead. */
export const mergeHandlers: Pick<Handlers, MergeOps> = {
  async 'customer.duplicates'(ctx) {
    const clinic = await requireClinic(ctx.db);
    const index = customerIndex(ctx.db);
    const groups = await index.sharedPhones(50);
    const docs = await ctx.db.allDocs<CustomerDoc>({ keys: groups.flatMap((g) => g.ids), include_docs: true });
    const byId = new Map(docs.rows.flatMap((r) => ('doc' in r && r.doc ? [[r.doc._id, r.doc] as const] : [])));
    const stats = await index.stats([...byId.keys()]);
    return groups
      .map((g) => ({
        phone: phoneFor(ctx.operator.role, g.phone),
        customers: g.ids
          .flatMap((id) => {
            const c = byId.get(id);
            return c && c.clinic === clinic.code ? [{ id, name: c.name, createdAt: c.createdAt, visitCount: stats.get(id)?.count ?? 0, tier: c.tier }] : [];
          })
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      }))
      .filter((g) => g.customers.length > 1);
  },

  async 'customer.mergePreview'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const { visits, linked, pairs } = await mergeFacts(ctx.db, clinic.code, input.keepId, input.mergeId);
    return {
      visits: visits.length,
      appointments: linked.filter((d) => d.type === 'appointment').length,
      noShows: linked.filter((d) => d.type === 'no-show').length,
      sameDay: pairs.map((p) => ({ date: p.date, keepVisitId: p.keep._id, mergeVisitId: p.merge._id, keepArrivedAt: p.keep.arrivedAt, mergeArrivedAt: p.merge.arrivedAt })),
    };
  },

  async 'customer.merge'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const { keep, lose, visits, linked, pairs } = await mergeFacts(ctx.db, clinic.code, input.keepId, input.mergeId);
      const moved = [...visits, ...linked].map((doc) => ({ ...touched(doc, ctx.operator, now), customerId: keep._id }));
      const tombstone = { ...touched(lose, ctx.operator, now), mergedInto: keep._id };
      // Folding a day's two visits: the kept one gets copies of the other's events (each stamped with
      // when it happened and who did it; updated by whoever merged), the other is 作废 with reason 合并.
      const events: VisitEventDoc[] = [];
      const folded: CustomerMergeDoc['folded'] = [];
      if (input.foldSameDay) {
        const byVisit = new Map<string, VisitEventDoc[]>();
        for (const date of new Set(pairs.map((p) => p.date))) for (const ev of await eventsOfDay(ctx.db, clinic.code, date)) byVisit.set(ev.visitId, [...(byVisit.get(ev.visitId) ?? []), ev]);
        for (const p of pairs) {
          const copies = (byVisit.get(p.merge._id) ?? []).map((ev) => {
            const { _rev: _r, ...body } = ev;
            return { ...body, _id: visitEventDocs.id(clinic.code, p.date, newIdTail(now)), visitId: p.keep._id, updatedAt: now.toISOString(), updatedBy: ctx.operator._id };
          });
          const cancel: VisitEventDoc = { ...newMeta('visit-event', visitEventDocs.id(clinic.code, p.date, newIdTail(now)), clinic.code, ctx.operator._id, now), type: 'visit-event', visitId: p.merge._id, kind: 'cancel', status: null, toStaffId: null, toName: null, toRole: null, outcome: null, note: FOLD_REASON };
          events.push(...copies, cancel);
          folded.push({ keepVisitId: p.keep._id, mergeVisitId: p.merge._id, copies: copies.map((x) => x._id), cancelId: cancel._id });
        }
      }
      const record: CustomerMergeDoc = { ...newMeta('customer-merge', customerMergeDocs.id(lose._id, newIdTail(now)), clinic.code, ctx.operator._id, now), type: 'customer-merge', keptId: keep._id, mergedId: lose._id, moved: moved.map((d) => d._id), folded, undone: null };
      const edit: CustomerEditDoc = { ...newMeta('customer-edit', customerEditDocs.id(lose._id, newIdTail(now)), clinic.code, ctx.operator._id, now), type: 'customer-edit', customerId: lose._id, changes: [{ field: 'mergedInto', from: null, to: keep._id }], note: MERGE_NOTE };
      // One bulkDocs is one LevelDB batch: the records move, the loser is marked and the merge is recorded together.
      await writeAll(ctx.db, [...moved, tombstone, ...events, record, edit], 'merge');
      return {
        keptId: keep._id,
        mergedId: lose._id,
        visits: visits.length,
        appointments: linked.filter((d) => d.type === 'appointment').length,
        noShows: linked.filter((d) => d.type === 'no-show').length,
        ...(input.foldSameDay ? { folded: folded.length } : {}),
      };
    });
  },

  async 'customer.merges'(ctx) {
    const clinic = await requireClinic(ctx.db);
    const res = await ctx.db.allDocs<CustomerMergeDoc>({ include_docs: true, startkey: `customer-merge:${clinic.code}:`, endkey: `customer-merge:${clinic.code}:\ufff0` });
    const merges = res.rows.flatMap((r) => (r.doc?.type === 'customer-merge' ? [r.doc] : [])).sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 50);
    const [customers, staff] = await Promise.all([
      ctx.db.allDocs<CustomerDoc>({ keys: [...new Set(merges.flatMap((m) => [m.keptId, m.mergedId]))], include_docs: true }),
      listStaff(ctx.db, clinic.code),
    ]);
    const names = new Map(customers.rows.flatMap((r) => ('doc' in r && r.doc ? [[r.doc._id, r.doc.name] as const] : [])));
    const staffNames = new Map(staff.map((x) => [x._id, x.name]));
    return merges.map((m) => ({
      id: m._id,
      keptId: m.keptId,
      keptName: names.get(m.keptId) ?? m.keptId,
      mergedId: m.mergedId,
      mergedName: names.get(m.mergedId) ?? m.mergedId,
      at: m.createdAt,
      byName: staffNames.get(m.createdBy) ?? m.createdBy,
      moved: m.moved.length,
      folded: m.folded.length,
      undone: m.undone ? { at: m.undone.at, byName: staffNames.get(m.undone.by) ?? m.undone.by, reason: m.undone.reason } : null,
    }));
  },

  async 'customer.unmerge'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const lose = await getCustomer(ctx.db, input.mergedId);
      if (!lose || lose.clinic !== clinic.code) throw noSuchCustomer('mergedId');
      if (!lose.mergedInto) throw customersRefusals.refuse('conflict', 'mergedId', 'notMerged', {}, 'mergedId: this record was not merged (nothing to undo)');
      const records = await ctx.db.allDocs<CustomerMergeDoc>({ include_docs: true, ...customerMergeDocs.range(lose._id) });
      const record = records.rows.flatMap((r) => (r.doc?.type === 'customer-merge' && !r.doc.undone && r.doc.keptId === lose.mergedInto ? [r.doc] : [])).at(-1);
      if (!record) throw customersRefusals.refuse('conflict', 'mergedId', 'mergeNotFound', {}, 'mergedId: no merge record for it (merged before merges were recorded)');
      const keep = await getCustomer(ctx.db, record.keptId);
      if (keep?.mergedInto) throw customersRefusals.refuse('conflict', 'mergedId', 'keptMergedAway', { into: keep.mergedInto }, `mergedId: the kept record was itself merged into ${keep.mergedInto} since`);
      // What moved moves back, unless it was moved on since (a later merge or a correction): only what still points at the kept record.
      const docs = await ctx.db.allDocs<VisitDoc | AppointmentDoc | NoShowDoc>({ keys: record.moved, include_docs: true });
      const back = docs.rows.flatMap((r) => ('doc' in r && r.doc && r.doc.customerId === record.keptId ? [{ ...touched(r.doc, ctx.operator, now), customerId: lose._id }] : []));
      // Folded visits unfold: events are never edited, so a `withdraw` on each side takes back what
      // the fold wrote — the copies on the kept visit, the 作废（合并） on the other (issue 21).
      const unfolds: VisitEventDoc[] = record.folded.flatMap((f) => {
        const date = visitDate(f.mergeVisitId);
        if (!date) return [];
        const withdraw = (visitId: string, withdraws: string[]): VisitEventDoc => ({
          ...newMeta('visit-event', visitEventDocs.id(clinic.code, date, newIdTail(now)), clinic.code, ctx.operator._id, now),
          type: 'visit-event',
          visitId,
          kind: 'withdraw',
          status: null,
          toStaffId: null,
          toName: null,
          toRole: null,
          outcome: null,
          note: input.reason,
          withdraws,
        });
        return [...(f.copies.length ? [withdraw(f.keepVisitId, f.copies)] : []), withdraw(f.mergeVisitId, [f.cancelId])];
      });
      const restored = { ...touched(lose, ctx.operator, now), mergedInto: null };
      const undone: CustomerMergeDoc = { ...touched(record, ctx.operator, now), undone: { at: now.toISOString(), by: ctx.operator._id, reason: input.reason } };
      const edit: CustomerEditDoc = { ...newMeta('customer-edit', customerEditDocs.id(lose._id, newIdTail(now)), clinic.code, ctx.operator._id, now), type: 'customer-edit', customerId: lose._id, changes: [{ field: 'mergedInto', from: record.keptId, to: null }], note: input.reason };
      await writeAll(ctx.db, [...back, restored, undone, edit, ...unfolds], 'unmerge');
      return {
        keptId: record.keptId,
        mergedId: lose._id,
        visits: back.filter((d) => d.type === 'visit').length,
        ...(record.folded.length ? { folded: record.folded.length } : {}), // days unfolded
        appointments: back.filter((d) => d.type === 'appointment').length,
        noShows: back.filter((d) => d.type === 'no-show').length,
      };
    });
  },
};

/** The reason a folded visit is cancelled with (作废：合并), and the note of the merge in the record's history. */
export const FOLD_REASON = '合并';
const MERGE_NOTE = '合并';

async function writeAll(db: Db, docs: object[], what: string) {
  const results = await db.bulkDocs(docs);
  const failed = results.find((r) => 'error' in r && r.error);
  if (failed) throw new Error(`${what} write failed: ${JSON.stringify(failed)}`);
}

/**
 * The two records (both live, of this clinic, not one), what the merged one has (visits not
 * cancelled, appointments, no-shows) and, per clinic day both have a live visit, the pair to fold:
 * the kept record's first visit of that day and each of the other's.
 */
async function mergeFacts(db: Db, clinic: string, keepId: string, mergeId: string) {
  if (keepId === mergeId) throw customersRefusals.refuse('invalid_input', 'mergeId', 'sameRecord', {}, 'mergeId: the same record as keepId');
  const [keep, lose] = [await getCustomer(db, keepId), await getCustomer(db, mergeId)];
  for (const [field, c] of [['keepId', keep], ['mergeId', lose]] as const) {
    if (!c || c.clinic !== clinic) throw noSuchCustomer(field);
    if (c.mergedInto) throw mergedAway(field, c.mergedInto);
  }
  const [visitRows, linkedRows, keptRows] = await Promise.all([
    db.query<VisitDoc>('desk/visits_by_customer', { key: lose!._id, reduce: false, include_docs: true }),
    db.query<AppointmentDoc | NoShowDoc>('appointments/by_customer', { key: lose!._id, include_docs: true }),
    db.query<VisitDoc>('desk/visits_by_customer', { key: keep!._id, reduce: false, include_docs: true }),
  ]);
  const visits = visitRows.rows.flatMap((r) => (r.doc ? [r.doc] : []));
  const linked = linkedRows.rows.flatMap((r) => (r.doc ? [r.doc] : []));
  const dayOf = (v: VisitDoc) => visitDate(v._id) ?? v.arrivedAt.slice(0, 10);
  const days = [...new Set(visits.map(dayOf))];
  const cancelled = new Set((await Promise.all(days.map((d) => cancelledBetween(db, clinic, d, d)))).flatMap((set) => [...set]));
  const kept = keptRows.rows.flatMap((r) => (r.doc && !cancelled.has(r.doc._id) ? [r.doc] : [])).sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt));
  const pairs = visits
    .filter((v) => !cancelled.has(v._id))
    .flatMap((v) => {
      const other = kept.find((k) => dayOf(k) === dayOf(v));
      return other ? [{ date: dayOf(v), keep: other, merge: v }] : [];
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.merge.arrivedAt.localeCompare(b.merge.arrivedAt));
  return { keep: keep!, lose: lose!, visits, linked, pairs };
}
