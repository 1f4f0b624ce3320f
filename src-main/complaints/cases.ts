/**
 * A complaint case's reading and its steps, shared by the clinic's handlers (complaint.*) and head
 * office's (src-main/headoffice/complaints.ts), which writes a step online into the clinic's
 * database: one place for the checks a step must pass, whoever records it.
 */
import { complaintsRefusals } from '../../shared/complaints/refusals';
import type { z } from 'zod';
import { newIdTail } from '../../shared/ids';
import { addWorkingDaysAcross } from '../../shared/reference/calendar';
import { approverRoles, BANK_CARD_WORKING_DAYS, canReadAll, groupLimits, paperworkRefusal, limitKeys, rolesFor, caseState, eventRoles, numberProblems, penaltyFines, refusal, subcategories, type EventKind } from '../../shared/complaints/rules';
import { RECEIVED_BACK_DAYS, type ComplaintLimitsView, type complaintRecordInput, type ComplaintStepInput, type ComplaintView, type EvidenceFile } from '../../shared/complaints/schemas';
import { staffRoleNames, type ClinicDoc, type StaffDoc, type StaffRole } from '../../shared/reference/schemas';
import { clinicDate } from '../../shared/time';
import { getCustomer } from '../desk/repo';
import type { Db } from '../store/pouch';
import { newMeta } from '../store/meta';
import { serialised } from '../store/serial';
import { listStaff } from '../reference/repo';
import { clinicNumbers, complaintsOf, eventsByCaseOf, eventsOf, getComplaint, getLimits, getSettings, knownCalendars } from './repo';
import { caseView, mayRead, type ViewContext } from './view';
import { complaintIds, type ComplaintDoc, type ComplaintEventDoc } from './storage';

const no = complaintsRefusals.refuse;

export async function viewContextFor(db: Db, clinic: string, operator: StaffDoc, now: Date): Promise<ViewContext> {
  const [staff, calendars, issued, limits] = await Promise.all([listStaff(db, clinic), knownCalendars(db), clinicNumbers(db, clinic), getLimits(db, clinic)]);
  return { operator, staff: new Map(staff.map((s) => [s._id, s])), now, calendars, claims: issued, problems: numberProblems(issued), limits: limits?.limits ?? {} };
}

/** Every case of one clinic received in `datePrefix` that `v.operator` may read, newest first (head office reads every clinic). */
export async function clinicCases(db: Db, clinic: string, datePrefix: string, v: ViewContext): Promise<ComplaintView[]> {
  const [docs, eventsByCase] = await Promise.all([complaintsOf(db, clinic, datePrefix), eventsByCaseOf(db, clinic, datePrefix)]);
  return docs
    .filter((d) => mayRead(v.operator, d))
    .map((doc) => caseView({ doc, events: eventsByCase.get(doc._id) ?? [] }, v))
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}

/** Who records a step, from where: a clinic desk, or head office writing into the clinic's database. */
export interface StepAuthor {
  operator: StaffDoc;
  deskId: string;
  now: Date;
  /** Head office's person: not on the clinic's roster, so the event carries the name (and says it is head office's). */
  headOffice?: boolean;
}

/**
 * Checks and writes one step of a case in `db` (the desk's store, or the clinic's database at head
 * office): the role, the order, the approval band, the proposer not approving; one new event
 * document or nothing. `recordedBy` is who recorded the intake (they may tell customer service).
 */
export async function recordStep(db: Db, who: StepAuthor, input: ComplaintStepInput, recordedBy: string): Promise<ComplaintEventDoc> {
  return (await recordStepOf(db, who, input, recordedBy)).event;
}

