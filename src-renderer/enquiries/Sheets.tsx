import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { z } from 'zod';
import type { sheetsView } from '../../shared/enquiries/schemas';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { sheetReaderRoles } from '../../shared/enquiries/rules';
import { clinicDate, clinicTime } from '../../shared/time';
import { useShell } from '../shell/store';
import { Banner, Button, Field, TextArea } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { enquiryText } from './i18n';
import './print.css';
import { DateField } from '../ui/DateField';

/**
 * 每日工作总结: the signed-in person reports her day's sheet; the leaders and the dean see every
 * consultant's sheet of a day, summed and scored (seed 002), and print it as the daily report.
 */
export function Sheets() {
  const t = useText(enquiryText);
  const role = useShell((s) => s.status?.operator?.role ?? null);
  const reader = !!role && sheetReaderRoles.includes(role);
  const [date, setDate] = useState(clinicDate(new Date()));
  const [summary, setSummary] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { errors, general, busy, send } = useSubmit();
  const report = () =>
    send(async () => {
      const row = await api['enquiry.sheetReport']({ date, summary });
      setDone(t.sheetReported(row.score));
    });
  return (
    <section className="space-y-3" data-testid="enquiry-sheets" aria-label={t.tabSheets}>
      <div className="flex items-end gap-3 print:hidden">
        <Field label={t.sheetDate} error={errors.date}>
          {(id, db) => <DateField id={id} aria-describedby={db} value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
      </div>
      <form
        className="space-y-2 print:hidden"
        onSubmit={(e) => {
          e.preventDefault();
          void report();
        }}
      >
        {general && <Banner tone="error">{general}</Banner>}
        {done && <Banner tone="success">{done}</Banner>}
        <Field label={t.sheetSummary} error={errors.summary}>
          {(id, db) => <TextArea id={id} aria-describedby={db} rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} />}
        </Field>
        <Button type="submit" aria-busy={busy}>
          {t.sheetReport}
        </Button>
      </form>
      {reader && <DaySheets date={date} />}
    </section>
  );
}

function DaySheets({ date }: { date: string }) {
  const t = useText(enquiryText);
  const q = useQuery('enquiry.sheets', { date });
  const d = q.data;
  if (!d) return null;
  return (
    <div className="space-y-2" data-testid="enquiry-day-sheets">
      <div className="flex items-center gap-3">
        <h3 className="flex-1 font-semibold text-slate-800">{t.sheetsTitle(d.date)}</h3>
        <Button variant="secondary" className="print:hidden" onClick={() => window.print()}>
          {t.sheetPrint}
        </Button>
      </div>
      {createPortal(<DailyReport sheets={d} />, document.body)}
      {d.rows.length === 0 ? (
        <p className="text-slate-500">{t.sheetNone}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-300 align-bottom break-keep text-slate-600">
            <tr>
              <th className="py-1 pr-2">{t.consultantCol}</th>
              <th className="pr-2">{t.sheetState}</th>
              <th className="pr-2 text-right">{t.enquiries}</th>
              <th className="pr-2 text-right">{t.answered}</th>
              <th className="pr-2 text-right">{t.appointments}</th>
              <th className="pr-2 text-right">{t.sheetIncomplete}</th>
              <th className="pr-2 text-right">{t.sheetWrong}</th>
              <th className="pr-2 text-right">{t.sheetScore}</th>
              <th>{t.sheetSummary}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.consultantId} className="border-b border-slate-100 align-top">
                <td className="py-1 pr-2 whitespace-nowrap">{r.consultantName}</td>
                <td className="pr-2 whitespace-nowrap">{r.reportedAt ? t.sheetAt(clinicTime(r.reportedAt), r.onTime) : t.sheetMissing}</td>
                <td className="pr-2 text-right tabular-nums">{r.enquiries}</td>
                <td className="pr-2 text-right tabular-nums">{r.answered}</td>
                <td className="pr-2 text-right tabular-nums">{r.appointments}</td>
                <td className="pr-2 text-right tabular-nums">{r.incomplete}</td>
                <td className="pr-2 text-right tabular-nums">{r.wrong}</td>
                <td className="pr-2 text-right font-bold tabular-nums">{r.score}</td>
                <td>{r.summary}</td>
              </tr>
            ))}
            <tr className="font-bold">
              <td className="py-1 pr-2" colSpan={2}>
                {t.total}
              </td>
              <td className="pr-2 text-right tabular-nums">{d.total.enquiries}</td>
              <td className="pr-2 text-right tabular-nums">{d.total.answered}</td>
              <td className="pr-2 text-right tabular-nums">{d.total.appointments}</td>
              <td className="pr-2 text-right tabular-nums">{d.total.incomplete}</td>
              <td className="pr-2 text-right tabular-nums">{d.total.wrong}</td>
              <td className="pr-2 text-right tabular-nums">{d.total.score}</td>
              <td />
            </tr>
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * The daily report as printed (A4 portrait, print.css): the clinic, the day, each consultant's
 * figures, score and summary, the group's total, the scoring rule of seed 002, and lines for the
 * leader's signature and the dean's and department head's receipt. Not shown on screen.
 */
