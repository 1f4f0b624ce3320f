import { greetingDaysOf, defaultGreetingDays as shippedGreetingDays } from '../../shared/followup/rules';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  defaultPlans,
  isOnList,
  isOverdue,
  lookbackDays,
  memberCareDue,
  planProblem,
  satisfaction,
  successRate,
  taskId,
  tasksForVisit,
  taskStatus,
  type FollowupPlan,
  type LeftVisit,
  type Ratings,
  type TaskEventFacts,
} from '../../shared/followup/rules';
import { followupPlan, attemptInput } from '../../shared/followup/schemas';

const visit = (over: Partial<LeftVisit> = {}): LeftVisit => ({
  visitId: 'visit:BJ:2026-12-02:0abc',
  clinic: 'BJ',
  date: '2026-12-02',
  departmentId: 'dept-surgery',
  outcome: 'surgical',
  leftAt: '2026-12-02T08:00:00.000Z',
  ...over,
});
const byPlan = (v: LeftVisit, plans: FollowupPlan[] = defaultPlans) => Object.fromEntries(tasksForVisit(v, plans).map((t) => [t.planId, t]));

describe('plans and task derivation', () => {
  it('seed 000: 「所有完成服务的客户应在服务后的7天内进行回访」 — a bought service is called from the next day to the 7th', () => {
    const t = byPlan(visit({ outcome: 'nonSurgical' })).service7d!;
    expect(t).toMatchObject({ dueDate: '2026-12-03', lastDate: '2026-12-09', caller: 'clinic' });
    // 到诊未消费 completed no service: no 7-day call for it.
    expect(byPlan(visit({ outcome: 'noPurchase' })).service7d).toBeUndefined();
  });

  it('seed 001: 「查閱前一日到診患者統計 → 根據患者資料及咨詢、消費類型進行服務滿意度調查(三類)」 — next-day survey of every category, by head office', () => {
    for (const outcome of ['noPurchase', 'nonSurgical', 'surgical'] as const) {
      expect(byPlan(visit({ outcome })).nextDaySurvey).toMatchObject({ dueDate: '2026-12-03', lastDate: '2026-12-03', caller: 'headOffice' });
    }
  });

  it('seed 001: 「手術術後、恢復期後、非手術療程後」 — by outcome, days per service category', () => {
    const surgical = byPlan(visit());
    expect(Object.keys(surgical).sort()).toEqual(['nextDaySurvey', 'postRecovery', 'postSurgery', 'service7d']);
    expect(surgical.postSurgery!.dueDate).toBe('2026-12-05');
    expect(surgical.postRecovery!.dueDate).toBe('2027-01-01');
    expect(byPlan(visit({ outcome: 'nonSurgical' })).postCourse!.dueDate).toBe('2026-12-16');
    const plans = defaultPlans.map((p) => (p.id === 'postSurgery' ? { ...p, departmentDays: { 'dept-dental': 7 } } : p));
    expect(byPlan(visit({ departmentId: 'dept-dental' }), plans).postSurgery!.dueDate).toBe('2026-12-09');
    expect(byPlan(visit(), plans).postSurgery!.dueDate).toBe('2026-12-05');
  });

  it('no task before the visitor left with an outcome, none for an inactive plan', () => {
    expect(tasksForVisit(visit({ leftAt: null }), defaultPlans)).toEqual([]);
    expect(tasksForVisit(visit({ outcome: null }), defaultPlans)).toEqual([]);
    const off = defaultPlans.map((p) => ({ ...p, active: p.id !== 'service7d' }));
    expect(byPlan(visit(), off).service7d).toBeUndefined();
  });

  it('ids are deterministic: the same visit and plan give the same id on every desk', () => {
    const a = tasksForVisit(visit(), defaultPlans).map((t) => t.id);
    const b = tasksForVisit(visit(), defaultPlans.slice()).map((t) => t.id);
    expect(a).toEqual(b);
    expect(taskId('BJ', 'service7d', 'visit:BJ:2026-12-02:0abc')).toBe('followup-task:BJ:service7d:2026-12-02:0abc');
    expect(new Set(a).size).toBe(a.length);
  });

  it('looks back far enough for the longest plan (恢复期后 30 days + its window)', () => {
    expect(lookbackDays(defaultPlans)).toBe(37);
    expect(lookbackDays(defaultPlans.map((p) => (p.id === 'postCourse' ? { ...p, departmentDays: { x: 60 } } : p)))).toBe(67);
  });

  it('a plan with negative days is refused, naming the field', () => {
    const p = defaultPlans[0]!;
    expect(planProblem({ ...p, offsetDays: -1 })?.field).toBe('offsetDays');
    expect(planProblem({ ...p, departmentDays: { d1: -3 } })?.field).toBe('departmentDays.d1');
    expect(planProblem(p)).toBeNull();
    const parsed = followupPlan.safeParse({ ...p, windowDays: -2 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['windowDays']);
  });
});

describe('retries and the state of a task', () => {
  const task = { dueDate: '2026-12-03', tries: 3, retryHours: 4 };
  let n = 0;
  const ev = (at: string, result: TaskEventFacts['result'], by = 'staff:BJ:a', rescheduleAt: string | null = null): TaskEventFacts => ({ id: `e${String(n++).padStart(3, '0')}`, kind: result === null ? 'take' : 'attempt', at, by, result, rescheduleAt });

  it('open from the start of its clinic day', () => {
    expect(taskStatus(task, [])).toMatchObject({ state: 'open', nextAt: '2026-12-02T16:00:00.000Z', attempts: 0 });
  });

  it('an unanswered call comes back after the retry interval, up to the tries, then 未联系上', () => {
    const one = taskStatus(task, [ev('2026-12-03T02:00:00.000Z', 'noAnswer')]);
    expect(one).toMatchObject({ state: 'open', nextAt: '2026-12-03T06:00:00.000Z', unanswered: 1 });
    const three = taskStatus(task, [ev('2026-12-03T02:00:00.000Z', 'noAnswer'), ev('2026-12-03T06:10:00.000Z', 'noAnswer'), ev('2026-12-03T10:20:00.000Z', 'noAnswer')]);
    expect(three).toMatchObject({ state: 'unreachable', nextAt: null, closedAt: '2026-12-03T10:20:00.000Z', attempts: 3 });
  });

  it('约定改时间 brings it back at the agreed time; 接通, 拒访, 空号/错号 close it; nothing after closing counts', () => {
    expect(taskStatus(task, [ev('2026-12-03T02:00:00.000Z', 'reschedule', 'staff:BJ:a', '2026-12-05T03:00:00.000Z')]).nextAt).toBe('2026-12-05T03:00:00.000Z');
    for (const r of ['reached', 'refused', 'wrongNumber'] as const) expect(taskStatus(task, [ev('2026-12-03T02:00:00.000Z', r)]).state).toBe(r);
    const after = taskStatus(task, [ev('2026-12-03T02:00:00.000Z', 'reached'), ev('2026-12-03T03:00:00.000Z', 'noAnswer')]);
    expect(after).toMatchObject({ state: 'reached', attempts: 1 });
  });

  it('two people who took it while apart are flagged; a call settles it', () => {
    const both = [ev('2026-12-03T01:00:00.000Z', null, 'staff:BJ:a'), ev('2026-12-03T01:01:00.000Z', null, 'staff:HO:b')];
    expect(taskStatus(task, both)).toMatchObject({ contested: true, takenBy: 'staff:HO:b' });
    expect(taskStatus(task, [...both, ev('2026-12-03T02:00:00.000Z', 'noAnswer', 'staff:BJ:a')])).toMatchObject({ contested: false, takenBy: 'staff:BJ:a' });
  });

  it('on the list: due today or overdue, still open', () => {
    const open = taskStatus(task, []);
    expect(isOnList(open, '2026-12-02')).toBe(false);
    expect(isOnList(open, '2026-12-03')).toBe(true);
    expect(isOnList(open, '2026-12-10')).toBe(true);
    expect(isOverdue(open, '2026-12-09', '2026-12-10')).toBe(true);
    expect(isOverdue(open, '2026-12-09', '2026-12-09')).toBe(false);
    expect(isOnList(taskStatus(task, [ev('2026-12-03T02:00:00.000Z', 'reached')]), '2026-12-03')).toBe(false);
  });
});

describe('the survey and satisfaction arithmetic', () => {
  const s = (a: Ratings['attitude'], b: Ratings['attitude'] = a): Ratings => ({ attitude: a, skill: b, punctuality: a, promises: b });

  it('DOMAIN.md §5: 「each 非常满意 / 满意 / 一般 / 较差」 — a rating outside the four levels is refused, naming the field', () => {
    const bad = attemptInput.safeParse({ taskId: 't', result: 'reached', ratings: { ...s('satisfied'), skill: 'excellent' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['ratings', 'skill']);
    expect(attemptInput.safeParse({ taskId: 't', result: 'reached' }).error?.issues[0]?.path).toEqual(['ratings']);
    expect(attemptInput.safeParse({ taskId: 't', result: 'reschedule' }).error?.issues[0]?.path).toEqual(['rescheduleAt']);
  });

  it('DOMAIN.md §5: 「Targets: satisfaction ≥ 90 %」 — share of 满意 + 非常满意 over every answer', () => {
    // 9 surveys all satisfied, 1 with two 一般: 36 + 2 satisfied of 40 = 95 %.
    const surveys = [...Array.from({ length: 9 }, () => s('verySatisfied', 'satisfied')), s('satisfied', 'fair')];
    const r = satisfaction(surveys);
    expect(r).toMatchObject({ answers: 40, satisfied: 38, met: true });
    expect(r.share).toBeCloseTo(0.95);
    expect(r.byLevel).toEqual({ verySatisfied: 18, satisfied: 20, fair: 2, poor: 0 });
    // Exactly 90 % meets the target; below misses it.
    const ninety = satisfaction([...Array.from({ length: 9 }, () => s('satisfied')), s('poor')]);
    expect(ninety).toMatchObject({ share: 0.9, met: true });
    const below = satisfaction([...Array.from({ length: 8 }, () => s('satisfied')), s('poor'), s('fair', 'satisfied')]);
    expect(below.share).toBeCloseTo(0.85);
    expect(below.met).toBe(false);
    expect(satisfaction([])).toMatchObject({ share: null, met: null });
    expect(satisfaction([s('poor', 'satisfied')], ['skill']).share).toBe(1);
  });

  it('success rate = reached / due', () => {
    expect(successRate(3, 4)).toBe(0.75);
    expect(successRate(0, 0)).toBeNull();
  });
});

describe('member care (seed 001 九 (五))', () => {
  const m = { since: '2026-01-31', tier: 'B' as const, birthDate: '1990-03-06' };
  it('「成為會員後的第 1 天 短信拜訪」「第 1 個月 電話拜訪」「第 3 個月 電話拜訪」', () => {
    expect(memberCareDue(m, '2026-02-01', [])).toContain('memberDay1');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(memberCareDue(m, '2026-02-28', [])).toContain('memberMonth1');
    expect(memberCareDue(m, '2026-04-30', [])).toContain('memberMonth3');
    expect(memberCareDue(m, '2026-01-30', [])).toEqual([]);
  });
  it('「每周五 短信拜訪」; birthdays for A and B only; the greeting days head office lists', () => {
    expect(memberCareDue(m, '2026-02-06', [])).toEqual(['memberFriday']); // a Friday
    expect(memberCareDue(m, '2026-03-06', [])).toEqual(['memberFriday', 'memberBirthday']);
    expect(memberCareDue({ ...m, tier: 'C' }, '2026-03-06', [])).toEqual(['memberFriday']);
    expect(memberCareDue(m, '2026-09-25', ['2026-09-25'])).toEqual(['memberFriday', 'memberGreeting']);
  });
});

describe('greeting days beyond 2026 (chinese-days)', () => {
  it('2026 as shipped before; 2027 and 2030 from the solar terms and the lunar calendar', () => {
    // Seed 001 九 (四): 「季節轉換的短信問候及提醒」「傳統節日的問候。如：中秋、端午、重陽、春節、聖誕」
    expect(greetingDaysOf(2026)).toEqual(['2026-02-04', '2026-02-17', '2026-05-05', '2026-06-19', '2026-08-07', '2026-09-25', '2026-10-18', '2026-11-07', '2026-12-25']);
    // 2027: 春节 02-06, 端午 06-09, 中秋 09-15, 重阳 10-08.
    expect(greetingDaysOf(2027)).toEqual(['2027-02-04', '2027-02-06', '2027-05-06', '2027-06-09', '2027-08-08', '2027-09-15', '2027-10-08', '2027-11-07', '2027-12-25']);
    expect(greetingDaysOf(2030)).toContain('2030-02-03'); // 春节 2030
    expect(shippedGreetingDays).toContain('2031-12-25');
    expect(shippedGreetingDays).toHaveLength(90);
  });
});
