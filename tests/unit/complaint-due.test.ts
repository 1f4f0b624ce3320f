import { describe, expect, it } from 'vitest';
import { dueWhen } from '../../src-renderer/complaints/format';
import { endOfClinicDay } from '../../shared/complaints/rules';

/** Issue 19: "A deadline reads as the day it is due (10-10 当日 or 10-10 24:00), not 10-11 00:00". */
describe('a deadline reads as the day it is due', () => {
  it('a limit ending at midnight reads as 24:00 of its own day, never 00:00 of the next', () => {
    expect(dueWhen(endOfClinicDay('2026-10-10'))).toBe('2026-10-10 24:00');
    expect(dueWhen(endOfClinicDay('2026-12-31'))).toBe('2026-12-31 24:00');
    expect(dueWhen(endOfClinicDay('2026-02-28'))).toBe('2026-02-28 24:00');
  });
  it('any other time reads as it is, in clinic time', () => {
    expect(dueWhen('2026-10-10T03:05:00.000Z')).toBe('2026-10-10 11:05');
    expect(dueWhen('2026-10-10T16:01:00.000Z')).toBe('2026-10-11 00:01');
  });
});
