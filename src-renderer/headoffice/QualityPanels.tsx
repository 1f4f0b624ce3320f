import { useMemo } from 'react';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { complaintText } from '../complaints/i18n';
import { inspectionText } from '../inspection/i18n';
import type { ComplaintFilter, InspectionFilter, Period } from '../../shared/headoffice/schemas';
import { Banner, Panel } from '../ui/ui';
import { Chart } from './Chart';
import { Failed, FigureTable, percent, periodBars, periodRange, rankedBars, Tile } from './figures';
import { headOfficeText } from './i18n';
import type { Drill } from './Records';

const ALERT = '#e11d48';

/** 投诉: what was received in the period and where each case stands now. */
export function ComplaintsSection({ period, onDrill }: { period: Period; onDrill(d: Drill): void }) {
  const t = useText(headOfficeText);
  const ct = useText(complaintText);
  const q = useQuery('headoffice.complaints', period);
  const f = q.data;
  const drill = (title: string, filter: ComplaintFilter, p: Period = period) => onDrill({ kind: 'complaints', title, period: p, filter });
  const channel = useMemo(() => (k: string) => ct.channelName[k as keyof typeof ct.channelName] ?? k, [ct]);
  const category = (k: string) => (k === 'none' ? ct.unclassified : (ct.categoryName[k] ?? k));
  const trend = useMemo(() => (f ? periodBars(f.periods, t.cReceived, f.received, ALERT) : null), [f, t]);
  const channels = useMemo(() => (f ? rankedBars(f.byChannel.map((c) => ({ label: channel(c.key), count: c.count })), t.cByChannel) : null), [f, t, channel]);
  if (!f) return <Failed error={q.error} />;
  const money = (yuan: number) => yuan.toLocaleString('zh-CN');
  return (
    <>
      <Failed error={q.error} />
      {f.missingCalendarYears.length > 0 && (
        <Banner tone="error">
          <span data-testid="c-calendar-missing">{t.cCalendarMissing(f.missingCalendarYears.join('、'))}</span>
        </Banner>
      )}
      <div className="grid shrink-0 grid-cols-5 gap-3">
        <Tile label={t.cReceived} value={String(f.total)} testId="tile-c-total" onOpen={f.total ? () => drill(t.cReceived, { kind: 'all', value: null }) : undefined} />
        <Tile label={t.cOpen} value={String(f.open)} testId="tile-c-open" onOpen={f.open ? () => drill(t.cOpen, { kind: 'open', value: null }) : undefined} />
        <Tile label={t.cClosed} value={String(f.closed)} testId="tile-c-closed" onOpen={f.closed ? () => drill(t.cClosed, { kind: 'closed', value: null }) : undefined} />
        <Tile label={t.cOverdueCases} value={String(f.overdue)} testId="tile-c-overdue" tone={f.overdue ? 'alert' : 'plain'} onOpen={f.overdue ? () => drill(t.cOverdueCases, { kind: 'overdue', value: null }) : undefined} />
        <Tile label={t.cMoney} value={`¥${money(f.refunds.yuan + f.compensation.yuan)}`} testId="tile-c-money" onOpen={f.refunds.cases + f.compensation.cases ? () => drill(t.cMoney, { kind: 'money', value: null }) : undefined} />
      </div>
      {f.total === 0 && <Banner tone="info">{t.cNone}</Banner>}
      <Panel title={`${t.cTrend} · ${t.grainName[period.grain]}`} className="shrink-0">
        {trend && <Chart option={trend} label={t.cTrend} height={200} onPick={(label) => drill(label, { kind: 'all', value: null }, { ...period, ...periodRange(period, label) })} />}
      </Panel>
      <div className="grid shrink-0 grid-cols-2 gap-3">
        <Panel title={t.cByStep}>
          <FigureTable
            label={t.cStep}
            columns={[t.cWaiting, t.cOverdueOf]}
            rows={f.byStep.map((s) => ({ key: s.key, label: ct.stepName[s.key as keyof typeof ct.stepName] ?? s.key, values: [s.open, s.overdue], open: () => drill(ct.stepName[s.key as keyof typeof ct.stepName] ?? s.key, { kind: 'step', value: s.key }) }))}
          />
          <h3 className="mt-3 font-bold text-rose-800">{t.cOverdueDeadlines}</h3>
          <FigureTable
            label={t.cOverdueDeadlines}
            columns={[t.cWaiting]}
            rows={f.overdueDeadlines.map((d) => ({ key: d.key, label: ct.deadlineName[d.key] ?? d.key, values: [d.count], open: () => drill(ct.deadlineName[d.key] ?? d.key, { kind: 'overdueDeadline', value: d.key }) }))}
          />
          {f.overdueDeadlines.length === 0 && <p className="text-sm text-slate-500">—</p>}
        </Panel>
        <Panel title={t.cClosing}>
          <FigureTable
            label={t.cClosing}
            columns={[t.cWaiting]}
            rows={(
              [
                ['inTime', t.cInTime, f.closing.inTime],
                ['late', t.cLate, f.closing.late],
                ['overdue', t.cOverdueOpen, f.closing.overdue],
                ['open', t.cWithin, f.closing.open],
              ] as const
            ).map(([key, label, n]) => ({ key, label, values: [n], open: n ? () => drill(label, { kind: 'closeLimit', value: key }) : undefined }))}
          />
          <p className="mt-2 font-medium text-slate-700" data-testid="c-average-days">
            {t.cAverageDays(f.closing.averageDays)}
          </p>
          <h3 className="mt-3 font-bold text-slate-700">{t.cSatisfaction}</h3>
          <FigureTable label={t.cSatisfaction} columns={[t.cWaiting]} rows={f.satisfaction.map((s) => ({ key: s.key, label: ct.satisfactionName[s.key] ?? s.key, values: [s.count], open: () => drill(ct.satisfactionName[s.key] ?? s.key, { kind: 'satisfaction', value: s.key }) }))} />
        </Panel>
      </div>
      <div className="grid shrink-0 grid-cols-2 gap-3">
        <Panel title={t.cByChannel}>
          {channels && f.byChannel.length > 0 && <Chart option={channels} label={t.cByChannel} height={160} onPick={(name) => {
            const c = f.byChannel.find((x) => channel(x.key) === name);
            if (c) drill(name, { kind: 'channel', value: c.key });
          }} />}
          <FigureTable label={t.cByChannel} columns={[t.cWaiting]} rows={f.byChannel.map((c) => ({ key: c.key, label: channel(c.key), values: [c.count], open: () => drill(channel(c.key), { kind: 'channel', value: c.key }) }))} />
        </Panel>
        <Panel title={t.cByCategory}>
          <FigureTable label={t.cByCategory} columns={[t.cWaiting]} rows={f.byCategory.map((c) => ({ key: c.key, label: category(c.key), values: [c.count], open: () => drill(category(c.key), { kind: 'category', value: c.key }) }))} />
          <h3 className="mt-3 font-bold text-slate-700">{t.cMoney}</h3>
          <FigureTable
            label={t.cMoney}
            columns={[t.cWaiting]}
            rows={[
              { key: 'refund', label: t.cRefundsLine(f.refunds.cases, f.refunds.yuan), values: [f.refunds.cases], open: f.refunds.cases ? () => drill(t.cRefunds, { kind: 'refund', value: null }) : undefined },
              { key: 'compensation', label: t.cCompensationLine(f.compensation.cases, f.compensation.yuan), values: [f.compensation.cases], open: f.compensation.cases ? () => drill(t.cCompensation, { kind: 'compensation', value: null }) : undefined },
            ]}
          />
          <h3 className="mt-3 font-bold text-slate-700">{t.cLevelsTitle}</h3>
          <FigureTable label={t.cLevelsTitle} columns={[t.cWaiting]} rows={f.penaltyLevels.map((l) => ({ key: l.key, label: ct.levelName[l.key as keyof typeof ct.levelName] ?? l.key, values: [l.count], open: () => drill(ct.levelName[l.key as keyof typeof ct.levelName] ?? l.key, { kind: 'level', value: l.key }) }))} />
          {f.penaltyLevels.length === 0 && <p className="text-sm text-slate-500">—</p>}
        </Panel>
      </div>
      <Panel title={t.cByClinic} className="shrink-0">
        <FigureTable
          label={t.cByClinic}
          columns={[t.cReceived, t.cOpen, t.cOverdueCases, t.cClosedLate]}
          rows={f.byClinic.map((c) => ({ key: c.key, label: `${c.key} · ${c.name}`, values: [c.received, c.open, c.overdue, c.closedLate], open: () => drill(`${c.key} · ${c.name}`, { kind: 'all', value: null }, { ...period, clinic: c.key }) }))}
        />
      </Panel>
    </>
  );
}

