import type { DomainStorage } from '../store/domainStorage';

/**
 * What shifts and attendance (排班、考勤) add to the store and to head office's validation.
 * Every record is one person and one day, or written once, so two desks rarely edit one document.
 * - `staff-settings:<CODE>` — the clinic's shift types, seasons, fines, leave notice (absent: head office's defaults).
 * - `shift-rollout:<CODE>:v<4 digits>` — head office's shift types rolled out to the clinic: written once.
 * - `rota:<CODE>:<YYYY-MM-DD>:<staff tail>` — one rota cell: a shift code, REST, OFF or DAY.
 * - `rota-week:<CODE>:<Monday>` — the week was published: written once.
 * - `rota-change:<CODE>:<YYYY-MM-DD>:<tail>` — a change after publishing (人员调班): written once.
 * - `leave:<CODE>:<YYYY-MM-DD of its start>:<tail>` — a leave request and its decision.
 * - `attendance:<CODE>:<YYYY-MM-DD>:<tail>` — a sign-in or sign-out (签到/签退) at a desk: written once.
 * - `staff-fine:<CODE>:<YYYY-MM-DD>:<staff tail>:<kind>` — a lead's decision on a proposed fine: written once.
 * - `staff-away:<CODE>:<YYYY-MM-DD>:<tail>` — a time away from the post (离岗 > 10 min): written once.
 * - `staff-meeting:<CODE>:<weekly|quality>:<YYYY-MM-DD>:<tail>` — a meeting's minutes; a lead's corrections change it, each kept in its `edits` (follow-ups are in the next meeting's).
 * - `training:<CODE>:<YYYY-MM-DD>:<tail>` — a training session and its scores; a lead's corrections change it, each kept in its `edits`.
 * - `cleaning-plan:<CODE>` — the cleaning rota (卫生值日表): areas and who cleans each on each weekday.
 * - `cleaning-check:<CODE>:<YYYY-MM-DD>:<opening|saturday>` — the supervisor's check of the day's cleaning; a lead's corrections kept in its `edits`, a failed area's re-checks of the same day in its `rechecks`.
 */
export const staffStorage: DomainStorage = {
  couchTypes: {
    // The desk's on/off list (duty.set): one per person and day, so two desks editing one day never edit the same document.
    duty: {
      id: '^duty:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'duty:{CODE}:<YYYY-MM-DD>:<staff tail>',
      kept: true,
    },
    'staff-settings': {
      id: '^staff-settings:{CODE}$',
      idShape: 'staff-settings:{CODE}',
      kept: true,
      // Every save writes both (the roll-out orders a save against a version); older settings are read without them.
      require: { shiftTypesVersion: 'written by every save since the roll-outs', shiftTypesBy: 'written by every save since the roll-outs' },
    },
    // Head office's roll-out of shift types into the clinic's database: a version never edited.
    'shift-rollout': {
      id: '^shift-rollout:{CODE}:v\\d{4}$',
      idShape: 'shift-rollout:{CODE}:v<4 digits>',
      kept: true,
      immutable: true,
    },
    rota: {
      id: '^rota:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'rota:{CODE}:<YYYY-MM-DD>:<staff tail>',
      kept: true,
    },
    'rota-week': {
      id: '^rota-week:{CODE}:\\d{4}-\\d{2}-\\d{2}$',
      idShape: 'rota-week:{CODE}:<YYYY-MM-DD>',
      kept: true,
      immutable: true,
    },
    'rota-change': {
      id: '^rota-change:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'rota-change:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
      immutable: true,
    },
    leave: {
      id: '^leave:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'leave:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
    attendance: {
      id: '^attendance:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'attendance:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
      immutable: true,
    },
    'staff-fine': {
      id: '^staff-fine:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+:[a-z]+$',
      idShape: 'staff-fine:{CODE}:<YYYY-MM-DD>:<staff tail>:<kind>',
      kept: true,
      immutable: true,
    },
    'staff-away': {
      id: '^staff-away:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'staff-away:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
      immutable: true,
    },
    'staff-meeting': {
      id: '^staff-meeting:{CODE}:(weekly|quality):\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'staff-meeting:{CODE}:<weekly|quality>:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
    training: {
      id: '^training:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'training:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
    'cleaning-plan': {
      id: '^cleaning-plan:{CODE}$',
      idShape: 'cleaning-plan:{CODE}',
      kept: true,
    },
    'cleaning-check': {
      id: '^cleaning-check:{CODE}:\\d{4}-\\d{2}-\\d{2}:(opening|saturday)$',
      idShape: 'cleaning-check:{CODE}:<YYYY-MM-DD>:<opening|saturday>',
      kept: true,
    },
  },
  // Everything is read by day through its ids (allDocs ranges).
  designDocs: [],
  indexes: [],
};
