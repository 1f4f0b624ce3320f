import { useEffect, useLayoutEffect, useRef, useState, type ComponentType, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useLocale, useText, type Locale } from '../i18n/i18n';
import { inRange } from './dateText';
import { pickerText } from './i18n';

/** What DateField and MonthField take: the native input's props they stood in for, same value strings. */
export interface CalendarFieldProps {
  value: string;
  /** Called with the new `YYYY-MM-DD` / `YYYY-MM` (or '' when cleared), in the native input's event shape. */
  onChange(e: { target: { value: string } }): void;
  id?: string | undefined;
  min?: string | undefined;
  max?: string | undefined;
  invalid?: boolean | undefined;
  disabled?: boolean | undefined;
  required?: boolean | undefined;
  className?: string | undefined;
  'aria-label'?: string | undefined;
  'aria-describedby'?: string | undefined;
  'data-testid'?: string | undefined;
  autoFocus?: boolean | undefined;
}

/** What makes a day field a day field and a month field a month field. */
export interface PickerKind {
  show(value: string, locale: Locale): string;
  /** The value typed, however written, or null. */
  read(text: string): string | null;
  /** Typed in full (2026-12-04, 2026年12月4日): taken at once, as the native input did, not only on Enter or leaving. */
  complete(text: string): boolean;
  /** The value `n` steps (days / months) on. */
  step(value: string, n: number): string;
  /** The value to start from when there is none (today / this month). */
  start(): string;
  /**
   * A value of parts (a day and a time): ↑/↓ step the part the caret is in (the day, the hour, the
   * minutes) and select it after, as the native field did. Without it ↑/↓ step `step`'s unit.
   */
  parts?: {
    at(text: string, caret: number): string;
    range(text: string, part: string): [number, number];
    step(value: string, n: number, part: string): string;
  };
  Popup: ComponentType<PopupProps>;
}

export interface PopupProps {
  value: string;
  min?: string | undefined;
  max?: string | undefined;
  pick(value: string): void;
  close(): void;
}

/** Width classes size the field; the rest style the text box. */
function splitClasses(className: string): [string, string] {
  const words = className.split(/\s+/).filter(Boolean);
  const width = (w: string) => /^(min-|max-)?w-/.test(w);
  return [words.filter(width).join(' '), words.filter((w) => !width(w)).join(' ')];
}

const inputLook = 'w-full rounded-lg border border-slate-300 bg-white py-2 pl-3 pr-10 text-base tabular-nums focus:border-teal-600 aria-[invalid=true]:border-rose-600 aria-[invalid=true]:bg-rose-50';

/**
 * A text box that reads and writes a day, a month or a day and a time in the app's language, with a calendar popup.
 * Keys: type it (2026-12-04, 2026/12/4, 20261204 or 2026年12月4日), ↑/↓ a day (month; the part the caret is in) on or back,
 * Alt+↓ or F4 opens the calendar; Enter takes what was typed, Esc puts the field back.
 */
export function PickerField({ kind, value, onChange, min, max, invalid, disabled, className = '', ...rest }: CalendarFieldProps & { kind: PickerKind }) {
  const locale = useLocale((s) => s.locale);
  const t = useText(pickerText);
  const [draft, setDraft] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const popRef = useRef<HTMLDivElement>(null);
  const [outer, inner] = splitClasses(className);
  /** The part stepped, to select once the new value shows. */
  const stepped = useRef<string | null>(null);
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (stepped.current !== null && kind.parts && input && document.activeElement === input) input.setSelectionRange(...kind.parts.range(input.value, stepped.current));
    stepped.current = null;
  });

  const commit = (next: string) => {
    if (next !== value) onChange({ target: { value: next } });
  };
  const typed = draft === null ? null : draft.trim() === '' ? '' : kind.read(draft);
  const typedOk = typed === '' || (typed !== null && inRange(typed, min, max));
  const clamp = (v: string) => (min && v < min ? min : max && v > max ? max : v);

  /** Takes what was typed when it is a value in range; true when it did. */
  const takeDraft = (): boolean => {
    if (draft === null) return false;
    setDraft(null);
    if (typed !== null && typedOk && typed !== value) {
      commit(typed);
      return true;
    }
    return false;
  };

  const closePopup = (refocus: boolean) => {
    setOpen(false);
    if (refocus) inputRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if ((e.key === 'ArrowDown' && e.altKey) || e.key === 'F4') {
      e.preventDefault();
      takeDraft();
      setOpen(true);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      const from = typed || value;
      const n = e.key === 'ArrowUp' ? 1 : -1;
      const part = kind.parts?.at(e.currentTarget.value, e.currentTarget.selectionStart ?? 0);
      stepped.current = part ?? null;
      commit(clamp(from ? (part !== undefined && kind.parts ? kind.parts.step(from, n, part) : kind.step(from, n)) : kind.start()));
      setDraft(null);
    } else if (e.key === 'Enter') {
      // The first Enter takes what was typed; the form behind would read the old value.
      if (takeDraft()) e.preventDefault();
    } else if (e.key === 'Escape' && draft !== null) {
      e.preventDefault();
      e.stopPropagation();
      setDraft(null);
    }
  };

  // A click anywhere else closes the calendar.
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      const at = e.target as Node;
      if (!boxRef.current?.contains(at) && !popRef.current?.contains(at)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  return (
    <div
      ref={boxRef}
      className={`relative ${outer || 'w-full'}`}
      onBlur={(e) => {
        const to = e.relatedTarget as Node | null;
        if (open && to && !boxRef.current?.contains(to) && !popRef.current?.contains(to)) setOpen(false);
      }}
    >
      <input
        ref={inputRef}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        className={`${inputLook} ${inner}`}
        aria-invalid={invalid || (draft !== null && !typedOk) || undefined}
        aria-haspopup="dialog"
        aria-expanded={open}
        placeholder={t.placeholder(kind.show(kind.start(), locale))}
        disabled={disabled}
        value={draft ?? kind.show(value, locale)}
        onFocus={(e) => e.target.select()}
        onChange={(e) => {
          setDraft(e.target.value);
          const next = kind.read(e.target.value);
          if (next && kind.complete(e.target.value) && inRange(next, min, max)) commit(next);
          else if (e.target.value === '') commit('');
        }}
        onBlur={() => takeDraft()}
        onKeyDown={onKeyDown}
        {...rest}
      />
      <button
        type="button"
        tabIndex={-1}
        disabled={disabled}
        aria-label={t.open}
        title={t.openKeys}
        className="absolute inset-y-0 right-0 flex w-10 items-center justify-center rounded-r-lg text-slate-500 hover:bg-slate-100 hover:text-teal-700"
        onClick={() => (open ? closePopup(true) : (takeDraft(), setOpen(true)))}
      >
        <CalendarIcon />
      </button>
      {open && (
        <Floating anchor={boxRef} popRef={popRef} onKey={(e) => e.key === 'Escape' && (e.preventDefault(), closePopup(true))}>
          <kind.Popup value={value || clamp(kind.start())} min={min} max={max} pick={(v) => (commit(v), setDraft(null), closePopup(true))} close={() => closePopup(true)} />
        </Floating>
      )}
    </div>
  );
}

