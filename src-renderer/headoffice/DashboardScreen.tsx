import { useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { daysBetween, periodOf } from '../../shared/headoffice/rules';
import { grains, MAX_RECORDS, type Grain, type Period, type TeaFigures, type VisitFigures } from '../../shared/headoffice/schemas';
import { clinicDate, clinicTime } from '../../shared/time';
import { Banner, Button, Field, Panel, Select, TextInput } from '../ui/ui';
import { fromApiError } from '../ui/errors';
import { Chart } from './Chart';
import { headOfficeText } from './i18n';
import { saveFile } from './ReportsScreen';

/** What the records panel lists: a period and the figure's filter. */
interface Drill {
  title: string;
  period: Period;
  firstVisit: boolean | null;
  departmentName: string | null;
  source: string | null;
}

function monthRange(today: string, back: number): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 - back, 1));
  const last = new Date(Date.UTC(y, m - back, 0));
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { from: iso(first), to: back === 0 ? today : iso(last) };
}

/** The days of [from, to] that fall in one period label. */
function periodRange(period: Period, label: string): { from: string; to: string } {
  const days = daysBetween(period.from, period.to).filter((d) => periodOf(d, period.grain) === label);
  return { from: days[0] ?? period.from, to: days[days.length - 1] ?? period.to };
}

