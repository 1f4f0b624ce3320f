import { useState } from 'react';
import { api } from '../api/client';
import { useNow, useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import type { StaffRole } from '../../shared/reference/schemas';
import type { HoCaseSummary, HoMonthReview, HoTodo } from '../../shared/headoffice/complaints';
import { useShell } from '../shell/store';
import { Banner, Button, Field, Panel, Select, TextArea } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { CaseView, leftText } from '../complaints/CaseView';
import { CaseSourceContext } from '../complaints/source';
import { dueWhen, statusTone, timeLeft, when } from '../complaints/format';
import { complaintText } from '../complaints/i18n';
import { hoComplaintText } from './i18n';

type State = 'open' | 'closed' | 'all';

/**
 * 投诉 at head office: its own to-do across clinics (待审批, 待处罚, 月度审视) with the deadlines,
 * every clinic's cases (by clinic and state), and the whole case on the right as the clinic's
 * case view shows it, where head office's people record the steps their roles own.
 */
export function HoComplaintScreen() {
  const t = useText(hoComplaintText);
  const [selected, setSelected] = useState<string | null>(null);
  const [clinic, setClinic] = useState<string>('');
  const [state, setState] = useState<State>('open');
  const clinics = useQuery('headoffice.clinics', {});
  const cases = useQuery('headoffice.complaintCases', { clinic: clinic || null, state });
  const todo = useQuery('headoffice.complaintTodo', {});
  return (
    <div className="grid h-full grid-cols-5 gap-4">
      <div className="col-span-2 flex min-h-0 flex-col gap-3 overflow-auto">
        <Todo todo={todo.data} selected={selected} onSelect={setSelected} />
        <Panel title={t.cases}>
          <div className="mb-3 flex gap-3">
            <Field label={t.clinic} className="flex-1">
              {(id) => (
                <Select id={id} value={clinic} onChange={(e) => setClinic(e.target.value)}>
                  <option value="">{t.allClinics}</option>
                  {clinics.data?.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.code} · {c.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t.state} className="flex-1">
              {(id) => (
                <Select id={id} value={state} onChange={(e) => setState(e.target.value as State)}>
                  {(['open', 'closed', 'all'] as const).map((s) => (
                    <option key={s} value={s}>
                      {t.states[s]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
          <CaseRows cases={cases.data ?? []} selected={selected} onSelect={setSelected} testId="ho-cases" />
        </Panel>
      </div>
      <div className="col-span-3 min-h-0">
        {selected ? (
          <CaseSourceContext.Provider value="headOffice">
            <div className="flex h-full flex-col gap-2">
              <p className="text-sm text-slate-500">{t.writesToClinic}</p>
              <div className="min-h-0 flex-1">
                <CaseView key={selected} id={selected} />
              </div>
            </div>
          </CaseSourceContext.Provider>
        ) : (
          <Panel title={t.title}>
            <p className="py-10 text-center text-slate-500">{t.noSelection}</p>
          </Panel>
        )}
      </div>
    </div>
  );
}

function Todo({ todo, selected, onSelect }: { todo: HoTodo | undefined; selected: string | null; onSelect(id: string): void }) {
  const t = useText(hoComplaintText);
  const c = useText(commonText);
  const ct = useText(complaintText);
  const now = useNow(30_000);
  const item = (x: HoTodo['approvals'][number]) => {
    const left = x.deadline ? timeLeft(x.deadline.dueAt, now) : null;
    return (
      <li key={`${x.act}-${x.case.id}`}>
        <button
          type="button"
          data-case={x.case.id}
          onClick={() => onSelect(x.case.id)}
          aria-current={selected === x.case.id || undefined}
          className={`w-full rounded-lg px-3 py-2 text-left ring-1 ${selected === x.case.id ? 'bg-teal-50 ring-teal-600' : 'bg-white ring-slate-200 hover:bg-slate-50'}`}
        >
          <div className="flex items-baseline gap-2">
            <span className="rounded bg-slate-100 px-1 text-xs text-slate-700">{x.case.clinic}</span>
            <span className="font-mono font-bold">{x.case.number ?? '—'}</span>
            <span className="font-bold">{x.case.patientName}</span>
            {x.amount > 0 && <span className="text-sm">{t.amount(x.amount)}</span>}
            <span className="ml-auto text-sm text-slate-600">{t.act[x.act]}</span>
          </div>
          <div className="flex items-baseline gap-2 text-sm text-slate-600">
            <span>{t.by(x.roles.map((r) => c.role[r as StaffRole] ?? r).join(' / '))}</span>
            {x.case.missingCalendarYears.length > 0 && <span className="rounded bg-amber-200 px-1 text-xs text-amber-900" data-testid="todo-calendar-missing">{ct.calendarMissingShort(x.case.missingCalendarYears.join('、'))}</span>}
            {x.deadline && (
              <span className={`ml-auto shrink-0 rounded px-1.5 ${statusTone[x.deadline.status]}`} data-testid="todo-due">
                {t.due(dueWhen(x.deadline.dueAt))}
                {left && x.deadline.status !== 'open' ? ` · ${leftText(ct, left)}` : ''}
              </span>
            )}
          </div>
        </button>
      </li>
    );
  };
  const list = (title: string, rows: HoTodo['approvals'], testId: string) => (
    <section aria-label={title}>
      <h3 className="mb-1 font-bold">
        {title} <span className="text-sm font-normal text-slate-500">({rows.length})</span>
      </h3>
      {rows.length === 0 ? <p className="text-sm text-slate-400">{t.noTodo}</p> : <ul className="space-y-1" data-testid={testId}>{rows.map(item)}</ul>}
    </section>
  );
  return (
    <Panel title={t.todo}>
      {!todo ? (
        <p>{c.loading}</p>
      ) : (
        <div className="space-y-3">
          {list(t.approvals, todo.approvals, 'todo-approvals')}
          {list(t.penalties, todo.penalties, 'todo-penalties')}
          {list(t.escalations, todo.escalations, 'todo-escalations')}
          <section aria-label={t.reviews}>
            <h3 className="mb-1 font-bold">{t.reviews}</h3>
            <ul className="space-y-1" data-testid="todo-reviews">
              {todo.reviews.map((r) => (
                <Review key={`${r.clinic}-${r.month}`} review={r} />
              ))}
            </ul>
          </section>
        </div>
      )}
    </Panel>
  );
}

const reviewTone: Record<HoMonthReview['status'], string> = { reviewed: statusTone.done!, reviewedLate: statusTone.late!, open: statusTone.open!, overdue: statusTone.overdue! };

function Review({ review: r }: { review: HoMonthReview }) {
  const t = useText(hoComplaintText);
  const role = useShell((s) => s.status?.operator?.role);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const submit = useSubmit();
  const mayReview = role === 'gmOffice' || role === 'gm';
  const done = r.status === 'reviewed' || r.status === 'reviewedLate';
  return (
    <li className="rounded-lg bg-white px-3 py-2 ring-1 ring-slate-200" data-testid={`review-${r.clinic}`}>
      <div className="flex items-baseline gap-2">
        <span className="rounded bg-slate-100 px-1 text-xs text-slate-700">{r.clinic}</span>
        <span className="text-sm">{t.reviewLine(r.month, r.closedCases, r.penalised)}</span>
        <span className={`ml-auto shrink-0 rounded px-1.5 text-sm ${reviewTone[r.status]}`}>{t.reviewStatus[r.status]}</span>
      </div>
      <div className="flex items-baseline gap-2 text-sm text-slate-600">
        {done ? <span>{t.reviewedBy(r.reviewedByName ?? '', when(r.reviewedAt!))}：{r.note}</span> : <span>{t.due(dueWhen(r.dueAt))}</span>}
        {!done && mayReview && !open && (
          <Button variant="secondary" className="ml-auto py-1" onClick={() => setOpen(true)}>
            {t.reviewAct}
          </Button>
        )}
      </div>
      {open && !done && (
        <form
          className="mt-2 space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            void submit.send(async () => {
              await api['headoffice.complaintReview']({ clinic: r.clinic, month: r.month, note });
              setOpen(false);
            });
          }}
        >
          {submit.general && <Banner tone="error">{submit.general}</Banner>}
          <Field label={t.reviewNote} required error={submit.errors.note ?? submit.errors.month}>
            {(id, by) => <TextArea id={id} aria-describedby={by} rows={2} value={note} maxLength={1000} autoFocus onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <div className="flex gap-2">
            <Button type="submit" disabled={submit.busy}>
              {t.reviewSubmit}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              {t.cancel}
            </Button>
          </div>
        </form>
      )}
    </li>
  );
}

function CaseRows({ cases, selected, onSelect, testId }: { cases: HoCaseSummary[]; selected: string | null; onSelect(id: string): void; testId: string }) {
  const t = useText(hoComplaintText);
  const ct = useText(complaintText);
  const now = useNow(30_000);
  if (cases.length === 0) return <p className="text-sm text-slate-400">{t.noCases}</p>;
  return (
    <ul className="space-y-1" data-testid={testId}>
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
                <span className="rounded bg-slate-100 px-1 text-xs text-slate-700">{s.clinic}</span>
                <span className="font-mono font-bold">{s.number ?? ct.numberPending}</span>
                <span className="font-bold">{s.patientName}</span>
                {s.overdue.length > 0 && <span className="rounded bg-rose-600 px-1 text-xs text-white">{ct.overdue}</span>}
                {s.missingCalendarYears.length > 0 && <span className="rounded bg-amber-200 px-1 text-xs text-amber-900">{ct.calendarMissingShort(s.missingCalendarYears.join('、'))}</span>}
                <span className="ml-auto whitespace-nowrap text-sm text-slate-600">{ct.stepName[s.currentKey]}</span>
              </div>
              <div className="flex items-baseline gap-2 text-sm">
                <span className="truncate text-slate-600">{s.what}</span>
                {d && left && <span className={`ml-auto shrink-0 rounded px-1.5 ${statusTone[d.status]}`}>{leftText(ct, left)}</span>}
              </div>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