/** The popup, on top of everything (a table cell or a scrolling panel does not cut it), below the field or above it when there is no room. */
function Floating({ anchor, popRef, onKey, children }: { anchor: React.RefObject<HTMLDivElement | null>; popRef: React.RefObject<HTMLDivElement | null>; onKey(e: KeyboardEvent): void; children: ReactNode }) {
  const [at, setAt] = useState<{ left: number; top: number } | null>(null);
  useLayoutEffect(() => {
    const place = () => {
      const field = anchor.current?.getBoundingClientRect();
      const pop = popRef.current?.getBoundingClientRect();
      if (!field || !pop) return;
      const below = field.bottom + 4;
      // Below; above when there is no room below; else as low as it fits whole (over the field, never cut off).
      const top = below + pop.height <= window.innerHeight ? below : field.top - pop.height - 4 > 0 ? field.top - pop.height - 4 : Math.max(4, window.innerHeight - pop.height - 4);
      setAt({ left: Math.max(4, Math.min(field.left, window.innerWidth - pop.width - 4)), top });
    };
    place();
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [anchor, popRef]);
  return createPortal(
    <div
      ref={popRef}
      role="dialog"
      data-testid="calendar-popup"
      className="fixed z-50 rounded-xl bg-white p-3 shadow-xl ring-1 ring-slate-300"
      // Off screen (not hidden: the grid takes the focus at once) until it is placed.
      style={at ? { left: at.left, top: at.top } : { left: -10000, top: 0 }}
      onKeyDown={(e) => {
        // Keys stay in the calendar: the desk's list behind must not act on them (React bubbles through portals).
        e.stopPropagation();
        onKey(e);
      }}
    >
      {children}
    </div>,
    document.body,
  );
}

export function CalendarIcon({ className = 'h-5 w-5' }: { className?: string }) {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className={className} aria-hidden>
      <rect x="3" y="4.5" width="14" height="12.5" rx="2" />
      <path d="M3 8.5h14M7 2.5v4M13 2.5v4" strokeLinecap="round" />
    </svg>
  );
}

/** The buttons of a popup's grid: the focused one is the one Tab reaches (a roving tab stop). */
export function cellLook({ chosen, current, faded, off }: { chosen: boolean; current: boolean; faded?: boolean; off: boolean }): string {
  return [
    'rounded-md text-sm tabular-nums focus:outline-3 focus:outline-offset-1 focus:outline-teal-500',
    chosen ? 'bg-teal-700 font-semibold text-white' : off ? 'cursor-not-allowed text-slate-300' : faded ? 'text-slate-400 hover:bg-teal-50' : 'text-slate-800 hover:bg-teal-50',
    current && !chosen ? 'ring-1 ring-teal-600' : '',
  ].join(' ');
}

/** The header of a popup: ‹ title ›. */
export function PopupHeader({ title, prev, next, prevLabel, nextLabel }: { title: string; prev(): void; next(): void; prevLabel: string; nextLabel: string }) {
  const arrow = 'flex h-8 w-8 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100';
  return (
    <div className="mb-2 flex items-center justify-between gap-2">
      <button type="button" className={arrow} aria-label={prevLabel} title={prevLabel} onClick={prev}>
        ‹
      </button>
      <p className="font-semibold whitespace-nowrap text-slate-800" aria-live="polite">
        {title}
      </p>
      <button type="button" className={arrow} aria-label={nextLabel} title={nextLabel} onClick={next}>
        ›
      </button>
    </div>
  );
}
