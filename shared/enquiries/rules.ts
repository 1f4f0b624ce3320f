import { periodOf } from '../headoffice/rules';
import { clinicDate } from '../time';
import { consultingRoles } from '../desk/visibility';
import type { StaffRole } from '../reference/schemas';
import type { Channel, FunnelRow, Outcome } from './schemas';

/**
 * Pure rules of the enquiry register (issue 14): the answer target, what counts in the funnel,
 * the daily sheet's score. No I/O; unit-tested in tests/unit/enquiries-rules.test.ts.
 */

/** Seed 000: 服务响应时间：客户咨询与投诉的响应时间不超过24小时。 */
export const ANSWER_TARGET_HOURS = 24;
/** An open enquiry is shown as due this long before its target. */
export const DUE_SOON_HOURS = 2;

export interface EnquiryFacts {
  at: string;
  outcome: Outcome;
  answeredAt: string | null;
}

/** When it must be answered: the agreed call-back time, else 24 h after it was asked. */
export function answerDueAt(e: EnquiryFacts): string {
  if (e.outcome.kind === 'callBack') return e.outcome.at;
  return new Date(new Date(e.at).getTime() + ANSWER_TARGET_HOURS * 3_600_000).toISOString();
}

export type DueState = 'answered' | 'open' | 'due' | 'overdue';

export function dueState(e: EnquiryFacts, now: Date): DueState {
  if (e.answeredAt !== null) return 'answered';
  const left = new Date(answerDueAt(e)).getTime() - now.getTime();
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_HOURS * 3_600_000 ? 'due' : 'open';
}

/** An outcome that answers the question (已解答, 已预约); 待回电 and 转医生解答 leave it open. */
export function answers(outcome: Outcome['kind']): boolean {
  return outcome === 'answered' || outcome === 'booked';
}

/** The appointment's 媒体来源 from the enquiry's channel (appointments domain's sources). */
export function appointmentSourceOf(channel: Channel): 'phone' | 'wechat' | 'online' {
  if (channel === 'phone') return 'phone';
  if (channel === 'wechat') return 'wechat';
  return 'online';
}

export interface FunnelFacts {
  /** The enquiry's id (spot checks are matched by it). */
  _id?: string;
  /** The clinic day it was asked, when known (else worked out from `at`). */
  day?: string;
  /** Minutes from asked to first answered, when worked out already (else from `at` and `answeredAt`). */
  answerMinutes?: number;
  at: string;
  consultantId: string;
  channel: Channel;
  answeredAt: string | null;
  appointmentId: string | null;
}

/** One collator for names in pinyin order (a `localeCompare(…, 'zh-CN')` per comparison builds one each time). */
const zhCollator = new Intl.Collator('zh-CN');

export const rate = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 1000);

/** What the funnel adds up: counts, and the minutes to the first answer (their sum). */
export interface FunnelSums {
  enquiries: number;
  answered: number;
  appointments: number;
  arrivals: number;
  minutes: number;
  checked: number;
  faulty: number;
}

/** One clinic day's sums of one consultant on one channel: the funnel of any period adds these up. */
export interface DaySum extends FunnelSums {
  day: string;
  consultantId: string;
  channel: Channel;
}

const noSums = (): FunnelSums => ({ enquiries: 0, answered: 0, appointments: 0, arrivals: 0, minutes: 0, checked: 0, faulty: 0 });

/** Adds `b` into `a`. */
export function addSums(a: FunnelSums, b: FunnelSums): void {
  a.enquiries += b.enquiries;
  a.answered += b.answered;
  a.appointments += b.appointments;
  a.arrivals += b.arrivals;
  a.minutes += b.minutes;
  a.checked += b.checked;
  a.faulty += b.faulty;
}

