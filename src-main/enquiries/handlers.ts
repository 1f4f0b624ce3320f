import { enquiryRecallDocs, enquirySheetDocs } from '../../shared/enquiries/docs';
import type { enquiriesContract } from '../../shared/enquiries/contract';
import type { z } from 'zod';
import type { EnquiryCheckDoc, EnquiryDoc, EnquiryRecallDoc, EnquirySheetDoc, EnquiryView, Outcome, OutcomeInput, sheetsView } from '../../shared/enquiries/schemas';
import { answerDueAt, answers, appointmentSourceOf, checkerRoles, dueState, enquiryRoles, entryMissing, funnelOfSums, sheetReaderRoles, sheetScore } from '../../shared/enquiries/rules';
import { addDays } from '../../shared/appointments/rules';
import type { AppointmentDoc } from '../../shared/appointments/schemas';
import type { CustomerDoc } from '../../shared/desk/schemas';
import { phoneFor } from '../../shared/desk/visibility';
import { ApiError, type ErrorCode, type RefusalParams } from '../../shared/errors';
import { enquiriesRefusals, type EnquiriesRule } from '../../shared/enquiries/refusals';
import { newIdTail } from '../../shared/ids';
import type { ClinicDoc, StaffRole } from '../../shared/reference/schemas';
import { clinicDate } from '../../shared/time';
import type { OperatorContext } from '../api/context';
import type { Handlers } from '../api/types';
import { book } from '../appointments/booking';
import { toViews } from '../appointments/views';
import { arrivalsBetween } from '../appointments/repo';
import { newCustomerDoc } from '../desk/repo';
import { getCustomer } from '../desk/repo';
import { getStaff, listStaff, requireClinic } from '../reference/repo';
import { newMeta, touched } from '../store/meta';
import type { Db } from '../store/pouch';
import { serialised } from '../store/serial';
import { checksBetween, enquiriesBetween, enquiryIds, getEnquiry } from './repo';
import { getOrNull } from '../store/get';
import { catalogueHandlers } from './catalogue';
import { keptDaySums } from './funnel';
import { recallAttempt } from '../followup/recall';
import { headOfficeEnquiriesHandlers } from './headoffice';
import { importHandlers } from './importHandlers';

type Ops = keyof typeof enquiriesContract;
type SheetsView = z.infer<typeof sheetsView>;

/** A consultant's daily sheet: the clinic, the day, the staff id's tail. */
const sheetId = enquirySheetDocs.id;

/**
 * 每日工作总结 of one clinic day, per consultant who registered an enquiry or reported a sheet:
 * the register's figures, the entries missing something (entryMissing), those spot-checked 有误,
 * and the score of seed 002 (sheetScore): on time when reported on the sheet's own clinic day.
 */
async function daySheets(db: Db, clinic: ClinicDoc, date: string): Promise<SheetsView> {
  const [list, checks, staff, sheets] = await Promise.all([
    enquiriesBetween(db, clinic.code, date, date),
    checksBetween(db, clinic.code, date, date),
    listStaff(db, clinic.code),
    db.allDocs<EnquirySheetDoc>({ include_docs: true, ...enquirySheetDocs.range(clinic.code, date) }),
  ]);
  const names = new Map(staff.map((x) => [x._id, x.name]));
  const reported = new Map(sheets.rows.flatMap((r) => (r.doc?.type === 'enquiry-sheet' ? [[r.doc.consultantId, r.doc] as const] : [])));
  const ids = [...new Set([...list.map((e) => e.consultantId), ...reported.keys()])];
  const rows = ids.map((id) => {
    const mine = list.filter((e) => e.consultantId === id);
    const sheet = reported.get(id);
    const incomplete = mine.filter((e) => entryMissing(e).length > 0 || checks.get(e._id)?.verdict === 'incomplete').length;
    const wrong = mine.filter((e) => checks.get(e._id)?.verdict === 'wrong').length;
    const onTime = !!sheet && clinicDate(sheet.reportedAt) === date;
    return {
      consultantId: id,
      consultantName: names.get(id) ?? id,
      reported: !!sheet,
      reportedAt: sheet?.reportedAt ?? null,
      onTime,
      summary: sheet?.summary ?? '',
      enquiries: mine.length,
      answered: mine.filter((e) => e.answeredAt !== null).length,
      appointments: mine.filter((e) => e.appointmentId !== null).length,
      incomplete,
      wrong,
      score: sheetScore({ complete: incomplete === 0, reported: !!sheet, onTime, wrong: wrong > 0 }),
    };
  });
  rows.sort((a, b) => a.consultantName.localeCompare(b.consultantName, 'zh-CN'));
  const sum = (k: 'enquiries' | 'answered' | 'appointments' | 'incomplete' | 'wrong' | 'score') => rows.reduce((n, r) => n + r[k], 0);
  return { date, rows, total: { enquiries: sum('enquiries'), answered: sum('answered'), appointments: sum('appointments'), incomplete: sum('incomplete'), wrong: sum('wrong'), score: sum('score') } };
}

