import { describe, expect, it } from 'vitest';
import { staffRoles, type StaffRole } from '../../shared/reference/schemas';
import { addWorkingDaysAcross, calendar2026, isWorkingDay, type CalendarTable } from '../../shared/reference/calendar';
import {
  amountBand,
  allowedKinds,
  approverRoles,
  caseDeadlines,
  caseState,
  complaintNumber,
  deadlineStatus,
  endOfClinicDay,
  groupLimits,
  nextSerial,
  numberMonth,
  numberProblems,
  parseComplaintNumber,
  penaltyFines,
  refusal,
  tenthOfNextMonth,
  type CaseEvent,
  type CaseState,
  type CaseIntake,
  type EventKind,
} from '../../shared/complaints/rules';

describe('complaint numbers', () => {
  it('is clinic + year + month + a 2-digit serial, 3 digits past 99', () => {
    expect(complaintNumber('BJ', '2026-11', 7)).toBe('BJ20261107');
    expect(complaintNumber('BJ', '2026-11', 99)).toBe('BJ20261199');
    expect(complaintNumber('BJ', '2026-11', 100)).toBe('BJ202611100');
    expect(complaintNumber('SHA', '2027-01', 1)).toBe('SHA20270101');
  });
  it('refuses impossible parts', () => {
    expect(() => complaintNumber('bj', '2026-11', 1)).toThrow(/clinic/);
    expect(() => complaintNumber('BJ', '2026-13', 1)).toThrow(/month/);
    expect(() => complaintNumber('BJ', '2026-11', 0)).toThrow(/serial/);
    expect(() => complaintNumber('BJ', '2026-11', 1000)).toThrow(/serial/);
    expect(() => complaintNumber('BJ', '2026-11', 1.5)).toThrow(/serial/);
  });
  it('parses what it formats, and nothing else', () => {
    for (const serial of [1, 9, 10, 99, 100, 101, 999]) expect(parseComplaintNumber(complaintNumber('BJ', '2026-11', serial))).toEqual({ clinic: 'BJ', month: '2026-11', serial });
    for (const bad of ['BJ2026110', 'BJ202611007', 'BJ20261100', 'BJ20261307', 'bj20261107', 'BJ2026111000', 'B20261107', ''])
      expect(parseComplaintNumber(bad), bad).toBeNull();
  });
  it('counts on from the highest serial of the clinic-month, restarting each month', () => {
    const known = ['BJ20261101', 'BJ20261103', 'BJ20261002', 'SH20261109', 'BJ20261299'];
    expect(nextSerial(known, 'BJ', '2026-11')).toBe(4);
    expect(nextSerial(known, 'BJ', '2027-01')).toBe(1);
    expect(nextSerial(known, 'SH', '2026-11')).toBe(10);
    expect(complaintNumber('BJ', '2026-12', nextSerial(known, 'BJ', '2026-12'))).toBe('BJ202612100');
    expect(nextSerial(['BJ202612100', 'BJ20261299'], 'BJ', '2026-12')).toBe(101);
    expect(() => nextSerial(['BJ202612999'], 'BJ', '2026-12')).toThrow(/no serial left/);
  });
  it('takes the month of acceptance in clinic time (23:30 on Nov 30 in Beijing is November)', () => {
    expect(numberMonth('2026-11-30T15:30:00.000Z')).toBe('2026-11');
    expect(numberMonth('2026-11-30T16:30:00.000Z')).toBe('2026-12');
    expect(numberMonth('2026-12-31T16:00:00.000Z')).toBe('2027-01');
  });
  it('finds one number on two cases and two numbers on one case, and changes nothing', () => {
    const issued = [
      { number: 'BJ20261101', complaintId: 'c1', docId: 'n1' },
      { number: 'BJ20261102', complaintId: 'c2', docId: 'n2' },
      { number: 'BJ20261102', complaintId: 'c3', docId: 'n3' },
      { number: 'BJ20261103', complaintId: 'c4', docId: 'n4' },
      { number: 'BJ20261104', complaintId: 'c4', docId: 'n5' },
    ];
    const copy = structuredClone(issued);
    expect(numberProblems(issued)).toEqual([
      { kind: 'sameNumberTwoCases', number: 'BJ20261102', complaintIds: ['c2', 'c3'], numbers: ['BJ20261102'] },
      { kind: 'twoNumbersOneCase', number: 'BJ20261103', complaintIds: ['c4'], numbers: ['BJ20261103', 'BJ20261104'] },
    ]);
    expect(issued).toEqual(copy);
    expect(numberProblems(issued.slice(0, 2))).toEqual([]);
    // The same number doc seen twice (e.g. read from two sources) is not a duplicate.
    expect(numberProblems([issued[0]!, issued[0]!])).toEqual([]);
  });
  it('two offline desks that both count from what they have seen would collide — which is why only one desk issues', () => {
    const seen = ['BJ20261101'];
    const a = complaintNumber('BJ', '2026-11', nextSerial(seen, 'BJ', '2026-11'));
    const b = complaintNumber('BJ', '2026-11', nextSerial(seen, 'BJ', '2026-11'));
    expect(a).toBe(b);
    expect(numberProblems([{ number: a, complaintId: 'x', docId: 'a' }, { number: b, complaintId: 'y', docId: 'b' }])).toHaveLength(1);
  });
});

