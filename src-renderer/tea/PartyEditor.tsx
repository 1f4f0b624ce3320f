import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useText } from '../i18n/i18n';
import { Banner, Button } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import type { TeaTask } from '../../shared/tea/schemas';
import { suggestSeniority } from '../../shared/tea/rules';
import { teaText } from './i18n';

/** The serving order of a party (按职位高低顺序奉茶): suggested by tier and age, the guide reorders with Alt+↑/↓. */
export function PartyEditor({ members, onDone, onClose }: { members: TeaTask[]; onDone(message: string): void; onClose(): void }) {
  const t = useText(teaText);
  const [order, setOrder] = useState(() => suggestSeniority(members.map((m) => ({ visitId: m.visitId, tier: m.tier, age: m.age }))));
  const { general, busy, send } = useSubmit();
  const refs = useRef(new Map<string, HTMLLIElement>());
  const byId = new Map(members.map((m) => [m.visitId, m]));
  useEffect(() => {
    refs.current.get(order[0]!)?.focus();
    // only on opening
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const move = (id: string, by: number) => {
    const i = order.indexOf(id);
    const j = i + by;
    if (j < 0 || j >= order.length) return;
    const next = [...order];
    [next[i], next[j]] = [next[j]!, next[i]!];
    flushSync(() => setOrder(next));
    refs.current.get(id)?.focus();
  };

  return (
    <section aria-label={t.partyTitle} data-testid="party-editor" className="mb-3 rounded-lg bg-violet-50 p-3 ring-1 ring-violet-300" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <h3 className="font-bold">{t.partyTitle}</h3>
      <p className="text-sm text-slate-600">{t.partyHint}</p>
      {general && <Banner tone="error">{general}</Banner>}
      <ol className="my-2 space-y-1">
        {order.map((id, i) => {
          const m = byId.get(id)!;
          return (
            <li
              key={id}
              ref={(el) => {
                if (el) refs.current.set(id, el);
              }}
              tabIndex={0}
              data-testid="party-member"
              className="flex items-center gap-2 rounded bg-white px-2 py-1 ring-1 ring-slate-200 focus-visible:ring-3 focus-visible:ring-violet-600"
              onKeyDown={(e) => {
                if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
                  e.preventDefault();
                  move(id, e.key === 'ArrowUp' ? -1 : 1);
                } else if (!e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
                  e.preventDefault();
                  refs.current.get(order[i + (e.key === 'ArrowUp' ? -1 : 1)] ?? id)?.focus();
                }
              }}
            >
              <b className="w-16 whitespace-nowrap">{t.partyOrder(i + 1)}</b>
              <span className="font-bold">{m.customerName}</span>
              {m.tier && <span className="rounded bg-amber-100 px-1 text-sm">{t.tier(m.tier)}</span>}
              <span className="ml-auto flex gap-1">
                <Button variant="ghost" className="px-2 py-0 text-sm" onClick={() => move(id, -1)} disabled={i === 0}>
                  {t.up}
                </Button>
                <Button variant="ghost" className="px-2 py-0 text-sm" onClick={() => move(id, 1)} disabled={i === order.length - 1}>
                  {t.down}
                </Button>
              </span>
            </li>
          );
        })}
      </ol>
      <div className="flex gap-2">
        <Button
          aria-disabled={busy}
          onClick={() =>
            void send(async () => {
              await api['tea.setParty']({ visitIds: order });
              onDone(t.savedParty);
            })
          }
        >
          {t.saveParty}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          {t.cancel}
        </Button>
      </div>
    </section>
  );
}
