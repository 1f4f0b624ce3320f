import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { addMonthsToMonth, clinicDate } from '../../shared/time';
import { useLocale, useText } from '../i18n/i18n';
import { inRange, readMonth, showMonth } from './dateText';
import { pickerText } from './i18n';
import { cellLook, PickerField, PopupHeader, type CalendarFieldProps, type PickerKind, type PopupProps } from './PickerField';

/**
 * A month, `YYYY-MM`, in the app's language (2026年12月 / December 2026) where Chromium's
 * <input type="month"> wrote the system's ("December 2026" on a Chinese desk). Takes the native
 * input's props: `<MonthField value={month} onChange={(e) => setMonth(e.target.value)} />`.
 */
export function MonthField(props: CalendarFieldProps) {
  return <PickerField kind={monthKind} {...props} />;
}

const monthKind: PickerKind = {
  show: showMonth,
  read: readMonth,
  complete: (text) => /^\s*(\d{4}-\d{2}|\d{4}年\d{1,2}月)\s*$/.test(text),
  step: addMonthsToMonth,
  start: () => clinicDate(new Date()).slice(0, 7),
  Popup: MonthGrid,
};

/** A year's twelve months, four a row: ←/→ a month, ↑/↓ four, PageUp/PageDown a year, Enter picks. */
function MonthGrid({ value, min, max, pick }: PopupProps) {
  const locale = useLocale((s) => s.locale);
  const t = useText(pickerText);
  const [focus, setFocus] = useState(value);
  const gridRef = useRef<HTMLDivElement>(null);
  const thisMonth = clinicDate(new Date()).slice(0, 7);
  const year = focus.slice(0, 4);

  useEffect(() => {
    gridRef.current?.querySelector<HTMLButtonElement>(`[data-month="${focus}"]`)?.focus();
  }, [focus]);

  const onKeyDown = (e: KeyboardEvent) => {
    const steps: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -4, ArrowDown: 4, PageUp: -12, PageDown: 12 };
    const n = steps[e.key];
    if (n !== undefined) {
      e.preventDefault();
      setFocus(addMonthsToMonth(focus, n));
    }
  };

  return (
    <div className="w-80">
      <PopupHeader title={t.year(Number(year))} prev={() => setFocus(addMonthsToMonth(focus, -12))} next={() => setFocus(addMonthsToMonth(focus, 12))} prevLabel={t.prevYear} nextLabel={t.nextYear} />
      <div ref={gridRef} role="grid" aria-label={t.year(Number(year))} className="grid grid-cols-4 gap-1" onKeyDown={onKeyDown}>
        {Array.from({ length: 12 }, (_, i) => {
          const month = `${year}-${String(i + 1).padStart(2, '0')}`;
          const off = !inRange(month, min, max);
          return (
            <button
              key={month}
              type="button"
              role="gridcell"
              data-month={month}
              tabIndex={month === focus ? 0 : -1}
              aria-label={showMonth(month, locale)}
              aria-selected={month === value}
              aria-current={month === thisMonth ? 'date' : undefined}
              aria-disabled={off || undefined}
              className={`h-10 ${cellLook({ chosen: month === value, current: month === thisMonth, off })}`}
              onClick={() => (off ? setFocus(month) : pick(month))}
            >
              {t.monthShort(i + 1)}
            </button>
          );
        })}
      </div>
      <div className="mt-2 flex justify-between border-t border-slate-200 pt-2 text-sm">
        <button type="button" className="rounded-md px-2 py-1 font-medium text-teal-800 hover:bg-teal-50 disabled:text-slate-300" disabled={!inRange(thisMonth, min, max)} onClick={() => pick(thisMonth)}>
          {t.thisMonth}
        </button>
        <span className="text-xs text-slate-500">{t.keysHint}</span>
      </div>
    </div>
  );
}
