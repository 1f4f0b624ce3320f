import type { ComplaintRecordInput, StepInput } from '../../shared/complaints/schemas';
import type { StaffRole } from '../../shared/reference/schemas';
import type { TestApp } from './app';
import { complaintNumberDocs } from '../../shared/complaints/docs';
import { seedStaff } from './factories';

/** Factories for complaint tests: an intake, staff of each complaint role, the steps of a plain case. */
export const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** The first bytes of an MP4 file (`ftyp` box), enough for the sniffing. */
export const MP4_HEAD = Buffer.from('00000018667479706d703432' + '00'.repeat(16), 'hex').toString('base64');

export function complaintIntake(overrides: Partial<ComplaintRecordInput> = {}): ComplaintRecordInput {
  return {
    patient: { name: '王女士', phone: '13800001234' },
    channel: 'inPerson',
    what: '术后复诊等候超过一小时，无人解释',
    wants: '道歉，下次预约优先',
    staffInvolved: '前台 小李',
    departmentId: 'plastic-surgery',
    evidence: [],
    ...overrides,
  };
}

const PINS: Partial<Record<StaffRole, string>> = { csDirector: '2001', dean: '2002', medicalDirector: '2003', hoCsDirector: '2004', gmOffice: '2005', guide: '2006', gm: '2007', deputyGm: '2008', hoMedical: '2009', hoLegal: '2010' };

/**
 * One staff member of each complaint role with a PIN (leadership and head office's people as head
 * office puts them on the roster: see seedStaff); returns sign-in helpers.
 */
export async function complaintStaff(t: TestApp) {
  const ids: Partial<Record<StaffRole, string>> = {};
  for (const [role, pin] of Object.entries(PINS) as [StaffRole, string][]) {
    const s = await seedStaff(t, { name: `${role}-人`, role, pin });
    ids[role] = s.id;
  }
  return {
    ids: ids as Record<keyof typeof PINS, string>,
    as: (role: keyof typeof PINS) => t.signIn(ids[role]!, PINS[role]!),
  };
}

export async function signInCsDirector(t: TestApp): Promise<string> {
  const s = await seedStaff(t, { name: '赵主任', role: 'csDirector', pin: '3001' });
  await t.signIn(s.id, '3001');
  return s.id;
}

/** The steps of a plain non-quality case without money, up to and including closing. */
export const plainSteps: StepInput[] = [
  { kind: 'accept', note: '' },
  { kind: 'investigate', staffTalkedTo: '前台小李', patientDemands: '道歉', findings: '排班不足', note: '' },
  { kind: 'classify', category: 'nonQuality', subcategory: 'service', serviceType: 'appointment', responsible: '前台', cause: '周末排班不足', note: '' },
  { kind: 'propose', solution: '当面道歉，赠送护理一次', refund: 0, compensation: 0, note: '' },
];

/**
 * Makes `number` a duplicate on this desk as sync brings one in: a second revision of the number's
 * document, on a branch of its own, giving the number to `complaintId` (what a replaced numbering
 * desk that issued it unseen sends, once two copies meet).
 */
export async function arrivingDuplicate(t: TestApp, number: string, complaintId: string): Promise<void> {
  const db = t.app.store.db;
  const id = complaintNumberDocs.id(number.slice(0, 2), number);
  const mine = await db.get<Record<string, unknown>>(id);
  const { _rev: _r, ...body } = mine;
  await db.bulkDocs([{ ...body, complaintId, deskId: 'desk-0000000000000000zz', _rev: '1-00000000000000000000000000000000' }], { new_edits: false });
}
