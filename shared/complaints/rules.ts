/**
 * Patient complaints (患者投诉, DOMAIN.md §4): numbering, the 11 steps as a state machine over
 * append-only events, deadlines on clock hours / working days / days, who may approve what, the
 * penalty ladder. Pure: no I/O, the clock and the calendars come in as arguments.
 */
import type { ComplaintsRule } from './refusals';
import { addWorkingDaysAcross, type CalendarTable } from '../reference/calendar';
import type { StaffRole } from '../reference/schemas';
import { addMonthsToMonth, clinicDate } from '../time';

// ---------------------------------------------------------------------------------------------
// Numbering: BJ + YYYY + MM + serial (2 digits, 3 once a month passes 99)

/** `BJ20261107`: clinic abbreviation, year, month, serial restarting each month. */
export function complaintNumber(clinic: string, month: string, serial: number): string {
  if (!/^[A-Z]{2,4}$/.test(clinic)) throw new RangeError(`clinic: 2-4 capitals, not ${clinic}`);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`month: YYYY-MM, not ${month}`);
  if (!Number.isInteger(serial) || serial < 1 || serial > 999) throw new RangeError(`serial: 1-999, not ${serial}`);
  return `${clinic}${month.replace('-', '')}${String(serial).padStart(2, '0')}`;
}

export interface ParsedNumber {
  clinic: string;
  month: string;
  serial: number;
}

const NUMBER = /^([A-Z]{2,4})(\d{4})(0[1-9]|1[0-2])(\d{2,3})$/;

/** The parts of a complaint number, or null if it is not one (`BJ2026110` and `BJ2026110007` are not). */
export function parseComplaintNumber(number: string): ParsedNumber | null {
  const m = NUMBER.exec(number);
  if (!m) return null;
  const serial = Number(m[4]);
  // Three digits only from 100 on: `BJ202611007` would be a second spelling of serial 7.
  if (serial < 1 || (m[4]!.length === 3 && serial < 100)) return null;
  return { clinic: m[1]!, month: `${m[2]}-${m[3]}`, serial };
}

/**
 * The next serial of a clinic-month given every number the issuing desk has seen (its own, synced
 * ones and withdrawn ones: a number is never reused) and the month's reserved floor: serials up to
 * it are kept for a numbering desk that was replaced and may have issued them without head office
 * seeing them (a gap rather than a reuse).
 */
export function nextSerial(known: readonly string[], clinic: string, month: string, floor = 0): number {
  let max = floor;
  for (const n of known) {
    const p = parseComplaintNumber(n);
    if (p && p.clinic === clinic && p.month === month && p.serial > max) max = p.serial;
  }
  if (max >= 999) throw new RangeError(`no serial left in ${clinic} ${month}`);
  return max + 1;
}

/**
 * How many serials a desk taking over the numbering from another desk leaves free after the last
 * number head office has seen, in the month of the take-over and the month before: the old desk
 * may have issued that many while it could not reach head office. Ten is more than a clinic
 * accepts in the hours a desk is typically cut off (DOMAIN.md: a few dozen complaints a month).
 */
export const TAKEOVER_GAP = 10;

/** The months a take-over at `month` reserves serials in: that month and the one before. */
export function takeoverMonths(month: string): string[] {
  return [addMonthsToMonth(month, -1), month];
}

/** The month a number belongs to: the clinic month (Asia/Shanghai) of the acceptance. */
export function numberMonth(acceptedAt: string): string {
  return clinicDate(acceptedAt).slice(0, 7);
}

/** A number withdrawn (作废) from a case by a person resolving a duplicate: who, when, why, and which case kept it. */
export interface Withdrawal {
  number: string;
  keptBy: string;
  by: string;
  at: string;
  reason: string;
}

/** One claim of a number for a case: a `complaint-number` document (or one side of its conflict). */
export interface IssuedNumber {
  number: string;
  complaintId: string;
  docId: string;
  /** The revision, when two desks claimed the number and the document is in conflict. */
  rev?: string;
  deskId?: string;
  issuedAt?: string;
  acceptEventId?: string;
  /** The number this one replaces on the same case (withdrawn by a person). */
  replaces?: Withdrawal | null;
}

export interface NumberProblem {
  kind: 'sameNumberTwoCases' | 'twoNumbersOneCase';
  number: string;
  complaintIds: string[];
  numbers: string[];
}

/**
 * The claims in force: every claim except those a person withdrew (a later number of the same
 * case replaces them), plus the claim a withdrawal says was kept, which a desk may know only from
 * the withdrawal (head office refused it from the desk that issued it, before the resolution).
 */
