import type { enquiriesContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const enquiriesNames = {
  'enquiry.record': true,
  'enquiry.answer': true,
  'enquiry.book': true,
  'enquiry.list': true,
  'enquiry.due': true,
  'enquiry.funnel': true,
  'enquiry.recall': true,
  'catalogue.get': true,
  'enquiry.importPreview': true,
  'enquiry.importCommit': true,
  'headoffice.catalogueSave': true,
  'enquiry.spotCheck': true,
  'enquiry.sheetReport': true,
  'enquiry.sheets': true,
  'headoffice.enquiries': true,
  'headoffice.enquiryRecords': true,
  'headoffice.enquiriesXlsx': true,
} satisfies Record<keyof typeof enquiriesContract, true>;