describe('working days across years (DOMAIN.md "Working days")', () => {
  const cal = [calendar2026];
  it('DOMAIN.md example: received Wed 2026-09-30, 3rd working day is Sat 2026-10-10 (调休)', () => {
    expect(addWorkingDaysAcross('2026-09-30', 3, cal)).toEqual({ date: '2026-10-10', missingYears: [] });
    expect(addWorkingDaysAcross('2026-09-30', 1, cal).date).toBe('2026-10-08');
  });
  it('skips every 2026 holiday and counts every make-up day', () => {
    for (const h of calendar2026.holidays) {
      for (let d = new Date(`${h.from}T00:00:00Z`); d.toISOString().slice(0, 10) <= h.to; d.setUTCDate(d.getUTCDate() + 1))
        expect(isWorkingDay(d.toISOString().slice(0, 10), calendar2026), `${h.name} ${d.toISOString()}`).toBe(false);
      const before = new Date(`${h.from}T00:00:00Z`);
      before.setUTCDate(before.getUTCDate() - 1);
      const next = addWorkingDaysAcross(before.toISOString().slice(0, 10), 1, cal).date;
      expect(next > h.to, `${h.name}: first working day after the eve is after the holiday`).toBe(true);
    }
    for (const w of calendar2026.workdays) expect(isWorkingDay(w, calendar2026), w).toBe(true);
    // Each holiday's first working day after the eve, by hand from the table.
    const eves: [string, string][] = [
      ['2025-12-31', '2026-01-04'], // 元旦, Sun Jan 4 is a make-up day
      ['2026-02-13', '2026-02-14'], // Fri before 春节: Sat Feb 14 is a make-up day
      ['2026-02-14', '2026-02-24'], // 春节 Feb 15-23
      ['2026-04-03', '2026-04-07'], // 清明 Apr 4-6
      ['2026-04-30', '2026-05-06'], // 劳动节 May 1-5
      ['2026-06-18', '2026-06-22'], // 端午 Jun 19-21
      ['2026-09-24', '2026-09-28'], // 中秋 Sep 25-27
      ['2026-09-30', '2026-10-08'], // 国庆 Oct 1-7
    ];
    for (const [from, first] of eves) expect(addWorkingDaysAcross(from, 1, cal).date, from).toBe(first);
    expect(addWorkingDaysAcross('2026-09-18', 1, cal).date).toBe('2026-09-20'); // Fri → Sun Sep 20 make-up
    expect(addWorkingDaysAcross('2026-02-27', 1, cal).date).toBe('2026-02-28'); // Fri → Sat Feb 28 make-up
    expect(addWorkingDaysAcross('2026-05-08', 1, cal).date).toBe('2026-05-09'); // Fri → Sat May 9 make-up
  });
  it('counts exactly 3 working days across a plain weekend', () => {
    expect(addWorkingDaysAcross('2026-11-27', 3, cal).date).toBe('2026-12-02'); // Fri → Mon, Tue, Wed
    expect(addWorkingDaysAcross('2026-11-23', 3, cal).date).toBe('2026-11-26'); // Mon → Thu
  });
  it('crosses into a year without a calendar: weekday/weekend, and says the year is missing', () => {
    expect(addWorkingDaysAcross('2026-12-30', 3, cal)).toEqual({ date: '2027-01-04', missingYears: [2027] }); // Thu 31, (Jan 1 Fri counted: no 2027 table), Mon 4
    expect(addWorkingDaysAcross('2025-12-31', 1, cal)).toEqual({ date: '2026-01-04', missingYears: [] });
    expect(addWorkingDaysAcross('2025-12-29', 1, cal)).toEqual({ date: '2025-12-30', missingYears: [2025] });
  });
  it('uses a later year as soon as head office has sent it', () => {
    const y2027: CalendarTable = { year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], workdays: [], source: 'test' };
    expect(addWorkingDaysAcross('2026-12-30', 3, [calendar2026, y2027])).toEqual({ date: '2027-01-05', missingYears: [] });
  });
  it('refuses nonsense', () => {
    expect(() => addWorkingDaysAcross('2026-02-30', 1, cal)).toThrow();
    expect(() => addWorkingDaysAcross('2026-02-01', 0, cal)).toThrow();
  });
});

const intake: CaseIntake = { id: 'c', receivedAt: '2026-09-30T02:00:00.000Z', inHeadOfficeCity: true };
let seq = 0;
function ev(kind: EventKind, at: string, data: Record<string, unknown> = {}): CaseEvent {
  seq += 1;
  return { id: `e${String(seq).padStart(3, '0')}`, kind, at, seq, by: 's', data };
}

