import { z } from 'zod';
import { op } from '../op';
import { IMPORT_INPUT_BYTES, importCommitInput, importInput, importPreview } from './importSheet';
import { catalogueGetInput, catalogueSaveInput, catalogueView } from './catalogue';
import { hoEnquiryFigures, hoEnquiryRecord, hoEnquiryRecordsInput } from './headoffice';
import { exportFile, periodInput } from '../headoffice/schemas';
import { answerInput, bookFromEnquiryInput, enquiryView, funnel, funnelInput, rangeInput, recallInput, recallView, recordInput, sheetReportInput, sheetsInput, sheetsView, sheetRow, spotCheckInput } from './schemas';

/** Phone and online enquiries (电话/网络咨询, issue 14): the register, answers, bookings, the funnel. */
export const enquiriesContract = {
  /** Registers an enquiry: channel, the enquirer (on file, new, or not yet known), question, items, answer, outcome. */
  'enquiry.record': op('operator', recordInput, enquiryView),
  /** Answers an open enquiry (a call-back made, a doctor's answer) or changes its outcome. */
  'enquiry.answer': op('operator', answerInput, enquiryView),
  /** Books the appointment (appointments domain) from an enquiry: source from the channel, booked by the consultant. */
  'enquiry.book': op('operator', bookFromEnquiryInput, enquiryView),
  /** The enquiries of clinic days `from`..`to` (default today), newest first. */
  'enquiry.list': op('operator', rangeInput, z.array(enquiryView), { dependsOn: ['enquiry', 'enquiry-check', 'appointment', 'visit', 'customer'] }),
  /** Open enquiries, soonest due first: those past their 24 h target (or call-back time) are `overdue`. */
  'enquiry.due': op('operator', z.strictObject({}), z.array(enquiryView), { dependsOn: ['enquiry', 'enquiry-check', 'appointment', 'visit', 'customer'] }),
  /** 咨询量 → 预约量 → 到诊量 per period, consultant and channel, from the links. */
  'enquiry.funnel': op('operator', funnelInput, funnel, { dependsOn: ['enquiry', 'enquiry-check', 'appointment', 'visit'] }),
  /** 接通 of a re-call (询诊回访): did she book, why not, the next step; the follow-up task is reached, or rescheduled to the next call. */
  'enquiry.recall': op('operator', recallInput, recallView),
  /** 抽查: the group leader marks an entry right, wrong or incomplete, with a note (the error rate per consultant). */
  'enquiry.spotCheck': op('operator', spotCheckInput, enquiryView),
  /** 每日工作总结: the signed-in consultant reports her day's sheet (today or yesterday). */
  'enquiry.sheetReport': op('operator', sheetReportInput, sheetRow),
  /** The day's sheets of every consultant, summed and scored (seed 002), for the group leader and the dean. */
  'enquiry.sheets': op('operator', sheetsInput, sheetsView, { dependsOn: ['enquiry', 'enquiry-check', 'enquiry-sheet', 'staff'] }),
  /** Reads a booking sheet (.xlsx/.csv, UTF-8 or GBK) and checks every row: refused rows name row, column and reason. Writes nothing. */
  'enquiry.importPreview': op('operator', importInput, importPreview, { maxInputBytes: IMPORT_INPUT_BYTES }),
  /** Writes the sheet's good rows as enquiries (待回电), once the user confirmed the preview's count. */
  'enquiry.importCommit': op('operator', importCommitInput, importPreview, { maxInputBytes: IMPORT_INPUT_BYTES }),
  /** The service catalogue as this desk has it (pulled from head office's `reference`); version 0 before any. */
  'catalogue.get': op('operator', catalogueGetInput, catalogueView, { dependsOn: ['service-catalogue'] }),
  /** Head office saves a new version of the catalogue, written whole into `reference`; every clinic's desks pull it. */
  'headoffice.catalogueSave': op('headoffice', catalogueSaveInput, catalogueView),
  /** Head office's 咨询 section: 咨询量 → 预约量 → 到诊量 and 成功率 per period, clinic, channel and consultant. */
  'headoffice.enquiries': op('headoffice', periodInput, hoEnquiryFigures, { dependsOn: ['enquiry', 'visit', 'visit-event', 'clinic', 'staff'] }),
  /** The enquiries behind one of the section's figures (at most 500, newest first). */
  'headoffice.enquiryRecords': op('headoffice', hoEnquiryRecordsInput, z.array(hoEnquiryRecord), { dependsOn: ['enquiry', 'visit', 'visit-event', 'clinic', 'staff'] }),
  /** The section as an .xlsx (按期间, 按机构, 按渠道, 按咨询员, 说明). */
  'headoffice.enquiriesXlsx': op('headoffice', periodInput, exportFile),
} as const;
