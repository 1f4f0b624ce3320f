/**
 * Pure rules of follow-up calls and satisfaction (回访与满意度, DOMAIN.md §5; seeds 000 §4,
 * 001 第七章 and 九, 003). No I/O, no clock of their own.
 */
import { addDays, clinicInstant } from '../appointments/rules';
import { addMonths, clinicDate, weekday } from '../time';
import type { VisitOutcome } from '../visits/rules';
import type { StaffRole } from '../reference/schemas';
import chineseDays from 'chinese-days';

/** Who calls customers back (回访): the CS department's people and the leads (the desk lead covers calls); guides do not. */
export const callerRoles: readonly StaffRole[] = ['followupCaller', 'csStaff', 'guideLead', 'csDirector', 'hoCsDirector'];

export const planIds = [
  'service7d', // 服务回访: within 7 days of a completed service (seed 000)
  'nextDaySurvey', // 次日满意度调查, by outcome category, head office's call centre (seed 001)
  'postSurgery', // 术后
  'postRecovery', // 恢复期后
  'postCourse', // 非手术疗程后
  'complaintClosed', // 投诉回访 (seed 001/004)
  'memberDay1', // 会员一期维护: day 1, message
  'memberMonth1', // 二期维护: month 1, call
  'memberMonth3', // 三期维护: month 3, call
  'memberFriday', // 日常维护: every Friday, message
  'memberBirthday', // 生日 (A, B)
  'memberGreeting', // 季节转换、传统节日的问候
  'enquiryRecall', // 询诊患者定期回访 (seed 003): an enquirer who did not book, called again by the consulting group
] as const;
export type PlanId = (typeof planIds)[number];

export type PlanTrigger = 'visitLeft' | 'complaintClosed' | 'membership' | 'enquiryNotBooked';
export type PlanCaller = 'clinic' | 'headOffice';
export type PlanChannel = 'call' | 'message';

export interface FollowupPlan {
  id: PlanId;
  trigger: PlanTrigger;
  /** For `visitLeft`: the outcome categories the plan calls. */
  outcomes: VisitOutcome[];
  /** The task appears on the list this many days after the source (the visit's day, …). */
  offsetDays: number;
  /** Days after it appears before it is overdue (0: due on that day only). */
  windowDays: number;
  /** Per service category (department id): its own offset, e.g. 术后 after 3 days in 整形外科, 7 in 口腔科. */
  departmentDays: Record<string, number>;
  caller: PlanCaller;
  channel: PlanChannel;
  /** How many unanswered calls before the task closes as 未联系上. */
  tries: number;
  /** Hours before an unanswered call comes back. */
  retryHours: number;
  active: boolean;
}

/**
 * The shipped defaults (head office edits its own copy):
 * - seed 000: 「所有完成服务的客户应在服务后的7天内进行回访」 → service7d, for the two outcomes that
 *   bought a service, from the next day up to the 7th;
 * - seed 001: 「查閱前一日到診患者統計 → 根據患者資料及咨詢、消費類型進行服務滿意度調查(三類)」 → the
 *   next-day survey of every category, made by head office (「改由集團公司客服部統一進行回訪」);
 * - seed 001: 「增加消費後患者的滿意度調查…包括:手術術後、恢復期後、非手術療程後等」 → the three
 *   after-service calls; the days are the clinic's (configurable per department);
 * - seed 001: 「定期進行投訴回訪」 → a call after a complaint closed, for the clinic's 客服主任;
 * - seed 001 九 (五): day 1 message, month 1 call, month 3 call, Friday message; birthdays (A, B);
 *   season and festival greetings.
 */
