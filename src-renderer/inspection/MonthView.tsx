import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { adminRoles } from '../../shared/reference/schemas';
import { clinicDate } from '../../shared/time';
import { useShell } from '../shell/store';
import { Banner, Button, Panel, TextInput } from '../ui/ui';
import { saveFile } from '../ui/saveFile';
import { useSubmit } from '../ui/useSubmit';
import { inspectionText } from './i18n';
import { useInspectionUi } from './store';
import '../ui/print.css';
import './print.css';
import { MonthField } from '../ui/MonthField';
import { showMonth } from '../ui/dateText';

/** The month per clinic and department: inspections, pass rate per item, repeat offenders, penalties, 服务之星. */
export function MonthView() {
  const t = useText(inspectionText);
  const locale = useLocale((s) => s.locale);
  const c = useText(commonText);
  const status = useShell((s) => s.status);
  const [month, setMonth] = useState(() => clinicDate(new Date()).slice(0, 7));
  const sum = useQuery('inspection.monthSummary', { month });
  const list = useQuery('inspection.list', { month });
  // The star goes up with sync: say so only when it has (issue 19), not while no head office is connected.
  const sync = useQuery('sync.status', {}).data;
  const reported = !sync || sync.state === 'off' ? 'off' : sync.state === 'idle' && sync.pendingUp === 0 ? 'done' : 'pending';
  const { open, setTab } = useInspectionUi();
  const [reason, setReason] = useState('');
  const { errors, general, send } = useSubmit();
  const exporting = useSubmit();
  const canChoose = !!status?.operator && adminRoles.includes(status.operator.role);
  const dept = (id: string | null) => status?.clinic?.departments.find((d) => d.id === id)?.name ?? t.noDepartment;
  const s = sum.data;
  const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

  return (
    <div className="grid h-full grid-cols-2 gap-4">
      <Panel
        className="print-alone inspection-month"
        title={
          <>
            {status?.clinic?.name && <span className="print-only text-base font-normal">{status.clinic.name}</span>}
            {/* The field beside it names the month on screen; the paper names it in the title. */}
            <span className="print-only">{t.monthTitle(showMonth(month, locale))}</span>
            <span className="no-print block truncate">{t.monthHeading}</span>
          </>
        }
        actions={
          // One row at 1366×768 in both languages: the field and the two buttons stay their size; the title gives way.
          <div className="no-print ml-3 flex shrink-0 items-center justify-end gap-2">
            <MonthField aria-label={t.monthPick} className="w-44 py-1" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
            {s && (
              <Button variant="secondary" className="px-3 py-1" onClick={() => window.print()}>
                {t.printMonth}
              </Button>
            )}
            {s && (
              <Button variant="secondary" className="px-3 py-1" disabled={exporting.busy} onClick={() => void exporting.send(async () => saveFile(await api['inspection.monthXlsx']({ month })))}>
                {t.exportMonth}
              </Button>
            )}
          </div>
        }
      >
        {exporting.general && <Banner tone="error">{exporting.general}</Banner>}
        {sum.error && <Banner tone="error">{c.error[sum.error.code] ?? sum.error.message}</Banner>}
        {s && (
          <div className="space-y-4">
            <div className="flex flex-wrap gap-3" data-testid="month-figures">
              <Figure label={t.inspections} value={String(s.inspections.total)} />
              {Object.entries(s.inspections.byKind).map(([k, n]) => (
                <Figure key={k} label={t.kind[k as keyof typeof t.kind]} value={String(n)} />
              ))}
              <Figure label={t.penalties} value={t.penaltyTotal(s.penalties.count, s.penalties.total)} />
            </div>
            <section>
              <h3 className="mb-1 font-bold">{t.byDepartment}</h3>
              <table className="w-full text-left">
                <thead className="text-sm text-slate-500">
                  <tr>
                    <th />
                    <th>{t.inspected}</th>
                    <th>{t.passFail}</th>
                    <th>{t.passRate}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.departments.map((d) => (
                    <tr key={d.departmentId ?? '-'} className="border-t border-slate-100">
                      <td className="py-1">{dept(d.departmentId)}</td>
                      <td>{d.inspected}</td>
                      <td>
                        {d.pass} / {d.fail}
                      </td>
                      <td className="font-bold">{pct(d.pass + d.fail ? d.pass / (d.pass + d.fail) : null)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section>
              <h3 className="mb-1 font-bold">{t.thisMonth}</h3>
              {list.data?.length === 0 && <p className="text-slate-500">{t.none}</p>}
              <ul className="space-y-1">
                {list.data?.map((i) => (
                  <li key={i.id} className="flex items-center gap-2">
                    <span data-testid="month-line">
                      {i.date} · {t.kind[i.kind]} · {i.templateName} · {i.departmentId === null ? t.wholeClinic : dept(i.departmentId)} · {i.inspectorName}
                    </span>
                    <span className="text-sm text-slate-500">{i.discardedAt ? t.discarded : i.signedAt ? '' : t.notSigned}</span>
                    <Button
                      variant="ghost"
                      className="no-print ml-auto px-2 py-0.5 text-sm"
                      onClick={() => {
                        open(i.id);
                        setTab('inspect');
                      }}
                    >
                      {t.open}
                    </Button>
                  </li>
                ))}
              </ul>
            </section>
            <section>
              <h3 className="mb-1 font-bold">{t.repeatOffenders}</h3>
              {s.repeatOffenders.length === 0 ? (
                <p className="text-slate-500">{t.none}</p>
              ) : (
                <ul>
                  {s.repeatOffenders.map((o) => (
                    <li key={o.staffId}>
                      <span className="font-medium">{o.name}</span> · <span className="text-rose-700">{t.failuresN(o.failures)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        )}
      </Panel>
      <div className="flex min-h-0 flex-col gap-4">
        <Panel title={t.star} className="shrink-0">
          {general && <Banner tone="error">{general}</Banner>}
          {s?.star ? (
            <p className="text-xl font-bold text-amber-700" data-testid="star">
              ★ {t.starChosen(s.star.name, s.star.chosenBy, reported)}
              <span className="block text-base font-normal text-slate-600">{s.star.reason}</span>
            </p>
          ) : (
            <>
              <p className="mb-2 text-sm text-slate-500">{t.candidates}</p>
              {s?.candidates.length === 0 && <p className="text-slate-500">{t.none}</p>}
              {canChoose && s && s.candidates.length > 0 && (
                <TextInput aria-label={t.starReason} placeholder={t.starReason} className="mb-2" aria-invalid={!!errors.reason || undefined} value={reason} onChange={(e) => setReason(e.target.value)} />
              )}
              {errors.reason && <p className="text-sm text-rose-700">{errors.reason}</p>}
              <ul className="space-y-1">
                {s?.candidates.map((x) => (
                  <li key={x.staffId} className="flex items-center gap-2">
                    <span className="font-medium">{x.name}</span>
                    <span className="text-sm text-slate-500">{t.passedN(x.passed)}</span>
                    {canChoose && (
                      <Button variant="secondary" className="ml-auto px-3 py-1 text-sm" onClick={() => void send(() => api['inspection.chooseStar']({ month, staffId: x.staffId, reason }))}>
                        {t.chooseStar}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Panel>
        <Panel title={t.passRate} className="min-h-0 flex-1">
          <table className="w-full text-left">
            <thead className="text-sm text-slate-500">
              <tr>
                <th>{t.item}</th>
                <th>{t.passFail}</th>
                <th>{t.passRate}</th>
              </tr>
            </thead>
            <tbody>
              {s?.items.map((i) => (
                <tr key={i.itemId} className="border-t border-slate-100">
                  <td className="py-1">{i.label}</td>
                  <td>
                    {i.pass} / {i.fail}
                  </td>
                  <td className={`font-bold ${i.rate !== null && i.rate < 0.9 ? 'text-rose-700' : 'text-emerald-700'}`}>{pct(i.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      </div>
    </div>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-4 py-2 ring-1 ring-slate-200">
      <p className="text-sm text-slate-500">{label}</p>
      <p className="text-xl font-bold">{value}</p>
    </div>
  );
}
