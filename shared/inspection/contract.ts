import { z } from 'zod';
import { empty, op } from '../op';
import { exportFile } from '../headoffice/schemas';
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
  'inspection.templates': op('operator', empty, z.array(templateView), { dependsOn: ['inspection-template'] }),
  'inspection.saveTemplate': op('admin', saveTemplateInput, templateView),
  'inspection.settings': op('operator', empty, settingsView, { dependsOn: ['inspection-settings'] }),
  'inspection.updateSettings': op('admin', updateSettingsInput, settingsView),
  'inspection.status': op('operator', empty, statusView, { dependsOn: ['clinic', 'inspection', 'inspection-result', 'inspection-penalty', 'inspection-penalty-correction', 'inspection-correction', 'inspection-template', 'inspection-settings', 'service-star', 'staff'] }),
  'inspection.list': op('operator', monthInput, z.array(inspectionLine), { dependsOn: ['inspection', 'inspection-result', 'inspection-penalty', 'inspection-penalty-correction', 'inspection-correction', 'inspection-template', 'inspection-settings', 'service-star', 'staff'] }),
  'inspection.start': op('operator', startInput, inspectionView),
  'inspection.get': op('operator', inspectionRef, inspectionView, { dependsOn: ['inspection', 'inspection-result', 'inspection-penalty', 'inspection-penalty-correction', 'inspection-correction', 'inspection-template', 'inspection-settings', 'service-star', 'staff'] }),
  'inspection.saveResult': op('operator', saveResultInput, inspectionView),
  'inspection.attachPhoto': op('operator', attachPhotoInput, z.strictObject({ name: z.string(), bytes: z.number() })),
  'inspection.photo': op('operator', photoInput, photoView, { dependsOn: ['inspection-result'] }),
  'inspection.signOff': op('operator', inspectionRef, inspectionView),
  'inspection.correct': op('operator', correctInput, inspectionView),
  'inspection.decidePenalty': op('admin', decidePenaltyInput, inspectionView),
  /** A lead changes a decided penalty, with the reason (issue 21); the decision and every correction are kept. */
  'inspection.correctPenalty': op('admin', correctPenaltyInput, inspectionView),
  'inspection.monthSummary': op('operator', monthInput, monthSummaryView, { dependsOn: ['inspection', 'inspection-result', 'inspection-penalty', 'inspection-penalty-correction', 'inspection-correction', 'inspection-template', 'inspection-settings', 'service-star', 'staff'] }),
  /** The clinic's month summary as .xlsx (the same figures as 打印本月汇总, typed cells). */
  'inspection.monthXlsx': op('operator', monthInput, exportFile),
  'inspection.chooseStar': op('admin', chooseStarInput, monthSummaryView),
  'inspection.discard': op('operator', discardInput, inspectionView),
} as const;
