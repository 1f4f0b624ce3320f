/*
 * The words of TimeField: a time of day `HH:mm`, 24-hour, in both languages. Chromium's own
 * <input type="time"> writes it the system's way ("03:00 PM" on a Chinese desk), so TimeField is a
 * text box that reads what the desk types (930, 0930, 9:30, 09:30, 9：30) and writes 09:30.
 */

/** The part of a time the caret is in. */
export type ClockPart = 'hour' | 'minute';

const pad = (n: number) => String(n).padStart(2, '0');

/** True for `HH:mm`, 00:00–23:59. */
export function isClock(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/** The `HH:mm` typed (930, 0930, 9:30, 09:30, 9：30, 9.30), or null (25:00, 9:60, 9:3, words). */
export function readClock(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[:：.]\s*(\d{2})\s*$/.exec(text) ?? /^\s*(\d{1,2})(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h < 24 && min < 60 ? `${pad(h)}:${pad(min)}` : null;
}

/** Typed in full (9:30, 09:30, 0930): taken at once; 930 waits for Enter or leaving (it may become 9301…). */
export function clockComplete(text: string): boolean {
  return /^\s*\d{1,2}\s*[:：.]\s*\d{2}\s*$|^\s*\d{4}\s*$/.test(text) && readClock(text) !== null;
}

/** Where the hour ends in what was typed: at the colon, or before the last two digits. */
function hourEnd(text: string): number {
  const colon = text.search(/[:：.]/);
  return colon >= 0 ? colon : Math.max(0, text.trimEnd().length - 2);
}

/** The part the caret is in: up to the colon the hour, after it the minutes. */
export function clockPartAt(text: string, caret: number): ClockPart {
  return caret <= hourEnd(text) ? 'hour' : 'minute';
}

/** Where a part is in the text ([start, end)), to select it after a step as the native field did. */
export function clockPartRange(text: string, part: ClockPart): [number, number] {
  const end = hourEnd(text);
  const colon = /[:：.]/.test(text) ? 1 : 0;
  return part === 'hour' ? [0, end] : [end + colon, text.trimEnd().length];
}

/** One step of the part: an hour, or five minutes (onto the next multiple of five); round the clock, the day stays the day. */
export function stepClock(value: string, n: number, part: ClockPart): string {
  const [h, m] = value.split(':').map(Number) as [number, number];
  const off = m % 5;
  const minutes = part === 'hour' ? n * 60 : off === 0 ? n * 5 : n > 0 ? 5 - off : -off;
  const at = (((h * 60 + m + minutes) % 1440) + 1440) % 1440;
  return `${pad(Math.floor(at / 60))}:${pad(at % 60)}`;
}
