import { customersRefusals, refuseWith } from '../../shared/customers/refusals';
import { newIdTail } from '../../shared/ids';
import { customerEditDocs } from '../../shared/desk/docs';
import type { CustomerDoc } from '../../shared/desk/schemas';
import { customerSearchKeys } from '../../shared/desk/rules';
import { diffCustomer, mayEditCustomer, type CustomerEditDoc, type CustomerRecord } from '../../shared/customers/record';
import { phoneFor, visibilityFor } from '../../shared/desk/visibility';
import type { StaffRole } from '../../shared/reference/schemas';
import type { Handlers } from '../api/types';
import type { Db } from '../store/pouch';
import { newMeta, touched } from '../store/meta';
import { serialised } from '../store/serial';
import { listStaff, requireClinic } from '../reference/repo';
import { customerByPhone, getCustomer } from '../desk/repo';
import { pinyinInitials } from '../desk/pinyin';
import { mergedAway, noSuchCustomer } from './refusals';

type RecordOps = 'customer.record' | 'customer.update';


export async function editsOf(db: Db, customerId: string): Promise<CustomerEditDoc[]> {
  const res = await db.allDocs<CustomerEditDoc>({ include_docs: true, ...customerEditDocs.range(customerId) });
  return res.rows.flatMap((r) => (r.doc?.type === 'customer-edit' ? [r.doc] : []));
}

/** The record as `role` may see it: the phone masked, the directed part and its history hidden where the role may not see them. */
export async function recordView(db: Db, c: CustomerDoc, role: StaffRole): Promise<CustomerRecord> {
  const [edits, staff] = await Promise.all([editsOf(db, c._id), listStaff(db, c.clinic)]);
  const names = new Map(staff.map((s) => [s._id, s.name]));
  const see = visibilityFor(role);
  return {
    id: c._id,
    name: c.name,
    sex: c.sex,
    birthDate: c.birthDate,
    age: c.age,
    phone: phoneFor(role, c.phone),
    address: c.address,
    source: c.source,
    email: c.email ?? '',
    occupation: c.occupation ?? '',
    disease: c.disease ?? '',
    directed: see.directed ? c.directed : {},
    tier: c.tier,
    vip: see.vip ? (c.vip ?? null) : null,
    mergedInto: c.mergedInto ?? null,
    createdAt: c.createdAt,
    createdByName: names.get(c.createdBy) ?? c.createdBy,
    mayEdit: mayEditCustomer(role) && !c.mergedInto,
    mayEditDirected: mayEditCustomer(role) && see.directed && !c.mergedInto,
    edits: edits
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((e) => ({
        id: e._id,
        at: e.createdAt,
        by: e.createdBy,
        byName: names.get(e.createdBy) ?? e.createdBy,
        note: e.note,
        changes: e.changes.map((ch) => {
          if (ch.field.startsWith('directed.') && !see.directed) return { field: ch.field, from: null, to: null, hidden: true };
          if (ch.field === 'phone') return { field: ch.field, from: typeof ch.from === 'string' ? phoneFor(role, ch.from) : ch.from, to: typeof ch.to === 'string' ? phoneFor(role, ch.to) : ch.to, hidden: false };
          return { ...ch, hidden: false };
        }),
      })),
  };
}

export const customerRecordHandlers: Pick<Handlers, RecordOps> = {
  async 'customer.record'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const c = await getCustomer(ctx.db, input.customerId);
    if (!c || c.clinic !== clinic.code) throw noSuchCustomer('customerId');
    return recordView(ctx.db, c, ctx.operator.role);
  },

  async 'customer.update'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const role = ctx.operator.role;
      if (!mayEditCustomer(role)) throw customersRefusals.refuse('forbidden', 'customerId', 'mayNotEdit', { role }, `customerId: a ${role} may not correct a customer's record`);
      const c = await getCustomer(ctx.db, input.customerId);
      if (!c || c.clinic !== clinic.code) throw noSuchCustomer('customerId');
      if (c.mergedInto) throw mergedAway('customerId', c.mergedInto);
      const ch = input.changes;
      if (ch.directed && !visibilityFor(role).directed) throw customersRefusals.refuse('forbidden', 'changes.directed', 'directedNotAllowed', {}, 'changes.directed: the signed-in role may not fill the directed registration');
      const current = { ...c, email: c.email ?? '', occupation: c.occupation ?? '', disease: c.disease ?? '' };
      const diff = diffCustomer(current, ch);
      if (!diff.length) throw customersRefusals.refuse('invalid_input', 'changes', 'nothingChanged', {}, 'changes: nothing differs from the record');
      const birth = ch.birthDate !== undefined ? ch.birthDate : c.birthDate;
      const age = ch.age !== undefined ? ch.age : c.age;
      if (birth === null && age === null) throw customersRefusals.refuse('invalid_input', 'changes.age', 'ageOrBirth', {}, 'changes.age: age or birth date is required');
      if (ch.phone !== undefined && ch.phone !== c.phone) {
        const other = await customerByPhone(ctx.db, ch.phone);
        if (other && other._id !== c._id) throw refuseWith('conflict', 'changes.phone', 'phoneTaken', { name: other.name }, `changes.phone: already registered to ${other.name}`, { existingId: other._id, existingName: other.name });
      }
      const { directed, ...general } = ch;
      const name = general.name ?? c.name;
      const updated: CustomerDoc = {
        ...touched(c, ctx.operator, now),
        ...Object.fromEntries(Object.entries(general).filter(([, v]) => v !== undefined)),
        directed: { ...c.directed, ...Object.fromEntries(Object.entries(directed ?? {}).filter(([, v]) => v !== undefined)) },
        search: customerSearchKeys(name, pinyinInitials(name)),
      };
      const edit: CustomerEditDoc = {
        ...newMeta('customer-edit', customerEditDocs.id(c._id, newIdTail(now)), clinic.code, ctx.operator._id, now),
        type: 'customer-edit',
        customerId: c._id,
        changes: diff,
        note: input.note,
      };
      // One bulkDocs is one LevelDB batch: the record and its history change together or not at all.
      const results = await ctx.db.bulkDocs([updated, edit]);
      const failed = results.find((r) => 'error' in r && r.error);
      if (failed) throw customersRefusals.refuse('conflict', 'customerId', 'changedMeanwhile', {}, 'customerId: the record changed meanwhile; reload it and try again');
      return recordView(ctx.db, (await getCustomer(ctx.db, c._id))!, role);
    });
  },
};