/** One enquiry's sums: it counts once, booked when it names an appointment, arrived when a visit kept that. */
export function sumsOf(e: FunnelFacts, arrived: (appointmentId: string) => boolean, verdict: 'ok' | 'wrong' | 'incomplete' | undefined): FunnelSums {
  const booked = e.appointmentId !== null;
  return {
    enquiries: 1,
    answered: e.answeredAt !== null ? 1 : 0,
    appointments: booked ? 1 : 0,
    arrivals: booked && arrived(e.appointmentId!) ? 1 : 0,
    minutes: e.answeredAt === null ? 0 : (e.answerMinutes ?? Math.max(0, (new Date(e.answeredAt).getTime() - new Date(e.at).getTime()) / 60_000)),
    checked: verdict ? 1 : 0,
    faulty: verdict && verdict !== 'ok' ? 1 : 0,
  };
}

/**
 * The enquiries' sums per clinic day, consultant and channel, in the order first met (the list's
 * order: by id, so by day). `checks`: enquiry id → the leader's last verdict (抽查).
 */
export function daySums(list: FunnelFacts[], arrived: ReadonlySet<string>, checks: ReadonlyMap<string, 'ok' | 'wrong' | 'incomplete'> = new Map()): DaySum[] {
  const groups = new Map<string, DaySum>();
  const has = (id: string) => arrived.has(id);
  for (const e of list) {
    const day = e.day ?? clinicDate(e.at);
    const key = `${day}|${e.consultantId}|${e.channel}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { day, consultantId: e.consultantId, channel: e.channel, ...noSums() }));
    addSums(g, sumsOf(e, has, e._id === undefined ? undefined : checks.get(e._id)));
  }
  return [...groups.values()];
}

/** A period's figures from its sums: the rates (three decimals, null with nothing to divide by) and the average answer time. */
export function figuresOf(a: FunnelSums) {
  return {
    enquiries: a.enquiries,
    answered: a.answered,
    appointments: a.appointments,
    arrivals: a.arrivals,
    arrivalRate: rate(a.arrivals, a.enquiries),
    bookingRate: rate(a.appointments, a.enquiries),
    answerMinutes: a.answered === 0 ? null : Math.round(a.minutes / a.answered),
    checked: a.checked,
    faulty: a.faulty,
    errorRate: rate(a.faulty, a.checked),
  };
}

/**
 * 咨询量 → 预约量 → 到诊量 and 成功率 (seed 002 第六部分: 咨询数量, 问题回答量, 客户预约量, 成功率) per
 * period, consultant and channel, added up from the day sums (`daySums`, or the ones
 * src-main/enquiries/funnel.ts keeps): a month is at most 31 days of small rows.
 */
export function funnelOfSums(sums: Iterable<DaySum>, grain: 'day' | 'week' | 'month', names: ReadonlyMap<string, string>): { rows: FunnelRow[]; total: Omit<FunnelRow, 'period' | 'consultantId' | 'consultantName' | 'channel'> } {
  const groups = new Map<string, FunnelSums & { period: string; consultantId: string; channel: Channel }>();
  const total = noSums();
  const periods = new Map<string, string>();
  for (const d of sums) {
    let period = periods.get(d.day);
    if (period === undefined) periods.set(d.day, (period = periodOf(d.day, grain)));
    const key = `${period}|${d.consultantId}|${d.channel}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { period, consultantId: d.consultantId, channel: d.channel, ...noSums() }));
    addSums(g, d);
    addSums(total, d);
  }
  const rows = [...groups.values()]
    .sort((x, y) => (x.period < y.period ? -1 : x.period > y.period ? 1 : 0) || zhCollator.compare(names.get(x.consultantId) ?? x.consultantId, names.get(y.consultantId) ?? y.consultantId) || (x.channel < y.channel ? -1 : x.channel > y.channel ? 1 : 0))
    .map((g) => ({ period: g.period, consultantId: g.consultantId, consultantName: names.get(g.consultantId) ?? g.consultantId, channel: g.channel, ...figuresOf(g) }));
  return { rows, total: figuresOf(total) };
}

