import { byDay, clinicTail, defineDoc, prefixRange } from '../doc';
import { dutyDoc } from '../staff/docSchemas';
import { appointmentDoc, noShowCorrectionDoc, noShowDoc } from './schemas';
import { vipAckDoc } from '../desk/reminders';

const appointmentKey = (appointmentId: string) => appointmentId.slice('appointment:'.length);

export const appointmentDocs = defineDoc({ type: 'appointment', version: 1, schema: appointmentDoc, ...clinicTail('appointment') });

/** Deterministic: one no-show per appointment, the same on every desk (`no-show:<CODE>:<appointment tail>`). */
export const noShowDocs = defineDoc({
  type: 'no-show',
  version: 1,
  schema: noShowDoc,
  id: (appointmentId: string) => `no-show:${appointmentKey(appointmentId)}`,
  range: (clinic: string) => prefixRange(`no-show:${clinic}:`),
});

/** At most one correction per no-show (its id is the appointment's too; issue 21). */
export const noShowCorrectionDocs = defineDoc({
  type: 'no-show-correction',
  version: 1,
  schema: noShowCorrectionDoc,
  id: (appointmentId: string) => `no-show-correction:${appointmentKey(appointmentId)}`,
  range: (clinic: string) => prefixRange(`no-show-correction:${clinic}:`),
});

/** One duty record per person and day (`duty:<CODE>:<YYYY-MM-DD>:<staff tail>`); migration 3 made rota cells of them. */
export const dutyDocs = defineDoc({
  type: 'duty',
  version: 1,
  schema: dutyDoc,
  id: (clinic: string, date: string, staffId: string) => `duty:${clinic}:${date}:${staffId.split(':')[2] ?? staffId}`,
  range: byDay('duty').range,
});

/** 我来接待 on an A/B member's reminder (issue 21). */
export const vipAckDocs = defineDoc({ type: 'vip-ack', version: 1, schema: vipAckDoc, ...byDay('vip-ack') });

export const appointmentsDocs = [appointmentDocs, noShowDocs, noShowCorrectionDocs, dutyDocs, vipAckDocs] as const;
