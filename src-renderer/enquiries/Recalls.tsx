import { useId, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { ApiError } from '../../shared/errors';
import { clinicDate, clinicTime } from '../../shared/time';
import { attemptResults, type AttemptResult } from '../../shared/followup/rules';
import type { TaskView } from '../../shared/followup/schemas';
import { followupText } from '../followup/i18n';
import { Banner, Button } from '../ui/ui';
import { DateTimeField } from '../ui/DateTimeField';
import { useKeyList } from '../ui/useKeyList';
import { BookPanel } from './Book';
import { enquiryIdOf, RecallAnswers } from './RecallAnswers';
import { enquiryText } from './i18n';

/** The results a re-call records from the keyboard (1–5): a re-call is a call, never a message. */
const keyed = attemptResults.filter((r) => r !== 'sent');


/**
 * 询诊回访 (seed 003 询诊患者定期回访): the enquirers who did not book, due for a re-call today
 * (`followup.recalls`). The keyboard works as on the 回访 list: ↑↓ choose, Enter opens 接通 (the
 * enquiry's own questions, RecallAnswers), 1–5 record a result; B books from the enquiry and
 * records the call as 接通 (本次已预约).
 */
export function Recalls() {
  const t = useText(enquiryText);
  const f = useText(followupText);
  const c = useText(commonText);
  const tasks = useQuery('followup.recalls', {});
  const [activeId, setActiveId] = useState<string | null>(null);
  const [form, setForm] = useState<{ id: string; kind: 'reached' | 'reschedule' | 'book' } | null>(null);
  // Kept as what happened, not as text: the message follows a change of language.
  const [message, setMessage] = useState<{ name: string; again: boolean | null; booked?: true } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = tasks.data ?? [];
  const fail = (e: unknown) => setError(e instanceof ApiError ? `${c.error[e.code] ?? e.message}（${e.message}）` : c.error.internal);

  const record = (task: TaskView, result: AttemptResult) => {
    if (result === 'reached' || result === 'reschedule') {
      flushSync(() => setForm({ id: task.id, kind: result }));
      return;
    }
    api['followup.attempt']({ taskId: task.id, result })
      .then(() => {
        setMessage({ name: task.customerName, again: null });
        setError(null);
      })
      .catch(fail);
  };

  /**
   * Booked with B (or 预约): she was reached and booked on this call, so the re-call is recorded as
   * 接通 → 本次已预约, 不再回访 (`enquiry.recall`), as the 接通 form records it; the task closes. A
   * refusal of the re-call (someone else recorded it meanwhile) shows above the list: the booking stands.
   */
  const bookedOnCall = (task: TaskView) =>
    api['enquiry.recall']({ taskId: task.id, booked: 'here', reason: null, reasonNote: '', nextStep: 'none', nextAt: null, note: '' })
      .then(() => {
        setMessage({ name: task.customerName, again: false, booked: true });
        setError(null);
      })
      .catch(fail);

  // ↑↓ and the focus from ui/useKeyList, as on the 回访 list; the keys of a re-call here.
  const rows = useKeyList(list, activeId, setActiveId, (e, task) => {
    if (e.key === 'Enter') record(task, 'reached');
    else if (e.key === 'b' || e.key === 'B') flushSync(() => setForm({ id: task.id, kind: 'book' }));
    else if (/^[1-5]$/.test(e.key)) record(task, keyed[Number(e.key) - 1]!);
    else return false;
    return true;
  });

  return (
    <section aria-label={t.recallTitle(list.length)} data-testid="enquiry-recalls">
      <h3 className="mb-1 font-semibold text-slate-800">{t.recallTitle(list.length)}</h3>
      <p className="mb-2 text-sm text-slate-500">{t.recallHint}</p>
      {message && (
        <p role="status" className="mb-2 rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-900">
          {message.booked ? t.recallBookedSaved(message.name) : message.again === null ? f.saved(message.name) : t.recallSaved(message.name, message.again)}
        </p>
      )}
      {(error ?? tasks.error) && <Banner tone="error">{error ?? (tasks.error && (c.error[tasks.error.code] ?? tasks.error.message))}</Banner>}
      {tasks.data && list.length === 0 && <p className="p-6 text-center text-slate-500">{t.recallNone}</p>}
      <ul className="divide-y divide-slate-200" aria-label={t.recallTitle(list.length)}>
        {list.map((task, i) => (
          <li
            key={task.id}
            {...rows.rowProps(task, i)}
            data-testid="recall-row"
            className="px-3 py-2 outline-none focus:bg-teal-50 aria-selected:bg-teal-50"
          >
            <div className="flex items-center gap-3">
              <span className="w-20 shrink-0 truncate font-bold">{task.customerName}</span>
              <span className="shrink-0 text-sm whitespace-nowrap tabular-nums">{task.dial ?? task.phone}</span>
              <span className="text-sm text-slate-600">{t.recallAsked(enquiryIdOf(task).split(':')[2] ?? '')}</span>
              <span className="ml-auto shrink-0 text-sm whitespace-nowrap text-slate-600 tabular-nums">{task.nextAt ? f.due(`${clinicDate(task.nextAt).slice(5)} ${clinicTime(task.nextAt)}`) : ''}</span>
              {task.overdue && <span className="shrink-0 rounded bg-red-100 px-2 text-sm whitespace-nowrap text-red-800">{f.overdue}</span>}
              <span className="shrink-0 text-sm whitespace-nowrap text-slate-500">{f.attempts(task.attempts, task.tries)}</span>
              <Button variant="secondary" className="shrink-0 py-1 text-sm" onClick={() => setForm({ id: task.id, kind: 'book' })}>
                {t.book}
              </Button>
            </div>
            {form?.id === task.id && form.kind === 'book' && (
              <BookPanel
                e={{ id: enquiryIdOf(task), name: task.customerName, items: [] }}
                afterBook={() => bookedOnCall(task)}
                onClose={() => {
                  setForm(null);
                  rows.focus(task.id);
                }}
              />
            )}
            {form?.id === task.id && form.kind === 'reached' && (
              <RecallAnswers
                task={task}
                onDone={(again) => {
                  setForm(null);
                  setMessage({ name: task.customerName, again });
                  setError(null);
                }}
                onCancel={() => {
                  setForm(null);
                  rows.focus(task.id);
                }}
              />
            )}
            {form?.id === task.id && form.kind === 'reschedule' && (
              <RecallForm
                task={task}
                result={form.kind}
                onDone={() => {
                  setForm(null);
                  setMessage({ name: task.customerName, again: null });
                  setError(null);
                }}
                onCancel={() => setForm(null)}
                onError={fail}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 约定改时间 (with the time and comments), recorded through the follow-up domain's attempt. */
function RecallForm({ task, onDone, onCancel, onError }: { task: TaskView; result: 'reschedule'; onDone(): void; onCancel(): void; onError(e: unknown): void }) {
  const f = useText(followupText);
  const [comments, setComments] = useState('');
  const [at, setAt] = useState('');
  const atId = useId();
  const save = () => {
    api['followup.attempt']({ taskId: task.id, result: 'reschedule', rescheduleAt: at ? new Date(at).toISOString() : null, comments }).then(onDone).catch(onError);
  };
  return (
    <form
      className="mt-2 space-y-2 rounded-lg bg-white p-3 ring-1 ring-teal-300"
      data-testid="recall-form"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <p className="font-medium">{f.result.reschedule}</p>
      <div>
        <label htmlFor={atId} className="block">
          {f.rescheduleAt}
        </label>
        <DateTimeField id={atId} autoFocus className="mt-1 w-72" value={at} onChange={(e) => setAt(e.target.value)} />
      </div>
      <label className="block">
        {f.comments}
        <textarea className="mt-1 block w-full rounded border px-2 py-1" maxLength={1000} value={comments} onChange={(e) => setComments(e.target.value)} />
      </label>
      <div className="flex gap-2">
        <Button type="submit">{f.save}</Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {f.cancel}
        </Button>
      </div>
    </form>
  );
}
