import type { Db } from './pouch';
import { domainDesignDocs } from './domains';
import { getOrNull } from './get';

import type { DesignDoc } from './domainStorage';

/** A map/reduce design document (its shape lives in domainStorage.ts, which every storage.ts imports). */
export type { DesignDoc };

/**
 * Map/reduce views the app reads through. Map functions are plain ES5 strings because CouchDB
 * and head-office integrators run the same design documents.
 */
export const designDocs: DesignDoc[] = [
  {
    _id: '_design/desk',
    views: {
      // Visits per customer with the last arrival: visit counts are derived, never stored on the
      // customer, so two desks checking the same person in never conflict on one document.
      visits_by_customer: {
        map: `function (doc) { if (doc.type === 'visit') emit(doc.customerId, doc.arrivedAt); }`,
        reduce: `function (keys, values, rereduce) {
  var count = 0, last = null;
  for (var i = 0; i < values.length; i++) {
    var v = rereduce ? values[i] : { count: 1, last: values[i] };
    count += v.count;
    if (last === null || v.last > last) last = v.last;
  }
  return { count: count, last: last };
}`,
      },
    },
  },
  {
    _id: '_design/sync',
    views: {
      // Documents whose revisions conflict after sync, for a person to review (sync.conflicts).
      // Map functions see `_conflicts` in CouchDB and in PouchDB alike.
      conflicts: {
        map: `function (doc) { if (doc._conflicts) emit(doc._id, doc._conflicts.length); }`,
      },
    },
  },
  // Each domain's own views: src-main/<domain>/storage.ts.
  ...domainDesignDocs,
];

/** Installs or updates the design documents; unchanged ones are not rewritten. */
export async function ensureDesignDocs(db: Db): Promise<void> {
  for (const wanted of designDocs) {
    const existing = await getOrNull<{ views: unknown }>(db, wanted._id);
    if (existing && JSON.stringify(existing.views) === JSON.stringify(wanted.views)) continue;
    await db.put({ ...wanted, ...(existing ? { _rev: existing._rev } : {}) });
  }
}

/** Queries every view once so its index is built before a guide types into the lookup. */
export async function warmViews(db: Db): Promise<void> {
  for (const ddoc of designDocs) {
    for (const view of Object.keys(ddoc.views)) await db.query(`${ddoc._id.slice('_design/'.length)}/${view}`, { limit: 0 });
  }
}
