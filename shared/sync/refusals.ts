import { domainRefusals } from '../errors';

/** Every rule a sync operation refuses by (`sync.<rule>`); the renderer's sync i18n has a text for each. */
export const syncRules = [
  'writtenOnceAtHeadOffice', // id: a written-once record's conflict (two desks created one id): head office removes the losing branch
] as const;
export type SyncRule = (typeof syncRules)[number];

export const syncRefusals = domainRefusals('sync', syncRules);