/** recordStep, answering also the case and its events as they are after the step (read once, inside the serialised section). */
export async function recordStepOf(db: Db, who: StepAuthor, input: ComplaintStepInput, recordedBy: string): Promise<{ doc: ComplaintDoc; events: ComplaintEventDoc[]; event: ComplaintEventDoc }> {
    const step = input.step;
    const kind = step.kind;
    // Telling customer service is the act of whoever received the complaint (or a reader on their behalf).
    const mayRecord = kind === 'notify' ? canReadAll(who.operator.role) || recordedBy === who.operator._id : canReadAll(who.operator.role) && eventRoles[kind].includes(who.operator.role);
    // Proposing and closing are checked against the case's escalation level (below).
    if (!mayRecord && kind !== 'propose' && kind !== 'close') refuseRole(kind, eventRoles[kind], who.operator);
    if (step.kind === 'classify' && !(subcategories[step.category] as readonly string[]).includes(step.subcategory))
      throw no('invalid_input', 'step.subcategory', 'notASubcategory', { subcategory: step.subcategory, category: step.category }, `step.subcategory: ${step.subcategory} is not a subcategory of ${step.category}`);
    if (step.kind === 'classify' && step.subcategory === 'service' && step.serviceType === null)
      throw no('invalid_input', 'step.serviceType', 'serviceTypeNeeded', {}, 'step.serviceType: a service complaint needs its type (attitude, hygiene, booking, charges or other)');
    if (step.kind === 'classify' && step.subcategory !== 'service' && step.serviceType !== null)
      throw no('invalid_input', 'step.serviceType', 'serviceTypeOnlyService', { subcategory: step.subcategory }, `step.serviceType: only a service complaint has a service type, not ${step.subcategory}`);
    return serialised(db, async () => {
      const doc = (await getComplaint(db, input.id))!;
      const events = await eventsOf(db, doc._id);
      const state = caseState(
        { id: doc._id, receivedAt: doc.receivedAt, inHeadOfficeCity: doc.inHeadOfficeCity },
        events.map((e) => ({ id: e._id, kind: e.kind, at: e.at, seq: e.seq, by: e.createdBy, data: e.data })),
      );
      const { kind: _k, ...fields } = step;
      const data: Record<string, unknown> = { ...fields };
      // Who proposes and who closes depend on the escalation level (the dean at 行政院长重新协商,
      // 总部医务部 at its expert consultation, 总部法务部 once the case is with it).
      const bands = { ...groupLimits, ...((await getLimits(db, doc.clinic))?.limits ?? {}) };
      const levelRoles = kind === 'propose' || kind === 'close' ? rolesFor(state, kind) : null;
      if (levelRoles && !(canReadAll(who.operator.role) && levelRoles.includes(who.operator.role))) refuseRole(kind, levelRoles, who.operator);
      const reason = refusal(state, kind, data);
      if (reason !== null) throw no('conflict', refusalField(reason.rule), reason.rule, reason.params, `${refusalField(reason.rule)}: ${reason.message}`);
      if (step.kind === 'approve') {
        const roles = approverRoles(state.category!, state.amount, state.escalationLevel, bands);
        if (!roles.includes(who.operator.role))
          throw no(
            'forbidden',
            'step.approved',
            'approverBand',
            { amount: state.amount, roles: roles.join(','), category: state.category!, medical: state.escalationLevel === 'headOfficeMedical' ? 1 : 0 },
            `step.approved: a ${state.category === 'quality' ? 'quality' : 'non-quality'} solution of ¥${state.amount}${state.escalationLevel === 'headOfficeMedical' ? ' from head-office medical experts' : ''} is approved by ${roleList(roles)}`,
          );
        if (state.proposedBy === who.operator._id)
          throw no('forbidden', 'step.approved', 'proposerApproves', { name: who.operator.name }, `step.approved: ${who.operator.name} proposed this plan and may not approve it`);
        data.amount = state.amount;
        data.approverRoles = [...roles];
      }
      if (step.kind === 'paperwork') {
        const lacking = paperworkRefusal(state.amount, step);
        if (lacking) throw no('invalid_input', lacking.field, lacking.rule, lacking.params, `${lacking.field}: ${lacking.message}`);
        // The money as the plan in force has it, and when a bank card is due to have it (seed 001 (四) "约 7 个工作日").
        data.amount = state.amount;
        if (step.payment === 'bankCard') data.bankCardBy = addWorkingDaysAcross(clinicDate(who.now), BANK_CARD_WORKING_DAYS, await knownCalendars(db)).date;
      }
      if (step.kind === 'close' && step.patientConfirmed && step.satisfaction === null)
        throw no('invalid_input', 'step.satisfaction', 'satisfactionNeeded', {}, "step.satisfaction: record the patient's satisfaction with the handling");
      if (step.kind === 'close' && !step.patientConfirmed && !step.handedToLegal)
        throw no('conflict', 'step.patientConfirmed', 'confirmationNeeded', {}, "step.patientConfirmed: closing needs the patient's confirmation (or the case handed to head office legal)");
      if (step.kind === 'penalty') {
        const staff = new Map((await listStaff(db, doc.clinic)).map((s) => [s._id, s]));
        data.persons = step.persons.map((p, i) => {
          if (p.staffId !== null && !staff.has(p.staffId)) throw no('not_found', `step.persons.${i}.staffId`, 'noSuchStaff', {}, `step.persons.${i}.staffId: no such staff member`);
          return { ...p, fines: penaltyFines[p.level] };
        });
      }
      if (step.kind === 'escalate') data.from = state.escalationLevel;
      // Accepted on the numbering desk: it numbers the case itself, and no later numbering desk
      // may give the patient a second number while this one is on its way (or held up as a duplicate).
      if (step.kind === 'accept' && (await getSettings(db, doc.clinic))?.numberingDeskId === who.deskId) data.numberedBy = who.deskId;
      const now = who.now;
      const { meta, attachments } = attachmentsOf(input.attachments, 'attachments');
      const event: ComplaintEventDoc = {
        ...newMeta('complaint-event', complaintIds.event(doc._id, newIdTail(now)), doc.clinic, who.operator._id, now),
        type: 'complaint-event',
        complaintId: doc._id,
        kind,
        at: now.toISOString(),
        seq: events.length,
        byRole: who.operator.role,
        data,
        attachments: meta,
        ...(meta.length ? { _attachments: attachments } : {}),
        ...(who.headOffice ? { byName: who.operator.name, headOffice: true as const } : {}),
      };
      await db.put(event);
      return { doc, events: [...events, event], event };
    });
}

