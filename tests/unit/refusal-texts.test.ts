import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import { teaRefusals, teaRules } from '../../shared/tea/refusals';
import { visitsRefusals, visitsRules } from '../../shared/visits/refusals';
import { inspectionRules } from '../../shared/inspection/refusals';
import { fleetRules } from '../../shared/fleet/refusals';
import { complaintsRefusals, complaintsRules } from '../../shared/complaints/refusals';
import { headofficeRules } from '../../shared/headoffice/refusals';
import { followupRules } from '../../shared/followup/refusals';
import { staffRules } from '../../shared/staff/refusals';
import { enquiriesRules } from '../../shared/enquiries/refusals';
import { deskRules } from '../../shared/desk/refusals';
import { customersRules } from '../../shared/customers/refusals';
import { appointmentsRules } from '../../shared/appointments/refusals';
import { referenceRefusals, referenceRules } from '../../shared/reference/refusals';
import { syncRefusals, syncRules } from '../../shared/sync/refusals';
import { staffChangeRefusal } from '../../shared/reference/grants';
import { ruleMessage, ruleTables } from '../../src-renderer/i18n/ruleMessages';
import { fromApiError } from '../../src-renderer/ui/errors';
import { locales } from '../../src-renderer/i18n/i18n';

const converted = [
  { domain: 'tea', rules: teaRules },
  { domain: 'visits', rules: visitsRules },
  { domain: 'inspection', rules: inspectionRules },
  { domain: 'fleet', rules: fleetRules },
  { domain: 'complaints', rules: complaintsRules },
  { domain: 'headoffice', rules: headofficeRules },
  { domain: 'followup', rules: followupRules },
  { domain: 'staff', rules: staffRules },
  { domain: 'enquiries', rules: enquiriesRules },
  { domain: 'desk', rules: deskRules },
  { domain: 'customers', rules: customersRules },
  { domain: 'appointments', rules: appointmentsRules },
  { domain: 'reference', rules: referenceRules },
  { domain: 'sync', rules: syncRules },
  { domain: 'access', rules: ['signIn', 'admin', 'headOfficeMode', 'headOfficeRole'] as const },
];
const sample = { current: 3, missing: 2, reason: 'typed twice', from: 'triaged', to: 'left', state: 'served', index: 1, role: 'guide', operation: 'staff.add', at: '2026-11-27', by: 'Wang', name: 'Anna', item: 'f-nails', items: 'nails', kb: 900, max: 500, roles: 'dean', kind: 'weekly', days: 30, number: 'BJ20261101', expected: 0, got: 2, mb: 20, mime: 'image/png', subcategory: 'service', category: 'nonQuality', amount: 3000, medical: 0, step: 4, atKey: 'investigate', code: 'BJ', month: '2026-10', key: 'daily', problem: 'breaksOverlap', minutes: 8, clinic: 'SH', row: 4, field: 'phone', columns: 2, good: 3, time: '0930', hours: '0800-2100', department: 'Plastic surgery', when: 'now', date: '2026-11-28', into: 'customer:BJ:x', per: 'minute', names: 'Dermatology' };
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
    // Complaints: role codes and step keys in the params read as the desk's names, never as codes.
    const role = complaintsRefusals.refuse('forbidden', 'step.kind', 'stepRole', { kind: 'approve', roles: 'csDirector,dean', name: '王芳', role: 'guide' });
    expect(fromApiError(new ApiError(role.toBody()), 'zh-CN', {}).fields['step.kind']).toBe('「审批」须由客服主任或行政院长办理；王芳是导医');
    expect(fromApiError(new ApiError(role.toBody()), 'en', {}).fields['step.kind']).toBe('approve needs CS director or Admin dean; 王芳 is Guide');
    const order = complaintsRefusals.refuse('conflict', 'step.kind', 'notNow', { step: 4, kind: 'classify', at: 3, atKey: 'investigate' });
    expect(fromApiError(order, 'zh-CN', {}).fields['step.kind']).toBe('现在不能办理第 4 步（定性）：案件在第 3 步（调查）');
    // The roster's grant rule (shared/reference/grants.ts): role codes read as the desk's names.
    const grant = staffChangeRefusal({ id: 'staff:BJ:lead', role: 'guideLead', headOffice: false }, { kind: 'add', role: 'guideLead' })!;
    const granted = referenceRefusals.refuse('forbidden', grant.field, grant.rule, grant.params, grant.message);
    expect(fromApiError(new ApiError(granted.toBody()), 'zh-CN', {}).fields.role).toBe('导医组长只能设置低于自己的岗位，不能设置「导医组长」');
    expect(granted.message).toBe('role: a guideLead may grant only roles below their own, not guideLead');
    // A refusal of no one field (sync before set-up) reads as the general message.
    expect(fromApiError(syncRefusals.refuse('conflict', undefined, 'setUpFirst'), 'zh-CN', {})).toEqual({ fields: {}, general: '请先设置本院机构，再连接总部' });
    // No rule (a refusal of a domain not converted yet, or an older main process): the English message and fieldMessages.ts's pattern.
    const old = new ApiError({ code: 'conflict', field: 'id', message: 'id: this appointment was cancelled' });
    expect(fromApiError(old, 'zh-CN', {})).toEqual({ fields: { id: '该预约已取消' }, general: null });
    // A rule the renderer has no text for (a newer main process) falls back the same way.
    const unknown = new ApiError({ code: 'conflict', field: 'id', message: 'id: this appointment was cancelled', rule: 'appointments.cancelled' });
    expect(fromApiError(unknown, 'zh-CN', {}).fields.id).toBe('该预约已取消');
  });
});
