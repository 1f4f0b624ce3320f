import { useState } from 'react';
import { ApiError } from '../../shared/errors';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { ruleMessage } from '../i18n/ruleMessages';
import { fromApiError } from '../ui/errors';
import { Banner } from '../ui/ui';
import { staffText } from './i18n';

/** A tab's last outcome: a success line or the refusal (in the desk's language when it carries a rule). */
export function useFeedback(where: (field: string) => string = (field) => field) {
  const c = useText(commonText);
  const t = useText(staffText);
  const locale = useLocale((s) => s.locale);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [field, setField] = useState<string | null>(null);
  return {
    message,
    error,
    /** The field the last refusal named (to mark its input). */
    field,
    ok: (m: string) => {
      setMessage(m);
      setError(null);
      setField(null);
    },
    fail: (e: unknown) => {
      setMessage(null);
      setField(e instanceof ApiError ? (e.field ?? null) : null);
      // A refusal keyed by its rule reads in the desk's language, naming the field; the older ones keep their English message.
      const ruled = e instanceof ApiError ? ruleMessage(e.rule, e.params, locale) : null;
      // A schema refusal (a number too small, a wrong type) reads in words too, beside the field's name.
      const schema = e instanceof ApiError && !ruled && e.field ? fromApiError(e, locale, {}).fields[e.field] : undefined;
      setError(
        e instanceof ApiError
          ? ruled
            ? `${e.field ? `${where(e.field)}${t.colon}` : ''}${ruled}`
            : schema && e.field
              ? `${where(e.field)}${t.colon}${schema}`
              : `${c.error[e.code] ?? e.message}（${e.message}）`
          : c.error.internal,
      );
    },
    view: (
      <>
        {message && <Banner tone="success">{message}</Banner>}
        {error && <Banner tone="error">{error}</Banner>}
      </>
    ),
  };
}
