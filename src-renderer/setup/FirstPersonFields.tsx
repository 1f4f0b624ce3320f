import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import type { StaffRole } from '../../shared/reference/schemas';
import { Choice, Field, Select, TextInput } from '../ui/ui';
import type { FieldErrors } from '../ui/errors';
import { setupText } from './i18n';

export interface FirstPerson<R extends StaffRole> {
  name: string;
  role: R;
  sex: 'F' | 'M';
  pin: string;
  pinAgain: string;
}

/**
 * The first person of a new clinic (its lead) or of head office (its director): name, role, sex
 * and the PIN twice. `field` is the input's key (`lead`, `director`), for the field errors.
 */
export function FirstPersonFields<const R extends StaffRole>({ field, roles, value, onChange, errors }: { field: string; roles: readonly R[]; value: FirstPerson<R>; onChange(next: FirstPerson<R>): void; errors: FieldErrors }) {
  const t = useText(setupText);
  const c = useText(commonText);
  const set = (patch: Partial<FirstPerson<R>>) => onChange({ ...value, ...patch });
  const pinInput = (key: 'pin' | 'pinAgain') => (
    <Field label={key === 'pin' ? t.pin : t.pinAgain} required error={errors[`${field}.${key}`]}>
      {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors[`${field}.${key}`]} type="password" inputMode="numeric" autoComplete="new-password" value={value[key]} onChange={(e) => set({ [key]: e.target.value })} />}
    </Field>
  );
  return (
    <>
      <Field label={t.leadName} required error={errors[`${field}.name`]}>
        {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors[`${field}.name`]} value={value.name} onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      <Field label={t.role} required>
        {(id) => (
          <Select id={id} value={value.role} onChange={(e) => set({ role: e.target.value as R })}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {c.role[r]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="col-span-2">
        <p className="mb-1 text-sm font-medium text-slate-700">{t.sex}</p>
        <Choice name={`${field}-sex`} label={t.sex} value={value.sex} onChange={(sex) => set({ sex })} options={[{ value: 'F', label: c.female }, { value: 'M', label: c.male }]} />
      </div>
      {pinInput('pin')}
      {pinInput('pinAgain')}
    </>
  );
}
