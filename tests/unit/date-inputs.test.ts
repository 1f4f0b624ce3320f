import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { clockComplete, clockPartAt, clockPartRange, readClock, stepClock } from '../../src-renderer/ui/timeText';
import { addMinutes, dateTimePartAt, dateTimePartRange, inRange, readDate, readDateTime, readMonth, showDate, showDateTime, showMonth, stepDateTime } from '../../src-renderer/ui/dateText';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.tsx') ? [path] : [];
  });
}

describe('days and months read in the app’s language (issue 19)', () => {
  it('no screen writes a raw <input type="date"/"month"/"datetime-local"> (Chromium writes it in the system’s language): they use ui/DateField, ui/MonthField and ui/DateTimeField', () => {
    const screens = files('src-renderer');
    expect(screens.length).toBeGreaterThan(20);
    const code = (f: string) => readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const raw = screens.filter((f) => /type=\{?["'`](date|month|datetime-local|time)["'`]/.test(code(f)));
    expect(raw).toEqual([]);
    // Nor one built from a variable or spread: the word itself appears only in comments.
    expect(screens.filter((f) => /datetime-local/.test(code(f).replace(/\/\/.*$/gm, '')))).toEqual([]);
    const using = screens.filter((f) => /<(DateField|MonthField)\b/.test(readFileSync(f, 'utf8')));
    expect(using.length).toBeGreaterThanOrEqual(14);
    const withTime = screens.filter((f) => /<DateTimeField\b/.test(readFileSync(f, 'utf8'))).map((f) => f.replace(/\\/g, '/'));
    for (const screen of ['staff/StaffScreen', 'followup/CallList', 'complaints/IntakeForm', 'enquiries/Recalls', 'enquiries/EnquiryForm', 'enquiries/RecallAnswers']) {
      expect(withTime, screen).toContain(`src-renderer/${screen}.tsx`);
    }
  });

  it('shows a day and a time as 2026年12月4日 9:30 in zh-CN and 4 Dec 2026 09:30 in English, the value kept as the native field gave it', () => {
    expect(showDateTime('2026-12-04T09:30', 'zh-CN')).toBe('2026年12月4日 9:30');
    expect(showDateTime('2026-12-04T19:05', 'zh-CN')).toBe('2026年12月4日 19:05');
    expect(showDateTime('2026-12-04T09:30', 'en')).toBe('4 Dec 2026 09:30');
    expect(showDateTime('', 'zh-CN')).toBe('');
  });

  it('reads a day and a time however the desk types it, and what it shows', () => {
    for (const typed of ['2026-12-04 09:30', '2026-12-04 9:30', '2026-12-04T09:30', '2026/12/4 9:30', '2026年12月4日 9:30', '2026年12月4日9:30', '2026年12月4日 9：30', '20261204 0930', '4 Dec 2026 09:30', 'Dec 4, 2026, 09:30', ' 2026-12-04   09:30 ']) {
      expect(readDateTime(typed), typed).toBe('2026-12-04T09:30');
    }
    for (const v of ['2027-02-28T00:00', '2026-12-31T23:59', '2026-01-05T12:00']) {
      expect(readDateTime(showDateTime(v, 'zh-CN'))).toBe(v);
      expect(readDateTime(showDateTime(v, 'en'))).toBe(v);
    }
  });

  it('refuses a day without a time, a time without a day, and what is not a real day or time', () => {
    for (const typed of ['2026-12-04', '2026年12月4日', '9:30', '', '2026-12-04 24:00', '2026-12-04 9:60', '2026-12-04 9:3', '2026-02-30 09:30', '4 Dec 2026', '2026-12-0409:30', '<script>alert(1)</script>', '2026-12-04 09:30; DROP', 'tomorrow 9:30']) {
      expect(readDateTime(typed), typed).toBeNull();
    }
  });

  it('↑/↓ step the part the caret is in: the day, the hour, or five minutes (onto the next multiple of five), across months and years', () => {
    const zh = '2026年12月4日 9:30';
    expect(dateTimePartAt(zh, 0)).toBe('day');
    expect(dateTimePartAt(zh, 10)).toBe('day');
    expect(dateTimePartAt(zh, 11)).toBe('hour');
    expect(dateTimePartAt(zh, 12)).toBe('hour');
    expect(dateTimePartAt(zh, 13)).toBe('minute');
    expect(zh.slice(...dateTimePartRange(zh, 'day'))).toBe('2026年12月4日');
    expect(zh.slice(...dateTimePartRange(zh, 'hour'))).toBe('9');
    expect(zh.slice(...dateTimePartRange(zh, 'minute'))).toBe('30');
    const en = '4 Dec 2026 09:30';
    expect(en.slice(...dateTimePartRange(en, 'hour'))).toBe('09');
    expect(dateTimePartAt(en, en.length)).toBe('minute');
    expect(stepDateTime('2026-12-31T09:30', 1, 'day')).toBe('2027-01-01T09:30');
    expect(stepDateTime('2026-12-04T23:30', 1, 'hour')).toBe('2026-12-05T00:30');
    expect(stepDateTime('2026-12-04T09:32', 1, 'minute')).toBe('2026-12-04T09:35');
    expect(stepDateTime('2026-12-04T09:32', -1, 'minute')).toBe('2026-12-04T09:30');
    expect(stepDateTime('2026-12-04T09:30', -1, 'minute')).toBe('2026-12-04T09:25');
    expect(addMinutes('2028-02-28T23:50', 20)).toBe('2028-02-29T00:10');
  });

  it('shows 2026年12月4日 and 2026年12月 in zh-CN, 4 Dec 2026 and December 2026 in English; an empty value stays empty', () => {
    expect(showDate('2026-12-04', 'zh-CN')).toBe('2026年12月4日');
    expect(showDate('2026-12-04', 'en')).toBe('4 Dec 2026');
    expect(showMonth('2026-12', 'zh-CN')).toBe('2026年12月');
    expect(showMonth('2026-01', 'en')).toBe('January 2026');
    expect(showDate('', 'zh-CN')).toBe('');
    expect(showMonth('', 'en')).toBe('');
  });

  it('reads a day however the desk types it, and what it shows', () => {
    for (const typed of ['2026-12-04', '2026-12-4', '2026/12/4', '2026.12.04', '20261204', '2026年12月4日', ' 2026 年 12 月 4 日 ', '4 Dec 2026', 'Dec 4, 2026', 'december 4 2026']) {
      expect(readDate(typed), typed).toBe('2026-12-04');
    }
    expect(readDate(showDate('2027-02-28', 'zh-CN'))).toBe('2027-02-28');
    expect(readDate(showDate('2027-02-28', 'en'))).toBe('2027-02-28');
  });

  it('refuses what is not a real day: 2026-02-30, a month alone, words, a script', () => {
    for (const typed of ['2026-02-30', '2026-13-01', '2026-12', '2026', '', 'tomorrow', '12/04/2026', '<script>alert(1)</script>', '2026-12-04; DROP', 'Foo 4 2026', '2026-12-04-05']) {
      expect(readDate(typed), typed).toBeNull();
    }
  });

  it('reads a month (a day typed with it is dropped) and refuses month 13', () => {
    for (const typed of ['2026-12', '2026/12', '202612', '2026年12月', 'December 2026', 'Dec 2026', '2026-12-04']) {
      expect(readMonth(typed), typed).toBe('2026-12');
    }
    for (const typed of ['2026-13', '2026-00', '12-2026', 'Decembre', '', '2026年']) expect(readMonth(typed), typed).toBeNull();
  });

  it('keeps a day within min and max (the appointment list’s max is today)', () => {
    expect(inRange('2026-12-04', undefined, '2026-12-04')).toBe(true);
    expect(inRange('2026-12-05', undefined, '2026-12-04')).toBe(false);
    expect(inRange('2026-11', '2026-12', undefined)).toBe(false);
  });
});

describe('a time of day, 24-hour in both languages (issue 19: the native time input showed 03:00 PM on a Chinese desk)', () => {
  it('no screen writes a raw <input type="time">: they use ui/TimeField (the booking form’s 时间, the away form’s 从/至/同意时间)', () => {
    const screens = files('src-renderer');
    const code = (f: string) => readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(screens.filter((f) => /type=\{?\s*["'`]time["'`]/.test(code(f)))).toEqual([]);
    // Nor one built from a variable (预约's panel had `type={type}` with text('time', 'time')) or a spread.
    expect(screens.filter((f) => /\stype=\{(?!\s*["'`])/.test(code(f)))).toEqual([]);
    expect(screens.filter((f) => /type:\s*["'`]time["'`]|["'`]time["'`]\s+as\s+const/.test(code(f)))).toEqual([]);
    const using = screens.filter((f) => /<TimeField\b/.test(readFileSync(f, 'utf8'))).map((f) => f.replace(/\\/g, '/'));
    expect(using).toContain('src-renderer/desk/BookingForm.tsx');
    expect(using).toContain('src-renderer/staff/MoreTabs.tsx');
    expect(using).toContain('src-renderer/enquiries/Book.tsx');
  });

  it('reads 930, 0930, 9:30, 09:30 and 9：30 as 09:30; 0:00 and 23:59 are times', () => {
    for (const typed of ['930', '0930', '9:30', '09:30', '9：30', ' 9:30 ', '9.30', '9 : 30']) expect(readClock(typed), typed).toBe('09:30');
    expect(readClock('000')).toBe('00:00');
    expect(readClock('2359')).toBe('23:59');
    expect(readClock('15:00')).toBe('15:00');
  });

  it('refuses 25:00, 24:00, 9:60, 9:3, a time with AM/PM, words and a script', () => {
    for (const typed of ['25:00', '24:00', '2500', '9:60', '9:3', '93', '3:00 PM', '03:00 PM', '12345', 'nine', '', '<script>alert(1)</script>', '9:30; DROP', '-1:00']) {
      expect(readClock(typed), typed).toBeNull();
    }
  });

  it('takes 9:30 and 0930 at once; 930 waits (it may be the start of 9301…)', () => {
    expect(clockComplete('9:30')).toBe(true);
    expect(clockComplete('0930')).toBe(true);
    expect(clockComplete('930')).toBe(false);
    expect(clockComplete('9:3')).toBe(false);
    expect(clockComplete('25:00')).toBe(false);
  });

  it('↑/↓ step the part the caret is in: an hour, or five minutes onto the next multiple of five, round the clock', () => {
    expect(clockPartAt('14:07', 0)).toBe('hour');
    expect(clockPartAt('14:07', 2)).toBe('hour');
    expect(clockPartAt('14:07', 3)).toBe('minute');
    expect(clockPartAt('14:07', 5)).toBe('minute');
    expect(clockPartAt('1407', 1)).toBe('hour');
    expect(clockPartAt('1407', 3)).toBe('minute');
    expect('14:07'.slice(...clockPartRange('14:07', 'hour'))).toBe('14');
    expect('14:07'.slice(...clockPartRange('14:07', 'minute'))).toBe('07');
    expect(stepClock('14:07', 1, 'minute')).toBe('14:10');
    expect(stepClock('14:07', -1, 'minute')).toBe('14:05');
    expect(stepClock('14:10', -1, 'minute')).toBe('14:05');
    expect(stepClock('14:07', 1, 'hour')).toBe('15:07');
    expect(stepClock('23:55', 1, 'minute')).toBe('00:00');
    expect(stepClock('00:00', -1, 'minute')).toBe('23:55');
    expect(stepClock('23:30', 1, 'hour')).toBe('00:30');
    expect(stepClock('00:30', -1, 'hour')).toBe('23:30');
  });
});
