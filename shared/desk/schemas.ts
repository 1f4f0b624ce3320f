import { z } from 'zod';
import { docMeta, requiredText, text } from '../doc';
import { isCalendarDate } from '../time';
import { sex } from '../reference/schemas';

/** 媒体来源 (DOMAIN.md §1). */
export const sources = ['web', 'phone', 'referral', 'ad', 'returning', 'other'] as const;
export const source = z.enum(sources);
export type Source = z.infer<typeof source>;

/** A phone as typed: digits with optional +, spaces and dashes; stored as digits only. */
export const phone = z
  .string()
  .trim()
  .regex(/^\+?[\d\s-]{7,20}$/, { error: 'a phone number: 7-15 digits' })
  .transform((s) => s.replace(/\D/g, ''))
  .pipe(z.string().min(7, { error: 'a phone number: 7-15 digits' }).max(15, { error: 'a phone number: 7-15 digits' }));

export const birthDate = z.string().refine(isCalendarDate, { error: 'a date written YYYY-MM-DD' });

/** 定向性登记: optional and sensitive (DOMAIN.md §1). */
export const directedFields = z.strictObject({
  priceComparison: text(200).optional(), // 价格比较
  consumptionHabits: text(200).optional(), // 消费习惯
  economicStatus: text(200).optional(), // 经济状况
  personType: text(200).optional(), // 人员类型
  healthEnquiry: text(500).optional(), // 健康询问 (seed 003 咨询登记; issue 14)
});
export type DirectedFields = z.infer<typeof directedFields>;

export const tiers = ['A', 'B', 'C', 'D'] as const;
export const tier = z.enum(tiers);
export type Tier = z.infer<typeof tier>;

/** What the desk prepares for an A or B member (DOMAIN.md §1): private (隐私保密). */
export const vipCare = z.strictObject({
  /** The named staff member who meets them at the door when they have booked. */
  hostId: z.string().max(80).nullable(),
  drinks: text(100),
  snacks: text(100),
  note: text(200),
});
export type VipCare = z.infer<typeof vipCare>;

const customerFields = {
  name: requiredText(30),
  sex,
  birthDate: birthDate.nullable(),
  /** Age as told at the door when the birth date is not given. */
  age: z.number().int().min(0).max(120).nullable(),
  phone,
  address: text(120),
  source,
  directed: directedFields,
  /** Issue 14 (seed 003 咨询登记): e-mail, 职业, 病种 (general part). Older records lack them: empty. */
  email: z.union([z.literal(''), z.string().trim().max(120).pipe(z.email({ error: 'an e-mail address' }))]).default(''),
  occupation: text(60).default(''),
  disease: text(100).default(''),
};

export const customerDoc = z.strictObject({
  ...docMeta,
  type: z.literal('customer'),
  ...customerFields,
  /** Member tier A-D (DOMAIN.md §1); set by staff, null until then. */
  tier: z.enum(['A', 'B', 'C', 'D']).nullable(),
  /** Normalised search keys: the name and its pinyin initials (phones are matched on the phone itself). */
  search: z.array(z.string()),
  /** VIP care (A/B members): who meets them, what they drink and eat. Null for others; older records lack it. */
  vip: vipCare.nullable().default(null),
  /** Set when a person merged this record into another (same person on two desks): kept, never deleted. */
  mergedInto: z.string().nullable().default(null),
  /** The clinic date she became a member (入会), set with the tier: member care counts from it (seed 001 九 (五)). Older records lack it. */
  memberSince: birthDate.nullable().default(null),
});
export type CustomerDoc = z.infer<typeof customerDoc>;

export const newCustomerInput = z
  .strictObject(customerFields)
  .refine((c) => c.birthDate !== null || c.age !== null, { error: 'age or birth date is required', path: ['age'] });
export type NewCustomerInput = z.input<typeof newCustomerInput>;

