import { test, expect, shot, open } from './fixtures';
import { checkInFirstVisit, setUpClinicAsLead, signIn } from './steps';

test('tea: tasks from check-in, serving against the checklist, a party in seniority order, refills, figures, settings', async ({ page, host }, testInfo) => {
  await page.clock.install();
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');
  await checkInFirstVisit(page, { name: '张晓梅', phone: '13912345678', department: '整形外科' });
  await checkInFirstVisit(page, { name: '陈静', phone: '13611112222', department: '皮肤美容科' });
  await checkInFirstVisit(page, { name: '刘敏', phone: '13733334444', department: '皮肤美容科' });
  await expect(page.getByTestId('waiting-row').first().getByTestId('tea-chip')).toHaveText('待奉茶');

  await page.keyboard.press('Alt+2');
  const tasks = page.getByTestId('tea-task');
  await expect(tasks).toHaveCount(3);
  await expect(tasks.first()).toContainText('初诊：请先入座，再奉茶');
  await shot(page, testInfo, 'tea-01-tasks');

  // Keyboard: the first task, Enter to serve; all 13 items ticked by default, one exception noted.
  await tasks.first().focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('serve-panel');
  await expect(panel.getByLabel('饮品')).toBeFocused();
  await expect(panel.getByRole('checkbox')).toHaveCount(13);
  // The checklist by its name, not 第 0 版 (issue 21); the drink's quick picks are the clinic's list.
  await expect(panel.getByText('奉茶规范（制度原文）')).toBeVisible();
  await expect(panel.getByText(/第 0 版/)).toHaveCount(0);
  await expect(panel.getByTestId('quick-drinks').getByRole('button')).toHaveText(['绿茶', '红茶', '花茶', '柠檬水', '温水']);
  await page.keyboard.press('Control+Enter');
  await expect(panel.getByText('必填')).toBeVisible();
  await panel.getByTestId('quick-drinks').getByRole('button', { name: '红茶' }).click();
  await expect(panel.getByLabel('饮品')).toHaveValue('红茶');
  await panel.getByLabel('饮品').fill('');
  await panel.getByLabel('饮品').focus();
  await page.keyboard.type('菊花茶');
  await panel.getByRole('checkbox', { name: /水温适宜/ }).uncheck();
  await panel.getByLabel('情况说明：水温适宜，不烫口').fill('偏烫，已换一杯');
  await shot(page, testInfo, 'tea-02-serve-checklist');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('已奉茶：张晓梅')).toBeVisible();
  await expect(tasks.first()).toBeFocused();
  await expect(tasks.first()).toHaveAttribute('data-state', 'served');

  // 陈静 and 刘敏 came together: Space marks them, the party is ordered and saved.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press(' ');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press(' ');
  await page.getByRole('button', { name: '组成同行（2 人），按职位高低排序' }).click();
  const members = page.getByTestId('party-member');
  await expect(members).toHaveCount(2);
  await expect(members.first()).toBeFocused();
  const firstName = (await members.first().textContent())!.includes('陈静') ? '陈静' : '刘敏';
  const secondName = firstName === '陈静' ? '刘敏' : '陈静';
  await page.keyboard.press('Alt+ArrowDown');
  await expect(members.first()).toContainText(secondName);
  await shot(page, testInfo, 'tea-03-party');
  await page.getByRole('button', { name: '保存顺序' }).click();
  await expect(page.getByText('已保存同行顺序')).toBeVisible();
  await expect(tasks.nth(1)).toContainText(`${secondName}`);
  await expect(tasks.nth(1).getByTestId('party-badge')).toHaveText('同行 2 人 · 第 1 位');
  await expect(tasks.nth(2).getByTestId('party-badge')).toHaveText('同行 2 人 · 第 2 位');

  // Refill due after the clinic's interval (15 min by default): shown here and on the waiting list.
  await page.clock.fastForward('16:00');
  await expect(tasks.first()).toContainText('该续水了');
  await tasks.first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('已续水：张晓梅')).toBeVisible();
  await expect(tasks.first()).toContainText('续水 1 次');
  await expect(tasks.first()).toBeFocused();

  const figures = page.getByTestId('tea-figures');
  await expect(figures).toContainText('奉茶1');
  await expect(figures).toContainText('续水1');
  await expect(page.getByText('水温适宜，不烫口').last()).toBeVisible();
  await shot(page, testInfo, 'tea-04-refilled-figures');

  // The lead sets the interval and saves the checklist as a new version.
  await page.getByLabel('续水间隔（分钟）').fill('20');
  await page.getByLabel(/本院饮品/).fill('菊花茶、普洱，温水');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();
  await expect(page.getByLabel(/本院饮品/)).toHaveValue('菊花茶、普洱、温水');
  await page.getByText('编辑奉茶规范').click();
  await page.getByRole('button', { name: '添加条目' }).click();
  await page.getByLabel('第 14 条').fill('茶具每日消毒');
  await page.getByRole('button', { name: '保存为新版本' }).click();
  await expect(page.getByText('已保存为第 1 版')).toBeVisible();
  await shot(page, testInfo, 'tea-05-settings');
  await tasks.nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('checkbox')).toHaveCount(14);
  await expect(panel).toContainText('第 1 版');
  await page.keyboard.press('Escape');
  await expect(tasks.nth(1)).toBeFocused();

  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('waiting-row').filter({ hasText: '张晓梅' }).getByTestId('tea-chip')).toContainText('已奉茶');
  await page.getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('Alt+2');
  await expect(page.getByText('Tea tasks')).toBeVisible();
  await shot(page, testInfo, 'tea-06-english');
  await tasks.nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByLabel('Drink')).toBeFocused();
  await shot(page, testInfo, 'tea-07-serve-english');

  // A party is served from one panel in its order (issue 21): after the first, the panel moves on to the second.
  await page.keyboard.type('Green tea');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText(`Served: ${secondName} · next in the party: ${firstName}`)).toBeVisible();
  await expect(panel).toHaveAccessibleName(new RegExp(firstName));
  await expect(panel.getByLabel('Drink')).toBeFocused();
  await panel.getByTestId('quick-drinks').getByRole('button', { name: '普洱' }).click();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText(`Served: ${firstName}`, { exact: true })).toBeVisible();
  await expect(tasks.nth(2)).toBeFocused();
  await expect(tasks.nth(1)).toHaveAttribute('data-state', 'served');
  await expect(tasks.nth(2)).toHaveAttribute('data-state', 'served');
});