export function claimsInForce(issued: readonly IssuedNumber[]): IssuedNumber[] {
  const withdrawn = new Set<string>();
  const kept: IssuedNumber[] = [];
  for (const i of issued)
    if (i.replaces) {
      withdrawn.add(`${i.complaintId}|${i.replaces.number}`);
      kept.push({ number: i.replaces.number, complaintId: i.replaces.keptBy, docId: '' });
    }
  const inForce = issued.filter((i) => !withdrawn.has(`${i.complaintId}|${i.number}`));
  const held = new Set(inForce.map((i) => `${i.complaintId}|${i.number}`));
  for (const k of kept) if (!held.has(`${k.complaintId}|${k.number}`) && !withdrawn.has(`${k.complaintId}|${k.number}`)) {
    held.add(`${k.complaintId}|${k.number}`);
    inForce.push(k);
  }
  return inForce;
}

/** Every number ever seen, withdrawn ones included: none of them is issued again. */
export function everyNumber(issued: readonly IssuedNumber[]): string[] {
  return issued.flatMap((i) => (i.replaces ? [i.number, i.replaces.number] : [i.number]));
}

/**
 * Duplicates that sync can bring in (a replaced numbering desk that issued past the gap while cut
 * off): one number on two cases, or two numbers on one case, among the claims in force. They are
 * reported for a person (`complaint.resolveNumber`); nothing renumbers a case by itself.
 */
