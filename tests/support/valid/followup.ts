import type { followupContract } from '../../../shared/followup/contract';
import { defaultPlans } from '../../../shared/followup/rules';
import type { TestApp } from '../app';
import { firstVisit, type ClinicFixture } from '../factories';

/** A visitor who left with 手术消费 today: her tasks exist (due from tomorrow). */
export async function visitorWithTasks(t: TestApp): Promise<string[]> {
  const v = await t.api['desk.checkIn'](firstVisit());
  await t.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'surgical', note: '' });
  await t.api['followup.list']({});
  const tail = v.id.split(':').slice(2).join(':');
  const rows = await t.app.store.db.allDocs({ startkey: 'followup-task:', endkey: 'followup-task:\ufff0' });
  return rows.rows.map((r) => r.id).filter((id) => id.endsWith(tail));
}

/** A valid input for each of this domain's operations (tests/integration/contract.test.ts breaks each one). */
export async function followupValidInputs(t: TestApp, _f: ClinicFixture): Promise<Record<keyof typeof followupContract, Record<string, unknown>>> {
  const [first, second, third] = await visitorWithTasks(t);
  // A call whose feedback was 投诉: the complaint it opens is the valid input of followup.complaint.
  await t.api['followup.attempt']({ taskId: third!, result: 'reached', ratings: { attitude: 'poor', skill: 'fair', punctuality: 'fair', promises: 'poor' }, feedback: 'complaint', comments: '术后肿胀没人管' });
  return {
    'followup.list': { planId: 'service7d', outcome: 'surgical', mine: true },
    'followup.take': { taskId: first! },
    'followup.task': { taskId: first! },
    'followup.figures': { date: '2026-11-27', period: 'week' },
    'followup.records': { date: '2026-11-27', period: 'month', figure: 'due', group: { kind: 'department', key: 'plastic-surgery' } },
    'followup.recalls': {},
    'followup.messagesXlsx': {},
    'followup.plans': {},
    'followup.complaint': { taskId: third!, what: '术后肿胀，打电话没人回', wants: '院方说明', staffInvolved: '' },
    // Head office only (refused on a clinic desk, as every headoffice.* operation; followup-plans.test.ts runs it at head office).
    'headoffice.followupPlansSave': { baseVersion: 0, plans: defaultPlans },
    // Head office only; followup-sync.test.ts runs them at head office.
    'headoffice.followupList': { clinic: 'BJ', mine: false, all: false },
    'headoffice.followupTake': { taskId: first! },
    'headoffice.followupAttempt': { taskId: first!, result: 'noAnswer' },
    'headoffice.followupComplaint': { taskId: third!, what: '术后肿胀，打电话没人回', wants: '', staffInvolved: '' },
    'headoffice.followupReport': { date: '2026-11-27', period: 'week' },
    'headoffice.followupReportXlsx': { date: '2026-11-27', period: 'month' },
    // Head office only; followup-sync.test.ts runs them at head office.
    'headoffice.followupFigures': { from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'day' },
    'headoffice.followupRecords': { period: { from: '2026-11-01', to: '2026-11-30', clinic: 'BJ', grain: 'day' }, figure: 'reached' },
    'headoffice.followupXlsx': { from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'day' },
    'followup.attempt': { taskId: second!, result: 'reached', ratings: { attitude: 'verySatisfied', skill: 'satisfied', punctuality: 'satisfied', promises: 'fair' }, feedback: 'praise', comments: '医生很耐心' },
  };
}