test('tea: 整组奉茶 serves a party from one panel, each member with her own drink and her own run through the checklist (issue 21)', async ({ page, host }, testInfo) => {
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');
  await checkInFirstVisit(page, { name: '陈静', phone: '13611112222', department: '皮肤美容科' });
  await checkInFirstVisit(page, { name: '刘敏', phone: '13733334444', department: '皮肤美容科' });
  await page.keyboard.press('Alt+2');
  const tasks = page.getByTestId('tea-task');
  await expect(tasks).toHaveCount(2);
  await tasks.first().focus();
  await page.keyboard.press(' ');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press(' ');
  await page.getByRole('button', { name: '组成同行（2 人），按职位高低排序' }).click();
  await page.getByRole('button', { name: '保存顺序' }).click();
  await expect(page.getByText('已保存同行顺序')).toBeVisible();
  const first = (await tasks.first().textContent())!.includes('陈静') ? '陈静' : '刘敏';
  const second = first === '陈静' ? '刘敏' : '陈静';

  await tasks.first().focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('serve-panel');
  await panel.getByRole('button', { name: '整组奉茶（2 位，按顺序）' }).click();
  const members = panel.getByTestId('serve-member');
  await expect(members).toHaveCount(2);
  await expect(members.first()).toContainText(`第 1 位：${first}`);
  await expect(members.nth(1)).toContainText(`第 2 位：${second}`);
  // Each member has her own checklist, all 13 items ticked by default.
  await expect(members.first().getByRole('checkbox')).toHaveCount(13);
  await expect(members.nth(1).getByRole('checkbox')).toHaveCount(13);
  await expect(members.first().getByRole('textbox', { name: `饮品：${first}` })).toBeFocused();
  // Sent with a drink missing: refused on her row, nothing served.
  await page.keyboard.press('Control+Enter');
  await expect(members.first().getByText('必填')).toBeVisible();
  await members.first().getByTestId('quick-drinks').getByRole('button', { name: '红茶' }).click();
  await members.nth(1).getByRole('textbox', { name: `饮品：${second}` }).fill('温水');
  await members.nth(1).getByRole('checkbox', { name: new RegExp(`水温适宜.*${second}`) }).uncheck();
  await members.nth(1).getByLabel(new RegExp(`情况说明：水温适宜.*${second}`)).fill('偏烫，已换一杯');
  await shot(page, testInfo, 'tea-08-party-round');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(members.first()).toContainText(`1. ${first}`);
  await shot(page, testInfo, 'tea-09-party-round-english');
  await page.getByRole('button', { name: '中文' }).click();
  await members.nth(1).getByRole('textbox', { name: `饮品：${second}` }).focus();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText(`已按顺序为同行奉茶：${first}、${second}`)).toBeVisible();
  await expect(tasks.first()).toHaveAttribute('data-state', 'served');
  await expect(tasks.nth(1)).toHaveAttribute('data-state', 'served');
  await expect(page.getByTestId('tea-figures')).toContainText('奉茶2');
  // Only the second cup's run records the exception (the figures list the items not done).
  await expect(page.getByText('水温适宜，不烫口').last()).toBeVisible();
});
