import { withDetail } from '../../shared/errors';
import { deskRefusals } from '../../shared/desk/refusals';
import { newIdTail } from '../../shared/ids';
import { visitDocs } from '../../shared/desk/docs';
import type { CustomerDoc, VisitDoc, VisitView } from '../../shared/desk/schemas';
import type { ClinicDoc } from '../../shared/reference/schemas';
import { clinicDate } from '../../shared/time';
import type { Handler } from '../api/types';
import type { Db } from '../store/pouch';
import { newMeta } from '../store/meta';
import { serialised } from '../store/serial';
import { requireClinic } from '../reference/repo';
import { triageTarget } from '../staff/triage';
import { getCustomer, newCustomerDoc } from './repo';
import { phoneFor } from '../../shared/desk/visibility';
import type { StaffRole } from '../../shared/reference/schemas';
import type { RefusalParams } from '../../shared/errors';
import type { DeskRule } from '../../shared/desk/refusals';
import { arrivalOf, getAppointment } from '../appointments/repo';
import { dayBoard, nextQueueNumber } from '../visits/repo';

/**
 * Checking a visitor in (desk.checkIn), also called by appointment.checkIn for a booked visitor:
 * the desk's own module, so that no domain imports another domain's handlers.
 */

export function toVisitView(v: VisitDoc, staffNames: Map<string, string>, role: StaffRole): VisitView {
  return {
    id: v._id,
    customerId: v.customerId,
    customerName: v.customerName,
    customerPhone: phoneFor(role, v.customerPhone),
    firstVisit: v.firstVisit,
    hasAppointment: v.hasAppointment,
    appointmentId: v.appointmentId ?? null,
    intention: v.intention,
    departmentId: v.departmentId,
    departmentName: v.departmentName,
    consultantId: v.consultantId,
    consultantName: v.consultantName,
    arrivedAt: v.arrivedAt,
    status: v.status,
    registeredBy: v.createdBy,
    registeredByName: staffNames.get(v.createdBy) ?? v.createdBy,
    repeatReason: v.repeatReason ?? null,
  };
}

/** Whom the visitor goes to (src-main/staff/triage.ts), refused by the desk's rules on `visit.*`. */
export async function checkTriage(ctx: { db: Db }, clinic: ClinicDoc, departmentId: string, consultantId: string | null, date: string, at: Date | null = null) {
  return triageTarget(ctx.db, clinic, { departmentId, consultantId }, { date, at }, (p) => {
    if (p.rule === 'noSuchDepartment') throw deskRefusals.refuse('invalid_input', 'visit.departmentId', 'noSuchDepartment', {}, 'visit.departmentId: no such active department');
    if (p.rule === 'notConsultantOf') throw deskRefusals.refuse('invalid_input', 'visit.consultantId', 'notConsultantOf', { department: p.department }, `visit.consultantId: not an active consultant or doctor of ${p.department}`);
    const when = at ? 'now' : 'today';
    throw deskRefusals.refuse('invalid_input', 'visit.consultantId', 'consultantOffDuty', { name: p.name, when }, `visit.consultantId: ${p.name} is not on duty ${when}`);
  });
}

/** A visit keeps an appointment of today, still booked, not yet kept, of this customer (or of nobody on file yet). */
async function checkAppointment(db: Db, id: string, clinic: string, today: string, customer: CustomerDoc) {
  const refuse = (rule: DeskRule, params: RefusalParams, message: string, code: 'invalid_input' | 'not_found' | 'conflict' = 'invalid_input') => {
    throw deskRefusals.refuse(code, 'visit.appointmentId', rule, params, `visit.appointmentId: ${message}`);
  };
  const a = await getAppointment(db, id);
  if (!a || a.clinic !== clinic) return refuse('noSuchAppointment', {}, 'no such appointment', 'not_found');
  if (a.status === 'cancelled') return refuse('appointmentCancelled', {}, 'this appointment was cancelled', 'conflict');
  if (a.date !== today) return refuse('appointmentOtherDay', { date: a.date }, `this appointment is for ${a.date}, not today`);
  // Booked under a customer record: that one. Booked by name and phone only: the person with that phone.
  if (a.customerId !== null ? a.customerId !== customer._id : a.phone !== customer.phone) return refuse('appointmentOfOther', { name: a.name }, `this appointment is ${a.name}'s`);
  if (await arrivalOf(db, a)) return refuse('alreadyCheckedIn', {}, 'this visitor has already checked in', 'conflict');
}

