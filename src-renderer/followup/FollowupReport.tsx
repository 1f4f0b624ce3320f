import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import type { FiguresView, FollowupReport as Report } from '../../shared/followup/schemas';
import { Button, Select } from '../ui/ui';
import { followupText } from './i18n';
import './print.css';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

/**
 * The Friday report's follow-up part (seed 001: 每週五): each clinic's calls due, reached, success
 * rate, overdue and satisfaction against the 90 % target, and the chain's total, for the week
 * (Saturday to Friday) or the month of the report's day; then satisfaction per department,
 * consultant and doctor, side by side, and the comments; .xlsx beside it. Shown on head office's
 * 报表 screen under the week's service figures and printed with them on one A4 landscape page.
 */
export function FollowupReport({ day, onFile }: { day: string; onFile(file: Awaited<ReturnType<(typeof api)['headoffice.followupReportXlsx']>>): void }) {
  const t = useText(followupText);
  const [span, setSpan] = useState<'week' | 'month'>('week');
  const q = useQuery('headoffice.followupReport', { date: day, period: span });
  const r = q.data;
  if (!r) return null;
  const cells = (f: FiguresView) => [f.due, f.reached, pct(f.successRate), f.overdue, f.total.answers, pct(f.total.share), f.total.met === null ? '—' : f.total.met ? t.met : t.missed];
  const head = [t.reportClinic, t.reportDue, t.reportReached, t.reportSuccess, t.overdue, t.reportAnswers, t.reportSatisfaction, t.reportTarget];
  const title = t.reportTitleOf(span, r.from, r.to);
  return (
    <section className="followup-report mt-3" aria-label={t.reportTitle} data-testid="followup-report">
      <div className="mb-1 flex items-center gap-3">
        <h3 className="font-bold">{title}</h3>
        <label className="no-print ml-auto flex items-center gap-2 text-sm whitespace-nowrap text-slate-600">
          {t.reportSpan}
          <Select aria-label={t.reportSpan} value={span} onChange={(e) => setSpan(e.target.value as 'week' | 'month')} className="py-1 text-sm" data-testid="followup-report-span">
            <option value="week">{t.reportWeek}</option>
            <option value="month">{t.reportMonth}</option>
          </Select>
        </label>
        <Button variant="secondary" className="no-print py-1 text-sm" onClick={() => void api['headoffice.followupReportXlsx']({ date: day, period: span }).then(onFile)}>
          {t.reportXlsx}
        </Button>
      </div>
      <table className="w-full text-sm" aria-label={t.reportTitle}>
        <thead>
          <tr className="text-left text-slate-500">
            {head.map((h, i) => (
              <th key={h} className={`py-0.5 font-medium ${i > 0 ? 'text-right' : ''}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...r.clinics, { ...r.total, name: t.reportTotal }].map((c) => (
            <tr key={c.code} className="border-t border-slate-200">
              <td className="py-0.5">{c.name}</td>
              {cells(c.figures).map((v, i) => (
                <td key={i} className="py-0.5 text-right tabular-nums">
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <Groups r={r} />
      {r.clinics.some((c) => c.figures.comments.length > 0) && (
        <ul className="mt-2 space-y-0.5 text-sm" aria-label={t.reportComments}>
          {r.clinics.flatMap((c) =>
            c.figures.comments.map((x) => (
              <li key={`${x.taskId}:${x.at}`}>{t.commentOf(c.name, x.customerName, x.feedback ? t.feedbackClass[x.feedback] : null, x.comments)}</li>
            )),
          )}
        </ul>
      )}
    </section>
  );
}

/** Satisfaction per department, consultant and doctor (the visit's), each clinic's rows, three tables side by side. */
function Groups({ r }: { r: Report }) {
  const t = useText(followupText);
  const many = r.clinics.length > 1;
  const kinds = [
    ['byDepartment', t.reportByDepartment],
    ['byConsultant', t.reportByConsultant],
    ['byDoctor', t.reportByDoctor],
  ] as const;
  return (
    <div className="mt-2 grid grid-cols-3 gap-3">
      {kinds.map(([k, label]) => {
        const rows = r.clinics.flatMap((c) => c.figures[k].map((g) => ({ ...g, clinic: c.code })));
        return (
          <table key={k} className="w-full text-sm" aria-label={label} data-testid={`followup-${k}`}>
            <thead>
              <tr className="text-left text-slate-500">
                <th className="py-0.5 font-medium">{label}</th>
                <th className="py-0.5 text-right font-medium">{t.reportAnswers}</th>
                <th className="py-0.5 text-right font-medium">{t.reportSatisfaction}</th>
                <th className="py-0.5 text-right font-medium">{t.reportTargetShort}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((g) => (
                <tr key={`${g.clinic}:${g.key}`} className="border-t border-slate-200">
                  <td className="py-0.5">{`${many ? `${g.clinic} · ` : ''}${g.name || t.reportUnnamed}`}</td>
                  <td className="py-0.5 text-right tabular-nums">{g.answers}</td>
                  <td className="py-0.5 text-right tabular-nums">{pct(g.share)}</td>
                  <td className={`py-0.5 text-right ${g.met === false ? 'text-rose-700' : ''}`}>{g.met === null ? '—' : g.met ? t.met : t.missed}</td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr className="border-t border-slate-200">
                  <td colSpan={4} className="py-0.5 text-slate-500">
                    {t.reportNoAnswers}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