export const defaultPlans: FollowupPlan[] = [
  plan('service7d', 'visitLeft', ['nonSurgical', 'surgical'], 1, 6, 'clinic', 'call'),
  plan('nextDaySurvey', 'visitLeft', ['noPurchase', 'nonSurgical', 'surgical'], 1, 0, 'headOffice', 'call'),
  plan('postSurgery', 'visitLeft', ['surgical'], 3, 2, 'clinic', 'call'),
  plan('postRecovery', 'visitLeft', ['surgical'], 30, 7, 'clinic', 'call'),
  plan('postCourse', 'visitLeft', ['nonSurgical'], 14, 7, 'clinic', 'call'),
  plan('complaintClosed', 'complaintClosed', [], 3, 4, 'clinic', 'call'),
  plan('memberDay1', 'membership', [], 1, 0, 'clinic', 'message'),
  plan('memberMonth1', 'membership', [], 0, 3, 'clinic', 'call'),
  plan('memberMonth3', 'membership', [], 0, 3, 'clinic', 'call'),
  plan('memberFriday', 'membership', [], 0, 0, 'clinic', 'message'),
  plan('memberBirthday', 'membership', [], 0, 0, 'clinic', 'message'),
  plan('memberGreeting', 'membership', [], 0, 0, 'clinic', 'message'),
  // Seed 003 「建立詢問診患者定期進展回(訪)，并作出進一步挖掘打算」: no interval given; a week after the enquiry, open 3 days.
  plan('enquiryRecall', 'enquiryNotBooked', [], 7, 3, 'clinic', 'call'),
];

function plan(id: PlanId, trigger: PlanTrigger, outcomes: VisitOutcome[], offsetDays: number, windowDays: number, caller: PlanCaller, channel: PlanChannel): FollowupPlan {
  return { id, trigger, outcomes, offsetDays, windowDays, departmentDays: {}, caller, channel, tries: channel === 'call' ? 3 : 1, retryHours: 4, active: true };
}

/** Why a plan cannot be right (field and rule), or null. */
export function planProblem(p: FollowupPlan): { field: string; message: string } | null {
  if (p.offsetDays < 0) return { field: 'offsetDays', message: 'offsetDays: cannot be negative' };
  if (p.windowDays < 0) return { field: 'windowDays', message: 'windowDays: cannot be negative' };
  for (const [dept, days] of Object.entries(p.departmentDays)) if (days < 0) return { field: `departmentDays.${dept}`, message: `departmentDays.${dept}: cannot be negative` };
  if (p.tries < 1) return { field: 'tries', message: 'tries: at least one' };
  if (p.retryHours < 1) return { field: 'retryHours', message: 'retryHours: at least one hour' };
  return null;
}

/** What a visit that left tells the rules. */
export interface LeftVisit {
  visitId: string;
  clinic: string;
  /** The visit's clinic date (its id's date). */
  date: string;
  departmentId: string | null;
  outcome: VisitOutcome | null;
  /** When the visitor left (the left event's time); null while still in the clinic. */
  leftAt: string | null;
}

/** What a task takes from its plan: when, by whom, how, how often. */
export interface PlanSchedule {
  /** The day it appears on the call list, and the last day before it is overdue. */
  dueDate: string;
  lastDate: string;
  caller: PlanCaller;
  channel: PlanChannel;
  tries: number;
  retryHours: number;
}

/** A task's schedule alone, its fields in the order a task document has them. */
export const scheduleOf = (t: PlanSchedule): PlanSchedule => ({ dueDate: t.dueDate, lastDate: t.lastDate, caller: t.caller, channel: t.channel, tries: t.tries, retryHours: t.retryHours });

export interface DerivedTask extends PlanSchedule {
  id: string;
  planId: PlanId;
  visitId: string;
}

/**
 * The fields of a task that its plan gives (issue 13): two desks that derive one task (one id) under
 * two versions of the plans write revisions that differ in these only. Such a conflict is settled
 * by rule — the revision CouchDB picks as winner, the same on every replica, is the task — and
 * is not put to a person (src-main/sync/conflicts.ts).
 */
export const planDerivedTaskFields: ReadonlySet<string> = new Set(['dueDate', 'lastDate', 'caller', 'channel', 'tries', 'retryHours'] satisfies (keyof DerivedTask)[]);

/**
 * One follow-up task's id from its plan and source: `followup-task:<CODE>:<plan>:<source tail>`.
 * Deterministic, so two desks that derive the same task write the same document.
 */
export function taskId(clinic: string, planId: PlanId, sourceId: string): string {
  const tail = sourceId.split(':').slice(2).join(':');
  return `followup-task:${clinic}:${planId}:${tail}`;
}