/**
 * One person, one visit a day: someone already checked in today (not cancelled) is offered her
 * visit; a second one needs the reason, which the visit keeps. The refusal carries her visit.
 */
async function checkRepeat(db: Db, clinic: string, today: string, customer: CustomerDoc, reason: string | null): Promise<string | null> {
  const earlier = (await dayBoard(db, clinic, today)).filter((b) => b.visit.customerId === customer._id);
  if (!earlier.length) return null;
  if (reason) return reason;
  const open = earlier.find((b) => b.state.status !== 'left') ?? earlier.at(-1)!;
  throw withDetail(
    deskRefusals.refuse('conflict', 'visit.repeatReason', 'alreadyHereToday', { name: customer.name, status: open.state.status }, `visit.repeatReason: ${customer.name} already checked in today (${open.state.status}); give the reason for a second visit`),
    { existingVisitId: open.visit._id, existingStatus: open.state.status, existingArrivedAt: open.visit.arrivedAt },
  );
}

/** desk.checkIn: one visit (and a new customer record, if she is new) written in one batch. */
export const checkIn: Handler<'desk.checkIn'> = async (ctx, input) => {
  // One at a time: two submits at once must not both pass the check below and both write.
  return serialised(ctx.db, async () => {
    const clinic = await requireClinic(ctx.db);
    const now = ctx.now();
    const by = ctx.operator._id;
    const { department, consultant } = await checkTriage(ctx, clinic, input.visit.departmentId, input.visit.consultantId, clinicDate(now), now);

    let customer: CustomerDoc;
    let firstVisit: boolean;
    const docs: (CustomerDoc | VisitDoc)[] = [];
    if ('id' in input.customer) {
      const found = await getCustomer(ctx.db, input.customer.id);
      if (!found || found.clinic !== clinic.code) throw deskRefusals.refuse('not_found', 'customer.id', 'noSuchCustomer', {}, 'customer.id: no such customer');
      if (found.mergedInto) throw withDetail(deskRefusals.refuse('conflict', 'customer.id', 'merged', {}, `customer.id: this record was merged into ${found.mergedInto}`), { existingId: found.mergedInto });
      customer = found;
      firstVisit = false;
    } else {
      // Never a second record for one person; 定向性登记 only by the roles that may see it.
      customer = await newCustomerDoc(ctx.db, clinic.code, ctx.operator, input.customer.new, now, 'customer.new');
      docs.push(customer);
      firstVisit = true;
    }

    const appointmentId = input.visit.appointmentId;
    if (appointmentId !== null) await checkAppointment(ctx.db, appointmentId, clinic.code, clinicDate(now), customer);
    const repeatReason = firstVisit ? null : await checkRepeat(ctx.db, clinic.code, clinicDate(now), customer, input.visit.repeatReason);

    const visit: VisitDoc = {
      ...newMeta('visit', visitDocs.id(clinic.code, clinicDate(now), newIdTail(now)), clinic.code, by, now),
      type: 'visit',
      customerId: customer._id,
      customerName: customer.name,
      customerPhone: customer.phone,
      firstVisit,
      ...input.visit,
      hasAppointment: input.visit.hasAppointment || appointmentId !== null,
      repeatReason,
      departmentName: department.name,
      consultantName: consultant?.name ?? null,
      arrivedAt: now.toISOString(),
      status: 'waiting',
      triagedBy: by,
      triagedAt: now.toISOString(),
      queueNumber: await nextQueueNumber(ctx.db, clinic.code, clinicDate(now)),
    };
    // One bulkDocs is one LevelDB batch: the new customer and the visit are written together or not at all.
    // The visit first: live push takes the first change of a write as a batch of its own (PouchDB
    // starts a batch on the next tick, before LevelDB has read the second), and the other desk's
    // waiting list needs only the visit (it carries her name), so it is not kept a batch behind
    // the customer record (issue 21, `npm run bench -- --section=screen`).
    docs.unshift(visit);
    const results = await ctx.db.bulkDocs(docs);
    const failed = results.find((r) => 'error' in r && r.error);
    if (failed) throw new Error(`check-in write failed: ${JSON.stringify(failed)}`);
    return toVisitView(visit, new Map([[by, ctx.operator.name]]), ctx.operator.role);
  });
};
