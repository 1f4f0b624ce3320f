import type { Channel, PenaltyLevel } from './rules';

/**
 * The complaint words in Chinese that both sides print: the screens (src-renderer/complaints/i18n.ts,
 * zh-CN) and the .xlsx files the main process writes. One table each, so they cannot drift.
 */
export const channelNamesZh = {
  inPerson: '院内当面',
  phone: '投诉电话',
  followUp: '回访反馈',
  onlineChat: '商务通',
  wechat: '微信',
  email: '电子邮件',
  suggestionBox: '意见箱',
  website: '网站',
  other: '其他',
} satisfies Record<Channel, string>;

export const categoryNamesZh: Record<string, string> = { quality: '质量投诉', nonQuality: '非质量投诉' };

/** 服务类 types, seed 004. */
export const serviceTypeNamesZh: Record<string, string> = { attitude: '服务态度', hygiene: '环境卫生', appointment: '预约难', charges: '收费问题', other: '其他服务问题' };

export const levelNamesZh = { I: 'I 书面警告', II: 'II 记小过', III: 'III 记大过', IV: 'IV 停职查看', V: 'V 解雇' } satisfies Record<PenaltyLevel, string>;

export const satisfactionNamesZh: Record<string, string> = { verySatisfied: '非常满意', satisfied: '满意', neutral: '一般', poor: '较差' };

/** The deadlines by name; their limits are settings (rules.groupLimits, head office's per clinic), shown beside them. */
export const deadlineNamesZh: Record<string, string> = {
  notify: '通知客服',
  investigate: '首次联系与内部调查',
  classify: '定性',
  approve: '方案审批',
  paperwork: '手续处理',
  close: '结案',
  file: '归档',
  penalty: '内部处理',
  review: '总经办审视',
  prevention: '预防改进',
};
