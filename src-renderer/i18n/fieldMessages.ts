import type { Locale } from './i18n';

/**
 * The main process and the shared schemas speak English field messages ("required",
 * "at most 30 characters"); the desk reads them in its own language.
 */
const zh: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^required$/, () => '必填'],
  [/^choose one$/, () => '请选择'],
  [/^at most (\d+) characters$/, (m) => `最多 ${m[1]} 个字`],
  [/^a phone number: 7-15 digits$/, () => '请输入 7-15 位电话号码'],
  [/^a date written YYYY-MM-DD$/, () => '日期格式为 年-月-日，如 1990-05-01'],
  [/^age or birth date is required$/, () => '请填写年龄或出生日期'],
  [/^4-8 digits$/, () => 'PIN 为 4-8 位数字'],
  [/^wrong PIN$/, () => 'PIN 不正确'],
  [/^2-4 capital letters/, () => '2-4 个大写字母，如 BJ'],
  [/^at least one department$/, () => '至少一个科室'],
  [/^department names repeat$/, () => '科室名称重复'],
  [/^contains control characters$/, () => '含有不可见的控制字符'],
  [/^unknown field$/, () => '未知字段'],
  [/^already registered to (.+)$/, (m) => `该号码已登记为「${m[1]}」`],
  [/^no such active department$/, () => '科室不存在或已停用'],
  [/^not an active consultant or doctor of (.+)$/, (m) => `不是「${m[1]}」当前在职的咨询师或医生`],
  [/^too many wrong PINs/, () => 'PIN 错误次数过多，请 5 分钟后再试'],
  // The rationed phone search (the roster's grants refuse by rule: staff.grant…).
  [/^at most (\d+) phone searches per (minute|hour)/, (m) => `按电话查询过于频繁（每${m[2] === 'minute' ? '分钟' : '小时'}最多 ${m[1]} 次），请稍后再试；可按姓名查询`],
  [/^an http\(s\) address/, () => '地址须为 http(s)://…，且不含账号、密码、? 或 #'],
  // The fleet domain's schemas (backup folder, versions): until schema errors come keyed by code (issue 20).
  [/^an absolute folder path$/, () => '请填写完整的文件夹路径（如 E:\\导医台备份）'],
  [/^a version like 1\.2\.3$/, () => '版本号格式如 1.2.3'],
  [/^a clinic code$/, () => '机构代码为 2-8 个大写字母'],
  [/^https:\/\/ is required over the internet/, () => '通过互联网连接总部必须使用 https://（http:// 只能用于本机或本院内网）'],
  [/^letters, digits, _ \. @ -$/, () => '只能含字母、数字和 _ . @ -'],
  // the working-day calendar (shared/reference/calendar.ts calendarProblems)
  [/^overlaps (.+) \((\S+) to (\S+)\)$/, (m) => `与「${m[1]}」(${m[2]} 至 ${m[3]})重叠`],
  [/^"(.*)" is not a real date/, (m) => `「${m[1]}」不是有效日期`],
  [/^(\S+) is not in (\d{4})$/, (m) => `${m[1]} 不在 ${m[2]} 年内`],
  [/^ends \((\S+)\) before it starts \((\S+)\)$/, (m) => `结束（${m[1]}）早于开始（${m[2]}）`],
  [/^(\S+) is not a Saturday or Sunday$/, (m) => `${m[1]} 不是周六或周日（调休上班日应在周末）`],
  [/^(\S+) is inside (.+)$/, (m) => `${m[1]} 在「${m[2]}」假期内`],
  [/^(\S+) is listed twice$/, (m) => `${m[1]} 重复`],
  // The follow-up plans (shared/followup/plans.ts).
  [/^at least one outcome category$/, () => '至少选一种到诊结果'],
  [/^an outcome category is listed twice$/, () => '到诊结果重复'],
  [/^only a plan made by a visit has outcome categories$/, () => '只有按到诊生成的方案才有到诊结果'],
  [/^a real date \(YYYY-MM-DD\)$/, () => '请填写有效日期'],
  [/^at most (\d+) days$/, (m) => `最多 ${m[1]} 天`],
  // Appointments, roster and arrival (src-main/appointments, src-main/desk).
  [/^a time written HH:MM/, () => '时间格式为 时：分，如 09:30'],
  [/^(\S+) (\S+) is in the past$/, (m) => `${m[1]} ${m[2]} 已经过去，不能预约`],
  [/^(\S+) (\S+) is outside opening hours \((.+)\)$/, (m) => `${m[2]} 不在营业时间（${m[3]}）内`],
  [/^(\S+) (\S+) is more than a year ahead$/, (m) => `${m[1]} 超过一年以后，请检查日期`],
  [/^(\S+) (\S+) not a real (date|time)$/, (m) => (m[3] === 'date' ? `${m[1]} 不是有效日期` : `${m[2]} 不是有效时间`)],
  [/^(.+) is already booked on (\S+) at (\S+)$/, (m) => `${m[1]} 已预约 ${m[2]} ${m[3]}，同一天只能有一个预约`],
  [/^this appointment was cancelled$/, () => '该预约已取消'],
  [/^this appointment has already arrived$/, () => '该客人已到诊'],
  [/^this appointment is recorded as a no-show$/, () => '该预约已记为爽约'],
  [/^this appointment was on a past day$/, () => '该预约日期已过'],
  [/^this appointment is still ahead$/, () => '预约时间未到，不能记爽约'],
  [/^this appointment is for (\S+), not today$/, (m) => `该预约是 ${m[1]} 的，不是今天`],
  [/^this appointment is (.+)'s$/, (m) => `该预约属于「${m[1]}」`],
  [/^this visitor has already checked in$/, () => '该客人已登记到诊'],
  [/^no such appointment$/, () => '预约不存在'],
  [/^no such customer$/, () => '客户不存在'],
  [/^(.+) is not registered yet/, (m) => `「${m[1]}」尚未建档，请用登记表登记`],
  [/^(.+) is not on duty (today|on (\S+))$/, (m) => `${m[1]} ${m[3] ? `${m[3]} ` : '今天'}不当班`],
  [/^not an active consultant or doctor$/, () => '不是在职的咨询师或医生'],
  [/^(\S+) is a past day/, (m) => `${m[1]} 已过去，排班不可更改`],
  [/^not an active staff member of this clinic$/, () => '不是本院在职员工'],
  [/^this record was merged into/, () => '该档案已合并到另一档案'],
  [/^the signed-in role may not/, () => '当前人员无权填写此项'],
  // Inspections' refusals read from their rules (shared/inspection/refusals.ts); the decision check's own problem:
  [/^the fine is ¥(\d+) or ¥(\d+)$/, (m) => `按制度罚款只能是 ${m[1]} 元或 ${m[2]} 元`],
];

export function fieldMessage(message: string, locale: Locale): string {
  if (locale !== 'zh-CN') return message;
  return customFieldMessage(message) ?? message;
}

/** The Chinese of one of the app's own English messages, or null when none matches (schema errors then read from their zod code: schemaMessages.ts). */
export function customFieldMessage(message: string): string | null {
  for (const [pattern, render] of zh) {
    const m = message.match(pattern);
    if (m) return render(m);
  }
  return null;
}
