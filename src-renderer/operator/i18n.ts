import { defineText } from '../i18n/i18n';

export const operatorText = defineText({
  'zh-CN': {
    title: '谁在当班？',
    intro: '每条记录都会写明是谁做的。请选择您的名字并输入 PIN。',
    pin: 'PIN',
    signIn: '开始当班',
    cancel: '取消',
    noStaff: '还没有可登录的员工：请管理人员在「设置」中为员工设置 PIN。',
    filter: '输入姓名筛选',
    pinResetTitle: '您的 PIN 已被重置',
    pinReset: (by: string, at: string) => `${at} 由 ${by} 重置。如果不是您本人要求的，请立即告知上级。`,
    understood: '知道了',
  },
  en: {
    title: 'Who is at the desk?',
    intro: 'Every record names who did it. Choose your name and enter your PIN.',
    pin: 'PIN',
    signIn: 'Start',
    cancel: 'Cancel',
    noStaff: 'No staff can sign in yet: an administrator sets PINs in Settings.',
    filter: 'Type to filter names',
    pinResetTitle: 'Your PIN was reset',
    pinReset: (by: string, at: string) => `Reset by ${by} at ${at}. If you did not ask for it, tell your supervisor now.`,
    understood: 'OK',
  },
});
