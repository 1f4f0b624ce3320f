import { useEffect, useRef, useState } from 'react';
import { useQuery } from '../api/useQuery';
import { api } from '../api/client';
import { useText } from '../i18n/i18n';
import { Banner, Button, Field, RowPanel, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import type { TeaTask, TemplateView } from '../../shared/tea/schemas';
import { teaText } from './i18n';
import { labelled } from '../i18n/common';

type Checks = { itemId: string; ok: boolean; note: string }[];
const allDone = (template: TemplateView): Checks => template.items.map((i) => ({ itemId: i.id, ok: true, note: '' }));

/**
 * One serving against the clinic's checklist: every item is ticked by default, the guide unticks
 * what was not done and says why — a few taps (Tab/Space) for a normal cup. A party still waiting
 * for its cups (整组奉茶, issue 21) is served from the same panel: one section per member in the
 * kept order, each with her drink and her own run through the checklist, sent together.
 */
export function ServePanel({ task, template, party = [], onDone, onClose }: { task: TeaTask; template: TemplateView; party?: TeaTask[]; onDone(message: string, wholeParty?: boolean): void; onClose(): void }) {
  const t = useText(teaText);
  const [drink, setDrink] = useState(task.suggestedDrink);
  const [checks, setChecks] = useState(() => allDone(template));
  // 整组奉茶: each member's cup, her own drink (this member's as typed here, the others' preference or last order) and checklist.
  const [round, setRound] = useState<{ visitId: string; name: string; drink: string; checks: Checks }[] | null>(null);
  const { errors, general, busy, send } = useSubmit();
  const serve = async () =>
    send(async () => {
      await api['tea.serve']({ visitId: task.visitId, drink, templateId: template.id, checks });
      onDone(t.savedServe(task.customerName));
    });
  const startRound = () => setRound(party.map((m) => ({ visitId: m.visitId, name: m.customerName, drink: m.visitId === task.visitId ? drink : m.suggestedDrink || drink, checks: m.visitId === task.visitId ? checks : allDone(template) })));
  const serveRound = async () =>
    send(async () => {
      if (!round) return;
      await api['tea.serveParty']({ members: round.map((m) => ({ visitId: m.visitId, drink: m.drink, checks: m.checks })), templateId: template.id });
      onDone(t.servedParty(round.map((m) => m.name).join(t.partyJoin)), true);
    });
  // The round opens on the first member's drink, as the panel opens on the drink.
  const roundList = useRef<HTMLOListElement>(null);
  const inRound = round !== null;
  useEffect(() => {
    if (inRound) roundList.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [inRound]);
  const setMember = (i: number, change: Partial<{ drink: string; checks: Checks }>) => setRound((r) => r && r.map((m, j) => (j === i ? { ...m, ...change } : m)));

  if (round)
    return (
      <RowPanel key="round" label={t.serveParty(round.length)} testId="serve-panel" onClose={onClose} onSubmit={() => void serveRound()}>
        {general && <Banner tone="error">{general}</Banner>}
        <ol ref={roundList} className="space-y-3">
          {round.map((m, i) => (
            <li key={m.visitId} className="space-y-2 rounded-lg border border-slate-200 p-2" data-testid="serve-member">
              <h4 className="font-medium">{t.partyMember(i + 1, m.name)}</h4>
              <DrinkField label={labelled(t.drink, m.name)} value={m.drink} onChange={(d) => setMember(i, { drink: d })} error={errors[`members.${i}.drink`]} autoFocus={i === 0} of={m.name} />
              <Checklist template={template} checks={m.checks} onChange={(c) => setMember(i, { checks: c })} error={errors[`members.${i}.checks`]} of={m.name} />
            </li>
          ))}
        </ol>
        <div className="flex gap-2">
          <Button aria-disabled={busy} onClick={() => void serveRound()}>
            {t.serveRound(round.length)} <kbd className="text-xs opacity-80">Ctrl+Enter</kbd>
          </Button>
          <Button variant="secondary" onClick={() => setRound(null)}>
            {t.backToOne(task.customerName)}
          </Button>
          <Button variant="ghost" className="ml-auto" onClick={onClose}>
            {t.cancel} <kbd className="text-xs">Esc</kbd>
          </Button>
        </div>
      </RowPanel>
    );

  return (
    <RowPanel label={t.serveTitle(task.customerName)} testId="serve-panel" onClose={onClose} onSubmit={() => void serve()}>
      {general && <Banner tone="error">{general}</Banner>}
      <DrinkField label={t.drink} value={drink} onChange={setDrink} error={errors.drink} hint={task.drinkSource === 'preference' ? t.drinkFromPreference : task.drinkSource === 'lastOrder' ? t.drinkFromLast : undefined} autoFocus />
      <Checklist template={template} checks={checks} onChange={setChecks} error={errors.checks} />
      <div className="flex gap-2">
        <Button aria-disabled={busy} onClick={() => void serve()}>
          {t.serve} <kbd className="text-xs opacity-80">Ctrl+Enter</kbd>
        </Button>
        {party.length >= 2 && (
          <Button variant="secondary" aria-disabled={busy} onClick={startRound}>
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

/** The drink, with the clinic's drinks list (tea settings) as quick picks. */
function DrinkField({ label, value, onChange, error, hint, autoFocus, of }: { label: string; value: string; onChange(drink: string): void; error?: string | undefined; hint?: string | undefined; autoFocus?: boolean; of?: string }) {
  const t = useText(teaText);
  const drinks = useQuery('tea.settings', {}).data?.drinks ?? [];
  return (
    <>
      <Field label={label} required error={error} hint={hint}>
        {(id, describedBy) => <TextInput id={id} aria-describedby={describedBy} invalid={!!error} value={value} onChange={(e) => onChange(e.target.value)} {...(autoFocus ? { 'data-autofocus': true } : {})} />}
      </Field>
      {drinks.length > 0 && (
        <div className="flex flex-wrap items-center gap-1" role="group" aria-label={of ? labelled(t.quickDrinks, of) : t.quickDrinks} data-testid="quick-drinks">
          <span className="text-sm text-slate-600">{t.quickDrinks}</span>
          {drinks.map((d) => (
            <button key={d} type="button" aria-pressed={value === d} className={`rounded-full border px-3 py-0.5 text-sm ${value === d ? 'border-teal-700 bg-teal-700 text-white' : 'border-slate-300 bg-white hover:bg-teal-50'}`} onClick={() => onChange(d)}>
              {d}
            </button>
          ))}
        </div>
      )}
    </>
  );
}

/** The checklist: every item ticked by default; an unticked one asks what happened. `of`: whose cup (整组奉茶). */
function Checklist({ template, checks, onChange, error, of }: { template: TemplateView; checks: Checks; onChange(checks: Checks): void; error?: string | undefined; of?: string }) {
  const t = useText(teaText);
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-700">{t.checklist(template.version)}</legend>
      {error && <p className="text-sm text-rose-700">{error}</p>}
      <ol className="grid grid-cols-1 gap-1">
        {template.items.map((item, i) => {
          const check = checks[i]!;
          return (
            <li key={item.id} className={`rounded px-2 py-1 ${check.ok ? '' : 'bg-rose-50 ring-1 ring-rose-300'}`}>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" className="mt-1 size-4" aria-label={of ? labelled(item.text, of) : undefined} checked={check.ok} onChange={(e) => onChange(checks.map((c, j) => (j === i ? { ...c, ok: e.target.checked } : c)))} />
                <span>
                  {i + 1}. {item.text}
                </span>
              </label>
              {!check.ok && (
                <input
                  aria-label={labelled(t.exceptionNote, of ? labelled(item.text, of) : item.text)}
                  placeholder={t.exceptionNote}
                  className="mt-1 w-full rounded border border-rose-300 px-2 py-1 text-sm"
                  value={check.note}
                  onChange={(e) => onChange(checks.map((c, j) => (j === i ? { ...c, note: e.target.value } : c)))}
                />
              )}
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}
