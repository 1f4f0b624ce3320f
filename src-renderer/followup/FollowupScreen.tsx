import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { saveFile } from '../headoffice/ReportsScreen';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { fromApiError } from '../ui/errors';
import { commonText } from '../i18n/common';
import { clinicDate, clinicTime } from '../../shared/time';
import { attemptResults, feedbackClasses, ratingLevels, ratingQuestions, type AttemptResult, type FeedbackClass, type Ratings } from '../../shared/followup/rules';
import type { TaskView } from '../../shared/followup/schemas';
import { Banner, Button, Panel } from '../ui/ui';
import { followupText } from './i18n';
import { SurveyForm } from './SurveyForm';

/** The call list (今日回访): arrows move, number keys record an outcome, Enter opens the call form. */
export function FollowupScreen() {
  const t = useText(followupText);
  const c = useText(commonText);
  const tasks = useQuery('followup.list', { mine: false });
  const [activeId, setActiveId] = useState<string | null>(null);
  const [form, setForm] = useState<{ id: string; result: AttemptResult } | null>(null);
  /** A call whose feedback was 投诉: its complaint intake, channel 回访反馈 (the task has left the list). */
  const [complaintFor, setComplaintFor] = useState<{ task: TaskView; comments: string } | null>(null);
  const locale = useLocale((s) => s.locale);
  /** The printable survey form: for the chosen task, or blank (null) when the list is empty. */
  const [survey, setSurvey] = useState<{ task: TaskView | null } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refs = useRef(new Map<string, HTMLLIElement>());
  const list = tasks.data ?? [];
  const fail = (e: unknown) => {
    const { fields, general } = fromApiError(e, locale, c.error);
    setError(general ?? Object.values(fields).join(locale === 'zh-CN' ? '；' : '; '));
  };

  const record = (task: TaskView, result: AttemptResult) => {
    if (result === 'reached' || result === 'reschedule') {
      flushSync(() => setForm({ id: task.id, result }));
      return;
    }
    api['followup.attempt']({ taskId: task.id, result })
      .then(() => {
        setMessage(t.saved(task.customerName));
        setError(null);
      })
      .catch(fail);
  };

  const onKey = (e: React.KeyboardEvent, task: TaskView, i: number) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = list[i + (e.key === 'ArrowDown' ? 1 : -1)];
      if (next) {
        flushSync(() => setActiveId(next.id));
        refs.current.get(next.id)?.focus();
      }
    } else if (e.key === 'Enter') {
      e.preventDefault();
      record(task, task.channel === 'message' ? 'sent' : 'reached');
    } else if (/^[1-6]$/.test(e.key)) {
      e.preventDefault();
      record(task, attemptResults[Number(e.key) - 1]!);
    }
  };

  return (
    <div className="grid h-full grid-cols-5 gap-4">
      <Panel className="col-span-3" title={t.list}>
        <div className="mb-2 flex items-start gap-3">
          <p className="flex-1 text-sm text-slate-500">{t.hint}</p>
          <Button variant="secondary" className="shrink-0 py-1 text-sm whitespace-nowrap" onClick={() => setSurvey({ task: list.find((x) => x.id === activeId) ?? list[0] ?? null })}>
            {t.surveyPrint}
          </Button>
          <Button variant="secondary" className="shrink-0 py-1 text-sm whitespace-nowrap" onClick={() => void api['followup.messagesXlsx']({}).then(saveFile).catch(fail)}>
            {t.smsList}
          </Button>
        </div>
        {message && (
          <p role="status" className="mb-2 rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-900">
            {message}
          </p>
        )}
        {(error ?? tasks.error) && <Banner tone="error">{error ?? (tasks.error && (c.error[tasks.error.code] ?? tasks.error.message))}</Banner>}
        {tasks.data && list.length === 0 && <p className="p-6 text-center text-slate-500">{t.empty}</p>}
        <ul className="divide-y divide-slate-200 overflow-auto" aria-label={t.list}>
          {list.map((task, i) => (
            <li
              key={task.id}
              ref={(el) => {
                if (el) refs.current.set(task.id, el);
                else refs.current.delete(task.id);
              }}
              tabIndex={0}
              aria-selected={task.id === (activeId ?? list[0]?.id)}
              data-testid="followup-row"
              onFocus={() => setActiveId(task.id)}
              onKeyDown={(e) => onKey(e, task, i)}
              className="flex items-center gap-3 px-3 py-2 outline-none focus:bg-teal-50 aria-selected:bg-teal-50"
            >
              <span className="w-20 shrink-0 truncate font-bold">{task.customerName}</span>
              <span className="w-36 shrink-0 text-sm whitespace-nowrap">{t.plan[task.planId]}</span>
              <span className="shrink-0 text-sm whitespace-nowrap tabular-nums">{task.dial ?? task.phone}</span>
              <span className="min-w-0 truncate text-sm text-slate-600">{task.departmentName}</span>
              <span className="ml-auto shrink-0 text-sm whitespace-nowrap text-slate-600 tabular-nums">{task.nextAt ? t.due(`${clinicDate(task.nextAt).slice(5)} ${clinicTime(task.nextAt)}`) : ''}</span>
              {task.overdue && <span className="shrink-0 rounded bg-red-100 px-2 text-sm whitespace-nowrap text-red-800">{t.overdue}</span>}
              <span className="shrink-0 text-sm whitespace-nowrap text-slate-500">{t.attempts(task.attempts, task.tries)}</span>
              {task.contested ? <span className="shrink-0 text-sm whitespace-nowrap text-amber-800">{t.contested}</span> : task.takenByName && <span className="shrink-0 text-sm whitespace-nowrap text-slate-500">{t.takenBy(task.takenByName)}</span>}
              {!task.takenBy && (
                <Button variant="secondary" className="shrink-0 py-1 text-sm whitespace-nowrap" onClick={() => void api['followup.take']({ taskId: task.id }).catch(fail)}>
                  {t.take}
                </Button>
              )}
            </li>
          ))}
        </ul>
      </Panel>
      <div className="col-span-2">
        {form && (
          <CallForm
            key={form.id}
            task={list.find((x) => x.id === form.id)}
            result={form.result}
            onDone={(task, comments, complaint) => {
              setForm(null);
              setMessage(t.saved(task.customerName));
              setError(null);
              if (complaint) flushSync(() => setComplaintFor({ task, comments }));
            }}
            onCancel={() => setForm(null)}
            onError={fail}
          />
        )}
        {survey && <SurveyForm task={survey.task} onClose={() => setSurvey(null)} />}
        {complaintFor && (
          <ComplaintForm
            key={complaintFor.task.id}
            task={complaintFor.task}
            comments={complaintFor.comments}
            onDone={(saved) => {
              setComplaintFor(null);
              setMessage(t.complaintSaved(saved.customerName, saved.complaintNumber));
              setError(null);
            }}
            onCancel={() => setComplaintFor(null)}
            onError={fail}
          />
        )}
      </div>
    </div>
  );
}