/** Refuses by the rule (shared/enquiries/refusals.ts); `message` stays English, for the log. */
function refuse(field: string, rule: EnquiriesRule, params: RefusalParams, message: string, code: ErrorCode = 'invalid_input'): never {
  throw enquiriesRefusals.refuse(code, field, rule, params, `${field}: ${message}`);
}

/** Open enquiries are looked for this far back (the 24 h target makes older open ones rare; they stay in the day lists). */
const DUE_LOOKBACK_DAYS = 31;
/** The longest range one list or funnel reads. */
const MAX_RANGE_DAYS = 366;

/** The outcome as stored: a call-back in the future, a referral to an active doctor of this clinic. */
async function checkOutcome(db: Db, clinic: ClinicDoc, o: OutcomeInput, now: Date): Promise<Outcome> {
  if (o.kind === 'answered') return o;
  if (o.kind === 'callBack') {
    const at = new Date(o.at).getTime();
    if (at <= now.getTime()) refuse('outcome.at', 'callBackPast', {}, 'the call-back time has passed');
    if (at > now.getTime() + 31 * 86_400_000) refuse('outcome.at', 'callBackTooFar', { days: 31 }, 'at most 31 days ahead');
    return { kind: 'callBack', at: new Date(at).toISOString() };
  }
  const doctor = await getStaff(db, o.doctorId);
  if (!doctor || doctor.clinic !== clinic.code || !doctor.active || doctor.role !== 'doctor') refuse('outcome.doctorId', 'notADoctor', {}, 'not an active doctor of this clinic');
  return { kind: 'referred', doctorId: doctor._id, doctorName: doctor.name };
}

async function toEnquiryViews(db: Db, clinic: ClinicDoc, list: EnquiryDoc[], now: Date, role: StaffRole): Promise<EnquiryView[]> {
  if (!list.length) return [];
  const ids = [...new Set(list.flatMap((e) => (e.appointmentId ? [e.appointmentId] : [])))];
  const [staff, appts] = await Promise.all([listStaff(db, clinic.code), ids.length ? db.allDocs<AppointmentDoc>({ keys: ids, include_docs: true }) : null]);
  const names = new Map(staff.map((s) => [s._id, s.name]));
  const appointments = (appts?.rows ?? []).flatMap((r) => ('doc' in r && r.doc?.type === 'appointment' ? [r.doc] : []));
  const arrivals = await arrivalsOf(db, clinic.code, appointments);
  const views = new Map((await toViews(db, clinic, appointments, arrivals, now, role)).map((v) => [v.id, v]));
  const days = list.map((e) => e._id.split(':')[2]!).sort();
  const checks = await checksBetween(db, clinic.code, days[0]!, days.at(-1)!);
  return list.map((e) => ({
    id: e._id,
    at: e.at,
    channel: e.channel,
    consultantId: e.consultantId,
    consultantName: names.get(e.consultantId) ?? e.consultantId,
    customerId: e.customerId,
    name: e.name,
    phone: e.phone ? phoneFor(role, e.phone) : '',
    contact: e.contact,
    question: e.question,
    items: e.items,
    answer: e.answer,
    outcome: e.outcome,
    recordingRef: e.recordingRef,
    answeredAt: e.answeredAt,
    dueAt: answerDueAt(e),
    dueState: dueState(e, now),
    appointmentId: e.appointmentId,
    appointment: (e.appointmentId && views.get(e.appointmentId)) || null,
    visitId: (e.appointmentId && arrivals.get(e.appointmentId)) || null,
    check: checkViewOf(checks.get(e._id), names),
  }));
}

function checkViewOf(c: EnquiryCheckDoc | undefined, names: ReadonlyMap<string, string>) {
  return c ? { verdict: c.verdict, note: c.note, byName: names.get(c.checkedBy) ?? c.checkedBy, at: c.checkedAt } : null;
}

/** Appointment id → the visit that kept it, over the days those appointments are on. */
async function arrivalsOf(db: Db, clinic: string, appointments: { date: string }[]): Promise<Map<string, string>> {
  if (!appointments.length) return new Map();
  const dates = appointments.map((a) => a.date).sort();
  return arrivalsBetween(db, clinic, dates[0]!, dates.at(-1)!);
}

