import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery, useNow } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { commonText, labelled } from '../i18n/common';
import { maskPhone } from '../../shared/desk/rules';
import { clinicTime, minutesBetween } from '../../shared/time';
import { isWaiting, listGroup, waitLevel, waitingListOrder, type ListGroup } from '../../shared/visits/rules';
import { adminRoles } from '../../shared/reference/schemas';
import type { BoardRow } from '../../shared/visits/schemas';
import type { TeaTask } from '../../shared/tea/schemas';
import { useShell } from '../shell/store';
import { Banner, Button, Panel } from '../ui/ui';
import { VisitActions } from '../visits/VisitActions';
import { HandoverDialog } from '../visits/HandoverDialog';
import { DayViewDialog } from '../visits/DayViewDialog';
import { visitsText, type VisitMessage } from '../visits/i18n';
import { deskText } from './i18n';
import { useDesk } from './store';
import { apptText } from './appointmentText';

/** Compact rows (one line a visitor) are remembered by this desk: each desk is its own origin. */
const COMPACT_KEY = 'daoyi.waitingList.compact';
const GROUPS: readonly ListGroup[] = ['waiting', 'inCare', 'left'];

const STATUS_LOOK: Record<BoardRow['status'], string> = {
  arrived: 'bg-slate-200 text-slate-900',
  triaged: 'bg-teal-100 text-teal-900',
  withConsultant: 'bg-indigo-100 text-indigo-900',
  inTreatment: 'bg-fuchsia-100 text-fuchsia-900',
  left: 'bg-slate-100 text-slate-600',
};

function TeaChip({ task, now }: { task: TeaTask | undefined; now: Date }) {
  const t = useText(visitsText);
  if (!task) return null;
  const due = task.refillDueAt !== null && new Date(task.refillDueAt).getTime() <= now.getTime();
  const [label, look] =
    task.state === 'pending'
      ? [task.ask === 'askFirst' ? t.tea.pendingAsk : t.tea.pendingServe, 'bg-amber-100 text-amber-900']
      : task.state === 'declined'
        ? [t.tea.declined, 'bg-slate-100 text-slate-600']
        : due
          ? [t.tea.refillDue, 'bg-orange-200 text-orange-950 font-bold']
          : [task.refillDueAt ? `${t.tea.served} · ${t.teaRefillAt(clinicTime(task.refillDueAt))}` : t.tea.served, 'bg-emerald-50 text-emerald-900'];
  return (
    <span className={`rounded px-1.5 ${look}`} data-testid="tea-chip">
      {label}
    </span>
  );
}

/**
 * Today's visitors at the desk: status, minutes waited (live, amber at the clinic's threshold, red
 * with the apology at twice it), who looks after them, and their tea. Arrows move between rows,
 * Enter opens the actions (hand-off, status, leaving, refill), Esc closes them; focus comes back
 * to the row after every action.
 */
