import { contract, isOperationName, type Api, type OperationName } from '../../shared/contract';
import { ApiError, refuse, type Envelope } from '../../shared/errors';
import { adminRoles, HEAD_OFFICE_CODE, type StaffDoc } from '../../shared/reference/schemas';
import { headOfficeRoles } from '../../shared/headoffice/schemas';
import { getClinic } from '../reference/repo';
import type { Store } from '../store/store';
import type { SyncEngine } from '../sync/engine';
import type { HandlerContext } from './context';
import { createSessions, type Sessions } from './sessions';
import { parseInput } from './validate';
import { visibleTo } from '../../shared/desk/visibility';
import { handlers } from './handlers';
import { getOrNull } from '../store/get';

/** Largest input the main process accepts from either transport. */
export const MAX_INPUT_BYTES = 256 * 1024;

/** The input limit of one operation: its own `maxInputBytes` (shared/op.ts) or MAX_INPUT_BYTES. */
export function inputLimit(operation: unknown): number {
  if (!isOperationName(operation)) return MAX_INPUT_BYTES;
  const spec: { maxInputBytes?: number } = contract[operation];
  return spec.maxInputBytes ?? MAX_INPUT_BYTES;
}

export interface Dispatcher {
  /** One call from either transport: never throws, always answers an envelope. */
  invoke(operation: unknown, input: unknown, session: string | null): Promise<Envelope<unknown>>;
  sessions: Sessions;
}

export interface DispatcherOptions {
  now?: () => Date;
  /** Parse outputs too (tests): a handler that returns off-contract data fails loudly. */
  checkOutput?: boolean;
  log?: (message: string, err: unknown) => void;
  /** Told of every refusal (an ApiError answered), for the log file: code and field, not the message. */
  onRefused?: (operation: string, error: { code: string; field?: string }) => void;
  /** The log directory, for `fleet.diagnostics`. */
  logDir?: string;
}

export function createDispatcher(store: Store, sync: SyncEngine, options: DispatcherOptions = {}): Dispatcher {
  const now = options.now ?? (() => new Date());
  const sessions = createSessions(now);
  const log = options.log ?? ((message, err) => console.error(message, err));

  async function run(operation: unknown, rawInput: unknown, session: string | null): Promise<unknown> {
    if (!isOperationName(operation)) {
      throw new ApiError({ code: 'unknown_operation', message: `unknown operation: ${String(operation).slice(0, 80)}` });
    }
    const size = jsonSize(rawInput);
    const limit = inputLimit(operation);
    if (size > limit) {
      throw new ApiError({ code: 'too_large', field: '', message: `input is ${size} bytes; the limit is ${limit}` });
    }
    const spec = contract[operation];
    const operator = spec.auth === 'none' ? await optionalOperator(store, sessions, session) : await requireOperator(store, sessions, session);
    if (spec.auth === 'admin' && !adminRoles.includes(operator!.role)) {
      throw refuse('forbidden', undefined, 'access.admin', { operation }, `${operation} needs a desk lead, CS director or dean`);
    }
    const input = parseInput(spec.input, rawInput ?? {});
    // After the input check, as each handler did it before access was declared in the contract.
    if (spec.auth === 'headoffice') await requireHeadOffice(store, operator!);
    const ctx: HandlerContext = { db: store.db, deskId: store.deskId, schemaVersion: store.schemaVersion, now, operator, session, sessions, sync, logDir: options.logDir ?? null };
    const handler = handlers[operation] as (ctx: HandlerContext, input: unknown) => Promise<unknown>;
    // One visibility rule over every answer, whatever its shape (shared/desk/visibility.ts).
    const output = visibleTo(operator?.role ?? null, await handler(ctx, input));
    if (options.checkOutput) spec.output.parse(output);
    return output;
  }

  return {
    sessions,
    async invoke(operation, input, session) {
      try {
        return { ok: true, data: await run(operation, input, session) };
      } catch (err) {
        if (err instanceof ApiError) {
          const body = err.toBody();
          options.onRefused?.(String(operation).slice(0, 80), body);
          return { ok: false, error: body };
        }
        log(`operation ${String(operation)} failed`, err);
        return { ok: false, error: { code: 'internal', message: 'internal error; nothing was saved' } };
      }
    },
  };
}

function jsonSize(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value ?? null));
  } catch {
    // field '' is the whole input, as for a body that is not JSON at the browser host.
    throw new ApiError({ code: 'invalid_input', field: '', message: 'input is not plain JSON data' });
  }
}

/** Head-office operations answer only in head-office mode, and only to head-office people. */
async function requireHeadOffice(store: Store, operator: StaffDoc): Promise<void> {
  const clinic = await getClinic(store.db);
  if (clinic?.code !== HEAD_OFFICE_CODE) throw refuse('forbidden', undefined, 'access.headOfficeMode', {}, 'only in head-office mode (set up as 总部)');
  if (!headOfficeRoles.includes(operator.role)) throw refuse('forbidden', undefined, 'access.headOfficeRole', { role: operator.role }, `a ${operator.role} may not read head office's figures`);
}

async function optionalOperator(store: Store, sessions: Sessions, session: string | null): Promise<StaffDoc | null> {
  const staffId = sessions.staffOf(session);
  return staffId ? loadActiveStaff(store, staffId) : null;
}

async function requireOperator(store: Store, sessions: Sessions, session: string | null): Promise<StaffDoc> {
  const staff = await optionalOperator(store, sessions, session);
  if (!staff) throw refuse('not_signed_in', undefined, 'access.signIn', {}, 'sign in at the desk first (who is at the desk?)');
  return staff;
}

async function loadActiveStaff(store: Store, staffId: string): Promise<StaffDoc | null> {
  const staff = await getOrNull<StaffDoc>(store.db, staffId);
  return staff && staff.type === 'staff' && staff.active ? staff : null;
}

/** The same API in-process, typed: for tests and the bench. Errors are thrown as ApiError. */
export function directClient(dispatcher: Dispatcher, getSession: () => string | null = () => null): Api {
  return new Proxy({} as Api, {
    get(_target, name) {
      return async (input: unknown) => {
        const result = await dispatcher.invoke(name as OperationName, input, getSession());
        if (!result.ok) throw new ApiError(result.error);
        return result.data;
      };
    },
  });
}