const visitFields = {
  hasAppointment: z.boolean(),
  intention: requiredText(200), // 就诊意向 / 项目
  concerns: text(500), // 关心内容
  course: text(500), // 病程
  history: text(500), // 病史
  departmentId: z.string().min(1, { error: 'required' }).max(32),
  /** Consultant or doctor on duty; null when the department receives them directly. */
  consultantId: z.string().max(80).nullable(),
  /** The appointment this visit keeps (预约到诊); null for a walk-in. Older visits lack it. */
  appointmentId: z.string().max(80).nullable().default(null),
  /** Why the same person checks in a second time the same day (再次到诊): required then, null otherwise. Older visits lack it. */
  repeatReason: text(200).nullable().default(null),
};

export const visitStatuses = ['waiting'] as const;

export const visitDoc = z.strictObject({
  ...docMeta,
  type: z.literal('visit'),
  customerId: z.string(),
  /** Copied at check-in so the day's list reads without a join and keeps what was true then. */
  customerName: z.string(),
  customerPhone: z.string(),
  firstVisit: z.boolean(),
  ...visitFields,
  departmentName: z.string(),
  consultantName: z.string().nullable(),
  arrivedAt: z.iso.datetime(),
  status: z.enum(visitStatuses),
  /** Who triaged (分诊) the visitor, and when. */
  triagedBy: z.string(),
  triagedAt: z.iso.datetime(),
  /**
   * 排队号, given at check-in and kept (issue 21): a visit synced in late from an offline desk no
   * longer moves the numbers of others. Visits written before it lack it (numbered by arrival).
   */
  queueNumber: z.number().int().min(1).optional(),
});
export type VisitDoc = z.infer<typeof visitDoc>;

export const checkInInput = z.strictObject({
  /** A returning customer by id, or a first visit with the registration fields. */
  customer: z.union([z.strictObject({ id: z.string().min(1).max(80) }), z.strictObject({ new: newCustomerInput })]),
  visit: z.strictObject(visitFields),
});
export type CheckInInput = z.input<typeof checkInInput>;

export const customerSearchInput = z.strictObject({
  query: z.string().trim().min(1, { error: 'required' }).max(40),
  limit: z.number().int().min(1).max(50).default(10),
});

export const customerHit = z.strictObject({
  id: z.string(),
  name: z.string(),
  sex,
  phone: z.string(),
  age: z.number().nullable(),
  tier: z.enum(['A', 'B', 'C', 'D']).nullable(),
  visitCount: z.number(),
  lastVisitAt: z.string().nullable(),
  /** The query's digits are this customer's whole phone (a first-visit registration would duplicate it). */
  exactPhone: z.boolean(),
  /** Only for roles that may see VIP details (shared/desk/visibility.ts). */
  vip: vipCare.nullable(),
  /** 入会日期 (member care counts from it), with the VIP details' visibility; absent from older answers. */
  memberSince: z.string().nullable().optional(),
  /** She has arrived today (a visit of today's clinic date, not cancelled); absent from older answers (issue 21). */
  arrivedToday: z.boolean().optional(),
  /**
   * Where she is now, when she arrived today (issue 21): still waiting at the door (在候, her 排队号
   * and since when), with her consultant or in treatment (since when), or gone (已离开, when). Her
   * open visit if she has one, else the last. Absent from older answers and when she has not arrived.
   */
  today: z
    .strictObject({
      visitId: z.string(),
      where: z.enum(['waiting', 'withConsultant', 'inTreatment', 'left']),
      queueLabel: z.string(),
      since: z.string(),
    })
    .nullable()
    .optional(),
});
export type TodayPlace = NonNullable<CustomerHit['today']>;
export type CustomerHit = z.infer<typeof customerHit>;

export const visitView = z.strictObject({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  customerPhone: z.string(),
  firstVisit: z.boolean(),
  hasAppointment: z.boolean(),
  appointmentId: z.string().nullable(),
  intention: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  consultantId: z.string().nullable(),
  consultantName: z.string().nullable(),
  arrivedAt: z.string(),
  status: z.enum(visitStatuses),
  registeredBy: z.string(),
  registeredByName: z.string(),
  repeatReason: z.string().nullable(),
});
export type VisitView = z.infer<typeof visitView>;

export const waitingListInput = z.strictObject({
  /** Clinic date `YYYY-MM-DD`; today when omitted. */
  date: z.string().refine(isCalendarDate, { error: 'a date written YYYY-MM-DD' }).optional(),
});
