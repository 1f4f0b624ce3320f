import { z } from 'zod';
import { op } from '../op';
import { exportFile } from '../headoffice/schemas';
import { attemptInput, figuresInput, figuresView, listInput, taskOnlyInput, taskView } from './schemas';

/** Follow-up calls (回访): the call list, taking a task, a call with its survey. */
export const followupContract = {
  'followup.list': op('operator', listInput, z.array(taskView), { dependsOn: ['followup-task', 'followup-event', 'visit', 'visit-event', 'customer'] }),
  'followup.take': op('operator', taskOnlyInput, taskView),
  'followup.attempt': op('operator', attemptInput, taskView),
  'followup.figures': op('operator', figuresInput, figuresView),
  /** 询诊患者定期回访: the re-calls of enquirers who did not book, due today and overdue (the consulting group's list). */
  'followup.recalls': op('operator', z.strictObject({}), z.array(taskView)),
  /** Today's member-care messages (短信) still to send, as .xlsx for the clinic's SMS platform. */
  'followup.messagesXlsx': op('operator', z.strictObject({}), exportFile),
} as const;