/** The clinic's limits as the case view uses them: the group's, head office's for this clinic, and the two merged. */
export async function limitsView(db: Db, clinic: string): Promise<ComplaintLimitsView> {
  const doc = await getLimits(db, clinic);
  const own = doc?.limits ?? {};
  return {
    group: { ...groupLimits },
    clinic: Object.fromEntries(limitKeys.filter((k) => own[k] !== undefined).map((k) => [k, own[k]!])),
    effective: { ...groupLimits, ...own },
    updatedBy: doc?.updatedBy ?? null,
    updatedAt: doc?.updatedAt ?? null,
    reason: doc?.reason ?? null,
  };
}

export const roleList = (roles: readonly string[]) => roles.map((r) => `${staffRoleNames[r as StaffRole] ?? r} (${r})`).join(' / ');

/** First bytes of each evidence type we accept: the declared type must be what the file is. */
const MAGIC: Record<EvidenceFile['mime'], (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};

/** Checks each file and turns the list into PouchDB attachments (`1-name`, `2-name`, …). */
export function attachmentsOf(files: readonly EvidenceFile[], field: string) {
  const meta: { name: string; mime: string; size: number }[] = [];
  const attachments: Record<string, { content_type: string; data: string }> = {};
  files.forEach((f, i) => {
    const bytes = Buffer.from(f.data, 'base64');
    if (!MAGIC[f.mime](bytes)) throw no('invalid_input', `${field}.${i}.data`, 'notThatFile', { mime: f.mime }, `${field}.${i}.data: the file is not ${f.mime}`);
    const name = `${i + 1}-${f.name.replace(/[/\\:]/g, '_')}`;
    attachments[name] = { content_type: f.mime, data: f.data };
    meta.push({ name, mime: f.mime, size: bytes.length });
  });
  return { meta, attachments };
}

function refuseRole(kind: EventKind, roles: readonly string[], operator: StaffDoc): never {
  throw no('forbidden', 'step.kind', 'stepRole', { kind, roles: roles.join(','), name: operator.name, role: operator.role }, `step.kind: ${kind} needs ${roleList(roles)}; ${operator.name} is ${staffRoleNames[operator.role]}`);
}

