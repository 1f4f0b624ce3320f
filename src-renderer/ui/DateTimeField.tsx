import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { clinicDate, clinicTime } from '../../shared/time';
import { useLocale, useText } from '../i18n/i18n';
import { DayGrid } from './DateField';
import { addMinutes, dateTimePartAt, dateTimePartRange, inRange, readDateTime, readTime, showDateTime, showTime, stepDateTime, type DateTimePart } from './dateText';
import { pickerText } from './i18n';
import { PickerField, type CalendarFieldProps, type PickerKind, type PopupProps } from './PickerField';

/**
 * A day and a time, `YYYY-MM-DDTHH:mm` (clinic time, the desk's own clock), in the app's language
 * (2026年12月4日 9:30 / 4 Dec 2026 09:30) where Chromium's <input type="datetime-local"> wrote the
 * system's. Takes the native input's props and gives its value:
 * `<DateTimeField id={id} value={at} onChange={(e) => setAt(e.target.value)} />`.
 * Keys: type it (2026-12-04 09:30, 2026年12月4日 9:30, 4 Dec 2026 09:30); ↑/↓ step the part the
 * caret is in (a day, an hour, five minutes); Alt+↓ or F4 opens the calendar with a time box.
 * tests/unit/date-inputs.test.ts refuses a raw datetime-local input anywhere else.
 */
export function DateTimeField(props: CalendarFieldProps) {
  return <PickerField kind={dateTimeKind} {...props} />;
}

/** Now in clinic time, on to the next quarter hour (a time the desk would give). */
function nextQuarter(): string {
  const now = new Date();
  const at = `${clinicDate(now)}T${clinicTime(now)}`;
  const off = Number(at.slice(14, 16)) % 15;
  return off === 0 ? at : addMinutes(at, 15 - off);
}

const dateTimeKind: PickerKind = {
  show: showDateTime,
  read: readDateTime,
  complete: (text) => readDateTime(text) !== null,
  step: (value, n) => addMinutes(value, n * 24 * 60),
  start: nextQuarter,
  parts: {
    at: dateTimePartAt,
    range: (text, part) => dateTimePartRange(text, part as DateTimePart),
    step: (value, n, part) => stepDateTime(value, n, part as DateTimePart),
  },
  Popup: DayAndTime,
};

/** The month grid (as DateField's) and a time box: a day picked (click or Enter) goes to the time; Enter there (or 确定) takes both. */
function DayAndTime({ value, min, max, pick }: PopupProps) {
  const locale = useLocale((s) => s.locale);
  const t = useText(pickerText);
  const [day, setDay] = useState(value.slice(0, 10));
  const [time, setTime] = useState(showTime(value.slice(11), locale));
  const [toTime, setToTime] = useState(0);
  const timeRef = useRef<HTMLInputElement>(null);
  const timeId = useId();
  const hhmm = readTime(time);
  const chosen = hhmm ? `${day}T${hhmm}` : null;
  const ok = chosen !== null && inRange(chosen, min, max);

  // After a day is picked the time box has the focus (the grid's own effect ran first and took it).
  useEffect(() => {
    if (toTime > 0) timeRef.current?.select();
  }, [toTime]);

  const done = () => {
    if (ok) pick(chosen);
    else timeRef.current?.focus();
  };
  const onTimeKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      done();
    } else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && hhmm) {
      e.preventDefault();
      const caret = e.currentTarget.selectionStart ?? 0;
      const colon = time.search(/[:：]/);
      const part: DateTimePart = colon >= 0 && caret > colon ? 'minute' : 'hour';
      // The day stays the day: 23:55 on is 00:00 of the same day.
      const next = stepDateTime(`2000-01-01T${hhmm}`, e.key === 'ArrowUp' ? 1 : -1, part).slice(11);
      const shown = showTime(next, locale);
      setTime(shown);
      const c = shown.indexOf(':');
      requestAnimationFrame(() => timeRef.current?.setSelectionRange(...(part === 'hour' ? [0, c] : [c + 1, shown.length]) as [number, number]));
    }
  };

  return (
    <div className="flex gap-3">
      <DayGrid
        value={day}
        min={min?.slice(0, 10)}
        max={max?.slice(0, 10)}
        pick={(d) => {
          setDay(d);
          setToTime((n) => n + 1);
        }}
        close={() => undefined}
      />
      <div className="flex w-36 flex-col gap-2 border-l border-slate-200 pl-3 text-sm">
        <label htmlFor={timeId} className="pt-1.5 font-semibold text-slate-800">
          {t.time}
        </label>
        <input
          ref={timeRef}
          id={timeId}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={!ok || undefined}
          aria-describedby={`${timeId}-hint`}
          className="w-full rounded-lg border border-slate-300 px-2 py-1.5 text-center text-lg tabular-nums focus:border-teal-600 aria-[invalid=true]:border-rose-600 aria-[invalid=true]:bg-rose-50"
          value={time}
          onFocus={(e) => e.target.select()}
          onChange={(e) => setTime(e.target.value)}
          onKeyDown={onTimeKey}
        />
        <p id={`${timeId}-hint`} className={`text-xs ${hhmm ? 'text-slate-500' : 'text-rose-700'}`}>
          {hhmm ? t.timeHint : t.badTime}
        </p>
        <div className="mt-auto flex flex-col gap-2">
          <button type="button" className="rounded-md px-2 py-1 font-medium text-teal-800 ring-1 ring-teal-200 hover:bg-teal-50" onClick={() => pick(`${clinicDate(new Date())}T${clinicTime(new Date())}`)}>
            {t.now}
          </button>
          <button type="button" disabled={!ok} className="rounded-md bg-teal-700 px-3 py-1.5 font-semibold whitespace-nowrap text-white hover:bg-teal-800 disabled:bg-slate-300" onClick={done}>
            {t.done}
          </button>
        </div>
      </div>
    </div>
  );
}
