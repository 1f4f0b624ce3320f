import type { z } from 'zod';
import { ApiError, type FieldIssue, schemaIssueOf } from '../../shared/errors';

/** Parses `raw` with `schema`; on failure an `invalid_input` error naming every field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) => fieldIssues(issue, prefix ? [prefix] : []));
  const first = issues[0]!;
  throw new ApiError({
    code: 'invalid_input',
    message: first.field ? `${first.field}: ${first.message}` : first.message,
    field: first.field,
    issues,
  });
}

function fieldIssues(issue: z.core.$ZodIssue, at: PropertyKey[]): FieldIssue[] {
  const path = [...at, ...issue.path];
  if (issue.code === 'invalid_union') {
    // A union of shapes (`{ id }` or `{ new }`): the caller meant the option that knows every key
    // they sent, so name the field inside it (`customer.new.sex`), not just the union (`customer`).
    const meant = issue.errors.filter((option) => !option.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0));
    if (meant.length === 1) return meant[0]!.flatMap((i) => fieldIssues(i, path));
  }
  // Unknown keys: name each, so "malicious" extras like __proto__ or _id are reported by name.
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: [...path, key].map(String).join('.'), message: 'unknown field', issue: { code: issue.code } }));
  return [{ field: path.map(String).join('.'), message: issue.message, issue: schemaIssueOf(issue) }];
}

