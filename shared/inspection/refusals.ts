import { domainRefusals } from '../errors';

/**
 * Every rule an inspection operation refuses by (`inspection.<rule>`); the renderer's inspection
 * i18n has a text for each. The problems of the pure check `decisionProblems`
 * (shared/inspection/rules.ts) carry no rule yet.
 */
export const inspectionRules = [
  'noSuchInspection',
  'setAside', // {at, reason}
  'signedReadOnly', // {by, at}
  'noSuchStaff',
  'noSuchDepartment',
  'noSuchChecklist',
  'checklistEmpty',
  'staffInactive', // {name}
  'markNotApplicable', // {item, name}
  'markTwice', // {item}
  'notMarked', // {items}
  'marksFirst',
  'notItemOfResult',
  'notAnImage',
  'photoTooLarge', // {kb, max}
  'tooManyPhotos', // {max}
  'noSuchPhoto',
  'nobodyInspected',
  'notSignedYet',
  'notInspectedHere',
  'signBeforePenalty',
  'didNotFail',
  'alreadyDecided', // {by}
  'reasonNeeded',
  'starTaken', // {name}
  'inspectSelf',
  'correctSelf',
  'decideSelf',
  'passCorrectionRole', // {roles}
  'kindRole', // {roles, kind}
  'signSelf',
  'discardSelf',
  'versionSaved', // {current}
  'notDecidedYet', // itemId: a penalty not decided yet is decided, not corrected
  // a checklist's own problems (rules.ts templateProblem), for a clinic's edit and head office's roll-out
  'templateNoItems', // items: a checklist needs at least one item
  'itemIdRepeats', // items.N.id: {id} repeats
] as const;
export type InspectionRule = (typeof inspectionRules)[number];

export const inspectionRefusals = domainRefusals('inspection', inspectionRules);
