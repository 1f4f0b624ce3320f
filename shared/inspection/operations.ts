import type { inspectionContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const inspectionNames = {
  'inspection.templates': true,
  'inspection.saveTemplate': true,
  'inspection.settings': true,
  'inspection.updateSettings': true,
  'inspection.status': true,
  'inspection.list': true,
  'inspection.start': true,
  'inspection.get': true,
  'inspection.saveResult': true,
  'inspection.attachPhoto': true,
  'inspection.photo': true,
  'inspection.signOff': true,
  'inspection.correct': true,
  'inspection.decidePenalty': true,
  'inspection.correctPenalty': true,
  'inspection.monthSummary': true,
  'inspection.monthXlsx': true,
  'inspection.chooseStar': true,
  'inspection.discard': true,
} satisfies Record<keyof typeof inspectionContract, true>;
