import { byDay, defineDoc, perClinic } from '../doc';

const tail = (staffId: string) => staffId.split(':')[2] ?? staffId;

// The staff domain describes its documents by TypeScript interfaces (src-main/staff/storage.ts): schema null.
export const staffSettingsDocs = defineDoc({ type: 'staff-settings', version: 1, schema: null, ...perClinic('staff-settings') });
/** One rota cell per person and day: `rota:<CODE>:<YYYY-MM-DD>:<staff tail>`. */
export const rotaDocs = defineDoc({ type: 'rota', version: 1, schema: null, id: (clinic: string, date: string, staffId: string) => `rota:${clinic}:${date}:${tail(staffId)}`, range: byDay('rota').range });
/** A week's publication: `rota-week:<CODE>:<Monday>`. */
export const rotaWeekDocs = defineDoc({
  type: 'rota-week',
  version: 1,
  schema: null,
  id: (clinic: string, monday: string) => `rota-week:${clinic}:${monday}`,
  range: (clinic: string, from: string, to: string = from) => ({ startkey: `rota-week:${clinic}:${from}`, endkey: `rota-week:${clinic}:${to}\ufff0` }),
});
export const rotaChangeDocs = defineDoc({ type: 'rota-change', version: 1, schema: null, ...byDay('rota-change') });
export const leaveDocs = defineDoc({ type: 'leave', version: 1, schema: null, ...byDay('leave') });
export const attendanceDocs = defineDoc({ type: 'attendance', version: 1, schema: null, ...byDay('attendance') });
/** A lead's decision on a fine: `staff-fine:<CODE>:<YYYY-MM-DD>:<staff tail>:<kind>`. */
export const staffFineDocs = defineDoc({
  type: 'staff-fine',
  version: 1,
  schema: null,
  id: (clinic: string, date: string, staffId: string, kind: string) => `staff-fine:${clinic}:${date}:${tail(staffId)}:${kind}`,
  range: byDay('staff-fine').range,
});

export const staffDomainDocs = [staffSettingsDocs, rotaDocs, rotaWeekDocs, rotaChangeDocs, leaveDocs, attendanceDocs, staffFineDocs] as const;
