import { z } from 'zod';
import { empty, op } from '../op';
import {
  complaintGetInput,
  complaintHome,
  complaintListInput,
  complaintRecordInput,
  complaintStepInput,
  complaintSummary,
  complaintView,
  evidenceInput,
  monthInput,
  monthlyStats,
  uploadChunkInput,
  attachVideoInput,
  resolveNumberInput,
  complaintLimitsView,
} from './schemas';

/** Patient complaints (投诉): intake, numbering, the 11 steps, deadlines, approvals, penalties. */
export const complaintContract = {
  'complaint.record': op('operator', complaintRecordInput, complaintView),
  'complaint.get': op('operator', complaintGetInput, complaintView, { dependsOn: ['complaint', 'complaint-event', 'complaint-number', 'calendar', 'staff'] }),
  'complaint.list': op('operator', complaintListInput, z.array(complaintSummary), { dependsOn: ['complaint', 'complaint-event', 'complaint-number', 'complaint-settings', 'calendar'] }),
  'complaint.step': op('operator', complaintStepInput, complaintView),
  'complaint.home': op('operator', empty, complaintHome, { dependsOn: ['complaint', 'complaint-event', 'complaint-number', 'complaint-settings', 'complaint-review', 'calendar'] }),
  'complaint.setNumberingDesk': op('admin', empty, complaintHome),
  'complaint.resolveNumber': op('operator', resolveNumberInput, complaintHome),
  'complaint.evidence': op('operator', evidenceInput, z.strictObject({ name: z.string(), mime: z.string(), data: z.string() })),
  'complaint.uploadChunk': op('operator', uploadChunkInput, z.strictObject({ uploadId: z.string(), bytes: z.number() })),
  'complaint.attachVideo': op('operator', attachVideoInput, complaintView),
  'complaint.monthlyStats': op('operator', monthInput, monthlyStats, { dependsOn: ['complaint', 'complaint-event', 'complaint-number'] }),
  'complaint.monthlyXlsx': op('operator', monthInput, z.strictObject({ fileName: z.string(), data: z.string() })),
  'complaint.limits': op('operator', empty, complaintLimitsView),
} as const;
