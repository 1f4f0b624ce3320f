import type { staffContract } from '../../../shared/staff/contract';
import type { TestApp } from '../app';
import { clinicDate } from '../../../shared/time';
import { seedStaff, type ClinicFixture } from '../factories';

export const GUIDE_PIN = '5678';

/** A guide with a PIN on shift A (8:00) today who signed in at 10:00: a lateness is proposed. */
export async function lateGuide(t: TestApp, date = '2026-11-27') {
  const guide = await seedStaff(t, { role: 'guide', name: '王导医', pin: GUIDE_PIN });
  await t.api['rota.set']({ date, staffId: guide.id, code: 'A' });
  await t.api['attendance.sign']({ staffId: guide.id, pin: GUIDE_PIN, kind: 'in' });
  return guide;
}

/** A valid input for each of this domain's operations (tests/integration/contract.test.ts breaks each one). */
export async function staffValidInputs(t: TestApp, f: ClinicFixture): Promise<Record<keyof typeof staffContract, Record<string, unknown>>> {
  const guide = await lateGuide(t);
  // Week of 14 Dec for the lead: six shifts and a rest day, ready to publish.
  for (const [i, code] of ['A', 'A', 'B', 'REST', 'C', 'A', 'B'].entries()) await t.api['rota.set']({ date: `2026-12-${14 + i}`, staffId: f.lead.id, code });
  const leave = await t.api['leave.request']({ staffId: f.consultant.id, kind: 'sick', from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z', reason: '感冒', emergency: false });
  const settings = await t.api['rota.settings']({});
  const { fromHeadOffice: _h, updatedAt: _a, updatedBy: _b, ...save } = settings;
  return {
    'rota.settings': {},
    'rota.saveSettings': { ...save, lateFineYuan: 15 },
    'rota.week': { weekStart: '2026-11-30' },
    'rota.set': { date: '2026-11-30', staffId: f.consultant.id, code: 'B' },
    'rota.copyWeek': { from: '2026-11-23', to: '2026-12-07' },
    'rota.publish': { weekStart: '2026-12-14' },
    'leave.request': { staffId: f.lead.id, kind: 'sick', from: '2026-12-03T00:00:00Z', to: '2026-12-04T00:00:00Z', reason: '看病', emergency: false },
    'leave.decide': { leaveId: leave.id, approve: true, note: '' },
    'leave.list': { from: '2026-11-01', to: '2026-12-31' },
    'attendance.sign': { staffId: guide.id, pin: GUIDE_PIN, kind: 'out' },
    'attendance.day': { date: '2026-11-27' },
    'attendance.decideFine': { date: '2026-11-27', staffId: guide.id, kind: 'late', confirm: true, amountYuan: null, note: '' },
    'staffFile.get': { staffId: guide.id, from: '2026-11-01', to: '2026-11-30' },
    'duty.day': { date: clinicDate(t.clock.now) },
    'duty.set': { date: clinicDate(t.clock.now), staffId: f.consultant.id, onDuty: true },
  };
}
