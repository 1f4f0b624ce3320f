import { useState } from 'react';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { fromApiError, type FieldErrors } from './errors';

/**
 * A form's sending state: field errors, one general error, and "busy". `send` runs the action;
 * a refusal from the main process lands on the fields it names (or in the general message).
 */
export function useSubmit() {
  const locale = useLocale((s) => s.locale);
  const c = useText(commonText);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      setErrors({});
      setGeneral(null);
    } catch (err) {
      const r = fromApiError(err, locale, c.error);
      setErrors(r.fields);
      setGeneral(r.general);
    } finally {
      setBusy(false);
    }
  };

  return { errors, setErrors, general, busy, send };
}
