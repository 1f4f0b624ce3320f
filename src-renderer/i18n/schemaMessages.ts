import { z } from 'zod';
import type { SchemaIssue } from '../../shared/errors';
import type { Locale } from './i18n';
import { customFieldMessage } from './fieldMessages';

/**
 * A schema error in the desk's language, from the zod issue's code and bounds (the main process
 * sends them with every schema issue, src-main/api/validate.ts), not from its English text. The
 * app's own messages given to a schema (`required`, `a phone number: 7-15 digits`) keep their
 * Chinese from fieldMessages.ts; what a schema says in zod's words reads from the code, and a code
 * this table does not know falls to zod 4's own zhCN locale.
 */
export function schemaMessage(issue: SchemaIssue | undefined, message: string, locale: Locale): string {
  if (locale !== 'zh-CN') return message;
  const custom = customFieldMessage(message);
  if (custom !== null) return custom;
  if (!issue) return message;
  return zhFromCode(issue);
}

const unit: Record<string, string> = { string: '个字', array: '项', set: '项', file: '字节' };

function zhFromCode(i: SchemaIssue): string {
  switch (i.code) {
    case 'unrecognized_keys':
      return '未知字段';
    case 'invalid_type':
      return i.expected === 'never' ? '未知字段' : '必填，或格式不正确';
    case 'too_small':
      if (i.origin === 'string' && i.minimum === 1) return '必填';
      if (i.origin && unit[i.origin]) return `至少 ${i.minimum} ${unit[i.origin]}`;
      return i.inclusive === false ? `须大于 ${i.minimum}` : `不能小于 ${i.minimum}`;
    case 'too_big':
      if (i.origin && unit[i.origin]) return `最多 ${i.maximum} ${unit[i.origin]}`;
      return i.inclusive === false ? `须小于 ${i.maximum}` : `不能大于 ${i.maximum}`;
    case 'invalid_value':
      return '请选择'; // an unchosen choice (no default, e.g. 性别) or a value not offered
    case 'invalid_format':
      return i.format === 'regex' ? '格式不正确' : `格式不正确（${i.format ?? ''}）`;
    case 'not_multiple_of':
      return '数值不正确';
    case 'invalid_union':
    case 'custom':
      return '格式不正确';
    default:
      return z.locales.zhCN().localeError({ ...i, input: undefined } as never) as string;
  }
}