/** The days after the source for this plan and department. */
export function planOffset(p: FollowupPlan, departmentId: string | null): number {
  return departmentId !== null && p.departmentDays[departmentId] !== undefined ? p.departmentDays[departmentId] : p.offsetDays;
}

/**
 * The tasks a visit makes: only once it left with an outcome, one per active visit plan that
 * calls its outcome category.
 */
export function tasksForVisit(visit: LeftVisit, plans: readonly FollowupPlan[]): DerivedTask[] {
  if (visit.leftAt === null || visit.outcome === null) return [];
  const out: DerivedTask[] = [];
  for (const p of plans) {
    if (!p.active || p.trigger !== 'visitLeft' || !p.outcomes.includes(visit.outcome)) continue;
    const dueDate = addDays(visit.date, planOffset(p, visit.departmentId));
    out.push({
      id: taskId(visit.clinic, p.id, visit.visitId),
      planId: p.id,
      visitId: visit.visitId,
      dueDate,
      lastDate: addDays(dueDate, p.windowDays),
      caller: p.caller,
      channel: p.channel,
      tries: p.tries,
      retryHours: p.retryHours,
    });
  }
  return out;
}

/** How many days back the list must look for visits whose tasks may still be open. */
export function lookbackDays(plans: readonly FollowupPlan[]): number {
  let max = 0;
  for (const p of plans) {
    if (p.trigger !== 'visitLeft') continue;
    const offsets = [p.offsetDays, ...Object.values(p.departmentDays)];
    max = Math.max(max, Math.max(...offsets) + p.windowDays);
  }
  return max;
}

export const attemptResults = ['reached', 'noAnswer', 'refused', 'wrongNumber', 'reschedule', 'sent'] as const; // 接通 / 无人接听 / 拒访 / 空号错号 / 约定改时间 / 已发送 (a message task: the SMS went out)
export type AttemptResult = (typeof attemptResults)[number];

export type TaskState = 'open' | 'reached' | 'refused' | 'wrongNumber' | 'unreachable'; // 待回访 / 已接通 / 拒访 / 空号错号 / 未联系上

export interface TaskEventFacts {
  id: string;
  kind: 'take' | 'attempt' | 'complaint';
  at: string;
  by: string;
  result: AttemptResult | null;
  rescheduleAt: string | null;
}

export interface TaskStatus {
  state: TaskState;
  /** When it is next due (the day's start, a retry, an agreed time); null once closed. */
  nextAt: string | null;
  attempts: number;
  unanswered: number;
  /** Who took it last; `contested` when two people took it and neither has called since. */
  takenBy: string | null;
  contested: boolean;
  closedAt: string | null;
}

/**
 * The task's state from its events (append-only): an unanswered call comes back after the retry
 * interval, up to the plan's number of tries, then the task closes as 未联系上; an agreed time
 * (约定改时间) brings it back then; 接通, 拒访 and 空号/错号 close it.
 */
export function taskStatus(task: { dueDate: string; tries: number; retryHours: number }, events: readonly TaskEventFacts[]): TaskStatus {
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  let nextAt: string | null = clinicInstant(task.dueDate, '00:00');
  let state: TaskState = 'open';
  let attempts = 0;
  let unanswered = 0;
  let closedAt: string | null = null;
  const takers = new Set<string>();
  let takenBy: string | null = null;
  for (const e of sorted) {
    if (state !== 'open') break;
    if (e.kind === 'complaint') continue; // the complaint a call opened: no call
    if (e.kind === 'take') {
      takers.add(e.by);
      takenBy = e.by;
      continue;
    }
    attempts += 1;
    // A call settles who works the task: the caller.
    takers.clear();
    takers.add(e.by);
    takenBy = e.by;
    switch (e.result) {
      case 'noAnswer':
        unanswered += 1;
        if (unanswered >= task.tries) {
          state = 'unreachable';
          closedAt = e.at;
          nextAt = null;
        } else nextAt = new Date(new Date(e.at).getTime() + task.retryHours * 3_600_000).toISOString();
        break;
      case 'reschedule':
        nextAt = e.rescheduleAt ?? nextAt;
        break;
      case 'sent': // a message task done: counted as reached
        state = 'reached';
        closedAt = e.at;
        nextAt = null;
        break;
      case 'reached':
      case 'refused':
      case 'wrongNumber':
        state = e.result;
        closedAt = e.at;
        nextAt = null;
        break;
      default:
        break;
    }
  }
  return { state, nextAt, attempts, unanswered, takenBy, contested: state === 'open' && takers.size > 1, closedAt };
}

