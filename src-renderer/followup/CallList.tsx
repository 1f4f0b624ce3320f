import { useId, useState } from 'react';
import { flushSync } from 'react-dom';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { fromApiError, type FieldErrors } from '../ui/errors';
import { clinicDate, clinicTime } from '../../shared/time';
import { attemptResults, feedbackClasses, ratingLevels, ratingQuestions, type AttemptResult, type FeedbackClass, type Ratings } from '../../shared/followup/rules';
import type { AttemptInput, TaskView } from '../../shared/followup/schemas';
import { Button, Panel } from '../ui/ui';
import { DateTimeField } from '../ui/DateTimeField';
import { useKeyList } from '../ui/useKeyList';
import { followupText } from './i18n';

/**
 * The parts of a call list both callers use: the clinic's desk (FollowupScreen, followup.*) and
 * head office's call centre (headoffice/HoFollowupScreen, headoffice.followup* in the clinic's
 * database). Each screen passes its own operations; the keys and the form are the same.
 */
export type Attempt = (input: AttemptInput) => Promise<TaskView>;

/** What a row's key records: results without details are sent at once, 接通 and 约定改时间 open the form. */
export function useRecord(attempt: Attempt, onSaved: (task: TaskView) => void, onError: (e: unknown) => void) {
  const [form, setForm] = useState<{ id: string; result: AttemptResult } | null>(null);
  const record = (task: TaskView, result: AttemptResult) => {
    if (result === 'reached' || result === 'reschedule') {
      flushSync(() => setForm({ id: task.id, result }));
      return;
    }
    attempt({ taskId: task.id, result })
      .then(() => onSaved(task))
      .catch(onError);
  };
  return { form, setForm, record };
}

