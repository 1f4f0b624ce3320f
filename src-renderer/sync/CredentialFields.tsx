import { useText } from '../i18n/i18n';
import { Field, TextInput } from '../ui/ui';
import type { FieldErrors } from '../ui/errors';
import { syncText } from './i18n';
import { addressWarned } from '../../shared/fleet/rules';

export interface Credentials {
  url: string;
  username: string;
  password: string;
}

/** Head office's address and this desk's account: the same three fields wherever they are asked. */
export function CredentialFields({ value, onChange, errors, accountLabel }: { value: Credentials; onChange(next: Credentials): void; errors: FieldErrors; accountLabel?: string }) {
  const t = useText(syncText);
  return (
    <>
      <Field label={t.server} required error={errors.url} hint={t.serverHint}>
        {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors.url} value={value.url} inputMode="url" onChange={(e) => onChange({ ...value, url: e.target.value })} />}
      </Field>
      {addressWarned(value.url.trim()) && (
        <p role="note" data-testid="http-warning" className="rounded-md bg-amber-100 px-3 py-2 text-sm text-amber-900">
          {t.httpWarning}
        </p>
      )}
      <Field label={accountLabel ?? t.username} required error={errors.username}>
        {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors.username} value={value.username} autoComplete="off" onChange={(e) => onChange({ ...value, username: e.target.value })} />}
      </Field>
      <Field label={t.password} required error={errors.password} hint={t.passwordHint}>
        {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors.password} type="password" autoComplete="new-password" value={value.password} onChange={(e) => onChange({ ...value, password: e.target.value })} />}
      </Field>
    </>
  );
}
