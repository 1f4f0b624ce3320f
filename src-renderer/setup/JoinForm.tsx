import { useState } from 'react';
import { api } from '../api/client';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { joinInput } from '../../shared/reference/schemas';
import type { PullProgress } from '../../shared/sync/schemas';
import { useShell } from '../shell/store';
import { syncText } from '../sync/i18n';
import { Banner, Button, Field, TextInput } from '../ui/ui';
import { checkWith, fromApiError } from '../ui/errors';
import { useSubmit } from '../ui/useSubmit';
import { setupText } from './i18n';
import { CredentialFields, type Credentials } from '../sync/CredentialFields';

/** Joining a clinic head office already has: its code, the server and this desk's account. */
export function JoinForm() {
  const t = useText(setupText);
  const locale = useLocale((s) => s.locale);
  const refresh = useShell((s) => s.refresh);
  const [clinicCode, setClinicCode] = useState('');
  const [credentials, setCredentials] = useState<Credentials>({ url: '', username: '', password: '' });
  const { errors, setErrors, general, busy, send } = useSubmit();

  const join = async () => {
    const input = { clinicCode: clinicCode.trim().toUpperCase(), ...credentials };
    const checked = checkWith(joinInput, input, locale);
    if (!checked.ok) return setErrors(checked.errors);
    await send(async () => {
      await api['clinic.join'](input);
      await refresh();
    });
  };

  return (
    <form className="space-y-4 rounded-xl bg-white p-5 ring-1 ring-slate-200" onSubmit={(e) => { e.preventDefault(); void join(); }}>
      <p className="text-slate-600">{t.joinIntro}</p>
      {general && <Banner tone="error">{general}</Banner>}
      <Field label={t.code} required error={errors.clinicCode} hint={t.codeHint}>
        {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors.clinicCode} value={clinicCode} maxLength={4} autoFocus onChange={(e) => setClinicCode(e.target.value.toUpperCase())} />}
      </Field>
      <CredentialFields value={credentials} onChange={setCredentials} errors={errors} />
      <Button type="submit" disabled={busy} className="w-full py-3 text-lg">
        {t.joinSubmit}
      </Button>
    </form>
  );
}

/** While the clinic's documents come down from head office: what is happening, and a way back. */
export function JoinProgress() {
  const t = useText(setupText);
  const st = useText(syncText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const { status, refresh } = useShell();
  const joining = status?.joining;
  const [general, setGeneral] = useState<string | null>(null);
  if (!joining) return null;
  return (
    <main className="mx-auto mt-16 max-w-xl space-y-4 p-6" data-testid="join-progress">
      <h1 className="text-2xl font-bold text-teal-900">{t.joining(joining.clinic)}</h1>
      <p className="text-slate-600">{t.joiningHelp}</p>
      <p className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <span className="font-bold">{st.state[joining.state]}</span>
        <span className="ml-3 font-mono text-sm text-slate-500">
          {joining.username}@{joining.server}
        </span>
      </p>
      {joining.pull && <PullBar pull={joining.pull} />}
      {joining.error && (
        <Banner tone="error">
          <p className="font-bold">{st.errorKind[joining.error.kind]}</p>
          <p className="text-sm">{joining.error.message}</p>
        </Banner>
      )}
      {general && <Banner tone="error">{general}</Banner>}
      <Button
        variant="secondary"
        onClick={() =>
          void api['clinic.cancelJoin']({})
            .then(() => refresh())
            .catch((err: unknown) => setGeneral(fromApiError(err, locale, c.error).general))
        }
      >
        {t.back}
      </Button>
    </main>
  );
}

/** The download: documents done of the total, a bar, and the time left at the rate so far. */
function PullBar({ pull }: { pull: PullProgress }) {
  const st = useText(syncText);
  const share = pull.total ? Math.min(1, pull.done / pull.total) : 0;
  return (
    <div className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-slate-200" data-testid="join-pull">
      <div
        role="progressbar"
        aria-label={st.pulled(pull.done, pull.total)}
        aria-valuemin={0}
        aria-valuemax={pull.total ?? undefined}
        aria-valuenow={pull.done}
        className="h-3 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-teal-600 transition-[width]" style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <p className="flex justify-between text-base">
        <span className="font-medium tabular-nums">{st.pulled(pull.done, pull.total)}</span>
        <span className="text-slate-600 tabular-nums">{pull.secondsLeft === null ? st.estimating : st.timeLeft(pull.secondsLeft)}</span>
      </p>
    </div>
  );
}