describe('the 11 steps', () => {
  it('walks a case from acceptance to prevention', () => {
    const events = [
      ev('accept', '2026-09-30T03:00:00.000Z'),
      ev('investigate', '2026-10-08T03:00:00.000Z'),
      ev('classify', '2026-10-08T05:00:00.000Z', { category: 'nonQuality' }),
      ev('propose', '2026-10-08T06:00:00.000Z', { refund: 800, compensation: 0 }),
      ev('approve', '2026-10-08T07:00:00.000Z', { approved: true }),
      ev('negotiate', '2026-10-09T02:00:00.000Z', { agreed: true }),
      ev('paperwork', '2026-10-10T02:00:00.000Z'),
      ev('close', '2026-10-10T03:00:00.000Z', { patientConfirmed: true }),
      ev('file', '2026-10-10T04:00:00.000Z'),
      ev('penalty', '2026-10-11T04:00:00.000Z', { persons: [{ name: '小李', level: 'I' }] }),
      ev('deanAgree', '2026-10-11T05:00:00.000Z', { approved: true }),
      ev('penaltySlip', '2026-10-11T06:00:00.000Z'),
      ev('penaltyApprove', '2026-10-11T07:00:00.000Z', { approved: true }),
      ev('prevention', '2026-10-12T04:00:00.000Z'),
    ];
    const currents: number[] = [];
    for (let i = 0; i <= events.length; i++) currents.push(caseState(intake, events.slice(0, i)).current);
    expect(currents).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 9, 10, 10, 10, 10, 11, 12]);
    const s = caseState(intake, events);
    expect(s).toMatchObject({ category: 'nonQuality', amount: 800, refund: true, closed: true, handedToLegal: false, ignored: [] });
  });
  it('refuses a step out of order, naming where the case is', () => {
    const s = caseState(intake, [ev('accept', '2026-09-30T03:00:00.000Z')]);
    expect(refusal(s, 'classify')?.message).toMatch(/step 4 .*at step 3/);
    expect(refusal(s, 'investigate')).toBeNull();
    expect(refusal(caseState(intake, []), 'approve')?.message).toMatch(/at step 2/);
    expect(refusal(s, 'file')?.message).toMatch(/after closing/);
    expect(refusal(s, 'note')).toBeNull();
  });
  it('ignores (and lists) a second acceptance made on another desk while apart', () => {
    const a = ev('accept', '2026-09-30T03:00:00.000Z');
    const b = ev('accept', '2026-09-30T03:05:00.000Z');
    const s = caseState(intake, [b, a]);
    expect(s.current).toBe(3);
    expect(s.ignored).toEqual([b.id]);
  });
  it('a rejected proposal goes back to step 5; a new proposal replaces the amount', () => {
    const base = [ev('accept', '2026-09-30T03:00:00.000Z'), ev('investigate', '2026-09-30T04:00:00.000Z'), ev('classify', '2026-09-30T05:00:00.000Z', { category: 'quality' }), ev('propose', '2026-09-30T06:00:00.000Z', { refund: 6000, compensation: 0 })];
    const rejected = caseState(intake, [...base, ev('approve', '2026-09-30T07:00:00.000Z', { approved: false })]);
    expect(rejected).toMatchObject({ current: 5, amount: 6000, proposalApproved: false });
    const again = caseState(intake, [...base, ev('approve', '2026-09-30T07:00:00.000Z', { approved: false }), ev('propose', '2026-09-30T08:00:00.000Z', { refund: 0, compensation: 300 })]);
    expect(again).toMatchObject({ current: 6, amount: 300, refund: false });
  });
  it('escalates along the path of its category when the patient disagrees, up to head office legal', () => {
    const base = [
      ev('accept', '2026-09-30T03:00:00.000Z'),
      ev('investigate', '2026-09-30T04:00:00.000Z'),
      ev('classify', '2026-09-30T05:00:00.000Z', { category: 'quality' }),
      ev('propose', '2026-09-30T06:00:00.000Z', { refund: 0, compensation: 0 }),
      ev('approve', '2026-09-30T07:00:00.000Z', { approved: true }),
      ev('negotiate', '2026-09-30T08:00:00.000Z', { agreed: false }),
    ];
    const disagreed = caseState(intake, base);
    expect(disagreed.current).toBe(7);
    expect(refusal(disagreed, 'negotiate', { agreed: true })?.message).toMatch(/escalate first/);
    expect(refusal(disagreed, 'paperwork')?.message).toMatch(/at step 7/);
    const levels = [];
    const events = [...base];
    for (let i = 0; i < 3; i++) {
      events.push(ev('escalate', `2026-10-0${i + 1}T01:00:00.000Z`));
      levels.push(caseState(intake, events).escalationLevel);
    }
    expect(levels).toEqual(['clinicExperts', 'headOfficeMedical', 'headOfficeLegal']);
    const legal = caseState(intake, events);
    expect(legal.current).toBe(9);
    expect(refusal(legal, 'escalate')?.message).toMatch(/already with head office legal/);
    expect(refusal(legal, 'close', { patientConfirmed: false, handedToLegal: true })).toBeNull();
    const nonQ = caseState(intake, [...base.slice(0, 2), ev('classify', '2026-09-30T05:00:00.000Z', { category: 'nonQuality' }), ev('escalate', '2026-09-30T05:30:00.000Z')]);
    expect(nonQ).toMatchObject({ escalationLevel: 'dean', current: 5 });
  });
  it('refuses closing without the patient confirmation unless the case is with legal', () => {
    const events = [
      ev('accept', '2026-09-30T03:00:00.000Z'),
      ev('investigate', '2026-09-30T04:00:00.000Z'),
      ev('classify', '2026-09-30T05:00:00.000Z', { category: 'nonQuality' }),
      ev('propose', '2026-09-30T06:00:00.000Z', { refund: 0, compensation: 0 }),
      ev('approve', '2026-09-30T07:00:00.000Z', { approved: true }),
      ev('negotiate', '2026-09-30T08:00:00.000Z', { agreed: true }),
      ev('paperwork', '2026-09-30T09:00:00.000Z'),
    ];
    const s = caseState(intake, events);
    expect(s.current).toBe(9);
    expect(refusal(s, 'close', { patientConfirmed: false })?.message).toMatch(/patient's confirmation/);
    expect(refusal(s, 'close', { patientConfirmed: false, handedToLegal: true })?.message).toMatch(/patient's confirmation/);
    expect(refusal(s, 'close', { patientConfirmed: true })).toBeNull();
  });
});

