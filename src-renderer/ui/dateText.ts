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
