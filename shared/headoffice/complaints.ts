import { z } from 'zod';
import { clinicCode } from '../reference/schemas';
import { requiredText } from '../doc';
import { complaintStepInput, complaintSummary, complaintView, deadlineView, monthReviewView, type MonthReviewView } from '../complaints/schemas';

/**
 * Head office's 投诉 screen (issue 19): every clinic's cases read from the consolidated copy, the
 * steps head office's roles own (approval from ¥1,000, step 10's 员工过失处罚单 and its approval,
 * the GM office's monthly review) written online into the clinic's database, and head office's own
 * to-do across clinics with the deadlines.
 */

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'a month written YYYY-MM' });

export const hoCaseListInput = z.strictObject({
  /** One clinic, or every clinic (null). */
  clinic: clinicCode.nullable(),
  /** `open`: not through all 11 steps; `closed`: closed with the patient; `all`. */
  state: z.enum(['open', 'closed', 'all']),
});
export const hoCaseSummary = complaintSummary.extend({ clinic: z.string(), clinicName: z.string() });
export type HoCaseSummary = z.infer<typeof hoCaseSummary>;

export const hoCaseGetInput = z.strictObject({ id: z.string().regex(/^complaint:[A-Z]{2,4}:/, { error: 'a complaint id (complaint:<clinic>:…)' }).max(120) });
export const hoCaseView = complaintView.extend({ clinic: z.string(), clinicName: z.string() });
export type HoCaseView = z.infer<typeof hoCaseView>;

/** An evidence file of a case (the intake's, or a step's: its event id) from head office's consolidated copy. */
export const hoEvidenceInput = z.strictObject({
  id: z
    .string()
    .regex(/^complaint(-event)?:[A-Z]{2,4}:/, { error: 'a complaint or complaint event id' })
    .max(160),
  name: requiredText(100),
});
export const hoEvidenceFile = z.strictObject({ name: z.string(), mime: z.string(), data: z.string() });

/** The same step input as a clinic desk's (`complaint.step`), written into the case's clinic. */
export const hoStepInput = complaintStepInput;

/** One item of head office's to-do: a case, what waits for whom, and the deadline that applies. */
export const hoTodoCase = z.strictObject({
  case: hoCaseSummary,
  /**
   * approve: the plan's approval (¥1,000+); penaltySlip: 总经办 issues the slip; penaltyApprove: 总经理
   * approves it; propose: 总部医务部's plan at its expert consultation; close: 总部法务部 takes the case over.
   */
  act: z.enum(['approve', 'penaltySlip', 'penaltyApprove', 'propose', 'close']),
  roles: z.array(z.string()),
  amount: z.number(),
  deadline: deadlineView.nullable(),
});

/** The GM office's review of one clinic's previous month's closed cases (seed 001 (五)), due by the 10th: the clinic's own shape. */
export const hoMonthReview = monthReviewView;
export type HoMonthReview = MonthReviewView;

export const hoTodo = z.strictObject({
  approvals: z.array(hoTodoCase),
  penalties: z.array(hoTodoCase),
  /** Cases escalated to head office's medical department (its plan) or legal department (its take-over). */
  escalations: z.array(hoTodoCase),
  reviews: z.array(hoMonthReview),
});
export type HoTodo = z.infer<typeof hoTodo>;

export const hoReviewInput = z.strictObject({ clinic: clinicCode, month, note: requiredText(1000) });