export function numberProblems(issued: readonly IssuedNumber[]): NumberProblem[] {
  const byNumber = new Map<string, Set<string>>();
  const byCase = new Map<string, Set<string>>();
  for (const i of claimsInForce(issued)) {
    (byNumber.get(i.number) ?? byNumber.set(i.number, new Set()).get(i.number)!).add(i.complaintId);
    (byCase.get(i.complaintId) ?? byCase.set(i.complaintId, new Set()).get(i.complaintId)!).add(i.number);
  }
  const problems: NumberProblem[] = [];
  for (const [number, cases] of [...byNumber].sort(([a], [b]) => a.localeCompare(b)))
    if (cases.size > 1) problems.push({ kind: 'sameNumberTwoCases', number, complaintIds: [...cases].sort(), numbers: [number] });
  for (const [complaintId, numbers] of [...byCase].sort(([a], [b]) => a.localeCompare(b)))
    if (numbers.size > 1) {
      const sorted = [...numbers].sort();
      problems.push({ kind: 'twoNumbersOneCase', number: sorted[0]!, complaintIds: [complaintId], numbers: sorted });
    }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Channels, categories, steps

export const channels = ['inPerson', 'phone', 'followUp', 'onlineChat', 'wechat', 'email', 'suggestionBox', 'website', 'other'] as const;
export type Channel = (typeof channels)[number];

export const categories = ['quality', 'nonQuality'] as const;
export type Category = (typeof categories)[number];
/** 质量投诉: 医疗效果, 医疗配套; 非质量投诉: 服务类, 患者建议类. */
export const subcategories = {
  quality: ['medicalResult', 'medicalSupport'],
  nonQuality: ['service', 'suggestion'],
} as const satisfies Record<Category, readonly string[]>;
export type Subcategory = (typeof subcategories)[Category][number];
/**
 * The finer types of a 服务类 complaint, seed 004 "将投诉按类型分类（如医疗效果、服务态度、环境卫生、
 * 预约难题、收费问题等）" (医疗效果 is the quality subcategory already): attitude, hygiene, booking, charges, other.
 */
export const serviceTypes = ['attitude', 'hygiene', 'appointment', 'charges', 'other'] as const;
export type ServiceType = (typeof serviceTypes)[number];

/** The 11 steps of DOMAIN.md §4, by number. Step 1 is the intake itself. */
export const stepKeys = ['receive', 'accept', 'investigate', 'classify', 'propose', 'approve', 'negotiate', 'paperwork', 'close', 'penalty', 'prevention'] as const;
export type StepKey = (typeof stepKeys)[number];
export const stepNumber = (key: StepKey): number => stepKeys.indexOf(key) + 1;

/**
 * What a person records on a case. `file` completes step 9 after `close`; `escalate` goes back to
 * step 5 one level up; `note` and `evidence` (a video uploaded in pieces) change no step; `notify`
 * is the act of whoever received the complaint telling customer service (seed 001 step 1, 12 h).
 */
export const eventKinds = ['accept', 'investigate', 'classify', 'propose', 'approve', 'negotiate', 'paperwork', 'close', 'file', 'penalty', 'prevention', 'escalate', 'note', 'evidence', 'notify', 'deanAgree', 'penaltySlip', 'penaltyApprove', 'actionDone'] as const;
export type EventKind = (typeof eventKinds)[number];

/** Escalation levels when the patient does not agree (DOMAIN.md §4). */
export const escalationPaths = {
  // 非质量: 客服主任 → 行政院长重新协商 → 总部客服部 → 总部法务部
  nonQuality: ['csDirector', 'dean', 'headOfficeCs', 'headOfficeLegal'],
  // 质量: 客服主任 → 院医务部主任 + 院内专家会诊 → 总部医务部专家会诊 (总经理审批, 书面协议) → 总部法务部
  quality: ['csDirector', 'clinicExperts', 'headOfficeMedical', 'headOfficeLegal'],
} as const satisfies Record<Category, readonly string[]>;
export type EscalationLevel = (typeof escalationPaths)[Category][number];

// ---------------------------------------------------------------------------------------------
// Who may do what

/** Who reads complaint details; anyone else sees only the complaints they recorded themselves. */
export const complaintReaders: readonly StaffRole[] = ['csDirector', 'hoCsDirector', 'dean', 'medicalDirector', 'gmOffice', 'gm', 'deputyGm', 'hoMedical', 'hoLegal'];
export function canReadAll(role: StaffRole): boolean {
  return complaintReaders.includes(role);
}

const csSide: StaffRole[] = ['csDirector', 'hoCsDirector'];
const csOrMedical: StaffRole[] = ['csDirector', 'medicalDirector', 'hoCsDirector'];
/** Everyone who may add a note, tell CS of a complaint she received, or add its video (some checked in the handler). */
const anyone: StaffRole[] = ['guide', 'guideLead', 'csDirector', 'dean', 'inspector', 'medicalDirector', 'consultant', 'doctor', 'doctorAssistant', 'hoCsDirector', 'gmOffice', 'gm', 'deputyGm', 'hoMedical', 'hoLegal'];

/** Roles allowed to record each event kind (approval is refined by category and amount below). */
export const eventRoles: Record<EventKind, readonly StaffRole[]> = {
  accept: csSide,
  investigate: csSide,
  classify: csOrMedical,
  // At 总部医务部专家会诊 only head office's medical department proposes (proposerRoles).
  propose: [...csOrMedical, 'hoMedical'],
  approve: ['dean', 'medicalDirector', 'hoCsDirector', 'deputyGm', 'gm'],
  negotiate: ['csDirector', 'dean', 'medicalDirector', 'hoCsDirector'],
  paperwork: csSide,
  // At 总部法务部 only head office's legal department closes, taking the case over (closerRoles).
  close: [...csSide, 'hoLegal'],
  file: csSide,
  // Seed 001 step 10 "由客服部提出对投诉事件认定责任人的处罚方案；和该院院长协商后实施" (责任人 客服总监).
  penalty: csSide,
  prevention: csOrMedical,
  // The dean, at the level 行政院长重新协商, escalates on to head office when the patient still disagrees.
  escalate: [...csOrMedical, 'dean'],
  note: anyone,
  // Whoever received the complaint tells customer service (checked in the handler: the recorder or a reader).
  notify: anyone,
  // Whoever recorded the complaint may add its video too (checked in the handler).
  evidence: anyone,
  // Step 10, seed 001 (五): "由总经办依客服部提交的《患者投诉处理表》…开立《员工过失处罚单》，呈总经理核准".
  deanAgree: ['dean'],
  penaltySlip: ['gmOffice'],
  penaltyApprove: ['gm'],
  // Step 11's actions carried out: 客服部 "执行成果的督促及效果确认", 医务部 with it, 总经办 "改善对策的检查、执行、督促".
  actionDone: [...csOrMedical, 'gmOffice'],
};

/**
 * Who may propose a solution at each escalation level: the CS director or medical director first;
 * at 行政院长重新协商 the dean too (flow chart: "上报院长重新沟通并给予处理意见"); at 总部医务部专家会诊
 * head office's medical department alone (flow chart "集团医务部组织专家会诊、讨论，提出处理意见，报总经理批准";
 * seed 001 公司医务部 "负责对各机构提交的疑难复杂医疗投诉案件组织会诊").
 */
export function proposerRoles(level: EscalationLevel): readonly StaffRole[] {
  if (level === 'headOfficeMedical') return ['hoMedical'];
  return level === 'dean' ? [...csOrMedical, 'dean'] : csOrMedical;
}

/**
 * Who closes the case (step 9's 结案): the CS side; once the case is with 总部法务部 (flow chart
 * "患者不同意 交由集团法务部处理（院长授权责任人跟踪）") head office's legal department alone, which
 * takes it over (handed to legal) or records the patient's confirmation; the clinic's CS side
 * follows it (notes) and files the copies after.
 */
export function closerRoles(level: EscalationLevel): readonly StaffRole[] {
  return level === 'headOfficeLegal' ? ['hoLegal'] : csSide;
}

export type AmountBand = 'small' | 'medium' | 'large';
/** The approval bands' edges: from `approveMediumFromYuan` 副总经理, above `approveLargeAboveYuan` 总经理. */
export type ApprovalBands = Pick<ComplaintLimits, 'approveMediumFromYuan' | 'approveLargeAboveYuan'>;
/** < ¥1,000 / ¥1,000-5,000 / > ¥5,000 by default (DOMAIN.md §4, approval authority by amount); head office may set other edges for a clinic. */
export function amountBand(yuan: number, bands: ApprovalBands = groupLimits): AmountBand {
  if (yuan < bands.approveMediumFromYuan) return 'small';
  if (yuan <= bands.approveLargeAboveYuan) return 'medium';
  return 'large';
}

/**
 * Who approves a proposed solution. Without money or under ¥1,000, seed 001 step 6: "客服主任将解决
 * 方案上交给客服总监或院长进行审批" — 行政院长 or 客服总监; a quality complaint also 医务部主任 (the
 * flow chart's 业务院长 side: "报科室主任/业务/行政院长审批"). From ¥1,000 the amount decides, seed
 * 003 第十七条 "1000-5000元 … 副总经理, 5000元以上 … 总经理". The person who proposed the plan never
 * approves it (checked in the handler and in `allowed`).
 */
export function approverRoles(category: Category, yuan: number, level: EscalationLevel = 'csDirector', bands: ApprovalBands = groupLimits): readonly StaffRole[] {
  // Flow chart, quality side: "集团医务部组织专家会诊、讨论，提出处理意见，报总经理批准".
  if (level === 'headOfficeMedical') return ['gm'];
  const band = amountBand(yuan, bands);
  if (band === 'large') return ['gm'];
  if (band === 'medium') return ['deputyGm'];
  return category === 'quality' ? ['dean', 'medicalDirector', 'hoCsDirector'] : ['dean', 'hoCsDirector'];
}

// ---------------------------------------------------------------------------------------------
// Step 8's paperwork (手续处理)

/** Seed 001 (四) "退至银行卡约 7 个工作日": when a refund or compensation paid to a bank card is due to arrive. */
export const BANK_CARD_WORKING_DAYS = 7;

export interface PaperworkFacts {
  payment: 'none' | 'cash' | 'bankCard';
  crmNoted: boolean;
  medicalRecordNoted: boolean;
  oaStarted: boolean;
}

/**
 * What step 8 lacks, given the money of the plan in force (refund + compensation), as a refusal,
 * or null. Seed 001 step 8: 有退款 "1. 由客服主任通知相关工作人员发起退款 OA，进行退款处理流程 … 3. 由
 * 客服主任通知工作人员将此患者信息和投诉事件备注到 U 丽格 CRM 系统和病例中"; 无退款 "2. 由客服主任通知工作人员
 * 将此患者信息和投诉事件备注到 U 丽格 CRM 系统和病历中"; (四) a compensation "同样通过完成退费 OA 流程之后"
 * is paid "待患者签署必备文件" in cash "或退至银行卡约 7 个工作日". So with money: cash or a bank card, and
 * the OA started; without: no payment and no OA; either way the CRM and medical-record notes.
 */
export function paperworkRefusal(amount: number, p: PaperworkFacts): { field: string; rule: ComplaintsRule; params: Record<string, number>; message: string } | null {
  const yuan = { amount };
  if (amount > 0 && p.payment === 'none') return { field: 'step.payment', rule: 'paymentNeeded', params: yuan, message: `the plan pays ¥${amount}: cash or a bank card` };
  if (amount === 0 && p.payment !== 'none') return { field: 'step.payment', rule: 'noMoneyNoPayment', params: {}, message: 'the plan pays nothing: no payment way' };
  if (amount > 0 && !p.oaStarted) return { field: 'step.oaStarted', rule: 'oaNeeded', params: yuan, message: `the plan pays ¥${amount}: the refund OA must be started` };
  if (amount === 0 && p.oaStarted) return { field: 'step.oaStarted', rule: 'noMoneyNoOa', params: {}, message: 'the plan pays nothing: there is no refund OA' };
  if (!p.crmNoted) return { field: 'step.crmNoted', rule: 'crmNoteNeeded', params: {}, message: 'the patient and the complaint must be noted in the CRM' };
  if (!p.medicalRecordNoted) return { field: 'step.medicalRecordNoted', rule: 'medicalRecordNoteNeeded', params: {}, message: 'the complaint must be noted in the medical record' };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Penalties (员工过失处罚)

export const penaltyLevels = ['I', 'II', 'III', 'IV', 'V'] as const;
export type PenaltyLevel = (typeof penaltyLevels)[number];

/** Fines in yuan: person responsible / their supervisor / clinic leadership. */
export const penaltyFines: Record<PenaltyLevel, { person: number; supervisor: number; leadership: number }> = {
  I: { person: 50, supervisor: 100, leadership: 200 }, // 书面警告
  II: { person: 200, supervisor: 400, leadership: 800 }, // 记小过
  III: { person: 300, supervisor: 600, leadership: 1200 }, // 记大过
  IV: { person: 500, supervisor: 1000, leadership: 2000 }, // 停职查看
  V: { person: 1000, supervisor: 2000, leadership: 4000 }, // 解雇
};

// ---------------------------------------------------------------------------------------------
// The case's state: the events folded in time order

export interface CaseIntake {
  id: string;
  receivedAt: string;
  /** 京内: overall limit 7 days, else 14. */
  inHeadOfficeCity: boolean;
}

export interface CaseEvent {
  id: string;
  kind: EventKind;
  at: string;
  /** How many events of the case the author's desk knew when it was written: orders events of one instant. */
  seq: number;
  by: string;
  data: Record<string, unknown>;
}

export interface CaseState {
  /** 2-11 = the step waiting to be done; 12 = every step done. */
  current: number;
  category: Category | null;
  escalation: number;
  escalationLevel: EscalationLevel;
  /** Total ¥ (refund + compensation) of the proposal in force, and whether it refunds. */
  amount: number;
  refund: boolean;
  proposalApproved: boolean;
  /** Who recorded the proposal in force: they may not approve it. */
  proposedBy: string | null;
  patientAgreed: boolean | null;
  closed: boolean;
  handedToLegal: boolean;
  /** Step 9 done (copies sent): steps 10 and 11 are both open from here, neither waits for the other. */
  filed: boolean;
  /**
   * Step 10 as seed 001 (五) has it: the CS side proposes (`penalty`), the dean agrees (`deanAgree`),
   * 总经办 issues the 员工过失处罚单 (`penaltySlip`), 总经理 approves it (`penaltyApprove`). A proposal
   * naming nobody ends with the dean's agreement (no slip to issue).
   */
  penaltyStage: 'none' | 'proposed' | 'deanAgreed' | 'slipIssued' | 'approved';
  /** How many people the proposal in force penalises. */
  penalised: number;
  prevented: boolean;
  /** Step 11's improvement actions: how many the plan lists, and which of them (by index) are done. */
  preventionActions: number;
  actionsDone: number[];
  /** When the last escalation happened: deadlines of the steps it left behind close then. */
  escalatedAt: string | null;
  /** Ids of events that did not apply in order (e.g. a second acceptance made on another desk offline). */
  ignored: string[];
  at: Partial<Record<EventKind, string>>;
}

/** Why an event cannot be recorded now: the rule (shared/complaints/refusals.ts), its facts and the English for logs. */
export interface StepRefusal {
  rule: ComplaintsRule;
  params: Record<string, string | number>;
  message: string;
}

const no = (rule: ComplaintsRule, message: string, params: Record<string, string | number> = {}): StepRefusal => ({ rule, params, message });

/** Why an event cannot be recorded now, or null when it can (the handler's order check). */
export function refusal(state: CaseState, kind: EventKind, data: Record<string, unknown> = {}): StepRefusal | null {
  const c = state.current;
  const finished = () => no('finished', 'the case is finished');
  const need = (step: number): StepRefusal | null => {
    if (c === step) return null;
    if (c > 11) return finished();
    const own = stepNumber(kindStep(kind));
    return no('notNow', `step ${own} (${kind}) cannot be recorded now: the case is at step ${c} (${stepKeys[c - 1]})`, { step: own, kind, at: c, atKey: stepKeys[c - 1]! });
  };
  switch (kind) {
    case 'note':
    case 'evidence':
      return null;
    case 'notify':
      return state.at.notify ? no('alreadyNotified', 'customer service has been told already') : c > 11 ? finished() : null;
    case 'accept':
    case 'investigate':
    case 'classify':
    case 'propose':
    case 'paperwork':
      return need(stepNumber(kindStep(kind)));
    // Seed 001 step 11 "由客服部协同医务部，提出改善方案" asks nothing of step 10: both start at filing.
    case 'prevention':
      return !state.filed ? need(11) : state.prevented ? no('preventionRecorded', 'the prevention plan is recorded already') : null;
    case 'actionDone': {
      if (!state.prevented) return no('noPreventionPlan', 'an improvement action is done after the prevention plan that lists it');
      const index = typeof data.index === 'number' ? data.index : -1;
      if (index < 0 || index >= state.preventionActions) return no('noSuchAction', `the prevention plan has no action ${index + 1}`, { index: index + 1, count: state.preventionActions });
      return state.actionsDone.includes(index) ? no('actionDoneAlready', `action ${index + 1} is done already`, { index: index + 1 }) : null;
    }
    case 'penalty':
      return !state.filed ? need(10) : state.penaltyStage === 'none' ? null : state.penaltyStage === 'approved' ? no('penaltyDone', 'step 10 is done') : no('penaltyInForce', 'a penalty proposal is in force');
    case 'deanAgree':
      return state.penaltyStage === 'proposed' ? null : no('deanAgreeNothing', 'the dean agrees to a penalty proposal that waits for her');
    case 'penaltySlip':
      return state.penaltyStage === 'deanAgreed' ? null : no('slipAfterDean', "the 员工过失处罚单 is issued after the dean's agreement");
    case 'penaltyApprove':
      return state.penaltyStage === 'slipIssued' ? null : no('gmApprovesIssued', 'the general manager approves an issued 员工过失处罚单');
    case 'approve':
      return need(6);
    case 'negotiate':
      return c === 7 && state.patientAgreed !== false ? null : c === 7 ? no('disagreedEscalate', 'the patient disagreed: escalate first') : need(7);
    case 'escalate': {
      if (c < 5 || c > 9 || state.closed) return no('escalateWhen', `a case can be escalated between classification and closing, not at step ${c}`, { at: c });
      if (state.escalation >= 3) return no('withLegal', 'the case is already with head office legal');
      return null;
    }
    case 'close': {
      if (c !== 9 || state.closed) return state.closed ? no('closedAlready', 'the case is already closed') : need(9);
      const confirmed = data.patientConfirmed === true;
      if (!confirmed && !(data.handedToLegal === true && state.escalationLevel === 'headOfficeLegal'))
        return no('confirmationNeeded', "closing needs the patient's confirmation (or the case handed to head office legal)");
      return null;
    }
    case 'file':
      return c === 9 && state.closed ? null : no('fileAfterClose', 'filing comes after closing');
  }
}

function kindStep(kind: EventKind): StepKey {
  switch (kind) {
    case 'file':
      return 'close';
    case 'escalate':
    case 'note':
    case 'evidence':
      return 'propose';
    case 'notify':
      return 'accept';
    case 'deanAgree':
    case 'penaltySlip':
    case 'penaltyApprove':
      return 'penalty';
    case 'actionDone':
      return 'prevention';
    default:
      return kind;
  }
}

/** Time, then the author's count of earlier events (two steps in one millisecond), then id. */
export function eventOrder(a: { at: string; seq: number; id: string }, b: { at: string; seq: number; id: string }): number {
  return a.at.localeCompare(b.at) || a.seq - b.seq || a.id.localeCompare(b.id);
}

/** Folds the events (in time order, ties by id) into the case's state; events out of order are ignored and listed. */
export function caseState(intake: CaseIntake, events: readonly CaseEvent[]): CaseState {
  const s: CaseState = {
    current: 2,
    category: null,
    escalation: 0,
    escalationLevel: 'csDirector',
    amount: 0,
    refund: false,
    proposalApproved: false,
    proposedBy: null,
    patientAgreed: null,
    closed: false,
    handedToLegal: false,
    filed: false,
    penaltyStage: 'none',
    penalised: 0,
    prevented: false,
    preventionActions: 0,
    actionsDone: [],
    escalatedAt: null,
    ignored: [],
    at: {},
  };
  const sorted = [...events].sort(eventOrder);
  for (const e of sorted) {
    if (refusal(s, e.kind, e.data) !== null) {
      s.ignored.push(e.id);
      continue;
    }
    s.at[e.kind] = e.at;
    switch (e.kind) {
      case 'accept':
      case 'investigate':
      case 'paperwork':
        s.current += 1;
        break;
      case 'file':
        s.filed = true;
        s.current = 10;
        break;
      case 'prevention':
        s.prevented = true;
        s.preventionActions = Array.isArray(e.data.actions) ? e.data.actions.length : 0;
        break;
      case 'actionDone':
        s.actionsDone = [...s.actionsDone, e.data.index as number];
        break;
      case 'penalty':
        s.penaltyStage = 'proposed';
        s.penalised = Array.isArray(e.data.persons) ? e.data.persons.length : 0;
        break;
      case 'deanAgree':
        // Not agreed: the CS side proposes again. Nobody penalised: nothing for 总经办 to issue.
        s.penaltyStage = e.data.approved !== true ? 'none' : s.penalised === 0 ? 'approved' : 'deanAgreed';
        break;
      case 'penaltySlip':
        s.penaltyStage = 'slipIssued';
        break;
      case 'penaltyApprove':
        s.penaltyStage = e.data.approved === true ? 'approved' : 'none';
        break;
      case 'classify':
        s.category = e.data.category === 'quality' ? 'quality' : 'nonQuality';
        s.current = 5;
        break;
      case 'propose': {
        const refund = num(e.data.refund);
        s.amount = refund + num(e.data.compensation);
        s.refund = refund > 0;
        s.proposalApproved = false;
        s.proposedBy = e.by;
        s.patientAgreed = null;
        s.current = 6;
        break;
      }
      case 'approve':
        s.proposalApproved = e.data.approved === true;
        s.current = s.proposalApproved ? 7 : 5;
        break;
      case 'negotiate':
        s.patientAgreed = e.data.agreed === true;
        if (s.patientAgreed) s.current = 8;
        break;
      case 'escalate':
        s.escalation += 1;
        s.escalationLevel = escalationPaths[s.category ?? 'nonQuality'][s.escalation]!;
        s.patientAgreed = null;
        s.proposalApproved = false;
        // Head office legal takes the case over: the clinic closes it as handed to legal.
        s.current = s.escalationLevel === 'headOfficeLegal' ? 9 : 5;
        s.escalatedAt = e.at;
        break;
      case 'close':
        s.closed = true;
        s.handedToLegal = e.data.patientConfirmed !== true;
        break;
      case 'note':
      case 'evidence':
      case 'notify':
        break;
    }
    // Step 11 is done when the plan is recorded and every action it lists is carried out.
    if (s.filed) s.current = s.penaltyStage !== 'approved' ? 10 : s.prevented && s.actionsDone.length >= s.preventionActions ? 12 : 11;
  }
  return s;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

// ---------------------------------------------------------------------------------------------
// Deadlines

/**
 * The time limits of the 11 steps. The group's defaults are seed 001's (步骤 1 "12 小时以内", (三)
 * "三个工作日内", 步骤 4/6/9 "24 小时以内", 步骤 8/10 "48 小时以内", 结案 "京内 7 天，京外 14 天",
 * 步骤 11 "一周以内"); head office may set other limits for one clinic (seeds 000/004 give stricter
 * ones, e.g. 000 "投诉信息应在24小时内反馈", 004 "一般不超过24小时" to investigate).
 */
export interface ComplaintLimits {
  notifyHours: number;
  investigateWorkingDays: number;
  classifyHours: number;
  approveHours: number;
  paperworkHours: number;
  closeDaysInCity: number;
  closeDaysOutside: number;
  fileHours: number;
  penaltyHours: number;
  preventionDays: number;
  /** Approval bands (seed 003 第十七条 "1000元以下 … 1000-5000元 … 5000元以上"): from this amount 副总经理 approves. */
  approveMediumFromYuan: number;
  /** Above this amount 总经理 approves. */
  approveLargeAboveYuan: number;
}
export const groupLimits: ComplaintLimits = {
  notifyHours: 12,
  investigateWorkingDays: 3,
  classifyHours: 24,
  approveHours: 24,
  paperworkHours: 48,
  closeDaysInCity: 7,
  closeDaysOutside: 14,
  fileHours: 24,
  penaltyHours: 48,
  preventionDays: 7,
  approveMediumFromYuan: 1000,
  approveLargeAboveYuan: 5000,
};
export const limitKeys = Object.keys(groupLimits) as (keyof ComplaintLimits)[];

export type DeadlineKey = 'notify' | 'investigate' | 'classify' | 'approve' | 'paperwork' | 'close' | 'file' | 'penalty' | 'review' | 'prevention';

export interface Deadline {
  key: DeadlineKey;
  step: number;
  /** How the limit counts: clock hours, working days (calendar of holidays and 调休), or days. */
  rule: string;
  dueAt: string;
  doneAt: string | null;
  /** Whose limit it is: the group's default, or one head office set for this clinic. */
  source?: 'group' | 'clinic';
  /** The step was left behind by an escalation before it was done: the deadline closed then, neither met nor missed. */
  supersededAt?: string | null;
}

const HOUR = 3_600_000;
const plusHours = (iso: string, h: number) => new Date(new Date(iso).getTime() + h * HOUR).toISOString();

/** The end (24:00 clinic time) of a clinic date. */
export function endOfClinicDay(date: string): string {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 24 * HOUR).toISOString();
}

/**
 * Every deadline that has started, with when it falls due and when it was met. Working-day limits
 * count from the day of receipt (the 3rd working day after it, to the end of that day); years no
 * calendar covers are counted weekday/weekend and listed in `missingYears`.
 */
export function caseDeadlines(
  intake: CaseIntake,
  state: CaseState,
  calendars: readonly CalendarTable[],
  clinicLimits: Partial<ComplaintLimits> = {},
): { deadlines: Deadline[]; missingYears: number[] } {
  const at = state.at;
  const L: ComplaintLimits = { ...groupLimits, ...clinicLimits };
  const from = (k: keyof ComplaintLimits): 'group' | 'clinic' => (clinicLimits[k] !== undefined && clinicLimits[k] !== groupLimits[k] ? 'clinic' : 'group');
  const sources: Partial<Record<DeadlineKey, 'group' | 'clinic'>> = {
    notify: from('notifyHours'),
    investigate: from('investigateWorkingDays'),
    classify: from('classifyHours'),
    approve: from('approveHours'),
    paperwork: from('paperworkHours'),
    close: from(intake.inHeadOfficeCity ? 'closeDaysInCity' : 'closeDaysOutside'),
    file: from('fileHours'),
    penalty: from('penaltyHours'),
    prevention: from('preventionDays'),
  };
  const d: Deadline[] = [];
  const done = (k: EventKind) => at[k] ?? null;
  // Met by whoever received it telling customer service, or by the acceptance if that came first (CS knew).
  const told = [at.notify, at.accept].filter((x): x is string => !!x).sort()[0] ?? null;
  d.push({ key: 'notify', step: 2, rule: `${L.notifyHours}h`, dueAt: plusHours(intake.receivedAt, L.notifyHours), doneAt: told });
  const third = addWorkingDaysAcross(clinicDate(intake.receivedAt), L.investigateWorkingDays, calendars);
  d.push({ key: 'investigate', step: 3, rule: `${L.investigateWorkingDays}wd`, dueAt: endOfClinicDay(third.date), doneAt: done('investigate') });
  if (at.investigate) d.push({ key: 'classify', step: 4, rule: `${L.classifyHours}h`, dueAt: plusHours(at.investigate, L.classifyHours), doneAt: done('classify') });
  if (at.propose) {
    // Met by a decision on the proposal in force (approved or sent back); an escalation before it closes it.
    const decided = at.approve && at.approve >= at.propose ? at.approve : null;
    const superseded = !decided && state.escalatedAt && state.escalatedAt >= at.propose ? state.escalatedAt : null;
    d.push({ key: 'approve', step: 6, rule: `${L.approveHours}h`, dueAt: plusHours(at.propose, L.approveHours), doneAt: decided, supersededAt: superseded });
  }
  // Seed 001 step 8 lists 有退款 and 无退款 under one limit, "48 小时以内": the paperwork is due either way.
  if (at.negotiate && state.patientAgreed) d.push({ key: 'paperwork', step: 8, rule: `${L.paperworkHours}h`, dueAt: plusHours(at.negotiate, L.paperworkHours), doneAt: done('paperwork') });
  const closeDays = intake.inHeadOfficeCity ? L.closeDaysInCity : L.closeDaysOutside;
  if (at.accept) d.push({ key: 'close', step: 9, rule: `${closeDays}d`, dueAt: plusHours(at.accept, closeDays * 24), doneAt: done('close') });
  if (at.close) d.push({ key: 'file', step: 9, rule: `${L.fileHours}h`, dueAt: plusHours(at.close, L.fileHours), doneAt: done('file') });
  if (at.file) {
    // Seed 001 step 10: the proposal "和该院院长协商后实施", 客服总监 48 小时以内: met by the dean's agreement.
    const agreed = state.penaltyStage !== 'none' && state.penaltyStage !== 'proposed' ? (at.deanAgree ?? null) : null;
    d.push({ key: 'penalty', step: 10, rule: `${L.penaltyHours}h`, dueAt: plusHours(at.file, L.penaltyHours), doneAt: agreed });
    // Seed 001 (五) "总经办每月 10 日前应审视上月份客服部上报结案的患者投诉案件": by the 10th of the month after closing.
    d.push({ key: 'review', step: 10, rule: '10th', dueAt: endOfClinicDay(tenthOfNextMonth(clinicDate(at.close ?? at.file))), doneAt: state.penaltyStage === 'approved' ? (at.penaltyApprove ?? at.deanAgree ?? null) : null });
    d.push({ key: 'prevention', step: 11, rule: `${L.preventionDays}d`, dueAt: plusHours(at.file, L.preventionDays * 24), doneAt: done('prevention') });
  }
  return { deadlines: d.map((x) => ({ ...x, source: sources[x.key] ?? 'group' })), missingYears: third.missingYears };
}

export type DeadlineStatus = 'done' | 'late' | 'superseded' | 'overdue' | 'dueSoon' | 'open';

/** The 10th of the month after a clinic date (`2026-11-30` → `2026-12-10`). */
export function tenthOfNextMonth(date: string): string {
  return `${addMonthsToMonth(date, 1)}-10`;
}

/** Done (in time), done late, closed by an escalation, overdue (open and past), due within a day, or open. */
export function deadlineStatus(dl: Deadline, now: Date): DeadlineStatus {
  if (dl.supersededAt && !dl.doneAt) return 'superseded';
  const due = new Date(dl.dueAt).getTime();
  if (dl.doneAt) return new Date(dl.doneAt).getTime() <= due ? 'done' : 'late';
  const left = due - now.getTime();
  if (left < 0) return 'overdue';
  return left <= 24 * HOUR ? 'dueSoon' : 'open';
}

// ---------------------------------------------------------------------------------------------
// What a person may record now

/** Roles that may record `kind` on a case in `state`: the escalation level decides who proposes, the band and the level who approves. */
export function rolesFor(state: CaseState, kind: EventKind, bands: ApprovalBands = groupLimits): readonly StaffRole[] {
  if (kind === 'propose') return proposerRoles(state.escalationLevel);
  if (kind === 'close') return closerRoles(state.escalationLevel);
  if (kind === 'approve') return state.category ? approverRoles(state.category, state.amount, state.escalationLevel, bands) : eventRoles.approve;
  return eventRoles[kind];
}

/**
 * What this operator may record on the case now (order and role both allow it): the `allowed` of
 * the case view. Someone who is not a complaint reader may only tell customer service (通知客服)
 * about a complaint she recorded, while it waits for acceptance.
 */
export function allowedKinds(state: CaseState, operator: { id: string; role: StaffRole }, recordedIt: boolean, bands: ApprovalBands = groupLimits): EventKind[] {
  if (!canReadAll(operator.role)) return recordedIt && refusal(state, 'notify') === null ? ['notify'] : [];
  return eventKinds.filter((k) => {
    // Evidence events come from complaint.attachVideo, not from a step form.
    if (k === 'evidence' || !rolesFor(state, k, bands).includes(operator.role)) return false;
    if (k === 'approve' && state.proposedBy === operator.id) return false;
    // A reader records 通知客服 for the receiver while the case waits for acceptance; after it CS knows.
    if (k === 'notify') return state.current === 2 && refusal(state, k) === null;
    // An improvement action is offered while the plan lists one not yet done (which one is the form's).
    if (k === 'actionDone') return state.prevented && state.actionsDone.length < state.preventionActions;
    // Closing is offered when the case is at step 9; the confirmation is checked on submit.
    if (k === 'close') return state.current === 9 && !state.closed;
    return refusal(state, k) === null;
  });
}