describe('deadlines', () => {
  it('12 h notify, 3 working days to investigate (DOMAIN.md example), overall 7 days in 京内, 14 outside', () => {
    const accepted = caseState(intake, [ev('accept', '2026-09-30T03:00:00.000Z')]);
    const { deadlines, missingYears } = caseDeadlines(intake, accepted, [calendar2026]);
    expect(missingYears).toEqual([]);
    const by = Object.fromEntries(deadlines.map((d) => [d.key, d]));
    expect(by.notify).toMatchObject({ dueAt: '2026-09-30T14:00:00.000Z', doneAt: '2026-09-30T03:00:00.000Z' });
    expect(by.investigate!.dueAt).toBe(endOfClinicDay('2026-10-10'));
    expect(by.investigate!.dueAt).toBe('2026-10-10T16:00:00.000Z');
    expect(by.close!.dueAt).toBe('2026-10-07T03:00:00.000Z');
    const outside = caseDeadlines({ ...intake, inHeadOfficeCity: false }, accepted, [calendar2026]);
    expect(outside.deadlines.find((d) => d.key === 'close')!.dueAt).toBe('2026-10-14T03:00:00.000Z');
  });
  it('24 h classify and approve, 48 h paperwork, 24 h file, 48 h penalty, a week for prevention', () => {
    const events = [
      ev('accept', '2026-11-02T01:00:00.000Z'),
      ev('investigate', '2026-11-03T01:00:00.000Z'),
      ev('classify', '2026-11-03T02:00:00.000Z', { category: 'nonQuality' }),
      ev('propose', '2026-11-03T03:00:00.000Z', { refund: 500, compensation: 0 }),
      ev('approve', '2026-11-03T04:00:00.000Z', { approved: true }),
      ev('negotiate', '2026-11-04T01:00:00.000Z', { agreed: true }),
      ev('paperwork', '2026-11-07T01:00:00.000Z'),
      ev('close', '2026-11-07T02:00:00.000Z', { patientConfirmed: true }),
      ev('file', '2026-11-07T03:00:00.000Z'),
    ];
    const i: CaseIntake = { id: 'c', receivedAt: '2026-11-02T00:00:00.000Z', inHeadOfficeCity: true };
    const { deadlines } = caseDeadlines(i, caseState(i, events), [calendar2026]);
    const due = Object.fromEntries(deadlines.map((d) => [d.key, d.dueAt]));
    expect(due).toEqual({
      notify: '2026-11-02T12:00:00.000Z',
      investigate: endOfClinicDay('2026-11-05'),
      classify: '2026-11-04T01:00:00.000Z',
      approve: '2026-11-04T03:00:00.000Z',
      paperwork: '2026-11-06T01:00:00.000Z',
      close: '2026-11-09T01:00:00.000Z',
      file: '2026-11-08T02:00:00.000Z',
      penalty: '2026-11-09T03:00:00.000Z',
      // Seed 001 (五) "总经办每月 10 日前应审视上月份客服部上报结案的患者投诉案件": closed 2026-11-07 → by the end of 12-10.
      review: endOfClinicDay('2026-12-10'),
      prevention: '2026-11-14T03:00:00.000Z',
    });
    const paperwork = deadlines.find((d) => d.key === 'paperwork')!;
    expect(deadlineStatus(paperwork, new Date())).toBe('late'); // paperwork 3 days after agreement
  });
  it('seed 001 step 8 "有退款 1. 由客服主任通知相关工作人员发起退款 OA … 无退款 1. 补充填写《患者投诉处理表》… 48 小时以内": the paperwork is due 48 h after agreement, with a refund and without one alike', () => {
    const i: CaseIntake = { id: 'c', receivedAt: '2026-11-02T00:00:00.000Z', inHeadOfficeCity: true };
    const upToAgreement = (refund: number, compensation: number): CaseEvent[] => [
      ev('accept', '2026-11-02T01:00:00.000Z'),
      ev('investigate', '2026-11-03T01:00:00.000Z'),
      ev('classify', '2026-11-03T02:00:00.000Z', { category: 'nonQuality' }),
      ev('propose', '2026-11-03T03:00:00.000Z', { refund, compensation }),
      ev('approve', '2026-11-03T04:00:00.000Z', { approved: true }),
    ];
    const agreed = (refund: number, compensation: number, paperworkAt: string | null) =>
      caseState(i, [
        ...upToAgreement(refund, compensation),
        ev('negotiate', '2026-11-04T01:00:00.000Z', { agreed: true }),
        ...(paperworkAt ? [ev('paperwork', paperworkAt, { payment: refund > 0 ? 'cash' : 'none' })] : []),
      ]);
    for (const [refund, compensation] of [
      [0, 0],
      [0, 500],
      [800, 0],
      [30_000, 2_000],
    ] as const) {
      const why = `refund ${refund}, compensation ${compensation}`;
      expect(agreed(refund, compensation, null).refund, why).toBe(refund > 0);
      const open = caseDeadlines(i, agreed(refund, compensation, null), [calendar2026]).deadlines.find((d) => d.key === 'paperwork');
      // 48 clock hours from the agreement (Wed 09:00 → Fri 09:00 clinic time), not working days, not longer with a refund.
      expect(open, why).toMatchObject({ step: 8, rule: '48h', dueAt: '2026-11-06T01:00:00.000Z', doneAt: null, source: 'group' });
      expect(deadlineStatus(open!, new Date('2026-11-06T01:00:01Z')), why).toBe('overdue');
      const inTime = caseDeadlines(i, agreed(refund, compensation, '2026-11-06T01:00:00.000Z'), [calendar2026]).deadlines.find((d) => d.key === 'paperwork')!;
      expect(deadlineStatus(inTime, new Date('2026-11-07T00:00:00Z')), why).toBe('done');
      const late = caseDeadlines(i, agreed(refund, compensation, '2026-11-06T01:01:00.000Z'), [calendar2026]).deadlines.find((d) => d.key === 'paperwork')!;
      expect(deadlineStatus(late, new Date('2026-11-07T00:00:00Z')), why).toBe('late');
    }
    // Not before the patient agrees: a disagreement starts no paperwork clock.
    const disagreed = caseState(i, [...upToAgreement(0, 0), ev('negotiate', '2026-11-04T01:00:00.000Z', { agreed: false })]);
    expect(caseDeadlines(i, disagreed, [calendar2026]).deadlines.map((d) => d.key)).not.toContain('paperwork');
  });
  it('seed 001 step 1 "接到投诉的工作人员必须做好详细如是的记录…并在最短时间内通知客服部门，做好交接工作；接到投诉工作人员 12 小时以内": 12 clock hours from receipt, met by the receiver\'s own 通知客服 act (or the acceptance if CS accepted first), late after', () => {
    // Received Fri 20:00 clinic time: the limit is Sat 08:00, over the night and the weekend alike.
    const i: CaseIntake = { id: 'c', receivedAt: '2026-11-06T12:00:00.000Z', inHeadOfficeCity: true };
    const notifyOf = (events: CaseEvent[]) => caseDeadlines(i, caseState(i, events), [calendar2026]).deadlines.find((d) => d.key === 'notify')!;
    const after = new Date('2026-11-09T00:00:00Z');
    expect(notifyOf([])).toMatchObject({ step: 2, rule: '12h', dueAt: '2026-11-07T00:00:00.000Z', doneAt: null });
    expect(deadlineStatus(notifyOf([]), after)).toBe('overdue');
    const told = notifyOf([{ ...ev('notify', '2026-11-07T00:00:00.000Z', { toWhom: '赵主任' }), by: 'staff:BJ:guide' }]);
    expect(told.doneAt).toBe('2026-11-07T00:00:00.000Z');
    expect(deadlineStatus(told, after)).toBe('done');
    expect(deadlineStatus(notifyOf([ev('notify', '2026-11-07T00:01:00.000Z', { toWhom: '赵主任' })]), after)).toBe('late');
    // The notification is its own act: the acceptance afterwards does not make a late notification in time…
    expect(notifyOf([ev('notify', '2026-11-07T03:00:00.000Z', { toWhom: '赵主任' }), ev('accept', '2026-11-07T04:00:00.000Z')]).doneAt).toBe('2026-11-07T03:00:00.000Z');
    // …and CS accepting first shows CS knew: met then.
    expect(notifyOf([ev('accept', '2026-11-06T20:00:00.000Z')]).doneAt).toBe('2026-11-06T20:00:00.000Z');
    // Counted from receipt, not from when someone typed it in: a head-office limit for the clinic moves it.
    expect(caseDeadlines(i, caseState(i, []), [calendar2026], { notifyHours: 6 }).deadlines.find((d) => d.key === 'notify')).toMatchObject({ rule: '6h', source: 'clinic', dueAt: '2026-11-06T18:00:00.000Z' });
  });
  it('warns when the working-day limit runs into a year without a calendar', () => {
    const late: CaseIntake = { id: 'c', receivedAt: '2026-12-30T02:00:00.000Z', inHeadOfficeCity: true };
    expect(caseDeadlines(late, caseState(late, []), [calendar2026]).missingYears).toEqual([2027]);
  });
  it('says done, late, overdue, due within a day or open', () => {
    const dl = { key: 'notify' as const, step: 2, rule: '12h', dueAt: '2026-11-02T12:00:00.000Z', doneAt: null };
    expect(deadlineStatus(dl, new Date('2026-11-01T11:00:00Z'))).toBe('open');
    expect(deadlineStatus(dl, new Date('2026-11-01T12:00:00Z'))).toBe('dueSoon');
    expect(deadlineStatus(dl, new Date('2026-11-02T12:00:00Z'))).toBe('dueSoon');
    expect(deadlineStatus(dl, new Date('2026-11-02T12:00:00.001Z'))).toBe('overdue');
    expect(deadlineStatus({ ...dl, doneAt: '2026-11-02T12:00:00.000Z' }, new Date())).toBe('done');
    expect(deadlineStatus({ ...dl, doneAt: '2026-11-02T12:00:01.000Z' }, new Date())).toBe('late');
  });
});

