import { useState } from 'react';
import { api } from '../api/client';
import { useLocale, useText } from '../i18n/i18n';
import { defaultDepartments, setupInput, type SetupInput } from '../../shared/reference/schemas';
import { useShell } from '../shell/store';
import { Banner, Button, Choice, Field, TextInput } from '../ui/ui';
import { checkWith, type FieldErrors } from '../ui/errors';
import { useSubmit } from '../ui/useSubmit';
import { setupText } from './i18n';
import { JoinForm } from './JoinForm';
import { FirstPersonFields, type FirstPerson } from './FirstPersonFields';
import { HeadOfficeSetupForm } from '../headoffice/HeadOfficeSetupForm';
import logoUrl from '../../assets/logo.svg';

type LeadRole = SetupInput['lead']['role'];

export function SetupScreen() {
  const t = useText(setupText);
  const locale = useLocale((s) => s.locale);
  const refresh = useShell((s) => s.refresh);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [inCity, setInCity] = useState<'in' | 'out'>('in');
  const [departments, setDepartments] = useState(defaultDepartments.map((d) => d.name));
  const [newDepartment, setNewDepartment] = useState('');
  const [lead, setLead] = useState<FirstPerson<LeadRole>>({ name: '', role: 'guideLead', sex: 'F', pin: '', pinAgain: '' });
  const { errors, setErrors, general, busy, send } = useSubmit();
  const [mode, setMode] = useState<'new' | 'join' | 'headoffice'>('new');

  const addDepartment = () => {
    const d = newDepartment.trim();
    if (d && !departments.includes(d)) setDepartments([...departments, d]);
    setNewDepartment('');
  };

  const submit = async () => {
    const input: SetupInput = {
      clinic: { code: code.trim().toUpperCase(), name, inHeadOfficeCity: inCity === 'in', departments },
      lead: { name: lead.name, sex: lead.sex, role: lead.role, pin: lead.pin },
    };
    const checked = checkWith(setupInput, input, locale);
    const nextErrors: FieldErrors = checked.ok ? {} : checked.errors;
    if (lead.pin !== lead.pinAgain) nextErrors['lead.pinAgain'] = t.pinMismatch;
    setErrors(nextErrors);
    if (Object.keys(nextErrors).length) return;
    await send(async () => {
      await api['clinic.setup'](input);
      await refresh();
    });
  };

  return (
    <main className="mx-auto max-w-3xl p-6">
      {/* The first thing a new desk shows: who we are, and that it takes a few minutes. */}
      <div className="mb-6 flex items-center gap-4 rounded-2xl bg-teal-800 px-6 py-5 text-white shadow-sm" data-testid="welcome">
        <img src={logoUrl} alt="" className="size-14 shrink-0" />
        <div>
          <p className="text-2xl font-bold">{t.welcome}</p>
          <p className="mt-1 text-teal-100">{t.welcomeLine}</p>
        </div>
      </div>
      <h1 className="text-2xl font-bold text-teal-900">{t.title}</h1>
      <div className="mt-4">
        <Choice name="setup-mode" label={t.title} value={mode} onChange={setMode} options={[{ value: 'new', label: t.modeNew }, { value: 'join', label: t.modeJoin }, { value: 'headoffice', label: t.modeHeadOffice }]} />
      </div>
      {mode === 'headoffice' && (
        <div className="mt-6">
          <HeadOfficeSetupForm />
        </div>
      )}
      {mode === 'join' && (
        <div className="mt-6">
          <JoinForm />
        </div>
      )}
      {mode === 'new' && (
      <>
      <p className="mt-4 text-slate-600">{t.intro}</p>
      <form
        className="mt-6 space-y-6"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {general && <Banner tone="error">{general}</Banner>}
        <fieldset className="grid grid-cols-2 gap-4 rounded-xl bg-white p-5 ring-1 ring-slate-200">
          <legend className="px-2 text-lg font-bold">{t.clinic}</legend>
          <Field label={t.code} required error={errors['clinic.code']} hint={t.codeHint}>
            {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors['clinic.code']} value={code} maxLength={4} autoFocus onChange={(e) => setCode(e.target.value.toUpperCase())} />}
          </Field>
          <Field label={t.name} required error={errors['clinic.name']}>
            {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors['clinic.name']} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <div className="col-span-2">
            <p className="mb-1 text-sm font-medium text-slate-700">{t.location}</p>
            <Choice name="location" label={t.location} value={inCity} onChange={setInCity} options={[{ value: 'in', label: t.inCity }, { value: 'out', label: t.outCity }]} />
          </div>
          <div className="col-span-2">
            <p className="mb-1 text-sm font-medium text-slate-700">{t.departments}</p>
            <ul className="flex flex-wrap gap-2">
              {departments.map((d) => (
                <li key={d} className="flex items-center gap-1 rounded-full bg-teal-50 py-1 pl-3 pr-1 ring-1 ring-teal-200">
                  {d}
                  <button type="button" aria-label={`${t.remove} ${d}`} className="rounded-full px-2 text-slate-500 hover:bg-rose-100 hover:text-rose-700" onClick={() => setDepartments(departments.filter((x) => x !== d))}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
            <div className="mt-2 flex gap-2">
              <TextInput
                aria-label={t.newDepartment}
                placeholder={t.newDepartment}
                value={newDepartment}
                onChange={(e) => setNewDepartment(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addDepartment();
                  }
                }}
              />
              <Button variant="secondary" onClick={addDepartment} className="shrink-0">
                {t.addDepartment}
              </Button>
            </div>
            {errors['clinic.departments'] && <p role="alert" className="mt-1 text-sm text-rose-700">{errors['clinic.departments']}</p>}
          </div>
        </fieldset>

        <fieldset className="grid grid-cols-2 gap-4 rounded-xl bg-white p-5 ring-1 ring-slate-200">
          <legend className="px-2 text-lg font-bold">{t.lead}</legend>
          <p className="col-span-2 -mt-2 text-sm text-slate-500">{t.leadHint}</p>
          <FirstPersonFields field="lead" roles={['guideLead', 'csDirector', 'dean']} value={lead} onChange={setLead} errors={errors} />
        </fieldset>
        <Button type="submit" disabled={busy} className="w-full py-3 text-lg">
          {t.submit}
        </Button>
      </form>
      </>
      )}
    </main>
  );
}
