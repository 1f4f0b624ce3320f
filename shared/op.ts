import { z } from 'zod';

/**
 * `auth`: 'none' needs no operator (status, first set-up, sign-in); 'operator' needs someone
 * signed in at the desk; 'admin' needs an operator with an admin role. Handlers refine further by
 * role where a rule says who may do a thing (e.g. who approves a complaint's solution).
 */
export type Auth = 'none' | 'operator' | 'admin';

export interface Operation<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  auth: Auth;
}

export function op<I extends z.ZodType, O extends z.ZodType>(auth: Auth, input: I, output: O): Operation<I, O> {
  return { input, output, auth };
}

export const empty = z.strictObject({});
export const ok = z.strictObject({ ok: z.literal(true) });
