import { describe, expect, it } from 'vitest';
import { ruleMessage } from '../../src-renderer/i18n/ruleMessages';
import { refusal, startTestApp, type TestApp } from '../support/app';
import { testWorld } from '../support/world';

/**
 * Head office's own roster (issue 19): its 客服总监 sets head office up and adds 总经理 and
 * 副总经理, who approve plans from ¥1,000 (seed 003 第十七条 "1000-5000元 … 副总经理, 5000元以上 …
 * 总经理") and step 10's slip (seed 001 (五) "呈总经理核准"). A refused grant is keyed by its rule
 * and reads Chinese at the desk (shared/reference/grants.ts → reference.…).
 */
const { defer } = testWorld();

async function headOfficeDesk(): Promise<TestApp> {
  const t = await startTestApp({ now: new Date('2026-11-27T02:00:00Z') });
  defer(() => t.close());
  await t.anon['headoffice.setup']({ url: 'http://127.0.0.1:9', username: 'ho', password: 'test-pw', director: { name: '钱总监', sex: 'F', role: 'hoCsDirector', pin: '1234' } });
  await t.app.sync.disconnect();
  return t;
}

describe("head office's roster", () => {
  it('客服总监 adds 总经理 and 副总经理 to head office; a refused grant is keyed by rule and reads Chinese; nothing written', async () => {
    const t = await headOfficeDesk();
    const director = (await t.anon['staff.list']({}))[0]!;
    await t.signIn(director.id, '1234');
    const gm = await t.api['staff.add']({ name: '孙总', sex: 'M', role: 'gm', departmentId: null, pin: '5555' });
    const deputy = await t.api['staff.add']({ name: '钱副总', sex: 'F', role: 'deputyGm', departmentId: null, pin: '6666' });
    const office = await t.api['staff.add']({ name: '周总经办', sex: 'F', role: 'gmOffice', departmentId: null, pin: '7777' });
    expect([gm.role, deputy.role, office.role]).toEqual(['gm', 'deputyGm', 'gmOffice']);
    // The new 总经理 signs in at head office and reads its complaint to-do.
    await t.signIn(gm.id, '5555');
    expect(await t.api['headoffice.complaintTodo']({})).toMatchObject({ approvals: [], penalties: [] });

    // Nobody changes their own role, at head office too: refused by rule, in Chinese, nothing written.
    await t.signIn(director.id, '1234');
    const own = await refusal(t, 'staff.update', { id: director.id, name: '钱总监', sex: 'F', role: 'gm', departmentId: null, active: true, pin: null });
    expect(own).toMatchObject({ code: 'forbidden', field: 'role', rule: 'reference.ownRole' });
    expect(ruleMessage(own.rule!, {}, 'zh-CN')).toBe('不能更改自己的岗位');
    // The grant refusals read Chinese with the roles named (no English regexp translation left).
    expect(ruleMessage('reference.grantBelowOwn', { by: 'gmOffice', role: 'gm' }, 'zh-CN')).toBe('总经办只能设置低于自己的岗位，不能设置「总经理」');
    expect(ruleMessage('reference.headOfficeGrants', { role: 'deputyGm' }, 'zh-CN')).toBe('「副总经理」岗位只能由总部设置');
    expect(ruleMessage('reference.resetPinAbove', { role: 'dean' }, 'zh-CN')).toBe('只有职位高于行政院长的人才能重置其 PIN');
  });
});
