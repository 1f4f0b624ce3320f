import { describe, expect, it } from 'vitest';
import { followupText } from '../../src-renderer/followup/i18n';

/** Issue 13: the figures' and the Friday report's title says 本周 / 本月 only for today's week or month. */
const zh = followupText['zh-CN'].reportTitleOf;
const en = followupText.en.reportTitleOf;

describe('the follow-up figures are titled by their period', () => {
  it('today’s week and month say 本周 / 本月 with their dates', () => {
    expect(zh('week', '2026-11-21', '2026-11-27', '2026-11-27')).toBe('回访满意度（本周：2026-11-21 至 2026-11-27）');
    expect(zh('week', '2026-11-21', '2026-11-27', '2026-11-21')).toBe('回访满意度（本周：2026-11-21 至 2026-11-27）');
    expect(zh('month', '2026-11-01', '2026-11-30', '2026-11-15')).toBe('回访满意度（本月：2026-11-01 至 2026-11-30）');
    expect(en('week', '2026-11-21', '2026-11-27', '2026-11-24')).toBe('Follow-up satisfaction (this week: 2026-11-21 to 2026-11-27)');
    expect(en('month', '2026-11-01', '2026-11-30', '2026-11-30')).toBe('Follow-up satisfaction (this month: 2026-11-01 to 2026-11-30)');
  });
  it('another week names its dates, not 本周', () => {
    expect(zh('week', '2026-11-21', '2026-11-27', '2026-11-28')).toBe('回访满意度（11月21日—11月27日）');
    expect(en('week', '2026-11-21', '2026-11-27', '2026-12-06')).toBe('Follow-up satisfaction (21–27 Nov)');
    // Across two months, across two years, and a past year's week.
    expect(zh('week', '2026-11-28', '2026-12-04', '2026-12-06')).toBe('回访满意度（11月28日—12月4日）');
    expect(en('week', '2026-11-28', '2026-12-04', '2026-12-06')).toBe('Follow-up satisfaction (28 Nov – 4 Dec)');
    expect(zh('week', '2026-12-26', '2027-01-01', '2027-02-01')).toBe('回访满意度（2026年12月26日—2027年1月1日）');
    expect(en('week', '2026-12-26', '2027-01-01', '2027-02-01')).toBe('Follow-up satisfaction (26 Dec 2026 – 1 Jan 2027)');
    expect(zh('week', '2025-11-22', '2025-11-28', '2026-11-27')).toBe('回访满意度（2025年11月22日—11月28日）');
    expect(en('week', '2025-11-22', '2025-11-28', '2026-11-27')).toBe('Follow-up satisfaction (22–28 Nov 2025)');
    // The day before the week starts is not in it either.
    expect(zh('week', '2026-11-21', '2026-11-27', '2026-11-20')).not.toContain('本周');
  });
  it('another month names its month', () => {
    expect(zh('month', '2026-10-01', '2026-10-31', '2026-11-27')).toBe('回访满意度（2026年10月）');
    expect(en('month', '2026-10-01', '2026-10-31', '2026-11-27')).toBe('Follow-up satisfaction (October 2026)');
  });
});
