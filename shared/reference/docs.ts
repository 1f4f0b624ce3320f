import { clinicTail, defineDoc, prefixRange } from '../doc';
import { clinicDoc, staffDoc } from './schemas';
import { CALENDAR_SCHEMA_VERSION, calendarDocSchema } from './calendar';

/** The clinic's own record: `clinic:<CODE>`. */
export const clinicDocs = defineDoc({ type: 'clinic', version: 1, schema: clinicDoc, id: (clinic: string) => `clinic:${clinic}`, range: () => prefixRange('clinic:') });

/** 2: 工号, supervisor, department head (issue 6; migration 2). */
export const staffDocs = defineDoc({ type: 'staff', version: 2, schema: staffDoc, ...clinicTail('staff') });

/** The working-day calendar of a year (reference database, clinic `*`): `calendar:<year>`. */
export const calendarDocs = defineDoc({ type: 'calendar', version: CALENDAR_SCHEMA_VERSION, schema: calendarDocSchema, id: (year: number) => `calendar:${year}`, range: () => prefixRange('calendar:') });

export const referenceDocs = [clinicDocs, staffDocs, calendarDocs] as const;