/** 总部看板: every clinic's figures for a period, each one opening the records behind it. */
export function DashboardScreen() {
  const t = useText(headOfficeText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const today = clinicDate(new Date());
  const [range, setRange] = useState(() => monthRange(today, 0));
  const [clinic, setClinic] = useState<string | null>(null);
  const [grain, setGrain] = useState<Grain>('day');
  const [drill, setDrill] = useState<Drill | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const period: Period = { ...range, clinic, grain };
  const query = useQuery('headoffice.dashboard', period, ['visit', 'customer', 'clinic']);
  const data = query.data;
  const drillHeading = useRef<HTMLHeadingElement>(null);

  const open = (next: Drill) => {
    flushSync(() => setDrill(next));
    drillHeading.current?.focus();
  };

  const download = async () => {
    setExporting(true);
    setExportError(null);
    try {
      saveFile(await api['headoffice.exportVisits'](period));
    } catch (err) {
      setExportError(fromApiError(err, locale, c.error).general);
    } finally {
      setExporting(false);
    }
  };

  const error = query.error ? fromApiError(query.error, locale, c.error) : null;
  return (
    <div className="flex h-full gap-4">
      <div className="flex min-w-0 flex-1 flex-col gap-3 overflow-auto pr-1">
        <form className="flex shrink-0 flex-wrap items-end gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200" onSubmit={(e) => e.preventDefault()} aria-label={t.dashboard}>
          <Field label={t.from}>{(id) => <TextInput id={id} type="date" value={range.from} max={range.to} onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })} />}</Field>
          <Field label={t.to}>{(id) => <TextInput id={id} type="date" value={range.to} min={range.from} onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })} />}</Field>
          <Field label={t.clinic}>
            {(id) => (
              <Select id={id} value={clinic ?? ''} onChange={(e) => setClinic(e.target.value || null)}>
                <option value="">{t.allClinics}</option>
                {data?.clinics.map((k) => (
                  <option key={k.code} value={k.code}>
                    {k.code} · {k.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t.grain}>
            {(id) => (
              <Select id={id} value={grain} onChange={(e) => setGrain(e.target.value as Grain)}>
                {grains.map((g) => (
                  <option key={g} value={g}>
                    {t.grainName[g]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <div className="flex gap-2 pb-0.5">
            <Button variant="secondary" onClick={() => setRange(monthRange(today, 0))}>{t.thisMonth}</Button>
            <Button variant="secondary" onClick={() => setRange(monthRange(today, 1))}>{t.lastMonth}</Button>
            <Button
              variant="secondary"
              onClick={() => {
                setRange({ from: `${today.slice(0, 4)}-01-01`, to: today });
                setGrain('month');
              }}
            >
              {t.thisYear}
            </Button>
          </div>
          <Button className="ml-auto" disabled={exporting || !data} onClick={() => void download()}>
            {exporting ? t.exporting : t.exportXlsx}
          </Button>
        </form>
        {error && <Banner tone="error">{error.fields.to ?? error.fields.from ?? error.general}</Banner>}
        {exportError && <Banner tone="error">{exportError}</Banner>}
        {data && <Figures figures={data.visits} clinics={data.clinics.length} period={period} onDrill={open} />}
        {data && <TeaPanel tea={data.tea} />}
      </div>
      {drill && <Records drill={drill} headingRef={drillHeading} onClose={() => setDrill(null)} />}
    </div>
  );
}

function Tile({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
      <p className="text-sm text-slate-500">{label}</p>
      <p className="text-3xl font-bold tabular-nums text-teal-900" data-testid={testId}>
        {value}
      </p>
    </div>
  );
}

function Figures({ figures: f, clinics, period, onDrill }: { figures: VisitFigures; clinics: number; period: Period; onDrill(d: Drill): void }) {
  const t = useText(headOfficeText);
  const share = f.total ? `${Math.round((f.firstTotal / f.total) * 100)}%` : '—';
  const drill = (title: string, extra: Partial<Drill> & { period?: Period }) => onDrill({ title, period, firstVisit: null, departmentName: null, source: null, ...extra });
  const periodDrill = (label: string, series: number) =>
    drill(`${label} · ${series === 0 ? t.first : t.returning}`, { period: { ...period, ...periodRange(period, label) }, firstVisit: series === 0 });

  const trend = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t.first, t.returning], top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: f.periods },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t.first, type: 'bar', stack: 'v', data: f.first },
        { name: t.returning, type: 'bar', stack: 'v', data: f.returning },
      ],
    }),
    [f, t],
  );
  const perClinic = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [t.first, t.returning], top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: f.byClinic.map((c) => c.key) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t.first, type: 'bar', stack: 'c', data: f.byClinic.map((c) => c.first) },
        { name: t.returning, type: 'bar', stack: 'c', data: f.byClinic.map((c) => c.returning) },
      ],
    }),
    [f, t],
  );
  const perDepartment = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 96, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: f.byDepartment.map((d) => d.key) },
      series: [{ name: t.count, type: 'bar', data: f.byDepartment.map((d) => d.count) }],
    }),
    [f, t],
  );
  const sources = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { orient: 'vertical', right: 0, top: 'middle' },
      series: [{ name: t.bySource, type: 'pie', radius: ['40%', '70%'], center: ['38%', '50%'], data: f.bySource.map((s) => ({ name: t.source[s.key] ?? s.key, value: s.count })) }],
    }),
    [f, t],
  );

  return (
    <>
      <div className="grid shrink-0 grid-cols-6 gap-3">
        <Tile label={t.total} value={String(f.total)} testId="tile-total" />
        <Tile label={t.first} value={String(f.firstTotal)} testId="tile-first" />
        <Tile label={t.returning} value={String(f.total - f.firstTotal)} testId="tile-returning" />
        <Tile label={t.firstShare} value={share} testId="tile-share" />
        <Tile label={t.averageWait} value={f.averageWaitMinutes === null ? '—' : t.minutes(f.averageWaitMinutes)} testId="tile-wait" />
        <Tile label={t.clinics} value={String(clinics)} testId="tile-clinics" />
      </div>
      {f.total === 0 && <Banner tone="info">{t.noData}</Banner>}
      <Panel title={`${t.byPeriod} · ${t.grainName[period.grain]}`} className="shrink-0">
        <Chart option={trend} label={t.byPeriod} onPick={periodDrill} />
      </Panel>
      <div className="grid shrink-0 grid-cols-2 gap-3">
        <Panel title={t.byClinic}>
          <Chart option={perClinic} label={t.byClinic} height={200} onPick={(code, series) => drill(`${code} · ${series === 0 ? t.first : t.returning}`, { period: { ...period, clinic: code }, firstVisit: series === 0 })} />
          <FigureTable
            label={t.byClinic}
            rows={f.byClinic.map((c) => ({ key: c.key, label: `${c.key} · ${c.name}`, values: [c.first, c.returning], open: () => drill(`${c.key} · ${c.name}`, { period: { ...period, clinic: c.key } }) }))}
            columns={[t.first, t.returning]}
          />
        </Panel>
        <Panel title={t.byDepartment}>
          <Chart option={perDepartment} label={t.byDepartment} height={200} onPick={(name) => drill(name, { departmentName: name })} />
          <FigureTable label={t.byDepartment} rows={f.byDepartment.map((d) => ({ key: d.key, label: d.key, values: [d.count], open: () => drill(d.key, { departmentName: d.key }) }))} columns={[t.count]} />
        </Panel>
      </div>
      <Panel title={t.byOutcome} className="shrink-0">
        <FigureTable label={t.byOutcome} rows={f.byOutcome.map((o) => ({ key: o.key, label: t.outcome[o.key] ?? o.key, values: [o.count] }))} columns={[t.count]} />
        {f.byOutcome.length === 0 && <p className="text-sm text-slate-500">{t.noOutcomes}</p>}
      </Panel>
      <Panel title={t.bySource} className="shrink-0">
        <div className="grid grid-cols-2 gap-3">
          <Chart option={sources} label={t.bySource} height={200} onPick={(name) => {
            const s = f.bySource.find((x) => (t.source[x.key] ?? x.key) === name);
            if (s) drill(name, { source: s.key });
          }} />
          <FigureTable label={t.bySource} rows={f.bySource.map((s) => ({ key: s.key, label: t.source[s.key] ?? s.key, values: [s.count], open: () => drill(t.source[s.key] ?? s.key, { source: s.key }) }))} columns={[t.count]} />
        </div>
      </Panel>
    </>
  );
}

