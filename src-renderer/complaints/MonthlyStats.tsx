import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { clinicDate } from '../../shared/time';
import { Banner, Button, Field, Panel } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { complaintText } from './i18n';
import { when } from './format';
import { MonthField } from '../ui/MonthField';

/** 患者投诉案件统计表 of a month, on screen and as an .xlsx download. */
export function MonthlyStats() {
  const t = useText(complaintText);
  const c = useText(commonText);
  const [month, setMonth] = useState(() => clinicDate(new Date()).slice(0, 7));
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const q = useQuery('complaint.monthlyStats', { month: valid ? month : '2000-01' });
  const download = useSubmit();
  const s = valid ? q.data : undefined;

  const save = () =>
    download.send(async () => {
      const file = await api['complaint.monthlyXlsx']({ month });
      const bytes = Uint8Array.from(atob(file.data), (ch) => ch.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });

  const table = (title: string, map: Record<string, number>, names: (k: string) => string) => (
    <section className="rounded-lg p-3 ring-1 ring-slate-200" aria-label={title}>
      <h3 className="mb-1 font-bold">{title}</h3>
      {Object.keys(map).length === 0 ? (
        <p className="text-slate-400">{t.none}</p>
      ) : (
        <table className="w-full text-sm">
          <tbody>
            {Object.entries(map).map(([k, n]) => (
              <tr key={k}>
                <td>{names(k)}</td>
                <td className="text-right tabular-nums">{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );

  return (
    <Panel
      title={t.statsTitle}
      className="h-full"
      actions={
        <div className="flex items-end gap-3">
          <Field label={t.month}>{(id) => <MonthField id={id} value={month} onChange={(e) => setMonth(e.target.value)} className="py-1" />}</Field>
          <Button onClick={() => void save()} disabled={!valid || download.busy}>
            {t.download}
          </Button>
        </div>
      }
    >
      {(q.error || download.general) && <Banner tone="error">{download.general ?? (q.error && (c.error[q.error.code] ?? q.error.message))}</Banner>}
      {s && (
        <div className="grid grid-cols-3 gap-3" data-testid="stats">
          <section className="col-span-3 flex gap-8 text-lg">
            <span>
              {t.total} <strong data-testid="stats-total">{s.total}</strong>
            </span>
            <span>
              {t.overdueCases} <strong>{s.overdue}</strong>
            </span>
            <span>
              {t.refunds} <strong>{t.cases(s.refunds.cases, s.refunds.yuan)}</strong>
            </span>
            <span>
              {t.compensations} <strong>{t.cases(s.compensation.cases, s.compensation.yuan)}</strong>
            </span>
          </section>
          {table(t.byCategory, s.byCategory, (k) => t.categoryName[k] ?? t.unclassified)}
          {table(t.byChannel, s.byChannel, (k) => t.channelName[k as keyof typeof t.channelName] ?? k)}
          {table(t.byDepartment, s.byDepartment, (k) => k)}
          {table(t.byServiceType, s.byServiceType, (k) => t.serviceTypeName[k] ?? k)}
          {table(t.byStep, s.byStep, (k) => t.stepName[k as keyof typeof t.stepName] ?? k)}
          {table(t.penalties, s.penaltyLevels, (k) => t.levelName[k as keyof typeof t.levelName] ?? k)}
          {table(
            t.hoursToStep,
            Object.fromEntries(Object.entries(s.hoursToStep).filter(([, h]) => h !== null)) as Record<string, number>,
            (k) => t.stepName[k as keyof typeof t.stepName] ?? k,
          )}
          <section className="col-span-3 overflow-x-auto rounded-lg p-3 ring-1 ring-slate-200" aria-label={t.caseRows}>
            <h3 className="mb-1 font-bold">{t.caseRows}</h3>
            {s.rows.length === 0 ? (
              <p className="text-slate-400">{t.none}</p>
            ) : (
              <table className="w-full text-sm" data-testid="stats-rows">
                <thead>
                  <tr className="text-left text-slate-500">
                    {['number', 'receivedAt', 'patient', 'category', 'type', 'responsible', 'cause', 'what', 'outcome', 'satisfaction', 'penalty', 'step'].map((k) => (
                      <th key={k} className="whitespace-nowrap px-1 font-normal">
                        {t.caseColumn[k]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {s.rows.map((r, i) => (
                    <tr key={`${r.number ?? ''}-${i}`} className="border-t border-slate-100 align-top">
                      <td className="whitespace-nowrap px-1 font-mono">{r.number ?? t.numberPending}</td>
                      <td className="whitespace-nowrap px-1 tabular-nums">{when(r.receivedAt)}</td>
                      <td className="whitespace-nowrap px-1">{r.patientName}</td>
                      <td className="whitespace-nowrap px-1">{r.category ? (t.categoryName[r.category] ?? r.category) : t.unclassified}</td>
                      <td className="whitespace-nowrap px-1">{r.serviceType ? (t.serviceTypeName[r.serviceType] ?? r.serviceType) : r.subcategory ? (t.subcategoryName[r.subcategory] ?? r.subcategory) : ''}</td>
                      <td className="px-1">{r.responsible}</td>
                      <td className="px-1">{r.cause}</td>
                      <td className="max-w-64 px-1">{r.what}</td>
                      <td className="max-w-48 px-1">{r.outcome}</td>
                      <td className="whitespace-nowrap px-1">{r.satisfaction ? t.satisfactionName[r.satisfaction] : ''}</td>
                      <td className="whitespace-nowrap px-1">{r.penaltyLevels.map((l) => t.levelName[l as keyof typeof t.levelName] ?? l).join('、')}</td>
                      <td className="whitespace-nowrap px-1">{t.stepName[r.step as keyof typeof t.stepName] ?? r.step}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      )}
    </Panel>
  );
}
