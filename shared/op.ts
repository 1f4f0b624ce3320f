import { z } from 'zod';
import type { DocType } from './docTypes';

/**
 * `auth`: 'none' needs no operator (status, first set-up, sign-in); 'operator' needs someone
 * signed in at the desk; 'admin' needs an operator with an admin role; 'headoffice' needs this
 * computer set up as head office (总部) and an operator with a head-office role. The dispatcher
 * (src-main/api/dispatch.ts) enforces all four, once, before any handler runs. Handlers refine
 * further by role where a rule says who may do a thing (e.g. who approves a complaint's solution).
 */
export type Auth = 'none' | 'operator' | 'admin' | 'headoffice';

/** What a query's answer is made of: document types (shared/docTypes.ts), or `sync`, the sync status. */
export type Dependency = DocType | 'sync';

export interface Operation<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  auth: Auth;
  /**
   * A query declares what its answer is read from; the renderer's useQuery re-fetches when the
   * main process announces a change of one of these (tests/unit/query-deps.test.ts: every
   * operation a screen reads with useQuery declares them).
   */
  dependsOn?: readonly Dependency[];
  /** A larger input limit (bytes) than the dispatcher's 256 KiB, for the one operation that carries a whole file (enquiry import). */
  maxInputBytes?: number;
}

export function op<I extends z.ZodType, O extends z.ZodType>(auth: Auth, input: I, output: O, options: { dependsOn?: readonly Dependency[]; maxInputBytes?: number } = {}): Operation<I, O> {
  return { input, output, auth, ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}), ...(options.maxInputBytes ? { maxInputBytes: options.maxInputBytes } : {}) };
}

export const empty = z.strictObject({});
export const ok = z.strictObject({ ok: z.literal(true) });
