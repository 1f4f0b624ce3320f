import { describe, expect, it } from 'vitest';
import { attemptRefusal, callRefusal, defaultPlans, memberLookbackDays, memberTasksOn, recallWindow, taskStatus, tasksForClosedComplaint, tasksForUnbookedEnquiry, type FollowupPlan } from '../../shared/followup/rules';
import { checkRows, cellDate, resolveMapping } from '../../shared/enquiries/importSheet';

describe('tasks from a closed complaint, a member, an enquiry (pure)', () => {
  it('seed 001 「定期進行投訴回訪」: one task 3 days after the clinic day of closing, none while open; per department', () => {
    // Closed 2026-11-27 23:30 in the clinic (15:30 UTC): the clinic day is the 27th.
    const [t] = tasksForClosedComplaint({ complaintId: 'complaint:BJ:2026-11-20:abc', clinic: 'BJ', closedAt: '2026-11-27T15:30:00.000Z', departmentId: null }, defaultPlans);
    expect(t).toMatchObject({ id: 'followup-task:BJ:complaintClosed:2026-11-20:abc', dueDate: '2026-11-30', lastDate: '2026-12-04', channel: 'call' });
    expect(tasksForClosedComplaint({ complaintId: 'complaint:BJ:2026-11-20:abc', clinic: 'BJ', closedAt: null, departmentId: null }, defaultPlans)).toEqual([]);
    const plans: FollowupPlan[] = defaultPlans.map((p) => (p.id === 'complaintClosed' ? { ...p, departmentDays: { derm: 1 } } : p));
    expect(tasksForClosedComplaint({ complaintId: 'complaint:BJ:2026-11-20:abc', clinic: 'BJ', closedAt: '2026-11-27T02:00:00.000Z', departmentId: 'derm' }, plans)[0]!.dueDate).toBe('2026-11-28');
  });

  it('seed 001 九 (五) 「成為會員後的第 1 天 短信拜訪」: a member without a 入会日期 or tier gets nothing; ids carry the date and the customer', () => {
    const m = { customerId: 'customer:BJ:xyz', clinic: 'BJ', since: '2026-11-27', tier: 'C' as const, birthDate: null };
    expect(memberTasksOn(m, '2026-11-28', defaultPlans, [])).toMatchObject([{ id: 'followup-task:BJ:memberDay1:2026-11-28:xyz', channel: 'message', tries: 1 }]);
    expect(memberTasksOn({ ...m, since: null }, '2026-11-28', defaultPlans, [])).toEqual([]);
    expect(memberTasksOn({ ...m, tier: null }, '2026-11-28', defaultPlans, [])).toEqual([]);
    expect(memberTasksOn(m, '2026-11-28', defaultPlans.map((p) => ({ ...p, active: p.id !== 'memberDay1' })), [])).toEqual([]);
    expect(memberLookbackDays(defaultPlans)).toBe(3);
  });

  it('a message task is done when sent: 已发送 closes it as reached', () => {
    expect(taskStatus({ dueDate: '2026-11-28', tries: 1, retryHours: 4 }, [{ id: 'e1', kind: 'attempt', at: '2026-11-28T02:00:00.000Z', by: 's', result: 'sent', rescheduleAt: null }])).toMatchObject({ state: 'reached', nextAt: null });
  });

  it('seed 003 「建立詢問診患者定期進展回(訪)」: an enquiry that did not book is called a week later; the window to read', () => {
    expect(tasksForUnbookedEnquiry({ enquiryId: 'enquiry:BJ:2026-11-27:q1', clinic: 'BJ', date: '2026-11-27', booked: false }, defaultPlans)).toMatchObject([{ id: 'followup-task:BJ:enquiryRecall:2026-11-27:q1', dueDate: '2026-12-04', lastDate: '2026-12-07' }]);
    expect(tasksForUnbookedEnquiry({ enquiryId: 'enquiry:BJ:2026-11-27:q1', clinic: 'BJ', date: '2026-11-27', booked: true }, defaultPlans)).toEqual([]);
    expect(recallWindow(defaultPlans, '2026-12-07')).toEqual({ from: '2026-11-27', to: '2026-11-30' });
    expect(recallWindow(defaultPlans.filter((p) => p.id !== 'enquiryRecall'), '2026-12-07')).toBeNull();
  });
});

describe('checking a booking sheet (pure)', () => {
  it('maps columns by header words unless told; names a refused row by row number, column and reason', () => {
    expect(resolveMapping(['客户姓名', '手机号', '备注'], {})).toEqual({ name: 0, phone: 1, item: null, question: null, wantedDate: null, note: 2 });
    expect(resolveMapping(['a', 'b'], { name: 1, phone: 0 })).toMatchObject({ name: 1, phone: 0 });
    const r = checkRows([['姓名', '电话'], ['周', '139-1234-0000'], ['', ''], ['吴', '13912340000']], {}, new Map());
    expect(r.rows.map((x) => x.status)).toEqual(['ok', 'refused']); // the blank line is skipped
    expect(r.problems).toEqual([{ row: 4, column: '电话', field: 'phone', rule: 'duplicate', value: '2', reason: 'the same phone as row 2' }]);
    expect(checkRows([['项目']], {}, new Map()).problems.map((p) => p.field)).toEqual(['mapping.name', 'mapping.phone']);
    expect(cellDate('2026/12/1')).toBe('2026-12-01');
    expect(cellDate('2026年12月01日')).toBe('2026-12-01');
    expect(cellDate('2026-02-30')).toBeNull();
  });
});

describe('who may make which call (pure, the one check of src-main/followup/tasks.ts)', () => {
  it('seed 003 询诊患者定期回访 is the consulting group’s; 回访 the callers’; after a complaint only 客服主任 / 客服总监; a re-call’s 接通 is not a survey', () => {
    expect(callRefusal('phoneConsultant', 'enquiryRecall')).toBeNull();
    expect(callRefusal('phoneConsultant', 'service7d')).toBe('notThisCall');
    expect(callRefusal('followupCaller', 'enquiryRecall')).toBe('notThisCall');
    expect(callRefusal('followupCaller', 'service7d')).toBeNull();
    expect(callRefusal('followupCaller', 'complaintClosed')).toBe('notComplaintCaller');
    expect(callRefusal('csDirector', 'complaintClosed')).toBeNull();
    expect(callRefusal('csDirector', 'enquiryRecall')).toBeNull();
    expect(attemptRefusal('enquiryRecall', 'reached')).toBe('recallReachedByEnquiry');
    expect(attemptRefusal('enquiryRecall', 'noAnswer')).toBeNull();
    expect(attemptRefusal('service7d', 'reached')).toBeNull();
  });
});