export function WaitingList() {
  const t = useText(deskText);
  const v = useText(visitsText);
  const c = useText(commonText);
  const board = useQuery('visits.board', {});
  const tea = useQuery('tea.tasks', {});
  const handovers = useQuery('handover.list', {});
  const display = useQuery('visits.displaySettings', {});
  const pendingHandover = (handovers.data ?? []).some((h) => h.ack === null);
  const now = useNow();
  const alertAfter = useShell((s) => s.status?.clinic?.waitAlertMinutes ?? 15);
  const isLead = useShell((s) => (s.status?.operator ? adminRoles.includes(s.status.operator.role) : false));
  const a = useText(apptText);
  const [showLeft, setShowLeft] = useState(false);
  const [compact, setCompact] = useState(() => localStorage.getItem(COMPACT_KEY) === '1');
  const toggleCompact = () =>
    setCompact((was) => {
      localStorage.setItem(COMPACT_KEY, was ? '0' : '1');
      return !was;
    });
  const [openId, setOpenId] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [message, setMessage] = useState<VisitMessage | null>(null);
  const [dialog, setDialog] = useState<'handover' | 'day' | null>(null);
  const rowRefs = useRef(new Map<string, HTMLLIElement>());
  const listRef = useRef<HTMLDivElement>(null);

  const all = board.data ?? [];
  const leftCount = all.filter((r) => r.status === 'left').length;
  // Who still needs the door first (longest wait first), then those with a consultant or doctor, then who left.
  const rows = waitingListOrder(all.filter((r) => showLeft || r.status !== 'left'));
  const waitingCount = rows.filter((r) => isWaiting(r.status)).length;
  const inCareCount = rows.filter((r) => listGroup(r.status) === 'inCare').length;
  const teaByVisit = new Map((tea.data ?? []).map((x) => [x.visitId, x]));
  const current = rows.find((r) => r.id === activeId) ?? rows[0];

  const focusRow = (id: string | undefined) => {
    if (id) {
      flushSync(() => setActiveId(id));
      rowRefs.current.get(id)?.focus();
    } else listRef.current?.focus();
  };
  // A visitor handed on moves to the group below: her row is mounted anew when the list refreshes, so focus follows it then.
  const pendingFocus = useRef<{ id: string; before: unknown } | null>(null);
  useEffect(() => {
    const pending = pendingFocus.current;
    if (!pending || board.data === pending.before) return;
    pendingFocus.current = null;
    const el = rowRefs.current.get(pending.id);
    const lost = !document.activeElement || document.activeElement === document.body;
    if (el && lost) el.focus();
  }, [board.data]);
  const afterAction = (id: string, text: VisitMessage, left = false) => {
    setMessage(() => text);
    pendingFocus.current = left && !showLeft ? null : { id, before: board.data };
    const index = rows.findIndex((r) => r.id === id);
    flushSync(() => setOpenId(null));
    // A visitor who left drops off the list on the next refresh: focus the neighbour, never nothing.
    if (left && !showLeft) focusRow(rows[index + 1]?.id ?? rows[index - 1]?.id);
    else focusRow(id);
  };
  const openActions = (id: string) => {
    flushSync(() => {
      setActiveId(id);
      setOpenId(id);
    });
    rowRefs.current.get(id)?.querySelector<HTMLElement>('[data-autofocus], button')?.focus();
  };
  // The check-in form offered a person's visit of today: open it here.
  const shownVisit = useDesk((s) => s.shownVisit);
  const showVisit = useDesk((s) => s.showVisit);
  useEffect(() => {
    if (!shownVisit) return;
    if (!all.some((r) => r.id === shownVisit)) return;
    const left = !showLeft && all.find((r) => r.id === shownVisit)?.status === 'left';
    showVisit(null);
    setTimeout(() => {
      if (left) flushSync(() => setShowLeft(true));
      openActions(shownVisit);
    }, 0);
  });

  return (
    <Panel
      className="col-span-2"
      title={
        <span className="inline-flex items-center whitespace-nowrap">
          {t.waiting}
          <span className="ml-2 rounded-full bg-teal-100 px-3 text-base whitespace-nowrap text-teal-900" data-testid="waiting-count">
            {t.count(waitingCount)}
          </span>
          {inCareCount > 0 && (
            <span className="ml-1 rounded-full bg-indigo-50 px-2 text-sm whitespace-nowrap text-indigo-900" data-testid="in-care-count">
              {v.inCareCount(inCareCount)}
            </span>
          )}
        </span>
      }
      actions={
        // px-1.5! overrides the button's own px-4: the four fit one line at 1366 px in English too (visits.spec.ts).
        <div className="ml-2 flex min-w-0 flex-wrap justify-end gap-1" data-testid="waiting-actions">
          <Button variant="ghost" className={`px-1.5! py-1 text-sm whitespace-nowrap ${compact ? 'bg-slate-200' : ''}`} aria-pressed={compact} onClick={toggleCompact} data-testid="compact-toggle">
            {v.compact}
          </Button>
          <Button variant="ghost" className={`px-1.5! py-1 text-sm whitespace-nowrap ${pendingHandover ? 'bg-amber-100 text-amber-950' : ''}`} onClick={() => setDialog('handover')} title={pendingHandover ? v.notTakenOver : undefined} data-testid="handover-button">
            {pendingHandover ? v.handoverPending : v.handover}
          </Button>
          {isLead && display.data && (
            <Button
              variant="ghost"
              className={`px-1.5! py-1 text-sm whitespace-nowrap ${display.data.speakCalls ? 'bg-slate-200' : ''}`}
              aria-pressed={display.data.speakCalls}
              data-testid="speak-toggle"
              onClick={() => void api['visits.setDisplaySettings']({ speakCalls: !display.data!.speakCalls }).then(display.reload)}
            >
              {v.speakCalls}
            </Button>
          )}
          {isLead && (
            <Button variant="ghost" className="px-1.5! py-1 text-sm whitespace-nowrap" onClick={() => setDialog('day')}>
              {v.dayView}
            </Button>
          )}
        </div>
      }
    >
      {board.error && <Banner tone="error">{c.error[board.error.code] ?? board.error.message}</Banner>}
      {message && (
        <p role="status" className="mb-2 rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-900">
          {message(v)}
        </p>
      )}
      {rows.length === 0 && board.data && <p className="py-10 text-center text-slate-500">{t.emptyWaiting}</p>}
      {rows.length > 0 && <p className="mb-2 text-xs text-slate-500">{v.listHint}</p>}
      <div
        ref={listRef}
        tabIndex={-1}
        className="outline-none"
        role="group"
        aria-label={t.waiting}
        onKeyDown={(e) => {
          if (openId) return;
          const index = rows.findIndex((r) => r.id === (current?.id ?? ''));
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const next = rows[Math.max(0, Math.min(rows.length - 1, index + (e.key === 'ArrowDown' ? 1 : -1)))];
            focusRow(next?.id);
          } else if (e.key === 'Enter' && current && e.target === rowRefs.current.get(current.id)) {
            e.preventDefault();
            openActions(current.id);
          }
        }}
      >
        {GROUPS.map((g) => {
          const inGroup = rows.filter((r) => listGroup(r.status) === g);
          if (!inGroup.length) return null;
          return (
            <section key={g} className="mb-2" data-testid={`group-${g}`}>
              {(g !== 'waiting' || inCareCount > 0 || showLeft) && (
                <h3 className="mb-1 text-sm font-bold text-slate-600">
                  {v.groupCount(v.groupTitle[g], inGroup.length)}
                </h3>
              )}
              <ol className={compact ? 'space-y-1' : 'space-y-2'} aria-label={v.groupTitle[g]}>
        {inGroup.map((r) => {
          const waiting = isWaiting(r.status);
          const waited = minutesBetween(r.arrivedAt, r.waitEndedAt ?? (r.leftAt ?? now.toISOString()));
          const level = waiting ? waitLevel(waited, alertAfter) : 'ok';
          const tone = level === 'red' ? 'bg-rose-50 ring-rose-400' : level === 'amber' ? 'bg-amber-50 ring-amber-400' : r.status === 'left' ? 'bg-slate-50 ring-slate-200 opacity-70' : 'bg-white ring-slate-200';
          const task = teaByVisit.get(r.id);
          return (
            <li
              key={r.id}
              ref={(el) => {
                if (el) rowRefs.current.set(r.id, el);
                else rowRefs.current.delete(r.id);
              }}
              tabIndex={r.id === current?.id ? 0 : -1}
              aria-label={`${r.customerName} · ${v.status[r.status]}`}
              aria-expanded={openId === r.id}
              onFocus={() => r.id !== activeId && setActiveId(r.id)}
              onClick={(e) => e.target === e.currentTarget && openActions(r.id)}
              className={`rounded-lg ${compact ? 'px-2 py-1' : 'p-3'} ring-1 outline-none focus-visible:ring-3 focus-visible:ring-teal-600 ${tone}`}
              data-testid="waiting-row"
              data-level={level}
              data-status={r.status}
            >
              <div className={compact ? 'flex items-center gap-1.5 whitespace-nowrap' : 'flex items-baseline gap-2'}>
                <span className="shrink-0 text-sm font-bold text-slate-500 tabular-nums" data-testid="queue-number">
                  {v.queueNo(r.queueLabel)}
                </span>
                <span className={compact ? 'text-base font-bold' : 'text-xl font-bold'}>{r.customerName}</span>
                {r.tier && (
                  <span className={`rounded px-1.5 text-sm font-bold ${r.tier === 'A' || r.tier === 'B' ? 'bg-amber-300 text-amber-950' : 'bg-amber-100 text-amber-900'}`} data-testid="tier-badge">
                    {a.tier(r.tier)}
                  </span>
                )}
                <span className={`rounded px-1.5 text-sm font-bold ${r.firstVisit ? 'bg-sky-100 text-sky-900' : 'bg-violet-100 text-violet-900'}`}>{r.firstVisit ? t.firstBadge : t.returningBadge}</span>
                {r.hasAppointment && <span className="rounded bg-emerald-100 px-1.5 text-sm font-bold text-emerald-900">{t.appointmentBadge}</span>}
                <span className={`rounded px-1.5 text-sm font-bold ${STATUS_LOOK[r.status]}`} data-testid="visit-status">
                  {v.status[r.status]}
                  {r.outcome && ` · ${v.outcome[r.outcome]}`}
                </span>
                {compact && (
                  <span className="min-w-0 flex-1 truncate text-sm text-teal-900">
                    {r.departmentName}
                    {r.consultantName && ` · ${r.consultantName}`} · <span data-testid="looking-after">{r.lookingAfter}</span>
                  </span>
                )}
                {compact && <TeaChip task={task} now={now} />}
                <span className="ml-auto shrink-0 text-right">
                  {waiting ? (
                    <>
                      {!compact && <span className="text-sm text-slate-500">{t.waited} </span>}
                      <span className={`${compact ? 'text-lg' : 'text-2xl'} font-bold tabular-nums ${level === 'red' ? 'text-rose-800' : level === 'amber' ? 'text-amber-800' : ''}`} data-testid="waited">
                        {c.minutes(waited)}
                      </span>
                    </>
                  ) : (
                    <span className="text-sm text-slate-500">{v.waitedFor(waited)}</span>
                  )}
                </span>
              </div>
              {!compact && (
              <>
              <div className="mt-1 flex flex-wrap gap-x-4 text-slate-700">
                <span className="font-medium text-teal-900">
                  {r.departmentName}
                  {r.consultantName && ` · ${r.consultantName}`}
                </span>
                <span data-testid="looking-after">
                  {labelled(v.lookingAfter, '')}
                  <b>{r.lookingAfter}</b>
                </span>
                <span className="truncate">{r.intention}</span>
                {r.repeatReason && <span className="rounded bg-amber-100 px-1.5 text-sm text-amber-950">{t.repeatBadge(r.repeatReason)}</span>}
              </div>
              <div className="mt-1 flex flex-wrap gap-x-4 text-sm text-slate-500">
                <span>
                  {t.arrived} {clinicTime(r.arrivedAt)}
                </span>
                <span className="font-mono">{maskPhone(r.customerPhone)}</span>
                <span>
                  {t.by} {r.registeredByName}
                </span>
                <TeaChip task={task} now={now} />
              </div>
              </>
              )}
              {compact && r.repeatReason && <p className="text-sm text-amber-950">{t.repeatBadge(r.repeatReason)}</p>}
              {level !== 'ok' && <p className={`mt-1 text-sm font-medium ${level === 'red' ? 'text-rose-800' : 'text-amber-900'}`}>{level === 'red' ? v.apology : t.overWait}</p>}
              {openId === r.id && (
                <VisitActions
                  row={r}
                  canRefill={task?.state === 'served' && waiting}
                  onDone={(text, left) => afterAction(r.id, text, left)}
                  onClose={() => {
                    flushSync(() => setOpenId(null));
                    rowRefs.current.get(r.id)?.focus();
                  }}
                />
              )}
            </li>
          );
        })}
              </ol>
            </section>
          );
        })}
      </div>
      {leftCount > 0 && (
        <Button variant="ghost" className="mt-2 text-sm" onClick={() => setShowLeft((s) => !s)}>
          {showLeft ? v.hideLeft : v.showLeft(leftCount)}
        </Button>
      )}
      {dialog === 'handover' && <HandoverDialog onClose={() => setDialog(null)} />}
      {dialog === 'day' && <DayViewDialog onClose={() => setDialog(null)} />}
    </Panel>
  );
}
