import { domainRefusals } from '../errors';

/** Every rule a sync operation refuses by (`sync.<rule>`); the renderer's sync i18n has a text for each. */
export const syncRules = [
  'setUpFirst', // set up the clinic first
  'noSecretStore', // this computer cannot encrypt the head-office password; it was not saved
  'noConflict', // id: no conflict on this record (resolved already?)
  'notConflictingRev', // keepRev: not one of the conflicting revisions
  'changedWhileResolving', // id: the record changed while resolving; look again
  'writtenOnceAtHeadOffice', // id: a written-once record's conflict (two desks created one id): head office removes the losing branch
] as const;
export type SyncRule = (typeof syncRules)[number];

export const syncRefusals = domainRefusals('sync', syncRules);
