import { useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { saveFile } from '../headoffice/ReportsScreen';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { fromApiError } from '../ui/errors';
import { commonText } from '../i18n/common';
import type { ComplaintFromCallInput, TaskView } from '../../shared/followup/schemas';
import { Banner, Button, Panel, TabList } from '../ui/ui';
import { FiguresPanel } from './FiguresPanel';
import { followupText } from './i18n';
import { SurveyForm } from './SurveyForm';
import { CallForm, TaskList, useRecord } from './CallList';

/** The desk's 回访: 今日回访 (the call list) and 统计 (the figures); ←/→ move between the tabs. */
export function FollowupScreen() {
  const t = useText(followupText);
  const [tab, setTab] = useState<'calls' | 'figures'>('calls');
  return (
    <div className="flex h-full min-h-0 flex-col gap-3">
      <TabList
        label={t.tabs}
        value={tab}
        onChange={setTab}
        tabs={[
          { value: 'calls', label: t.tabCalls },
          { value: 'figures', label: t.tabFigures },
        ]}
      />
      <div role="tabpanel" className="min-h-0 flex-1">
        {tab === 'calls' ? <CallsPanel /> : <FiguresPanel />}
      </div>
    </div>
  );
}

/** The call list (今日回访): arrows move, number keys record an outcome, Enter opens the call form. */
function CallsPanel() {
  const t = useText(followupText);
  const c = useText(commonText);
  const tasks = useQuery('followup.list', { mine: false });
  const [activeId, setActiveId] = useState<string | null>(null);
  /** A call whose feedback was 投诉: its complaint intake, channel 回访反馈 (the task has left the list). */
  const [complaintFor, setComplaintFor] = useState<{ task: TaskView; comments: string } | null>(null);
  const locale = useLocale((s) => s.locale);
  /** The printable survey form: for the chosen task, or blank (null) when the list is empty. */
  const [survey, setSurvey] = useState<{ task: TaskView | null } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = tasks.data ?? [];
  const fail = (e: unknown) => {
    const { fields, general } = fromApiError(e, locale, c.error);
    setError(general ?? Object.values(fields).join(locale === 'zh-CN' ? '；' : '; '));
  };

  const { form, setForm, record } = useRecord(
    (input) => api['followup.attempt'](input),
    (task) => {
      setMessage(t.saved(task.customerName));
      setError(null);
    },
    fail,
  );

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
        <TaskList tasks={list} activeId={activeId} setActiveId={setActiveId} onRecord={record} onTake={(task) => void api['followup.take']({ taskId: task.id }).catch(fail)} label={t.list} />
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
            attempt={(input) => api['followup.attempt'](input)}
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

/**
 * The complaint intake from a call classified 投诉: channel 回访反馈, the patient from the task; the two
 * records point at each other. `save`: the desk's followup.complaint, or head office's
 * headoffice.followupComplaint (written in the clinic's database).
 */
export function ComplaintForm({ task, comments, onDone, onCancel, onError, save = (input) => api['followup.complaint'](input) }: { task: TaskView; comments: string; onDone(saved: TaskView): void; onCancel(): void; onError(e: unknown): void; save?: (input: ComplaintFromCallInput) => Promise<TaskView> }) {
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
          save({ taskId: task.id, what, wants, staffInvolved: staff }).then(onDone).catch(onError);
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
