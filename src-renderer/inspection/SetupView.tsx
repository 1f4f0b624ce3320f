import { useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { DEFAULT_REPEAT_COUNTING, inspectionKinds, repeatCountings, type InspectionKind, type RepeatCounting } from '../../shared/inspection/rules';
import type { SettingsView, TemplateView } from '../../shared/inspection/schemas';
import { adminRoles } from '../../shared/reference/schemas';
import { useShell } from '../shell/store';
import { Banner, Button, Field, Panel, Select, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { inspectionText } from './i18n';
import { ListFooter, RowControls } from '../ui/RowControls';
import { moveRow } from '../ui/reorder';
import type { TemplateItem } from '../../shared/inspection/templates';
import { labelled } from '../i18n/common';

/** Checklists (copy, edit = a new version) and the clinic's penalty settings. */
export function SetupView() {
  const t = useText(inspectionText);
  const operator = useShell((s) => s.status?.operator);
  const canEdit = !!operator && adminRoles.includes(operator.role);
  const settings = useQuery('inspection.settings', {});
  const templates = useQuery('inspection.templates', {});
  const [editing, setEditing] = useState<{ base: TemplateView; copy: boolean } | null>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);

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
                    <Button
                      variant="secondary"
                      className="px-2 py-1 text-sm"
                      onClick={() => {
                        setSavedVersion(null);
                        setEditing({ base: x, copy: false });
                      }}
                    >
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
      <Panel title={editing ? labelled(editing.copy ? t.copy : t.edit, editing.base.name) : t.templates} className="col-span-3">
        {savedVersion !== null && !editing && <Banner tone="success">{t.templateSaved(savedVersion)}</Banner>}
        {editing && (
          <TemplateEditor
            key={`${editing.base.key}-${editing.base.version}-${editing.copy}`}
            base={editing.base}
            copy={editing.copy}
            onSave={async (edit) => {
              const v = await api['inspection.saveTemplate']({ ...edit, baseVersion: editing.copy ? 0 : editing.base.version });
              setSavedVersion(v.version);
              setEditing(null);
            }}
          />
        )}
      </Panel>
    </div>
  );
}

function SettingsForm({ initial, canEdit }: { initial: SettingsView; canEdit: boolean }) {
  const t = useText(inspectionText);
  const [months, setMonths] = useState(String(initial.penaltyWindowMonths));
  const [flat, setFlat] = useState(initial.flatAmount === null ? '' : String(initial.flatAmount));
  const [kinds, setKinds] = useState<InspectionKind[]>(initial.flatKinds);
  const [counting, setCounting] = useState<RepeatCounting>(initial.repeatCounting ?? DEFAULT_REPEAT_COUNTING);
  const [saved, setSaved] = useState(false);
  const { errors, general, send } = useSubmit();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void send(async () => {
          await api['inspection.updateSettings']({ penaltyWindowMonths: Number(months), flatAmount: flat === '' ? null : Number(flat), flatKinds: kinds, repeatCounting: counting });
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
        <Field label={t.repeatCounting} error={errors.repeatCounting}>
          {(id) => (
            <Select id={id} value={counting} onChange={(e) => setCounting(e.target.value as RepeatCounting)}>
              {repeatCountings.map((r) => (
                <option key={r} value={r}>
                  {t.repeatCountingOption[r]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit">{t.saveSettings}</Button>
      </fieldset>
    </form>
  );
}

export interface ChecklistEdit {
  key: string;
  name: string;
  items: TemplateItem[];
}

/**
 * A checklist as an editable list (name, items with who they apply to, add, remove, move up/down);
 * `onSave` gets the edit. The desk saves the clinic's next version (or a copy under a new code) with
 * it, head office a version for one clinic or many (`children` go above the save button).
 */
export function TemplateEditor({ base, copy, onSave, saveLabel, children }: { base: TemplateView; copy: boolean; onSave(edit: ChecklistEdit): Promise<void>; saveLabel?: string; children?: ReactNode }) {
  const t = useText(inspectionText);
  const [key, setKey] = useState(copy ? '' : base.key);
  const [name, setName] = useState(base.name);
  const [rows, setRows] = useState(() => base.items.map((i) => ({ ...i, key: i.id })));
  const { errors, general, send } = useSubmit();
  const list = useRef<HTMLOListElement>(null);
  const focusRow = (i: number) => {
    const inputs = list.current?.querySelectorAll<HTMLInputElement>('input');
    if (inputs && inputs.length) inputs[Math.min(i, inputs.length - 1)]!.focus();
  };
  const save = <Button type="submit">{saveLabel ?? t.saveTemplate}</Button>;
  const items = (): TemplateItem[] => rows.map(({ id, label, sex }) => ({ id, label, sex }));
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void send(() => onSave({ key, name, items: items() }));
      }}
    >
      {general && <Banner tone="error">{general}</Banner>}
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
      {Object.entries(errors)
        .filter(([field]) => !field.startsWith('items.') && field !== 'name' && field !== 'key')
        .map(([field, message]) => (
          <Banner key={field} tone="error">
            {message}
          </Banner>
        ))}
      <ol ref={list} className="space-y-1">
        {rows.map((item, i) => (
          <li key={item.key} data-row={item.key} className="flex items-center gap-2">
            <span className="w-6 shrink-0 text-right text-sm tabular-nums text-slate-500">{i + 1}</span>
            <TextInput
              aria-label={`${t.itemLabel} ${i + 1}`}
              value={item.label}
              invalid={!!errors[`items.${i}.label`] || !!errors[`items.${i}.id`]}
              title={errors[`items.${i}.label`] ?? errors[`items.${i}.id`]}
              onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))}
            />
            <div className="w-32 shrink-0">
              <Select
                aria-label={`${t.forSexLabel} ${i + 1}`}
                value={item.sex ?? 'all'}
                onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, sex: e.target.value === 'all' ? null : (e.target.value as 'F' | 'M') } : x)))}
              >
                {['all', 'F', 'M'].map((s) => (
                  <option key={s} value={s}>
                    {t.forSex[s]}
                  </option>
                ))}
              </Select>
            </div>
            <RowControls
              index={i}
              count={rows.length}
              labels={{ up: t.moveUp(i + 1), down: t.moveDown(i + 1), remove: t.remove }}
              onMove={(step) => moveRow(rows, i, step, setRows, list.current)}
              onRemove={() => {
                flushSync(() => setRows(rows.filter((_, j) => j !== i)));
                focusRow(i);
              }}
            />
          </li>
        ))}
      </ol>
      <ListFooter save={save} add={
        <Button
          variant="secondary"
          onClick={() => {
            const id = `c-${Date.now().toString(36)}`;
            flushSync(() => setRows([...rows, { id, key: id, label: '', sex: null }]));
            focusRow(rows.length);
          }}
        >
          {t.addItem}
        </Button>
      }>
        {children}
      </ListFooter>
    </form>
  );
}
