import type { RefusalParams } from '../../shared/errors';
import type { Locale, RuleText } from './i18n';
import { teaText } from '../tea/i18n';
import { visitsText } from '../visits/i18n';
import { inspectionText } from '../inspection/i18n';
import { fleetText } from '../fleet/i18n';
import { complaintText } from '../complaints/i18n';
import { headOfficeText } from '../headoffice/i18n';
import { followupText } from '../followup/i18n';
import { staffText } from '../staff/i18n';
import { enquiryText } from '../enquiries/i18n';
import { deskText } from '../desk/i18n';
import { apptText } from '../desk/appointmentText';
import { customerText } from '../customers/i18n';
import { referenceText } from '../reference/i18n';
import { syncText } from '../sync/i18n';

/** The dispatcher's own refusals (src-main/api/dispatch.ts): who may call an operation. */
const accessText: Record<Locale, Record<string, RuleText>> = {
  'zh-CN': {
    signIn: '请先在导医台登录（谁在值台？）',
    admin: '此操作须由导医组长、客服主任或院长办理',
    headOfficeMode: '只有设置为集团总部的电脑才能使用此功能',
    headOfficeRole: '只有总部人员才能查看总部数据',
  },
  en: {
    signIn: 'Sign in at the desk first (who is at the desk?)',
    admin: 'This needs a desk lead, CS director or dean',
    headOfficeMode: 'Only on a computer set up as head office',
    headOfficeRole: 'Only head office’s people may see head office’s figures',
  },
};

/**
 * Each converted domain's `errors` table, by the prefix of its rules (`tea.alreadyServed`). A
 * domain whose refusals carry no rule yet is answered by the English message and fieldMessages.ts.
 */
export const ruleTables: Record<string, Record<Locale, Record<string, RuleText>>> = {
  access: accessText,
  tea: { 'zh-CN': teaText['zh-CN'].errors, en: teaText.en.errors },
  visits: { 'zh-CN': visitsText['zh-CN'].errors, en: visitsText.en.errors },
  inspection: { 'zh-CN': inspectionText['zh-CN'].errors, en: inspectionText.en.errors },
  fleet: { 'zh-CN': fleetText['zh-CN'].errors, en: fleetText.en.errors },
  complaints: { 'zh-CN': complaintText['zh-CN'].errors, en: complaintText.en.errors },
  headoffice: { 'zh-CN': headOfficeText['zh-CN'].errors, en: headOfficeText.en.errors },
  followup: { 'zh-CN': followupText['zh-CN'].errors, en: followupText.en.errors },
  staff: { 'zh-CN': staffText['zh-CN'].errors, en: staffText.en.errors },
  enquiries: { 'zh-CN': enquiryText['zh-CN'].errors, en: enquiryText.en.errors },
  desk: { 'zh-CN': deskText['zh-CN'].errors, en: deskText.en.errors },
  appointments: { 'zh-CN': apptText['zh-CN'].errors, en: apptText.en.errors },
  customers: { 'zh-CN': customerText['zh-CN'].errors, en: customerText.en.errors },
  reference: { 'zh-CN': referenceText['zh-CN'].errors, en: referenceText.en.errors },
  sync: { 'zh-CN': syncText['zh-CN'].errors, en: syncText.en.errors },
};

/** The desk's text for a refusal's rule, filled from its params; null when the rule has none (yet). */
export function ruleMessage(rule: string | undefined, params: RefusalParams | undefined, locale: Locale): string | null {
  if (!rule) return null;
  const dot = rule.indexOf('.');
  const text = ruleTables[rule.slice(0, dot)]?.[locale]?.[rule.slice(dot + 1)];
  if (text === undefined) return null;
  return typeof text === 'string' ? text : text(params ?? {});
}
