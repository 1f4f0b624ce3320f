import { defineText } from '../i18n/i18n';
import type { ReferenceRule } from '../../shared/reference/refusals';
import { staffRoleNames, type StaffRole } from '../../shared/reference/schemas';
import type { RuleText } from '../i18n/i18n';
import { commonText } from '../i18n/common';

/** Role codes in a refusal's params read as the desk's names. */
const zhRole = (r: string | number | undefined) => staffRoleNames[r as StaffRole] ?? String(r ?? '');
const enRole = (r: string | number | undefined) => (commonText.en.role as Record<StaffRole, string>)[r as StaffRole] ?? String(r ?? '');

/** The refusals of set-up, the roster and sign-in (shared/reference/refusals.ts), by rule. */
export const referenceText = {
  'zh-CN': {
    errors: {
      notSetUp: '本机导医台尚未设置机构',
      alreadySetUp: '本机导医台已设置过机构',
      clinicExists: (p) => `本机已有机构「${p.code ?? ''}」的资料`,
      noSuchDepartment: '科室不存在',
      departmentIdsRepeat: '科室重复',
      departmentKept: (p) => `科室「${p.names ?? ''}」已有记录，不能删除，只能停用`,
      noSuchStaff: '没有这位员工',
      notThemself: '不能选本人',
      deactivateSelf: '登录中不能停用自己',
      noPinStaff: '没有这位设有 PIN 的在职员工',
      wrongPin: 'PIN 不正确',
      pinLocked: (p) => `PIN 错误次数过多，请 ${p.minutes ?? 5} 分钟后再试`,
      headOfficeGrants: (p) => `「${zhRole(p.role)}」岗位只能由总部设置`,
      grantBelowOwn: (p) => `${zhRole(p.by)}只能设置低于自己的岗位，不能设置「${zhRole(p.role)}」`,
      ownRole: '不能更改自己的岗位',
      changeAbove: (p) => `只有职位高于${zhRole(p.role)}的人才能修改其资料`,
      resetPinAbove: (p) => `只有职位高于${zhRole(p.role)}的人才能重置其 PIN`,
      goLiveBeforeSetUp: (p) => `上线日期不能早于本机设置机构的日期（${p.day ?? ''}）`,
      goLiveStale: (p) => `上线日期已被他人修改（现为第 ${p.current ?? ''} 版），请刷新后再改`,
    } satisfies Record<ReferenceRule, RuleText>,
  },
  en: {
    errors: {
      notSetUp: 'This desk is not set up yet',
      alreadySetUp: 'This desk is already set up',
      clinicExists: (p) => `Clinic ${p.code ?? ''} already exists on this computer`,
      noSuchDepartment: 'No such department',
      departmentIdsRepeat: 'A department is listed twice',
      departmentKept: (p) => `${p.names ?? ''} cannot be removed, only made inactive`,
      noSuchStaff: 'No such staff member',
      notThemself: 'Cannot be the person themself',
      deactivateSelf: 'You cannot deactivate yourself while signed in',
      noPinStaff: 'No active staff member with a PIN',
      wrongPin: 'Wrong PIN',
      pinLocked: (p) => `Too many wrong PINs; try again in ${p.minutes ?? 5} minutes`,
      headOfficeGrants: (p) => `Only head office grants ${enRole(p.role)}`,
      grantBelowOwn: (p) => `A ${enRole(p.by)} may grant only roles below their own, not ${enRole(p.role)}`,
      ownRole: 'Nobody changes their own role',
      changeAbove: (p) => `Only someone above a ${enRole(p.role)} may change them`,
      resetPinAbove: (p) => `Only someone above a ${enRole(p.role)} may reset their PIN`,
      goLiveBeforeSetUp: (p) => `The go-live day cannot be before this desk was set up (${p.day ?? ''})`,
      goLiveStale: (p) => `Someone changed the go-live day meanwhile (now version ${p.current ?? ''}); reload and try again`,
    } satisfies Record<ReferenceRule, RuleText>,
  },
};

/** The go-live day's field (src-renderer/settings/GoLive.tsx). */
export const goLiveText = defineText({
  'zh-CN': {
    title: '上线日期',
    hintFor: (day: string) => `本院正式使用导医台的日期。每周自查与总部巡查从这一天起计算应做次数；未设置时按本机设置机构的日期（${day}）计算。`,
    hoHintFor: (day: string) => `该院正式使用导医台的日期。每周自查与总部巡查从这一天起计算应做次数；未设置时按该院设置机构的日期（${day}）计算。保存时在线写入该院数据库，经同步到达该院各台。`,
    save: '保存上线日期',
    notSet: '未设置',
    setBy: (date: string, name: string, at: string, version: number) => `上线日期 ${date}（第 ${version} 版，${name} 于 ${at} 设置）`,
    countsFrom: (day: string) => `每周自查从 ${day} 起计`,
    saved: '上线日期已保存',
  },
  en: {
    title: 'Go-live day',
    hintFor: (day: string) => `The day the clinic began to use the desk. Weekly self-inspections and head-office visits are owed from it; until it is set, from the day this desk was set up (${day}).`,
    hoHintFor: (day: string) => `The day the clinic began to use the desk. Weekly self-inspections and head-office visits are owed from it; until it is set, from the day the clinic was set up (${day}). Saved online into the clinic's database; its desks receive it through sync.`,
    save: 'Save the go-live day',
    notSet: 'not set',
    setBy: (date: string, name: string, at: string, version: number) => `Go-live day ${date} (version ${version}, set by ${name} on ${at})`,
    countsFrom: (day: string) => `Weekly self-inspections count from ${day}`,
    saved: 'Go-live day saved',
  },
});
