import { z } from 'zod';
import {
  appStatus,
  clinicUpdateInput,
  clinicView,
  joinInput,
  setupInput,
  signInInput,
  staffAddInput,
  staffUpdateInput,
  staffView,
} from './reference/schemas';
import { checkInInput, customerHit, customerSearchInput, visitView, waitingListInput } from './desk/schemas';
import { resolveConflictInput, syncConfigureInput, syncConflict, syncStatus } from './sync/schemas';

/**
 * The one API the renderer has: every operation the UI can ask of the main process, with the
 * schema of its input and output. The main process parses every input with it (src-main/api);
 * the renderer reuses the same schemas for its forms. Both transports (Electron IPC and the
 * browser host) serve exactly this map.
 *
 * `auth`: 'none' needs no operator (status, first set-up, sign-in); 'operator' needs someone
 * signed in at the desk; 'admin' needs an operator with an admin role.
 */
export type Auth = 'none' | 'operator' | 'admin';

interface Operation<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  auth: Auth;
}

function op<I extends z.ZodType, O extends z.ZodType>(auth: Auth, input: I, output: O): Operation<I, O> {
  return { input, output, auth };
}

const empty = z.strictObject({});
const ok = z.strictObject({ ok: z.literal(true) });

export const contract = {
  // reference: the clinic, its roster, who is at the desk
  'app.status': op('none', empty, appStatus),
  'clinic.setup': op('none', setupInput, appStatus),
  'clinic.join': op('none', joinInput, appStatus),
  'clinic.cancelJoin': op('none', empty, appStatus),
  'clinic.update': op('admin', clinicUpdateInput, clinicView),
  'staff.list': op('none', z.strictObject({ includeInactive: z.boolean().default(false) }), z.array(staffView)),
  'staff.add': op('admin', staffAddInput, staffView),
  'staff.update': op('admin', staffUpdateInput, staffView),
  'operator.signIn': op('none', signInInput, z.strictObject({ session: z.string(), operator: staffView })),
  'operator.signOut': op('none', empty, ok),

  // desk: check-in at the door
  'customer.search': op('operator', customerSearchInput, z.array(customerHit)),
  'desk.checkIn': op('operator', checkInInput, visitView),
  'desk.waitingList': op('operator', waitingListInput, z.array(visitView)),

  // sync: replication with head office's CouchDB
  'sync.status': op('operator', empty, syncStatus),
  'sync.configure': op('admin', syncConfigureInput, syncStatus),
  'sync.disconnect': op('admin', empty, syncStatus),
  'sync.retry': op('operator', empty, syncStatus),
  'sync.conflicts': op('operator', empty, z.array(syncConflict)),
  'sync.resolveConflict': op('admin', resolveConflictInput, syncStatus),
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type Input<K extends OperationName> = z.input<Contract[K]['input']>;
export type Output<K extends OperationName> = z.output<Contract[K]['output']>;

/** The typed client both the renderer and the tests use. */
export type Api = { [K in OperationName]: (input: Input<K>) => Promise<Output<K>> };

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
