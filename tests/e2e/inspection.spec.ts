import { test, expect, shot, open, hostClockAt } from './fixtures';
import { setUpClinicAsLead, signIn } from './steps';
import { seedFromHeadOffice } from './seed';
import { findChromium } from '../../scripts/browser.mjs';
import type { Page } from '@playwright/test';
import { expectPaper } from './paper';

// Chromium's fake camera (a test pattern) answers getUserMedia, and its permission prompt says yes.
test.use({
  launchOptions: {
    executablePath: findChromium() ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});

/**
 * Thu 2026-11-26 09:30 in the clinic, for the host and the page alike: this week's 每周自查 is due
 * (待完成) Monday to Friday and overdue (已逾期) at the weekend (shared/inspection/rules.ts
 * `weekStatus`), so on the real clock the first test failed every Saturday and Sunday, clinic time.
 */
const CLOCK = '2026-11-26T01:30:00Z';
hostClockAt(CLOCK);
test.beforeEach(async ({ page }) => {
  // Installed, not fixed: the page's time runs on from CLOCK (drafts, type-ahead and polling read it).
  await page.clock.install({ time: new Date(CLOCK) });
});

/** A 1×1 PNG: a photo small enough to need no resizing. */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

async function addStaff(page: Page, s: { name: string; sex: '女' | '男'; role: string; number: string; supervisor?: string; head?: string }) {
  await page.getByRole('textbox', { name: '姓名', exact: true }).fill(s.name);
  await page.getByRole('combobox', { name: '岗位' }).selectOption({ label: s.role });
  await page.getByRole('radio', { name: s.sex, exact: true }).check();
  await page.getByRole('combobox', { name: '科室', exact: true }).selectOption({ label: '整形外科' });
  await page.getByRole('textbox', { name: '工号' }).fill(s.number);
  if (s.supervisor) await page.getByRole('combobox', { name: '直接上级' }).selectOption({ label: s.supervisor });
  if (s.head) await page.getByRole('combobox', { name: '部门负责人' }).selectOption({ label: s.head });
  await page.getByRole('button', { name: '添加员工' }).click();
  await expect(page.getByRole('cell', { name: s.name, exact: true })).toBeVisible();
}

/** Adds a person through the contract the roster screen uses, as the signed-in admin. */
async function addByApi(page: Page, people: { name: string; sex: 'F' | 'M'; role: string; pin: string | null; staffNumber: string }[]) {
  await page.evaluate(async (list) => {
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionStorage.getItem('daoyi.secret')}`, 'X-Daoyi-Session': sessionStorage.getItem('daoyi.session') ?? '' };
    for (const p of list) {
      const res = await fetch('./api/staff.add', { method: 'POST', headers, body: JSON.stringify({ ...p, departmentId: null }) });
      if (!(await res.json()).ok) throw new Error(`staff.add ${p.name} failed`);
    }
  }, people);
}

/** Hands the desk to another person (换人). */
async function switchTo(page: Page, name: string, pin: string) {
  await page.getByRole('button', { name: '换人' }).click();
  await signIn(page, name, pin);
}

/** A large photo as a camera would give it (PNG, 2400×1800), drawn in the page. */
async function cameraPhoto(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 2400;
    c.height = 1800;
    const g = c.getContext('2d')!;
    const grad = g.createLinearGradient(0, 0, 2400, 1800);
    grad.addColorStop(0, '#f3d9c6');
    grad.addColorStop(1, '#6b8fb3');
    g.fillStyle = grad;
    g.fillRect(0, 0, 2400, 1800);
    for (let i = 0; i < 4000; i++) {
      g.fillStyle = `hsl(${(i * 37) % 360} 60% 50% / 0.5)`;
      g.fillRect((i * 7919) % 2400, (i * 104729) % 1800, 18, 18);
    }
    return c.toDataURL('image/png').split(',')[1]!;
  });
  return Buffer.from(b64, 'base64');
}

test('a whole weekly self-inspection on the laptop: keyboard marks, a reload, a photo, sign-off, a penalty and its slip, the month’s star', async ({ page, host }, testInfo) => {
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  // The CS director (the department head) comes from head office: a desk lead may not add her.
  await seedFromHeadOffice(host, [{ name: '赵主任', role: 'csDirector', departmentId: 'plastic-surgery', staffNumber: 'BJ001' }]);
  await open(page, host.openUrl);
  await signIn(page, '王组长', '1234');

  // The roster with 工号, supervisor and department head.
  await page.keyboard.press('Alt+5');
  await page.getByRole('tab', { name: '员工名册' }).click();
  await expect(page.getByRole('cell', { name: '赵主任', exact: true })).toBeVisible();
  await addStaff(page, { name: '孙丽', sex: '女', role: '导医', number: 'BJ101', supervisor: '王组长 · 导医组长', head: '赵主任 · 客服主任' });
  await addStaff(page, { name: '李强', sex: '男', role: '导医', number: 'BJ102', supervisor: '王组长 · 导医组长', head: '赵主任 · 客服主任' });
  await addStaff(page, { name: '周敏', sex: '女', role: '导医', number: 'BJ103' });
  await shot(page, testInfo, 'inspection-00-roster');
  // 每周自查 is run and signed by the dean or a 检查员 (docs/inspection.md): 陈检查 does it, the lead decides.
  await addByApi(page, [{ name: '陈检查', sex: 'F', role: 'inspector', pin: '2468', staffNumber: 'BJ009' }]);
  await switchTo(page, '陈检查', '2468');

  // 仪容检查: this week's self-inspection is due.
  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('status-card').first()).toContainText('待完成');
  await page.getByRole('radio', { name: '每周自查' }).check();
  await page.getByRole('combobox', { name: '检查表' }).selectOption({ label: '仪容仪表（女员工/男员工） · 默认版' });
  await shot(page, testInfo, 'inspection-01-home');
  await page.getByRole('button', { name: '开始检查' }).click();
  await expect(page.getByTestId('progress')).toHaveText('已检 0 / 5 人');

  const started = Date.now();
  // 王组长 and 赵主任: all pass, Enter saves and moves on.
  await expect(page.getByTestId('person')).toHaveText('王组长');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('person')).toHaveText('赵主任');
  await page.keyboard.press('Enter');
  // 孙丽: 工装整洁 fails (2), the next item is reached with ↓ and passes (1).
  await expect(page.getByTestId('person')).toHaveText('孙丽');
  await expect(page.getByTestId('item')).toHaveCount(13);
  await page.keyboard.press('2');
  // Typing goes into the note box that opened (issue 19); Esc hands the keys back to the list.
  await page.keyboard.type('B');
  await page.keyboard.insertText('区工装有污渍'); // what an IME commits
  await expect(page.getByRole('textbox', { name: '备注：工装整洁' })).toHaveValue('B区工装有污渍');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inspect')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('1');
  await expect(page.getByTestId('tally')).toContainText('不合格 1');
  await shot(page, testInfo, 'inspection-02-marking');
  await page.keyboard.press('Enter');
  // 李强 is a man: the male items.
  await expect(page.getByTestId('person')).toHaveText('李强');
  await expect(page.getByTestId('item')).toHaveCount(8);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('2'); // 每天刮胡子
  await page.keyboard.press('Enter');
  // 周敏: a failure marked, then the laptop reloads before it is saved — the draft keeps it.
  await expect(page.getByTestId('person')).toHaveText('周敏');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('2');
  await expect(page.getByTestId('tally')).toContainText('不合格 1');
  await page.waitForTimeout(400); // the draft is written 250 ms after the last change
  await page.reload();
  await expect(page.locator('body[data-ready=true]')).toBeAttached();
  await page.keyboard.press('Alt+3');
  await expect(page.getByText('已恢复未保存的检查进度')).toBeVisible();
  await expect(page.getByTestId('person')).toHaveText('周敏');
  await expect(page.getByTestId('tally')).toContainText('不合格 1');
  await shot(page, testInfo, 'inspection-03-restored');
  // A photo while marking (issue 19), from the file picker with no refusal first: her marks so far
  // are saved with it, and she stays on screen.
  await page.getByTestId('photo-input').setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: Buffer.from(TINY_PNG, 'base64') });
  await expect(page.getByText(/照片已保存 · 照片对应：/)).toBeVisible();
  await expect(page.getByTestId('progress')).toHaveText('已检 5 / 5 人');
  await expect(page.getByTestId('person')).toHaveText('周敏');
  await expect(page.getByRole('button', { name: '选照片（1）' })).toBeVisible();
  await page.getByRole('button', { name: /保存，下一位/ }).click();
  await expect(page.getByTestId('progress')).toHaveText('已检 5 / 5 人');
  const seconds = (Date.now() - started) / 1000;
  testInfo.annotations.push({ type: 'timing', description: `5 staff marked and saved in ${seconds.toFixed(1)} s (incl. a reload)` });

  // A photo of 孙丽's uniform: a non-image is refused, a big camera photo is resized and kept.
  await page.getByRole('button', { name: /孙丽/ }).click();
  await page.getByTestId('photo-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
  await expect(page.getByText('这不是图片文件（只接受 JPEG、PNG、WebP）')).toBeVisible();
  const photo = await cameraPhoto(page);
  expect(photo.length).toBeGreaterThan(400_000);
  await page.getByTestId('photo-input').setInputFiles({ name: 'uniform.png', mimeType: 'image/png', buffer: photo });
  await expect(page.getByText(/照片已保存 · 照片对应：工装整洁/)).toBeVisible();
  await expect(page.getByRole('button', { name: '选照片（1）' })).toBeVisible();
  await shot(page, testInfo, 'inspection-04-photo');
  // 李强 from the laptop camera.
  await page.getByRole('button', { name: /李强/ }).click();
  await page.getByRole('button', { name: '摄像头拍照' }).click();
  await expect(page.getByRole('button', { name: '拍照', exact: true })).toBeEnabled({ timeout: 10_000 });
  await shot(page, testInfo, 'inspection-04b-camera');
  await page.getByRole('button', { name: '拍照', exact: true }).click();
  await expect(page.getByText('照片已保存 · 照片对应：整体')).toBeVisible();
  await expect(page.getByRole('button', { name: '选照片（1）' })).toBeVisible();

  // Sign-off: read-only from now on, the ladder proposes.
  await page.getByRole('button', { name: '检查完毕，签字' }).click();
  await expect(page.getByText('由 陈检查 签字确认？')).toBeVisible();
  await page.getByRole('button', { name: '确认签字' }).click();
  await expect(page.getByText('此检查已签字，记录只读。')).toBeVisible();
  const sunli = page.getByRole('listitem', { name: '孙丽 工装整洁' });
  await expect(sunli).toContainText('第 1 次');
  await expect(sunli).toContainText('口头及书面警告');
  await shot(page, testInfo, 'inspection-05-signed');
  // Penalties are the lead's to decide; the inspector sees the proposals only.
  await expect(sunli.getByRole('button', { name: '确认处罚' })).toHaveCount(0);
  await switchTo(page, '王组长', '1234');
  await page.keyboard.press('Alt+3');
  await sunli.getByRole('button', { name: '确认处罚' }).click();
  // A decision asks once (issue 21): the dialog says what is decided; Enter confirms.
  await expect(page.getByRole('alertdialog')).toContainText('确认对 孙丽（工装整洁）的处罚？');
  await shot(page, testInfo, 'inspection-05b-decide-confirm');
  // Esc: nothing decided, the form as it was; asked again, Enter decides.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(sunli.getByTestId('decided')).toHaveCount(0);
  await sunli.getByRole('button', { name: '确认处罚' }).click();
  await page.keyboard.press('Enter');
  await expect(sunli.getByTestId('decided')).toContainText('已决定');
  const liqiang = page.getByRole('listitem', { name: '李强 每天刮胡子，面部清洁' });
  await liqiang.getByRole('combobox', { name: '处理' }).selectOption({ label: '罚款' });
  await liqiang.getByRole('textbox', { name: '本人罚款（元）' }).fill('50');
  await liqiang.getByRole('button', { name: '确认处罚' }).click();
  await page.keyboard.press('Enter');
  await expect(liqiang.getByText('理由（与建议不同时必填）')).toBeVisible();
  await expect(liqiang.getByRole('alert')).toBeVisible();
  await liqiang.getByRole('textbox', { name: '理由（与建议不同时必填）' }).fill('当日未刮胡子且屡次提醒');
  await liqiang.getByRole('button', { name: '确认处罚' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('罚款 · ¥50');
  await page.keyboard.press('Enter');
  await expect(liqiang.getByTestId('decided')).toContainText('¥50');

  // A correction of the signed record is a new event: 周敏's badge was fine after all.
  await page.getByText('登记更正').first().click();
  await page.getByRole('combobox', { name: '姓名' }).selectOption({ label: '周敏' });
  await page.getByRole('combobox', { name: '项目' }).selectOption({ label: '胸卡佩戴在工服左侧前口袋开口位置、标识上方（不合格）' });
  await page.getByRole('combobox', { name: '更正为' }).selectOption({ label: '合格' });
  await page.getByRole('textbox', { name: '更正理由' }).fill('复核：胸卡位置正确');
  await page.getByRole('button', { name: '登记更正' }).click();
  await expect(page.getByText('周敏 · 胸卡佩戴在工服左侧前口袋开口位置、标识上方 → 合格 · 复核：胸卡位置正确')).toBeVisible();
  await expect(page.getByRole('listitem', { name: /^周敏 / })).toHaveCount(0); // no penalty left to decide for her

  // 员工过失处罚单 for 李强: on screen, and as a PDF.
  await page.getByRole('listitem').filter({ hasText: '李强' }).getByRole('button', { name: '员工过失处罚单' }).click();
  const slip = page.getByTestId('slip');
  await expect(slip).toContainText('员工过失处罚单');
  await expect(page.getByTestId('slip-name')).toHaveText('李强');
  await expect(page.getByTestId('slip-total')).toHaveText('¥50');
  await expect(slip).toContainText('BJ102');
  await expect(page.getByTestId('slip-staff-number')).toHaveText('BJ102');
  await expect(page.getByTestId('slip-number')).toHaveText(/^BJ-JC-\d{8}-[0-9A-Z]{4}-BJ102$/);
  await expect(page.getByTestId('slip-total-capitals')).toHaveText('人民币伍拾元整'); // 大写金额 beside ¥50
  await expect(page.getByTestId('slip-persons')).toContainText('当事人');
  await expect(page.getByTestId('slip-faults')).toContainText('第 1 次'); // nothing earlier in the window: 此前同类 无
  await expect(page.getByTestId('slip-faults')).toContainText('无');
  for (const line of ['当事人签字', '直接上级签字', '部门负责人签字', '审批人签字']) await expect(page.getByTestId('slip-signatures')).toContainText(line);
  await expect(page.getByTestId('slip-note')).toContainText('已通知直接上级 王组长、部门负责人 赵主任');
  await expect(page.getByTestId('slip-note')).toContainText('当日未刮胡子且屡次提醒'); // the decision's reason
  await shot(page, testInfo, 'inspection-06-slip');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: '打印 / PDF' })).toBeHidden(); // only the slip prints
  await expect(page.getByRole('tab', { name: '本月汇总' })).toBeHidden();
  await shot(page, testInfo, 'inspection-07-slip-print');
  // One A5 landscape page, no blank second one (test-results/screens/inspection-slip.pdf).
  await expectPaper(page, testInfo, 'inspection-slip', 'A5 landscape');
  await page.keyboard.press('Escape');
  await expect(slip).toBeHidden();

  // 更正处罚 (a lead, issue 21): ¥50 was too much. The reason is required, the question asked once
  // (Esc keeps ¥50); the decision stays beside the correction, struck through, and the slip counts the latest.
  await liqiang.getByRole('button', { name: '更正处罚' }).click();
  await expect(liqiang.getByRole('textbox', { name: '更正原因' })).toBeFocused();
  await liqiang.getByRole('textbox', { name: '本人罚款（元）' }).fill('20');
  await liqiang.getByRole('button', { name: '确认更正' }).click();
  await expect(liqiang.getByText('必填', { exact: true })).toBeVisible();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await liqiang.getByRole('textbox', { name: '更正原因' }).fill('初次提醒后已改正，按下限处理');
  await expect(liqiang.getByText('必填', { exact: true })).toHaveCount(0); // says so only while it is true
  await liqiang.getByRole('button', { name: '确认更正' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('更正对 李强（每天刮胡子，面部清洁）的处罚？');
  await expect(page.getByRole('alertdialog')).toContainText('改为：罚款 · ¥20');
  await page.keyboard.press('Escape');
  await expect(liqiang.getByTestId('penalty-correction')).toHaveCount(0);
  await liqiang.getByRole('button', { name: '确认更正' }).click();
  await shot(page, testInfo, 'inspection-06b-correct-confirm');
  await page.keyboard.press('Enter');
  await expect(liqiang.getByTestId('penalty-correction')).toContainText('已更正为：罚款 · ¥20');
  await expect(liqiang.getByTestId('penalty-correction')).toContainText('王组长');
  await expect(liqiang.getByTestId('penalty-correction')).toContainText('初次提醒后已改正，按下限处理');
  await expect(liqiang.getByTestId('decided')).toContainText('¥50'); // the decision kept beside it
  await expect(liqiang.getByTestId('decided')).toHaveClass(/line-through/);
  await shot(page, testInfo, 'inspection-06c-corrected');
  await page.getByRole('listitem').filter({ hasText: '李强' }).getByRole('button', { name: '员工过失处罚单' }).click();
  await expect(page.getByTestId('slip-total')).toHaveText('¥20');
  await expect(page.getByTestId('slip-total-capitals')).toHaveText('人民币贰拾元整');
  await expect(page.getByTestId('slip-note')).toContainText('初次提醒后已改正，按下限处理');
  await page.keyboard.press('Escape');
  await expect(slip).toBeHidden();

  // The week is done; the month: figures, candidates, the 服务之星.
  await page.getByRole('button', { name: '返回' }).click();
  await expect(page.getByTestId('status-card').first()).toContainText('已完成');
  await page.getByRole('tab', { name: '本月汇总' }).click();
  await expect(page.getByTestId('month-figures')).toContainText('每周自查');
  // Candidates are those without a failure this month (周敏's was corrected): not 孙丽 or 李强.
  const candidates = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: '选为服务之星' }) });
  await expect(candidates).toHaveCount(3);
  await expect(candidates.filter({ hasText: '周敏' })).toHaveCount(1);
  await expect(candidates.filter({ hasText: /孙丽|李强/ })).toHaveCount(0);
  await candidates.filter({ hasText: '赵主任' }).getByRole('button', { name: '选为服务之星' }).click();
  await expect(page.getByText('必填').first()).toBeVisible(); // a person decides, and says why
  await page.getByRole('textbox', { name: '推选理由' }).fill('本月检查全部合格，服务热情');
  await candidates.filter({ hasText: '赵主任' }).getByRole('button', { name: '选为服务之星' }).click();
  await expect(page.getByTestId('star')).toContainText('赵主任（王组长 推选，未连接总部，连接后随同步上报）'); // this desk has no head office: nothing is reported yet
  await shot(page, testInfo, 'inspection-08-month');
  // The month list names each inspection's checklist and scope (issue 19).
  await expect(page.getByTestId('month-line').first()).toContainText('每周自查 · 仪容仪表');
  await expect(page.getByTestId('month-line').first()).toContainText('全院');
  // …and exports as .xlsx beside the print button (the cells are checked in tests/integration/inspection.test.ts).
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  expect((await download).suggestedFilename()).toMatch(/^仪容仪表检查月汇总-[A-Z0-9]+-\d{4}-\d{2}\.xlsx$/);
  // The month summary prints alone on one A4 page (test-results/screens/inspection-month.pdf).
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: '打印本月汇总' })).toBeHidden();
  await expect(page.getByRole('button', { name: '导出 Excel' })).toBeHidden();
  await expect(page.getByTestId('star')).toBeHidden(); // the star panel is the screen's, not the summary's
  await shot(page, testInfo, 'inspection-08b-month-print');
  await page.emulateMedia({ media: 'screen' });
  await expectPaper(page, testInfo, 'inspection-month', 'A4');

  // English, one click away.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('tab', { name: 'This month' })).toBeVisible();
  await shot(page, testInfo, 'inspection-09-month-en');
  await page.getByRole('tab', { name: 'Inspect' }).click();
  await shot(page, testInfo, 'inspection-10-home-en');
});

test('twenty staff from the keyboard, well under ten minutes; checklist edit and penalty settings', async ({ page, host }, testInfo) => {
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');
  // Twenty guides through the same contract the roster screen uses (typing them in is not the point here),
  // and the dean, who runs the 每周自查 (she is never among the inspected).
  await addByApi(page, [
    ...Array.from({ length: 19 }, (_, n) => ({ name: `导医${String(n + 1).padStart(2, '0')}`, sex: (n + 1) % 3 ? ('F' as const) : ('M' as const), role: 'guide', pin: null, staffNumber: `BJ${201 + n}` })),
  ]);
  // The dean reaches the roster from head office (a lead may not make a dean).
  await seedFromHeadOffice(host, [{ name: '刘院长', role: 'dean', pin: '2468', staffNumber: 'BJ002' }]);
  await open(page, host.openUrl);
  await signIn(page, '刘院长', '2468');
  await page.keyboard.press('Alt+3');
  // The dean is offered her kind only.
  await expect(page.getByRole('radio')).toHaveCount(1);
  // Started with the wrong checklist: set aside with a reason, and it is off the list to continue.
  await page.getByRole('combobox', { name: '检查表' }).selectOption({ label: '日常行为规范 · 默认版' });
  await page.getByRole('button', { name: '开始检查' }).click();
  await page.getByRole('button', { name: '作废' }).click();
  await page.getByRole('button', { name: '确认作废' }).click();
  await expect(page.getByText('必填')).toBeVisible();
  await page.getByRole('textbox', { name: '作废理由' }).fill('类型选错');
  await page.getByRole('button', { name: '确认作废' }).click();
  await expect(page.getByRole('button', { name: '开始检查' })).toBeVisible();
  await expect(page.getByRole('button', { name: '继续' })).toHaveCount(0);
  await page.getByRole('radio', { name: '每周自查' }).check();
  await page.getByRole('combobox', { name: '检查表' }).selectOption({ label: '仪容仪表（女员工/男员工） · 默认版' });
  await page.getByRole('button', { name: '开始检查' }).click();
  await expect(page.getByTestId('progress')).toHaveText('已检 0 / 20 人');
  const started = Date.now();
  let paused = 0;
  for (let i = 0; i < 20; i++) {
    if (i === 10) {
      // The window crashes half-way with a failure marked but not saved: in a new window the
      // inspection is on the start page to continue, and the mark is still there. (The host keeps
      // running: a restarted test host gets a new port, i.e. another origin with other storage,
      // which a desk's fixed port or Electron's app:// never does.)
      await page.keyboard.press('2');
      await expect(page.getByTestId('tally')).toContainText('不合格 1');
      await page.waitForTimeout(400);
      const before = Date.now();
      await page.evaluate(() => sessionStorage.clear()); // a new window knows nothing: no session, no open inspection
      await open(page, host.openUrl);
      await signIn(page, '刘院长', '2468');
      await page.keyboard.press('Alt+3');
      await page.getByRole('button', { name: '继续' }).click();
      await expect(page.getByText('已恢复未保存的检查进度')).toBeVisible();
      await expect(page.getByTestId('tally')).toContainText('不合格 1');
      await expect(page.getByTestId('progress')).toHaveText('已检 10 / 20 人');
      await shot(page, testInfo, 'inspection-11a-after-crash');
      await page.getByTestId('inspect').focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('progress')).toHaveText('已检 11 / 20 人');
      paused += Date.now() - before;
      continue;
    }
    // Every fourth person has one failure two items down; the rest pass.
    if (i % 4 === 0) {
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('2');
    }
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('progress')).toHaveText(`已检 ${i + 1} / 20 人`);
  }
  const seconds = (Date.now() - started - paused) / 1000;
  testInfo.annotations.push({ type: 'timing', description: `20 staff inspected from the keyboard in ${seconds.toFixed(1)} s of app time (a crash and restart not counted)` });
  console.log(`20 staff inspected in ${seconds.toFixed(1)} s`);
  expect(seconds).toBeLessThan(60); // the app's share of the 10 minutes: the rest is the inspector looking
  await expect(page.getByText('不合格 6 项')).toBeVisible();
  await shot(page, testInfo, 'inspection-11-twenty');

  // Checklists: the behaviour list edited into version 1; the penalty settings with the flat rule.
  await page.getByRole('tab', { name: '检查表与设置' }).click();
  await page.getByRole('listitem').filter({ hasText: '日常行为规范' }).getByRole('button', { name: '编辑（保存为新版本）' }).click();
  await page.getByRole('button', { name: '添加项目' }).click();
  await page.getByRole('textbox', { name: '项目内容 7' }).fill('佩戴工牌端正');
  await page.getByRole('button', { name: '保存新版本' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: '日常行为规范' })).toContainText('第 1 版 · 7 项');
  // A checklist with an empty item is refused, naming it.
  await page.getByRole('listitem').filter({ hasText: '日常行为规范' }).getByRole('button', { name: '编辑（保存为新版本）' }).click();
  await page.getByRole('button', { name: '添加项目' }).click();
  await page.getByRole('button', { name: '保存新版本' }).click();
  await expect(page.getByRole('textbox', { name: '项目内容 8' })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('textbox', { name: '累计违规的追溯期（月）' }).fill('6');
  await page.getByRole('textbox', { name: /本院简化规定/ }).fill('10');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('设置已保存')).toBeVisible();
  await shot(page, testInfo, 'inspection-12-setup');
});
