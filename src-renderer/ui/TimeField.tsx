import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { clinicTime } from '../../shared/time';
import { useText } from '../i18n/i18n';
import { timeFieldText } from './i18n';
import type { CalendarFieldProps } from './PickerField';
import { clockComplete, clockPartAt, clockPartRange, isClock, readClock, stepClock, type ClockPart } from './timeText';

/**
 * What TimeField takes: the same props as the day and month fields (the native input's they stand in
 * for), with the `HH:mm` value and no min/max. What cannot be read as a time (25:00) is passed to
 * onChange as typed when the desk leaves the field, so that the form's own check refuses it beside the
 * field, and nothing else than what shows is ever saved.
 */
export type TimeFieldProps = Omit<CalendarFieldProps, 'min' | 'max'>;

const look = 'w-full min-w-[6.5rem] rounded-lg border border-slate-300 bg-white px-3 py-2 text-base tabular-nums focus:border-teal-600 aria-[invalid=true]:border-rose-600 aria-[invalid=true]:bg-rose-50';

/** The clock's next quarter hour, where ↑/↓ start on an empty field. */
function nextQuarter(): string {
  const [h, m] = clinicTime(new Date()).split(':').map(Number) as [number, number];
  const at = (Math.ceil((h * 60 + m) / 15) * 15) % 1440;
  return `${String(Math.floor(at / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}`;
}

/**
 * A time of day, `HH:mm`, 24-hour in both languages (09:30, 15:00), where Chromium's
 * <input type="time"> wrote the system's (03:00 PM on a Chinese desk). Keys: type it (930, 0930,
 * 9:30, 09:30; a full one is taken at once, 930 on Enter or leaving); ↑/↓ step the part the caret is
 * in (an hour, five minutes) and select it; Esc puts back what was typed.
 * `<TimeField id={id} value={time} onChange={(e) => setTime(e.target.value)} />`.
 * tests/unit/date-inputs.test.ts refuses a raw time input anywhere else.
 */
export function TimeField({ value, onChange, invalid, className = '', ...rest }: TimeFieldProps) {
  const t = useText(timeFieldText);
  const [draft, setDraft] = useState<string | null>(null);
  const stepped = useRef<ClockPart | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (stepped.current && input && document.activeElement === input) input.setSelectionRange(...clockPartRange(input.value, stepped.current));
    stepped.current = null;
  });

  const commit = (next: string) => {
    if (next !== value) onChange({ target: { value: next } });
  };
  const text = draft ?? value;
  const unreadable = text.trim() !== '' && readClock(text) === null;

  /** Takes what was typed: the time, '' when cleared, or the text as typed for the form to refuse. */
  const take = () => {
    if (draft === null) return;
    setDraft(null);
    commit(draft.trim() === '' ? '' : (readClock(draft) ?? draft.trim()));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const from = readClock(text);
      if (text.trim() !== '' && from === null) return; // nothing to step from: the refusal stays
      e.preventDefault();
      const part = clockPartAt(e.currentTarget.value, e.currentTarget.selectionStart ?? 0);
      stepped.current = part;
      setDraft(null);
      commit(from ? stepClock(from, e.key === 'ArrowUp' ? 1 : -1, part) : nextQuarter());
    } else if (e.key === 'Enter') {
      take();
    } else if (e.key === 'Escape' && draft !== null) {
      e.preventDefault();
      e.stopPropagation();
      setDraft(null);
    }
  };

  return (
    <input
      ref={inputRef}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      maxLength={8}
      className={`${look} ${className}`}
      aria-invalid={invalid || unreadable || undefined}
      placeholder={t.placeholder}
      title={t.keys}
      value={text}
      onFocus={(e) => e.target.select()}
      onChange={(e) => {
        setDraft(e.target.value);
        const next = readClock(e.target.value);
        if (next && clockComplete(e.target.value) && isClock(next)) commit(next);
        else if (e.target.value === '') commit('');
      }}
      onBlur={take}
      onKeyDown={onKeyDown}
      {...rest}
    />
  );
}
