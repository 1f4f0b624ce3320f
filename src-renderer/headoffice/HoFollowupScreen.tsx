import { useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { fromApiError } from '../ui/errors';
import { Banner, Button, Field, Panel, Select } from '../ui/ui';
import type { TaskView } from '../../shared/followup/schemas';
import { followupText } from '../followup/i18n';
import { CallForm, TaskList, useRecord } from '../followup/CallList';
import { ComplaintForm } from '../followup/FollowupScreen';
import { SurveyForm } from '../followup/SurveyForm';

/**
 * 回访 at head office: the call centre's list of one clinic or of all (全部门店, each row naming its clinic) (seed 001: 「改由集團公司客服部統一進行回訪」,
 * the plans whose caller is head office, e.g. the next-day survey), worked with the desk's keys and
 * call form; the calls are written in the clinic's database (headoffice.followup*), so head office's
 * own store announces no change and the list is read again after each step.
 */
export function HoFollowupScreen() {
  const t = useText(followupText);
  const clinics = useQuery('headoffice.clinics', {});
  const [clinic, setClinic] = useState('');
  const picker = (
    <div className="mb-2 flex items-end gap-3">
      <Field label={t.hoClinic} className="w-64 shrink-0">
        {(id) => (
          <Select id={id} value={clinic} onChange={(e) => setClinic(e.target.value)}>
            <option value="">{t.hoChoose}</option>
            <option value="*">{t.hoAllClinics}</option>
            {clinics.data?.map((x) => (
              <option key={x.code} value={x.code}>
                {x.code} · {x.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <p className="flex-1 text-sm text-slate-500">{t.hoHint}</p>
    </div>
  );
  return (
    <div className="grid h-full grid-cols-5 gap-4">
      {clinic ? (
        <ClinicCalls key={clinic} clinic={clinic} picker={picker} />
      ) : (
        <Panel className="col-span-3" title={t.hoTitle}>
          {picker}
        </Panel>
      )}
    </div>
  );
}

/**
 * One clinic's (or every clinic's, `*`) due calls (the plans whose caller is head office) and the
 * call being recorded; a call classified 投诉 opens the complaint intake, saved in the clinic's
 * database; 打印调查表 prints the paper survey for the chosen customer.
 */
function ClinicCalls({ clinic, picker }: { clinic: string; picker: ReactNode }) {
  const t = useText(followupText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const tasks = useQuery('headoffice.followupList', { clinic, mine: false, all: false });
  const clinics = useQuery('headoffice.clinics', {});
  const [activeId, setActiveId] = useState<string | null>(null);
  /** Whose call was recorded (the sentence follows the language switch). */
  const [savedName, setSavedName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** A call whose feedback was 投诉: its complaint intake (the task has left the list). */
  const [complaintFor, setComplaintFor] = useState<{ task: TaskView; comments: string } | null>(null);
  const [survey, setSurvey] = useState<{ task: TaskView | null } | null>(null);
  const list = tasks.data ?? [];
  const fail = (e: unknown) => {
    const { fields, general } = fromApiError(e, locale, c.error);
    setError(general ?? Object.values(fields).join(locale === 'zh-CN' ? '；' : '; '));
  };
  const [complaintSaved, setComplaintSaved] = useState<{ name: string; number: string | null } | null>(null);
  const saved = (name: string) => {
    setSavedName(name);
    setComplaintSaved(null);
    setError(null);
    tasks.reload();
  };
  const { form, setForm, record } = useRecord((input) => api['headoffice.followupAttempt'](input), (task) => saved(task.customerName), fail);
  const listError = tasks.error && (c.error[tasks.error.code] ?? tasks.error.message);
  return (
    <>
      <Panel className="col-span-3" title={t.hoTitle}>
        {picker}
        <div className="mb-2 flex items-start gap-3">
          <p className="flex-1 text-sm text-slate-500">{t.hint}</p>
          <Button variant="secondary" className="shrink-0 py-1 text-sm whitespace-nowrap" onClick={() => setSurvey({ task: list.find((x) => x.id === activeId) ?? list[0] ?? null })}>
            {t.surveyPrint}
          </Button>
        </div>
        {(savedName ?? complaintSaved) && (
          <p role="status" className="mb-2 rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-900">
            {complaintSaved ? t.complaintSaved(complaintSaved.name, complaintSaved.number) : t.saved(savedName!)}
          </p>
        )}
        {(error ?? listError) && <Banner tone="error">{error ?? listError}</Banner>}
        {tasks.data && list.length === 0 && <p className="p-6 text-center text-slate-500">{t.empty}</p>}
        <TaskList
          tasks={list}
          activeId={activeId}
          setActiveId={setActiveId}
          onRecord={record}
          onTake={(task) =>
            void api['headoffice.followupTake']({ taskId: task.id })
              .then(() => tasks.reload())
              .catch(fail)
          }
          label={t.hoTitle}
          showClinic={clinic === '*'}
        />
      </Panel>
      <div className="col-span-2 min-h-0 overflow-auto">
        {form && (
          <CallForm
            key={form.id}
            task={list.find((x) => x.id === form.id)}
            result={form.result}
            attempt={(input) => api['headoffice.followupAttempt'](input)}
            onDone={(task, comments, complaint) => {
              setForm(null);
              saved(task.customerName);
              if (complaint) flushSync(() => setComplaintFor({ task, comments }));
            }}
            onCancel={() => setForm(null)}
            onError={fail}
          />
        )}
        {survey && <SurveyForm task={survey.task} clinicName={clinics.data?.find((x) => x.code === (survey.task?.clinic ?? clinic))?.name} onClose={() => setSurvey(null)} />}
        {complaintFor && (
          <ComplaintForm
            key={complaintFor.task.id}
            task={complaintFor.task}
            comments={complaintFor.comments}
            save={(input) => api['headoffice.followupComplaint'](input)}
            onDone={(done) => {
              setComplaintFor(null);
              setSavedName(null);
              setComplaintSaved({ name: done.customerName, number: done.complaintNumber });
              setError(null);
            }}
            onCancel={() => setComplaintFor(null)}
            onError={fail}
          />
        )}
      </div>
    </>
  );
}
