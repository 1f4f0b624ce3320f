import { describe, expect, it } from 'vitest';
import { handlingResult, type ResultEvent } from '../../shared/complaints/result';

/**
 * 处理结果说明 (shared/complaints/result.ts), seed 004 "客户反馈：处理完毕后，主动联系客户，说明处理结果，征求客户满意度评价。
 * 书面回复：通过电话、微信、邮件等方式，向客户提供正式的处理结果说明，必要时提供书面证明".
 */
let minute = 0;
const ev = (kind: string, data: Record<string, unknown> = {}, ignored = false): ResultEvent => ({ kind, at: new Date(Date.UTC(2026, 10, 2, 1, minute++)).toISOString(), data, ignored });
const intake = () => [ev('accept'), ev('investigate', { findings: '排班不足，候诊超时' }), ev('classify', { category: 'nonQuality' })];
const plan = (solution: string, refund = 0, compensation = 0) => ev('propose', { solution, refund, compensation });
const closeOk = () => ev('close', { patientConfirmed: true, handedToLegal: false, satisfaction: 'satisfied' });

describe('the written result of the handling (处理结果说明)', () => {
  it('"处理完毕后…说明处理结果": nothing to hand out before the case is closed', () => {
    expect(handlingResult([])).toBeNull();
    expect(handlingResult([...intake(), plan('当面道歉'), ev('approve', { approved: true }), ev('negotiate', { agreed: true }), ev('paperwork')])).toBeNull();
    // A close another desk recorded and the fold ignored does not count.
    expect(handlingResult([...intake(), plan('当面道歉'), ev('approve', { approved: true }), ev('negotiate', { agreed: true }), ev('paperwork'), ev('close', { patientConfirmed: true }, true)])).toBeNull();
  });

  it('tells the plan the patient agreed to, with its money — not one sent back at approval', () => {
    const events = [...intake(), plan('退还全部治疗费', 5000), ev('approve', { approved: false }), plan('退还部分治疗费并赠送护理', 800, 200), ev('approve', { approved: true }), ev('negotiate', { agreed: true }), ev('paperwork'), closeOk()];
    expect(handlingResult(events)).toEqual({ findings: '排班不足，候诊超时', outcome: { kind: 'agreed', solution: '退还部分治疗费并赠送护理', refund: 800, compensation: 200 }, closedAt: events.at(-1)!.at });
  });

  it('after an escalation, the plan of the level where she agreed — not the one she refused', () => {
    const events = [...intake(), plan('赠送护理一次'), ev('approve', { approved: true }), ev('negotiate', { agreed: false }), ev('escalate', { reason: '患者不同意' }), plan('院长当面致歉并退款', 300), ev('approve', { approved: true }), ev('negotiate', { agreed: true }), ev('paperwork'), closeOk()];
    expect(handlingResult(events)?.outcome).toEqual({ kind: 'agreed', solution: '院长当面致歉并退款', refund: 300, compensation: 0 });
  });

  it('flow chart "患者不同意 交由集团法务部处理": a case handed to legal says so, and shows no plan or money she refused', () => {
    const events = [...intake(), plan('退款 2000 元', 2000), ev('approve', { approved: true }), ev('negotiate', { agreed: false })];
    for (let i = 0; i < 3; i++) events.push(ev('escalate', { reason: '患者不同意' }), ...(i < 2 ? [plan(`第 ${i + 2} 次方案`, 3000 + i), ev('approve', { approved: true }), ev('negotiate', { agreed: false })] : []));
    events.push(ev('close', { patientConfirmed: false, handedToLegal: true, satisfaction: null }));
    expect(handlingResult(events)).toEqual({ findings: '排班不足，候诊超时', outcome: { kind: 'legal' }, closedAt: events.at(-1)!.at });
  });

  it('the findings of the last investigation; nothing internal is part of it', () => {
    const events = [...intake(), ev('investigate', { findings: '补充调查：前台未解释' }), plan('当面道歉'), ev('approve', { approved: true, approverRoles: ['dean'] }), ev('negotiate', { agreed: true }), ev('paperwork'), closeOk(), ev('file'), ev('penalty', { persons: [{ name: '小李', level: 'I' }] })];
    const r = handlingResult(events)!;
    expect(r.findings).toBe('补充调查：前台未解释');
    expect(Object.keys(r).sort()).toEqual(['closedAt', 'findings', 'outcome']);
    expect(JSON.stringify(r)).not.toMatch(/小李|penalty|dean|approverRoles/);
  });
});
