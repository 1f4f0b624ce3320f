import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inRange, readDate, readMonth, showDate, showMonth } from '../../src-renderer/ui/dateText';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.tsx') ? [path] : [];
  });
}

describe('days and months read in the app’s language (issue 19)', () => {
  it('no screen writes a raw <input type="date"/"month"> (Chromium writes it in the system’s language): they use ui/DateField and ui/MonthField', () => {
    const screens = files('src-renderer');
    expect(screens.length).toBeGreaterThan(20);
    const raw = screens.filter((f) => /type=\{?["'`](date|month)["'`]/.test(readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')));
    expect(raw).toEqual([]);
    const using = screens.filter((f) => /<(DateField|MonthField)\b/.test(readFileSync(f, 'utf8')));
    expect(using.length).toBeGreaterThanOrEqual(14);
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
