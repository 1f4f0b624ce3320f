import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/client';
import { useNow, useQuery } from '../api/useQuery';
import { clinicDate } from '../../shared/time';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import type { AppointmentView } from '../../shared/appointments/schemas';
import { Banner, Button, Field, TextInput } from '../ui/ui';
import { fromApiError } from '../ui/errors';
import { apptText } from './appointmentText';
import { startArrival } from './checkInDraft';
import { moveActive } from './ListKeys';
import { useDesk } from './store';

const stateLook: Record<AppointmentView['state'], string> = {
  expected: 'bg-sky-100 text-sky-900',
  overdue: 'bg-amber-100 text-amber-900',
  arrived: 'bg-emerald-100 text-emerald-900',
  noShow: 'bg-rose-100 text-rose-900',
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
      {!a.customerId && <span className="rounded bg-slate-100 px-1.5 text-sm text-slate-700">{t.notOnFile}</span>}
      <span className="font-mono text-sm">{a.phone}</span>
      <span className={`ml-auto rounded px-2 text-sm font-bold ${stateLook[a.state]}`} data-testid="appointment-state">
        {t.state[a.state]}
      </span>
      <span className="basis-full pl-[4.25rem] text-sm">
        {a.serviceItem} · {a.departmentName}
        {a.consultantName && ` · ${a.consultantName}`} · {t.sources[a.source]}
        {a.lateChanges > 0 && <span className={`ml-2 font-bold ${active ? 'text-amber-200' : 'text-amber-700'}`}>{t.late(a.lateChanges)}</span>}
        {a.cancelLate && <span className={`ml-2 font-bold ${active ? 'text-rose-200' : 'text-rose-700'}`}>{t.lateCancel}</span>}
      </span>
    </div>
  );
}

/** 今日预约: the door's list. Enter checks a booked visitor in, N records a no-show, E changes, X cancels. */
export function TodayAppointments() {
  const t = useText(apptText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  // The date is in the query, so the list turns over at midnight by itself (and the main process
  // records the day's no-shows when it is asked for the new day).
  const today = clinicDate(useNow(60_000));
  const list = useQuery('appointment.day', { date: today }, ['appointment', 'visit', 'no-show', 'customer']);
  const setTab = useDesk((s) => s.setTab);
  const edit = useDesk((s) => s.edit);
  const [active, setActive] = useState(0);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [cancelling, setCancelling] = useState<AppointmentView | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
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
      setMessage({ tone: 'success', text: done });
    } catch (err) {
      const r = fromApiError(err, locale, c.error);
      setMessage({ tone: 'error', text: r.general ?? Object.values(r.fields).join(' ') });
    }
    list.reload();
    listRef.current?.focus();
  };

  const arrive = async (a: AppointmentView) => {
    if (a.state !== 'expected' && a.state !== 'overdue') return;
    if (!a.customerId) {
      // Not on file yet: the check-in form opens with what the booking knows.
      await startArrival(a, a.phone.includes('*') ? '' : a.phone);
      setTab('checkIn');
      return;
    }
    await act(() => api['appointment.checkIn']({ id: a.id }), t.arrivedDone(a.name));
  };

  const confirmCancel = async () => {
    if (!cancelling) return;
    if (!reason.trim()) return setReasonError(c.required);
    const who = cancelling;
    setCancelling(null);
    setReason('');
    setReasonError(undefined);
    await act(() => api['appointment.cancel']({ id: who.id, reason }), t.cancelDone(who.name));
  };

  return (
    <div className="space-y-3">
      <div className="flex items-baseline justify-between">
        <h3 className="text-lg font-bold text-slate-800">{t.todayTitle(rows.length)}</h3>
        <p className="text-sm text-slate-500">{t.todayHint}</p>
      </div>
      {message && <Banner tone={message.tone}>{message.text}</Banner>}
      {list.error && <Banner tone="error">{c.error[list.error.code] ?? list.error.message}</Banner>}
      {list.data?.length === 0 && <p className="py-8 text-center text-slate-500">{t.noneToday}</p>}
      <ul
        ref={listRef}
        id={listId}
        role="listbox"
        tabIndex={0}
        aria-label={t.tabToday}
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
        className="space-y-2 rounded-lg outline-offset-4 focus-visible:outline-3 focus-visible:outline-teal-500"
        onKeyDown={(e) => {
          if (cancelling || moveActive(e, rows.length, setActive) || !current) return;
          const key = e.key.toLowerCase();
          if (e.key === 'Enter') {
            e.preventDefault();
            void arrive(current);
          } else if (key === 'n' && current.state === 'overdue') {
            e.preventDefault();
            void act(() => api['appointment.markNoShow']({ id: current.id }), t.noShowDone(current.name));
          } else if (key === 'e' && (current.state === 'expected' || current.state === 'overdue')) {
            e.preventDefault();
            edit(current);
          } else if (key === 'x' && (current.state === 'expected' || current.state === 'overdue')) {
            e.preventDefault();
            setCancelling(current);
          }
        }}
      >
        {rows.map((a, i) => (
          <li key={a.id} id={`${listId}-${a.id}`} role="option" aria-selected={a === current} data-testid="appointment-row" onMouseDown={(e) => (e.preventDefault(), setActive(i), listRef.current?.focus())} onDoubleClick={() => void arrive(a)}>
            <AppointmentRow a={a} active={a === current} />
          </li>
        ))}
      </ul>
      {cancelling && (
        <form
          className="space-y-2 rounded-lg bg-rose-50 p-3 ring-1 ring-rose-200"
          onSubmit={(e) => (e.preventDefault(), void confirmCancel())}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setCancelling(null);
              listRef.current?.focus();
            }
          }}
        >
          <p className="font-bold text-rose-900">{t.cancelTitle(cancelling.name)}</p>
          <Field label={t.reason} required error={reasonError}>
            {(id, db) => <TextInput id={id} aria-describedby={db} autoFocus invalid={!!reasonError} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div className="flex gap-2">
            <Button type="submit" variant="danger">{t.confirmCancel}</Button>
            <Button variant="ghost" onClick={() => (setCancelling(null), listRef.current?.focus())}>{t.back}</Button>
          </div>
        </form>
      )}
    </div>
  );
}
