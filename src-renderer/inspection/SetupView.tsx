import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { inspectionKinds, type InspectionKind } from '../../shared/inspection/rules';
import type { SettingsView, TemplateView } from '../../shared/inspection/schemas';
import { adminRoles } from '../../shared/reference/schemas';
import { useShell } from '../shell/store';
import { Banner, Button, Field, Panel, Select, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { inspectionText } from './i18n';

/** Checklists (copy, edit = a new version) and the clinic's penalty settings. */
export function SetupView() {
  const t = useText(inspectionText);
  const operator = useShell((s) => s.status?.operator);
  const canEdit = !!operator && adminRoles.includes(operator.role);
  const settings = useQuery('inspection.settings', {}, ['inspection-settings']);
  const templates = useQuery('inspection.templates', {}, ['inspection-template']);
  const [editing, setEditing] = useState<{ base: TemplateView; copy: boolean } | null>(null);

  return (
    <div className="grid h-full grid-cols-5 gap-4">
      <div className="col-span-2 flex min-h-0 flex-col gap-4">
        <Panel title={t.settings} className="shrink-0">
          {!canEdit && <Banner tone="info">{t.adminOnly}</Banner>}
          {settings.data && <SettingsForm initial={settings.data} canEdit={canEdit} />}
        </Panel>
        <Panel title={t.templates} className="min-h-0 flex-1">
          <ul className="space-y-2">
            {templates.data?.map((x) => (
              <li key={x.key} className="rounded-lg p-2 ring-1 ring-slate-200">
                <p className="font-medium">
                  {x.name} <span className="text-sm text-slate-500">· {t.version(x.version)} · {t.items(x.items.length)}</span>
                </p>
                {canEdit && (
                  <div className="mt-1 flex gap-2">
                    <Button variant="secondary" className="px-2 py-1 text-sm" onClick={() => setEditing({ base: x, copy: false })}>
                      {t.edit}
                    </Button>
                    <Button variant="ghost" className="px-2 py-1 text-sm" onClick={() => setEditing({ base: x, copy: true })}>
                      {t.copy}
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </Panel>
      </div>
      <Panel title={editing ? `${editing.copy ? t.copy : t.edit}:${editing.base.name}` : t.templates} className="col-span-3">
        {editing && <TemplateEditor key={`${editing.base.key}-${editing.base.version}-${editing.copy}`} base={editing.base} copy={editing.copy} onDone={() => setEditing(null)} />}
      </Panel>
    </div>
  );
}

function SettingsForm({ initial, canEdit }: { initial: SettingsView; canEdit: boolean }) {
  const t = useText(inspectionText);
  const [months, setMonths] = useState(String(initial.penaltyWindowMonths));
  const [flat, setFlat] = useState(initial.flatAmount === null ? '' : String(initial.flatAmount));
  const [kinds, setKinds] = useState<InspectionKind[]>(initial.flatKinds);
  const [saved, setSaved] = useState(false);
  const { errors, general, send } = useSubmit();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void send(async () => {
          await api['inspection.updateSettings']({ penaltyWindowMonths: Number(months), flatAmount: flat === '' ? null : Number(flat), flatKinds: kinds });
          setSaved(true);
        });
      }}
    >
      {general && <Banner tone="error">{general}</Banner>}
      {saved && <Banner tone="success">{t.settingsSaved}</Banner>}
      <fieldset disabled={!canEdit} className="space-y-3">
        <Field label={t.windowMonths} required error={errors.penaltyWindowMonths}>
          {(id, d) => <TextInput id={id} aria-describedby={d} inputMode="numeric" value={months} onChange={(e) => setMonths(e.target.value.replace(/\D/g, ''))} />}
        </Field>
        <Field label={t.flatRule} error={errors.flatAmount}>
          {(id, d) => <TextInput id={id} aria-describedby={d} inputMode="numeric" value={flat} onChange={(e) => setFlat(e.target.value.replace(/\D/g, ''))} />}
        </Field>
        <div>
          <p className="text-sm font-medium text-slate-700">{t.flatKinds}</p>
          <div className="flex flex-wrap gap-3">
            {inspectionKinds.map((k) => (
              <label key={k} className="flex items-center gap-1">
                <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))} />
                {t.kind[k]}
              </label>
            ))}
          </div>
        </div>
        <Button type="submit">{t.saveSettings}</Button>
      </fieldset>
    </form>
  );
}

function TemplateEditor({ base, copy, onDone }: { base: TemplateView; copy: boolean; onDone(): void }) {
  const t = useText(inspectionText);
  const [key, setKey] = useState(copy ? '' : base.key);
  const [name, setName] = useState(base.name);
  const [items, setItems] = useState(base.items);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const { errors, general, send } = useSubmit();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void send(async () => {
          const v = await api['inspection.saveTemplate']({ key, name, items, baseVersion: copy ? 0 : base.version });
          setSavedVersion(v.version);
          onDone();
        });
      }}
    >
      {general && <Banner tone="error">{general}</Banner>}
      {savedVersion !== null && <Banner tone="success">{t.templateSaved(savedVersion)}</Banner>}
      <div className="grid grid-cols-2 gap-3">
        {copy && (
          <Field label={t.newKey} required error={errors.key}>
            {(id, d) => <TextInput id={id} aria-describedby={d} value={key} onChange={(e) => setKey(e.target.value)} />}
          </Field>
        )}
        <Field label={t.templateName} required error={errors.name}>
          {(id, d) => <TextInput id={id} aria-describedby={d} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
      </div>
      {errors.items && <p className="text-sm text-rose-700">{errors.items}</p>}
      <ol className="space-y-1">
        {items.map((item, i) => (
          <li key={item.id} className="flex items-center gap-2">
            <TextInput aria-label={`${t.itemLabel} ${i + 1}`} value={item.label} invalid={!!errors[`items.${i}.label`]} onChange={(e) => setItems(items.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))} />
            <Select aria-label={t.forSex.all} className="w-32" value={item.sex ?? 'all'} onChange={(e) => setItems(items.map((x, j) => (j === i ? { ...x, sex: e.target.value === 'all' ? null : (e.target.value as 'F' | 'M') } : x)))}>
              {['all', 'F', 'M'].map((s) => (
                <option key={s} value={s}>
                  {t.forSex[s]}
                </option>
              ))}
            </Select>
            <Button variant="ghost" className="shrink-0 whitespace-nowrap px-2 py-1 text-sm" onClick={() => setItems(items.filter((_, j) => j !== i))}>
              {t.remove}
            </Button>
          </li>
        ))}
      </ol>
      <div className="flex gap-2">
        <Button variant="secondary" onClick={() => setItems([...items, { id: `c-${Date.now().toString(36)}`, label: '', sex: null }])}>
          {t.addItem}
        </Button>
        <Button type="submit">{t.saveTemplate}</Button>
      </div>
    </form>
  );
}
