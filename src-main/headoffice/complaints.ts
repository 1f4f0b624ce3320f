import { HEAD_OFFICE_CODE } from '../../shared/headoffice/schemas';
import type { HoCaseSummary, HoCaseView, HoTodo } from '../../shared/headoffice/complaints';
import type { ComplaintView } from '../../shared/complaints/schemas';
import type { ClinicDoc } from '../../shared/reference/schemas';
import { REVIEW_MONTHS } from '../../shared/complaints/schemas';
import { clinicDate } from '../../shared/time';
import type { Handlers } from '../api/types';
import type { OperatorContext } from '../api/context';
import type { Db } from '../store/pouch';
import { newMeta } from '../store/meta';
import { serialised } from '../store/serial';
import { listStaff } from '../reference/repo';
import { clinicCases, limitsView, recordStep, viewContextFor } from '../complaints/cases';
import { eventsOf } from '../complaints/repo';
import { caseView, toSummary, type ViewContext } from '../complaints/view';
import { complaintIds, type ComplaintDoc, type ComplaintEventDoc, type ComplaintReviewDoc } from '../complaints/storage';
import { finishedMonths, monthReview, reviewDocsOf } from '../complaints/reviews';
import { listClinics } from './repo';
import { inClinicDb } from './online';
import { headofficeRefusals } from '../../shared/headoffice/refusals';
import { getOrNull } from '../store/get';

const no = headofficeRefusals.refuse;

type Ops = 'headoffice.complaintLimits' | 'headoffice.complaintCases' | 'headoffice.complaintGet' | 'headoffice.complaintStep' | 'headoffice.complaintEvidence' | 'headoffice.complaintTodo' | 'headoffice.complaintReview';

/** Roles that record the GM office's monthly review (seed 001 (五) "总经办每月 10 日前应审视…"). */
const REVIEW_ROLES = ['gmOffice', 'gm'];

/** The clinic's view context at head office, with head office's own people known by name. */
async function hoContext(ctx: OperatorContext, clinic: string): Promise<ViewContext> {
  const [v, ours] = await Promise.all([viewContextFor(ctx.db, clinic, ctx.operator, ctx.now()), listStaff(ctx.db, HEAD_OFFICE_CODE)]);
  for (const s of ours) v.staff.set(s._id, s);
  return v;
}

/** `complaint:BJ:2026-11-27:<tail>` → the clinic, which must have reached head office. */
async function clinicOf(ctx: OperatorContext, id: string): Promise<ClinicDoc> {
  const code = id.split(':')[1] ?? '';
  const clinic = (await listClinics(ctx.db)).find((c) => c.code === code);
  if (!clinic) throw no('not_found', 'id', 'noSuchClinic', { code }, `id: no clinic ${code} has reached head office`);
  return clinic;
}

const withClinic = <T extends ComplaintView | ReturnType<typeof toSummary>>(c: T, clinic: ClinicDoc) => ({ ...c, clinic: clinic.code, clinicName: clinic.name });

async function everyCase(ctx: OperatorContext, only: string | null) {
  const clinics = (await listClinics(ctx.db)).filter((c) => only === null || c.code === only);
  const per = await Promise.all(clinics.map(async (clinic) => ({ clinic, cases: await clinicCases(ctx.db, clinic.code, '', await hoContext(ctx, clinic.code)) })));
  return per;
}

/** 0 overdue, 1 due within a day, 2 the rest; then the next deadline. */
const urgency = (s: HoCaseSummary) => (s.overdue.length > 0 ? 0 : s.dueSoon.length > 0 ? 1 : 2);
const byUrgency = (a: HoCaseSummary, b: HoCaseSummary) => urgency(a) - urgency(b) || (a.nextDeadline?.dueAt ?? '~').localeCompare(b.nextDeadline?.dueAt ?? '~') || b.receivedAt.localeCompare(a.receivedAt);

/**
 * Copies a document just written into a clinic's database into head office's consolidated copy,
 * with the server's revision and history: the screen shows the act at once, and consolidation later
 * finds the same revision (no conflict).
 */
async function copyHere(ctx: OperatorContext, remote: Db, id: string) {
  const doc = await remote.get(id, { revs: true, attachments: true });
  await serialised(ctx.db, () => ctx.db.bulkDocs([doc], { new_edits: false }));
}

async function hoNames(ctx: OperatorContext, clinic: string) {
  const [theirs, ours] = await Promise.all([listStaff(ctx.db, clinic), listStaff(ctx.db, HEAD_OFFICE_CODE)]);
  return new Map([...theirs, ...ours].map((s) => [s._id, s.name]));
}

