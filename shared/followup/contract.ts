import { z } from 'zod';
import { op } from '../op';
import { attemptInput, figuresInput, figuresView, listInput, taskOnlyInput, taskView } from './schemas';

/** Follow-up calls (回访): the call list, taking a task, a call with its survey. */
export const followupContract = {
  'followup.list': op('operator', listInput, z.array(taskView)),
  'followup.take': op('operator', taskOnlyInput, taskView),
  'followup.attempt': op('operator', attemptInput, taskView),
  'followup.figures': op('operator', figuresInput, figuresView),
} as const;