describe('approvals and penalties', () => {
  it('bands amounts at ¥1,000 and ¥5,000', () => {
    expect([0, 999.99, 1000, 5000, 5000.01].map((y) => amountBand(y))).toEqual(['small', 'small', 'medium', 'medium', 'large']);
  });
  it('seed 001 step 6 "上交给客服总监或院长进行审批" under ¥1,000; seed 003 "1000-5000元 … 副总经理 … 5000元以上 … 总经理" above', () => {
    expect(approverRoles('nonQuality', 0)).toEqual(['dean', 'hoCsDirector']);
    expect(approverRoles('quality', 999.99)).toEqual(['dean', 'medicalDirector', 'hoCsDirector']);
    expect(approverRoles('quality', 1000)).toEqual(['deputyGm']);
    expect(approverRoles('nonQuality', 5000)).toEqual(['deputyGm']);
    expect(approverRoles('nonQuality', 5000.01)).toEqual(['gm']);
    expect(approverRoles('quality', 5001)).toEqual(['gm']);
  });
  it('fills the fines of DOMAIN.md: person / supervisor / leadership', () => {
    expect(penaltyFines).toEqual({
      I: { person: 50, supervisor: 100, leadership: 200 },
      II: { person: 200, supervisor: 400, leadership: 800 },
      III: { person: 300, supervisor: 600, leadership: 1200 },
      IV: { person: 500, supervisor: 1000, leadership: 2000 },
      V: { person: 1000, supervisor: 2000, leadership: 4000 },
    });
    for (const f of Object.values(penaltyFines)) {
      expect(f.supervisor).toBe(2 * f.person);
      expect(f.leadership).toBe(4 * f.person);
    }
  });
});