/** The due list: arrows move, Enter opens the call (or marks a message 已发送), 1–6 record a result. */
export function TaskList({ tasks, activeId, setActiveId, onRecord, onTake, label, showClinic = false }: { tasks: TaskView[]; activeId: string | null; setActiveId(id: string): void; onRecord(task: TaskView, result: AttemptResult): void; onTake(task: TaskView): void; label: string; showClinic?: boolean }) {
  const t = useText(followupText);
  // ↑↓ and the focus from ui/useKeyList (the row's own button takes its Enter); the keys of a call here.
  const { rowProps } = useKeyList(tasks, activeId, setActiveId, (e, task) => {
    if (e.key === 'Enter') onRecord(task, task.channel === 'message' ? 'sent' : 'reached');
    else if (/^[1-6]$/.test(e.key)) onRecord(task, attemptResults[Number(e.key) - 1]!);
    else return false;
    return true;
  });
  return (
    <ul className="divide-y divide-slate-200 overflow-auto" aria-label={label}>
      {tasks.map((task, i) => (
        <li
          key={task.id}
          {...rowProps(task, i)}
          data-testid="followup-row"
          className="flex items-center gap-3 px-3 py-2 outline-none focus:bg-teal-50 aria-selected:bg-teal-50"
        >
          {showClinic && <span className="shrink-0 rounded bg-slate-200 px-1.5 text-sm font-medium text-slate-700">{task.clinic}</span>}
          <span className="w-20 shrink-0 truncate font-bold">{task.customerName}</span>
          <span className="w-36 shrink-0 text-sm whitespace-nowrap">{t.plan[task.planId]}</span>
          <span className="shrink-0 text-sm whitespace-nowrap tabular-nums">{task.dial ?? task.phone}</span>
          <span className="min-w-0 truncate text-sm text-slate-600">{task.departmentName}</span>
          <span className="ml-auto shrink-0 text-sm whitespace-nowrap text-slate-600 tabular-nums">{task.nextAt ? t.due(`${clinicDate(task.nextAt).slice(5)} ${clinicTime(task.nextAt)}`) : ''}</span>
          {task.overdue && <span className="shrink-0 rounded bg-red-100 px-2 text-sm whitespace-nowrap text-red-800">{t.overdue}</span>}
          <span className="shrink-0 text-sm whitespace-nowrap text-slate-500">{t.attempts(task.attempts, task.tries)}</span>
          {task.contested ? <span className="shrink-0 text-sm whitespace-nowrap text-amber-800">{t.contested}</span> : task.takenByName && <span className="shrink-0 text-sm whitespace-nowrap text-slate-500">{t.takenBy(task.takenByName)}</span>}
          {!task.takenBy && (
            <Button variant="secondary" className="shrink-0 py-1 text-sm whitespace-nowrap" onClick={() => onTake(task)}>
              {t.take}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The call's form: the four ratings of the survey (seed 003) and the feedback's class, or the agreed time; a refusal shows on its field. */
export function CallForm({ task, result, attempt, onDone, onCancel, onError }: { task: TaskView | undefined; result: AttemptResult; attempt: Attempt; onDone(task: TaskView, comments: string, complaint: boolean): void; onCancel(): void; onError(e: unknown): void }) {
  const t = useText(followupText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const [ratings, setRatings] = useState<Ratings>({ attitude: 'satisfied', skill: 'satisfied', punctuality: 'satisfied', promises: 'satisfied' });
  const [feedback, setFeedback] = useState<FeedbackClass | null>(null);
  const [comments, setComments] = useState('');
  const [at, setAt] = useState('');
  const atId = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  if (!task) return null;
  const save = () => {
    const input =
      result === 'reached'
        ? { taskId: task.id, result, ratings, feedback, comments }
        : { taskId: task.id, result, rescheduleAt: at ? new Date(at).toISOString() : null, comments };
    attempt(input)
      .then(() => onDone(task, comments, result === 'reached' && feedback === 'complaint'))
      .catch((e: unknown) => {
        const { fields, general } = fromApiError(e, locale, c.error);
        const here = Object.fromEntries(Object.entries(fields).filter(([f]) => f !== 'taskId' && f !== 'role'));
        setErrors(here);
        if (general || Object.keys(here).length < Object.keys(fields).length) onError(e);
      });
  };
  const fieldError = (f: string) =>
    errors[f] && (
      <span role="alert" className="block text-sm text-red-700">
        {errors[f]}
      </span>
    );
  return (
    <Panel title={t.callTitle(task.customerName)}>
      <form
        className="space-y-3"
        aria-label={t.callTitle(task.customerName)}
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
                <legend className="min-w-24 font-medium">{t.question[q]}</legend>
                {ratingLevels.map((l) => (
                  <label key={l} className="flex items-center gap-1">
                    <input type="radio" name={q} checked={ratings[q] === l} onChange={() => setRatings({ ...ratings, [q]: l })} />
                    {t.level[l]}
                  </label>
                ))}
                {fieldError(`ratings.${q}`)}
              </fieldset>
            ))}
            <fieldset className="flex flex-wrap items-center gap-3">
              <legend className="min-w-24 font-medium">{t.feedback}</legend>
              {feedbackClasses.map((f) => (
                <label key={f} className="flex items-center gap-1">
                  <input type="radio" name="feedback" checked={feedback === f} onChange={() => setFeedback(f)} />
                  {t.feedbackClass[f]}
                </label>
              ))}
              {fieldError('feedback')}
            </fieldset>
          </>
        ) : (
          <div>
            <label htmlFor={atId} className="block">
              {t.rescheduleAt}
            </label>
            <DateTimeField id={atId} invalid={Boolean(errors.rescheduleAt)} className="mt-1 w-72" value={at} onChange={(e) => setAt(e.target.value)} />
            {fieldError('rescheduleAt')}
          </div>
        )}
        <label className="block">
          {t.comments}
          <textarea className="mt-1 block w-full rounded border px-2 py-1" maxLength={1000} value={comments} onChange={(e) => setComments(e.target.value)} />
          {fieldError('comments')}
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
