import { RoleSelect } from './RoleSelect';
import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText, labelled } from '../i18n/common';
import { adminRoles, staffRoles, type ClinicView, type StaffRole, type StaffView } from '../../shared/reference/schemas';
import { grantableRoles } from '../../shared/reference/grants';
import { settingsTabs, useShell, type SettingsTab } from '../shell/store';
import { SyncSettings } from '../sync/SyncSettings';
import { syncText } from '../sync/i18n';
import { Banner, Button, Choice, Field, Panel, Select, TabList, TextInput } from '../ui/ui';
import { fromApiError } from '../ui/errors';
import { useSubmit } from '../ui/useSubmit';
import { settingsText } from './i18n';
import { ClinicForm } from './ClinicForm';
import { GoLive } from './GoLive';
import { DeviceSettings } from '../fleet/DeviceSettings';
import { fleetText } from '../fleet/i18n';

/** 设置: the clinic's own settings and its staff roster (admins edit; everyone else reads). */
export function SettingsScreen() {
  const status = useShell((s) => s.status);
  const chosenTab = useShell((s) => s.settingsTab);
  const go = useShell((s) => s.go);
  const refresh = useShell((s) => s.refresh);
  const t = useText(settingsText);
  const st = useText(syncText);
  const ft = useText(fleetText);
  if (!status?.clinic || !status.operator) return null;
  const canEdit = adminRoles.includes(status.operator.role);
  // Head office's own record is not a clinic's to set; its people and its sync are.
  const tabs: readonly SettingsTab[] = status.headOffice ? settingsTabs.filter((k) => k !== 'clinic') : settingsTabs;
  const tab = tabs.includes(chosenTab) ? chosenTab : tabs[0]!;
  const labels: Record<SettingsTab, string> = { clinic: t.clinic, staff: t.staff, sync: st.title, device: ft.deviceTab };
  return (
    <div className="flex h-full flex-col gap-3">
      <TabList label={t.clinic} value={tab} onChange={(k) => go('settings', k)} tabs={tabs.map((k) => ({ value: k, label: labels[k] }))} />
      <div role="tabpanel" className="min-h-0 flex-1">
        {tab === 'clinic' && (
          <Panel title={t.clinic} className="mx-auto h-full max-w-3xl">
            {!canEdit && <Banner tone="info">{t.readOnly}</Banner>}
            <ClinicForm clinic={status.clinic} canEdit={canEdit} onSave={(fields) => api['clinic.update'](fields).then(() => refresh())} />
            <GoLive canEdit={canEdit} />
            <p className="mt-6 text-sm text-slate-500">
              {t.desk}: {t.deskId} <span className="font-mono">{status.deskId}</span> · {t.dataVersion} {status.dataSchemaVersion}
            </p>
          </Panel>
        )}
        {tab === 'staff' && <StaffRoster clinic={status.clinic} canEdit={canEdit} />}
        {tab === 'sync' && <SyncSettings canEdit={canEdit} />}
        {tab === 'device' && <DeviceSettings canEdit={canEdit} />}
      </div>
    </div>
  );
}

const emptyStaff = { name: '', sex: 'F' as 'F' | 'M', role: 'guide' as StaffRole, departmentId: '', pin: '', staffNumber: '', supervisorId: '', deptHeadId: '' };

