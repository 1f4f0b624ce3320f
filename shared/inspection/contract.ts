import { z } from 'zod';
import { empty, op } from '../op';
import {
  attachPhotoInput,
  chooseStarInput,
  correctInput,
  discardInput,
  decidePenaltyInput,
  correctPenaltyInput,
  inspectionLine,
  inspectionRef,
  inspectionView,
  monthInput,
  monthSummaryView,
  photoInput,
  photoView,
  saveResultInput,
  saveTemplateInput,
  settingsView,
  startInput,
  statusView,
  templateView,
  updateSettingsInput,
} from './schemas';

/** Grooming and behaviour inspections (仪容仪表检查), templates and the penalty ladder. */
export const inspectionContract = {
  'inspection.templates': op('operator', empty, z.array(templateView)),
  'inspection.saveTemplate': op('admin', saveTemplateInput, templateView),
  'inspection.settings': op('operator', empty, settingsView),
  'inspection.updateSettings': op('admin', updateSettingsInput, settingsView),
  'inspection.status': op('operator', empty, statusView),
  'inspection.list': op('operator', monthInput, z.array(inspectionLine)),
  'inspection.start': op('operator', startInput, inspectionView),
  'inspection.get': op('operator', inspectionRef, inspectionView),
  'inspection.saveResult': op('operator', saveResultInput, inspectionView),
  'inspection.attachPhoto': op('operator', attachPhotoInput, z.strictObject({ name: z.string(), bytes: z.number() })),
  'inspection.photo': op('operator', photoInput, photoView),
  'inspection.signOff': op('operator', inspectionRef, inspectionView),
  'inspection.correct': op('operator', correctInput, inspectionView),
  'inspection.decidePenalty': op('admin', decidePenaltyInput, inspectionView),
  /** A lead changes a decided penalty, with the reason (issue 21); the decision and every correction are kept. */
  'inspection.correctPenalty': op('admin', correctPenaltyInput, inspectionView),
  'inspection.monthSummary': op('operator', monthInput, monthSummaryView),
  'inspection.chooseStar': op('admin', chooseStarInput, monthSummaryView),
  'inspection.discard': op('operator', discardInput, inspectionView),
} as const;
