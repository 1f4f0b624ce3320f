import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { Query } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import type { AppointmentView } from '../../shared/appointments/schemas';
import { fromApiError } from '../ui/errors';
import { apptText } from './appointmentText';

const stateLook: Record<AppointmentView['state'], string> = {
  expected: 'bg-sky-100 text-sky-900',
  overdue: 'bg-amber-100 text-amber-900',
  arrived: 'bg-emerald-100 text-emerald-900',
  noShow: 'bg-rose-100 text-rose-900',
  corrected: 'bg-slate-100 text-slate-700',
  cancelled: 'bg-slate-200 text-slate-700',
};

/** One appointment as a row: time, who, what, with whom, where it stands. */
export function AppointmentRow({ a, active }: { a: AppointmentView; active: boolean }) {
  const t = useText(apptText);
  return (
    <div className={`flex flex-wrap items-baseline gap-x-3 gap-y-1 rounded-lg px-3 py-2 ring-1 ${active ? 'bg-teal-700 text-white ring-teal-800' : 'bg-white ring-slate-200'}`}>
      <span className="w-14 text-xl font-bold tabular-nums">{a.time}</span>
      <span className="text-lg font-bold">{a.name}</span>
      {a.tier && <span className="rounded bg-amber-200 px-1.5 text-sm font-bold text-amber-950">{t.tier(a.tier)}</span>}
      {/* Registered at her check-in: on file from then, though the booking still names her only. */}
      {!a.customerId && !a.visitId && <span className="rounded bg-slate-100 px-1.5 text-sm text-slate-700">{t.notOnFile}</span>}
      <span className="font-mono text-sm">{a.phone}</span>
      <span className={`ml-auto rounded px-2 text-sm font-bold ${stateLook[a.state]}`} data-testid="appointment-state">
        {t.state[a.state]}
      </span>
      <span className="basis-full pl-[4.25rem] text-sm">
        {a.serviceItem} · {a.departmentName}
        {a.consultantName && ` · ${a.consultantName}`} · {t.sources[a.source]}
        {a.lateChanges > 0 && <span className={`ml-2 font-bold ${active ? 'text-amber-200' : 'text-amber-700'}`}>{t.late(a.lateChanges)}</span>}
        {a.cancelLate && <span className={`ml-2 font-bold ${active ? 'text-rose-200' : 'text-rose-700'}`}>{t.lateCancel}</span>}
        {a.noShowCorrection && <span className={`ml-2 ${active ? 'text-teal-100' : 'text-slate-600'}`} data-testid="no-show-corrected">{t.corrected(a.noShowCorrection.byName, a.noShowCorrection.reason)}</span>}
      </span>
    </div>
  );
}

/**
 * What a keyboard list of appointments keeps (今日预约, 明日确认电话): the active row, focus on the
 * list from the start, and `act`, which runs an operation, reports it, reloads and refocuses.
 */
export function useAppointmentList(list: Query<AppointmentView[]>) {
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const [active, setActive] = useState(0);
  // A report is said in the language it was made in: switching language drops it rather than leave Chinese on an English screen.
  const [said, setMessage] = useState<{ tone: 'success' | 'error'; text: string; locale: string } | null>(null);
  const message = said?.locale === locale ? said : null;
  const listRef = useRef<HTMLUListElement>(null);
  const listId = useId();
  const rows = list.data ?? [];
  const current = rows[Math.min(active, rows.length - 1)];

  useEffect(() => {
    listRef.current?.focus();
  }, []);

  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      setMessage({ tone: 'success', text: done, locale });
    } catch (err) {
      const r = fromApiError(err, locale, c.error);
      setMessage({ tone: 'error', text: r.general ?? Object.values(r.fields).join(' '), locale });
    }
    list.reload();
    listRef.current?.focus();
  };

  return { rows, current, setActive, listRef, listId, message, act };
}

export type AppointmentList = ReturnType<typeof useAppointmentList>;

/** The list itself: a listbox whose active row follows the keys and the mouse, focus staying on the list. */
export function AppointmentListbox({
  state,
  label,
  rowTestId,
  onKeyDown,
  onRowDoubleClick,
  below,
  empty,
}: {
  state: AppointmentList;
  label: string;
  rowTestId: string;
  onKeyDown(e: KeyboardEvent<HTMLUListElement>): void;
  onRowDoubleClick?: (a: AppointmentView) => void;
  /** Shown under a row (the last call's outcome on the call list). */
  below?: (a: AppointmentView) => ReactNode;
  /**
   * Said inside the list when it has no rows: the list keeps the focus (the keys, F8), so its ring
   * goes round this sentence, never round an empty box (issue 21).
   */
  empty?: ReactNode;
}) {
  const { rows, current, setActive, listRef, listId } = state;
  const pick = (e: MouseEvent, i: number) => {
    e.preventDefault();
    setActive(() => i);
    listRef.current?.focus();
  };
  return (
    <ul
      ref={listRef}
      id={listId}
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
      className="space-y-2 rounded-lg outline-offset-4 focus-visible:outline-3 focus-visible:outline-teal-500"
      onKeyDown={onKeyDown}
    >
      {rows.length === 0 && empty && <li role="presentation" className="py-8 text-center text-slate-500" data-testid="list-empty">{empty}</li>}
      {rows.map((a, i) => (
        <li key={a.id} id={`${listId}-${a.id}`} role="option" aria-selected={a === current} data-testid={rowTestId} onMouseDown={(e) => pick(e, i)} onDoubleClick={onRowDoubleClick && (() => onRowDoubleClick(a))}>
          <AppointmentRow a={a} active={a === current} />
          {below?.(a)}
        </li>
      ))}
    </ul>
  );
}