/**
 * The funnel of a list of enquiries (see funnelOfSums), counted from the links: an appointment is
 * one booked from the enquiry (`appointmentId`), an arrival one whose appointment a visit kept
 * (`arrived`). A booking cancelled later still counts as booked; it cannot arrive.
 */
export function funnelRows(
  list: FunnelFacts[],
  arrived: ReadonlySet<string>,
  grain: 'day' | 'week' | 'month',
  names: ReadonlyMap<string, string>,
  /** Enquiry id → the leader's verdict (抽查); an enquiry not in it was not checked. */
  checks: ReadonlyMap<string, 'ok' | 'wrong' | 'incomplete'> = new Map(),
): ReturnType<typeof funnelOfSums> {
  return funnelOfSums(daySums(list, arrived, checks), grain, names);
}

/**
 * 每日工作总结 (the daily sheet, seed 002 第六部分「关于考核表」「关于登记表」):
 * 每天考核表填写完善 一次加1分；每天考核表上报及时 一次加1分；每天考核表填写不合格 一次扣2分；
 * 每天考核表填写有误 一次扣2分；每天考核表上报不及时 一次扣2分。
 * `complete`: filled in completely (else 不合格, −2); `onTime`: reported by the deadline (else −2);
 * `wrong`: the leader's spot check (抽查) found it wrong (−2). A sheet never reported scores as late.
 */
export function sheetScore(s: { complete: boolean; reported: boolean; onTime: boolean; wrong: boolean }): number {
  let score = s.complete ? 1 : -2;
  score += s.reported && s.onTime ? 1 : -2;
  if (s.wrong) score -= 2;
  return score;
}

/** What an entry of the register must have to count as filled in completely (seed 003 登记: who, what, the answer). */
export function entryMissing(e: { channel: Channel; name: string; phone: string; contact: string; question: string; items: string[]; answer: string; outcome: Outcome; recordingRef: string }): string[] {
  const missing: string[] = [];
  if (!e.name) missing.push('name');
  if (!e.phone && !e.contact) missing.push('contact');
  if (!e.question) missing.push('question');
  if (!e.items.length) missing.push('items');
  if (answers(e.outcome.kind) && !e.answer) missing.push('answer');
  // Seed 002: 电话咨询员 对客户咨询过程进行录音，保留录音材料。
  if (e.channel === 'phone' && !e.recordingRef) missing.push('recordingRef');
  return missing;
}

/**
 * Who works the enquiry register and sees the 咨询 tab: the consulting group (seed 002 第三部分:
 * 网络咨询部组长, 网络咨询员, 电话咨询员) and the clinic's roles that take calls at the door (issue
 * 14: "plus the clinic's existing roles where they take calls": 导医, 导医组长, 咨询师), the dean,
 * who gets the group's daily report (seed 002: 「及时与院长、整形科主任沟通和通报每日情况」), and the
 * 客服主任, who watches its quality (seed 001 客服主任職責 2: 「對電話網絡咨詢…的服務質量進行實時監控」).
 * Other roles are refused (field `role`) and do not see the tab.
 */
/**
 * Who spot-checks entries (抽查, seed 002: the leader checks the register; 有误 costs −2): the
 * 网络咨询部组长, the 导医组长 for the door's call-takers, and the 客服主任 (seed 001: 「對電話網絡咨詢…
 * 的服務質量進行實時監控」). Never one's own entry.
 */
export const checkerRoles: readonly StaffRole[] = ['onlineLead', 'guideLead', 'csDirector'];

/** Who reads the day's sheets: the leaders who check, and the dean who gets the daily report (seed 002). */
export const sheetReaderRoles: readonly StaffRole[] = [...checkerRoles, 'dean'];

export const enquiryRoles: readonly StaffRole[] = [...consultingRoles, 'guide', 'guideLead', 'consultant', 'dean', 'csDirector'];