function range(from: string | undefined, to: string | undefined, today: string): { from: string; to: string } {
  const r = { from: from ?? to ?? today, to: to ?? from ?? today };
  if (r.from > r.to) refuse('to', 'rangeInverted', {}, 'before from');
  if (addDays(r.from, MAX_RANGE_DAYS) < r.to) refuse('to', 'rangeTooLong', { days: MAX_RANGE_DAYS }, `at most ${MAX_RANGE_DAYS} days after from`);
  return r;
}

async function requireEnquiry(db: Db, clinic: ClinicDoc, id: string): Promise<EnquiryDoc> {
  const e = await getEnquiry(db, id);
  if (!e || e.clinic !== clinic.code) refuse('id', 'noSuchEnquiry', {}, 'no such enquiry', 'not_found');
  return e;
}

async function viewOne(ctx: OperatorContext, clinic: ClinicDoc, e: EnquiryDoc): Promise<EnquiryView> {
  return (await toEnquiryViews(ctx.db, clinic, [e], ctx.now(), ctx.operator.role))[0]!;
}

function requireEnquirer(ctx: OperatorContext): void {
  if (!enquiryRoles.includes(ctx.operator.role)) refuse('role', 'notEnquirer', { role: ctx.operator.role }, `a ${ctx.operator.role} does not work the enquiry register`, 'forbidden');
}

