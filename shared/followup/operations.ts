import type { followupContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const followupNames = {
  'followup.list': true,
  'followup.task': true,
  'followup.take': true,
  'followup.attempt': true,
  'followup.figures': true,
  'followup.records': true,
  'followup.recalls': true,
  'followup.messagesXlsx': true,
  'followup.complaint': true,
  'followup.plans': true,
  'headoffice.followupPlansSave': true,
  'headoffice.followupList': true,
  'headoffice.followupTake': true,
  'headoffice.followupAttempt': true,
  'headoffice.followupComplaint': true,
  'headoffice.followupReport': true,
  'headoffice.followupReportXlsx': true,
  'headoffice.followupFigures': true,
  'headoffice.followupRecords': true,
  'headoffice.followupXlsx': true,
} satisfies Record<keyof typeof followupContract, true>;