function StaffRoster({ clinic, canEdit }: { clinic: ClinicView; canEdit: boolean }) {
  const t = useText(settingsText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const [showInactive, setShowInactive] = useState(false);
  const staff = useQuery('staff.list', { includeInactive: showInactive });
  const [editing, setEditing] = useState<StaffView | null>(null);
  const [form, setForm] = useState(emptyStaff);
  const { errors, setErrors, general, send } = useSubmit();
  const [toggleError, setToggleError] = useState<string | null>(null);
  const deptName = (id: string | null) => clinic.departments.find((d) => d.id === id)?.name ?? t.none;
  // The roles this person may give, and nobody changes their own (shared/reference/grants.ts).
  const status = useShell((s) => s.status);
  const me = status?.operator ?? null;
  const roles = me ? grantableRoles({ id: me.id, role: me.role, headOffice: status?.headOffice ?? false }, staffRoles) : [];
  const editingSelf = editing !== null && editing.id === me?.id;

  const save = async () => {
    const base = { name: form.name, sex: form.sex, role: form.role, departmentId: form.departmentId || null, pin: form.pin || null, staffNumber: form.staffNumber || null, supervisorId: form.supervisorId || null, deptHeadId: form.deptHeadId || null };
    await send(async () => {
      if (editing) await api['staff.update']({ ...base, id: editing.id, active: editing.active });
      else await api['staff.add'](base);
      setForm(emptyStaff);
      setEditing(null);
    });
  };

  const toggleActive = async (s: StaffView) => {
    try {
      await api['staff.update']({ id: s.id, name: s.name, sex: s.sex, role: s.role, departmentId: s.departmentId, active: !s.active, pin: null });
      setToggleError(null);
    } catch (err) {
      const r = fromApiError(err, locale, c.error);
      setToggleError(r.general ?? Object.values(r.fields)[0] ?? null);
    }
  };

  return (
    <Panel
      className="mx-auto h-full max-w-4xl"
      title={t.staff}
      actions={
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
          {t.showInactive}
        </label>
      }
    >
      {(general ?? errors.id ?? toggleError) && <Banner tone="error">{general ?? errors.id ?? toggleError}</Banner>}
      <table className="w-full text-left">
        <thead className="text-sm text-slate-500">
          <tr>
            <th className="py-1">{t.staffName}</th>
            <th>{t.staffNumber}</th>
            <th>{t.role}</th>
            <th>{t.department}</th>
            <th>{t.pin}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {staff.data?.map((s) => (
            <tr key={s.id} className={`border-t border-slate-100 ${s.active ? '' : 'text-slate-400'}`}>
              <td className="py-2 font-medium">{s.name}</td>
              <td>{s.staffNumber ?? ''}</td>
              <td>{c.role[s.role]}</td>
              <td>{deptName(s.departmentId)}</td>
              <td>{s.canSignIn ? t.hasPin : t.noPin}</td>
              <td className="space-x-1 text-right">
                {canEdit && (
                  <>
                    <Button variant="ghost" className="px-2 py-1 text-sm" onClick={() => { setEditing(s); setForm({ name: s.name, sex: s.sex, role: s.role, departmentId: s.departmentId ?? '', pin: '', staffNumber: s.staffNumber ?? '', supervisorId: s.supervisorId ?? '', deptHeadId: s.deptHeadId ?? '' }); }}>
                      {t.edit}
                    </Button>
                    <Button variant="ghost" className="px-2 py-1 text-sm" onClick={() => void toggleActive(s)}>
                      {s.active ? t.deactivate : t.reactivate}
                    </Button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && (
        <form className="mt-6 grid grid-cols-2 gap-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <h3 className="col-span-2 font-bold">{editing ? labelled(t.edit, editing.name) : t.addStaff}</h3>
          <Field label={t.staffName} required error={errors.name}>
            {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors.name} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
          </Field>
          <Field label={t.role} required error={errors.role}>
            {(id) => <RoleSelect id={id} value={form.role} roles={roles} disabled={editingSelf} onChange={(role) => setForm({ ...form, role })} />}
          </Field>
          <div>
            <p className="mb-1 text-sm font-medium text-slate-700">{t.sex}</p>
            <Choice name="staff-sex" label={t.sex} value={form.sex} onChange={(sex) => setForm({ ...form, sex })} options={[{ value: 'F', label: c.female }, { value: 'M', label: c.male }]} />
          </div>
          <Field label={t.department} error={errors.departmentId}>
            {(id) => (
              <Select id={id} value={form.departmentId} onChange={(e) => setForm({ ...form, departmentId: e.target.value })}>
                <option value="">{t.none}</option>
                {clinic.departments.filter((d) => d.active).map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t.staffNumber} error={errors.staffNumber}>
            {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors.staffNumber} value={form.staffNumber} onChange={(e) => setForm({ ...form, staffNumber: e.target.value })} />}
          </Field>
          {(['supervisorId', 'deptHeadId'] as const).map((field) => (
            <Field key={field} label={field === 'supervisorId' ? t.supervisor : t.deptHead} error={errors[field]}>
              {(id) => (
                <Select id={id} value={form[field]} onChange={(e) => setForm({ ...form, [field]: e.target.value })}>
                  <option value="">{t.none}</option>
                  {staff.data
                    ?.filter((s) => s.active && s.id !== editing?.id)
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name} · {c.role[s.role]}
                      </option>
                    ))}
                </Select>
              )}
            </Field>
          ))}
          <Field label={editing ? t.pinNew : t.pin} error={errors.pin} hint={t.pinHint}>
            {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors.pin} type="password" inputMode="numeric" autoComplete="new-password" value={form.pin} onChange={(e) => setForm({ ...form, pin: e.target.value })} />}
          </Field>
          <div className="col-span-2 flex gap-2">
            <Button type="submit">{editing ? c.save : t.addStaff}</Button>
            {editing && (
              <Button variant="ghost" onClick={() => { setEditing(null); setForm(emptyStaff); setErrors({}); }}>
                {c.cancel}
              </Button>
            )}
          </div>
        </form>
      )}
    </Panel>
  );
}
