import { domainRefusals } from '../errors';

/** Every rule a tea operation refuses by (`tea.<rule>`); the renderer's tea i18n has a text for each. */
export const teaRules = [
  'noSuchVisit', // visitId: no such visit
  'visitorLeft', // visitId: the visitor has left
  'alreadyServed', // visitId: tea already served; record a refill
  'templateChanged', // templateId: the checklist is now {current}
  'checkUnknown', // checks.N.itemId: not an item of this checklist version
  'checkTwice', // checks.N.itemId: listed twice
  'checklistIncomplete', // checks: every item ticked or noted ({missing} missing)
  'notPending', // visitId: tea is already {state}
  'notServed', // visitId: no cup served yet
  'partyTooSmall', // visitIds: a party has at least two visitors
  'partyTwice', // visitIds: a visitor is listed twice
  'notHereToday', // visitIds.N: not a visitor here today
  'versionSaved', // baseVersion: version {current} was saved meanwhile
  'itemNotEarlier', // items.N.id: not an item of an earlier version
  'itemTwice', // items.N.id: listed twice
] as const;
export type TeaRule = (typeof teaRules)[number];

export const teaRefusals = domainRefusals('tea', teaRules);
