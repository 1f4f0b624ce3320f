import type { Channel, OutcomeKind } from './schemas';

/**
 * The enquiry words in Chinese that both sides print: the screens (src-renderer/enquiries/i18n.ts,
 * zh-CN) and head office's .xlsx (src-main/enquiries/headoffice.ts). One table each, so they cannot drift.
 */
export const channelNamesZh = { phone: '电话', swt: '商务通', qq: 'QQ', wechat: '微信', website: '网站预约', messageBoard: '留言板', email: '邮件' } satisfies Record<Channel, string>;

export const outcomeNamesZh = { answered: '已解答', booked: '已预约', callBack: '待回电', referred: '转医生解答' } satisfies Record<OutcomeKind, string>;
