import { useState } from 'react';
import { api } from '../api/client';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { headOfficeSetupInput, type HeadOfficeSetupInput } from '../../shared/headoffice/schemas';
import { useShell } from '../shell/store';
import { CredentialFields, type Credentials } from '../sync/CredentialFields';
import { Banner, Button, Choice, Field, Select, TextInput } from '../ui/ui';
import { checkWith, type FieldErrors } from '../ui/errors';
import { useSubmit } from '../ui/useSubmit';
import { headOfficeText } from './i18n';

type DirectorRole = HeadOfficeSetupInput['director']['role'];

/** Set-up as head office (总部): the server, head office's account, and the first head-office user. */
export function HeadOfficeSetupForm() {
  const t = useText(headOfficeText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const refresh = useShell((s) => s.refresh);
  const [credentials, setCredentials] = useState<Credentials>({ url: '', username: '', password: '' });
  const [name, setName] = useState('');
  const [role, setRole] = useState<DirectorRole>('hoCsDirector');
  const [sex, setSex] = useState<'F' | 'M'>('F');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const { errors, setErrors, general, busy, send } = useSubmit();

  const submit = async () => {
    const input: HeadOfficeSetupInput = { ...credentials, director: { name, sex, role, pin } };
    const checked = checkWith(headOfficeSetupInput, input, locale);
    const next: FieldErrors = checked.ok ? {} : checked.errors;
    if (pin !== pinAgain) next['director.pinAgain'] = t.pinMismatch;
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
        <Field label={t.directorName} required error={errors['director.name']}>
          {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors['director.name']} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t.role} required>
          {(id) => (
            <Select id={id} value={role} onChange={(e) => setRole(e.target.value as DirectorRole)}>
              {(['hoCsDirector', 'gmOffice'] as const).map((r) => (
                <option key={r} value={r}>
                  {c.role[r]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="col-span-2">
          <p className="mb-1 text-sm font-medium text-slate-700">{t.sex}</p>
          <Choice name="director-sex" label={t.sex} value={sex} onChange={setSex} options={[{ value: 'F', label: c.female }, { value: 'M', label: c.male }]} />
        </div>
        <Field label={t.pin} required error={errors['director.pin']}>
          {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors['director.pin']} type="password" inputMode="numeric" autoComplete="new-password" value={pin} onChange={(e) => setPin(e.target.value)} />}
        </Field>
        <Field label={t.pinAgain} required error={errors['director.pinAgain']}>
          {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors['director.pinAgain']} type="password" inputMode="numeric" autoComplete="new-password" value={pinAgain} onChange={(e) => setPinAgain(e.target.value)} />}
        </Field>
      </fieldset>
      <Button type="submit" disabled={busy} className="w-full py-3 text-lg">
        {t.setupSubmit}
      </Button>
    </form>
  );
}
