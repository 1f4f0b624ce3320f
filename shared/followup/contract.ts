import { z } from 'zod';
import { op } from '../op';
import { exportFile, periodInput } from '../headoffice/schemas';
import { plansSaveInput, plansView } from './plans';
import { attemptInput, complaintFromCallInput, followupRecordsInput, followupReport, hoFollowupRecord, hoFollowupRecordsInput, hoListInput, figuresInput, figuresView, listInput, taskOnlyInput, taskView } from './schemas';

/** Follow-up calls (回访): the call list, taking a task, a call with its survey. */
export const followupContract = {
  'followup.list': op('operator', listInput, z.array(taskView), { dependsOn: ['followup-task', 'followup-event', 'visit', 'visit-event', 'customer'] }),
  /** One task as the caller sees it (a closed one too: its state, and the complaint its call opened). */
  'followup.task': op('operator', taskOnlyInput, taskView, { dependsOn: ['followup-task', 'followup-event', 'visit', 'visit-event', 'customer', 'complaint', 'complaint-number'] }),
  'followup.take': op('operator', taskOnlyInput, taskView),
  'followup.attempt': op('operator', attemptInput, taskView),
  'followup.figures': op('operator', figuresInput, figuresView, { dependsOn: ['followup-task', 'followup-event', 'visit', 'visit-event'] }),
  /** The tasks one of those figures counts (the desk's 回访 → 统计 opens them), at most MAX_RECORDS. */
  'followup.records': op('operator', followupRecordsInput, z.array(hoFollowupRecord), { dependsOn: ['followup-task', 'followup-event', 'visit', 'visit-event'] }),
  /** 询诊患者定期回访: the re-calls of enquirers who did not book, due today and overdue (the consulting group's list). */
  'followup.recalls': op('operator', z.strictObject({}), z.array(taskView), { dependsOn: ['followup-task', 'followup-event', 'enquiry', 'appointment'] }),
  /** Today's member-care messages (短信) still to send, as .xlsx for the clinic's SMS platform. */
  'followup.messagesXlsx': op('operator', z.strictObject({}), exportFile),
  /** A reached call whose feedback was 投诉 opens a complaint (channel 回访反馈); the two records point at each other. */
  'followup.complaint': op('operator', complaintFromCallInput, taskView),
  /** The plans this desk derives tasks by: head office's rolled-out version (pulled from `reference`), else the shipped defaults (version 0). */
  'followup.plans': op('operator', z.strictObject({}), plansView, { dependsOn: ['followup-plans'] }),
  /** Head office saves a new version of the plans, written whole into `reference`; every clinic's desks pull it. */
  'headoffice.followupPlansSave': op('headoffice', plansSaveInput, plansView),
  /** Head office's call centre: a clinic's calls, derived and written online in the clinic's database. */
  'headoffice.followupList': op('headoffice', hoListInput, z.array(taskView), { dependsOn: ['followup-task', 'followup-event', 'visit', 'visit-event', 'customer'] }),
  'headoffice.followupTake': op('headoffice', taskOnlyInput, taskView),
  'headoffice.followupAttempt': op('headoffice', attemptInput, taskView),
  /** A 投诉 call made at head office opens the complaint (channel 回访反馈) in the clinic's database. */
  'headoffice.followupComplaint': op('headoffice', complaintFromCallInput, taskView),
  /** Every Friday's report's follow-up part: satisfaction per clinic and in total (week Saturday–Friday, or month), printable and .xlsx. */
  'headoffice.followupReport': op('headoffice', figuresInput, followupReport, { dependsOn: ['followup-task', 'followup-event'] }),
  'headoffice.followupReportXlsx': op('headoffice', figuresInput, exportFile),
  /** The dashboard's 回访 section: the same figures for the dashboard's own 从/至 range (one clinic or all). */
  'headoffice.followupFigures': op('headoffice', periodInput, followupReport, { dependsOn: ['followup-task', 'followup-event', 'visit', 'visit-event', 'clinic'] }),
  /** The tasks one of those figures counts (at most MAX_RECORDS). */
  'headoffice.followupRecords': op('headoffice', hoFollowupRecordsInput, z.array(hoFollowupRecord), { dependsOn: ['followup-task', 'followup-event', 'visit', 'visit-event', 'clinic'] }),
  /** The section's 导出 Excel: the follow-up sheets for the range. */
  'headoffice.followupXlsx': op('headoffice', periodInput, exportFile),
} as const;
