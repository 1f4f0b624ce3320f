import type { complaintContract } from '../../../shared/complaints/contract';
import type { TestApp } from '../app';
import type { ClinicFixture } from '../factories';
import { arrivingDuplicate, complaintIntake, signInCsDirector, MP4_HEAD, PNG_1PX } from '../complaints';

/**
 * A valid input for each of this domain's operations (tests/integration/contract.test.ts breaks each one).
 * Complaint work is the CS director's: this signs one in (an admin role too, so the other
 * domains' admin operations still pass) and records one complaint with a receipt photo.
 */
export async function complaintValidInputs(t: TestApp, _f: ClinicFixture): Promise<Record<keyof typeof complaintContract, Record<string, unknown>>> {
  await signInCsDirector(t);
  const c = await t.api['complaint.record'](complaintIntake({ evidence: [{ name: 'receipt.png', mime: 'image/png', data: PNG_1PX }] }));
  // A number on two cases, for a person to resolve.
  await t.api['complaint.setNumberingDesk']({});
  const kept = await t.api['complaint.record'](complaintIntake());
  const other = await t.api['complaint.record'](complaintIntake());
  const { number } = await t.api['complaint.step']({ id: kept.id, step: { kind: 'accept', note: '' }, attachments: [] });
  await arrivingDuplicate(t, number!, other.id);
  // A video staged in one piece, ready to attach.
  await t.api['complaint.uploadChunk']({ uploadId: 'valid-video', index: 0, data: MP4_HEAD });
  return {
    'complaint.record': { ...complaintIntake() },
    'complaint.get': { id: c.id },
    'complaint.list': { scope: 'open', month: null },
    'complaint.step': { id: c.id, step: { kind: 'accept', note: '' }, attachments: [] },
    'complaint.home': {},
    'complaint.setNumberingDesk': {},
    'complaint.resolveNumber': { number, keepId: kept.id, reason: '患者已被告知此号' },
    'complaint.evidence': { id: c.id, name: c.evidence[0]!.name },
    'complaint.uploadChunk': { uploadId: 'other-video', index: 0, data: MP4_HEAD },
    'complaint.attachVideo': { id: c.id, uploadId: 'valid-video', name: 'lobby.mp4', mime: 'video/mp4' },
    'complaint.monthlyStats': { month: '2026-11' },
    'complaint.monthlyXlsx': { month: '2026-11' },
    'complaint.limits': {},
  };
}