async function todo(ctx: OperatorContext): Promise<HoTodo> {
  const [previous, ...earlier] = finishedMonths(ctx.now(), REVIEW_MONTHS);
  const out: HoTodo = { approvals: [], penalties: [], escalations: [], reviews: [] };
  for (const { clinic, cases } of await everyCase(ctx, null)) {
    for (const c of cases) {
      const summary = withClinic(toSummary(c), clinic);
      const open = (key: string) => c.deadlines.find((d) => d.key === key && d.doneAt === null && d.status !== 'superseded') ?? null;
      // Seed 003 第十七条: from ¥1,000 the plan goes to 副总经理 / 总经理 (and 总经理 at 总部医务部专家会诊).
      if (c.current === 6 && c.approverRoles.some((r) => r === 'gm' || r === 'deputyGm'))
        out.approvals.push({ case: summary, act: 'approve', roles: c.approverRoles, amount: c.amount, deadline: open('approve') });
      // Seed 001 (五): 总经办 issues the 员工过失处罚单 after the dean's agreement; 总经理 approves it.
      if (c.penaltyStage === 'deanAgreed') out.penalties.push({ case: summary, act: 'penaltySlip', roles: ['gmOffice'], amount: 0, deadline: open('review') });
      if (c.penaltyStage === 'slipIssued') out.penalties.push({ case: summary, act: 'penaltyApprove', roles: ['gm'], amount: 0, deadline: open('review') });
      // Escalated to head office: 总部医务部 "组织专家会诊…提出处理意见", 总部法务部 "交由集团法务部处理" (the case's close limit runs on).
      if (c.escalationLevel === 'headOfficeMedical' && c.current === 5) out.escalations.push({ case: summary, act: 'propose', roles: ['hoMedical'], amount: 0, deadline: open('close') });
      if (c.escalationLevel === 'headOfficeLegal' && !c.closed) out.escalations.push({ case: summary, act: 'close', roles: ['hoLegal'], amount: 0, deadline: open('close') });
    }
    // Last month's review (due by this month's 10th), and any earlier month with closed cases still not reviewed.
    const [docs, names] = await Promise.all([reviewDocsOf(ctx.db, clinic.code), hoNames(ctx, clinic.code)]);
    out.reviews.push(monthReview(clinic, previous!, cases, docs.get(previous!) ?? null, names, ctx.now()));
    for (const m of earlier) {
      const r = monthReview(clinic, m, cases, null, names, ctx.now());
      if (!docs.has(m) && r.closedCases > 0) out.reviews.push(r);
    }
  }
  const byDue = (a: { deadline: { dueAt: string } | null }, b: { deadline: { dueAt: string } | null }) => (a.deadline?.dueAt ?? '~').localeCompare(b.deadline?.dueAt ?? '~');
  out.approvals.sort(byDue);
  out.penalties.sort(byDue);
  out.escalations.sort(byDue);
  return out;
}

