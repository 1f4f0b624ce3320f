import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import type { Period } from '../../shared/headoffice/schemas';
import { clinicDate, clinicTime } from '../../shared/time';
import { penaltyLevels } from '../../shared/complaints/rules';
import { lastDayOf } from '../../shared/headoffice/rules';
import { Banner, Button, Panel, TabList } from '../ui/ui';
import { fromApiError } from '../ui/errors';
import { headOfficeText } from './i18n';
import { Records, type Drill } from './Records';
import { Failed } from './figures';
import { useShell } from '../shell/store';
import { saveFile } from '../ui/saveFile';
import { FollowupReport } from '../followup/FollowupReport';
import '../ui/print.css';
import './print.css';
import { DateField } from '../ui/DateField';
import { MonthField } from '../ui/MonthField';

type Tab = 'weekly' | 'complaints' | 'inspections';

export { saveFile };

/** 报表: the monthly sheets across clinics, on screen and as .xlsx. */
export function ReportsScreen() {
  const t = useText(headOfficeText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const [tab, setTab] = useState<Tab>('weekly');
  const [month, setMonth] = useState(clinicDate(new Date()).slice(0, 7));
  const [day, setDay] = useState(clinicDate(new Date()));
  const [error, setError] = useState<string | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  const drillHeading = useRef<HTMLHeadingElement>(null);
  const operator = useShell((s) => s.status?.operator?.name ?? '');
  const now = new Date();
  const open = (next: Drill) => {
    flushSync(() => setDrill(next));
    drillHeading.current?.focus();
  };
  const files = { weekly: () => api['headoffice.weeklyXlsx']({ date: day }), complaints: () => api['headoffice.complaintMonthXlsx']({ month }), inspections: () => api['headoffice.inspectionMonthXlsx']({ month }) };
  const labels: Record<Tab, string> = { weekly: t.weeklyReport, complaints: t.complaintReport, inspections: t.inspectionReport };
  const download = () =>
    files[tab]()
      .then(saveFile)
      .catch((err: unknown) => setError(fromApiError(err, locale, c.error).general));
  return (
    <div className="mx-auto flex h-full max-w-7xl flex-col gap-3">
      {/* The tabs keep their names on one line; the day or month and the buttons sit beside them
          when the row holds them (zh-CN at 1366 px), else right-aligned on a row of their own. */}
      <div className="flex flex-wrap items-end gap-x-3 gap-y-2">
        <TabList label={t.reports} value={tab} onChange={setTab} tabs={(['weekly', 'complaints', 'inspections'] as const).map((k) => ({ value: k, label: labels[k] }))} />
        <div className="ml-auto flex items-center gap-2">
          {tab === 'weekly' ? (
            <label className="flex items-center gap-2" title={t.weekOf}>
              <span className="whitespace-nowrap text-sm text-slate-600">{t.weekOfShort}</span>
              <DateField aria-label={t.weekOf} className="w-44" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
            </label>
          ) : (
            <label className="flex items-center gap-2">
              <span className="whitespace-nowrap text-sm text-slate-600">{t.month}</span>
              <MonthField aria-label={t.month} className="w-44" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
            </label>
          )}
          <Button variant="secondary" className="whitespace-nowrap" onClick={() => window.print()}>
            {t.print}
          </Button>
          <Button className="whitespace-nowrap" onClick={() => void download()}>
            {t.exportXlsx}
          </Button>
        </div>
      </div>
      {error && <Banner tone="error">{error}</Banner>}
      <div className="flex min-h-0 flex-1 gap-3">
        <div role="tabpanel" className="ho-report print-alone min-h-0 min-w-0 flex-1 overflow-auto">
          {tab === 'weekly' && <WeeklyReport day={day} onDrill={open} />}
          {tab === 'complaints' && <ComplaintReport month={month} onDrill={open} />}
          {tab === 'inspections' && <InspectionReport month={month} onDrill={open} />}
          <p className="print-only mt-2 text-xs text-slate-500">{t.printedBy(operator, `${clinicDate(now)} ${clinicTime(now)}`)}</p>
        </div>
        {drill && <Records drill={drill} headingRef={drillHeading} onClose={() => setDrill(null)} />}
      </div>
    </div>
  );
}

/** The whole month of a `YYYY-MM`, as a dashboard period of one clinic. */
function monthPeriod(month: string, clinic: string): Period {
  return { from: `${month}-01`, to: lastDayOf(month), clinic, grain: 'day' };
}

function Table({ label, head, rows, foot, onOpen }: { label: string; head: string[]; rows: (string | number)[][]; foot?: (string | number)[]; onOpen?: (index: number) => void }) {
  const t = useText(headOfficeText);
  return (
    <table className="w-full text-sm" aria-label={label}>
      <thead>
        <tr className="text-left text-slate-500">
          {head.map((h, i) => (
            <th key={h} className={`py-1 font-medium ${i > 1 ? 'text-right' : ''}`}>
              {h}
            </th>
          ))}
          {onOpen && <th className="no-print" />}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, index) => (
          <tr key={String(r[0])} className="border-t border-slate-100">
            {r.map((v, i) => (
              <td key={i} className={`py-1.5 ${i > 1 ? 'text-right tabular-nums' : ''}`}>
                {v}
              </td>
            ))}
            {onOpen && (
              <td className="no-print py-1.5 text-right">
                <button type="button" className="rounded px-2 text-teal-700 underline-offset-2 hover:underline focus:ring-2 focus:ring-teal-600" onClick={() => onOpen(index)}>
                  {t.open}
                </button>
              </td>
            )}
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
            {onOpen && <td className="no-print" />}
          </tr>
        </tfoot>
      )}
    </table>
  );
}

