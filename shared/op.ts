import { z } from 'zod';

/**
 * `auth`: 'none' needs no operator (status, first set-up, sign-in); 'operator' needs someone
 * signed in at the desk; 'admin' needs an operator with an admin role; 'headoffice' needs this
 * computer set up as head office (总部) and an operator with a head-office role. The dispatcher
 * (src-main/api/dispatch.ts) enforces all four, once, before any handler runs. Handlers refine
 * further by role where a rule says who may do a thing (e.g. who approves a complaint's solution).
 */
export type Auth = 'none' | 'operator' | 'admin' | 'headoffice';

export interface Operation<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  auth: Auth;
  /** A larger input limit (bytes) than the dispatcher's 256 KiB, for the one operation that carries a whole file (enquiry import). */
  maxInputBytes?: number;
}

export function op<I extends z.ZodType, O extends z.ZodType>(auth: Auth, input: I, output: O, options: { maxInputBytes?: number } = {}): Operation<I, O> {
  return { input, output, auth, ...options };
}

export const empty = z.strictObject({});
export const ok = z.strictObject({ ok: z.literal(true) });
