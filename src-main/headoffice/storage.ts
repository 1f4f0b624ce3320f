import type { DomainStorage } from '../store/domains';

/**
 * Head office's figures come from map/reduce views with `_count`, read grouped by day: a year of
 * ten clinics is a few thousand grouped rows however many documents lie behind them. The views are
 * lazy (built only where they are read: in head-office mode, and on a desk never).
 *
 * Keys start with the clinic day, so one range read covers every clinic of a period:
 * - visits:    [date, clinic, first (1/0), department name]
 * - customers: [date the customer was registered (clinic time), clinic, media source]
 */
export const headOfficeStorage: DomainStorage = {
  couchTypes: {},
  indexes: [],
  designDocs: [
    {
      _id: '_design/ho',
      lazy: true,
      views: {
        visits: {
          map: `function (doc) {
  if (doc.type !== 'visit') return;
  var date = String(doc._id).split(':')[2];
  emit([date, doc.clinic, doc.firstVisit ? 1 : 0, doc.departmentName], null);
}`,
          reduce: '_count',
        },
        customers: {
          map: `function (doc) {
  if (doc.type !== 'customer' || doc.mergedInto) return;
  var date = new Date(Date.parse(doc.createdAt) + 8 * 3600 * 1000).toISOString().slice(0, 10);
  emit([date, doc.clinic, doc.source], null);
}`,
          reduce: '_count',
        },
      },
    },
  ],
};