const levels = (m: Record<string, number>) => penaltyLevels.map((l) => m[l] ?? 0).join(' / ');

function ComplaintReport({ month, onDrill }: { month: string; onDrill(d: Drill): void }) {
  const t = useText(headOfficeText);
  const q = useQuery('headoffice.complaintMonth', { month });
  const r = q.data;
  if (!r) return <Failed error={q.error} />;
  const open = (rows: { step: string }[]) => rows.filter((x) => x.step !== 'done').length;
  return (
    <Panel title={`${t.complaintReport} · ${month}`} className="h-full">
      <Table
        label={t.complaintReport}
        head={[t.clinic, t.clinicName, t.cTotal, t.cQuality, t.cNonQuality, t.cOpen, t.cOverdue, t.cRefunds, t.cCompensation, t.cLevels]}
        rows={r.clinics.map((c) => [c.code, c.name, c.stats.total, c.stats.byCategory.quality ?? 0, c.stats.byCategory.nonQuality ?? 0, open(c.stats.rows), c.stats.overdue, `${c.stats.refunds.cases} · ¥${c.stats.refunds.yuan}`, `${c.stats.compensation.cases} · ¥${c.stats.compensation.yuan}`, levels(c.stats.penaltyLevels)])}
        onOpen={(i) => {
          const c = r.clinics[i]!;
          onDrill({ kind: 'complaints', title: `${c.code} · ${t.complaintReport}`, period: monthPeriod(month, c.code), filter: { kind: 'all', value: null } });
        }}
        foot={[t.totalRow, '', r.totals.total, r.totals.byCategory.quality ?? 0, r.totals.byCategory.nonQuality ?? 0, r.totals.open, r.totals.overdue, `${r.totals.refunds.cases} · ¥${r.totals.refunds.yuan}`, `${r.totals.compensation.cases} · ¥${r.totals.compensation.yuan}`, levels(r.totals.penaltyLevels)]}
      />
      <p className="mt-3 text-sm text-slate-500">{t.complaintReportHint}</p>
    </Panel>
  );
}

function InspectionReport({ month, onDrill }: { month: string; onDrill(d: Drill): void }) {
  const t = useText(headOfficeText);
  const q = useQuery('headoffice.inspectionMonth', { month });
  const r = q.data;
  if (!r) return <Failed error={q.error} />;
  return (
    <Panel title={`${t.inspectionReport} · ${month}`} className="h-full">
      <Table
        label={t.inspectionReport}
        head={[t.clinic, t.clinicName, t.iInspections, t.iInspected, t.iPassRate, t.iPenalties, t.iRepeat, t.iStar]}
        onOpen={(i) => {
          const c = r.clinics[i]!;
          onDrill({ kind: 'inspections', title: `${c.code} · ${t.iInspections}`, period: monthPeriod(month, c.code), filter: { kind: 'inspections', value: null } });
        }}
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

function WeeklyReport({ day, onDrill }: { day: string; onDrill(d: Drill): void }) {
  const t = useText(headOfficeText);
  const q = useQuery('headoffice.weekly', { date: day });
  const r = q.data;
  if (!r) return <Failed error={q.error} />;
  const dash = (n: number | null) => (n === null ? '—' : t.minutes(n));
  const rate = (c: typeof r.totals) => (c.satisfactionRate === null ? '—' : `${Math.round(c.satisfactionRate * 100)}% (${c.satisfied}/${c.complaintsClosed})`);
  const cells = (c: typeof r.totals) => [c.visits, c.first, dash(c.averageWaitMinutes), c.teaServed, c.refills, c.teaExceptions, dash(c.averageFirstCupMinutes), c.complaints, c.complaintsClosed, rate(c)];
  return (
    <Panel title={`${t.weeklyReport} · ${r.from} – ${r.to}`} className="h-full">
      <Table
        label={t.weeklyReport}
        head={[t.clinic, t.clinicName, t.visits, t.first, t.averageWait, t.teaServed, t.teaRefills, t.teaExceptionsShort, t.teaFirstCup, t.wComplaints, t.wClosed, t.wSatisfaction]}
        onOpen={(i) => {
          const c = r.clinics[i]!;
          onDrill({ kind: 'visits', title: `${c.code} · ${t.visits}`, period: { from: r.from, to: r.to, clinic: c.code, grain: 'day' }, firstVisit: null, departmentName: null, source: null, outcome: null });
        }}
        rows={r.clinics.map((c) => [c.code, c.name, ...cells(c)])}
        foot={[t.totalRow, '', ...cells(r.totals)]}
      />
      <p className="mt-3 text-sm text-slate-500">{t.weeklyHint}</p>
      <FollowupReport day={day} onFile={saveFile} onDrill={onDrill} />
    </Panel>
  );
}
