import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import { teaRefusals, teaRules } from '../../shared/tea/refusals';
import { visitsRefusals, visitsRules } from '../../shared/visits/refusals';
import { inspectionRules } from '../../shared/inspection/refusals';
import { deskRules } from '../../shared/desk/refusals';
import { customersRules } from '../../shared/customers/refusals';
import { appointmentsRules } from '../../shared/appointments/refusals';
import { ruleMessage, ruleTables } from '../../src-renderer/i18n/ruleMessages';
import { fromApiError } from '../../src-renderer/ui/errors';
import { locales } from '../../src-renderer/i18n/i18n';

const converted = [
  { domain: 'tea', rules: teaRules },
  { domain: 'visits', rules: visitsRules },
  { domain: 'inspection', rules: inspectionRules },
  { domain: 'desk', rules: deskRules },
  { domain: 'customers', rules: customersRules },
  { domain: 'appointments', rules: appointmentsRules },
  { domain: 'access', rules: ['signIn', 'admin', 'headOfficeMode', 'headOfficeRole'] as const },
];
const sample = { time: '0930', hours: '0800-2100', department: 'Plastic surgery', when: 'now', date: '2026-11-28', into: 'customer:BJ:x', per: 'minute', current: 3, missing: 2, reason: 'typed twice', from: 'triaged', to: 'left', state: 'served', index: 1, role: 'guide', operation: 'staff.add', at: '2026-11-27', by: 'Wang', name: 'Anna', item: 'f-nails', items: 'nails', kb: 900, max: 500, roles: 'dean', kind: 'weekly' };
const cjk = /[\u4e00-\u9fff]/;

describe('every refusal rule of the converted domains has its text', () => {
  it.each(converted)('$domain: zh-CN (Chinese, full-width punctuation) and en for every rule, and no text for a rule that does not exist', ({ domain, rules }) => {
    for (const rule of rules) {
      for (const locale of locales) {
        const text = ruleMessage(`${domain}.${rule}`, sample, locale);
        expect(text, `${domain}.${rule} ${locale}`).toBeTruthy();
        if (locale === 'zh-CN') {
          expect(text, `${domain}.${rule}`).toMatch(cjk);
          expect(text, `${domain}.${rule}: half-width punctuation in Chinese`).not.toMatch(/[,:;()]/);
        } else expect(text, `${domain}.${rule}`).not.toMatch(cjk);
      }
    }
    // The tables hold nothing but the rules (a renamed rule cannot leave its old text behind).
    for (const locale of locales) expect(Object.keys(ruleTables[domain]![locale]).sort()).toEqual([...rules].sort());
  });

  it('a refusal keyed by its rule reads Chinese at the desk, English in the log; one without a rule falls back to the old translation', () => {
    const served = teaRefusals.refuse('conflict', 'visitId', 'alreadyServed', {}, 'visitId: tea already served; record a refill');
    expect(served.toBody()).toEqual({ code: 'conflict', field: 'visitId', message: 'visitId: tea already served; record a refill', issues: [{ field: 'visitId', message: 'visitId: tea already served; record a refill' }], rule: 'tea.alreadyServed', params: {} });
    // Across the transport the body is all there is: rebuilt, it reads the same.
    const carried = new ApiError(served.toBody());
    expect(fromApiError(carried, 'zh-CN', {})).toEqual({ fields: { visitId: '已奉过茶；如需添水请记续水' }, general: null });
    expect(fromApiError(carried, 'en', {})).toEqual({ fields: { visitId: 'Tea already served; record a refill' }, general: null });
    const moved = visitsRefusals.refuse('conflict', 'status', 'cannotMove', { from: 'left', to: 'triaged' });
    expect(fromApiError(moved, 'zh-CN', {}).fields.status).toBe('不能从「已离院」改为「已分诊」');
    // No rule (a refusal of a domain not converted yet, or an older main process): the English message and fieldMessages.ts's pattern.
    const old = new ApiError({ code: 'conflict', field: 'id', message: 'id: this appointment was cancelled' });
    expect(fromApiError(old, 'zh-CN', {})).toEqual({ fields: { id: '该预约已取消' }, general: null });
    // A rule the renderer has no text for (a newer main process) falls back the same way.
    const unknown = new ApiError({ code: 'conflict', field: 'id', message: 'id: this appointment was cancelled', rule: 'appointments.cancelled' });
    expect(fromApiError(unknown, 'zh-CN', {}).fields.id).toBe('该预约已取消');
  });
});