export const enquiriesHandlers: Pick<Handlers, Ops> = {
  ...catalogueHandlers,
  ...importHandlers(requireEnquirer),
  ...headOfficeEnquiriesHandlers,
  async 'enquiry.record'(ctx, input) {
    requireEnquirer(ctx);
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const outcome = await checkOutcome(ctx.db, clinic, input.outcome, now);
      if (answers(outcome.kind) && !input.answer) refuse('answer', 'answerRequired', {}, 'required when the enquiry is answered (已解答)');
      const docs: (CustomerDoc | EnquiryDoc)[] = [];
      let who: { customerId: string | null; name: string; phone: string; contact: string };
      const c = input.customer;
      if ('id' in c) {
        const found = await getCustomer(ctx.db, c.id);
        if (!found || found.clinic !== clinic.code) refuse('customer.id', 'noSuchCustomer', {}, 'no such customer', 'not_found');
        if (found.mergedInto) throw new ApiError({ code: 'conflict', field: 'customer.id', message: `customer.id: this record was merged into ${found.mergedInto}`, detail: { existingId: found.mergedInto }, rule: 'enquiries.customerMerged', params: {} });
        who = { customerId: found._id, name: found.name, phone: found.phone, contact: '' };
      } else if ('new' in c) {
        const doc = await newCustomerDoc(ctx.db, clinic.code, ctx.operator, c.new, now, 'customer.new');
        docs.push(doc);
        who = { customerId: doc._id, name: doc.name, phone: doc.phone, contact: '' };
      } else {
        who = { customerId: null, name: c.anonymous.name, phone: '', contact: c.anonymous.contact };
      }
      const enquiry: EnquiryDoc = {
        ...newMeta('enquiry', enquiryIds.enquiry(clinic.code, clinicDate(now), newIdTail(now)), clinic.code, ctx.operator._id, now),
        type: 'enquiry',
        channel: input.channel,
        question: input.question,
        items: input.items,
        answer: input.answer,
        recordingRef: input.recordingRef,
        at: now.toISOString(),
        consultantId: ctx.operator._id,
        ...who,
        outcome,
        answeredAt: answers(outcome.kind) ? now.toISOString() : null,
        appointmentId: null,
        steps: [{ at: now.toISOString(), by: ctx.operator._id, answer: input.answer, outcome }],
      };
      docs.push(enquiry);
      // One bulkDocs is one LevelDB batch: a new customer and the enquiry are written together.
      const results = await ctx.db.bulkDocs(docs);
      const failed = results.find((r) => 'error' in r && r.error);
      if (failed) throw new Error(`enquiry write failed: ${JSON.stringify(failed)}`);
      return viewOne(ctx, clinic, enquiry);
    });
  },

  async 'enquiry.answer'(ctx, input) {
    requireEnquirer(ctx);
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const e = await requireEnquiry(ctx.db, clinic, input.id);
      if (e.appointmentId) refuse('id', 'bookedAlready', {}, 'an appointment was booked from this enquiry: change the appointment instead', 'conflict');
      const outcome = await checkOutcome(ctx.db, clinic, input.outcome, now);
      const next: EnquiryDoc = {
        ...touched(e, ctx.operator, now),
        answer: input.answer,
        outcome,
        answeredAt: e.answeredAt ?? (answers(outcome.kind) ? now.toISOString() : null),
        steps: [...e.steps, { at: now.toISOString(), by: ctx.operator._id, answer: input.answer, outcome }],
      };
      await ctx.db.put(next);
      return viewOne(ctx, clinic, next);
    });
  },

  async 'enquiry.book'(ctx, input) {
    requireEnquirer(ctx);
    const clinic = await requireClinic(ctx.db);
    const e = await requireEnquiry(ctx.db, clinic, input.id);
    if (e.appointmentId) refuse('id', 'bookedAlready', {}, 'an appointment was already booked from this enquiry', 'conflict');
    if (!e.customerId) refuse('id', 'notOnFile', { name: e.name }, `${e.name} is not on file yet: register them (name, phone) first`);
    const { id: _id, ...booking } = input;
    // The appointments domain books it (its own checks and refusals); booked by the consultant, source from the channel.
    const appointment = await book(ctx, { customer: { id: e.customerId }, source: appointmentSourceOf(e.channel), ...booking });
    return serialised(ctx.db, async () => {
      const now = ctx.now();
      const fresh = await requireEnquiry(ctx.db, clinic, input.id);
      const next: EnquiryDoc = {
        ...touched(fresh, ctx.operator, now),
        appointmentId: appointment.id,
        outcome: { kind: 'booked' },
        answeredAt: fresh.answeredAt ?? now.toISOString(),
        steps: [...fresh.steps, { at: now.toISOString(), by: ctx.operator._id, answer: fresh.answer, outcome: { kind: 'booked' } }],
      };
      await ctx.db.put(next);
      return viewOne(ctx, clinic, next);
    });
  },

  async 'enquiry.list'(ctx, input) {
    requireEnquirer(ctx);
    const clinic = await requireClinic(ctx.db);
    const now = ctx.now();
    const r = range(input.from, input.to, clinicDate(now));
    const list = (await enquiriesBetween(ctx.db, clinic.code, r.from, r.to)).sort((a, b) => b.at.localeCompare(a.at));
    return toEnquiryViews(ctx.db, clinic, list, now, ctx.operator.role);
  },

  async 'enquiry.due'(ctx) {
    requireEnquirer(ctx);
    const clinic = await requireClinic(ctx.db);
    const now = ctx.now();
    const today = clinicDate(now);
    const open = (await enquiriesBetween(ctx.db, clinic.code, addDays(today, -DUE_LOOKBACK_DAYS), today)).filter((e) => e.answeredAt === null);
    open.sort((a, b) => answerDueAt(a).localeCompare(answerDueAt(b)));
    return toEnquiryViews(ctx.db, clinic, open, now, ctx.operator.role);
  },

  async 'enquiry.funnel'(ctx, input) {
    requireEnquirer(ctx);
    const clinic = await requireClinic(ctx.db);
    const r = range(input.from, input.to, clinicDate(ctx.now()));
    const [sums, staff] = await Promise.all([keptDaySums(ctx.db, clinic.code, r.from, r.to, clinicDate(ctx.now())), listStaff(ctx.db, clinic.code)]);
    return funnelOfSums(sums, input.grain, new Map(staff.map((s) => [s._id, s.name])));
  },

  async 'enquiry.recall'(ctx, input) {
    requireEnquirer(ctx);
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      let kept: EnquiryRecallDoc | null = null;
      const { state } = await recallAttempt(ctx, clinic.code, input.taskId, async (task) => {
        const enquiry = await getEnquiry(ctx.db, task.sourceId);
        if (!enquiry) refuse('taskId', 'noSuchEnquiry', {}, `no enquiry ${task.sourceId} behind this re-call`, 'not_found');
        // Did she book: 'here' only once the booking from this call (B) is on the enquiry.
        if (input.booked === 'here' && enquiry.appointmentId === null) refuse('booked', 'recallNotBooked', {}, 'nothing was booked from this enquiry yet (book with B first)', 'conflict');
        if (input.booked === 'no' && input.reason === null) refuse('reason', 'recallReasonRequired', {}, 'say why she did not book');
        if (input.booked !== 'no' && input.reason !== null) refuse('reason', 'recallReasonOnlyNotBooked', {}, 'only when she did not book');
        if (input.reason === 'other' && !input.reasonNote.trim()) refuse('reasonNote', 'recallReasonNote', {}, 'say what the other reason is');
        if (input.nextStep === 'callAgain' && input.nextAt === null) refuse('nextAt', 'recallNextAtRequired', {}, 'when to call again');
        if (input.nextStep !== 'callAgain' && input.nextAt !== null) refuse('nextAt', 'recallNextAtOnlyCallAgain', {}, 'only when calling again');
        const nextAt = input.nextAt === null ? null : new Date(input.nextAt);
        if (nextAt && nextAt.getTime() <= now.getTime()) refuse('nextAt', 'recallNextAtPast', {}, 'the time has passed');
        if (nextAt && nextAt.getTime() > now.getTime() + 31 * 86_400_000) refuse('nextAt', 'recallNextAtTooFar', { days: 31 }, 'at most 31 days ahead');
        const doc: EnquiryRecallDoc = {
          ...newMeta('enquiry-recall', enquiryRecallDocs.id(clinic.code, clinicDate(now), newIdTail(now)), clinic.code, ctx.operator._id, now),
          type: 'enquiry-recall',
          enquiryId: enquiry._id,
          taskId: task._id,
          booked: input.booked,
          reason: input.reason,
          reasonNote: input.reasonNote,
          nextStep: input.nextStep,
          nextAt: nextAt?.toISOString() ?? null,
          note: input.note,
          at: now.toISOString(),
          byName: ctx.operator.name,
        };
        await ctx.db.put(doc);
        kept = doc;
        return { result: nextAt ? 'reschedule' : 'reached', rescheduleAt: nextAt?.toISOString() ?? null, comments: input.note };
      });
      const r = kept as unknown as EnquiryRecallDoc;
      return { id: r._id, enquiryId: r.enquiryId, taskId: r.taskId, booked: r.booked, reason: r.reason, reasonNote: r.reasonNote, nextStep: r.nextStep, nextAt: r.nextAt, note: r.note, at: r.at, byName: r.byName, taskState: state };
    });
  },

  async 'enquiry.sheetReport'(ctx, input) {
    requireEnquirer(ctx);
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const today = clinicDate(now);
      if (input.date !== today && input.date !== addDays(today, -1)) refuse('date', 'sheetDate', {}, 'today or yesterday');
      const id = sheetId(clinic.code, input.date, ctx.operator._id);
      const old = await getOrNull<EnquirySheetDoc>(ctx.db, id);
      const doc: EnquirySheetDoc = old
        ? { ...touched(old, ctx.operator, now), summary: input.summary }
        : { ...newMeta('enquiry-sheet', id, clinic.code, ctx.operator._id, now), type: 'enquiry-sheet', consultantId: ctx.operator._id, date: input.date, summary: input.summary, reportedAt: now.toISOString() };
      await ctx.db.put(doc);
      const day = await daySheets(ctx.db, clinic, input.date);
      return day.rows.find((r) => r.consultantId === ctx.operator._id)!;
    });
  },

  async 'enquiry.sheets'(ctx, input) {
    requireEnquirer(ctx);
    if (!sheetReaderRoles.includes(ctx.operator.role)) refuse('role', 'notReader', { role: ctx.operator.role }, `a ${ctx.operator.role} does not read the day's sheets`, 'forbidden');
    return daySheets(ctx.db, await requireClinic(ctx.db), input.date);
  },

  async 'enquiry.spotCheck'(ctx, input) {
    requireEnquirer(ctx);
    if (!checkerRoles.includes(ctx.operator.role)) refuse('role', 'notChecker', { role: ctx.operator.role }, `a ${ctx.operator.role} does not spot-check the register`, 'forbidden');
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const e = await requireEnquiry(ctx.db, clinic, input.id);
      if (e.consultantId === ctx.operator._id) refuse('id', 'ownEntry', {}, 'not your own entry', 'forbidden');
      if (input.verdict !== 'ok' && !input.note) refuse('note', 'noteRequired', {}, 'say what is wrong or missing');
      const id = enquiryIds.check(e._id);
      const old = await getOrNull<EnquiryCheckDoc>(ctx.db, id);
      const fields = { verdict: input.verdict, note: input.note, checkedBy: ctx.operator._id, checkedAt: now.toISOString() };
      const doc: EnquiryCheckDoc = old
        ? { ...touched(old, ctx.operator, now), ...fields, history: [...old.history, { verdict: old.verdict, note: old.note, by: old.checkedBy, at: old.checkedAt }] }
        : { ...newMeta('enquiry-check', id, clinic.code, ctx.operator._id, now), type: 'enquiry-check', enquiryId: e._id, consultantId: e.consultantId, ...fields, history: [] };
      await ctx.db.put(doc);
      return viewOne(ctx, clinic, e);
    });
  },
};
