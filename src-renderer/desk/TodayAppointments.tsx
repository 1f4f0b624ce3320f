import { useState } from 'react';
import { api } from '../api/client';
import { useNow, useQuery } from '../api/useQuery';
import { clinicDate } from '../../shared/time';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import type { AppointmentView } from '../../shared/appointments/schemas';
import { Banner, Button, Field, TextInput } from '../ui/ui';
import { apptText } from './appointmentText';
import { startArrival } from './checkInDraft';
import { moveActive } from './ListKeys';
import { AppointmentListbox, useAppointmentList } from './AppointmentList';
import { useDesk } from './store';
import { useConfirm } from '../ui/ConfirmDialog';
import { useShell } from '../shell/store';
import { adminRoles } from '../../shared/reference/schemas';
import { DateField } from '../ui/DateField';
import { showDate } from '../ui/dateText';

/** 今日预约: the door's list. Enter checks a booked visitor in, N records a no-show, E changes, X cancels. */
export function TodayAppointments() {
  const t = useText(apptText);
  const locale = useLocale((s) => s.locale);
  const c = useText(commonText);
  // The date is in the query, so the list turns over at midnight by itself (and the main process
  // records the day's no-shows when it is asked for the new day).
  const today = clinicDate(useNow(60_000));
  // A past day (issue 21): a lead looks back at it and corrects its no-shows with C; nothing else acts there.
  const [pastDay, setPastDay] = useState<string | null>(null);
  const day = pastDay && pastDay < today ? pastDay : today;
  const list = useQuery('appointment.day', { date: day });
  const setTab = useDesk((s) => s.setTab);
  const edit = useDesk((s) => s.edit);
  const state = useAppointmentList(list);
  const { rows, current, setActive, listRef, message, act } = state;
  const [cancelling, setCancelling] = useState<AppointmentView | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  // N asks once (Enter records, Esc keeps the row as it was); a lead corrects a no-show with C.
  const confirm = useConfirm();
  const isLead = useShell((s) => (s.status?.operator ? adminRoles.includes(s.status.operator.role) : false));
  const [correcting, setCorrecting] = useState<AppointmentView | null>(null);

  const noShow = async (a: AppointmentView) => {
    if (!(await confirm.ask({ title: t.noShowAsk(a.name, a.time), body: t.noShowTells, confirmLabel: t.noShowYes, cancelLabel: t.back, danger: true }))) return;
    await act(() => api['appointment.markNoShow']({ id: a.id }), t.noShowDone(a.name));
  };

  const confirmCorrect = async () => {
    if (!correcting) return;
    if (!reason.trim()) return setReasonError(c.required);
    const who = correcting;
    setCorrecting(null);
    setReason('');
    setReasonError(undefined);
    await act(() => api['appointment.correctNoShow']({ id: who.id, reason }), t.correctDone(who.name));
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
      {/* Neither wraps: the keys' hint sits beside the heading when the panel holds both (zh-CN), else under it (English). */}
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
        <h3 data-testid="appointments-heading" className="shrink-0 whitespace-nowrap text-lg font-bold text-slate-800">{day === today ? t.todayTitle(rows.length) : t.dayTitle(showDate(day, locale), rows.length)}</h3>
        <p data-testid="appointments-hint" className="min-w-0 truncate text-sm text-slate-500" title={`${day === today ? t.todayHint : t.pastHint}${isLead ? t.todayHintLead : ''}`}>
          {day === today ? t.todayHint : t.pastHint}
          {isLead && t.todayHintLead}
        </p>
      </div>
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor="appointment-day" className="text-slate-600">{t.dayPick}</label>
        <DateField
          id="appointment-day"
          className="w-48 py-1"
          max={today}
          value={day}
          data-testid="appointment-day"
          onChange={(e) => setPastDay(e.target.value && e.target.value < today ? e.target.value : null)}
        />
        {day !== today && <Button variant="ghost" onClick={() => setPastDay(null)}>{t.backToToday}</Button>}
      </div>
      {message && <Banner tone={message.tone}>{message.text}</Banner>}
      {list.error && <Banner tone="error">{c.error[list.error.code] ?? list.error.message}</Banner>}
      <AppointmentListbox
        empty={list.data?.length === 0 ? (day === today ? t.noneToday : t.noneThatDay) : null}
        state={state}
        label={t.tabToday}
        rowTestId="appointment-row"
        onRowDoubleClick={(a) => void arrive(a)}
        onKeyDown={(e) => {
          if (cancelling || correcting || confirm.isOpen || moveActive(e, rows.length, setActive) || !current) return;
          const key = e.key.toLowerCase();
          if (e.key === 'Enter') {
            e.preventDefault();
            void arrive(current);
          } else if (key === 'n' && current.state === 'overdue') {
            e.preventDefault();
            void noShow(current);
          } else if (key === 'c' && isLead && current.state === 'noShow' && !current.noShowCorrection) {
            e.preventDefault();
            setCorrecting(current);
          } else if (key === 'e' && (current.state === 'expected' || current.state === 'overdue')) {
            e.preventDefault();
            edit(current);
          } else if (key === 'x' && (current.state === 'expected' || current.state === 'overdue')) {
            e.preventDefault();
            setCancelling(current);
          }
        }}
      />
      {confirm.dialog}
      {correcting && (
        <form
          className="space-y-2 rounded-lg bg-sky-50 p-3 ring-1 ring-sky-200"
          data-testid="correct-no-show"
          onSubmit={(e) => (e.preventDefault(), void confirmCorrect())}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setCorrecting(null);
              listRef.current?.focus();
            }
          }}
        >
          <p className="font-bold text-sky-900">{t.correctTitle(correcting.name)}</p>
          <Field label={t.correctReason} required error={reasonError}>
            {(id, db) => <TextInput id={id} aria-describedby={db} autoFocus invalid={!!reasonError} value={reason} onChange={(e) => (setReason(e.target.value), setReasonError(undefined))} />}
          </Field>
          <div className="flex gap-2">
            <Button type="submit">{t.correctYes}</Button>
            <Button variant="ghost" onClick={() => (setCorrecting(null), listRef.current?.focus())}>{t.back}</Button>
          </div>
        </form>
      )}
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
            {(id, db) => <TextInput id={id} aria-describedby={db} autoFocus invalid={!!reasonError} value={reason} onChange={(e) => (setReason(e.target.value), setReasonError(undefined))} />}
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
