import { useState } from 'react';
import { useQuery } from '../api/useQuery';
import { api } from '../api/client';
import { useText } from '../i18n/i18n';
import { Banner, Button, Field, RowPanel, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import type { TeaTask, TemplateView } from '../../shared/tea/schemas';
import { teaText } from './i18n';
import { labelled } from '../i18n/common';

/**
 * One serving against the clinic's checklist: every item is ticked by default, the guide unticks
 * what was not done and says why — a few taps (Tab/Space) for a normal cup.
 */
export function ServePanel({ task, template, party = [], onDone, onClose }: { task: TeaTask; template: TemplateView; party?: TeaTask[]; onDone(message: string, wholeParty?: boolean): void; onClose(): void }) {
  const t = useText(teaText);
  const [drink, setDrink] = useState(task.suggestedDrink);
  // The drink's quick picks: the clinic's drinks list (tea settings).
  const drinks = useQuery('tea.settings', {}).data?.drinks ?? [];
  const [checks, setChecks] = useState(() => template.items.map((i) => ({ itemId: i.id, ok: true, note: '' })));
  const { errors, general, busy, send } = useSubmit();
  const serve = async () =>
    send(async () => {
      await api['tea.serve']({ visitId: task.visitId, drink, templateId: template.id, checks });
      onDone(t.savedServe(task.customerName));
    });

  // A party still waiting for its cups is served in one go, in its kept order (issue 21): this
  // member with the drink typed here, the others with their own preference or last order, else the same.
  const serveParty = async () =>
    send(async () => {
      await api['tea.serveParty']({ members: party.map((m) => ({ visitId: m.visitId, drink: m.visitId === task.visitId ? drink : m.suggestedDrink || drink })), templateId: template.id, checks });
      onDone(t.servedParty(party.map((m) => m.customerName).join(t.partyJoin)), true);
    });

  return (
    <RowPanel label={t.serveTitle(task.customerName)} testId="serve-panel" onClose={onClose} onSubmit={() => void serve()}>
      {general && <Banner tone="error">{general}</Banner>}
      <Field label={t.drink} required error={errors.drink} hint={task.drinkSource === 'preference' ? t.drinkFromPreference : task.drinkSource === 'lastOrder' ? t.drinkFromLast : undefined}>
        {(id, describedBy) => <TextInput id={id} aria-describedby={describedBy} invalid={!!errors.drink} value={drink} onChange={(e) => setDrink(e.target.value)} data-autofocus />}
      </Field>
      {drinks.length > 0 && (
        <div className="flex flex-wrap items-center gap-1" role="group" aria-label={t.quickDrinks} data-testid="quick-drinks">
          <span className="text-sm text-slate-600">{t.quickDrinks}</span>
          {drinks.map((d) => (
            <button key={d} type="button" aria-pressed={drink === d} className={`rounded-full border px-3 py-0.5 text-sm ${drink === d ? 'border-teal-700 bg-teal-700 text-white' : 'border-slate-300 bg-white hover:bg-teal-50'}`} onClick={() => setDrink(d)}>
              {d}
            </button>
          ))}
        </div>
      )}
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t.checklist(template.version)}</legend>
        {errors.checks && <p className="text-sm text-rose-700">{errors.checks}</p>}
        <ol className="grid grid-cols-1 gap-1">
          {template.items.map((item, i) => {
            const check = checks[i]!;
            return (
              <li key={item.id} className={`rounded px-2 py-1 ${check.ok ? '' : 'bg-rose-50 ring-1 ring-rose-300'}`}>
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" className="mt-1 size-4" checked={check.ok} onChange={(e) => setChecks(checks.map((c, j) => (j === i ? { ...c, ok: e.target.checked } : c)))} />
                  <span>
                    {i + 1}. {item.text}
                  </span>
                </label>
                {!check.ok && (
                  <input
                    aria-label={labelled(t.exceptionNote, item.text)}
                    placeholder={t.exceptionNote}
                    className="mt-1 w-full rounded border border-rose-300 px-2 py-1 text-sm"
                    value={check.note}
                    onChange={(e) => setChecks(checks.map((c, j) => (j === i ? { ...c, note: e.target.value } : c)))}
                  />
                )}
              </li>
            );
          })}
        </ol>
      </fieldset>
      <div className="flex gap-2">
        <Button aria-disabled={busy} onClick={() => void serve()}>
          {t.serve} <kbd className="text-xs opacity-80">Ctrl+Enter</kbd>
        </Button>
        {party.length >= 2 && (
          <Button variant="secondary" aria-disabled={busy} onClick={() => void serveParty()}>
            {t.serveParty(party.length)}
          </Button>
        )}
        {task.state === 'pending' && (
          <Button
            variant="secondary"
            aria-disabled={busy}
            onClick={() =>
              void send(async () => {
                await api['tea.decline']({ visitId: task.visitId });
                onDone(t.savedDecline(task.customerName));
              })
            }
          >
            {t.decline}
          </Button>
        )}
        <Button variant="ghost" className="ml-auto" onClick={onClose}>
          {t.cancel} <kbd className="text-xs">Esc</kbd>
        </Button>
      </div>
    </RowPanel>
  );
}
