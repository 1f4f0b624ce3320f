import { staffRoleNames } from '../../shared/reference/schemas';
import { kindNamesZh, measureNamesZh } from '../../shared/inspection/names';
import { levelNamesZh } from '../../shared/complaints/names';
import type { StaffFileView } from '../../shared/staff/schemas';
import { bytesOf, clinicExcelDate, DATE_FORMAT, DATE_TIME_FORMAT, figureSheet, tableSheet, workbook, xlsx } from '../headoffice/xlsx';

/**
 * 员工档案 as .xlsx (staffFile.xlsx): the same facts as staffFile.get, one sheet per panel, dates
 * as dates, amounts and scores as numbers, every word Chinese.
 */

const day = (d: string) => new Date(`${d}T00:00:00Z`);
const fineZh = { late: '迟到', early: '早退', absent: '旷工', away: '离岗（按旷工半日）' } as const;
const leaveZh = { personal: '事假', sick: '病假', marriage: '婚假', maternity: '产假', bereavement: '丧假' } as const;
const leaveStatusZh = { requested: '待审批', approved: '已批准', refused: '不批准' } as const;
const meetingZh = { weekly: '每周例会', quality: '服务质量分析会' } as const;

export async function staffFileXlsx(f: StaffFileView, by: string, at: Date) {
  const book = workbook(by, at);
  const a = f.attendance;
  figureSheet(book, '概要', [
    ['姓名', f.name],
    ['岗位', staffRoleNames[f.role]],
    ['起始', day(f.from), DATE_FORMAT],
    ['截止', day(f.to), DATE_FORMAT],
    ['应出勤天数', a.rostered],
    ['迟到次数', a.late],
    ['迟到分钟', a.lateMinutes],
    ['早退次数', a.early],
    ['旷工天数', a.absent],
    ['考勤罚款合计（元）', a.finedYuan],
    ['检查次数', f.inspections.length],
    ['处罚次数', f.penalties.length],
    ['涉及投诉', f.complaints.length],
    ['服务之星', f.stars.length],
    ['培训次数', f.training.length],
    ['离岗次数', f.away.length],
  ], { label: '项目', value: '数值', widths: [16, 24] });

  const date = { header: '日期', key: 'date', width: 12, numFmt: DATE_FORMAT };
  tableSheet(book, '考勤罚款', [
    date,
    { header: '事由', key: 'kind', width: 8 },
    { header: '分钟', key: 'minutes', width: 8 },
    { header: '处理', key: 'status', width: 8 },
    { header: '金额（元）', key: 'amount', width: 10 },
  ], a.fines.map((x) => ({ date: day(x.date), kind: fineZh[x.kind], minutes: x.minutes, status: x.status === 'confirmed' ? '已罚' : '免罚', amount: x.amountYuan })));

  tableSheet(book, '检查', [
    date,
    { header: '检查类型', key: 'kind', width: 16 },
    { header: '已签字', key: 'signed', width: 8 },
    { header: '合格项', key: 'passed', width: 8 },
    { header: '不合格项', key: 'failed', width: 40 },
  ], f.inspections.map((x) => ({ date: day(x.date), kind: kindNamesZh[x.kind as keyof typeof kindNamesZh] ?? '检查', signed: x.signed ? '是' : '否', passed: x.passed, failed: x.failed.join('、') })));

  tableSheet(book, '处罚', [
    date,
    { header: '来源', key: 'source', width: 8 },
    { header: '事由', key: 'what', width: 40 },
    { header: '处理', key: 'measure', width: 24 },
    { header: '金额（元）', key: 'amount', width: 10 },
  ], f.penalties.map((x) => ({ date: day(x.date), source: x.source === 'inspection' ? '检查' : '投诉', what: x.what, measure: (x.source === 'inspection' ? (measureNamesZh as Record<string, string>)[x.measure] : (levelNamesZh as Record<string, string>)[x.measure]) ?? x.measure, amount: x.amountYuan })));

  tableSheet(book, '涉及投诉', [
    { header: '收到时间', key: 'at', width: 17, numFmt: DATE_TIME_FORMAT },
    { header: '投诉内容', key: 'what', width: 50 },
    { header: '涉及人员', key: 'who', width: 20 },
    { header: '受处罚', key: 'penalised', width: 8 },
  ], f.complaints.map((x) => ({ at: clinicExcelDate(x.receivedAt), what: x.what, who: x.staffInvolved, penalised: x.penalised ? '是' : '否' })));

  tableSheet(book, '培训', [
    date,
    { header: '主题', key: 'topic', width: 30 },
    { header: '成绩', key: 'score', width: 8 },
    { header: '考核', key: 'passed', width: 8 },
  ], f.training.map((x) => ({ date: day(x.date), topic: x.topic, score: x.score, passed: x.passed === null ? '' : x.passed ? '通过' : '未通过' })));

  tableSheet(book, '例会', [
    date,
    { header: '会议', key: 'kind', width: 16 },
    { header: '出席', key: 'attended', width: 8 },
    { header: '负责的措施', key: 'actions', width: 50 },
  ], f.meetings.map((x) => ({ date: day(x.date), kind: meetingZh[x.kind], attended: x.attended ? '是' : '否', actions: x.actions.map((y) => `${y.what}（${y.due} 前）`).join('；') })));

  tableSheet(book, '离岗', [
    { header: '离岗时间', key: 'from', width: 17, numFmt: DATE_TIME_FORMAT },
    { header: '返岗时间', key: 'to', width: 17, numFmt: DATE_TIME_FORMAT },
    { header: '分钟', key: 'minutes', width: 8 },
    { header: '原因', key: 'reason', width: 30 },
  ], f.away.map((x) => ({ from: clinicExcelDate(x.from), to: clinicExcelDate(x.to), minutes: x.minutes, reason: x.reason })));

  tableSheet(book, '请假', [
    { header: '类别', key: 'kind', width: 8 },
    { header: '开始时间', key: 'from', width: 17, numFmt: DATE_TIME_FORMAT },
    { header: '结束时间', key: 'to', width: 17, numFmt: DATE_TIME_FORMAT },
    { header: '状态', key: 'status', width: 8 },
  ], f.leave.map((x) => ({ kind: leaveZh[x.kind], from: clinicExcelDate(x.from), to: clinicExcelDate(x.to), status: leaveStatusZh[x.status] })));
  return xlsx(`员工档案_${f.name}_${f.from}_${f.to}.xlsx`, await bytesOf(book));
}
