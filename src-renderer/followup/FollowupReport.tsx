import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import type { FiguresView, FollowupGroupKind, FollowupRecordGroup, FollowupReport as Report, HoFollowupFigure } from '../../shared/followup/schemas';
import type { Drill } from '../headoffice/drill';
import { Button, Select } from '../ui/ui';
import { followupText } from './i18n';
import { clinicDate } from '../../shared/time';
import './print.css';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

/** Opens the tasks behind a figure (null: nothing to open, the figure is 0). */
type Opener = (figure: HoFollowupFigure, n: number, clinic: string | null, label: string, group?: FollowupRecordGroup) => (() => void) | undefined;

/** A figure that opens its records: a button that prints as the number it is. */
function Figure({ value, open, testId }: { value: string | number; open: (() => void) | undefined; testId: string }) {
  if (!open) return <>{value}</>;
  return (
    <button type="button" className="rounded text-teal-800 underline-offset-2 hover:underline focus:ring-2 focus:ring-teal-600 focus:outline-none print:text-inherit" onClick={open} data-testid={testId}>
      {value}
    </button>
  );
}

/**
 * The Friday report's follow-up part (seed 001: 每週五): each clinic's calls due, reached, success
 * rate, overdue and satisfaction against the 90 % target, and the chain's total, for the week
 * (Saturday to Friday) or the month of the report's day; then satisfaction per department,
 * consultant and doctor, side by side, and the comments; .xlsx beside it. Shown on head office's
 * 报表 screen under the week's service figures and printed with them on one A4 landscape page.
 * Every figure opens the tasks it counts in the screen's records panel (`headoffice.followupRecords`,
 * as the dashboard's 回访 section does): a clinic's (or 合计's) due, reached, success rate, overdue,
 * answers and satisfaction; a department's, consultant's or doctor's answers and satisfaction.
 */
export function FollowupReport({ day, onFile, onDrill }: { day: string; onFile(file: Awaited<ReturnType<(typeof api)['headoffice.followupReportXlsx']>>): void; onDrill(d: Drill): void }) {
  const t = useText(followupText);
  const [span, setSpan] = useState<'week' | 'month'>('week');
  const q = useQuery('headoffice.followupReport', { date: day, period: span });
  const r = q.data;
  if (!r) return null;
  const drill: Opener = (figure, n, clinic, label, group = null) =>
    n > 0 ? () => onDrill({ kind: 'followup', title: `${label} · ${t.hoFigure[figure]}`, period: { from: r.from, to: r.to, clinic, grain: 'day' }, figure, group }) : undefined;
  // Each cell with the figure it opens: the rates open their base (应回访, 已答卷).
  const cells = (f: FiguresView, clinic: string | null, label: string): [string | number, (() => void) | undefined][] => [
    [f.due, drill('due', f.due, clinic, label)],
    [f.reached, drill('reached', f.reached, clinic, label)],
    [pct(f.successRate), drill('due', f.due, clinic, label)],
    [f.overdue, drill('overdue', f.overdue, clinic, label)],
    [f.total.answers, drill('answered', f.total.answers, clinic, label)],
    [pct(f.total.share), drill('answered', f.total.answers, clinic, label)],
    [f.total.met === null ? '—' : f.total.met ? t.met : t.missed, undefined],
  ];
  const head = [t.reportClinic, t.reportDue, t.reportReached, t.reportSuccess, t.overdue, t.reportAnswers, t.reportSatisfaction, t.reportTarget];
  const title = t.reportTitleOf(span, r.from, r.to, clinicDate(new Date()));
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
          {[...r.clinics.map((c) => ({ ...c, clinic: c.code as string | null, label: `${c.code} · ${c.name}` })), { ...r.total, name: t.reportTotal, clinic: null, label: t.reportTotal }].map((c) => (
            <tr key={c.code} className="border-t border-slate-200">
              <td className="py-0.5">{c.name}</td>
              {cells(c.figures, c.clinic, c.label).map(([v, open], i) => (
                <td key={i} className="py-0.5 text-right tabular-nums">
                  <Figure value={v} open={open} testId={`followup-report-${c.code}-${i}`} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <Groups r={r} drill={drill} />
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
function Groups({ r, drill }: { r: Report; drill: Opener }) {
  const t = useText(followupText);
  const many = r.clinics.length > 1;
  const kinds = [
    ['byDepartment', t.reportByDepartment, 'department'],
    ['byConsultant', t.reportByConsultant, 'consultant'],
    ['byDoctor', t.reportByDoctor, 'doctor'],
  ] as const satisfies readonly (readonly [string, string, FollowupGroupKind])[];
  return (
    <div className="mt-2 grid grid-cols-3 gap-3">
      {kinds.map(([k, label, kind]) => {
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
              {rows.map((g) => {
                const name = `${many ? `${g.clinic} · ` : ''}${g.name || t.reportUnnamed}`;
                // The row's surveys: that clinic's tasks of this department, consultant or doctor.
                const open = drill('answered', g.answers, g.clinic, `${g.clinic} · ${g.name || t.reportUnnamed}`, { kind, key: g.key });
                const id = `followup-${kind}-${g.clinic}-${g.key || 'none'}`;
                return (
                <tr key={`${g.clinic}:${g.key}`} className="border-t border-slate-200">
                  <td className="py-0.5">{name}</td>
                  <td className="py-0.5 text-right tabular-nums">
                    <Figure value={g.answers} open={open} testId={`${id}-answers`} />
                  </td>
                  <td className="py-0.5 text-right tabular-nums">
                    <Figure value={pct(g.share)} open={open} testId={`${id}-share`} />
                  </td>
                  <td className={`py-0.5 text-right ${g.met === false ? 'text-rose-700' : ''}`}>{g.met === null ? '—' : g.met ? t.met : t.missed}</td>
                </tr>
                );
              })}
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