/** A filed case: steps 1-9 done, non-quality, no money. */
function filedCase(): CaseEvent[] {
  return [
    ev('accept', '2026-11-02T01:00:00.000Z'),
    ev('investigate', '2026-11-02T02:00:00.000Z'),
    ev('classify', '2026-11-02T03:00:00.000Z', { category: 'nonQuality' }),
    ev('propose', '2026-11-02T04:00:00.000Z', { refund: 0, compensation: 0 }),
    ev('approve', '2026-11-02T05:00:00.000Z', { approved: true }),
    ev('negotiate', '2026-11-02T06:00:00.000Z', { agreed: true }),
    ev('paperwork', '2026-11-02T07:00:00.000Z'),
    ev('close', '2026-11-30T08:00:00.000Z', { patientConfirmed: true }),
    ev('file', '2026-11-30T09:00:00.000Z'),
  ];
}
const i2: CaseIntake = { id: 'c', receivedAt: '2026-11-02T00:00:00.000Z', inHeadOfficeCity: true };
/** Who (of every role) may record `kind` now. */
const whoMay = (s: CaseState, kind: EventKind, proposer = 'someone-else') => staffRoles.filter((role) => allowedKinds(s, { id: role === 'csDirector' ? proposer : role, role }, false).includes(kind));

describe('step 10 and step 11 as seed 001 sets them', () => {
  it('seed 001 step 11 "由客服部协同医务部，提出改善方案" (客服部一周以内) waits for nothing in step 10', () => {
    const filed = caseState(i2, filedCase());
    expect(filed).toMatchObject({ current: 10, filed: true, penaltyStage: 'none' });
    expect(refusal(filed, 'prevention')).toBeNull();
    expect(refusal(filed, 'penalty')).toBeNull();
    const prevented = caseState(i2, [...filedCase(), ev('prevention', '2026-11-30T10:00:00.000Z')]);
    expect(prevented).toMatchObject({ current: 10, prevented: true });
    expect(refusal(prevented, 'prevention')?.message).toMatch(/recorded already/);
    expect(whoMay(filed, 'prevention').sort()).toEqual(['csDirector', 'hoCsDirector', 'medicalDirector']);
  });
  it('seed 001 客服部 "改善投诉方案的提出、执行成果的督促及效果确认" and seed 004 "对投诉引发的服务改进措施进行跟踪，确保落实到位": step 11 is done when every action is', () => {
    const approved = [
      ...filedCase(),
      ev('penalty', '2026-11-30T10:00:00.000Z', { persons: [] }),
      ev('deanAgree', '2026-11-30T11:00:00.000Z', { approved: true }),
    ];
    expect(caseState(i2, approved)).toMatchObject({ penaltyStage: 'approved', current: 11 });
    const plan = ev('prevention', '2026-12-01T01:00:00.000Z', { plan: '周末加排前台', actions: [{ what: '周末加排一名前台', owner: '王组长', dueDate: '2026-12-05' }, { what: '培训预约话术', owner: '赵主任', dueDate: null }] });
    let s = caseState(i2, [...approved, plan]);
    // The plan alone does not finish step 11 while its actions are open.
    expect(s).toMatchObject({ prevented: true, preventionActions: 2, actionsDone: [], current: 11 });
    expect(refusal(s, 'prevention')?.rule).toBe('preventionRecorded');
    expect(whoMay(s, 'actionDone').sort()).toEqual(['csDirector', 'gmOffice', 'hoCsDirector', 'medicalDirector']);
    expect(refusal(s, 'actionDone', { index: 2 })).toMatchObject({ rule: 'noSuchAction', params: { index: 3, count: 2 } });
    s = caseState(i2, [...approved, plan, ev('actionDone', '2026-12-04T01:00:00.000Z', { index: 1, result: '已培训' })]);
    expect(s).toMatchObject({ actionsDone: [1], current: 11 });
    expect(refusal(s, 'actionDone', { index: 1 })).toMatchObject({ rule: 'actionDoneAlready', params: { index: 2 } });
    s = caseState(i2, [...approved, plan, ev('actionDone', '2026-12-04T01:00:00.000Z', { index: 1, result: '已培训' }), ev('actionDone', '2026-12-06T01:00:00.000Z', { index: 0, result: '已排班' })]);
    expect(s).toMatchObject({ actionsDone: [1, 0], current: 12 });
    expect(whoMay(s, 'actionDone')).toEqual([]);
    // Before any plan there is nothing to carry out; a plan without actions finishes step 11 as before.
    expect(refusal(caseState(i2, approved), 'actionDone', { index: 0 })?.rule).toBe('noPreventionPlan');
    expect(caseState(i2, [...approved, ev('prevention', '2026-12-01T01:00:00.000Z', { plan: '加强监督' })]).current).toBe(12);
    // An action recorded out of order (before the plan reached this desk) does not count.
    const early = caseState(i2, [...approved, ev('actionDone', '2026-11-30T12:00:00.000Z', { index: 0, result: 'x' }), plan]);
    expect(early.actionsDone).toEqual([]);
    expect(early.ignored).toHaveLength(1);
  });
  it('seed 001 step 10 "由客服部提出…处罚方案；和该院院长协商后实施" and (五) "由总经办…开立《员工过失处罚单》，呈总经理核准": each act by its own role, in order', () => {
    const events = filedCase();
    let s = caseState(i2, events);
    expect(whoMay(s, 'penalty').sort()).toEqual(['csDirector', 'hoCsDirector']);
    expect(whoMay(s, 'deanAgree')).toEqual([]);
    events.push(ev('penalty', '2026-11-30T10:00:00.000Z', { persons: [{ name: '小李', level: 'I' }] }));
    s = caseState(i2, events);
    expect(s.penaltyStage).toBe('proposed');
    expect(whoMay(s, 'deanAgree')).toEqual(['dean']);
    expect(whoMay(s, 'penaltySlip')).toEqual([]);
    expect(refusal(s, 'penalty')?.message).toMatch(/in force/);
    events.push(ev('deanAgree', '2026-11-30T11:00:00.000Z', { approved: true }));
    s = caseState(i2, events);
    expect(whoMay(s, 'penaltySlip')).toEqual(['gmOffice']);
    expect(whoMay(s, 'penaltyApprove')).toEqual([]);
    events.push(ev('penaltySlip', '2026-12-01T01:00:00.000Z'));
    s = caseState(i2, events);
    expect(whoMay(s, 'penaltyApprove')).toEqual(['gm']);
    events.push(ev('penaltyApprove', '2026-12-02T01:00:00.000Z', { approved: true }));
    s = caseState(i2, events);
    expect(s).toMatchObject({ penaltyStage: 'approved', current: 11 });
    const by = Object.fromEntries(caseDeadlines(i2, s, [calendar2026]).deadlines.map((d) => [d.key, d]));
    // 客服总监 48 小时以内: met by the dean's agreement; the GM office's review by the 10th of the month after closing.
    expect(by.penalty).toMatchObject({ dueAt: '2026-12-02T09:00:00.000Z', doneAt: '2026-11-30T11:00:00.000Z' });
    expect(by.review).toMatchObject({ dueAt: endOfClinicDay('2026-12-10'), doneAt: '2026-12-02T01:00:00.000Z' });
    expect(caseState(i2, [...events, ev('prevention', '2026-12-03T01:00:00.000Z')]).current).toBe(12);
  });
  it('the dean or the general manager sending it back starts step 10 again; nobody penalised needs no slip', () => {
    const base = [...filedCase(), ev('penalty', '2026-11-30T10:00:00.000Z', { persons: [{ name: '小李', level: 'II' }] })];
    expect(caseState(i2, [...base, ev('deanAgree', '2026-11-30T11:00:00.000Z', { approved: false })]).penaltyStage).toBe('none');
    const back = caseState(i2, [...base, ev('deanAgree', '2026-11-30T11:00:00.000Z', { approved: true }), ev('penaltySlip', '2026-11-30T12:00:00.000Z'), ev('penaltyApprove', '2026-11-30T13:00:00.000Z', { approved: false })]);
    expect(back.penaltyStage).toBe('none');
    expect(caseDeadlines(i2, back, [calendar2026]).deadlines.find((d) => d.key === 'review')!.doneAt).toBeNull();
    const nobody = caseState(i2, [...filedCase(), ev('penalty', '2026-11-30T10:00:00.000Z', { persons: [] }), ev('deanAgree', '2026-11-30T11:00:00.000Z', { approved: true })]);
    expect(nobody.penaltyStage).toBe('approved');
  });
  it('the review is due by the 10th of the month after closing, December into January', () => {
    expect(tenthOfNextMonth('2026-11-30')).toBe('2026-12-10');
    expect(tenthOfNextMonth('2026-12-01')).toBe('2027-01-10');
  });
});