/** On today's list: open and due by the end of today (today's and the overdue). */
export function isOnList(status: TaskStatus, today: string): boolean {
  return status.state === 'open' && status.nextAt !== null && clinicDate(status.nextAt) <= today;
}

/** Overdue: still open after its last day. */
export function isOverdue(status: TaskStatus, lastDate: string, today: string): boolean {
  return status.state === 'open' && today > lastDate;
}

export const ratingQuestions = ['attitude', 'skill', 'punctuality', 'promises'] as const; // 服务态度 / 技术 / 准时 / 守信
export type RatingQuestion = (typeof ratingQuestions)[number];
export const ratingLevels = ['verySatisfied', 'satisfied', 'fair', 'poor'] as const; // 非常满意 / 满意 / 一般 / 较差
export type RatingLevel = (typeof ratingLevels)[number];
export const feedbackClasses = ['praise', 'suggestion', 'opinion', 'complaint'] as const; // 表扬 / 建议 / 意见 / 投诉
export type FeedbackClass = (typeof feedbackClasses)[number];

export type Ratings = Record<RatingQuestion, RatingLevel>;

/** Target: satisfaction ≥ 90 % (DOMAIN.md §5). */
export const SATISFACTION_TARGET = 0.9;

export interface Satisfaction {
  answers: number;
  satisfied: number;
  /** Share of 满意 + 非常满意 among the answers; null without any. */
  share: number | null;
  met: boolean | null;
  byLevel: Record<RatingLevel, number>;
}

/** Satisfaction = (满意 + 非常满意) / all answers, over every question of every survey. */
export function satisfaction(surveys: readonly Ratings[], questions: readonly RatingQuestion[] = ratingQuestions): Satisfaction {
  const byLevel: Record<RatingLevel, number> = { verySatisfied: 0, satisfied: 0, fair: 0, poor: 0 };
  for (const s of surveys) for (const q of questions) byLevel[s[q]] += 1;
  const answers = byLevel.verySatisfied + byLevel.satisfied + byLevel.fair + byLevel.poor;
  const satisfied = byLevel.verySatisfied + byLevel.satisfied;
  const share = answers === 0 ? null : satisfied / answers;
  return { answers, satisfied, share, met: share === null ? null : share >= SATISFACTION_TARGET, byLevel };
}

/** Follow-up success rate: reached / due; null when nothing was due. */
export function successRate(reached: number, due: number): number | null {
  return due === 0 ? null : reached / due;
}

export type MemberTier = 'A' | 'B' | 'C' | 'D';

/** The clinic date `months` calendar months after `date` (clamped to the month's last day; shared/time.ts). */
export { addMonths };

/**
 * Member care due on `date` (seed 001 九 (五)): 「成為會員後的第 1 天 短信拜訪」, 「第 1 個月 電話拜訪」,
 * 「第 3 個月 電話拜訪」, 「每周五 短信拜訪」; birthdays for A and B (「牢記 VIP 會員生日」「牢記金卡會員生日」);
 * the greeting days head office lists (季節轉換、傳統節日: 中秋、端午、重陽、春節、聖誕).
 */
export function memberCareDue(member: { since: string; tier: MemberTier; birthDate: string | null }, date: string, greetingDays: readonly string[]): PlanId[] {
  if (date < member.since) return [];
  const due: PlanId[] = [];
  if (date === addDays(member.since, 1)) due.push('memberDay1');
  if (date === addMonths(member.since, 1)) due.push('memberMonth1');
  if (date === addMonths(member.since, 3)) due.push('memberMonth3');
  if (weekday(date) === 5 && date > member.since) due.push('memberFriday');
  if ((member.tier === 'A' || member.tier === 'B') && member.birthDate !== null && member.birthDate.slice(5) === date.slice(5)) due.push('memberBirthday');
  if (greetingDays.includes(date)) due.push('memberGreeting');
  return due;
}