function DailyReport({ sheets: d }: { sheets: z.infer<typeof sheetsView> }) {
  const t = useText(enquiryText);
  const clinic = useShell((s) => s.status?.clinic?.name ?? '');
  const printedAt = new Date();
  return (
    <div className="enquiry-report" data-testid="enquiry-daily-report" aria-hidden="true">
      <h1 className="text-center text-xl font-bold">{t.reportTitle(clinic)}</h1>
      <p className="mt-1 mb-3 flex justify-between text-sm">
        <span>{t.reportDate(d.date)}</span>
        <span>{t.reportTo}</span>
      </p>
      <table>
        <thead>
          <tr>
            <th>{t.consultantCol}</th>
            <th>{t.sheetState}</th>
            <th>{t.enquiries}</th>
            <th>{t.answered}</th>
            <th>{t.appointments}</th>
            <th>{t.sheetIncomplete}</th>
            <th>{t.sheetWrong}</th>
            <th>{t.sheetScore}</th>
            <th>{t.sheetSummary}</th>
          </tr>
        </thead>
        <tbody>
          {d.rows.map((r) => (
            <tr key={r.consultantId}>
              <td className="whitespace-nowrap">{r.consultantName}</td>
              <td className="whitespace-nowrap">{r.reportedAt ? t.sheetAt(clinicTime(r.reportedAt), r.onTime) : t.sheetMissing}</td>
              <td className="text-right">{r.enquiries}</td>
              <td className="text-right">{r.answered}</td>
              <td className="text-right">{r.appointments}</td>
              <td className="text-right">{r.incomplete}</td>
              <td className="text-right">{r.wrong}</td>
              <td className="text-right font-bold">{r.score}</td>
              <td>{r.summary}</td>
            </tr>
          ))}
          <tr className="font-bold">
            <td colSpan={2}>{t.total}</td>
            <td className="text-right">{d.total.enquiries}</td>
            <td className="text-right">{d.total.answered}</td>
            <td className="text-right">{d.total.appointments}</td>
            <td className="text-right">{d.total.incomplete}</td>
            <td className="text-right">{d.total.wrong}</td>
            <td className="text-right">{d.total.score}</td>
            <td />
          </tr>
        </tbody>
      </table>
      <p className="mt-3 text-sm">{t.reportRule}</p>
      <div className="mt-10 grid grid-cols-3 gap-6 text-sm">
        <span>{t.reportLead}</span>
        <span>{t.reportDean}</span>
        <span>{t.reportHead}</span>
      </div>
      <p className="mt-6 text-right text-xs">{t.reportPrinted(`${clinicDate(printedAt)} ${clinicTime(printedAt)}`)}</p>
    </div>
  );
}
