import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { Banner } from '../ui/ui';
import { fromApiError } from '../ui/errors';
import { apptText } from '../desk/appointmentText';
import { deskText } from '../desk/i18n';
import { moveActive } from '../desk/ListKeys';
import { useConfirm } from '../ui/ConfirmDialog';

/** 重复档案: records of one person (two offline desks) found by a shared phone; a person picks the one to keep. */
export function MergeDuplicates() {
  const t = useText(apptText);
  const c = useText(commonText);
  const d = useText(deskText);
  const locale = useLocale((s) => s.locale);
  const groups = useQuery('customer.duplicates', {}, ['customer']);
  const rows = (groups.data ?? []).flatMap((g) => g.customers.map((cu) => ({ ...cu, phone: g.phone, group: g })));
  const [active, setActive] = useState(0);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const listId = useId();
  const current = rows[Math.min(active, rows.length - 1)];

  useEffect(() => {
    listRef.current?.focus();
  }, []);

  const confirm = useConfirm();
  const describe = (r: { name: string; createdAt: string; visitCount: number }) => t.mergeRecord(r.name, t.created(r.createdAt.slice(0, 10)), d.visits(r.visitCount));

  const mergeInto = async (keep: (typeof rows)[number]) => {
    const others = keep.group.customers.filter((o) => o.id !== keep.id);
    // Said before it is done: which record stays, what moves, that same-day visits stay two.
    const body = (
      <>
        <p>{t.mergeTells(describe(keep), others.map(describe).join(t.mergeJoin))}</p>
        <p>{t.mergeMoves}</p>
      </>
    );
    if (!(await confirm.ask({ title: t.mergeAsk(keep.name), body, confirmLabel: t.mergeYes, cancelLabel: t.back, danger: true }))) return;
    await mergeIds(keep.id, others.map((o) => o.id));
  };

  const mergeIds = async (keepId: string, others: string[]) => {
    try {
      let moved = 0;
      for (const mergeId of others) {
        const r = await api['customer.merge']({ keepId, mergeId });
        moved += r.visits + r.appointments + r.noShows;
      }
      setMessage({ tone: 'success', text: t.mergeDone(moved) });
    } catch (err) {
      const r = fromApiError(err, locale, c.error);
      setMessage({ tone: 'error', text: r.general ?? Object.values(r.fields).join(' ') });
    }
    groups.reload();
    listRef.current?.focus();
  };

  return (
    <div className="space-y-3">
      <h3 className="text-lg font-bold text-slate-800">{t.mergeTitle}</h3>
      <p className="text-sm text-slate-500">{t.mergeHint}</p>
      {message && <Banner tone={message.tone}>{message.text}</Banner>}
      {groups.error && <Banner tone="error">{c.error[groups.error.code] ?? groups.error.message}</Banner>}
      {groups.data?.length === 0 && <p className="py-8 text-center text-slate-500">{t.mergeNone}</p>}
      <ul
        ref={listRef}
        id={listId}
        role="listbox"
        tabIndex={0}
        aria-label={t.tabMerge}
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
        className="space-y-2 rounded-lg outline-offset-4 focus-visible:outline-3 focus-visible:outline-teal-500"
        onKeyDown={(e) => {
          if (confirm.isOpen || moveActive(e, rows.length, setActive) || !current) return;
          if (e.key === 'Enter') {
            e.preventDefault();
            void mergeInto(current);
          }
        }}
      >
        {rows.map((r, i) => (
          <li
            key={r.id}
            id={`${listId}-${r.id}`}
            role="option"
            aria-selected={r === current}
            data-testid="duplicate-row"
            onMouseDown={(e) => (e.preventDefault(), setActive(i), listRef.current?.focus())}
            className={`flex items-baseline gap-3 rounded-lg px-3 py-2 ring-1 ${r === current ? 'bg-teal-700 text-white ring-teal-800' : 'bg-white ring-slate-200'}`}
          >
            <span className="font-mono">{r.phone}</span>
            <span className="text-lg font-bold">{r.name}</span>
            {r.tier && <span className="rounded bg-amber-200 px-1.5 text-sm font-bold text-amber-950">{t.tier(r.tier)}</span>}
            <span className="text-sm">{t.created(r.createdAt.slice(0, 10))}</span>
            <span className="ml-auto text-sm">{d.visits(r.visitCount)}</span>
            {r === current && <span className="rounded bg-white px-2 text-sm font-bold text-teal-800">{t.mergeKeep}</span>}
          </li>
        ))}
      </ul>
      {confirm.dialog}
    </div>
  );
}