/**
 * Who calls after a complaint closed (seed 001 四 (一) 客服部: 「定期進行投訴回訪」; the case is the
 * 客服主任's from intake to closing, seed 001 (九)): the clinic's 客服主任 and head office's 客服总监.
 * Other callers do not see these tasks.
 */
export const complaintCallerRoles: readonly StaffRole[] = ['csDirector', 'hoCsDirector'];

/** A task made from something other than a visit (a closed complaint, a member's care date). */
export interface SourceTask extends PlanSchedule {
  id: string;
  planId: PlanId;
  sourceId: string;
}

/**
 * The 投诉回访 of a closed complaint: one task per active `complaintClosed` plan, due its offset
 * after the clinic day the case was closed (per department like the others). Its id carries the
 * complaint's own received date and tail (`followup-task:<CODE>:complaintClosed:<date>:<tail>`),
 * so every desk that sees the closing derives the same task.
 */
export function tasksForClosedComplaint(c: { complaintId: string; clinic: string; closedAt: string | null; departmentId: string | null }, plans: readonly FollowupPlan[]): SourceTask[] {
  if (c.closedAt === null) return [];
  const out: SourceTask[] = [];
  for (const p of plans) {
    if (!p.active || p.trigger !== 'complaintClosed') continue;
    const dueDate = addDays(clinicDate(c.closedAt), planOffset(p, c.departmentId));
    out.push({ id: taskId(c.clinic, p.id, c.complaintId), planId: p.id, sourceId: c.complaintId, dueDate, lastDate: addDays(dueDate, p.windowDays), caller: p.caller, channel: p.channel, tries: p.tries, retryHours: p.retryHours });
  }
  return out;
}

/**
 * A member's care tasks due on `date` (memberCareDue), one per active membership plan:
 * `followup-task:<CODE>:<plan>:<date>:<customer tail>`, so the same member's same day is one task
 * on every desk.
 */
export function memberTasksOn(m: { customerId: string; clinic: string; since: string | null; tier: MemberTier | null; birthDate: string | null }, date: string, plans: readonly FollowupPlan[], greetingDays: readonly string[]): SourceTask[] {
  if (m.since === null || m.tier === null) return [];
  const due = memberCareDue({ since: m.since, tier: m.tier, birthDate: m.birthDate }, date, greetingDays);
  const tail = m.customerId.split(':').slice(2).join(':');
  const out: SourceTask[] = [];
  for (const p of plans) {
    if (!p.active || p.trigger !== 'membership' || !due.includes(p.id)) continue;
    out.push({ id: `followup-task:${m.clinic}:${p.id}:${date}:${tail}`, planId: p.id, sourceId: m.customerId, dueDate: date, lastDate: addDays(date, p.windowDays), caller: p.caller, channel: p.channel, tries: p.tries, retryHours: p.retryHours });
  }
  return out;
}

/** How many days back a member's care date may still be open (the longest membership window). */
export function memberLookbackDays(plans: readonly FollowupPlan[]): number {
  return Math.max(0, ...plans.filter((p) => p.trigger === 'membership').map((p) => p.windowDays));
}

/**
 * A year's greeting days (seed 001 九 (四): 「季節轉換的短信問候及提醒」「傳統節日的問候。如：中秋、端午、
 * 重陽、春節、聖誕」): the four seasons' first days 立春, 立夏, 立秋, 立冬 (solar terms) and the lunar
 * festivals 春节 (正月初一), 端午 (五月初五), 中秋 (八月十五), 重阳 (九月初九), with 圣诞 12-25. Computed
 * by the pinned `chinese-days` package (its solar-term and lunar tables; 2026 gives 02-04, 02-17,
 * 05-05, 06-19, 08-07, 09-25, 10-18, 11-07, 12-25, as the rules tested before), sorted.
 */
