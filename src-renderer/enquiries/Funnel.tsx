import { useState } from 'react';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { isCalendarDate, clinicDate } from '../../shared/time';
import { addDays } from '../../shared/appointments/rules';
import { Field, Select } from '../ui/ui';
import { enquiryText } from './i18n';
import { DateField } from '../ui/DateField';

type Grain = 'day' | 'week' | 'month';
const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** 咨询统计: 咨询量 → 预约量 → 到诊量 and 成功率 per period, consultant and channel (from the links). */
export function Funnel() {
  const t = useText(enquiryText);
  const today = clinicDate(new Date());
  const [from, setFrom] = useState(addDays(today, -6));
  const [to, setTo] = useState(today);
  const [grain, setGrain] = useState<Grain>('day');
  const valid = isCalendarDate(from) && isCalendarDate(to) && from <= to;
  const q = useQuery('enquiry.funnel', valid ? { from, to, grain } : { from: today, to: today, grain });
  const f = q.data;
  const cols = ['enquiries', 'answered', 'appointments', 'arrivals'] as const;
  return (
    <div className="space-y-3" data-testid="enquiry-funnel">
      <div className="flex items-end gap-3">
        <Field label={t.from}>{(id, db) => <DateField id={id} aria-describedby={db} value={from} onChange={(e) => setFrom(e.target.value)} />}</Field>
        <Field label={t.to}>{(id, db) => <DateField id={id} aria-describedby={db} value={to} onChange={(e) => setTo(e.target.value)} />}</Field>
        <Field label={t.grain}>
          {(id, db) => (
            <Select id={id} aria-describedby={db} value={grain} onChange={(e) => setGrain(e.target.value as Grain)}>
              {(['day', 'week', 'month'] as const).map((g) => (
                <option key={g} value={g}>
                  {t.grains[g]}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      {f && f.rows.length === 0 && <p className="text-slate-500">{t.noFigures}</p>}
      {f && f.rows.length > 0 && (
        <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-300 align-bottom break-keep text-slate-600">
            <tr>
              <th className="py-1 pr-2">{t.period}</th>
              <th className="pr-2">{t.consultantCol}</th>
              <th className="pr-2">{t.channel}</th>
              {cols.map((k) => (
                <th key={k} className="pr-2 text-right">
                  {t[k]}
                </th>
              ))}
              <th className="pr-2 text-right">{t.arrivalRate}</th>
              <th className="pr-2 text-right">{t.bookingRate}</th>
              <th className="pr-2 text-right">{t.answerMinutes}</th>
              <th className="text-right">{t.errorRate}</th>
            </tr>
          </thead>
          <tbody className="whitespace-nowrap">
            {f.rows.map((r) => (
              <tr key={`${r.period}|${r.consultantId}|${r.channel}`} className="border-b border-slate-100">
                <td className="py-1 pr-2">{r.period}</td>
                <td className="pr-2">{r.consultantName}</td>
                <td className="pr-2">{t.channels[r.channel]}</td>
                {cols.map((k) => (
                  <td key={k} className="pr-2 text-right tabular-nums">
                    {r[k]}
                  </td>
                ))}
                <td className="pr-2 text-right tabular-nums">{percent(r.arrivalRate)}</td>
                <td className="pr-2 text-right tabular-nums">{percent(r.bookingRate)}</td>
                <td className="pr-2 text-right tabular-nums">{r.answerMinutes ?? '—'}</td>
                <td className="text-right tabular-nums">{t.errorCell(percent(r.errorRate), r.checked)}</td>
              </tr>
            ))}
            <tr className="font-bold">
              <td className="py-1 pr-2" colSpan={3}>
                {t.total}
              </td>
              {cols.map((k) => (
                <td key={k} className="pr-2 text-right tabular-nums">
                  {f.total[k]}
                </td>
              ))}
              <td className="pr-2 text-right tabular-nums">{percent(f.total.arrivalRate)}</td>
              <td className="pr-2 text-right tabular-nums">{percent(f.total.bookingRate)}</td>
              <td className="pr-2 text-right tabular-nums">{f.total.answerMinutes ?? '—'}</td>
              <td className="text-right tabular-nums">{t.errorCell(percent(f.total.errorRate), f.total.checked)}</td>
            </tr>
          </tbody>
        </table>
        </div>
      )}
    </div>
  );
}
