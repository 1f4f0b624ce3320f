import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../../shared/errors';
import { contract } from '../../shared/contract';
import { parseInput } from '../../src-main/api/validate';
import { fromApiError } from '../../src-renderer/ui/errors';

/** What the main process answers for `raw` (its zod speaks English), read at a desk. */
function desk(schema: z.ZodType, raw: unknown, locale: 'zh-CN' | 'en' = 'zh-CN') {
  // The main process's zod speaks English (the renderer's i18n, imported here, sets zhCN globally).
  z.config(z.locales.en());
  try {
    parseInput(schema, raw);
  } catch (err) {
    // Across the transport only the body is left.
    return fromApiError(new ApiError((err as ApiError).toBody()), locale, {}).fields;
  }
  throw new Error('accepted');
}

const cjk = /[\u4e00-\u9fff]/;

describe('schema errors from the main process read Chinese from the zod issue code, not from its English text', () => {
  it('bounds, types, choices and unknown fields', () => {
    const schema = z.strictObject({ note: z.string().max(5), count: z.number().int().min(1).max(9), kind: z.enum(['a', 'b']), items: z.array(z.string()).max(2), name: z.string().min(1) });
    expect(desk(schema, { note: '123456', count: 0, kind: 'c', items: ['x', 'y', 'z'], name: '', extra: 1 })).toEqual({
      note: '最多 5 个字',
      count: '不能小于 1',
      kind: '请选择',
      items: '最多 2 项',
      name: '必填',
      extra: '未知字段',
    });
    expect(desk(schema, { note: 'a', count: 10, kind: 'a', items: [], name: 'x' })).toEqual({ count: '不能大于 9' });
    expect(desk(schema, { note: 3, count: 1, kind: 'a', items: [], name: 'x' }).note).toBe('必填，或格式不正确');
    // English desks read zod's own English.
    expect(desk(schema, { note: '123456', count: 1, kind: 'a', items: [], name: 'x' }, 'en').note).toMatch(/Too big/);
  });

  it("the app's own schema messages keep their Chinese (required, at most N characters)", () => {
    const schema = z.object({ id: z.string().min(1, { error: 'required' }), text: z.string().max(3, { error: 'at most 3 characters' }) });
    expect(desk(schema, { id: '', text: 'abcd' })).toEqual({ id: '必填', text: '最多 3 个字' });
  });

  it('complaint.record with nothing filled in: every field named reads Chinese with full-width punctuation', () => {
    const fields = desk(contract['complaint.record'].input, { patient: {}, channel: 'fax', story: 5, unknown: true });
    expect(Object.keys(fields).length).toBeGreaterThan(2);
    for (const [field, text] of Object.entries(fields)) {
      expect(text, field).toMatch(cjk);
      expect(text, field).not.toMatch(/[,:;()]/);
    }
  });
});
