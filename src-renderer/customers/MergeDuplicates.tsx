import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { Banner, Button, Field, TextInput } from '../ui/ui';
import { fromApiError } from '../ui/errors';
import { apptText } from '../desk/appointmentText';
import { deskText } from '../desk/i18n';
import { moveActive } from '../desk/ListKeys';
import { useConfirm } from '../ui/ConfirmDialog';
import { useSubmit } from '../ui/useSubmit';
import { clinicDate, clinicTime } from '../../shared/time';
import type { z } from 'zod';
import type { mergeView } from '../../shared/customers/schemas';
import { customerText } from './i18n';

/** The banner of 重复档案: a merge, an undone merge or a refusal, worded when shown. */
type Message = { kind: 'merged'; moved: number; folded: number } | { kind: 'unmerged'; moved: number } | { kind: 'error'; err: unknown };

/** 重复档案: records of one person (two offline desks) found by a shared phone; a person picks the one to keep. */
export function MergeDuplicates() {
  const t = useText(apptText);
  const c = useText(commonText);
  const d = useText(deskText);
  const ct = useText(customerText);
  const locale = useLocale((s) => s.locale);
  const groups = useQuery('customer.duplicates', {});
  const rows = (groups.data ?? []).flatMap((g) => g.customers.map((cu) => ({ ...cu, phone: g.phone, group: g })));
  const [active, setActive] = useState(0);
  // What was done, kept as figures (not as words) so that the banner follows a switch of language.
  const [message, setMessage] = useState<Message | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const listId = useId();
  const current = rows[Math.min(active, rows.length - 1)];

  useEffect(() => {
    listRef.current?.focus();
  }, []);

  const confirm = useConfirm();
  const say = (m: Message): string => {
    if (m.kind === 'merged') return t.mergeDone(m.moved) + (m.folded ? ct.foldDone(m.folded) : '');
    if (m.kind === 'unmerged') return ct.unmergeDone(m.moved);
    const r = fromApiError(m.err, locale, c.error);
    return r.general ?? Object.values(r.fields).join(' ');
  };
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
    try {
      // The days both records have a visit: asked next, fold them into one or keep both (issue 21).
      const previews = await Promise.all(others.map((o) => api['customer.mergePreview']({ keepId: keep.id, mergeId: o.id })));
      const days = previews.flatMap((p) => p.sameDay);
      const fold = days.length > 0 && (await confirm.ask({
        title: ct.foldAsk(new Set(days.map((x) => x.date)).size),
        body: <p>{ct.foldTells(days.map((x) => ct.foldDay(x.date, clinicTime(x.keepArrivedAt), clinicTime(x.mergeArrivedAt))).join(t.mergeJoin))}</p>,
        confirmLabel: ct.foldYes,
        cancelLabel: ct.foldNo,
      }));
      await mergeIds(keep.id, others.map((o) => o.id), fold);
    } catch (err) {
      setMessage({ kind: 'error', err });
    }
  };

  const mergeIds = async (keepId: string, others: string[], foldSameDay: boolean) => {
    try {
      let moved = 0;
      let folded = 0;
      for (const mergeId of others) {
        const r = await api['customer.merge']({ keepId, mergeId, foldSameDay });
        moved += r.visits + r.appointments + r.noShows;
        folded += r.folded ?? 0;
      }
      setMessage({ kind: 'merged', moved, folded });
    } catch (err) {
      setMessage({ kind: 'error', err });
    }
    groups.reload();
    listRef.current?.focus();
  };

  return (
    <div className="space-y-3">
      <h3 className="text-lg font-bold text-slate-800">{t.mergeTitle}</h3>
      <p className="text-sm text-slate-500">{t.mergeHint}</p>
      {message && <Banner tone={message.kind === 'error' ? 'error' : 'success'}>{say(message)}</Banner>}
      {groups.error && <Banner tone="error">{c.error[groups.error.code] ?? groups.error.message}</Banner>}
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
        {/* Inside the list, which keeps the focus: its ring goes round this sentence, not an empty box (issue 21). */}
        {groups.data?.length === 0 && <li role="presentation" className="py-8 text-center text-slate-500" data-testid="list-empty">{t.mergeNone}</li>}
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
      <MergeLog onUndone={(moved) => { setMessage({ kind: 'unmerged', moved }); groups.reload(); }} />
      {confirm.dialog}
    </div>
  );
}

