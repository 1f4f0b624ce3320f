import { defineText } from '../i18n/i18n';

/** The shared paper of src-renderer/ui: the one 员工过失处罚单 (PenaltySlip.tsx), zh-CN first. */
export const slipText = defineText({
  'zh-CN': {
    title: '员工过失处罚单',
    number: '单号',
    clinic: '机构',
    date: '日期',
    faults: '过失事项',
    occurrence: '本次',
    earlier: '此前同类',
    none: '无',
    person: '被处罚人',
    role: '身份',
    staffNumber: '工号',
    department: '部门',
    measure: '处理',
    amount: '罚款（小写）',
    capitals: '大写金额',
    total: '合计',
    note: '备注',
    roleName: { self: '当事人', supervisor: '直接上级', deptHead: '部门负责人', leadership: '院领导' },
    signPerson: '当事人签字',
    signSupervisor: '直接上级签字',
    signDeptHead: '部门负责人签字',
    signApprover: '审批人签字',
    signDate: '日期：　　年　　月　　日',
    print: '打印 / PDF',
    close: '关闭',
    yuan: (n: number) => `¥${n.toLocaleString('zh-CN')}`,
    rmb: (words: string) => `人民币${words}`,
  },
  en: {
    title: 'Staff fault penalty slip (员工过失处罚单)',
    number: 'Slip no.',
    clinic: 'Clinic',
    date: 'Date',
    faults: 'Fault',
    occurrence: 'This time',
    earlier: 'Earlier ones',
    none: 'none',
    person: 'Person fined',
    role: 'As',
    staffNumber: 'Staff no.',
    department: 'Department',
    measure: 'Measure',
    amount: 'Fine (figures)',
    capitals: 'In words (大写)',
    total: 'Total',
    note: 'Note',
    roleName: { self: 'The person', supervisor: 'Supervisor', deptHead: 'Department head', leadership: 'Clinic leadership' },
    signPerson: 'Person fined',
    signSupervisor: 'Supervisor',
    signDeptHead: 'Department head',
    signApprover: 'Approved by',
    signDate: 'Date:',
    print: 'Print / PDF',
    close: 'Close',
    yuan: (n: number) => `¥${n.toLocaleString('en')}`,
    rmb: (words: string) => `RMB ${words}`,
  },
});

/** FileButton's default words. */
export const fileText = defineText({
  'zh-CN': { choose: '选择文件……' },
  en: { choose: 'Choose files…' },
});

const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAY_EN = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'];

/** DateField's and MonthField's words (the dates themselves: ui/dateText.ts). */
export const pickerText = defineText({
  'zh-CN': {
    open: '打开日历',
    openKeys: '打开日历（Alt+↓）',
    placeholder: (example: string) => `如 ${example}`,
    prevMonth: '上个月',
    nextMonth: '下个月',
    prevYear: '上一年',
    nextYear: '下一年',
    monthOf: (y: number, m: number) => `${y}年${m}月`,
    year: (y: number) => `${y}年`,
    monthShort: (m: number) => `${m}月`,
    weekday: (d: number) => '日一二三四五六'.charAt(d),
    today: '今天',
    thisMonth: '本月',
    keysHint: '方向键选择，回车确定，Esc 关闭',
    time: '时间',
    timeHint: '如 9:30，↑/↓ 调整',
    done: '确定',
    now: '现在',
    badTime: '请填写时间，如 9:30',
  },
  en: {
    open: 'Open the calendar',
    openKeys: 'Open the calendar (Alt+↓)',
    placeholder: (example: string) => `e.g. ${example}`,
    prevMonth: 'Previous month',
    nextMonth: 'Next month',
    prevYear: 'Previous year',
    nextYear: 'Next year',
    monthOf: (y: number, m: number) => `${MONTH_SHORT[m - 1] ?? ''} ${y}`,
    year: (y: number) => String(y),
    monthShort: (m: number) => MONTH_SHORT[m - 1] ?? '',
    weekday: (d: number) => WEEKDAY_EN[d] ?? '',
    today: 'Today',
    thisMonth: 'This month',
    keysHint: 'Arrows move, Enter picks, Esc closes',
    time: 'Time',
    timeHint: 'e.g. 09:30, ↑/↓ to change',
    done: 'OK',
    now: 'Now',
    badTime: 'Enter a time, e.g. 09:30',
  },
});

/** TimeField's words (the times themselves: ui/timeText.ts; 24-hour in both languages). */
export const timeFieldText = defineText({
  'zh-CN': {
    placeholder: '如 09:30',
    keys: '24 小时制，可输入 930、9:30；↑/↓ 调整时或分',
  },
  en: {
    placeholder: 'e.g. 09:30',
    keys: '24-hour: type 930 or 9:30; ↑/↓ change the hour or minutes',
  },
});
