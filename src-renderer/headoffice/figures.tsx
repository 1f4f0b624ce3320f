import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { Banner } from '../ui/ui';
import { fromApiError } from '../ui/errors';
import { headOfficeText } from './i18n';
import { daysBetween, periodOf } from '../../shared/headoffice/rules';
import type { Period } from '../../shared/headoffice/schemas';

/** The dashboard's building blocks: a big number, a figure table with its way to the records. */

/** A refusal of a figure or records read: the general message, or what it says of the fields (an end before the start, too long a range). */
export function Failed({ error }: { error: unknown }) {
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  if (!error) return null;
  const r = fromApiError(error, locale, c.error);
  return <Banner tone="error">{r.general ?? Object.values(r.fields).join(' ')}</Banner>;
}

/** A big number; with `onOpen` it is a button that opens the records behind it. */
export function Tile({ label, value, testId, tone = 'plain', onOpen }: { label: string; value: string; testId: string; tone?: 'plain' | 'alert'; onOpen?: (() => void) | undefined }) {
  const body = (
    <>
      <p className="text-sm text-slate-500">{label}</p>
      <p className={`text-3xl font-bold tabular-nums ${tone === 'alert' ? 'text-rose-700' : 'text-teal-900'}`} data-testid={testId}>
        {value}
      </p>
    </>
  );
  const box = 'rounded-xl bg-white px-4 py-3 text-left shadow-sm ring-1 ring-slate-200';
  return onOpen ? (
    <button type="button" className={`${box} hover:ring-teal-600 focus:ring-2 focus:ring-teal-600`} onClick={onOpen}>
      {body}
    </button>
  ) : (
    <div className={box}>{body}</div>
  );
}

export interface FigureRow {
  key: string;
  label: string;
  values: (number | string)[];
  open?: (() => void) | undefined;
}

/** The figures of a chart as a table: readable numbers, and a keyboard way to the records. */
export function FigureTable({ label, rows, columns }: { label: string; rows: FigureRow[]; columns: string[] }) {
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

/** The days of [from, to] that fall in one period label. */
export function periodRange(period: Period, label: string): { from: string; to: string } {
  const days = daysBetween(period.from, period.to).filter((d) => periodOf(d, period.grain) === label);
  return { from: days[0] ?? period.from, to: days[days.length - 1] ?? period.to };
}

/** A bar chart of one series over the periods. */
export function periodBars(periods: string[], name: string, data: number[], colour?: string) {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name, type: 'bar', data, ...(colour ? { itemStyle: { color: colour } } : {}) }],
  };
}

/** A horizontal bar chart of named counts, longest label cut. */
export function rankedBars(rows: { label: string; count: number }[], name: string, colour?: string) {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => (r.label.length > 14 ? `${r.label.slice(0, 14)}…` : r.label)) },
    series: [{ name, type: 'bar', data: rows.map((r) => r.count), ...(colour ? { itemStyle: { color: colour } } : {}) }],
  };
}

export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
