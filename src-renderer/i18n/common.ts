import { defineText } from './i18n';
import type { ErrorCode } from '../../shared/errors';
import { staffRoleNames, type StaffRole } from '../../shared/reference/schemas';
import type { Source } from '../../shared/desk/schemas';

/** Words every screen shares: roles, sexes, sources, error codes, field messages. */
export const commonText = defineText({
  'zh-CN': {
    appName: '导医台',
    save: '保存',
    cancel: '取消',
    required: '必填',
    loading: '加载中…',
    optional: '选填',
    female: '女',
    male: '男',
    minutes: (n: number) => `${n} 分钟`,
    role: staffRoleNames,
    source: {
      web: '网络',
      phone: '电话',
      referral: '朋友介绍',
      ad: '广告',
      returning: '老客户',
      other: '其他',
    } satisfies Record<Source, string>,
    error: {
      invalid_input: '填写有误',
      unknown_operation: '程序版本不一致，请重启',
      not_signed_in: '请先选择当班人员并输入 PIN',
      forbidden: '当前人员无此权限',
      not_found: '未找到',
      conflict: '与已有记录冲突',
      locked: 'PIN 错误次数过多，请 5 分钟后再试',
      too_large: '内容过大',
      unauthorized: '访问密钥无效：请从启动窗口打印的地址重新打开',
      unavailable: '正在准备，请稍候再试',
      internal: '系统内部错误，未保存任何内容',
      network: '无法连接本机服务，请确认导医台程序在运行',
    } satisfies Record<ErrorCode | 'network', string>,
  },
  en: {
    appName: 'Guide Desk',
    save: 'Save',
    cancel: 'Cancel',
    required: 'Required',
    loading: 'Loading…',
    optional: 'optional',
    female: 'Female',
    male: 'Male',
    minutes: (n: number) => `${n} min`,
    role: {
      guide: 'Guide',
      guideLead: 'Desk lead',
      csDirector: 'CS director',
      dean: 'Admin dean',
      inspector: 'Inspector',
      medicalDirector: 'Medical director',
      consultant: 'Consultant',
      doctor: 'Doctor',
      doctorAssistant: 'Doctor assistant',
      hoCsDirector: 'HO CS director',
      gmOffice: 'GM office',
      gm: 'General manager',
      deputyGm: 'Deputy general manager',
      followupCaller: 'Follow-up caller',
      csStaff: 'CS staff',
      onlineLead: 'Online consulting lead',
      onlineConsultant: 'Online consultant',
      phoneConsultant: 'Phone consultant',
      hoMedical: 'HO medical department',
      hoLegal: 'HO legal department',
    } satisfies Record<StaffRole, string>,
    source: {
      web: 'Online',
      phone: 'Phone',
      referral: 'Referral',
      ad: 'Advert',
      returning: 'Returning customer',
      other: 'Other',
    } satisfies Record<Source, string>,
    error: {
      invalid_input: 'Please check the form',
      unknown_operation: 'App versions differ; restart the app',
      not_signed_in: 'Choose who is at the desk and enter the PIN first',
      forbidden: 'Your role may not do this',
      not_found: 'Not found',
      conflict: 'Conflicts with an existing record',
      locked: 'Too many wrong PINs; try again in 5 minutes',
      too_large: 'Too large',
      unauthorized: 'Wrong desk key: reopen the address the host printed',
      unavailable: 'Still getting ready; try again in a moment',
      internal: 'Internal error; nothing was saved',
      network: 'Cannot reach the desk service; is the app running?',
    } satisfies Record<ErrorCode | 'network', string>,
  },
});

/**
 * A label and its value, as a sentence of the label's language writes them: `备注：水温` after a
 * Chinese label (full-width colon, no space), `Note: water` after any other.
 */
export function labelled(label: string, value: string | undefined): string {
  value ??= '';
  return /[\u3400-\u9fff）」]$/.test(label) ? `${label}：${value}` : `${label}: ${value}`;
}

/**
 * A bracketed aside after `before`: full-width `（…）` beside Chinese (either side), ` (…)` in
 * other text.
 */
export function aside(inner: string, before = ''): string {
  return /[\u3400-\u9fff]/.test(inner) || /[\u3400-\u9fff]$/.test(before) ? `（${inner}）` : ` (${inner})`;
}
