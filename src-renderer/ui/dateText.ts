import { isCalendarDate } from '../../shared/time';
import type { Locale } from '../i18n/i18n';

/*
 * The words of DateField and MonthField. Chromium's own <input type="date"/"month"> writes the
 * date in the system's language ("December 2026", 11/27/2026 on a Chinese desk), so the fields
 * write it themselves: 2026年12月4日 / 2026年12月 in zh-CN, 4 Dec 2026 / December 2026 in English.
 * The value stays what the native input gave (`YYYY-MM-DD`, `YYYY-MM`).
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** How a `YYYY-MM-DD` day reads on screen; '' stays ''. */
export function showDate(value: string, locale: Locale): string {
  if (!isCalendarDate(value)) return value;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return locale === 'zh-CN' ? `${y}年${m}月${d}日` : `${d} ${MONTHS[m - 1]!.slice(0, 3)} ${y}`;
}

/** How a `YYYY-MM` month reads on screen; '' stays ''. */
export function showMonth(value: string, locale: Locale): string {
  if (!isMonth(value)) return value;
  const [y, m] = value.split('-').map(Number) as [number, number];
  return locale === 'zh-CN' ? `${y}年${m}月` : `${MONTHS[m - 1]} ${y}`;
}

export function isMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** The month a name such as "Dec" or "december" stands for (1–12), or null. */
function monthNamed(word: string): number | null {
  const i = MONTHS.findIndex((m) => m.slice(0, 3).toLowerCase() === word.slice(0, 3).toLowerCase());
  return word.length >= 3 && i >= 0 ? i + 1 : null;
}

/** Year, month and maybe day read from what was typed: 2026-12-4, 2026/12/04, 20261204, 2026年12月4日, 4 Dec 2026, Dec 4, 2026. */
function readParts(text: string): [number, number, number | null] | null {
  const t = text.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})?$/.exec(t);
  if (compact) return [Number(compact[1]), Number(compact[2]), compact[3] ? Number(compact[3]) : null];
  const word = /[a-z]{3,}/i.exec(t);
  const numbers = (word ? t.replace(word[0], ' ') : t).match(/\d+/g)?.map(Number) ?? [];
  if (word) {
    const month = monthNamed(word[0]);
    const year = numbers.find((n) => n >= 1000);
    const day = numbers.find((n) => n < 1000);
    return month && year !== undefined && numbers.length <= 2 ? [year, month, day ?? null] : null;
  }
  if (!/^\d{4}\D+\d{1,2}(\D+\d{1,2})?\D*$/.test(t)) return null;
  const [y, m, d] = numbers as [number, number, number | undefined];
  return [y, m, d ?? null];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The `YYYY-MM-DD` day typed, or null when it is not a real day. */
export function readDate(text: string): string | null {
  const parts = readParts(text);
  if (!parts || parts[2] === null) return null;
  const iso = `${parts[0]}-${pad(parts[1])}-${pad(parts[2])}`;
  return isCalendarDate(iso) ? iso : null;
}

/** The `YYYY-MM` month typed (a day typed with it is dropped), or null. */
export function readMonth(text: string): string | null {
  const parts = readParts(text);
  if (!parts) return null;
  const iso = `${parts[0]}-${pad(parts[1])}`;
  return isMonth(iso) ? iso : null;
}

/** Within min and max (all `YYYY-MM-DD` or all `YYYY-MM`, which compare as strings). */
export function inRange(value: string, min: string | undefined, max: string | undefined): boolean {
  return (!min || value >= min) && (!max || value <= max);
}

/*
 * A day and a time, the native <input type="datetime-local">'s value `YYYY-MM-DDTHH:mm` (clinic
 * time, the desk's own clock), written 2026年12月4日 9:30 / 4 Dec 2026 09:30 (ui/DateTimeField).
 */

