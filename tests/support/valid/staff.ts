import type { staffContract } from '../../../shared/staff/contract';
import type { TestApp } from '../app';
import { clinicDate } from '../../../shared/time';
import { LEAD_PIN, seedStaff, type ClinicFixture } from '../factories';

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
  const { fromHeadOffice: _h, updatedAt: _a, updatedBy: _b, shiftTypesVersion: _v, shiftTypesByHeadOffice: _o, ...save } = settings;
  const plan = await t.api['cleaning.savePlan']({ areas: [{ id: null, name: '导医台', byWeekday: [guide.id, guide.id, guide.id, guide.id, guide.id, guide.id, null] }] });
  const meetings = await t.api['meeting.save']({ kind: 'weekly', date: '2026-11-23', attendees: [f.lead.id, guide.id], issues: ['指示牌不醒目'], actions: [{ what: '更换指示牌', ownerId: guide.id, due: '2026-11-30' }], followUps: [] });
  // Yesterday's before-opening check, the desk failed: a lead corrects it today (cleaning.edit).
  // (A session is a day's: yesterday's lead signs in on her own token, leaving today's session as it was.)
  t.clock.advance(-24 * 60);
  const signedIn = await t.app.dispatcher.invoke('operator.signIn', { staffId: f.lead.id, pin: LEAD_PIN }, null);
  const token = signedIn.ok ? (signedIn.data as { session: string }).session : null;
  const made = await t.app.dispatcher.invoke('cleaning.check', { date: '2026-11-26', kind: 'opening', items: [{ areaId: plan.areas[0]!.id, done: false, note: '桌面有灰尘' }] }, token);
  t.clock.advance(24 * 60);
  if (!made.ok) throw new Error(`yesterday's cleaning check: ${JSON.stringify(made.error)}`);
  const yesterday = made.data as { checks: { rev: string }[] };
  const session = await t.api['training.save']({ date: '2026-11-26', topic: '接待礼仪', trainer: '王组长', passMark: 80, attendees: [{ staffId: guide.id, score: 78 }] });
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
    'staffFile.xlsx': { staffId: guide.id, from: '2026-11-01', to: '2026-11-30' },
    // Head-office mode only: on a clinic desk refused (forbidden), which the fuzz accepts as a refusal.
    'rota.rollOutShiftTypes': { shiftTypes: settings.shiftTypes, targets: ['BJ'] },
    'rota.clinicShiftTypes': { clinic: 'BJ' },
    'rota.changes': { from: '2026-11-23', to: '2026-11-29' },
    'attendance.figures': { from: '2026-11-01', to: '2026-11-30', clinic: null },
    'attendance.figuresXlsx': { from: '2026-11-01', to: '2026-11-30', clinic: null },
    'away.log': { staffId: guide.id, from: '2026-11-27T01:10:00Z', to: '2026-11-27T01:40:00Z', reason: '去银行' },
    'away.list': { from: '2026-11-01', to: '2026-11-30' },
    'meeting.save': { kind: 'weekly', date: '2026-11-27', attendees: [f.lead.id], issues: [], actions: [], followUps: [{ actionId: meetings.open[0]!.id, done: true, note: '已更换' }] },
    'meeting.edit': { id: meetings.meetings[0]!.id, rev: meetings.meetings[0]!.rev, attendees: [f.lead.id, guide.id], issues: ['指示牌不醒目', '候诊区灯光暗'], actions: [{ what: '更换指示牌', ownerId: guide.id, due: '2026-11-30' }], followUps: [] },
    'meeting.list': { kind: 'weekly' },
    'training.save': { date: '2026-11-27', topic: '接待礼仪', trainer: '王组长', passMark: 80, attendees: [{ staffId: guide.id, score: 92 }] },
    'training.edit': { id: session.id, rev: session.rev, topic: '接待礼仪', trainer: '王组长', passMark: 80, attendees: [{ staffId: guide.id, score: 85 }] },
    'training.list': { from: '2026-11-01', to: '2026-11-30' },
    'cleaning.plan': {},
    // The same one area (cleaning.check below ticks it), rostered differently.
    'cleaning.savePlan': { areas: [{ id: plan.areas[0]!.id, name: '导医台', byWeekday: [guide.id, null, null, null, f.lead.id, f.lead.id, null] }] },
    'cleaning.day': { date: '2026-11-27' },
    // Today's check fails the desk; cleaning.recheck below passes it on a second look.
    'cleaning.check': { date: '2026-11-27', kind: 'opening', items: [{ areaId: plan.areas[0]!.id, done: false, note: '地面有水' }] },
    'cleaning.edit': { date: '2026-11-26', kind: 'opening', rev: yesterday.checks[0]!.rev, items: [{ areaId: plan.areas[0]!.id, done: false, note: '桌面有灰尘，已通知值日生' }] },
    'cleaning.recheck': { date: '2026-11-27', kind: 'opening', areaId: plan.areas[0]!.id, done: true, note: '' },
    'duty.day': { date: clinicDate(t.clock.now) },
    'duty.set': { date: clinicDate(t.clock.now), staffId: f.consultant.id, onDuty: true },
  };
}
