import { useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../api/client';
import { useNow, useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { canReadAll } from '../../shared/complaints/rules';
import type { ComplaintHome, ComplaintSummary } from '../../shared/complaints/schemas';
import { useShell } from '../shell/store';
import { Banner, Button, Field, Panel, Select, TabList, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { CaseView, leftText } from './CaseView';
import { IntakeForm } from './IntakeForm';
import { MonthlyStats } from './MonthlyStats';
import { dueWhen, statusTone, timeLeft, when } from './format';
import { complaintText } from './i18n';

type Tab = 'home' | 'new' | 'stats';

/** 投诉: the CS director's inbox and deadlines on the left, the case on the right; intake and monthly figures as tabs. */
export function ComplaintScreen() {
  const t = useText(complaintText);
  const role = useShell((s) => s.status?.operator?.role);
  const reader = role ? canReadAll(role) : false;
  const [tab, setTab] = useState<Tab>('home');
  const [selected, setSelected] = useState<string | null>(null);
  const tabs: { id: Tab; label: string }[] = [
    { id: 'home', label: t.tabHome },
    { id: 'new', label: t.tabNew },
    ...(reader ? [{ id: 'stats' as const, label: t.tabStats }] : []),
  ];
  return (
    <div className="flex h-full flex-col gap-3">
      <TabList label={t.tabHome} value={tab} onChange={setTab} tabs={tabs.map((x) => ({ value: x.id, label: x.label }))} />
      <div className="min-h-0 flex-1">
        {tab === 'new' && (
          <IntakeForm
            onRecorded={(id) => {
              setSelected(id);
              setTab('home');
            }}
          />
        )}
        {tab === 'stats' && <MonthlyStats />}
        {tab === 'home' && (
          <div className="grid h-full grid-cols-5 gap-4">
            <CaseLists reader={reader} selected={selected} onSelect={setSelected} />
            <div className="col-span-3 min-h-0">{selected ? <CaseView key={selected} id={selected} /> : <Panel title={t.noSelection}><p className="py-10 text-center text-slate-500">{t.noSelection}</p></Panel>}</div>
          </div>
        )}
      </div>
    </div>
  );
}

function CaseLists({ reader, selected, onSelect }: { reader: boolean; selected: string | null; onSelect(id: string): void }) {
  const t = useText(complaintText);
  const c = useText(commonText);
  const home = useQuery('complaint.home', {});
  const open = useQuery('complaint.list', { scope: reader ? 'open' : 'all', month: null });
  const numbering = useSubmit();
  const role = useShell((s) => s.status?.operator?.role);
  const h = home.data;
  return (
    <Panel className="col-span-2 h-full" title={reader ? t.tabHome : t.mine}>
      <div className="space-y-4">
        {home.error && <Banner tone="error">{c.error[home.error.code] ?? home.error.message}</Banner>}
        {h && reader && (
          <div className="space-y-2">
            {h.numberingDesk === null ? (
              <Banner tone="error">
                {t.noNumberingDesk}{' '}
                {role && ['csDirector', 'dean', 'hoCsDirector'].includes(role) && (
                  <Button variant="secondary" className="ml-2 py-1" disabled={numbering.busy} onClick={() => void numbering.send(() => api['complaint.setNumberingDesk']({}))}>
                    {t.makeNumberingDesk}
                  </Button>
                )}
              </Banner>
            ) : (
              <p className="text-sm text-slate-500" data-testid="numbering-desk">{h.numberingDesk.thisDesk ? t.thisNumberingDesk : t.otherNumberingDesk}</p>
            )}
            {h.pendingNumbers > 0 && <Banner tone="info">{t.pendingNumbers(h.pendingNumbers)}</Banner>}
            {h.missingCalendarYears.length > 0 && <Banner tone="error">{t.calendarMissing(h.missingCalendarYears.join('、'))}</Banner>}
            {h.numberProblems.length > 0 && (
              <Banner tone="error">
                <strong>{t.numberProblemsTitle}</strong>
                <ul className="list-disc pl-5">
                  {h.numberProblems.map((p) => (
                    <li key={`${p.kind}-${p.number}-${p.complaintIds.join()}`}>{p.kind === 'sameNumberTwoCases' ? t.problemSame(p.number) : t.problemTwo(p.numbers.join('、'))}</li>
                  ))}
                </ul>
              </Banner>
            )}
            {role && ['csDirector', 'hoCsDirector'].includes(role) &&
              h.numberProblems
                .filter((p) => p.kind === 'sameNumberTwoCases')
                .map((p) => <ResolveNumber key={p.number} problem={p} cases={open.data ?? []} />)}
          </div>
        )}
        {reader && h && (
          <p className="flex flex-wrap gap-2 text-sm" data-testid="case-counts">
            <span className={`rounded px-2 ${h.overdue.length ? 'bg-rose-600 text-white' : 'bg-slate-100 text-slate-600'}`}>{t.overdue}：{h.overdue.length}</span>
            <span className={`rounded px-2 ${h.dueSoon.length ? 'bg-amber-300 text-amber-950' : 'bg-slate-100 text-slate-600'}`}>{t.dueSoon}：{h.dueSoon.length}</span>
            <span className={`rounded px-2 ${h.inbox.length ? 'bg-teal-700 text-white' : 'bg-slate-100 text-slate-600'}`}>{t.inbox}：{h.inbox.length}</span>
          </p>
        )}
        {reader && h && h.reviews.length > 0 && <Reviews reviews={h.reviews} />}
        {/* One list, each case once: overdue first, then due within a day, then waiting for acceptance, each row tagged. */}
        <CaseList title={reader ? t.open : t.mine} tone="text-slate-800" cases={reader ? [...(open.data ?? [])].sort(byUrgency) : (open.data ?? [])} tagged={reader} selected={selected} onSelect={onSelect} testId="open" />
      </div>
    </Panel>
  );
}

/**
 * 总经办's monthly review of the clinic's closed cases and penalties (seed 001 (五), by the 10th), as
 * head office recorded it: each finished month with its own status, so the clinic sees it was done.
 */
function Reviews({ reviews }: { reviews: ComplaintHome['reviews'] }) {
  const t = useText(complaintText);
  return (
    <section aria-label={t.reviewsTitle}>
      <h3 className="mb-1 font-bold text-slate-800">{t.reviewsTitle}</h3>
      <ul className="space-y-1 text-sm" data-testid="reviews">
        {reviews.map((r) => {
          const done = r.status === 'reviewed' || r.status === 'reviewedLate';
          return (
            <li key={r.month} className="rounded-lg bg-white px-3 py-1.5 ring-1 ring-slate-200" data-testid={`review-${r.month}`}>
              <div className="flex items-baseline gap-2">
                <span>{t.reviewLine(r.month, r.closedCases, r.penalised)}</span>
                <span className={`ml-auto shrink-0 rounded px-1.5 ${statusTone[reviewTone[r.status]]}`}>{t.reviewStatus[r.status]}</span>
              </div>
              <div className="text-slate-600">{done ? t.reviewedBy(r.reviewedByName ?? '', when(r.reviewedAt!), r.note ?? '') : t.reviewDue(dueWhen(r.dueAt))}</div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
const reviewTone: Record<ComplaintHome['reviews'][number]['status'], string> = { reviewed: 'done', reviewedLate: 'late', open: 'open', overdue: 'overdue' };

/**
 * A duplicate number for the CS director: which case keeps it (the one whose patient was told it
 * first) and why; the other case gets the next free number and shows this one as withdrawn (作废).
 * Tab moves through the choice, the reason and the button; Enter in the reason resolves.
 */
function ResolveNumber({ problem, cases }: { problem: ComplaintHome['numberProblems'][number]; cases: ComplaintSummary[] }) {
  const t = useText(complaintText);
  const submit = useSubmit();
  const [keepId, setKeepId] = useState(problem.complaintIds[0] ?? '');
  const [reason, setReason] = useState('');
  const label = (id: string) => {
    const c = cases.find((x) => x.id === id);
    return c ? `${c.patientName} · ${new Date(c.receivedAt).toLocaleDateString('zh-CN')} · ${c.what.slice(0, 20)}` : id;
  };
  const resolve = () => void submit.send(() => api['complaint.resolveNumber']({ number: problem.number, keepId, reason }));
  return (
    <div className="space-y-2 rounded-lg border border-rose-300 p-3" data-testid={`resolve-${problem.number}`}>
      <p className="text-sm font-medium">{t.resolveTitle(problem.number)}</p>
      <Field label={t.resolveKeep} error={submit.errors.keepId}>
        {(id, describedBy) => (
          <Select id={id} aria-describedby={describedBy} value={keepId} onChange={(e) => setKeepId(e.target.value)}>
            {problem.complaintIds.map((c) => (
              <option key={c} value={c}>
                {label(c)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t.resolveReason} required error={submit.errors.reason}>
        {(id, describedBy) => <TextInput id={id} aria-describedby={describedBy} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && resolve()} />}
      </Field>
      {submit.general && <Banner tone="error">{submit.general}</Banner>}
      <Button variant="danger" disabled={submit.busy} onClick={resolve}>
        {t.resolveAct}
      </Button>
    </div>
  );
}

/** 0 overdue, 1 due within a day, 2 waiting for acceptance, 3 the rest. */
const urgency = (s: ComplaintSummary) => (s.overdue.length > 0 ? 0 : s.dueSoon.length > 0 ? 1 : s.current === 2 ? 2 : 3);
const byUrgency = (a: ComplaintSummary, b: ComplaintSummary) => urgency(a) - urgency(b) || (a.nextDeadline?.dueAt ?? '~').localeCompare(b.nextDeadline?.dueAt ?? '~');

/** A list of cases: ↑↓ move between them, Enter opens one. */
function CaseList({ title, tone, cases, selected, onSelect, testId, tagged = false }: { title: string; tone: string; cases: ComplaintSummary[]; selected: string | null; onSelect(id: string): void; testId: string; tagged?: boolean }) {
  const t = useText(complaintText);
  const now = useNow(30_000);
  const ref = useRef<HTMLUListElement>(null);
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button[data-case]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = items[Math.min(items.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    next?.focus();
    e.preventDefault();
  };
  return (
    <section aria-label={title}>
      <h3 className={`mb-1 font-bold ${tone}`}>
        {title} <span className="text-sm font-normal text-slate-500">({cases.length})</span>
      </h3>
      {cases.length === 0 ? (
        <p className="text-sm text-slate-400">{t.none}</p>
      ) : (
        <ul ref={ref} onKeyDown={onKey} className="space-y-1" data-testid={testId}>
          {cases.map((s) => {
            const d = s.nextDeadline;
            const left = d ? timeLeft(d.dueAt, now) : null;
            return (
              <li key={s.id}>
                <button
                  type="button"
                  data-case={s.id}
                  onClick={() => onSelect(s.id)}
                  aria-current={selected === s.id || undefined}
                  className={`w-full rounded-lg px-3 py-2 text-left ring-1 ${selected === s.id ? 'bg-teal-50 ring-teal-600' : 'bg-white ring-slate-200 hover:bg-slate-50'}`}
                >
                  <div className="flex items-baseline gap-2">
                    <span className="font-mono font-bold">{s.number ?? t.numberPending}</span>
                    <span className="font-bold">{s.patientName}</span>
                    <span className="text-sm text-slate-500">{t.channelName[s.channel]}</span>
                    {tagged && s.overdue.length > 0 && <span className="rounded bg-rose-600 px-1 text-xs text-white" data-testid="tag-overdue">{t.overdue}</span>}
                    {tagged && s.overdue.length === 0 && s.dueSoon.length > 0 && <span className="rounded bg-amber-300 px-1 text-xs text-amber-950" data-testid="tag-due-soon">{t.dueSoon}</span>}
                    {tagged && s.current === 2 && <span className="rounded bg-teal-700 px-1 text-xs text-white" data-testid="tag-inbox">{t.inbox}</span>}
                    {s.numberProblem && <span className="rounded bg-rose-600 px-1 text-xs text-white">{t.numberProblem}</span>}
                    {s.missingCalendarYears.length > 0 && (
                      <span className="rounded bg-amber-200 px-1 text-xs text-amber-900" title={t.calendarMissing(s.missingCalendarYears.join('、'))}>
                        {t.calendarMissingShort(s.missingCalendarYears.join('、'))}
                      </span>
                    )}
                    {s.escalationLevel.startsWith('headOffice') && <span className="rounded bg-violet-700 px-1 text-xs text-white">{t.level[s.escalationLevel]}</span>}
                    <span className="ml-auto text-sm text-slate-600">{t.stepName[s.currentKey]}</span>
                  </div>
                  <div className="flex items-baseline gap-2 text-sm">
                    <span className="truncate text-slate-600">{s.what}</span>
                    {d && left && (
                      <span className={`ml-auto shrink-0 rounded px-1.5 ${statusTone[d.status]}`}>{leftText(t, left)}</span>
                    )}
                  </div>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