/** Head office's 投诉 screen: every clinic's cases, the whole case, its own acts written into the clinic's database, its to-do. */
export const hoComplaintHandlers: Pick<Handlers, Ops> = {
  /** One clinic's time limits as its desks use them (from the consolidated copy), for head office's screen of limits. */
  async 'headoffice.complaintLimits'(ctx, input) {
    if (!(await listClinics(ctx.db)).some((c) => c.code === input.clinic)) throw no('not_found', 'clinic', 'noSuchClinic', { code: input.clinic }, `clinic: no clinic ${input.clinic} has reached head office`);
    return limitsView(ctx.db, input.clinic);
  },

  async 'headoffice.complaintCases'(ctx, input) {
    if (input.clinic !== null && !(await listClinics(ctx.db)).some((c) => c.code === input.clinic))
      throw no('not_found', 'clinic', 'noSuchClinic', { code: input.clinic }, `clinic: no clinic ${input.clinic} has reached head office`);
    const rows: HoCaseSummary[] = [];
    for (const { clinic, cases } of await everyCase(ctx, input.clinic))
      for (const c of cases) if (input.state === 'all' || (input.state === 'open' ? c.current <= 11 : c.closed)) rows.push(withClinic(toSummary(c), clinic));
    return rows.sort(byUrgency).slice(0, 500);
  },

  async 'headoffice.complaintGet'(ctx, input) {
    const clinic = await clinicOf(ctx, input.id);
    const doc = await getOrNull<ComplaintDoc>(ctx.db, input.id);
    if (!doc || doc.type !== 'complaint') throw no('not_found', 'id', 'noSuchComplaintHere', {}, 'id: no such complaint at head office');
    const [events, v] = await Promise.all([eventsOf(ctx.db, doc._id), hoContext(ctx, clinic.code)]);
    return withClinic(caseView({ doc, events }, v), clinic) satisfies HoCaseView;
  },

  /**
   * A step recorded by head office's person, online in the clinic's database where its desks read
   * it (as the template roll-out writes): checked there against the case as the clinic has it now,
   * one new event document stamped with the person (and the name, which no clinic roster has) or
   * nothing. Unreachable → refused, nothing written anywhere.
   */
  async 'headoffice.complaintStep'(ctx, input) {
    const clinic = await clinicOf(ctx, input.id);
    const v = await hoContext(ctx, clinic.code);
    const { doc, events } = await inClinicDb(ctx, clinic.code, async (remote) => {
      const doc = await remote.get<ComplaintDoc>(input.id).catch((err: { status?: number }) => {
        if (err.status === 404) throw no('not_found', 'id', 'noSuchComplaintThere', {}, 'id: no such complaint in the clinic');
        throw err;
      });
      if (doc.type !== 'complaint') throw no('not_found', 'id', 'noSuchComplaintThere', {}, 'id: no such complaint in the clinic');
      // The remote store is a fresh handle per call: the clinic's own desks may write meanwhile,
      // and the event's `seq` with caseState's ordering settles such a tie as on any two desks.
      const event = await recordStep(remote, { operator: ctx.operator, deskId: ctx.deskId, now: ctx.now(), headOffice: true }, input, doc.createdBy);
      const events = await eventsOf(remote, doc._id);
      await copyHere(ctx, remote, event._id).catch(() => undefined); // consolidation brings it anyway
      return { doc, events };
    });
    return withClinic(caseView({ doc, events: events as ComplaintEventDoc[] }, v), clinic);
  },

  /**
   * An evidence file as the clinic's case view opens it: the intake's (id = the case) or a step's
   * (id = its event), from the consolidated copy, which replication fills with the attachments.
   */
  async 'headoffice.complaintEvidence'(ctx, input) {
    await clinicOf(ctx, input.id);
    const doc = await ctx.db.get<ComplaintDoc | ComplaintEventDoc>(input.id).catch(() => null);
    const listed = doc?.type === 'complaint' ? doc.evidence : doc?.type === 'complaint-event' ? doc.attachments : null;
    if (!listed) throw no('not_found', 'id', 'noSuchComplaintHere', {}, 'id: no such complaint at head office');
    const file = listed.find((f) => f.name === input.name);
    if (!file) throw no('not_found', 'name', 'noSuchEvidenceHere', {}, 'name: no such evidence file on this case');
    const blob = (await ctx.db.getAttachment(input.id, input.name).catch(() => null)) as Buffer | null;
    // Listed but its bytes not here yet (consolidation still bringing them): say so, not an empty file.
    if (!blob) throw no('not_found', 'name', 'evidenceNotHereYet', {}, 'name: the file has not reached head office yet');
    return { name: file.name, mime: file.mime, data: Buffer.from(blob).toString('base64') };
  },

  async 'headoffice.complaintTodo'(ctx) {
    return todo(ctx);
  },

  /**
   * 总经办 records its monthly review of a clinic's previous months (seed 001 (五)): one document
   * per clinic and month, written once in the clinic's database, so the clinic sees it was done.
   */
  async 'headoffice.complaintReview'(ctx, input) {
    if (!REVIEW_ROLES.includes(ctx.operator.role))
      throw no('forbidden', 'month', 'reviewRole', { name: ctx.operator.name, role: ctx.operator.role }, `month: the monthly review is recorded by 总经办 (gmOffice) or 总经理 (gm); ${ctx.operator.name} is ${ctx.operator.role}`);
    if (input.month >= clinicDate(ctx.now()).slice(0, 7)) throw no('invalid_input', 'month', 'monthNotOver', { month: input.month }, `month: ${input.month} is not over yet`);
    const clinic = (await listClinics(ctx.db)).find((c) => c.code === input.clinic);
    if (!clinic) throw no('not_found', 'clinic', 'noSuchClinic', { code: input.clinic }, `clinic: no clinic ${input.clinic} has reached head office`);
    const id = complaintIds.review(clinic.code, input.month);
    const cases = (await everyCase(ctx, clinic.code))[0]?.cases ?? [];
    const names = await hoNames(ctx, clinic.code);
    const counted = monthReview(clinic, input.month, cases, null, names, ctx.now());
    const now = ctx.now();
    const doc = await inClinicDb(ctx, clinic.code, async (remote) => {
      const existing = await remote.get(id).catch((err: { status?: number }) => {
        if (err.status === 404) return null;
        throw err;
      });
      if (existing) throw no('conflict', 'month', 'reviewedAlready', { month: input.month, code: clinic.code }, `month: ${input.month} of ${clinic.code} is reviewed already`);
      const doc: ComplaintReviewDoc = {
        ...newMeta('complaint-review', id, clinic.code, ctx.operator._id, now),
        type: 'complaint-review',
        month: input.month,
        note: input.note,
        closedCases: counted.closedCases,
        penalised: counted.penalised,
        byName: ctx.operator.name,
      };
      await remote.put(doc);
      await copyHere(ctx, remote, id).catch(() => undefined);
      return doc;
    });
    return monthReview(clinic, input.month, cases, doc, names, now);
  },
};
