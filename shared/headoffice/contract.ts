import { z } from 'zod';
import { op } from '../op';
import { appStatus, goLiveView, staffView } from '../reference/schemas';
import { thresholds, thresholdsInput, thresholdsSaveInput, headOfficeStaffInput, headOfficeStaffSaveInput, weeklyInput, weeklyReport, complaintMonthReport, inspectionMonthReport, reportMonthInput, headOfficeClinic, headOfficeClinicUpdateInput, headOfficeGoLiveInput, headOfficeSetGoLiveInput, calendarSaveInput, calendarView, calendarYearInput, dashboard, exportFile, headOfficeSetupInput, periodInput, visitRecord, visitRecordsInput, complaintFigures, complaintFact, complaintRecordsInput, inspectionFigures, inspectionRecords, inspectionRecordsInput, teaRecord, teaRecordsInput, noShowRecord } from './schemas';
import { complaintLimitsView, setLimitsInput } from '../complaints/schemas';
import { hoCaseGetInput, hoCaseListInput, hoCaseSummary, hoCaseView, hoEvidenceFile, hoEvidenceInput, hoMonthReview, hoReviewInput, hoStepInput, hoTodo } from './complaints';
import { clinicTemplates, inspectionTemplateSaveInput, rolloutResults, teaTemplateSaveInput, templatesInput } from './templates';

/** Head office: set-up in head-office mode, the dashboard, drill-down, exports, reference data. */
export const headOfficeContract = {
  'headoffice.setup': op('none', headOfficeSetupInput, appStatus),
  'headoffice.dashboard': op('headoffice', periodInput, dashboard, { dependsOn: ['visit', 'customer', 'clinic', 'visit-event', 'tea-event', 'no-show', 'no-show-correction'] }),
  'headoffice.visitRecords': op('headoffice', visitRecordsInput, z.array(visitRecord), { dependsOn: ['visit', 'customer', 'visit-event'] }),
  'headoffice.complaints': op('headoffice', periodInput, complaintFigures, { dependsOn: ['complaint', 'complaint-event', 'complaint-number'] }),
  'headoffice.complaintRecords': op('headoffice', complaintRecordsInput, z.array(complaintFact), { dependsOn: ['complaint', 'complaint-event'] }),
  'headoffice.inspections': op('headoffice', periodInput, inspectionFigures, { dependsOn: ['inspection', 'inspection-result', 'inspection-penalty', 'inspection-correction', 'service-star'] }),
  'headoffice.inspectionRecords': op('headoffice', inspectionRecordsInput, inspectionRecords, { dependsOn: ['inspection', 'inspection-result', 'inspection-penalty', 'inspection-correction', 'service-star'] }),
  'headoffice.teaRecords': op('headoffice', teaRecordsInput, z.array(teaRecord), { dependsOn: ['tea-event', 'visit'] }),
  'headoffice.noShowRecords': op('headoffice', z.strictObject({ period: periodInput }), z.array(noShowRecord), { dependsOn: ['no-show', 'appointment'] }),
  'headoffice.exportDashboard': op('headoffice', periodInput, exportFile),
  'headoffice.calendarGet': op('headoffice', calendarYearInput, calendarView, { dependsOn: ['calendar'] }),
  'headoffice.calendarSave': op('headoffice', calendarSaveInput, calendarView),
  'headoffice.clinics': op('headoffice', z.strictObject({}), z.array(headOfficeClinic), { dependsOn: ['clinic'] }),
  'headoffice.clinicUpdate': op('headoffice', headOfficeClinicUpdateInput, headOfficeClinic),
  'headoffice.goLive': op('headoffice', headOfficeGoLiveInput, goLiveView, { dependsOn: ['clinic'] }),
  'headoffice.setGoLive': op('headoffice', headOfficeSetGoLiveInput, goLiveView),
  'headoffice.staff': op('headoffice', headOfficeStaffInput, z.array(staffView), { dependsOn: ['staff'] }),
  'headoffice.staffSave': op('headoffice', headOfficeStaffSaveInput, staffView),
  'headoffice.thresholds': op('headoffice', thresholdsInput, thresholds, { dependsOn: ['tea-settings', 'inspection-settings'] }),
  'headoffice.thresholdsSave': op('headoffice', thresholdsSaveInput, thresholds),
  'headoffice.templates': op('headoffice', templatesInput, clinicTemplates, { dependsOn: ['tea-template', 'inspection-template', 'staff'] }),
  'headoffice.teaTemplateSave': op('headoffice', teaTemplateSaveInput, rolloutResults),
  'headoffice.inspectionTemplateSave': op('headoffice', inspectionTemplateSaveInput, rolloutResults),
  'headoffice.complaintMonth': op('headoffice', reportMonthInput, complaintMonthReport, { dependsOn: ['complaint', 'complaint-event', 'complaint-number'] }),
  'headoffice.complaintMonthXlsx': op('headoffice', reportMonthInput, exportFile),
  'headoffice.inspectionMonth': op('headoffice', reportMonthInput, inspectionMonthReport, { dependsOn: ['inspection', 'inspection-result', 'inspection-penalty', 'inspection-correction', 'service-star'] }),
  'headoffice.inspectionMonthXlsx': op('headoffice', reportMonthInput, exportFile),
  'headoffice.weekly': op('headoffice', weeklyInput, weeklyReport, { dependsOn: ['visit', 'visit-event', 'tea-event', 'complaint', 'complaint-event'] }),
  'headoffice.weeklyXlsx': op('headoffice', weeklyInput, exportFile),
  'headoffice.complaintLimitsSave': op('headoffice', setLimitsInput, complaintLimitsView),
  'headoffice.complaintCases': op('headoffice', hoCaseListInput, z.array(hoCaseSummary), { dependsOn: ['complaint', 'complaint-event', 'complaint-number', 'complaint-review', 'calendar', 'clinic'] }),
  'headoffice.complaintGet': op('headoffice', hoCaseGetInput, hoCaseView, { dependsOn: ['complaint', 'complaint-event', 'complaint-number', 'calendar', 'staff'] }),
  'headoffice.complaintStep': op('headoffice', hoStepInput, hoCaseView),
  'headoffice.complaintEvidence': op('headoffice', hoEvidenceInput, hoEvidenceFile),
  'headoffice.complaintTodo': op('headoffice', z.strictObject({}), hoTodo, { dependsOn: ['complaint', 'complaint-event', 'complaint-number', 'complaint-review', 'calendar', 'clinic'] }),
  'headoffice.complaintReview': op('headoffice', hoReviewInput, hoMonthReview),
  'headoffice.complaintLimits': op('headoffice', templatesInput, complaintLimitsView, { dependsOn: ['complaint-limits'] }),
} as const;
