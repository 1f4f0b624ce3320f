import type { AppointmentDoc, NoShowDoc } from '../../shared/appointments/schemas';
import { customersRefusals } from '../../shared/customers/refusals';
import type { CustomerDoc, VisitDoc } from '../../shared/desk/schemas';
import { phoneFor } from '../../shared/desk/visibility';
import type { Handlers } from '../api/types';
import { customerIndex } from '../desk/customerIndex';
import { getCustomer } from '../desk/repo';
import { requireClinic } from '../reference/repo';
import { touched } from '../store/meta';
import { serialised } from '../store/serial';
import { mergedAway, noSuchCustomer } from './refusals';

type MergeOps = 'customer.duplicates' | 'customer.merge';

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

  async 'customer.merge'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      if (input.keepId === input.mergeId) throw customersRefusals.refuse('invalid_input', 'mergeId', 'sameRecord', {}, 'mergeId: the same record as keepId');
      const [keep, lose] = [await getCustomer(ctx.db, input.keepId), await getCustomer(ctx.db, input.mergeId)];
      for (const [field, c] of [['keepId', keep], ['mergeId', lose]] as const) {
        if (!c || c.clinic !== clinic.code) throw noSuchCustomer(field);
        if (c.mergedInto) throw mergedAway(field, c.mergedInto);
      }
      const [visits, linked] = await Promise.all([
        ctx.db.query<VisitDoc>('desk/visits_by_customer', { key: lose!._id, reduce: false, include_docs: true }),
        ctx.db.query<AppointmentDoc | NoShowDoc>('appointments/by_customer', { key: lose!._id, include_docs: true }),
      ]);
      const moved = [...visits.rows, ...linked.rows].flatMap((r) => (r.doc ? [{ ...touched(r.doc, ctx.operator, now), customerId: keep!._id }] : []));
      const tombstone = { ...touched(lose!, ctx.operator, now), mergedInto: keep!._id };
      // One bulkDocs is one LevelDB batch: the records move and the loser is marked together.
      const results = await ctx.db.bulkDocs([...moved, tombstone]);
      const failed = results.find((r) => 'error' in r && r.error);
      if (failed) throw new Error(`merge write failed: ${JSON.stringify(failed)}`);
      return {
        keptId: keep!._id,
        mergedId: lose!._id,
        visits: visits.rows.length,
        appointments: linked.rows.filter((r) => r.doc?.type === 'appointment').length,
        noShows: linked.rows.filter((r) => r.doc?.type === 'no-show').length,
      };
    });
  },

};
