import { useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { RoleSelect } from '../settings/RoleSelect';
import { useText } from '../i18n/i18n';
import { commonText, aside } from '../i18n/common';
import type { StaffRole, StaffView } from '../../shared/reference/schemas';
import type { HeadOfficeClinic } from '../../shared/headoffice/schemas';
import { settingsText } from '../settings/i18n';
import { Banner, Button, Field, Panel, Select, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { headOfficeText } from './i18n';

interface Form {
  id: string | null;
  name: string;
  sex: 'F' | 'M';
  role: StaffRole;
  departmentId: string;
  staffNumber: string;
  supervisorId: string;
  deptHeadId: string;
  active: boolean;
}
const blank: Form = { id: null, name: '', sex: 'F', role: 'guide', departmentId: '', staffNumber: '', supervisorId: '', deptHeadId: '', active: true };
const fromStaff = (s: StaffView): Form => ({ id: s.id, name: s.name, sex: s.sex, role: s.role, departmentId: s.departmentId ?? '', staffNumber: s.staffNumber ?? '', supervisorId: s.supervisorId ?? '', deptHeadId: s.deptHeadId ?? '', active: s.active });

/** A clinic's staff roster as head office keeps it: corrected online in the clinic's database. */
export function RosterPanel({ clinics }: { clinics: HeadOfficeClinic[] }) {
  const t = useText(headOfficeText);
  const st = useText(settingsText);
  const c = useText(commonText);
  const [code, setCode] = useState(clinics[0]?.code ?? '');
  const clinic = clinics.find((k) => k.code === code) ?? clinics[0];
  const staff = useQuery('headoffice.staff', { clinic: clinic?.code ?? 'XX', includeInactive: true });
  const [form, setForm] = useState<Form | null>(null);
  const { errors, setErrors, general, busy, send } = useSubmit();
  const [saved, setSaved] = useState<string | null>(null);
  if (!clinic) return <p className="p-4 text-slate-500">{t.notYetSynced}</p>;
  const people = staff.data ?? [];
  const nameOf = (id: string | null) => people.find((p) => p.id === id)?.name ?? st.none;
  const deptOf = (id: string | null) => clinic.departments.find((d) => d.id === id)?.name ?? st.none;

  const open = (next: Form) => {
    flushSync(() => {
      setForm(next);
      setErrors({});
      setSaved(null);
    });
    document.getElementById('ho-staff-name')?.focus();
  };
  const save = (f: Form) =>
    send(async () => {
      const saved = await api['headoffice.staffSave']({
        clinic: clinic.code,
        id: f.id,
        name: f.name,
        sex: f.sex,
        role: f.role,
        departmentId: f.departmentId || null,
        active: f.active,
        staffNumber: f.staffNumber || null,
        supervisorId: f.supervisorId || null,
        deptHeadId: f.deptHeadId || null,
      });
      setSaved(saved.name);
      setForm(null);
    });

  return (
    <div className="mx-auto flex h-full max-w-6xl gap-3">
      <Panel
        title={`${t.rosterTab} · ${clinic.code} ${clinic.name}`}
        className="min-w-0 flex-1"
        actions={
          <div className="flex items-center gap-2">
            <Select aria-label={t.clinic} value={clinic.code} onChange={(e) => setCode(e.target.value)}>
              {clinics.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.code} · {k.name}
                </option>
              ))}
            </Select>
            <Button onClick={() => open(blank)}>{st.addStaff}</Button>
          </div>
        }
      >
        <p className="mb-3 text-sm text-slate-500">{t.rosterOnline}</p>
        {saved && <Banner tone="success">{t.rosterSaved(saved)}</Banner>}
        <table className="w-full text-sm" aria-label={t.rosterTab}>
          <thead>
            <tr className="text-left text-slate-500">
              {[st.staffNumber, st.staffName, st.role, st.department, st.supervisor, st.deptHead, ''].map((h, i) => (
                <th key={i} className="py-1 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id} className={`border-t border-slate-100 ${p.active ? '' : 'text-slate-400'}`}>
                <td className="py-1.5 tabular-nums">{p.staffNumber ?? st.none}</td>
                <td className="py-1.5 font-medium">
                  {p.name}
                  {!p.active && aside(st.inactive, p.name)}
                </td>
                <td className="py-1.5">{c.role[p.role]}</td>
                <td className="py-1.5">{deptOf(p.departmentId)}</td>
                <td className="py-1.5">{nameOf(p.supervisorId)}</td>
                <td className="py-1.5">{nameOf(p.deptHeadId)}</td>
                <td className="py-1.5 text-right">
                  <Button variant="ghost" aria-label={`${st.edit} ${p.name}`} onClick={() => open(fromStaff(p))}>
                    {st.edit}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      {form && (
        <Panel title={form.id ? `${st.edit} · ${form.name}` : st.addStaff} className="w-96 shrink-0">
          <form
            className="space-y-3"
            onKeyDown={(e) => e.key === 'Escape' && setForm(null)}
            onSubmit={(e) => {
              e.preventDefault();
              void save(form);
            }}
          >
            {general && <Banner tone="error">{general}</Banner>}
            <Field label={st.staffName} required error={errors.name}>
              {(_id, d) => <TextInput id="ho-staff-name" aria-describedby={d} invalid={!!errors.name} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
            </Field>
            <Field label={st.staffNumber} error={errors.staffNumber}>
              {(id, d) => <TextInput id={id} aria-describedby={d} value={form.staffNumber} onChange={(e) => setForm({ ...form, staffNumber: e.target.value })} />}
            </Field>
            <div className="grid grid-cols-2 gap-3">
              <Field label={st.sex}>
                {(id) => (
                  <Select id={id} value={form.sex} onChange={(e) => setForm({ ...form, sex: e.target.value as 'F' | 'M' })}>
                    <option value="F">{c.female}</option>
                    <option value="M">{c.male}</option>
                  </Select>
                )}
              </Field>
              <Field label={st.role}>
                {(id) => <RoleSelect id={id} value={form.role} onChange={(role) => setForm({ ...form, role })} />}
              </Field>
            </div>
            <Field label={st.department} error={errors.departmentId}>
              {(id) => (
                <Select id={id} value={form.departmentId} onChange={(e) => setForm({ ...form, departmentId: e.target.value })}>
                  <option value="">{st.none}</option>
                  {clinic.departments.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            {(['supervisorId', 'deptHeadId'] as const).map((k) => (
              <Field key={k} label={k === 'supervisorId' ? st.supervisor : st.deptHead} error={errors[k]}>
                {(id) => (
                  <Select id={id} value={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.value })}>
                    <option value="">{st.none}</option>
                    {people
                      .filter((p) => p.active && p.id !== form.id)
                      .map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                  </Select>
                )}
              </Field>
            ))}
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} />
              {st.active}
            </label>
            <div className="flex gap-2">
              <Button type="submit" disabled={busy} className="flex-1">
                {t.rosterSave}
              </Button>
              <Button variant="secondary" onClick={() => setForm(null)}>
                {t.close}
              </Button>
            </div>
          </form>
        </Panel>
      )}
    </div>
  );
}
