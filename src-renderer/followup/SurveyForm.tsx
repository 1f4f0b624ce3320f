import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useText } from '../i18n/i18n';
import { useShell } from '../shell/store';
import { feedbackClasses, ratingLevels, ratingQuestions } from '../../shared/followup/rules';
import type { TaskView } from '../../shared/followup/schemas';
import { Button } from '../ui/ui';
import { followupText } from './i18n';

// A stylesheet, not an inline <style>: the Content-Security-Policy allows styles from the app only.
import './print.css';

/**
 * 服务满意度调查表 (seed 003), for a customer who prefers paper: the same four questions as the call
 * (服务态度, 技术, 准时, 守信), each with the four levels, the feedback class and comments; with the
 * customer's name and visit when opened on a task, blank otherwise; the clinic's name (head office
 * passes the task's clinic). Printed or saved as PDF (A4, one page).
 */
export function SurveyForm({ task, onClose, clinicName }: { task: TaskView | null; onClose(): void; clinicName?: string | undefined }) {
  const t = useText(followupText);
  const clinic = useShell((s) => s.status?.clinic);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const cell = 'border border-black px-2 py-2 align-middle';
  const box = <span className="mr-1 inline-block h-3.5 w-3.5 border border-black align-middle" aria-hidden />;
  return createPortal(
    <div className="survey-sheet fixed inset-0 z-50 overflow-auto bg-white p-8 text-black" role="dialog" aria-label={t.surveyTitle}>
      <div className="print-hide mb-4 flex gap-2">
        <Button autoFocus onClick={() => window.print()}>
          {t.printNow}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          {t.back}
        </Button>
      </div>
      <article className="mx-auto max-w-3xl text-sm" data-testid="survey-form">
        <h1 className="mb-1 text-center text-2xl font-bold">{t.surveyTitle}</h1>
        <p className="mb-4 text-center">{clinicName ?? clinic?.name ?? ''}</p>
        <table className="mb-4 w-full border-collapse">
          <tbody>
            <tr>
              <th className={`${cell} w-28 bg-slate-50 text-left font-medium`}>{t.surveyName}</th>
              <td className={cell}>{task?.customerName ?? ''}</td>
              <th className={`${cell} w-28 bg-slate-50 text-left font-medium`}>{t.surveyVisit}</th>
              <td className={cell}>{task ? [task.visitDate ?? task.dueDate, task.departmentName, task.consultantName ?? ''].filter(Boolean).join(' · ') : ''}</td>
            </tr>
          </tbody>
        </table>
        <p className="mb-2">{t.surveyIntro}</p>
        <table className="mb-4 w-full border-collapse">
          <thead>
            <tr>
              <th className={`${cell} bg-slate-50 text-left`}>{t.surveyQuestion}</th>
              {ratingLevels.map((l) => (
                <th key={l} className={`${cell} w-24 bg-slate-50`}>
                  {t.level[l]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ratingQuestions.map((q) => (
              <tr key={q}>
                <th className={`${cell} text-left font-medium`}>{t.question[q]}</th>
                {ratingLevels.map((l) => (
                  <td key={l} className={`${cell} text-center`}>
                    {box}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mb-2 font-medium">{t.feedback}</p>
        <p className="mb-4 flex gap-6">
          {feedbackClasses.map((f) => (
            <span key={f}>
              {box}
              {t.feedbackClass[f]}
            </span>
          ))}
        </p>
        <p className="mb-2 font-medium">{t.comments}</p>
        <div className="mb-6 h-40 border border-black" />
        <p className="flex justify-between">
          <span>{t.surveySignature}</span>
          <span>{t.surveyDate}</span>
        </p>
      </article>
    </div>,
    document.body,
  );
}
