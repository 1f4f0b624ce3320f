import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import type { FiguresView } from '../../shared/followup/schemas';
import { Button } from '../ui/ui';
import { followupText } from './i18n';

/**
 * The Friday report's follow-up part (seed 001: 每週五): each clinic's calls due, reached, success
 * rate, overdue and satisfaction against the 90 % target, and the chain's total; .xlsx beside it.
 * Shown on head office's 报表 screen under the week's service figures, and printed with them.
 */
export function FollowupReport({ day, onFile }: { day: string; onFile(file: Awaited<ReturnType<(typeof api)['headoffice.followupReportXlsx']>>): void }) {
  const t = useText(followupText);
  const q = useQuery('headoffice.followupReport', { date: day, period: 'week' });
  const r = q.data;
  if (!r) return null;
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
  const cells = (f: FiguresView) => [f.due, f.reached, pct(f.successRate), f.overdue, f.total.answers, pct(f.total.share), f.total.met === null ? '—' : f.total.met ? t.met : t.missed];
  const head = [t.reportClinic, t.reportDue, t.reportReached, t.reportSuccess, t.overdue, t.reportAnswers, t.reportSatisfaction, t.reportTarget];
  return (
    <section className="mt-4" aria-label={t.reportTitle} data-testid="followup-report">
      <div className="mb-1 flex items-center gap-3">
        <h3 className="font-bold">{t.reportTitle}</h3>
        <Button variant="secondary" className="no-print ml-auto py-1 text-sm" onClick={() => void api['headoffice.followupReportXlsx']({ date: day, period: 'week' }).then(onFile)}>
          {t.reportXlsx}
        </Button>
      </div>
      <table className="w-full text-sm" aria-label={t.reportTitle}>
        <thead>
          <tr className="text-left text-slate-500">
            {head.map((h, i) => (
              <th key={h} className={`py-1 font-medium ${i > 0 ? 'text-right' : ''}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...r.clinics, { ...r.total, name: t.reportTotal }].map((c) => (
            <tr key={c.code} className="border-t border-slate-200">
              <td className="py-1">{c.name}</td>
              {cells(c.figures).map((v, i) => (
                <td key={i} className="py-1 text-right tabular-nums">
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {r.clinics.some((c) => c.figures.comments.length > 0) && (
        <ul className="mt-2 space-y-1 text-sm">
          {r.clinics.flatMap((c) =>
            c.figures.comments.map((x) => (
              <li key={`${x.taskId}:${x.at}`}>
                {c.name} · {x.customerName}
                {x.feedback ? `（${t.feedbackClass[x.feedback]}）` : ''}：{x.comments}
              </li>
            )),
          )}
        </ul>
      )}
    </section>
  );
}
