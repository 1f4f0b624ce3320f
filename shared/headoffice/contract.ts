import { z } from 'zod';
import { op } from '../op';
import { appStatus, staffView } from '../reference/schemas';
import { thresholds, thresholdsInput, thresholdsSaveInput, headOfficeStaffInput, headOfficeStaffSaveInput, weeklyInput, weeklyReport, complaintMonthReport, inspectionMonthReport, reportMonthInput, headOfficeClinic, headOfficeClinicUpdateInput, calendarSaveInput, calendarView, calendarYearInput, dashboard, exportFile, headOfficeSetupInput, periodInput, visitRecord, visitRecordsInput, complaintFigures, complaintFact, complaintRecordsInput, inspectionFigures, inspectionRecords, inspectionRecordsInput, teaRecord, teaRecordsInput, noShowRecord } from './schemas';
import { complaintLimitsView, setLimitsInput } from '../complaints/schemas';
import { hoCaseGetInput, hoCaseListInput, hoCaseSummary, hoCaseView, hoMonthReview, hoReviewInput, hoStepInput, hoTodo } from './complaints';
import { clinicTemplates, inspectionTemplateSaveInput, rolloutResults, teaTemplateSaveInput, templatesInput } from './templates';

/** Head office: set-up in head-office mode, the dashboard, drill-down, exports, reference data. */
export const headOfficeContract = {
  'headoffice.setup': op('none', headOfficeSetupInput, appStatus),
  'headoffice.dashboard': op('headoffice', periodInput, dashboard),
  'headoffice.visitRecords': op('headoffice', visitRecordsInput, z.array(visitRecord)),
  'headoffice.complaints': op('headoffice', periodInput, complaintFigures),
  'headoffice.complaintRecords': op('headoffice', complaintRecordsInput, z.array(complaintFact)),
  'headoffice.inspections': op('headoffice', periodInput, inspectionFigures),
  'headoffice.inspectionRecords': op('headoffice', inspectionRecordsInput, inspectionRecords),
  'headoffice.teaRecords': op('headoffice', teaRecordsInput, z.array(teaRecord)),
  'headoffice.noShowRecords': op('headoffice', z.strictObject({ period: periodInput }), z.array(noShowRecord)),
  'headoffice.exportDashboard': op('headoffice', periodInput, exportFile),
  'headoffice.calendarGet': op('headoffice', calendarYearInput, calendarView),
  'headoffice.calendarSave': op('headoffice', calendarSaveInput, calendarView),
  'headoffice.clinics': op('headoffice', z.strictObject({}), z.array(headOfficeClinic)),
  'headoffice.clinicUpdate': op('headoffice', headOfficeClinicUpdateInput, headOfficeClinic),
  'headoffice.staff': op('headoffice', headOfficeStaffInput, z.array(staffView)),
  'headoffice.staffSave': op('headoffice', headOfficeStaffSaveInput, staffView),
  'headoffice.thresholds': op('headoffice', thresholdsInput, thresholds),
  'headoffice.thresholdsSave': op('headoffice', thresholdsSaveInput, thresholds),
  'headoffice.templates': op('headoffice', templatesInput, clinicTemplates),
  'headoffice.teaTemplateSave': op('headoffice', teaTemplateSaveInput, rolloutResults),
  'headoffice.inspectionTemplateSave': op('headoffice', inspectionTemplateSaveInput, rolloutResults),
  'headoffice.complaintMonth': op('headoffice', reportMonthInput, complaintMonthReport),
  'headoffice.complaintMonthXlsx': op('headoffice', reportMonthInput, exportFile),
  'headoffice.inspectionMonth': op('headoffice', reportMonthInput, inspectionMonthReport),
  'headoffice.inspectionMonthXlsx': op('headoffice', reportMonthInput, exportFile),
  'headoffice.weekly': op('headoffice', weeklyInput, weeklyReport),
  'headoffice.weeklyXlsx': op('headoffice', weeklyInput, exportFile),
  'headoffice.complaintLimitsSave': op('headoffice', setLimitsInput, complaintLimitsView),
  'headoffice.complaintCases': op('headoffice', hoCaseListInput, z.array(hoCaseSummary)),
  'headoffice.complaintGet': op('headoffice', hoCaseGetInput, hoCaseView),
  'headoffice.complaintStep': op('headoffice', hoStepInput, hoCaseView),
  'headoffice.complaintTodo': op('headoffice', z.strictObject({}), hoTodo),
  'headoffice.complaintReview': op('headoffice', hoReviewInput, hoMonthReview),
  'headoffice.complaintLimits': op('headoffice', templatesInput, complaintLimitsView),
} as const;