function CallForm({ task, result, onDone, onCancel, onError }: { task: TaskView | undefined; result: AttemptResult; onDone(task: TaskView, comments: string, complaint: boolean): void; onCancel(): void; onError(e: unknown): void }) {
  const t = useText(followupText);
  const [ratings, setRatings] = useState<Ratings>({ attitude: 'satisfied', skill: 'satisfied', punctuality: 'satisfied', promises: 'satisfied' });
  const [feedback, setFeedback] = useState<FeedbackClass | null>(null);
  const [comments, setComments] = useState('');
  const [at, setAt] = useState('');
  if (!task) return null;
  const save = () => {
    const input =
      result === 'reached'
        ? { taskId: task.id, result, ratings, feedback, comments }
        : { taskId: task.id, result, rescheduleAt: at ? new Date(at).toISOString() : null, comments };
    api['followup.attempt'](input)
      .then(() => onDone(task, comments, result === 'reached' && feedback === 'complaint'))
      .catch(onError);
  };
  return (
    <Panel title={t.callTitle(task.customerName)}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <p className="text-lg tabular-nums">{task.dial ?? task.phone}</p>
        <p className="font-medium">{t.result[result]}</p>
        {result === 'reached' ? (
          <>
            {ratingQuestions.map((q) => (
              <fieldset key={q} className="flex flex-wrap items-center gap-3">
                <legend className="w-24 font-medium">{t.question[q]}</legend>
                {ratingLevels.map((l) => (
                  <label key={l} className="flex items-center gap-1">
                    <input type="radio" name={q} checked={ratings[q] === l} onChange={() => setRatings({ ...ratings, [q]: l })} />
                    {t.level[l]}
                  </label>
                ))}
              </fieldset>
            ))}
            <fieldset className="flex flex-wrap items-center gap-3">
              <legend className="w-24 font-medium">{t.feedback}</legend>
              {feedbackClasses.map((f) => (
                <label key={f} className="flex items-center gap-1">
                  <input type="radio" name="feedback" checked={feedback === f} onChange={() => setFeedback(f)} />
                  {t.feedbackClass[f]}
                </label>
              ))}
            </fieldset>
          </>
        ) : (
          <label className="block">
            {t.rescheduleAt}
            <input type="datetime-local" className="ml-2 rounded border px-2 py-1" value={at} onChange={(e) => setAt(e.target.value)} />
          </label>
        )}
        <label className="block">
          {t.comments}
          <textarea className="mt-1 block w-full rounded border px-2 py-1" maxLength={1000} value={comments} onChange={(e) => setComments(e.target.value)} />
        </label>
        <div className="flex gap-2">
          <Button type="submit">{t.save}</Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            {t.cancel}
          </Button>
        </div>
      </form>
    </Panel>
  );
}

/** The complaint intake from a call classified 投诉: channel 回访反馈, the patient from the task; the two records point at each other. */
function ComplaintForm({ task, comments, onDone, onCancel, onError }: { task: TaskView; comments: string; onDone(saved: TaskView): void; onCancel(): void; onError(e: unknown): void }) {
  const t = useText(followupText);
  const [what, setWhat] = useState(comments);
  const [wants, setWants] = useState('');
  const [staff, setStaff] = useState('');
  return (
    <Panel title={t.complaintTitle(task.customerName)}>
      <form
        className="space-y-3"
        aria-label={t.complaintTitle(task.customerName)}
        onSubmit={(e) => {
          e.preventDefault();
          api['followup.complaint']({ taskId: task.id, what, wants, staffInvolved: staff }).then(onDone).catch(onError);
        }}
      >
        <p className="font-medium">{t.complaintChannel}</p>
        <label className="block">
          {t.complaintWhat}
          <textarea autoFocus className="mt-1 block w-full rounded border px-2 py-1" maxLength={2000} required value={what} onChange={(e) => setWhat(e.target.value)} />
        </label>
        <label className="block">
          {t.complaintWants}
          <textarea className="mt-1 block w-full rounded border px-2 py-1" maxLength={1000} value={wants} onChange={(e) => setWants(e.target.value)} />
        </label>
        <label className="block">
          {t.complaintStaff}
          <input className="mt-1 block w-full rounded border px-2 py-1" maxLength={200} value={staff} onChange={(e) => setStaff(e.target.value)} />
        </label>
        <div className="flex gap-2">
          <Button type="submit">{t.complaintSave}</Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            {t.cancel}
          </Button>
        </div>
      </form>
    </Panel>
  );
}
