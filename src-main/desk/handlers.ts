import { ApiError } from '../../shared/errors';
import { docId, newIdTail } from '../../shared/ids';
import type { CustomerDoc, VisitDoc, VisitView } from '../../shared/desk/schemas';
import { customerSearchKeys, isSearchableQuery } from '../../shared/desk/rules';
import { triageRoles, type ClinicDoc, type StaffDoc } from '../../shared/reference/schemas';
import { clinicDate } from '../../shared/time';
import type { Handlers } from '../api/types';
import type { Db } from '../store/pouch';
import { newMeta } from '../store/meta';
import { serialised } from '../store/serial';
import { getStaff, listStaff, requireClinic } from '../reference/repo';
import { customerByPhone, getCustomer, searchCustomers, visitsOfDay } from './repo';

type DeskOps = 'customer.search' | 'desk.checkIn' | 'desk.waitingList';

function toVisitView(v: VisitDoc, staffNames: Map<string, string>): VisitView {
  return {
    id: v._id,
    customerId: v.customerId,
    customerName: v.customerName,
    customerPhone: v.customerPhone,
    firstVisit: v.firstVisit,
    hasAppointment: v.hasAppointment,
    intention: v.intention,
    departmentId: v.departmentId,
    departmentName: v.departmentName,
    consultantId: v.consultantId,
    consultantName: v.consultantName,
    arrivedAt: v.arrivedAt,
    status: v.status,
    registeredBy: v.createdBy,
    registeredByName: staffNames.get(v.createdBy) ?? v.createdBy,
  };
}

/** The triage target must be a real, active department and, if named, a consultant or doctor of it. */
async function checkTriage(ctx: { db: Db }, clinic: ClinicDoc, departmentId: string, consultantId: string | null) {
  const department = clinic.departments.find((d) => d.id === departmentId && d.active);
  if (!department) throw new ApiError({ code: 'invalid_input', field: 'visit.departmentId', message: 'visit.departmentId: no such active department' });
  let consultant: StaffDoc | null = null;
  if (consultantId !== null) {
    consultant = await getStaff(ctx.db, consultantId);
    const fits = consultant && consultant.active && consultant.clinic === clinic.code && triageRoles.includes(consultant.role) && (consultant.departmentId === null || consultant.departmentId === department.id);
    if (!fits) throw new ApiError({ code: 'invalid_input', field: 'visit.consultantId', message: `visit.consultantId: not an active consultant or doctor of ${department.name}` });
  }
  return { department, consultant };
}

export const deskHandlers: Pick<Handlers, DeskOps> = {
  async 'customer.search'(ctx, input) {
    if (!isSearchableQuery(input.query)) return [];
    return searchCustomers(ctx.db, input.query, input.limit, ctx.now());
  },

  async 'desk.checkIn'(ctx, input) {
    // One at a time: two submits at once must not both pass the check below and both write.
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const by = ctx.operator._id;
      const { department, consultant } = await checkTriage(ctx, clinic, input.visit.departmentId, input.visit.consultantId);

      let customer: CustomerDoc;
      let firstVisit: boolean;
      const docs: (CustomerDoc | VisitDoc)[] = [];
      if ('id' in input.customer) {
        const found = await getCustomer(ctx.db, input.customer.id);
        if (!found || found.clinic !== clinic.code) throw new ApiError({ code: 'not_found', field: 'customer.id', message: 'customer.id: no such customer' });
        customer = found;
        firstVisit = false;
      } else {
        const fields = input.customer.new;
        const duplicate = await customerByPhone(ctx.db, fields.phone);
        if (duplicate) {
          // Never a second record for one person: the guide picks the existing one (merge comes with issue 5).
          throw new ApiError({
            code: 'conflict',
            field: 'customer.new.phone',
            message: `customer.new.phone: already registered to ${duplicate.name}`,
            detail: { existingId: duplicate._id, existingName: duplicate.name },
          });
        }
        customer = {
          ...newMeta('customer', docId.customer(clinic.code, newIdTail(now)), clinic.code, by, now),
          type: 'customer',
          ...fields,
          tier: null,
          search: customerSearchKeys(fields.name, fields.phone),
        };
        docs.push(customer);
        firstVisit = true;
      }

      const visit: VisitDoc = {
        ...newMeta('visit', docId.visit(clinic.code, clinicDate(now), newIdTail(now)), clinic.code, by, now),
        type: 'visit',
        customerId: customer._id,
        customerName: customer.name,
        customerPhone: customer.phone,
        firstVisit,
        ...input.visit,
        departmentName: department.name,
        consultantName: consultant?.name ?? null,
        arrivedAt: now.toISOString(),
        status: 'waiting',
        triagedBy: by,
        triagedAt: now.toISOString(),
      };
      docs.push(visit);
      // One bulkDocs is one LevelDB batch: the new customer and the visit are written together or not at all.
      const results = await ctx.db.bulkDocs(docs);
      const failed = results.find((r) => 'error' in r && r.error);
      if (failed) throw new Error(`check-in write failed: ${JSON.stringify(failed)}`);
      return toVisitView(visit, new Map([[by, ctx.operator.name]]));
    });
  },

  async 'desk.waitingList'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const date = input.date ?? clinicDate(ctx.now());
    const [visits, staff] = await Promise.all([visitsOfDay(ctx.db, clinic.code, date), listStaff(ctx.db, clinic.code)]);
    const names = new Map(staff.map((s) => [s._id, s.name]));
    return visits
      .filter((v) => v.status === 'waiting')
      .sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt))
      .map((v) => toVisitView(v, names));
  },
};
