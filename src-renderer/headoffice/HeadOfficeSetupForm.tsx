import { useState } from 'react';
import { api } from '../api/client';
import { useLocale, useText } from '../i18n/i18n';
import { headOfficeSetupInput, type HeadOfficeSetupInput } from '../../shared/headoffice/schemas';
import { useShell } from '../shell/store';
import { CredentialFields, type Credentials } from '../sync/CredentialFields';
import { Banner, Button } from '../ui/ui';
import { FirstPersonFields, type FirstPerson } from '../setup/FirstPersonFields';
import { setupText } from '../setup/i18n';
import { checkWith, type FieldErrors } from '../ui/errors';
import { useSubmit } from '../ui/useSubmit';
import { headOfficeText } from './i18n';

type DirectorRole = HeadOfficeSetupInput['director']['role'];

/** Set-up as head office (总部): the server, head office's account, and the first head-office user. */
export function HeadOfficeSetupForm() {
  const t = useText(headOfficeText);
  const st = useText(setupText);
  const locale = useLocale((s) => s.locale);
  const refresh = useShell((s) => s.refresh);
  const [credentials, setCredentials] = useState<Credentials>({ url: '', username: '', password: '' });
  const [director, setDirector] = useState<FirstPerson<DirectorRole>>({ name: '', role: 'hoCsDirector', sex: 'F', pin: '', pinAgain: '' });
  const { errors, setErrors, general, busy, send } = useSubmit();

  const submit = async () => {
    const input: HeadOfficeSetupInput = { ...credentials, director: { name: director.name, sex: director.sex, role: director.role, pin: director.pin } };
    const checked = checkWith(headOfficeSetupInput, input, locale);
    const next: FieldErrors = checked.ok ? {} : checked.errors;
    if (director.pin !== director.pinAgain) next['director.pinAgain'] = st.pinMismatch;
    setErrors(next);
    if (Object.keys(next).length) return;
    await send(async () => {
      await api['headoffice.setup'](input);
      await refresh();
    });
  };

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="text-slate-600">{t.setupIntro}</p>
      {general && <Banner tone="error">{general}</Banner>}
      <fieldset className="grid gap-4 rounded-xl bg-white p-5 ring-1 ring-slate-200">
        <CredentialFields value={credentials} onChange={setCredentials} errors={errors} accountLabel={t.account} />
      </fieldset>
      <fieldset className="grid grid-cols-2 gap-4 rounded-xl bg-white p-5 ring-1 ring-slate-200">
        <legend className="px-2 text-lg font-bold">{t.director}</legend>
        <FirstPersonFields field="director" roles={['hoCsDirector', 'gmOffice']} value={director} onChange={setDirector} errors={errors} />
      </fieldset>
      <Button type="submit" disabled={busy} className="w-full py-3 text-lg">
        {t.setupSubmit}
      </Button>
    </form>
  );
}
