import { byDay, defineDoc, perClinic } from '../doc';
import { displaySettingsDoc, handoverAckDoc, handoverDoc, visitEventDoc } from './schemas';

/** One step of a visit, dated by the visit's clinic day. */
export const visitEventDocs = defineDoc({ type: 'visit-event', version: 1, schema: visitEventDoc, ...byDay('visit-event') });
export const handoverDocs = defineDoc({ type: 'handover', version: 1, schema: handoverDoc, ...byDay('handover') });
export const handoverAckDocs = defineDoc({ type: 'handover-ack', version: 1, schema: handoverAckDoc, ...byDay('handover-ack') });
export const displaySettingsDocs = defineDoc({ type: 'display-settings', version: 1, schema: displaySettingsDoc, ...perClinic('display-settings') });

export const visitsDocs = [visitEventDocs, handoverDocs, handoverAckDocs, displaySettingsDocs] as const;
