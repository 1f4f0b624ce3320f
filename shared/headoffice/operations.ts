import type { headOfficeContract } from './contract';

/** The operation names alone, for the preload (see shared/operations.ts). */
export const headOfficeNames = {
  'headoffice.setup': true,
  'headoffice.dashboard': true,
  'headoffice.visitRecords': true,
  'headoffice.exportVisits': true,
  'headoffice.calendarGet': true,
  'headoffice.calendarSave': true,
  'headoffice.clinics': true,
  'headoffice.clinicUpdate': true,
  'headoffice.staff': true,
  'headoffice.staffSave': true,
  'headoffice.thresholds': true,
  'headoffice.thresholdsSave': true,
  'headoffice.templates': true,
  'headoffice.teaTemplateSave': true,
  'headoffice.inspectionTemplateSave': true,
  'headoffice.complaintMonth': true,
  'headoffice.complaintMonthXlsx': true,
  'headoffice.inspectionMonth': true,
  'headoffice.inspectionMonthXlsx': true,
  'headoffice.weekly': true,
  'headoffice.weeklyXlsx': true,
} satisfies Record<keyof typeof headOfficeContract, true>;
