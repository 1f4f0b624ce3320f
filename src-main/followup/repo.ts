import type { Db } from '../store/pouch';
import type { FollowupTaskDoc } from '../../shared/followup/schemas';
import { defaultPlans, lookbackDays, tasksForVisit, type FollowupPlan } from '../../shared/followup/rules';
import { addDays } from '../../shared/appointments/rules';
import { clinicDate } from '../../shared/time';
import { boardBetween } from '../visits/repo';

/** Schema versions of this domain's documents (not yet registered with the store's and head office's lists). */
export const FOLLOWUP_DOC_VERSIONS = { 'followup-task': 1, 'followup-event': 1 } as const;

/**
 * The follow-up tasks of the visits of the last `lookbackDays` clinic days that left with an
 * outcome, as documents: stamped `system` and the visitor's left time, so every desk that
 * derives one writes byte-identical content under the same id (one revision after sync, like
 * the no-show record). Writes only the missing ones; returns every task of the window.
 */
export async function deriveVisitTasks(db: Db, clinic: string, today: string, plans: readonly FollowupPlan[] = defaultPlans): Promise<FollowupTaskDoc[]> {
  const rows = await boardBetween(db, clinic, addDays(today, -lookbackDays(plans)), today);
  const wanted: FollowupTaskDoc[] = [];
  for (const { visit, state } of rows) {
    const date = clinicDate(visit.arrivedAt); // its clinic day, as its id carries it
    const derived = tasksForVisit({ visitId: visit._id, clinic, date, departmentId: visit.departmentId, outcome: state.outcome, leftAt: state.leftAt }, plans);
    for (const t of derived) {
      wanted.push({
        _id: t.id,
        type: 'followup-task',
        schemaVersion: FOLLOWUP_DOC_VERSIONS['followup-task'],
        clinic,
        createdAt: state.leftAt!,
        createdBy: 'system',
        updatedAt: state.leftAt!,
        updatedBy: 'system',
        planId: t.planId,
        sourceId: visit._id,
        visitId: visit._id,
        customerId: visit.customerId,
        customerName: visit.customerName,
        outcome: state.outcome,
        departmentId: visit.departmentId,
        departmentName: visit.departmentName,
        consultantId: visit.consultantId,
        consultantName: visit.consultantName,
        dueDate: t.dueDate,
        lastDate: t.lastDate,
        caller: t.caller,
        channel: t.channel,
        tries: t.tries,
        retryHours: t.retryHours,
      });
    }
  }
  if (!wanted.length) return [];
  const existing = await db.allDocs({ keys: wanted.map((w) => w._id) });
  const have = new Set(existing.rows.filter((r) => 'value' in r && r.value && !r.value.deleted).map((r) => r.key));
  const missing = wanted.filter((w) => !have.has(w._id));
  // A 409 means another writer got there first with the same content: nothing to do.
  if (missing.length) await db.bulkDocs(missing);
  return wanted;
}
