import type { DomainStorage } from '../store/domainStorage';
import { planDerivedTaskFields } from '../../shared/followup/rules';

/**
 * What follow-up (回访) adds to the store and to head office's validation.
 * - `followup-task:<CODE>:<plan>:<visit's date>:<visit tail>` — derived, written once (stamped `system`).
 * - `followup-event:<CODE>:<task's due date>:<tail>` — taking a task or a call; never edited.
 */
export const followupStorage: DomainStorage = {
  couchTypes: {
    'followup-task': {
      id: '^followup-task:{CODE}:[a-zA-Z0-9]+:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'followup-task:{CODE}:<plan>:<YYYY-MM-DD>:<tail>',
      kept: true,
      immutable: true,
      // Two desks deriving one task under two versions of the plans (shared/followup/rules.ts).
      rederived: [...planDerivedTaskFields],
    },
    'followup-event': {
      id: '^followup-event:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'followup-event:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
      immutable: true,
    },
  },
  // Tasks and events are read by day through their ids (allDocs ranges).
  designDocs: [],
  indexes: [],
};