/** 仪容检查: checks done against due, items most often failed, who fails again, penalties, stars. */
export function InspectionsSection({ period, onDrill }: { period: Period; onDrill(d: Drill): void }) {
  const t = useText(headOfficeText);
  const it = useText(inspectionText);
  const q = useQuery('headoffice.inspections', period);
  const f = q.data;
  const drill = (title: string, filter: InspectionFilter, p: Period = period) => onDrill({ kind: 'inspections', title, period: p, filter });
  const kind = (k: string) => it.kind[k as keyof typeof it.kind] ?? k;
  const trend = useMemo(() => (f ? periodBars(f.periods, t.iDone, f.done) : null), [f, t]);
  const worst = useMemo(() => (f ? rankedBars(f.items.filter((i) => i.fail > 0).slice(0, 8).map((i) => ({ label: i.key, count: i.fail })), t.iFail, ALERT) : null), [f, t]);
  if (!f) return <Failed error={q.error} />;
  const missed = f.weekly.due - f.weekly.done;
  const unvisited = f.teamVisits.due - f.teamVisits.done;
  return (
    <>
      <Failed error={q.error} />
      <div className="grid shrink-0 grid-cols-6 gap-3">
        <Tile label={t.iDone} value={String(f.done.reduce((a, b) => a + b, 0))} testId="tile-i-done" onOpen={f.done.some((n) => n > 0) ? () => drill(t.iDone, { kind: 'inspections', value: null }) : undefined} />
        <Tile label={t.iWeekly} value={`${f.weekly.done} / ${f.weekly.due}`} testId="tile-i-weekly" tone={missed ? 'alert' : 'plain'} onOpen={missed ? () => drill(t.iMissedWeeks, { kind: 'weeksMissed', value: null }) : undefined} />
        <Tile label={t.iTeam} value={`${f.teamVisits.done} / ${f.teamVisits.due}`} testId="tile-i-team" tone={unvisited ? 'alert' : 'plain'} onOpen={unvisited ? () => drill(t.iTeamMissed, { kind: 'teamMissed', value: null }) : undefined} />
        <Tile label={t.iPassRateAll} value={percent(f.passRate)} testId="tile-i-rate" onOpen={f.marks.fail ? () => drill(t.iFail, { kind: 'fails', value: null }) : undefined} />
        <Tile label={t.iRepeat} value={String(f.repeatOffenders.length)} testId="tile-i-repeat" tone={f.repeatOffenders.length ? 'alert' : 'plain'} onOpen={f.repeatOffenders.length ? () => drill(t.iRepeatTitle, { kind: 'offender', value: null }) : undefined} />
        <Tile label={t.iPenaltyTitle} value={`¥${f.penalties.yuan.toLocaleString('zh-CN')}`} testId="tile-i-penalties" onOpen={f.penalties.count ? () => drill(t.iPenaltyTitle, { kind: 'penalties', value: null }) : undefined} />
      </div>
      {f.done.every((n) => n === 0) && <Banner tone="info">{t.iNone}</Banner>}
      <div className="grid shrink-0 grid-cols-2 gap-3">
        <Panel title={`${t.iTrend} · ${t.grainName[period.grain]}`}>
          {trend && <Chart option={trend} label={t.iTrend} height={180} onPick={(label) => drill(label, { kind: 'inspections', value: null }, { ...period, ...periodRange(period, label) })} />}
          <FigureTable label={t.iByKind} columns={[t.count]} rows={f.byKind.map((k) => ({ key: k.key, label: kind(k.key), values: [k.count], open: () => drill(kind(k.key), { kind: 'inspections', value: k.key }) }))} />
        </Panel>
        <Panel title={t.iItems}>
          {worst && f.marks.fail > 0 && <Chart option={worst} label={t.iItems} height={180} onPick={(name) => {
            const item = f.items.find((i) => i.key === name || (i.key.length > 14 && `${i.key.slice(0, 14)}…` === name));
            if (item) drill(item.key, { kind: 'item', value: item.key });
          }} />}
          {f.items.length === 0 && <p className="text-sm text-slate-500">—</p>}
          <FigureTable label={t.iItem} columns={[t.iPass, t.iFail, t.iPassRateAll]} rows={f.items.slice(0, 10).map((i) => ({ key: i.key, label: i.key, values: [i.pass, i.fail, percent(i.rate)], open: () => drill(i.key, { kind: 'item', value: i.key }) }))} />
        </Panel>
      </div>
      <div className="grid shrink-0 grid-cols-3 gap-3">
        <Panel title={t.iRepeatTitle}>
          <FigureTable label={t.staff} columns={[t.iFailures]} rows={f.repeatOffenders.map((o) => ({ key: o.key, label: `${o.clinic} · ${o.name}`, values: [o.failures], open: () => drill(`${o.clinic} · ${o.name}`, { kind: 'offender', value: o.key }) }))} />
          {f.repeatOffenders.length === 0 && <p className="text-sm text-slate-500">—</p>}
        </Panel>
        <Panel title={t.iPenaltyTitle}>
          <p className="font-medium text-slate-700" data-testid="i-penalties">{t.iPenaltyLine(f.penalties.count, f.penalties.yuan)}</p>
          <FigureTable label={t.measureCol} columns={[t.count]} rows={f.byMeasure.map((m) => ({ key: m.key, label: it.measure[m.key as keyof typeof it.measure] ?? m.key, values: [m.count], open: () => drill(it.measure[m.key as keyof typeof it.measure] ?? m.key, { kind: 'penalties', value: m.key }) }))} />
        </Panel>
        <Panel title={t.iStars}>
          <ul className="space-y-1 text-sm" aria-label={t.iStars}>
            {f.stars.map((s) => (
              <li key={`${s.clinic}${s.month}`}>
                <span className="font-bold text-amber-700">★ {s.name}</span> · {s.clinic} · {s.month}
                <p className="text-slate-500">{s.reason}</p>
              </li>
            ))}
          </ul>
          {f.stars.length === 0 && <p className="text-sm text-slate-500">{t.iNoStar}</p>}
        </Panel>
      </div>
      <Panel title={t.iByClinic} className="shrink-0">
        <FigureTable
          label={t.iByClinic}
          columns={[t.iWeeklyShort, t.iTeamShort, t.iDone, t.iPassRateAll, t.iPenaltyTitle]}
          rows={f.byClinic.map((c) => ({
            key: c.key,
            label: `${c.key} · ${c.name}`,
            values: [`${c.weeklyDone} / ${c.weeklyDue}`, `${c.teamDone} / ${c.teamDue}`, c.inspections, percent(c.pass + c.fail ? c.pass / (c.pass + c.fail) : null), `¥${c.yuan}`],
            open: c.weeklyDue > c.weeklyDone ? () => drill(`${c.key} · ${t.iMissedWeeks}`, { kind: 'weeksMissed', value: null }, { ...period, clinic: c.key }) : () => drill(`${c.key} · ${c.name}`, { kind: 'inspections', value: null }, { ...period, clinic: c.key }),
          }))}
        />
      </Panel>
    </>
  );
}
