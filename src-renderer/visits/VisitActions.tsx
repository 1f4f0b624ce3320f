import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { commonText, labelled } from '../i18n/common';
import { Banner, Button, Choice, Field, RowPanel, TextInput } from '../ui/ui';
import { useShell } from '../shell/store';
import { adminRoles } from '../../shared/reference/schemas';
import { useSubmit } from '../ui/useSubmit';
import type { BoardRow } from '../../shared/visits/schemas';
import { isWaiting, allowedNext, handOffStatuses, visitOutcomes, type VisitOutcome } from '../../shared/visits/rules';
import type { StaffRole } from '../../shared/reference/schemas';
import { clinicTime } from '../../shared/time';
import { visitsText, type VisitMessage } from './i18n';
import { useConfirm } from '../ui/ConfirmDialog';
import { PinyinSelect, useInitials } from '../desk/PinyinSelect';

const handOffRoles: StaffRole[] = ['consultant', 'doctor', 'doctorAssistant'];

/**
 * What the guide does with one visitor (opened with Enter on the waiting list): hand off to a
 * doctor, 医助 or consultant; move the status on; see them out with the outcome; refill the tea.
 * `onDone` gets a message (written in whichever language the desk shows when it is read: switching
 * to English after 作废 must not leave 「已作废：…」 on the English desk) and gives focus back to the list.
 */
