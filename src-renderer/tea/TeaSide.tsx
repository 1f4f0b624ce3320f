import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { Banner, Button, Field, Panel, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import type { TemplateView } from '../../shared/tea/schemas';
import { teaText } from './i18n';
import { TeaChecklistEditor } from './TeaChecklistEditor';

/** 今日奉茶: served, refills, seating to first cup, exceptions by checklist item. */
export function TeaFigures() {
  const t = useText(teaText);
  const c = useText(commonText);
  const f = useQuery('tea.figures', {}).data;
  if (!f) return null;
  return (
    <Panel title={t.figures}>
      <dl className="grid grid-cols-4 gap-2 text-center" data-testid="tea-figures">
        {(
          [
            [t.figServed, f.served],
            [t.figRefills, f.refills],
            [t.figDeclined, f.declined],
            [t.figFirstCup, f.averageFirstCupMinutes === null ? t.none : c.minutes(f.averageFirstCupMinutes)],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="rounded-lg bg-emerald-50 p-2">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-xl font-bold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-3 text-sm font-bold">{t.figExceptions}</h3>
      {f.exceptions.length === 0 ? (
        <p className="text-sm text-slate-500">{t.noExceptions}</p>
      ) : (
        <ul className="text-sm">
          {f.exceptions.map((e) => (
            <li key={e.itemId} className="flex justify-between gap-2">
              <span className="truncate">{e.text}</span>
              <b className="tabular-nums">{e.count}</b>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** Settings of tea service for the desk lead: the refill interval and the checklist (a new version on each save). */
export function TeaSettings({ template }: { template: TemplateView }) {
  const t = useText(teaText);
  const settings = useQuery('tea.settings', {});
  const [minutes, setMinutes] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const interval = useSubmit();
  const shownMinutes = minutes ?? String(settings.data?.refillMinutes ?? '');
  const [drinks, setDrinks] = useState<string | null>(null);
  const shownDrinks = drinks ?? (settings.data?.drinks ?? []).join('、');

  return (
    <Panel title={t.settings}>
      {saved && <Banner tone="success">{saved}</Banner>}
      <div className="flex flex-wrap items-end gap-2">
        <Field label={t.drinksList} error={interval.errors.drinks ?? Object.entries(interval.errors).find(([k]) => k.startsWith('drinks.'))?.[1]} className="basis-full">
          {(id, describedBy) => <TextInput id={id} aria-describedby={describedBy} value={shownDrinks} onChange={(e) => setDrinks(e.target.value)} />}
        </Field>
        <Field label={t.refillMinutes} error={interval.errors.refillMinutes ?? interval.general ?? undefined}>
          {(id, describedBy) => <TextInput id={id} aria-describedby={describedBy} inputMode="numeric" className="w-24" value={shownMinutes} onChange={(e) => setMinutes(e.target.value)} />}
        </Field>
        <Button
          variant="secondary"
          disabled={interval.busy}
          onClick={() =>
            void interval.send(async () => {
              const list = shownDrinks.split(/[,，、\n]/).map((d) => d.trim()).filter(Boolean);
              await api['tea.updateSettings']({ refillMinutes: Number(shownMinutes), drinks: list });
              setMinutes(null);
              setDrinks(null);
              setSaved(t.savedSettings);
            })
          }
        >
          {t.saveSettings}
        </Button>
      </div>
      <details className="mt-3">
        <summary className="cursor-pointer font-medium">{t.editTemplate}</summary>
        <TeaChecklistEditor
          key={template.version}
          initial={template.items}
          onSave={async (items) => {
            const saved = await api['tea.saveTemplate']({ items, baseVersion: template.version });
            setSaved(t.savedTemplate(saved.version));
          }}
        />
      </details>
    </Panel>
  );
}
