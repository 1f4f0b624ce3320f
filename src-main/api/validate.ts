import type { z } from 'zod';
import { ApiError, type FieldIssue } from '../../shared/errors';

/** Parses `raw` with `schema`; on failure an `invalid_input` error naming every field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => {
    const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)];
    // Unknown keys: name them, so "malicious" extras like __proto__ or _id are reported by name.
    if (issue.code === 'unrecognized_keys') {
      return { field: [...path, ...issue.keys].join('.'), message: `unknown field` };
    }
    return { field: path.join('.'), message: issue.message };
  });
  const first = issues[0]!;
  throw new ApiError({
    code: 'invalid_input',
    message: first.field ? `${first.field}: ${first.message}` : first.message,
    field: first.field,
    issues,
  });
}
