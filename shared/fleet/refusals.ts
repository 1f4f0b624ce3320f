import { domainRefusals } from '../errors';

/** Every rule a fleet operation refuses by (`fleet.<rule>`); the renderer's fleet i18n has a text for each. */
export const fleetRules = [
  'feedInsecure', // feedUrl: plain http to an internet address (credentials and installers travel unprotected)
  'unknownClinic', // pilotClinics.N: no such clinic in head office's list
  'pilotTwice', // pilotClinics.N: listed twice
] as const;
export type FleetRule = (typeof fleetRules)[number];

export const fleetRefusals = domainRefusals('fleet', fleetRules);
