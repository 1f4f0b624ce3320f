import { useState } from 'react';
import type { Input } from '../../shared/contract';
import type { ClinicView } from '../../shared/reference/schemas';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { Banner, Button, Choice, Field, TextInput } from '../ui/ui';
import { fromApiError, type FieldErrors } from '../ui/errors';
import { settingsText } from './i18n';

/** A clinic's own settings: name, 京内/京外, waiting alert, departments (retired, never removed). */
export function ClinicForm({ clinic, canEdit, onSave }: { clinic: ClinicView; canEdit: boolean; onSave(fields: Input<'clinic.update'>): Promise<unknown> }) {
  const t = useText(settingsText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const [name, setName] = useState(clinic.name);
  const [inCity, setInCity] = useState<'in' | 'out'>(clinic.inHeadOfficeCity ? 'in' : 'out');
  const [waitAlert, setWaitAlert] = useState(String(clinic.waitAlertMinutes));
  const [departments, setDepartments] = useState(clinic.departments);
  const [newDepartment, setNewDepartment] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);

  const save = async () => {
    try {
      await onSave({ name, inHeadOfficeCity: inCity === 'in', departments, waitAlertMinutes: Number(waitAlert) });
      setErrors({});
      setMessage({ tone: 'success', text: t.saved });
    } catch (err) {
      const { fields, general } = fromApiError(err, locale, c.error);
      setErrors(fields);
      setMessage(general ? { tone: 'error', text: general } : null);
    }
  };

  return (
    <form className="space-y-4" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      {message && <Banner tone={message.tone}>{message.text}</Banner>}
      <fieldset disabled={!canEdit} className="space-y-4">
        <Field label={t.name} required error={errors.name}>
          {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors.name} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <div>
          <p className="mb-1 text-sm font-medium text-slate-700">{t.location}</p>
          <Choice name="clinic-location" label={t.location} value={inCity} onChange={setInCity} options={[{ value: 'in', label: t.inCity }, { value: 'out', label: t.outCity }]} />
        </div>
        <Field label={t.waitAlert} required error={errors.waitAlertMinutes}>
          {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors.waitAlertMinutes} inputMode="numeric" value={waitAlert} onChange={(e) => setWaitAlert(e.target.value.replace(/\D/g, ''))} />}
        </Field>
        <div>
          <p className="mb-1 text-sm font-medium text-slate-700">{t.departments}</p>
          <ul className="space-y-1">
            {departments.map((dep, i) => (
              <li key={dep.id} className="flex items-center gap-2">
                <TextInput aria-label={t.departments} value={dep.name} onChange={(e) => setDepartments(departments.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
                <label className="flex shrink-0 items-center gap-1">
                  <input type="checkbox" checked={dep.active} onChange={(e) => setDepartments(departments.map((x, j) => (j === i ? { ...x, active: e.target.checked } : x)))} />
                  {dep.active ? t.active : t.inactive}
                </label>
              </li>
            ))}
          </ul>
          <div className="mt-2 flex gap-2">
            <TextInput aria-label={t.newDepartment} placeholder={t.newDepartment} value={newDepartment} onChange={(e) => setNewDepartment(e.target.value)} />
            <Button
              variant="secondary"
              className="shrink-0"
              onClick={() => {
                if (!newDepartment.trim()) return;
                setDepartments([...departments, { id: `dept-${Date.now().toString(36)}`, name: newDepartment.trim(), active: true }]);
                setNewDepartment('');
              }}
            >
              {t.addDepartment}
            </Button>
          </div>
          {errors.departments && <p role="alert" className="text-sm text-rose-700">{errors.departments}</p>}
        </div>
        <Button type="submit">{t.saveClinic}</Button>
      </fieldset>
    </form>
  );
}
