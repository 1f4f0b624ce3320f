import type { CheckInInput, NewCustomerInput, VisitDoc } from '../../shared/desk/schemas';
import { newIdTail } from '../../shared/ids';
import { visitDocs as visitType } from '../../shared/desk/docs';
import { clinicDate } from '../../shared/time';
import type { SetupInput, StaffAddInput, StaffRole, StaffView } from '../../shared/reference/schemas';
import { toStaffView } from '../../src-main/reference/repo';
import type { TestApp } from './app';
import { requireClinic } from '../../src-main/reference/repo';
import { seededStaffDoc } from './staffDoc';

/** Factories for test records: each call gives a valid record, overridable field by field. */
let serial = 0;
const surnames = ['张', '李', '王', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const given = ['晓梅', '丽', '静', '敏', '婷', '伟', '芳', '娜', '秀英', '强'];

/** The PIN of the lead that `setupInput` creates. */
export const LEAD_PIN = '1234';

export function setupInput(overrides: Partial<SetupInput['clinic']> = {}): SetupInput {
  return {
    clinic: { code: 'BJ', name: '北京院', inHeadOfficeCity: true, departments: ['整形外科', '皮肤美容科', '微整注射'], ...overrides },
    lead: { name: '王主任', sex: 'F', role: 'guideLead', pin: LEAD_PIN },
  };
}

export function newCustomer(overrides: Partial<NewCustomerInput> = {}): NewCustomerInput {
  serial += 1;
  return {
    name: surnames[serial % 10]! + given[(serial * 7) % 10]!,
    sex: 'F',
    birthDate: null,
    age: 20 + (serial % 40),
    phone: `139${String(10_000_000 + serial * 7919).slice(-8)}`,
    address: '',
    source: 'web',
    directed: {},
    ...overrides,
  };
}

export function visitFields(overrides: Partial<CheckInInput['visit']> = {}): CheckInInput['visit'] {
  return { hasAppointment: false, intention: '双眼皮咨询', concerns: '恢复期', course: '', history: '', departmentId: 'plastic-surgery', consultantId: null, ...overrides };
}

/** A first visit: a new customer and the visit, each overridable. */
export function firstVisit(customer: Partial<NewCustomerInput> = {}, visit: Partial<CheckInInput['visit']> = {}): CheckInInput {
  return { customer: { new: newCustomer(customer) }, visit: visitFields(visit) };
}

export function staffInput(overrides: Partial<StaffAddInput> = {}): StaffAddInput {
  serial += 1;
  return { name: `导医${serial}`, sex: 'F', role: 'guide', departmentId: null, pin: null, ...overrides };
}

/** Adds a staff member as the signed-in admin. */
export async function addStaff(t: TestApp, overrides: Partial<StaffAddInput> = {}) {
  return t.api['staff.add'](staffInput(overrides));
}

/** A set-up clinic with its lead signed in, plus one consultant in 整形外科. */
export async function setUpClinic(t: TestApp, overrides: Partial<SetupInput['clinic']> = {}) {
  const status = await t.anon['clinic.setup'](setupInput(overrides));
  const lead = (await t.anon['staff.list']({})).find((s) => s.role === 'guideLead')!;
  await t.signIn(lead.id, LEAD_PIN);
  const consultant = await t.api['staff.add']({ name: '李咨询', sex: 'F', role: 'consultant', departmentId: 'plastic-surgery', pin: null });
  return { status, lead, consultant };
}
export type ClinicFixture = Awaited<ReturnType<typeof setUpClinic>>;

/**
 * A staff document with two conflicting first revisions, as replication leaves it when two desks
 * created or changed it apart. Returns the id, the winner's and the loser's revision.
 */
export async function conflictedStaff(t: TestApp, names: [string, string] = ['甲导医', '乙导医']) {
  const id = `staff:BJ:conflicted${(serial += 1)}`;
  const at = t.clock.now.toISOString();
  const base = { type: 'staff', schemaVersion: 2, clinic: 'BJ', createdAt: at, createdBy: 'staff:BJ:x', updatedAt: at, updatedBy: 'staff:BJ:x', sex: 'F', role: 'guide', departmentId: null, active: true, pinHash: null, staffNumber: null, supervisorId: null, deptHeadId: null };
  const revs = ['1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '1-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'];
  await t.app.store.db.bulkDocs(
    revs.map((rev, i) => ({ ...base, _id: id, _rev: rev, name: names[i] })),
    { new_edits: false },
  );
  // CouchDB's rule: the higher revision wins; of equal generations, the greater hash.
  return { id, winnerRev: revs[1]!, loserRev: revs[0]! };
}

/**
 * `n` visit documents as `desk.checkIn` writes them (of one existing customer), for loads too big
 * to enter through the contract one by one: a day's work, a big push.
 */
export function visitDocs(n: number, by: string, at: Date = new Date('2026-11-27T02:00:00Z')): VisitDoc[] {
  const iso = at.toISOString();
  const date = clinicDate(at);
  return Array.from({ length: n }, () => ({
    _id: visitType.id('BJ', date, newIdTail(at)),
    type: 'visit',
    schemaVersion: 1,
    clinic: 'BJ',
    createdAt: iso,
    createdBy: by,
    updatedAt: iso,
    updatedBy: by,
    customerId: 'customer:BJ:bulk',
    customerName: '批量',
    customerPhone: '13900000000',
    firstVisit: false,
    hasAppointment: false,
    appointmentId: null,
    repeatReason: null,
    intention: '复诊',
    concerns: '',
    course: '',
    history: '',
    departmentId: 'plastic-surgery',
    departmentName: '整形外科',
    consultantId: null,
    consultantName: null,
    arrivedAt: iso,
    status: 'waiting',
    triagedBy: by,
    triagedAt: iso,
  }));
}

/**
 * A staff member the signed-in lead may not add herself (a dean, a CS director, head office's
 * people): written straight into the store, as head office's roster (headoffice.staffSave) or a
 * clinic's set-up puts them there and replication brings them to the desk.
 */
export async function seedStaff(t: TestApp, s: { role: StaffRole; name?: string; pin?: string | null; departmentId?: string | null; staffNumber?: string | null; supervisorId?: string | null; deptHeadId?: string | null; clinic?: string }): Promise<StaffView> {
  serial += 1;
  // Of the desk's own clinic unless told (a BJ person in SH's store is refused by head office).
  const clinic = s.clinic ?? (await requireClinic(t.app.store.db).catch(() => null))?.code ?? 'BJ';
  const doc = await seededStaffDoc(clinic, t.clock.now, { ...s, name: s.name ?? `${s.role}${serial}` });
  await t.app.store.db.put(doc);
  return toStaffView(doc);
}