describe('escalation: every path walked with every role', () => {
  /**
   * Walks the path of a category level by level: at each level someone may propose, someone other
   * than the proposer approves, the patient disagrees, and someone may escalate. At every state
   * reached, some role has the case's next step (no dead end).
   */
  function walk(category: 'quality' | 'nonQuality', amount: number) {
    const events: CaseEvent[] = [ev('accept', '2026-11-02T01:00:00.000Z'), ev('investigate', '2026-11-02T02:00:00.000Z'), ev('classify', '2026-11-02T03:00:00.000Z', { category })];
    const seen: { level: string; proposers: StaffRole[]; approvers: StaffRole[]; escalators: StaffRole[] }[] = [];
    let hour = 4;
    const at = () => `2026-11-${String(3 + Math.floor(hour / 24)).padStart(2, '0')}T${String(hour++ % 24).padStart(2, '0')}:00:00.000Z`;
    for (;;) {
      let s = caseState(i2, events);
      if (s.escalationLevel === 'headOfficeLegal') {
        expect(s.current).toBe(9);
        // "患者不同意 交由集团法务部处理（院长授权责任人跟踪）": head office legal takes the case over.
        expect(whoMay(s, 'close')).toEqual(['hoLegal']);
        expect(whoMay(s, 'escalate')).toEqual([]);
        return seen;
      }
      expect(s.current).toBe(5);
      const proposers = whoMay(s, 'propose');
      expect(proposers.length, s.escalationLevel).toBeGreaterThan(0);
      events.push({ ...ev('propose', at(), { refund: amount, compensation: 0 }), by: 'csDirector-1' });
      s = caseState(i2, events);
      // The CS director proposed: she may not approve; somebody else may.
      const approvers = whoMay(s, 'approve', 'csDirector-1');
      expect(approvers.length, s.escalationLevel).toBeGreaterThan(0);
      expect(allowedKinds(s, { id: 'csDirector-1', role: 'csDirector' }, false)).not.toContain('approve');
      events.push(ev('approve', at(), { approved: true }));
      s = caseState(i2, events);
      expect(whoMay(s, 'negotiate').length).toBeGreaterThan(0);
      events.push(ev('negotiate', at(), { agreed: false }));
      s = caseState(i2, events);
      // 患者不同意: escalating is the CS director's (and at the dean's level, the dean's) next act.
      const escalators = whoMay(s, 'escalate');
      expect(escalators).toContain('csDirector');
      expect(staffRoles.filter((role) => allowedKinds(s, { id: role, role }, false).includes('negotiate'))).toEqual([]);
      seen.push({ level: s.escalationLevel, proposers, approvers, escalators });
      events.push(ev('escalate', at(), { reason: '患者不同意' }));
      s = caseState(i2, events);
      // The approval deadline of the level left behind is met, the paperwork's never started: nothing stays open.
      const stale = caseDeadlines(i2, s, [calendar2026]).deadlines.filter((d) => d.doneAt === null && !d.supersededAt && ['approve', 'paperwork'].includes(d.key));
      expect(stale).toEqual([]);
    }
  }
  it('non-quality "上报院长重新沟通并给予处理意见" → 总部客服部 → 总部法务部: the dean proposes and escalates at her level', () => {
    const seen = walk('nonQuality', 0);
    expect(seen.map((x) => x.level)).toEqual(['csDirector', 'dean', 'headOfficeCs']);
    expect(seen[1]!.proposers).toContain('dean');
    expect(seen[1]!.escalators).toContain('dean');
    expect(seen[0]!.proposers).not.toContain('dean');
  });
  it('quality "集团医务部组织专家会诊、讨论，提出处理意见，报总经理批准": the general manager approves at head-office medical', () => {
    const seen = walk('quality', 300);
    expect(seen.map((x) => x.level)).toEqual(['csDirector', 'clinicExperts', 'headOfficeMedical']);
    expect(seen[2]!.approvers).toEqual(['gm']);
    // 集团医务部 proposes at its own level, nobody else; below it, never.
    expect(seen.map((x) => x.proposers.includes('hoMedical'))).toEqual([false, false, true]);
    expect(seen[2]!.proposers).toEqual(['hoMedical']);
    expect(seen[0]!.approvers).toEqual(['dean', 'medicalDirector', 'hoCsDirector']);
    for (const amount of [3000, 8000]) expect(walk('quality', amount).map((x) => x.approvers.join())).toEqual([amount > 5000 ? 'gm' : 'deputyGm', amount > 5000 ? 'gm' : 'deputyGm', 'gm']);
  });
  it('an escalation before the approval closes the approval deadline (superseded), never overdue', () => {
    const events = [
      ev('accept', '2026-11-02T01:00:00.000Z'),
      ev('investigate', '2026-11-02T02:00:00.000Z'),
      ev('classify', '2026-11-02T03:00:00.000Z', { category: 'nonQuality' }),
      ev('propose', '2026-11-02T04:00:00.000Z', { refund: 0, compensation: 0 }),
      ev('escalate', '2026-11-02T05:00:00.000Z', { reason: '患者要求院长处理' }),
    ];
    const s = caseState(i2, events);
    const approve = caseDeadlines(i2, s, [calendar2026]).deadlines.find((d) => d.key === 'approve')!;
    expect(approve).toMatchObject({ doneAt: null, supersededAt: '2026-11-02T05:00:00.000Z' });
    expect(deadlineStatus(approve, new Date('2026-12-01T00:00:00Z'))).toBe('superseded');
    const again = caseState(i2, [...events, ev('propose', '2026-11-02T06:00:00.000Z', { refund: 0, compensation: 0 })]);
    const open = caseDeadlines(i2, again, [calendar2026]).deadlines.find((d) => d.key === 'approve')!;
    expect(open).toMatchObject({ doneAt: null, supersededAt: null, dueAt: '2026-11-03T06:00:00.000Z' });
  });
});

