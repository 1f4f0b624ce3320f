import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import type { ExportFile } from '../../shared/headoffice/schemas';
import { clinicDate } from '../../shared/time';
import { Banner, Button, Panel, TabList, TextInput } from '../ui/ui';
import { fromApiError } from '../ui/errors';
import { headOfficeText } from './i18n';

type Tab = 'weekly' | 'complaints' | 'inspections';

/** Saves a file the main process made (an .xlsx) through the browser's download. */
export function saveFile(file: ExportFile) {
  const bytes = Uint8Array.from(atob(file.base64), (ch) => ch.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 报表: the monthly sheets across clinics, on screen and as .xlsx. */
export function ReportsScreen() {
  const t = useText(headOfficeText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const [tab, setTab] = useState<Tab>('weekly');
  const [month, setMonth] = useState(clinicDate(new Date()).slice(0, 7));
  const [day, setDay] = useState(clinicDate(new Date()));
  const [error, setError] = useState<string | null>(null);
  const files = { weekly: () => api['headoffice.weeklyXlsx']({ date: day }), complaints: () => api['headoffice.complaintMonthXlsx']({ month }), inspections: () => api['headoffice.inspectionMonthXlsx']({ month }) };
  const labels: Record<Tab, string> = { weekly: t.weeklyReport, complaints: t.complaintReport, inspections: t.inspectionReport };
  const download = () =>
    files[tab]()
      .then(saveFile)
      .catch((err: unknown) => setError(fromApiError(err, locale, c.error).general));
  return (
    <div className="mx-auto flex h-full max-w-6xl flex-col gap-3">
      <div className="flex items-end gap-3">
        <TabList label={t.reports} value={tab} onChange={setTab} tabs={(['weekly', 'complaints', 'inspections'] as const).map((k) => ({ value: k, label: labels[k] }))} />
        {tab === 'weekly' ? (
          <label className="ml-auto flex items-center gap-2">
            <span className="whitespace-nowrap text-sm text-slate-600">{t.weekOf}</span>
            <TextInput type="date" aria-label={t.weekOf} value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
          </label>
        ) : (
          <label className="ml-auto flex items-center gap-2">
            <span className="whitespace-nowrap text-sm text-slate-600">{t.month}</span>
            <TextInput type="month" aria-label={t.month} value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
          </label>
        )}
        <Button onClick={() => void download()}>{t.exportXlsx}</Button>
      </div>
      {error && <Banner tone="error">{error}</Banner>}
      <div role="tabpanel" className="min-h-0 flex-1">
        {tab === 'weekly' && <WeeklyReport day={day} />}
        {tab === 'complaints' && <ComplaintReport month={month} />}
        {tab === 'inspections' && <InspectionReport month={month} />}
      </div>
    </div>
  );
}

function Table({ label, head, rows, foot }: { label: string; head: string[]; rows: (string | number)[][]; foot?: (string | number)[] }) {
  return (
    <table className="w-full text-sm" aria-label={label}>
      <thead>
        <tr className="text-left text-slate-500">
          {head.map((h, i) => (
            <th key={h} className={`py-1 font-medium ${i > 1 ? 'text-right' : ''}`}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={String(r[0])} className="border-t border-slate-100">
            {r.map((v, i) => (
              <td key={i} className={`py-1.5 ${i > 1 ? 'text-right tabular-nums' : ''}`}>
                {v}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {foot && (
        <tfoot>
          <tr className="border-t-2 border-slate-300 font-bold">
            {foot.map((v, i) => (
              <td key={i} className={`py-1.5 ${i > 1 ? 'text-right tabular-nums' : ''}`}>
                {v}
              </td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  );
}

const levels = (m: Record<string, number>) => ['I', 'II', 'III', 'IV', 'V'].map((l) => m[l] ?? 0).join(' / ');

function ComplaintReport({ month }: { month: string }) {
  const t = useText(headOfficeText);
  const q = useQuery('headoffice.complaintMonth', { month }, ['complaint', 'complaint-event', 'complaint-number']);
  const r = q.data;
  if (!r) return null;
  const open = (rows: { step: string }[]) => rows.filter((x) => x.step !== 'done').length;
  return (
    <Panel title={`${t.complaintReport} · ${month}`} className="h-full">
      <Table
        label={t.complaintReport}
        head={[t.clinic, t.clinicName, t.cTotal, t.cQuality, t.cNonQuality, t.cOpen, t.cOverdue, t.cRefunds, t.cCompensation, t.cLevels]}
        rows={r.clinics.map((c) => [c.code, c.name, c.stats.total, c.stats.byCategory.quality ?? 0, c.stats.byCategory.nonQuality ?? 0, open(c.stats.rows), c.stats.overdue, `${c.stats.refunds.cases} · ¥${c.stats.refunds.yuan}`, `${c.stats.compensation.cases} · ¥${c.stats.compensation.yuan}`, levels(c.stats.penaltyLevels)])}
        foot={[t.totalRow, '', r.totals.total, r.totals.byCategory.quality ?? 0, r.totals.byCategory.nonQuality ?? 0, r.totals.open, r.totals.overdue, `${r.totals.refunds.cases} · ¥${r.totals.refunds.yuan}`, `${r.totals.compensation.cases} · ¥${r.totals.compensation.yuan}`, levels(r.totals.penaltyLevels)]}
      />
      <p className="mt-3 text-sm text-slate-500">{t.complaintReportHint}</p>
    </Panel>
  );
}

function InspectionReport({ month }: { month: string }) {
  const t = useText(headOfficeText);
  const q = useQuery('headoffice.inspectionMonth', { month }, ['inspection', 'inspection-result', 'inspection-penalty', 'inspection-correction', 'service-star']);
  const r = q.data;
  if (!r) return null;
  return (
    <Panel title={`${t.inspectionReport} · ${month}`} className="h-full">
      <Table
        label={t.inspectionReport}
        head={[t.clinic, t.clinicName, t.iInspections, t.iInspected, t.iPassRate, t.iPenalties, t.iRepeat, t.iStar]}
        rows={r.clinics.map((c) => {
          const s = c.summary;
          const pass = s.departments.reduce((a, d) => a + d.pass, 0);
          const fail = s.departments.reduce((a, d) => a + d.fail, 0);
          return [c.code, c.name, s.inspections.total, s.departments.reduce((a, d) => a + d.inspected, 0), pass + fail ? `${Math.round((pass / (pass + fail)) * 100)}%` : '—', `${s.penalties.count} · ¥${s.penalties.total}`, s.repeatOffenders.length, s.star?.name ?? t.iNoStar];
        })}
      />
    </Panel>
  );
}

function WeeklyReport({ day }: { day: string }) {
  const t = useText(headOfficeText);
  const q = useQuery('headoffice.weekly', { date: day }, ['visit', 'visit-event', 'tea-event', 'complaint']);
  const r = q.data;
  if (!r) return null;
  const dash = (n: number | null) => (n === null ? '—' : t.minutes(n));
  const cells = (c: typeof r.totals) => [c.visits, c.first, dash(c.averageWaitMinutes), c.teaServed, c.refills, c.teaExceptions, dash(c.averageFirstCupMinutes), c.complaints];
  return (
    <Panel title={`${t.weeklyReport} · ${r.from} – ${r.to}`} className="h-full">
      <Table
        label={t.weeklyReport}
        head={[t.clinic, t.clinicName, t.visits, t.first, t.averageWait, t.teaServed, t.teaRefills, t.teaExceptionsShort, t.teaFirstCup, t.wComplaints]}
        rows={r.clinics.map((c) => [c.code, c.name, ...cells(c)])}
        foot={[t.totalRow, '', ...cells(r.totals)]}
      />
      <p className="mt-3 text-sm text-slate-500">{t.weeklyHint}</p>
    </Panel>
  );
}