/** Field the order refusal names: the flag a closing lacks, else the step itself. */
function refusalField(rule: string): string {
  return rule === 'confirmationNeeded' ? 'step.patientConfirmed' : 'step.kind';
}

/**
 * The intake (投诉受理) written once: the checks `complaint.record` makes, for the desk's handler and
 * for follow-up (a call whose feedback is 投诉 opens a complaint with channel 回访反馈, keeping the
 * follow-up task's id in `followupTaskId`). Refusals name the field; nothing is written on refusal.
 */
export async function recordComplaint(db: Db, clinic: ClinicDoc, operatorId: string, now: Date, input: z.output<typeof complaintRecordInput>, link: { followupTaskId?: string } = {}): Promise<ComplaintDoc> {
  let patient: { customerId: string | null; name: string; phone: string };
  if ('customerId' in input.patient) {
    const customer = await getCustomer(db, input.patient.customerId);
    if (!customer || customer.clinic !== clinic.code) throw no('not_found', 'patient.customerId', 'noSuchCustomer', {}, 'patient.customerId: no such customer');
    patient = { customerId: customer._id, name: customer.name, phone: customer.phone };
  } else patient = { customerId: null, name: input.patient.name, phone: input.patient.phone };
  let departmentName: string | null = null;
  if (input.departmentId !== null) {
    const dep = clinic.departments.find((d) => d.id === input.departmentId);
    if (!dep) throw no('invalid_input', 'departmentId', 'noSuchDepartment', {}, 'departmentId: no such department');
    departmentName = dep.name;
  }
  // Received earlier than typed (意见箱, e-mail found the next day): the 12 h clock starts then.
  const received = input.receivedAt === null ? now : new Date(`${input.receivedAt}:00+08:00`);
  if (input.receivedAt !== null && (Number.isNaN(received.getTime()) || clinicDate(received) !== input.receivedAt.slice(0, 10)))
    throw no('invalid_input', 'receivedAt', 'noSuchDate', {}, 'receivedAt: no such date');
  if (received.getTime() > now.getTime() + 60_000) throw no('invalid_input', 'receivedAt', 'receivedInFuture', {}, 'receivedAt: a complaint cannot be received in the future');
  if (now.getTime() - received.getTime() > RECEIVED_BACK_DAYS * 86_400_000)
    throw no('invalid_input', 'receivedAt', 'receivedTooLongAgo', { days: RECEIVED_BACK_DAYS }, `receivedAt: at most ${RECEIVED_BACK_DAYS} days back`);
  const promised = input.promisedReplyAt === null ? null : new Date(`${input.promisedReplyAt}:00+08:00`);
  if (promised && (Number.isNaN(promised.getTime()) || clinicDate(promised) !== input.promisedReplyAt!.slice(0, 10)))
    throw no('invalid_input', 'promisedReplyAt', 'noSuchDate', {}, 'promisedReplyAt: no such date');
  if (promised && promised.getTime() < received.getTime())
    throw no('invalid_input', 'promisedReplyAt', 'promisedBeforeReceived', {}, 'promisedReplyAt: a reply cannot be promised before the complaint was received');
  const { meta, attachments } = attachmentsOf(input.evidence, 'evidence');
  const doc: ComplaintDoc = {
    ...newMeta('complaint', complaintIds.complaint(clinic.code, clinicDate(received), newIdTail(now)), clinic.code, operatorId, now),
    type: 'complaint',
    receivedAt: received.toISOString(),
    channel: input.channel,
    customerId: patient.customerId,
    patientName: patient.name,
    patientPhone: patient.phone,
    what: input.what,
    wants: input.wants,
    staffInvolved: input.staffInvolved,
    departmentId: input.departmentId,
    departmentName,
    inHeadOfficeCity: clinic.inHeadOfficeCity,
    evidence: meta,
    promisedReplyAt: promised ? promised.toISOString() : null,
    ...(link.followupTaskId ? { followupTaskId: link.followupTaskId } : {}),
    ...(meta.length ? { _attachments: attachments } : {}),
  };
  await db.put(doc);
  return doc;
}