/** True for `YYYY-MM-DDTHH:mm` with a real day and time. */
export function isDateTime(value: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d$/.exec(value);
  return m !== null && isCalendarDate(m[1]!);
}

/** How a `HH:mm` time reads: 9:30 in zh-CN (as a Chinese desk writes it), 09:30 in English. */
export function showTime(value: string, locale: Locale): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) return value;
  return locale === 'zh-CN' ? value.replace(/^0(\d)/, '$1') : value;
}

/** How a `YYYY-MM-DDTHH:mm` reads on screen; '' stays ''. */
export function showDateTime(value: string, locale: Locale): string {
  if (!isDateTime(value)) return value;
  return `${showDate(value.slice(0, 10), locale)} ${showTime(value.slice(11), locale)}`;
}

/** The `HH:mm` typed (9:30, 09:30, 9：30, 0930), or null. */
export function readTime(text: string): string | null {
  const m = /^\s*(\d{1,2})[:：](\d{2})\s*$/.exec(text) ?? /^\s*(\d{2})(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h < 24 && min < 60 ? `${pad(h)}:${pad(min)}` : null;
}

/** Where the time starts in what was typed or shown (its last word), or -1 when none is there. */
function timeStart(text: string): number {
  const m = /(\d{1,2}[:：]\d{2}|\d{4})\s*$/.exec(text);
  if (!m) return -1;
  return m.index === 0 || /[\sT日,]/.test(text.charAt(m.index - 1)) ? m.index : -1;
}

/** The `YYYY-MM-DDTHH:mm` typed (a day as DateField reads it, then the time: 2026-12-04 09:30, 2026年12月4日 9:30, 4 Dec 2026 09:30, 2026-12-04T09:30), or null. */
export function readDateTime(text: string): string | null {
  const t = text.trim();
  const at = timeStart(t);
  if (at <= 0) return null;
  const day = readDate(t.slice(0, at).replace(/\s*T\s*$|,\s*$/, ''));
  const time = readTime(t.slice(at));
  return day && time ? `${day}T${time}` : null;
}

/** The part of a shown or typed day-and-time the caret is in: the day, the hour or the minutes. */
export type DateTimePart = 'day' | 'hour' | 'minute';

export function dateTimePartAt(text: string, caret: number): DateTimePart {
  const at = timeStart(text.trimEnd());
  if (at < 0 || caret < at) return 'day';
  const colon = text.slice(at).search(/[:：]/);
  const hourEnd = at + (colon >= 0 ? colon : 2);
  return caret <= hourEnd ? 'hour' : 'minute';
}

/** Where a part is in the text ([start, end)), to select it after a step as the native field did. */
export function dateTimePartRange(text: string, part: DateTimePart): [number, number] {
  const at = timeStart(text.trimEnd());
  if (at < 0) return [0, text.length];
  if (part === 'day') return [0, text.slice(0, at).trimEnd().length];
  const colon = text.slice(at).search(/[:：]/);
  const hourEnd = at + (colon >= 0 ? colon : 2);
  return part === 'hour' ? [at, hourEnd] : [hourEnd + (colon >= 0 ? 1 : 0), text.trimEnd().length];
}

/** `YYYY-MM-DDTHH:mm` `minutes` on (back when negative), across days, months and years. */
export function addMinutes(value: string, minutes: number): string {
  const [y, mo, d, h, mi] = value.match(/\d+/g)!.map(Number) as [number, number, number, number, number];
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi) + minutes * 60_000);
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}T${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
}

/** One step of the part: a day, an hour, or five minutes (onto the next multiple of five). */
export function stepDateTime(value: string, n: number, part: DateTimePart): string {
  if (part === 'day') return addMinutes(value, n * 24 * 60);
  if (part === 'hour') return addMinutes(value, n * 60);
  const minute = Number(value.slice(14, 16));
  const off = minute % 5;
  return addMinutes(value, off === 0 ? n * 5 : n > 0 ? 5 - off : -off);
}
