import { defineText } from '../i18n/i18n';

export const shellText = defineText({
  'zh-CN': {
    area: { desk: '导医台', tea: '奉茶', inspection: '仪容检查', complaint: '投诉', settings: '设置', dashboard: '总部看板', reports: '报表', reference: '参考数据', followup: '回访', enquiry: '咨询', devices: '设备', staff: '排班' },
    atDesk: '当班',
    switchOperator: '换人',
    signOut: '退出',
    language: 'EN',
    notConnected: '未连接到导医台服务',
    notConnectedHelp: '请从启动导医台时打印的地址打开本页（地址中含访问密钥）。',
    storeRefused: '无法打开本机数据',
    comingTitle: '此功能尚未开放',
    comingBody: '该模块将在后续版本中提供；目前可使用「导医台」登记与分诊。',
    shortcuts: (n: number) => `快捷键：Alt+1…${n} 切换模块，F2 查找客户，Ctrl+Enter 提交`,
    shortcutsHeadOffice: (n: number) => `快捷键：Alt+1…${n} 切换模块；图表下方的表格可用 Tab 与 Enter 查看明细`,
  },
  en: {
    area: { desk: 'Desk', tea: 'Tea', inspection: 'Grooming', complaint: 'Complaints', settings: 'Settings', dashboard: 'Dashboard', reports: 'Reports', reference: 'Reference data', followup: 'Follow-up', enquiry: 'Enquiries', devices: 'Devices', staff: 'Rota' },
    atDesk: 'At the desk',
    switchOperator: 'Switch',
    signOut: 'Sign out',
    language: '中文',
    notConnected: 'Not connected to the desk service',
    notConnectedHelp: 'Open this page from the address printed when the desk started (it carries the access key).',
    storeRefused: 'Cannot open this desk’s data',
    comingTitle: 'Not available yet',
    comingBody: 'This area comes in a later version; the guide desk (check-in and triage) works now.',
    shortcuts: (n: number) => `Keys: Alt+1…${n} switch areas, F2 find customer, Ctrl+Enter submit`,
    shortcutsHeadOffice: (n: number) => `Keys: Alt+1…${n} switch areas; the tables under the charts open the records with Tab and Enter`,
  },
});