/** 合并记录: the clinic's merges, latest first; a lead undoes one with the reason (撤销合并), asked once before it is done. */
function MergeLog({ onUndone }: { onUndone(moved: number): void }) {
  const ct = useText(customerText);
  const t = useText(apptText);
  const c = useText(commonText);
  const merges = useQuery('customer.merges', {});
  const [undoing, setUndoing] = useState<z.infer<typeof mergeView> | null>(null);
  const [reason, setReason] = useState('');
  const { errors, setErrors, general, busy, send } = useSubmit();
  const confirm = useConfirm();
  const when = (at: string) => `${clinicDate(new Date(at))} ${clinicTime(at)}`;
  const undo = async (m: z.infer<typeof mergeView>) => {
    // The reason first: asking "undo?" of a form that cannot be sent would be a question for nothing.
    if (!reason.trim()) return setErrors({ reason: c.required });
    const body = <p>{ct.unmergeTells(m.mergedName, m.keptName, m.moved, m.folded)}</p>;
    if (!(await confirm.ask({ title: ct.unmergeAsk(m.mergedName), body, confirmLabel: ct.unmerge, cancelLabel: t.back, danger: true }))) return;
    await send(async () => {
      const r = await api['customer.unmerge']({ mergedId: m.mergedId, reason });
      setUndoing(null);
      setReason('');
      merges.reload();
      onUndone(r.visits + r.appointments + r.noShows);
    });
  };
  return (
    <section className="space-y-2 pt-4" aria-label={ct.mergesTitle}>
      <h3 className="text-base font-bold text-slate-800">{ct.mergesTitle}</h3>
      {general && <Banner tone="error">{general}</Banner>}
      {merges.data?.length === 0 && <p className="text-sm text-slate-500">{ct.mergesNone}</p>}
      <ul className="space-y-2">
        {(merges.data ?? []).map((m) => (
          <li key={m.id} className="rounded-lg bg-white px-3 py-2 ring-1 ring-slate-200" data-testid="merge-row">
            <div className="flex flex-wrap items-baseline gap-3">
              <span>{ct.mergeLine(m.keptName, m.mergedName, when(m.at), m.byName)}</span>
              {m.undone ? (
                <span className="text-sm text-slate-500">{ct.undone(when(m.undone.at), m.undone.byName, m.undone.reason)}</span>
              ) : (
                undoing?.id !== m.id && (
                  <Button variant="ghost" className="ml-auto" onClick={() => { setUndoing(m); setReason(''); }}>
                    {ct.unmerge}
                  </Button>
                )
              )}
            </div>
            {undoing?.id === m.id && (
              <form
                className="mt-2 flex items-end gap-3"
                onSubmit={(e) => {
                  e.preventDefault();
                  void undo(m);
                }}
              >
                <Field label={ct.unmergeReason} required error={errors.reason ?? errors.mergedId} className="flex-1">
                  {(id, db) => <TextInput id={id} aria-describedby={db} invalid={!!(errors.reason ?? errors.mergedId)} autoFocus value={reason} onChange={(e) => (setReason(e.target.value), setErrors({}))} />}
                </Field>
                <Button type="submit" variant="danger" disabled={busy}>
                  {ct.unmerge}
                </Button>
                <Button variant="ghost" onClick={() => setUndoing(null)}>
                  {t.back}
                </Button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {confirm.dialog}
    </section>
  );
}