/** The figures of a chart as a table: readable numbers, and a keyboard way to the records. */
function FigureTable({ label, rows, columns }: { label: string; rows: { key: string; label: string; values: number[]; open?: () => void }[]; columns: string[] }) {
  const t = useText(headOfficeText);
  if (!rows.length) return null;
  return (
    <table className="mt-2 w-full text-sm" aria-label={label}>
      <thead>
        <tr className="text-left text-slate-500">
          <th className="py-1 font-medium">{label}</th>
          {columns.map((col) => (
            <th key={col} className="py-1 text-right font-medium">
              {col}
            </th>
          ))}
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-slate-100">
            <td className="py-1">{r.label}</td>
            {r.values.map((v, i) => (
              <td key={i} className="py-1 text-right tabular-nums">
                {v}
              </td>
            ))}
            <td className="py-1 text-right">
              {r.open && (
                <button type="button" className="rounded px-2 text-teal-700 underline-offset-2 hover:underline focus:ring-2 focus:ring-teal-600" onClick={r.open}>
                  {t.open}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Records({ drill, headingRef, onClose }: { drill: Drill; headingRef: React.RefObject<HTMLHeadingElement | null>; onClose(): void }) {
  const t = useText(headOfficeText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const query = useQuery('headoffice.visitRecords', { period: drill.period, firstVisit: drill.firstVisit, departmentName: drill.departmentName, source: drill.source }, ['visit', 'customer']);
  return (
    <aside
      className="flex w-[30rem] shrink-0 flex-col rounded-xl bg-white shadow-lg ring-1 ring-slate-300"
      aria-label={t.records}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 ref={headingRef} tabIndex={-1} className="text-lg font-bold outline-none">
          {t.recordsOf(drill.title)}
        </h2>
        <Button variant="ghost" onClick={onClose}>
          {t.close}
        </Button>
      </header>
      <p className="px-4 pt-2 text-sm text-slate-500">
        {drill.period.clinic ?? t.allClinics} · {drill.period.from} – {drill.period.to}
      </p>
      {query.error && <Banner tone="error">{fromApiError(query.error, locale, c.error).general}</Banner>}
      <div className="min-h-0 flex-1 overflow-auto px-4 py-2">
        <table className="w-full text-sm" data-testid="records">
          <thead>
            <tr className="text-left text-slate-500">
              <th className="py-1 font-medium">{t.date}</th>
              <th className="py-1 font-medium">{t.clinic}</th>
              <th className="py-1 font-medium">{t.customer}</th>
              <th className="py-1 font-medium">{t.firstOrReturning}</th>
              <th className="py-1 font-medium">{t.department}</th>
            </tr>
          </thead>
          <tbody>
            {query.data?.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="py-1 tabular-nums">
                  {r.date} {clinicTime(r.arrivedAt)}
                </td>
                <td className="py-1">{r.clinic}</td>
                <td className="py-1">{r.customerName}</td>
                <td className="py-1">{r.firstVisit ? t.first : t.returning}</td>
                <td className="py-1">{r.departmentName}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {query.data?.length === MAX_RECORDS && <p className="mt-2 text-sm text-slate-500">{t.recordsCap(MAX_RECORDS)}</p>}
      </div>
    </aside>
  );
}

/** 奉茶: cups, refills, time to the first cup and the checklist items most often missed. */
function TeaPanel({ tea }: { tea: TeaFigures }) {
  const t = useText(headOfficeText);
  const exceptions = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: tea.exceptions.slice(0, 8).map((e) => (e.key.length > 14 ? `${e.key.slice(0, 14)}…` : e.key)) },
      series: [{ name: t.teaExceptions, type: 'bar', data: tea.exceptions.slice(0, 8).map((e) => e.count), itemStyle: { color: '#e11d48' } }],
    }),
    [tea, t],
  );
  return (
    <Panel title={t.tea} className="shrink-0">
      <div className="grid grid-cols-4 gap-3">
        <Tile label={t.teaServed} value={String(tea.served)} testId="tile-tea-served" />
        <Tile label={t.teaRefills} value={String(tea.refills)} testId="tile-tea-refills" />
        <Tile label={t.teaDeclined} value={String(tea.declined)} testId="tile-tea-declined" />
        <Tile label={t.teaFirstCup} value={tea.averageFirstCupMinutes === null ? '—' : t.minutes(tea.averageFirstCupMinutes)} testId="tile-tea-first-cup" />
      </div>
      <div className="mt-3 grid grid-cols-2 gap-3">
        <div>
          <h3 className="font-bold text-slate-700">{t.teaExceptions}</h3>
          {tea.exceptions.length ? <Chart option={exceptions} label={t.teaExceptions} height={180} /> : <p className="text-sm text-slate-500">{t.noTeaExceptions}</p>}
        </div>
        <FigureTable label={t.teaByClinic} rows={tea.byClinic.map((c) => ({ key: c.key, label: `${c.key} · ${c.name}`, values: [c.served, c.refills, c.exceptions] }))} columns={[t.teaServed, t.teaRefills, t.teaExceptionsShort]} />
      </div>
    </Panel>
  );
}
