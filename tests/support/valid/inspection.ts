import type { inspectionContract } from '../../../shared/inspection/contract';
import type { InspectionKind, Mark } from '../../../shared/inspection/rules';
import type { StaffRole } from '../../../shared/reference/schemas';
import { defaultTemplates, itemsFor } from '../../../shared/inspection/templates';
import type { TestApp } from '../app';
import { addStaff, seedStaff, type ClinicFixture } from '../factories';

/** A small JPEG as far as main can tell (its magic bytes), base64. */
export function fakeJpeg(bytes = 2_000): string {
  const b = Buffer.alloc(bytes, 7);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  return b.toString('base64');
}

/** Every grooming item of a woman, marked `mark` except the ones in `fails`. */
export function groomingMarks(sex: 'F' | 'M' = 'F', fails: string[] = []): { itemId: string; mark: Mark; note: string }[] {
  return itemsFor(defaultTemplates[0]!.items, sex).map((i) => ({ itemId: i.id, mark: fails.includes(i.id) ? 'fail' : 'pass', note: '' }));
}

/** Who runs each kind in the tests (shared/inspection/rules.ts kindRoles): a clinic role where the kind allows one. */
const runners: Record<InspectionKind, { role: StaffRole; name: string }> = {
  preShift: { role: 'guideLead', name: '周组长' },
  weekly: { role: 'dean', name: '刘院长' },
  headOffice: { role: 'csDirector', name: '吴主任' },
  rounds: { role: 'hoCsDirector', name: '陈总监' },
};
export const RUNNER_PIN = '2468';

/**
 * Signs in someone who may run and sign `kind` (put on the roster on first use, outside any
 * department). Returns their staff id.
 */
export async function signInToRun(t: TestApp, kind: InspectionKind): Promise<string> {
  const { role, name } = runners[kind];
  const known = (await t.anon['staff.list']({})).find((s) => s.name === name && s.role === role);
  // Leadership and head office reach a clinic's roster from above (shared/reference/grants.ts).
  const id = known?.id ?? (await seedStaff(t, { name, role, departmentId: null, pin: RUNNER_PIN })).id;
  await t.signIn(id, RUNNER_PIN);
  return id;
}

/** A valid input for each of this domain's operations (tests/integration/contract.test.ts breaks each one). */
export async function inspectionValidInputs(t: TestApp, _f: ClinicFixture): Promise<Record<keyof typeof inspectionContract, Record<string, unknown>>> {
  const guide = await addStaff(t, { name: '周导医', sex: 'F', role: 'guide' });
  // The clinic's lead (导医组长) runs the pre-shift check (班前检查).
  const open = await t.api['inspection.start']({ kind: 'preShift', departmentId: null, templateKey: 'grooming' });
  await t.api['inspection.saveResult']({ inspectionId: open.id, staffId: guide.id, marks: groomingMarks('F'), note: '' });
  const photo = await t.api['inspection.attachPhoto']({ inspectionId: open.id, staffId: guide.id, itemId: null, data: fakeJpeg() });
  const signed = await t.api['inspection.start']({ kind: 'preShift', departmentId: null, templateKey: 'grooming' });
  await t.api['inspection.saveResult']({ inspectionId: signed.id, staffId: guide.id, marks: groomingMarks('F', ['f-nails']), note: '' });
  await t.api['inspection.signOff']({ inspectionId: signed.id });
  // A decided penalty, for a lead to correct (issue 21).
  const decided = await t.api['inspection.start']({ kind: 'preShift', departmentId: null, templateKey: 'grooming' });
  await t.api['inspection.saveResult']({ inspectionId: decided.id, staffId: guide.id, marks: groomingMarks('F', ['f-nails']), note: '' });
  await t.api['inspection.signOff']({ inspectionId: decided.id });
  const line = (await t.api['inspection.get']({ inspectionId: decided.id })).penalties[0]!;
  await t.api['inspection.decidePenalty']({ inspectionId: decided.id, staffId: guide.id, itemId: 'f-nails', measure: line.proposed.measure, amount: line.proposed.amount, supervisorAmount: line.proposed.supervisorAmount, deptHeadAmount: line.proposed.deptHeadAmount, reason: '' });
  const mistaken = await t.api['inspection.start']({ kind: 'preShift', departmentId: null, templateKey: 'behaviour' });
  const template = defaultTemplates[2]!;
  return {
    'inspection.templates': {},
    'inspection.saveTemplate': { key: template.key, name: '日常行为规范（本院）', items: template.items, baseVersion: 0 },
    'inspection.settings': {},
    'inspection.updateSettings': { penaltyWindowMonths: 6, flatAmount: 10, flatKinds: ['preShift'] },
    'inspection.status': {},
    'inspection.list': { month: '2026-11' },
    'inspection.start': { kind: 'preShift', departmentId: 'plastic-surgery', templateKey: 'grooming' },
    'inspection.get': { inspectionId: open.id },
    'inspection.saveResult': { inspectionId: open.id, staffId: guide.id, marks: groomingMarks('F', ['f-makeup']), note: '淡妆不足' },
    'inspection.attachPhoto': { inspectionId: open.id, staffId: guide.id, itemId: 'f-makeup', data: fakeJpeg() },
    'inspection.photo': { inspectionId: open.id, staffId: guide.id, name: photo.name },
    'inspection.signOff': { inspectionId: open.id },
    'inspection.correct': { inspectionId: signed.id, staffId: guide.id, itemId: 'f-badge', mark: 'fail', reason: '复核时发现胸卡位置不对' },
    // With a reason: whether `open` counts as her earlier violation depends on the order the operations run in.
    'inspection.decidePenalty': { inspectionId: signed.id, staffId: guide.id, itemId: 'f-nails', measure: 'warning', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, reason: '首次提醒' },
    'inspection.correctPenalty': { inspectionId: decided.id, staffId: guide.id, itemId: 'f-nails', measure: 'warning', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, reason: '复核后改为口头提醒' },
    'inspection.monthSummary': { month: '2026-11' },
    'inspection.monthXlsx': { month: '2026-11' },
    'inspection.chooseStar': { month: '2026-11', staffId: guide.id, reason: '本月检查全部合格' },
    'inspection.discard': { inspectionId: mistaken.id, reason: '类型选错，重新开始' },
  };
}
