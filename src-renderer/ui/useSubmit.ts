import { useRef, useState } from 'react';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { fromApiError, type FieldErrors } from './errors';

/**
 * A form's sending state: field errors, one general error, and "busy". `send` runs the action;
 * a refusal from the main process lands on the fields it names (or in the general message).
 * While an action runs, `send` ignores another (a double click or a second Ctrl+Enter).
 */
export function useSubmit() {
  const locale = useLocale((s) => s.locale);
  const c = useText(commonText);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);

  const send = async (action: () => Promise<unknown>) => {
    if (running.current) return;
    running.current = true;
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
      running.current = false;
      setBusy(false);
    }
  };

  return { errors, setErrors, general, setGeneral, busy, send };
}
