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
  'headoffice.dashboard': op('operator', periodInput, dashboard),
  'headoffice.visitRecords': op('operator', visitRecordsInput, z.array(visitRecord)),
  'headoffice.complaints': op('operator', periodInput, complaintFigures),
  'headoffice.complaintRecords': op('operator', complaintRecordsInput, z.array(complaintFact)),
  'headoffice.inspections': op('operator', periodInput, inspectionFigures),
  'headoffice.inspectionRecords': op('operator', inspectionRecordsInput, inspectionRecords),
  'headoffice.teaRecords': op('operator', teaRecordsInput, z.array(teaRecord)),
  'headoffice.noShowRecords': op('operator', z.strictObject({ period: periodInput }), z.array(noShowRecord)),
  'headoffice.exportDashboard': op('operator', periodInput, exportFile),
  'headoffice.calendarGet': op('operator', calendarYearInput, calendarView),
  'headoffice.calendarSave': op('operator', calendarSaveInput, calendarView),
  'headoffice.clinics': op('operator', z.strictObject({}), z.array(headOfficeClinic)),
  'headoffice.clinicUpdate': op('operator', headOfficeClinicUpdateInput, headOfficeClinic),
  'headoffice.staff': op('operator', headOfficeStaffInput, z.array(staffView)),
  'headoffice.staffSave': op('operator', headOfficeStaffSaveInput, staffView),
  'headoffice.thresholds': op('operator', thresholdsInput, thresholds),
  'headoffice.thresholdsSave': op('operator', thresholdsSaveInput, thresholds),
  'headoffice.templates': op('operator', templatesInput, clinicTemplates),
  'headoffice.teaTemplateSave': op('operator', teaTemplateSaveInput, rolloutResults),
  'headoffice.inspectionTemplateSave': op('operator', inspectionTemplateSaveInput, rolloutResults),
  'headoffice.complaintMonth': op('operator', reportMonthInput, complaintMonthReport),
  'headoffice.complaintMonthXlsx': op('operator', reportMonthInput, exportFile),
  'headoffice.inspectionMonth': op('operator', reportMonthInput, inspectionMonthReport),
  'headoffice.inspectionMonthXlsx': op('operator', reportMonthInput, exportFile),
  'headoffice.weekly': op('operator', weeklyInput, weeklyReport),
  'headoffice.weeklyXlsx': op('operator', weeklyInput, exportFile),
  'headoffice.complaintLimitsSave': op('operator', setLimitsInput, complaintLimitsView),
  'headoffice.complaintCases': op('operator', hoCaseListInput, z.array(hoCaseSummary)),
  'headoffice.complaintGet': op('operator', hoCaseGetInput, hoCaseView),
  'headoffice.complaintStep': op('operator', hoStepInput, hoCaseView),
  'headoffice.complaintTodo': op('operator', z.strictObject({}), hoTodo),
  'headoffice.complaintReview': op('operator', hoReviewInput, hoMonthReview),
  'headoffice.complaintLimits': op('operator', templatesInput, complaintLimitsView),
} as const;