describe('time limits as settings', () => {
  it('the group defaults are seed 001\'s ("12 小时以内", "三个工作日内", "24 小时以内", "48 小时以内", "京内 7 天，京外 14 天", "一周以内")', () => {
    expect(groupLimits).toEqual({ notifyHours: 12, investigateWorkingDays: 3, classifyHours: 24, approveHours: 24, paperworkHours: 48, closeDaysInCity: 7, closeDaysOutside: 14, fileHours: 24, penaltyHours: 48, preventionDays: 7, approveMediumFromYuan: 1000, approveLargeAboveYuan: 5000 });
    const s = caseState(intake, [ev('accept', '2026-09-30T03:00:00.000Z')]);
    expect(caseDeadlines(intake, s, [calendar2026]).deadlines.map((d) => d.source)).toEqual(['group', 'group', 'group']);
  });
  it('a clinic\'s own limit (seed 000 "投诉信息应在24小时内反馈至投诉处理专员") replaces the group\'s and says so; one equal to the group\'s stays the group\'s', () => {
    const s = caseState(intake, [ev('accept', '2026-09-30T03:00:00.000Z')]);
    const { deadlines } = caseDeadlines(intake, s, [calendar2026], { notifyHours: 24, investigateWorkingDays: 3, closeDaysInCity: 5 });
    const by = Object.fromEntries(deadlines.map((d) => [d.key, d]));
    expect(by.notify).toMatchObject({ rule: '24h', source: 'clinic', dueAt: '2026-10-01T02:00:00.000Z' });
    expect(by.investigate).toMatchObject({ rule: '3wd', source: 'group', dueAt: '2026-10-10T16:00:00.000Z' });
    expect(by.close).toMatchObject({ rule: '5d', source: 'clinic', dueAt: '2026-10-05T03:00:00.000Z' });
  });
});
