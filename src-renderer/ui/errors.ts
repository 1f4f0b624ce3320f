import type { z } from 'zod';
import { ApiError, schemaIssueOf } from '../../shared/errors';
import type { Locale } from '../i18n/i18n';
import { fieldMessage } from '../i18n/fieldMessages';
import { schemaMessage } from '../i18n/schemaMessages';
import { ruleMessage } from '../i18n/ruleMessages';

/** Field path → message, as forms show them beside each input. */
export type FieldErrors = Record<string, string>;

/** Checks a form with the contract's own schema before sending (same rules as the main process). */
export function checkWith<S extends z.ZodType>(schema: S, value: unknown, locale: Locale, prefix = ''): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    errors[field] ??= schemaMessage(schemaIssueOf(issue), issue.message, locale);
  }
  return { ok: false, errors };
}

/**
 * An error from the main process, split into per-field messages and a general one. A refusal keyed
 * by a rule reads the text of its domain's `errors` table; the others (domains not converted yet)
 * go through fieldMessages.ts's translations of the English message.
 */
export function fromApiError(err: unknown, locale: Locale, generic: Record<string, string>): { fields: FieldErrors; general: string | null } {
  if (!(err instanceof ApiError)) return { fields: {}, general: generic.internal ?? String(err) };
  if (err.detail?.network) return { fields: {}, general: generic.network ?? err.message };
  const ruled = ruleMessage(err.rule, err.params, locale);
  if (ruled !== null) return err.field ? { fields: { [err.field]: ruled }, general: null } : { fields: {}, general: ruled };
  const fields: FieldErrors = {};
  for (const issue of err.issues) {
    if (!issue.field) continue;
    const message = issue.message.replace(`${issue.field}: `, '');
    fields[issue.field] ??= issue.issue ? schemaMessage(issue.issue, message, locale) : fieldMessage(message, locale);
  }
  const general = Object.keys(fields).length ? null : (generic[err.code] ?? err.message);
  return { fields, general };
}

