import { z } from 'zod';
import { periodOf } from '../headoffice/rules';
import { periodInput, type Period } from '../headoffice/schemas';
import { rate, type DaySum } from './rules';
import { channels, outcomeKinds, type Channel } from './schemas';

/**
 * Head office's 咨询 section (issue 14): the funnel 咨询量 → 预约量 → 到诊量 and 成功率 of every
 * clinic (or one), per clinic, channel, consultant and period, from the links (an appointment
 * booked from the enquiry, the visit that kept it), each figure opening its records. Pure.
 */

const count = z.number().int().min(0);
const zhCollator = new Intl.Collator('zh-CN');
const rateValue = z.number().min(0).max(1).nullable();

export const hoFunnelLine = z.strictObject({
  /** The clinic's code, the channel, the consultant's staff id, or the period's label. */
  key: z.string(),
  /** The clinic's or consultant's name; the channel and period as the key. */
  label: z.string(),
  /** The consultant's clinic (null on other lines). */
  clinic: z.string().nullable(),
  enquiries: count,
  answered: count,
  appointments: count,
  arrivals: count,
  /** 成功率: appointments / enquiries and arrivals / enquiries (three decimals; null with no enquiries). */
  bookingRate: rateValue,
  arrivalRate: rateValue,
});
export type HoFunnelLine = z.infer<typeof hoFunnelLine>;

export const hoEnquiryFigures = z.strictObject({
  total: hoFunnelLine,
  periods: z.array(hoFunnelLine),
  byClinic: z.array(hoFunnelLine),
  byChannel: z.array(hoFunnelLine),
  byConsultant: z.array(hoFunnelLine),
});
export type HoEnquiryFigures = z.infer<typeof hoEnquiryFigures>;

export const funnelStages = ['enquiries', 'appointments', 'arrivals'] as const;
export type FunnelStage = (typeof funnelStages)[number];
export const funnelLines = ['total', 'period', 'clinic', 'channel', 'consultant'] as const;

/** Which figure's records: the line (`by` and its key) and the stage counted. */
export const hoEnquiryFilter = z.strictObject({ by: z.enum(funnelLines), key: z.string().max(80).nullable(), stage: z.enum(funnelStages) }).superRefine((f, ctx) => {
  if (f.by !== 'total' && !f.key) ctx.addIssue({ code: 'custom', path: ['key'], message: 'required for a line' });
  if (f.by === 'channel' && f.key && !(channels as readonly string[]).includes(f.key)) ctx.addIssue({ code: 'custom', path: ['key'], message: 'not a channel' });
});
export type HoEnquiryFilter = z.infer<typeof hoEnquiryFilter>;
export const hoEnquiryRecordsInput = z.strictObject({ period: periodInput, filter: hoEnquiryFilter });

export const hoEnquiryRecord = z.strictObject({
  id: z.string(),
  clinic: z.string(),
  at: z.string(),
  channel: z.enum(channels),
  consultantName: z.string(),
  name: z.string(),
  items: z.array(z.string()),
  outcome: z.enum(outcomeKinds),
  booked: z.boolean(),
  arrived: z.boolean(),
});
export type HoEnquiryRecord = z.infer<typeof hoEnquiryRecord>;

/** What a line counts of one enquiry. */
export interface HoFact {
  _id: string;
  clinic: string;
  day: string;
  consultantId: string;
  channel: Channel;
  answeredAt: string | null;
  appointmentId: string | null;
}

const keyOf = (by: (typeof funnelLines)[number], e: HoFact, grain: Period['grain']): string => {
  if (by === 'total') return '';
  if (by === 'period') return periodOf(e.day, grain);
  if (by === 'clinic') return e.clinic;
  if (by === 'channel') return e.channel;
  return e.consultantId;
};

