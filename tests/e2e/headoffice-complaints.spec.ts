import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { apiAs, expect, open, shot, test, type DeskHost } from './fixtures';
import { connectToHeadOffice, setUpClinicAsLead, setUpHeadOffice, signIn } from './steps';
import { seedFromHeadOffice } from './seed';

/** A staff member's id by name, read without a session (the sign-in list). */
async function staffId(request: APIRequestContext, host: DeskHost, name: string): Promise<string> {
  const secret = new URL(host.openUrl).hash.slice('#k='.length);
  const staff = (await (await request.post(`${host.url}/api/staff.list`, { headers: { Authorization: `Bearer ${secret}` }, data: {} })).json()) as { data: { id: string; name: string }[] };
  return staff.data.find((s) => s.name === name)!.id;
}

test('head office approves a ¥3,000 plan on its 投诉 screen as 副总经理 and decides the penalty (总经办 issues the slip, 总经理 approves it); the clinic’s desk then shows each', async ({ browser, host, newHost, headOffice, request }, testInfo) => {
  test.setTimeout(240_000); // two hosts, a restart of each, and sync both ways on a shared machine
  // BJ's desk, connected to head office, with its CS director; the case reaches step 6 with a ¥3,000 refund.
  const desk = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await open(desk, host.openUrl);
  await setUpClinicAsLead(desk);
  await seedFromHeadOffice(host, [
    { name: '赵主任', role: 'csDirector', pin: '2222' },
    { name: '孙院长', role: 'dean', pin: '3333' },
  ]);
  await open(desk, host.openUrl);
  await signIn(desk, '王组长', '1234');
  await connectToHeadOffice(desk, headOffice);
  const cs = await apiAs(request, host, await staffId(request, host, '赵主任'), '2222');
  await cs('complaint.setNumberingDesk', {});
  const c = (await cs('complaint.record', {
    patient: { name: '王女士', phone: '13800001234' },
    channel: 'inPerson',
    receivedAt: null,
    what: '术后红肿，要求退还部分费用',
    wants: '退款',
    staffInvolved: '医生助理',
    departmentId: null,
    evidence: [],
  })) as { id: string };
  const steps = [
    { kind: 'accept', note: '' },
    { kind: 'investigate', staffTalkedTo: '医生助理', patientDemands: '退款', findings: '术后护理说明不清', note: '' },
    { kind: 'classify', category: 'nonQuality', subcategory: 'service', serviceType: 'attitude', responsible: '医生助理', cause: '说明不清', note: '' },
    { kind: 'propose', solution: '退还部分治疗费 ¥3,000', refund: 3000, compensation: 0, note: '' },
  ];
  for (const step of steps) await cs('complaint.step', { id: c.id, step, attachments: [] });
  await expect(desk.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 15_000 });

  // Head office's computer, with its 副总经理.
  const hoHost = await newHost();
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await open(page, hoHost.openUrl);
  await setUpHeadOffice(page, headOffice);
  await expect(page.getByRole('heading', { name: '谁在当班？' })).toBeVisible();
  // Head office's 副总经理 on its own roster (how head office's people are granted is the staff module's; the test writes her in).
  await seedFromHeadOffice(
    hoHost,
    [
      { name: '钱副总', role: 'deputyGm', pin: '5555' },
      { name: '周总经办', role: 'gmOffice', pin: '6666' },
      { name: '孙总', role: 'gm', pin: '7777' },
    ],
    'HO',
  );
  await open(page, hoHost.openUrl);
  await signIn(page, '钱副总', '5555');

  // 投诉: the plan waits in 待审批 for 副总经理, with its deadline as the day and hour it is due.
  await page.getByRole('button', { name: '投诉', exact: true }).click();
  const todo = page.getByTestId('todo-approvals');
  await expect(todo.getByRole('button', { name: /王女士/ })).toBeVisible({ timeout: 30_000 });
  await expect(todo).toContainText('¥3,000');
  await expect(todo).toContainText('由副总经理办理');
  await expect(page.getByTestId('ho-cases').getByRole('button', { name: /王女士/ })).toContainText('BJ');
  await todo.getByRole('button', { name: /王女士/ }).click();
  await expect(page.getByTestId('case-step')).toHaveText(/方案审批/);
  await shot(page, testInfo, 'ho-complaints-01-todo');
  await page.getByRole('radiogroup', { name: '审批结果' }).getByText('同意', { exact: true }).click();
  await page.getByRole('button', { name: '记录 · 审批' }).click();
  await expect(page.getByTestId('case-step')).toHaveText(/与患者协商/);
  await expect(page.getByRole('region', { name: '处理记录' })).toContainText('钱副总');
  await expect(todo).toHaveCount(0);
  await shot(page, testInfo, 'ho-complaints-02-approved');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('case-step')).toBeVisible();
  await shot(page, testInfo, 'ho-complaints-03-approved-en');
  await page.getByRole('button', { name: '中文' }).click();

  // 参考数据 → 机构: the clinic's complaint time limits; 副总经理 may read them, not change them (the refusal says so).
  await page.getByRole('button', { name: '参考数据' }).click();
  await page.getByRole('tab', { name: '机构与科室' }).click();
  const limits = page.getByRole('form', { name: '投诉处理时限' });
  await expect(limits.getByLabel('方案审批（小时）')).toHaveValue('24');
  // Seed 003 第十七条 "1000-5000元 … 副总经理, 5000元以上 … 总经理": the approval bands are settings too.
  await expect(limits.getByLabel('副总经理审批起点（元）')).toHaveValue('1000');
  await expect(limits.getByLabel('总经理审批：高于（元）')).toHaveValue('5000');
  await limits.getByLabel('首次联系与调查（工作日）').fill('1');
  await limits.getByLabel('依据（本院规定或说明）').fill('本院规定：调查一般不超过 24 小时');
  await limits.getByRole('button', { name: '保存时限' }).click();
  await expect(limits.getByRole('alert')).toBeVisible();
  await expect(limits.getByLabel('首次联系与调查（工作日）')).toHaveValue('1'); // kept for a person who may save it
  await shot(page, testInfo, 'ho-complaints-05-limits');

  // The clinic's desk receives it: the case at step 7, approved by head office's 副总经理, named.
  await desk.getByRole('button', { name: '换人' }).click();
  await signIn(desk, '赵主任', '2222');
  await desk.keyboard.press('Alt+4');
  await desk.getByTestId('open').getByRole('button', { name: /王女士/ }).click();
  await expect(desk.getByTestId('case-step')).toHaveText(/与患者协商/, { timeout: 30_000 });
  await expect(desk.getByRole('region', { name: '处理记录' })).toContainText('钱副总');
  await shot(desk, testInfo, 'ho-complaints-04-desk');

  // Agreed and closed: the desk prints the 处理结果说明 for the patient, one A4 page.
  for (const step of [
    { kind: 'negotiate', agreed: true, note: '' },
    { kind: 'paperwork', payment: 'bankCard', oaStarted: true, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '' },
    { kind: 'close', patientConfirmed: true, handedToLegal: false, satisfaction: 'satisfied', note: '' },
  ])
    await cs('complaint.step', { id: c.id, step, attachments: [] });
  await desk.getByRole('button', { name: '打印处理结果说明' }).click();
  const letter = desk.getByTestId('print-result');
  await expect(letter).toContainText('投诉处理结果说明');
  await expect(letter).toContainText('尊敬的王女士：');
  await expect(letter).toContainText('退还部分治疗费 ¥3,000');
  await expect(letter).toContainText('退款 ¥3,000');
  await expect(letter).not.toContainText('钱副总'); // nothing internal on the patient's paper
  await shot(desk, testInfo, 'ho-complaints-05-result-letter');
  await desk.emulateMedia({ media: 'print' });
  const pdf = await desk.pdf({ preferCSSPageSize: true });
  await desk.emulateMedia({ media: 'screen' });
  writeFileSync(join('test-results', 'screens', 'ho-complaints-result.pdf'), new Uint8Array(pdf));
  const text = pdf.toString('latin1');
  expect(text.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  // A4 portrait: 595 × 842 points.
  expect(text).toMatch(/\/MediaBox\s*\[\s*0\s+0\s+59[45](\.\d+)?\s+84[12](\.\d+)?\s*\]/);
  // The same letter in English, one click away.
  await desk.getByRole('button', { name: '返回' }).click();
  await desk.getByRole('button', { name: 'English' }).click();
  await desk.getByRole('button', { name: 'Print the written result' }).click();
  await expect(desk.getByTestId('print-result')).toContainText('Written result of the complaint');
  await shot(desk, testInfo, 'ho-complaints-05-result-letter-en');
  await desk.getByRole('button', { name: 'Back' }).click();
  await desk.getByRole('button', { name: '中文' }).click();
  await desk.getByRole('button', { name: '打印处理结果说明' }).click();
  await expect(desk.getByTestId('print-result')).toContainText('投诉处理结果说明');

  // Step 10 (seed 001 (五) "由总经办依客服部提交的《患者投诉处理表》…开立《员工过失处罚单》，呈总经理核准"):
  // the clinic files the case and proposes the penalty, the dean agrees (her own act); head office decides it.
  await cs('complaint.step', { id: c.id, step: { kind: 'file', copiesSent: true, note: '' }, attachments: [] });
  await cs('complaint.step', { id: c.id, step: { kind: 'penalty', persons: [{ staffId: null, name: '医生助理小王', level: 'II' }], note: '' }, attachments: [] });
  const dean = await apiAs(request, host, await staffId(request, host, '孙院长'), '3333');
  await dean('complaint.step', { id: c.id, step: { kind: 'deanAgree', approved: true, note: '同意' }, attachments: [] });
  await expect(desk.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 15_000 });

  await page.getByRole('button', { name: '换人' }).click();
  await signIn(page, '周总经办', '6666');
  await page.getByRole('button', { name: '投诉', exact: true }).click();
  const penalties = page.getByTestId('todo-penalties');
  await expect(penalties.getByRole('button', { name: /王女士/ })).toBeVisible({ timeout: 30_000 });
  await expect(penalties).toContainText('由总经办办理');
  await penalties.getByRole('button', { name: /王女士/ }).click();
  await expect(page.getByTestId('case-step')).toHaveText(/内部处理/);
  await shot(page, testInfo, 'ho-complaints-06-penalty-todo');
  await page.getByRole('button', { name: '记录 · 开立员工过失处罚单' }).click();
  await expect(page.getByRole('button', { name: '记录 · 开立员工过失处罚单' })).toBeHidden();
  await expect(page.getByRole('region', { name: '处理记录' })).toContainText('周总经办');

  await page.getByRole('button', { name: '换人' }).click();
  await signIn(page, '孙总', '7777');
  await page.getByRole('button', { name: '投诉', exact: true }).click();
  await expect(penalties).toContainText('由总经理办理', { timeout: 30_000 });
  await penalties.getByRole('button', { name: /王女士/ }).click();
  await page.getByRole('radiogroup', { name: '审批结果' }).getByText('核准', { exact: true }).click();
  await page.getByRole('button', { name: '记录 · 总经理核准' }).click();
  // Step 10 done; step 11 (prevention) is what is left.
  await expect(page.getByTestId('case-step')).toHaveText(/预防改进/);
  await expect(penalties).toHaveCount(0);
  await shot(page, testInfo, 'ho-complaints-07-penalty-approved');
  // Head office's printed slip names the clinic's 行政院长 as 院领导, as the clinic's own slip does
  // (seed 003 第十步：行政院长出具《员工过失处罚单》), read from the clinic's roster online.
  await page.getByRole('button', { name: '打印员工过失处罚单' }).click();
  const slip = page.getByTestId('slip').first();
  await expect(slip.getByTestId('slip-persons').getByRole('row', { name: /院领导/ })).toContainText('孙院长');
  await shot(page, testInfo, 'ho-complaints-07b-slip');
  await page.keyboard.press('Escape');
  await expect(slip).toBeHidden();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('case-step')).toHaveText(/Prevention/);
  await shot(page, testInfo, 'ho-complaints-08-penalty-approved-en');
  await page.getByRole('button', { name: '中文' }).click();

  // The clinic's desk receives both acts, each named with head office's person.
  await desk.keyboard.press('Escape'); // the printed letter closes
  await desk.keyboard.press('Alt+4');
  await desk.getByTestId('open').getByRole('button', { name: /王女士/ }).click();
  await expect(desk.getByTestId('case-step')).toHaveText(/预防改进/, { timeout: 30_000 });
  const history = desk.getByRole('region', { name: '处理记录' });
  await expect(history).toContainText('开立员工过失处罚单');
  await expect(history).toContainText('周总经办');
  await expect(history).toContainText('总经理核准');
  await expect(history).toContainText('孙总');
  await shot(desk, testInfo, 'ho-complaints-09-desk-penalty');
});
