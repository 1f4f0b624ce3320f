import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { addDays, addMonths, clinicDate, dateParts, weekday } from '../../shared/time';
import { useLocale, useText } from '../i18n/i18n';
import { inRange, readDate, showDate, showMonth } from './dateText';
import { pickerText } from './i18n';
import { cellLook, PickerField, PopupHeader, type CalendarFieldProps, type PickerKind, type PopupProps } from './PickerField';

/**
 * A day, `YYYY-MM-DD`, in the app's language (2026年12月4日 / 4 Dec 2026) where Chromium's
 * <input type="date"> wrote the system's (11/27/2026 on a Chinese desk). Takes the native input's
 * props: `<DateField id={id} value={day} onChange={(e) => setDay(e.target.value)} />`.
 * tests/unit/date-inputs.test.ts refuses a raw date input anywhere else.
 */
export function DateField(props: CalendarFieldProps) {
  return <PickerField kind={dayKind} {...props} />;
}

const dayKind: PickerKind = {
  show: showDate,
  read: readDate,
  complete: (text) => /^\s*(\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日)\s*$/.test(text),
  step: addDays,
  start: () => clinicDate(new Date()),
  Popup: DayGrid,
};

/** Six weeks from the Monday on or before the 1st (Monday first, as Chinese calendars are): the grid never changes height. */
function weeksOf(month: string): string[][] {
  const first = `${month}-01`;
  const start = addDays(first, -((weekday(first) + 6) % 7));
  return Array.from({ length: 6 }, (_, w) => Array.from({ length: 7 }, (_, d) => addDays(start, w * 7 + d)));
}

/** The month grid: arrows move a day / a week, PageUp/PageDown a month (with Shift a year), Home/End the week's ends, Enter picks. */
export function DayGrid({ value, min, max, pick }: PopupProps) {
  const locale = useLocale((s) => s.locale);
  const t = useText(pickerText);
  const [focus, setFocus] = useState(value);
  const gridRef = useRef<HTMLTableElement>(null);
  const today = clinicDate(new Date());
  const month = focus.slice(0, 7);

  useEffect(() => {
    gridRef.current?.querySelector<HTMLButtonElement>(`[data-day="${focus}"]`)?.focus();
  }, [focus]);

  const move = (to: string) => setFocus(to);
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(focus, -1),
      ArrowRight: () => addDays(focus, 1),
      ArrowUp: () => addDays(focus, -7),
      ArrowDown: () => addDays(focus, 7),
      PageUp: () => addMonths(focus, e.shiftKey ? -12 : -1),
      PageDown: () => addMonths(focus, e.shiftKey ? 12 : 1),
      Home: () => addDays(focus, -((weekday(focus) + 6) % 7)),
      End: () => addDays(focus, 6 - ((weekday(focus) + 6) % 7)),
    };
    const to = moves[e.key];
    if (to) {
      e.preventDefault();
      move(to());
    }
  };
  const [y, m] = dateParts(month);

  return (
    <div className="w-80">
      <PopupHeader title={showMonth(month, locale)} prev={() => move(addMonths(focus, -1))} next={() => move(addMonths(focus, 1))} prevLabel={t.prevMonth} nextLabel={t.nextMonth} />
      <table ref={gridRef} role="grid" aria-label={t.monthOf(y, m)} className="w-full border-separate border-spacing-0.5" onKeyDown={onKeyDown}>
        <thead>
          <tr>
            {[1, 2, 3, 4, 5, 6, 0].map((d) => (
              <th key={d} scope="col" className={`py-1 text-xs font-medium ${d === 0 || d === 6 ? 'text-rose-700' : 'text-slate-500'}`}>
                {t.weekday(d)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(month).map((week) => (
            <tr key={week[0]}>
              {week.map((day) => {
                const off = !inRange(day, min, max);
                return (
                  <td key={day} className="p-0">
                    <button
                      type="button"
                      data-day={day}
                      tabIndex={day === focus ? 0 : -1}
                      aria-label={showDate(day, locale)}
                      aria-selected={day === value}
                      aria-current={day === today ? 'date' : undefined}
                      aria-disabled={off || undefined}
                      className={`h-9 w-full ${cellLook({ chosen: day === value, current: day === today, faded: day.slice(0, 7) !== month, off })}`}
                      onClick={() => (off ? setFocus(day) : pick(day))}
                    >
                      {Number(day.slice(8))}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-2 flex justify-between border-t border-slate-200 pt-2 text-sm">
        <button type="button" className="rounded-md px-2 py-1 font-medium text-teal-800 hover:bg-teal-50 disabled:text-slate-300" disabled={!inRange(today, min, max)} onClick={() => pick(today)}>
          {t.today}
        </button>
        <span className="text-xs text-slate-500">{t.keysHint}</span>
      </div>
    </div>
  );
}
