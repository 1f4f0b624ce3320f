import type { headOfficeContract } from '../../../shared/headoffice/contract';
import { calendar2026 } from '../../../shared/reference/calendar';

const period = { from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'day' };

/**
 * A valid input for each head-office operation. On a clinic desk (where contract.test.ts runs
 * them) they are refused as not head office; tests/integration/headoffice.test.ts runs them in
 * head-office mode.
 */
export function headOfficeValidInputs(): Record<keyof typeof headOfficeContract, Record<string, unknown>> {
  return {
    'headoffice.setup': { url: 'http://127.0.0.1:9', username: 'ho_director', password: 'ho_demo', director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: '2468' } },
    'headoffice.dashboard': { ...period },
    'headoffice.visitRecords': { period: { ...period }, firstVisit: true, departmentName: null, source: 'web' },
    'headoffice.complaints': { ...period, grain: 'week' },
    'headoffice.complaintRecords': { period: { ...period }, filter: { kind: 'channel', value: 'phone' } },
    'headoffice.inspections': { ...period, grain: 'month' },
    'headoffice.inspectionRecords': { period: { ...period }, filter: { kind: 'item', value: '工装整洁' } },
    'headoffice.noShowRecords': { period: { ...period } },
    'headoffice.teaRecords': { period: { ...period }, item: '茶水八分满' },
    'headoffice.exportDashboard': { ...period, grain: 'week' },
    'headoffice.calendarGet': { year: 2027 },
    'headoffice.calendarSave': { ...calendar2026, year: 2026 },
    'headoffice.clinics': {},
    'headoffice.staff': { clinic: 'BJ', includeInactive: true },
    'headoffice.staffSave': { clinic: 'BJ', id: null, name: '新员工', sex: 'F', role: 'guide', departmentId: null, active: true, staffNumber: 'BJ900' },
    'headoffice.thresholds': { clinic: 'BJ' },
    'headoffice.thresholdsSave': { clinic: 'BJ', refillMinutes: 20, inspection: { penaltyWindowMonths: 6, flatAmount: 10, flatKinds: ['preShift'] } },
    'headoffice.templates': { clinic: 'BJ' },
    'headoffice.teaTemplateSave': { from: 'BJ', baseVersion: 0, targets: ['BJ', 'SH'], items: [{ id: 'fill-80', text: '茶水八分满' }, { id: null, text: '递上纸巾' }] },
    'headoffice.inspectionTemplateSave': {
      from: 'BJ',
      key: 'grooming',
      name: '仪容仪表（全连锁）',
      baseVersion: 0,
      targets: ['BJ'],
      items: [
        { id: 'f-uniform', label: '工装整洁', sex: 'F' },
        { id: 'm-shave', label: '每天刮胡子，面部清洁', sex: 'M' },
        { id: 'c-ho-badge', label: '胸卡端正', sex: null },
      ],
    },
    'headoffice.complaintMonth': { month: '2026-11' },
    'headoffice.complaintMonthXlsx': { month: '2026-11' },
    'headoffice.inspectionMonth': { month: '2026-11' },
    'headoffice.inspectionMonthXlsx': { month: '2026-11' },
    'headoffice.weekly': { date: '2026-11-27' },
    'headoffice.weeklyXlsx': { date: '2026-11-27' },
    'headoffice.complaintLimitsSave': { clinic: 'BJ', limits: { notifyHours: 12, investigateWorkingDays: 1 }, reason: '本院规定（种子 004）：调查一般不超过 24 小时' },
    'headoffice.complaintCases': { clinic: 'BJ', state: 'open' },
    'headoffice.complaintGet': { id: 'complaint:BJ:2026-11-27:0000000000000000aa' },
    'headoffice.complaintStep': { id: 'complaint:BJ:2026-11-27:0000000000000000aa', step: { kind: 'approve', approved: true, note: '' }, attachments: [] },
    'headoffice.complaintEvidence': { id: 'complaint:BJ:2026-11-27:0000000000000000aa', name: '1-receipt.png' },
    'headoffice.complaintTodo': {},
    'headoffice.complaintLimits': { clinic: 'BJ' },
    'headoffice.complaintReview': { clinic: 'BJ', month: '2026-10', note: '已审视 10 月结案案件' },
    'headoffice.goLive': { code: 'BJ' },
    'headoffice.setGoLive': { code: 'BJ', date: '2026-12-01', baseVersion: 0 },
    'headoffice.clinicUpdate': { code: 'BJ', name: '北京院', inHeadOfficeCity: true, departments: [{ id: 'skin', name: '皮肤美容科', active: true }], waitAlertMinutes: 20 },
  };
}