/** Whether an enquiry is one of a figure's records: on its line and reaching its stage. */
export function inFigure(e: HoFact, arrived: ReadonlySet<string>, filter: HoEnquiryFilter, grain: Period['grain']): boolean {
  if (filter.by !== 'total' && keyOf(filter.by, e, grain) !== filter.key) return false;
  if (filter.stage === 'appointments') return e.appointmentId !== null;
  if (filter.stage === 'arrivals') return e.appointmentId !== null && arrived.has(e.appointmentId);
  return true;
}

/** A clinic's day sums (shared/enquiries/rules.ts `DaySum`) with the clinic's code. */
export type ClinicDaySum = DaySum & { clinic: string };

/**
 * The section's figures. Lines in order: periods by time, clinics by code, channels as listed,
 * consultants by clinic then name (zh-CN). `names` gives clinics' and consultants' names by key.
 */
export function hoEnquiryFiguresOf(facts: HoFact[], arrived: ReadonlySet<string>, grain: Period['grain'], names: ReadonlyMap<string, string>, clinicOf: ReadonlyMap<string, string> = new Map()): HoEnquiryFigures {
  const sums = facts.map((e): ClinicDaySum => {
    const booked = e.appointmentId !== null;
    return { clinic: e.clinic, day: e.day, consultantId: e.consultantId, channel: e.channel, enquiries: 1, answered: e.answeredAt !== null ? 1 : 0, appointments: booked ? 1 : 0, arrivals: booked && arrived.has(e.appointmentId!) ? 1 : 0, minutes: 0, checked: 0, faulty: 0 };
  });
  return hoFiguresOfSums(sums, grain, names, clinicOf);
}

/** The section's figures added up from the clinics' day sums (the lines as hoEnquiryFiguresOf gives them). */
export function hoFiguresOfSums(sums: Iterable<ClinicDaySum>, grain: Period['grain'], names: ReadonlyMap<string, string>, clinicOf: ReadonlyMap<string, string> = new Map()): HoEnquiryFigures {
  const lines = { total: new Map<string, HoFunnelLine>(), period: new Map<string, HoFunnelLine>(), clinic: new Map<string, HoFunnelLine>(), channel: new Map<string, HoFunnelLine>(), consultant: new Map<string, HoFunnelLine>() };
  const periods = new Map<string, string>();
  for (const d of sums) {
    let period = periods.get(d.day);
    if (period === undefined) periods.set(d.day, (period = periodOf(d.day, grain)));
    for (const by of funnelLines) {
      const key = by === 'total' ? '' : by === 'period' ? period : by === 'clinic' ? d.clinic : by === 'channel' ? d.channel : d.consultantId;
      let line = lines[by].get(key);
      if (!line) {
        const label = by === 'clinic' || by === 'consultant' ? (names.get(key) ?? key) : key;
        lines[by].set(key, (line = { key, label, clinic: by === 'consultant' ? (clinicOf.get(key) ?? d.clinic) : null, enquiries: 0, answered: 0, appointments: 0, arrivals: 0, bookingRate: null, arrivalRate: null }));
      }
      line.enquiries += d.enquiries;
      line.answered += d.answered;
      line.appointments += d.appointments;
      line.arrivals += d.arrivals;
    }
  }
  const done = (l: HoFunnelLine): HoFunnelLine => ({ ...l, bookingRate: rate(l.appointments, l.enquiries), arrivalRate: rate(l.arrivals, l.enquiries) });
  const list = (by: keyof typeof lines) => [...lines[by].values()].map(done);
  const empty: HoFunnelLine = { key: '', label: '', clinic: null, enquiries: 0, answered: 0, appointments: 0, arrivals: 0, bookingRate: null, arrivalRate: null };
  return {
    total: done(lines.total.get('') ?? empty),
    periods: list('period').sort((a, b) => a.key.localeCompare(b.key)),
    byClinic: list('clinic').sort((a, b) => a.key.localeCompare(b.key)),
    byChannel: list('channel').sort((a, b) => channels.indexOf(a.key as Channel) - channels.indexOf(b.key as Channel)),
    byConsultant: list('consultant').sort((a, b) => (a.clinic ?? '').localeCompare(b.clinic ?? '') || zhCollator.compare(a.label, b.label)),
  };
}
