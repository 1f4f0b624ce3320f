import { describe, expect, it } from 'vitest';
import {
  addDays,
  appointmentState,
  bookingTimeProblem,
  callListDate,
  canMarkNoShow,
  canStillChange,
  clinicInstant,
  dayEnd,
  doorReminderDue,
  isClockTime,
  isLateChange,
  isLateNotice,
  noShowDue,
  suggestedTier,
} from '../../shared/appointments/rules';
import { phoneFor, visibilityFor } from '../../shared/desk/visibility';
import { staffRoles } from '../../shared/reference/schemas';
import { pinyinInitials } from '../../src-main/desk/pinyin';

const NOW = new Date('2026-11-27T02:00:00Z'); // Fri 10:00 in the clinic
const booked = (date: string, time: string) => ({ status: 'booked' as const, date, time, at: clinicInstant(date, time) });

describe('clinic time of appointments', () => {
  it('turns a clinic date and time into the UTC instant (UTC+8, no daylight saving)', () => {
    expect(clinicInstant('2026-11-27', '10:00')).toBe('2026-11-27T02:00:00.000Z');
    expect(clinicInstant('2026-11-27', '07:59')).toBe('2026-11-26T23:59:00.000Z');
    expect(clinicInstant('2026-07-01', '00:00')).toBe('2026-06-30T16:00:00.000Z');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('a clinic day ends at the next midnight in the clinic; the call list is for tomorrow', () => {
    expect(dayEnd('2026-11-27')).toBe('2026-11-27T16:00:00.000Z');
    expect(callListDate(NOW)).toBe('2026-11-28');
    expect(callListDate(new Date('2026-11-27T16:30:00Z'))).toBe('2026-11-29'); // 00:30 on the 28th in the clinic
  });

  it('accepts only real clock times', () => {
    for (const ok of ['00:00', '09:05', '23:59']) expect(isClockTime(ok), ok).toBe(true);
    for (const bad of ['24:00', '9:05', '12:60', '25:70', '12-30', '', '12:3']) expect(isClockTime(bad), bad).toBe(false);
  });
});

describe('booking times', () => {
  it('refuses impossible dates and times, naming the field', () => {
    expect(bookingTimeProblem('2026-02-30', '10:00', NOW)).toEqual({ field: 'date', problem: 'date' });
    expect(bookingTimeProblem('2026-11-28', '25:70', NOW)).toEqual({ field: 'time', problem: 'time' });
  });

  it('refuses times in the past: an earlier day names the date, earlier today the time', () => {
    expect(bookingTimeProblem('2026-11-26', '15:00', NOW)).toEqual({ field: 'date', problem: 'past' });
    expect(bookingTimeProblem('2026-11-27', '09:59', NOW)).toEqual({ field: 'time', problem: 'past' });
    expect(bookingTimeProblem('2026-11-27', '10:00', NOW)).toEqual({ field: 'time', problem: 'past' });
    expect(bookingTimeProblem('2026-11-27', '10:01', NOW)).toBeNull();
  });

  it('refuses times outside opening hours (08:00-21:00) and more than a year ahead', () => {
    expect(bookingTimeProblem('2026-11-28', '07:59', NOW)).toEqual({ field: 'time', problem: 'closed' });
    expect(bookingTimeProblem('2026-11-28', '21:01', NOW)).toEqual({ field: 'time', problem: 'closed' });
    expect(bookingTimeProblem('2026-11-28', '08:00', NOW)).toBeNull();
    expect(bookingTimeProblem('2026-11-28', '21:00', NOW)).toBeNull();
    expect(bookingTimeProblem('2027-11-28', '10:00', NOW)).toBeNull();
    expect(bookingTimeProblem('2027-11-29', '10:00', NOW)).toEqual({ field: 'date', problem: 'tooFar' });
  });
});

describe('late changes and cancellations (24 h notice)', () => {
  it('is late under 24 hours before the appointment, on time from exactly 24 hours', () => {
    const at = '2026-11-28T02:00:00.000Z'; // tomorrow 10:00
    expect(isLateNotice(at, new Date('2026-11-27T02:00:00.000Z'))).toBe(false);
    expect(isLateNotice(at, new Date('2026-11-27T02:00:00.001Z'))).toBe(true);
    expect(isLateNotice(at, new Date('2026-11-26T02:00:00Z'))).toBe(false);
    expect(isLateNotice(at, new Date('2026-11-28T03:00:00Z'))).toBe(true); // even after the time
  });

  it('a change is late when the old or the new time is under 24 h away', () => {
    const far = '2026-11-30T02:00:00.000Z';
    const near = '2026-11-28T01:00:00.000Z'; // 23 h ahead
    expect(isLateChange(far, '2026-12-01T02:00:00.000Z', NOW)).toBe(false);
    expect(isLateChange(far, near, NOW)).toBe(true);
    expect(isLateChange(near, far, NOW)).toBe(true);
  });

  it('allows a change only while the appointment is booked, not kept, not missed, and today or ahead', () => {
    const a = booked('2026-11-27', '15:00');
    expect(canStillChange(a, false, false, NOW)).toBe('ok');
    expect(canStillChange({ ...a, status: 'cancelled' }, false, false, NOW)).toBe('cancelled');
    expect(canStillChange(a, true, false, NOW)).toBe('arrived');
    expect(canStillChange(a, false, true, NOW)).toBe('noShow');
    expect(canStillChange(booked('2026-11-26', '15:00'), false, false, NOW)).toBe('past');
  });
});

describe('where an appointment stands, and no-shows', () => {
  const none = { arrived: false, noShow: false };
  it('arrived wins; then cancelled; a past day or a record is a no-show; today past the time is overdue', () => {
    expect(appointmentState(booked('2026-11-27', '09:00'), { arrived: true, noShow: true }, NOW)).toBe('arrived');
    expect(appointmentState({ ...booked('2026-11-27', '11:00'), status: 'cancelled' }, none, NOW)).toBe('cancelled');
    expect(appointmentState(booked('2026-11-26', '11:00'), none, NOW)).toBe('noShow');
    expect(appointmentState(booked('2026-11-27', '09:00'), { arrived: false, noShow: true }, NOW)).toBe('noShow');
    expect(appointmentState(booked('2026-11-27', '09:59'), none, NOW)).toBe('overdue');
    expect(appointmentState(booked('2026-11-27', '10:30'), none, NOW)).toBe('expected');
  });

  it('a no-show a lead corrected reads corrected on a past day, and by the time today (issue 21)', () => {
    expect(appointmentState(booked('2026-11-26', '11:00'), { ...none, corrected: true }, NOW)).toBe('corrected');
    expect(appointmentState(booked('2026-11-27', '09:00'), { ...none, corrected: true }, NOW)).toBe('overdue');
    expect(appointmentState(booked('2026-11-26', '11:00'), { arrived: true, noShow: false, corrected: true }, NOW)).toBe('arrived');
  });

  it('records a no-show only after the day ended, for a booking neither kept, cancelled nor already recorded', () => {
    expect(noShowDue(booked('2026-11-26', '16:00'), none, NOW)).toBe(true);
    expect(noShowDue(booked('2026-11-27', '08:00'), none, NOW)).toBe(false); // today: not yet
    expect(noShowDue(booked('2026-11-26', '16:00'), { arrived: true, noShow: false }, NOW)).toBe(false);
    expect(noShowDue(booked('2026-11-26', '16:00'), { arrived: false, noShow: true }, NOW)).toBe(false);
    expect(noShowDue({ ...booked('2026-11-26', '16:00'), status: 'cancelled' }, none, NOW)).toBe(false);
  });

  it('a guide marks a no-show by hand once the time has passed', () => {
    expect(canMarkNoShow(booked('2026-11-27', '10:00'), none, NOW)).toBe('ok');
    expect(canMarkNoShow(booked('2026-11-27', '10:01'), none, NOW)).toBe('notYet');
    expect(canMarkNoShow(booked('2026-11-27', '09:00'), { arrived: true, noShow: false }, NOW)).toBe('arrived');
    expect(canMarkNoShow(booked('2026-11-27', '09:00'), { arrived: false, noShow: true }, NOW)).toBe('noShow');
    expect(canMarkNoShow({ ...booked('2026-11-27', '09:00'), status: 'cancelled' }, none, NOW)).toBe('cancelled');
  });
});

describe('members（会员分级）', () => {
  it('reminds the named host of an A or B member from an hour before until they arrive, today only', () => {
    const a = booked('2026-11-27', '11:00');
    expect(doorReminderDue('A', a, false, NOW)).toBe(true);
    expect(doorReminderDue('B', a, false, NOW)).toBe(true);
    expect(doorReminderDue('C', a, false, NOW)).toBe(false);
    expect(doorReminderDue(null, a, false, NOW)).toBe(false);
    expect(doorReminderDue('A', booked('2026-11-27', '11:01'), false, NOW)).toBe(false);
    expect(doorReminderDue('A', booked('2026-11-27', '09:00'), false, NOW)).toBe(true); // late, still expected
    expect(doorReminderDue('A', a, true, NOW)).toBe(false);
    expect(doorReminderDue('A', { ...a, status: 'cancelled' }, false, NOW)).toBe(false);
    expect(doorReminderDue('A', booked('2026-11-28', '08:00'), false, new Date('2026-11-27T23:30:00Z'))).toBe(true);
  });

  it('suggests a tier from spending and period as DOMAIN.md gives it (guidance; staff set the tier)', () => {
    expect(suggestedTier(1_000_000, 24)).toBe('A');
    expect(suggestedTier(1_000_000, 25)).toBe('D');
    expect(suggestedTier(999_999, 12)).toBe('B');
    expect(suggestedTier(500_000, 18)).toBe('B');
    expect(suggestedTier(500_000, 19)).toBe('D');
    expect(suggestedTier(200_000, 12)).toBe('C');
    expect(suggestedTier(200_000, 13)).toBe('D');
    expect(suggestedTier(1, 1)).toBe('D');
    expect(suggestedTier(0, 1)).toBeNull();
  });
});

describe('what a role may see (desk/visibility)', () => {
  // The consulting group (seed 002) calls enquirers back and registers 健康询问: it sees the number and the directed part (docs/desk.md).
  it('shows the full phone to leads, directors and the consulting group only, masked to everyone else', () => {
    const full = staffRoles.filter((r) => visibilityFor(r).fullPhone);
    expect(full.sort()).toEqual(['csDirector', 'dean', 'guideLead', 'hoCsDirector', 'onlineConsultant', 'onlineLead', 'phoneConsultant']);
    expect(phoneFor('guide', '13912345678')).toBe('139****5678');
    expect(phoneFor('guideLead', '13912345678')).toBe('13912345678');
  });

  it('directed fields to leads, consultants and the consulting group; VIP details to the desk and leadership, not to doctors or inspectors', () => {
    expect(staffRoles.filter((r) => visibilityFor(r).directed).sort()).toEqual(['consultant', 'csDirector', 'dean', 'guideLead', 'hoCsDirector', 'onlineConsultant', 'onlineLead', 'phoneConsultant']);
    expect(staffRoles.filter((r) => visibilityFor(r).vip).sort()).toEqual(['csDirector', 'dean', 'gmOffice', 'guide', 'guideLead', 'hoCsDirector']);
  });
});

describe('pinyin initials', () => {
  it('gives the initials of Chinese names, surnames read as surnames', () => {
    expect(pinyinInitials('张晓梅')).toBe('zxm');
    expect(pinyinInitials('曾小单')).toBe('zxd');
    expect(pinyinInitials('单 丽')).toBe('sl');
    expect(pinyinInitials('Amy张')).toBe('amyz');
  });
});
