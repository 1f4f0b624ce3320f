import { defineDoc, prefixRange } from '../doc';
import { APP_POLICY_ID } from './rules';
import { appPolicyDoc, heartbeatDoc } from './schemas';

/** One per desk, overwritten: `heartbeat:<CODE>:<deskId>`. */
export const heartbeatDocs = defineDoc({
  type: 'heartbeat',
  version: 1,
  schema: heartbeatDoc,
  id: (clinic: string, deskId: string) => `heartbeat:${clinic}:${deskId}`,
  range: () => prefixRange('heartbeat:'),
});
/** Head office's minimum app version (reference database, clinic `*`). */
export const appPolicyDocs = defineDoc({ type: 'app-policy', version: 1, schema: appPolicyDoc, id: () => APP_POLICY_ID, range: () => prefixRange(APP_POLICY_ID) });

export const fleetDocs = [heartbeatDocs, appPolicyDocs] as const;