export function VisitActions({ row, canRefill, onDone, onClose }: { row: BoardRow; canRefill: boolean; onDone(message: VisitMessage, left?: boolean): void; onClose(): void }) {
  const t = useText(visitsText);
  const c = useText(commonText);
  const initials = useInitials();
  const staff = useQuery('staff.list', {});
  const history = useQuery('visits.events', { visitId: row.id });
  // Only staff on duty today when the day has a roster (consultants and doctors are rostered; 医助 are not).
  const duty = useQuery('duty.day', {});
  const onDuty = (id: string) => !duty.data?.rosterSet || !duty.data.staff.some((x) => x.staffId === id) || duty.data.staff.some((x) => x.staffId === id && x.onDuty);
  const people = (staff.data ?? []).filter((s) => s.active && handOffRoles.includes(s.role) && onDuty(s.id));
  const [toStaffId, setToStaffId] = useState('');
  const [handOffAs, setHandOffAs] = useState<(typeof handOffStatuses)[number]>(row.status === 'inTreatment' ? 'inTreatment' : 'withConsultant');
  const [leaving, setLeaving] = useState(false);
  const [outcome, setOutcome] = useState<VisitOutcome | null>(null);
  // 作废 (a mistaken check-in): desk lead and up, with the reason.
  const mayCancel = useShell((s) => (s.status?.operator ? adminRoles.includes(s.status.operator.role) : false));
  const [cancelling, setCancelling] = useState(false);
  // 撤销离院 (issue 21): a lead brings a visitor who left by mistake back, with the reason.
  const [reopening, setReopening] = useState(false);
  const reopenRef = useRef<HTMLDivElement>(null);
  const [reason, setReason] = useState('');
  const cancelRef = useRef<HTMLDivElement>(null);
  const { errors, setErrors, general, busy, send } = useSubmit();
  const outcomeRef = useRef<HTMLDivElement>(null);
  // 离院 asks once: it takes her off the list for good (issue 21).
  const confirm = useConfirm();
  const moves = allowedNext(row.status).filter((s) => s !== 'left');
  const canHandOff = row.status !== 'left';

  return (
    <RowPanel label={t.actionsFor(row.customerName)} testId="visit-actions" onClose={onClose}>
      {general && <Banner tone="error">{general}</Banner>}
      {canHandOff && (
        <div className="flex flex-wrap items-end gap-3">
          <Field label={t.handTo} error={errors.toStaffId} className="min-w-56 flex-1">
            {(id, describedBy) => (
              // Pinyin initials jump to the person, as in the check-in form (issue 21): lzx → 李咨询.
              <PinyinSelect id={id} aria-describedby={describedBy} invalid={!!errors.toStaffId} value={toStaffId} onChange={(e) => setToStaffId(e.target.value)} onValue={setToStaffId} data-autofocus>
                <option value="">{t.chooseStaff}</option>
                {people.map((p) => (
                  <option key={p.id} value={p.id} data-initials={initials(p.name)}>
                    {p.name} · {c.role[p.role]}
                  </option>
                ))}
              </PinyinSelect>
            )}
          </Field>
          <Choice name={`handoff-${row.id}`} label={t.handOffAs} value={handOffAs} onChange={setHandOffAs} options={handOffStatuses.map((s) => ({ value: s, label: t.status[s] }))} />
          <Button
            aria-disabled={busy}
            onClick={() =>
              busy
                ? undefined
                : toStaffId === ''
                ? setErrors({ toStaffId: t.chooseStaffFirst })
                : void send(async () => {
                const done = await api['visits.handOff']({ visitId: row.id, toStaffId, status: handOffAs, note: '' });
                onDone((t) => t.handedOff(row.customerName, done.lookingAfter));
              })
            }
          >
            {t.confirmHandOff}
          </Button>
        </div>
      )}
      {errors.status && <Banner tone="error">{errors.status}</Banner>}
      <div className="flex flex-wrap items-center gap-2">
        {moves.map((s) => (
          <Button
            key={s}
            variant="secondary"
            aria-disabled={busy}
            onClick={() =>
              void send(async () => {
                await api['visits.setStatus']({ visitId: row.id, status: s, outcome: null, note: '' });
                onDone((t) => t.moved(row.customerName, t.status[s]));
              })
            }
          >
            {t.moveTo} {t.status[s]}
          </Button>
        ))}
        {isWaiting(row.status) && (
          <Button
            variant="secondary"
            aria-disabled={busy}
            onClick={() =>
              void send(async () => {
                await api['visits.call']({ visitId: row.id });
                onDone((t) => t.called(row.queueLabel, row.customerName, row.departmentName));
              })
            }
          >
            {t.callVisitor}
          </Button>
        )}
        {canRefill && (
          <Button
            variant="secondary"
            aria-disabled={busy}
            onClick={() =>
              void send(async () => {
                await api['tea.refill']({ visitId: row.id, drink: '' });
                onDone((t) => t.refilled(row.customerName));
              })
            }
          >
            {t.refill}
          </Button>
        )}
        {row.status !== 'left' && !leaving && (
          <Button
            variant="danger"
            onClick={() => {
              flushSync(() => setLeaving(true));
              outcomeRef.current?.querySelector('input')?.focus();
            }}
          >
            {t.leave}
          </Button>
        )}
        {mayCancel && row.status === 'left' && !reopening && (
          <Button
            variant="secondary"
            onClick={() => {
              flushSync(() => (setReopening(true), setCancelling(false)));
              reopenRef.current?.querySelector('input')?.focus();
            }}
          >
            {t.reopen}
          </Button>
        )}
        {mayCancel && !cancelling && (
          <Button
            variant="ghost"
            className="text-rose-800"
            onClick={() => {
              flushSync(() => (setCancelling(true), setReopening(false)));
              cancelRef.current?.querySelector('input')?.focus();
            }}
          >
            {t.cancelVisit}
          </Button>
        )}
        <Button variant="ghost" className="ml-auto" onClick={onClose}>
          {t.close} <kbd className="text-xs">Esc</kbd>
        </Button>
      </div>
      {!!history.data?.length && (
        <ol aria-label={t.history} className="border-t border-slate-200 pt-2 text-sm text-slate-600" data-testid="visit-history">
          {history.data.map((e) => (
            <li key={e.id} data-withdrawn={e.withdrawn ? 'true' : undefined} className={e.withdrawn ? 'text-slate-400' : undefined}>
              <span className="tabular-nums">{clinicTime(e.at)}</span> ·{' '}
              <span className={e.withdrawn ? 'line-through' : undefined}>
                {labelled(e.byName, e.kind === 'reopen' ? `${t.reopenKind} → ${e.status ? t.status[e.status] : ''}` : e.status ? t.status[e.status] : e.kind === 'cancel' ? t.cancelKind : e.kind === 'withdraw' ? t.withdrawKind : '')}
                {e.toName && ` → ${e.toName}`}
                {e.outcome && ` · ${t.outcome[e.outcome]}`}
                {e.note && ` · ${e.note}`}
              </span>
              {e.withdrawn && <span className="ml-2 rounded bg-slate-100 px-1 text-xs text-slate-600">{t.withdrawnMark(e.withdrawn.byName, clinicTime(e.withdrawn.at), e.withdrawn.reason)}</span>}
            </li>
          ))}
        </ol>
      )}
      {cancelling && (
        <div ref={cancelRef} className="flex flex-wrap items-end gap-3" data-testid="cancel-visit">
          <Field label={t.cancelReason} required error={errors.reason} className="min-w-64 flex-1">
            {(id, describedBy) => <TextInput id={id} aria-describedby={describedBy} invalid={!!errors.reason} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <Button
            variant="danger"
            aria-disabled={busy}
            onClick={() =>
              busy
                ? undefined
                : !reason.trim()
                ? setErrors({ reason: c.required })
                : void send(async () => {
                await api['visits.cancel']({ visitId: row.id, reason });
                onDone((t) => t.cancelled(row.customerName), true);
              })
            }
          >
            {t.confirmCancel}
          </Button>
        </div>
      )}
      {reopening && (
        <div ref={reopenRef} className="flex flex-wrap items-end gap-3" data-testid="reopen-visit">
          <Field label={t.reopenReason} required error={errors.reason} className="min-w-64 flex-1">
            {(id, describedBy) => <TextInput id={id} aria-describedby={describedBy} invalid={!!errors.reason} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <Button
            aria-disabled={busy}
            onClick={() => {
              if (busy) return;
              if (!reason.trim()) return setErrors({ reason: c.required });
              void confirm.ask({ title: t.reopenAsk(row.customerName, row.leftFrom ? t.status[row.leftFrom] : ''), body: t.reopenTells, confirmLabel: t.confirmReopen, cancelLabel: t.back }).then((ok) =>
                ok
                  ? send(async () => {
                      const done = await api['visits.reopen']({ visitId: row.id, reason });
                      onDone((t) => t.reopened(row.customerName, t.status[done.status]));
                    })
                  : undefined,
              );
            }}
          >
            {t.confirmReopen}
          </Button>
        </div>
      )}
      {leaving && (
        <div ref={outcomeRef} className="flex flex-wrap items-center gap-3">
          <span className="text-sm font-medium text-slate-700">{t.outcomeLabel}</span>
          <Choice name={`outcome-${row.id}`} label={t.outcomeLabel} value={outcome} onChange={setOutcome} options={visitOutcomes.map((o) => ({ value: o, label: t.outcome[o] }))} />
          {errors.outcome && <span className="text-sm text-rose-700">{errors.outcome}</span>}
          <Button
            variant="danger"
            aria-disabled={busy}
            onClick={() =>
              busy
                ? undefined
                : outcome === null
                ? setErrors({ outcome: t.chooseOutcome })
                : void confirm.ask({ title: t.leaveAsk(row.customerName, t.outcome[outcome]), body: t.leaveTells, confirmLabel: t.confirmLeave, cancelLabel: t.back, danger: true }).then((ok) => (ok ? send(async () => {
                await api['visits.setStatus']({ visitId: row.id, status: 'left', outcome, note: '' });
                onDone((t) => t.moved(row.customerName, `${t.status.left} · ${t.outcome[outcome]}`), true);
              }) : undefined))
            }
          >
            {t.confirmLeave}
          </Button>
        </div>
      )}
      {confirm.dialog}
    </RowPanel>
  );
}
