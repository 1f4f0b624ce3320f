import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { grains, type Grain, type Period, type TeaFigures, type VisitFigures } from '../../shared/headoffice/schemas';
import { addMonthsToMonth, clinicDate, lastDayOf } from '../../shared/time';
import { Banner, Button, Field, Panel, Select, TabList } from '../ui/ui';
import { fromApiError } from '../ui/errors';
import { Chart } from './Chart';
import { headOfficeText } from './i18n';
import { saveFile } from './ReportsScreen';
import { Failed, FigureTable, periodRange, rankedBars, Tile } from './figures';
import { Records, type Drill, type DrillOf, type VisitOutcome } from './Records';
import { ComplaintsSection, InspectionsSection } from './QualityPanels';
import { EnquiriesSection } from '../enquiries/HeadOfficeEnquiries';
import { StaffFiguresSection } from '../staff/HeadOffice';
import { FollowupSection } from '../followup/HeadOfficeFollowup';
import { DateField } from '../ui/DateField';

const sections = ['visits', 'tea', 'complaints', 'inspections', 'enquiries', 'followup', 'staff'] as const;
type Section = (typeof sections)[number];

function monthRange(today: string, back: number): { from: string; to: string } {
  const month = addMonthsToMonth(today, -back);
  return { from: `${month}-01`, to: back === 0 ? today : lastDayOf(month) };
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
  const [section, setSection] = useState<Section>('visits');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const period: Period = { ...range, clinic, grain };
  const clinics = useQuery('headoffice.clinics', {});
  const drillHeading = useRef<HTMLHeadingElement>(null);

  const open = (next: Drill) => {
    flushSync(() => setDrill(next));
    drillHeading.current?.focus();
  };

  const download = async () => {
    setExporting(true);
    setExportError(null);
    try {
      saveFile(await (section === 'enquiries' ? api['headoffice.enquiriesXlsx'](period) : section === 'followup' ? api['headoffice.followupXlsx'](period) : api['headoffice.exportDashboard'](period)));
    } catch (err) {
      setExportError(fromApiError(err, locale, c.error).general);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="flex h-full gap-4">
      <div className="flex min-w-0 flex-1 flex-col gap-3 overflow-auto pr-1">
        <form className="flex shrink-0 flex-wrap items-end gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200" onSubmit={(e) => e.preventDefault()} aria-label={t.dashboard}>
          <Field label={t.from}>{(id) => <DateField id={id} value={range.from} max={range.to} onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })} />}</Field>
          <Field label={t.to}>{(id) => <DateField id={id} value={range.to} min={range.from} onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })} />}</Field>
          <Field label={t.clinic}>
            {(id) => (
              <Select id={id} value={clinic ?? ''} onChange={(e) => setClinic(e.target.value || null)}>
                <option value="">{t.allClinics}</option>
                {clinics.data?.map((k) => (
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
          <Button className="ml-auto" disabled={exporting} onClick={() => void download()}>
            {exporting ? t.exporting : t.exportXlsx}
          </Button>
        </form>
        {exportError && <Banner tone="error">{exportError}</Banner>}
        <TabList label={t.section} value={section} onChange={setSection} tabs={sections.map((s) => ({ value: s, label: t.sectionName[s]! }))} />
        {(section === 'visits' || section === 'tea') && <VisitsAndTea section={section} period={period} onDrill={open} />}
        {section === 'complaints' && <ComplaintsSection period={period} onDrill={open} />}
        {section === 'inspections' && <InspectionsSection period={period} onDrill={open} />}
        {section === 'enquiries' && <EnquiriesSection period={period} onDrill={open} />}
        {section === 'followup' && <FollowupSection period={period} onDrill={open} />}
        {section === 'staff' && <StaffFiguresSection period={period} />}
      </div>
      {drill && <Records drill={drill} headingRef={drillHeading} onClose={() => setDrill(null)} />}
    </div>
  );
}

/** 到诊 and 奉茶, from the day summaries; asked only while one of them is shown. */
function VisitsAndTea({ section, period, onDrill }: { section: 'visits' | 'tea'; period: Period; onDrill(d: Drill): void }) {
  const t = useText(headOfficeText);
  const query = useQuery('headoffice.dashboard', period);
  const data = query.data;
  const catching = data?.catchingUp ?? null;
  const { reload } = query;
  // While the summaries catch up in the background, ask again every two seconds.
  useEffect(() => {
    if (!catching) return;
    const id = setTimeout(reload, 2_000);
    return () => clearTimeout(id);
  }, [catching, reload]);
  return (
    <>
      <Failed error={query.error} />
      {catching && (
        <div role="status" data-testid="catching-up">
          <Banner tone="info">{t.catchingUp(catching.done, catching.total)}</Banner>
        </div>
      )}
      {data && section === 'visits' && <Figures figures={data.visits} period={period} onDrill={onDrill} />}
      {data && section === 'tea' && <TeaPanel tea={data.tea} period={period} onDrill={onDrill} />}
    </>
  );
}

function Figures({ figures: f, period, onDrill }: { figures: VisitFigures; period: Period; onDrill(d: Drill): void }) {
  const t = useText(headOfficeText);
  const share = f.total ? `${Math.round((f.firstTotal / f.total) * 100)}%` : '—';
  const drill = (title: string, extra: Partial<Omit<DrillOf<'visits'>, 'kind'>>) => onDrill({ kind: 'visits', title, period, firstVisit: null, departmentName: null, source: null, outcome: null, ...extra });
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
        <Tile label={t.total} value={String(f.total)} testId="tile-total" onOpen={f.total ? () => drill(t.total, {}) : undefined} />
        <Tile label={t.first} value={String(f.firstTotal)} testId="tile-first" onOpen={f.firstTotal ? () => drill(t.first, { firstVisit: true }) : undefined} />
        <Tile label={t.returning} value={String(f.total - f.firstTotal)} testId="tile-returning" onOpen={f.total > f.firstTotal ? () => drill(t.returning, { firstVisit: false }) : undefined} />
        <Tile label={t.firstShare} value={share} testId="tile-share" />
        <Tile label={t.averageWait} value={f.averageWaitMinutes === null ? '—' : t.minutes(f.averageWaitMinutes)} testId="tile-wait" />
        <Tile label={t.noShowsTile} value={String(f.noShowTotal)} testId="tile-no-shows" onOpen={f.noShowTotal ? () => onDrill({ kind: 'noShows', title: t.noShowsTile, period }) : undefined} />
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
            rows={f.byClinic.map((c) => ({ key: c.key, label: `${c.key} · ${c.name}`, values: [c.first, c.returning, c.noShows], open: () => drill(`${c.key} · ${c.name}`, { period: { ...period, clinic: c.key } }) }))}
            columns={[t.first, t.returning, t.noShowsTile]}
          />
        </Panel>
        <Panel title={t.byDepartment}>
          <Chart option={perDepartment} label={t.byDepartment} height={200} onPick={(name) => drill(name, { departmentName: name })} />
          <FigureTable label={t.byDepartment} rows={f.byDepartment.map((d) => ({ key: d.key, label: d.key, values: [d.count], open: () => drill(d.key, { departmentName: d.key }) }))} columns={[t.count]} />
        </Panel>
      </div>
      <Panel title={t.byOutcome} className="shrink-0">
        <FigureTable label={t.byOutcome} rows={f.byOutcome.map((o) => ({ key: o.key, label: t.outcome[o.key] ?? o.key, values: [o.count], open: () => drill(t.outcome[o.key] ?? o.key, { outcome: o.key as VisitOutcome }) }))} columns={[t.count]} />
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

/** 奉茶: cups, refills, time to the first cup and the checklist items most often missed; each miss opens its servings. */
function TeaPanel({ tea, period, onDrill }: { tea: TeaFigures; period: Period; onDrill(d: Drill): void }) {
  const t = useText(headOfficeText);
  const drill = (title: string, item: string | null, p: Period = period) => onDrill({ kind: 'tea', title, period: p, teaKind: 'missed', item });
  const steps = (title: string, teaKind: 'served' | 'refill' | 'declined') => onDrill({ kind: 'tea', title, period, teaKind, item: null });
  const exceptions = useMemo(() => rankedBars(tea.exceptions.slice(0, 8).map((e) => ({ label: e.key, count: e.count })), t.teaExceptions, '#e11d48'), [tea, t]);
  return (
    <Panel title={t.tea} className="shrink-0">
      <div className="grid grid-cols-4 gap-3">
        <Tile label={t.teaServed} value={String(tea.served)} testId="tile-tea-served" onOpen={tea.served ? () => steps(t.teaServed, 'served') : undefined} />
        <Tile label={t.teaRefills} value={String(tea.refills)} testId="tile-tea-refills" onOpen={tea.refills ? () => steps(t.teaRefills, 'refill') : undefined} />
        <Tile label={t.teaDeclined} value={String(tea.declined)} testId="tile-tea-declined" onOpen={tea.declined ? () => steps(t.teaDeclined, 'declined') : undefined} />
        <Tile label={t.teaFirstCup} value={tea.averageFirstCupMinutes === null ? '—' : t.minutes(tea.averageFirstCupMinutes)} testId="tile-tea-first-cup" />
      </div>
      <div className="mt-3 grid grid-cols-2 gap-3">
        <div>
          <h3 className="font-bold text-slate-700">{t.teaExceptions}</h3>
          {tea.exceptions.length ? (
            <Chart option={exceptions} label={t.teaExceptions} height={180} onPick={(name) => {
              const e = tea.exceptions.find((x) => x.key === name || (x.key.length > 14 && `${x.key.slice(0, 14)}…` === name));
              if (e) drill(e.key, e.key);
            }} />
          ) : (
            <p className="text-sm text-slate-500">{t.noTeaExceptions}</p>
          )}
          <FigureTable label={t.teaExceptions} rows={tea.exceptions.map((e) => ({ key: e.key, label: e.key, values: [e.count], open: () => drill(e.key, e.key) }))} columns={[t.teaExceptionsShort]} />
        </div>
        <FigureTable
          label={t.teaByClinic}
          rows={tea.byClinic.map((c) => ({ key: c.key, label: `${c.key} · ${c.name}`, values: [c.served, c.refills, c.exceptions], open: c.exceptions ? () => drill(`${c.key} · ${t.teaExceptionsShort}`, null, { ...period, clinic: c.key }) : undefined }))}
          columns={[t.teaServed, t.teaRefills, t.teaExceptionsShort]}
        />
      </div>
    </Panel>
  );
}
