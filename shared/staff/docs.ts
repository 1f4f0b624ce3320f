import { z } from 'zod';
import { byDay, defineDoc, docMeta, perClinic, prefixRange } from '../doc';
import { staffSettingsInput } from './schemas';
import { attendanceDoc, awayDoc, cleaningCheckDoc, cleaningPlanDoc, leaveDoc, meetingDoc, rotaChangeDoc, rotaDoc, rotaWeekDoc, staffFineDoc, staffSettingsDoc, trainingDoc } from './docSchemas';

const tail = (staffId: string) => staffId.split(':')[2] ?? staffId;

// Each type's stored shape: shared/staff/docSchemas.ts.
export const staffSettingsDocs = defineDoc({ type: 'staff-settings', version: 1, schema: staffSettingsDoc, ...perClinic('staff-settings') });
/** One rota cell per person and day: `rota:<CODE>:<YYYY-MM-DD>:<staff tail>`. */
export const rotaDocs = defineDoc({ type: 'rota', version: 1, schema: rotaDoc, id: (clinic: string, date: string, staffId: string) => `rota:${clinic}:${date}:${tail(staffId)}`, range: byDay('rota').range });
/** A week's publication: `rota-week:<CODE>:<Monday>`. */
export const rotaWeekDocs = defineDoc({
  type: 'rota-week',
  version: 1,
  schema: rotaWeekDoc,
  id: (clinic: string, monday: string) => `rota-week:${clinic}:${monday}`,
  range: (clinic: string, from: string, to: string = from) => ({ startkey: `rota-week:${clinic}:${from}`, endkey: `rota-week:${clinic}:${to}\ufff0` }),
});
export const rotaChangeDocs = defineDoc({ type: 'rota-change', version: 1, schema: rotaChangeDoc, ...byDay('rota-change') });
export const leaveDocs = defineDoc({ type: 'leave', version: 1, schema: leaveDoc, ...byDay('leave') });
export const attendanceDocs = defineDoc({ type: 'attendance', version: 1, schema: attendanceDoc, ...byDay('attendance') });
/** A lead's decision on a fine: `staff-fine:<CODE>:<YYYY-MM-DD>:<staff tail>:<kind>`. */
export const staffFineDocs = defineDoc({
  type: 'staff-fine',
  version: 1,
  schema: staffFineDoc,
  id: (clinic: string, date: string, staffId: string, kind: string) => `staff-fine:${clinic}:${date}:${tail(staffId)}:${kind}`,
  range: byDay('staff-fine').range,
});

/** 离岗 of more than 10 minutes: `staff-away:<CODE>:<YYYY-MM-DD>:<tail>`, written once. */
export const staffAwayDocs = defineDoc({ type: 'staff-away', version: 1, schema: awayDoc, ...byDay('staff-away') });
/** A meeting's minutes: `staff-meeting:<CODE>:<weekly|quality>:<YYYY-MM-DD>:<tail>`; a lead's corrections kept in `edits`. */
export const staffMeetingDocs = defineDoc({
  type: 'staff-meeting',
  version: 1,
  schema: meetingDoc,
  id: (clinic: string, kind: string, date: string, tail: string) => `staff-meeting:${clinic}:${kind}:${date}:${tail}`,
  range: (clinic: string, kind?: string) => prefixRange(kind ? `staff-meeting:${clinic}:${kind}:` : `staff-meeting:${clinic}:`),
});
/** A training session and its scores: `training:<CODE>:<YYYY-MM-DD>:<tail>`; a lead's corrections kept in `edits`. */
export const trainingDocs = defineDoc({ type: 'training', version: 1, schema: trainingDoc, ...byDay('training') });
/** The cleaning rota (卫生值日表): `cleaning-plan:<CODE>`. */
export const cleaningPlanDocs = defineDoc({ type: 'cleaning-plan', version: 1, schema: cleaningPlanDoc, ...perClinic('cleaning-plan') });
/** A day's cleaning check: `cleaning-check:<CODE>:<YYYY-MM-DD>:<opening|saturday>`; corrections in `edits`, a failed area's re-checks in `rechecks`. */
export const cleaningCheckDocs = defineDoc({
  type: 'cleaning-check',
  version: 1,
  schema: cleaningCheckDoc,
  id: (clinic: string, date: string, kind: string) => `cleaning-check:${clinic}:${date}:${kind}`,
  range: byDay('cleaning-check').range,
});

/**
 * Head office's roll-out of shift types to one clinic: `shift-rollout:<CODE>:v<4 digits>`, written
 * once, its own document so that it never conflicts with the desk's own save of `staff-settings`
 * (the clinic's shift types are those of the higher version, the later on a tie: see repo.ts).
 */
export const shiftRolloutDocSchema = z.strictObject({
  ...docMeta,
  type: z.literal('shift-rollout'),
  version: z.number().int().positive(),
  shiftTypes: staffSettingsInput.shape.shiftTypes,
});
export const shiftRolloutDocs = defineDoc({
  type: 'shift-rollout',
  version: 1,
  schema: shiftRolloutDocSchema,
  id: (clinic: string, version: number) => `shift-rollout:${clinic}:v${String(version).padStart(4, '0')}`,
  range: (clinic: string) => prefixRange(`shift-rollout:${clinic}:`),
});

export const staffDomainDocs = [staffSettingsDocs, shiftRolloutDocs, rotaDocs, rotaWeekDocs, rotaChangeDocs, leaveDocs, attendanceDocs, staffFineDocs, staffAwayDocs, staffMeetingDocs, trainingDocs, cleaningPlanDocs, cleaningCheckDocs] as const;
