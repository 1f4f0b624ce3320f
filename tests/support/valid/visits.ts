import type { visitsContract } from '../../../shared/visits/contract';
import type { TestApp } from '../app';
import { firstVisit, LEAD_PIN, type ClinicFixture } from '../factories';

/** A valid input for each of this domain's operations (tests/integration/contract.test.ts breaks each one). */
export async function visitsValidInputs(t: TestApp, f: ClinicFixture): Promise<Record<keyof typeof visitsContract, Record<string, unknown>>> {
  const [a, b, c] = [await t.api['desk.checkIn'](firstVisit()), await t.api['desk.checkIn'](firstVisit()), await t.api['desk.checkIn'](firstVisit())];
  await t.api['visits.setStatus']({ visitId: c.id, status: 'left', outcome: 'noPurchase' });
  const mistaken = await t.api['desk.checkIn'](firstVisit());
  const called = await t.api['desk.checkIn'](firstVisit());
  const leftByMistake = await t.api['desk.checkIn'](firstVisit());
  await t.api['visits.setStatus']({ visitId: leftByMistake.id, status: 'left', outcome: 'noPurchase' });
  // A handover written by another guide, for the lead to take over.
  const guide = await t.api['staff.add']({ name: '交班导医', sex: 'F', role: 'guide', departmentId: null, pin: '5678' });
  await t.signIn(guide.id, '5678');
  const handover = await t.api['handover.write']({ equipment: '正常', unresolved: '', staffChanges: '' });
  await t.signIn(f.lead.id, LEAD_PIN);
  return {
    'visits.board': { date: '2026-11-27' },
    'visits.setStatus': { visitId: a.id, status: 'withConsultant', outcome: null, note: '咨询师来接' },
    'visits.handOff': { visitId: b.id, toStaffId: f.consultant.id, status: 'withConsultant', note: '' },
    'visits.setOutcome': { visitId: c.id, outcome: 'nonSurgical' },
    'visits.events': { visitId: c.id },
    'visits.dayView': { date: '2026-11-27' },
    'handover.write': { equipment: '叫号屏正常', unresolved: '张女士等报价', staffChanges: '李导医请假' },
    'handover.ack': { handoverId: handover.id, note: '已接班' },
    'handover.list': { date: '2026-11-27' },
    'visits.cancel': { visitId: mistaken.id, reason: '登记错了人' },
    'visits.call': { visitId: called.id },
    'visits.displaySettings': {},
    'visits.setDisplaySettings': { speakCalls: true },
    'visits.reopen': { visitId: leftByMistake.id, reason: '点错了离院，她还在候诊' },
  };
}