export function greetingDaysOf(year: number): string[] {
  const lunar = (md: string) => chineseDays.getSolarDateFromLunar(`${year}-${md}`).date;
  return [
    chineseDays.getSolarTermDate(year, 2, 'the_beginning_of_spring'),
    lunar('01-01'),
    chineseDays.getSolarTermDate(year, 5, 'the_beginning_of_summer'),
    lunar('05-05'),
    chineseDays.getSolarTermDate(year, 8, 'the_beginning_of_autumn'),
    lunar('08-15'),
    lunar('09-09'),
    chineseDays.getSolarTermDate(year, 11, 'the_beginning_of_winter'),
    `${year}-12-25`,
  ].sort();
}

/** The shipped greeting days, 2026 to 2035 (not part of the plans head office edits). */
export const defaultGreetingDays: readonly string[] = Array.from({ length: 10 }, (_, i) => greetingDaysOf(2026 + i)).flat();

/**
 * Who makes the re-calls of enquirers who did not book (询诊患者定期回访): the consulting group
 * (seed 003 puts it with the enquiry desk's duties), the desk lead and the 客服主任 (who watches the
 * consulting's quality, seed 001). They reach these tasks
 * through `followup.recalls`, not the 回访 list.
 */
export const recallRoles: readonly StaffRole[] = ['onlineLead', 'onlineConsultant', 'phoneConsultant', 'guideLead', 'csDirector'];

/**
 * Why `role` may not make the call of a task of `planId`, or null: a re-call (询诊回访) is the
 * consulting group's (recallRoles), every other task the callers' (callerRoles), and the calls after
 * a complaint only the 客服主任's and 客服总监's (complaintCallerRoles). The one rule every operation
 * that records a call checks (src-main/followup/tasks.ts), the 回访 list's and the re-call's alike.
 */
export function callRefusal(role: StaffRole, planId: PlanId): 'notThisCall' | 'notComplaintCaller' | null {
  if (planId === 'enquiryRecall' ? !recallRoles.includes(role) : !callerRoles.includes(role)) return 'notThisCall';
  if (planId === 'complaintClosed' && !complaintCallerRoles.includes(role)) return 'notComplaintCaller';
  return null;
}

/**
 * A re-call's 接通 is recorded by the enquiries domain (`enquiry.recall`: did she book, why not, the
 * next step), not by the visit survey (`followup.attempt` with ratings): a re-call adds no
 * satisfaction answers (docs/followup.md). The other results (无人接听, 约定改时间, …) are plain attempts.
 */
export function attemptRefusal(planId: PlanId, result: AttemptResult): 'recallReachedByEnquiry' | null {
  return planId === 'enquiryRecall' && result === 'reached' ? 'recallReachedByEnquiry' : null;
}

/**
 * The re-call of an enquiry that has not booked, per active `enquiryNotBooked` plan: due its
 * offset after the enquiry's clinic day; `followup-task:<CODE>:enquiryRecall:<date>:<tail>`.
 * An enquiry that booked (before the task was written) makes none.
 */
export function tasksForUnbookedEnquiry(e: { enquiryId: string; clinic: string; date: string; booked: boolean }, plans: readonly FollowupPlan[]): SourceTask[] {
  if (e.booked) return [];
  return plans
    .filter((p) => p.active && p.trigger === 'enquiryNotBooked')
    .map((p) => {
      const dueDate = addDays(e.date, p.offsetDays);
      return { id: taskId(e.clinic, p.id, e.enquiryId), planId: p.id, sourceId: e.enquiryId, dueDate, lastDate: addDays(dueDate, p.windowDays), caller: p.caller, channel: p.channel, tries: p.tries, retryHours: p.retryHours };
    });
}

/** The enquiry days whose re-calls may be due or open today: [today − offset − window, today − offset] per plan. */
export function recallWindow(plans: readonly FollowupPlan[], today: string): { from: string; to: string } | null {
  const ps = plans.filter((p) => p.active && p.trigger === 'enquiryNotBooked');
  if (!ps.length) return null;
  return { from: addDays(today, -Math.max(...ps.map((p) => p.offsetDays + p.windowDays))), to: addDays(today, -Math.min(...ps.map((p) => p.offsetDays))) };
}
