import { test, expect, shot, open } from './fixtures';
import { checkInFirstVisit, connectToHeadOffice, joinClinic, setUpClinicAsLead, signIn } from './steps';

test('two desks of one clinic through head office: connect, join, and see the same waiting list', async ({ browser, host, newHost, headOffice }, testInfo) => {
  const deskA = await browser.newPage();
  const deskB = await browser.newPage();

  // Desk A: a new clinic, then connected to head office from Settings → 与总部同步.
  await open(deskA, host.openUrl);
  await setUpClinicAsLead(deskA);
  await signIn(deskA, '王组长', '1234');
  await expect(deskA.getByTestId('sync-status')).toHaveText('未连接总部');
  await deskA.getByTestId('sync-status').click();
  await expect(deskA.getByRole('tab', { name: '与总部同步' })).toHaveAttribute('aria-selected', 'true');
  await deskA.getByLabel('总部服务器地址').fill('ftp://nowhere');
  await deskA.getByRole('button', { name: '连接并开始同步' }).click();
  await expect(deskA.getByText('地址须为 http(s)')).toBeVisible();
  await connectToHeadOffice(deskA, headOffice);
  await expect(deskA.getByTestId('sync-details')).toContainText('clinic_bj');
  await shot(deskA, testInfo, 'sync-01-desk-a-connected');

  // Desk B: joins the clinic instead of creating it again.
  const second = await newHost();
  await open(deskB, second.openUrl);
  await joinClinic(deskB, headOffice, () => shot(deskB, testInfo, 'sync-02-desk-b-join'));

  // A check-in at desk A shows up in desk B's waiting list by itself.
  await deskA.keyboard.press('Alt+1');
  await checkInFirstVisit(deskA, { name: '陈静', phone: '13611112222', department: '整形外科' });
  await expect(deskB.getByTestId('waiting-row').filter({ hasText: '陈静' })).toBeVisible({ timeout: 10_000 });
  // …and the other way round.
  await checkInFirstVisit(deskB, { name: '刘敏', phone: '13733334444', department: '皮肤美容科' });
  await expect(deskA.getByTestId('waiting-row').filter({ hasText: '刘敏' })).toBeVisible({ timeout: 10_000 });
  await expect(deskA.getByTestId('waiting-row')).toHaveCount(2);
  await expect(deskB.getByTestId('waiting-row')).toHaveCount(2);
  await shot(deskA, testInfo, 'sync-03-desk-a-waiting');
  await shot(deskB, testInfo, 'sync-04-desk-b-waiting');

  // Status changes and hand-offs on one desk show on the other within a second or two.
  const rowAt = (page: typeof deskA, name: string) => page.getByTestId('waiting-row').filter({ hasText: name });
  await rowAt(deskA, '陈静').focus();
  await deskA.keyboard.press('Enter');
  await deskA.getByTestId('visit-actions').getByRole('button', { name: '改为 咨询中' }).click();
  await expect(rowAt(deskA, '陈静').getByTestId('visit-status')).toHaveText('咨询中');
  await expect(rowAt(deskB, '陈静').getByTestId('visit-status')).toHaveText('咨询中', { timeout: 3_000 });
  await rowAt(deskB, '刘敏').focus();
  await deskB.keyboard.press('Enter');
  const actionsB = deskB.getByTestId('visit-actions');
  await actionsB.getByRole('button', { name: '离院' }).click();
  await actionsB.getByText('到诊未消费', { exact: true }).click();
  await actionsB.getByRole('button', { name: '确认离院' }).click();
  await deskB.getByRole('alertdialog').getByRole('button', { name: /确认离院/ }).click();
  await expect(deskB.getByTestId('waiting-row')).toHaveCount(1);
  await expect(deskA.getByTestId('waiting-row')).toHaveCount(1, { timeout: 3_000 });
  // Tea served at desk A is on desk B's list too.
  await deskA.keyboard.press('Alt+2');
  await deskA.getByTestId('tea-task').first().focus();
  await deskA.keyboard.press('Enter');
  await deskA.keyboard.type('绿茶');
  await deskA.keyboard.press('Control+Enter');
  await expect(rowAt(deskB, '陈静').getByTestId('tea-chip')).toContainText('已奉茶', { timeout: 3_000 });
  await shot(deskB, testInfo, 'sync-04b-desk-b-after-hand-off');
});

test('both desks edit one record offline: the same version everywhere, a conflict to review, nothing lost', async ({ browser, host, newHost, headOffice }, testInfo) => {
  const deskA = await browser.newPage();
  const deskB = await browser.newPage();
  await open(deskA, host.openUrl);
  await setUpClinicAsLead(deskA);
  await signIn(deskA, '王组长', '1234');
  await connectToHeadOffice(deskA, headOffice);

  const second = await newHost();
  await open(deskB, second.openUrl);
  await joinClinic(deskB, headOffice);

  // Head office goes away: both desks say so, and keep working.
  await headOffice.stop();
  for (const [page, name] of [[deskA, '李咨询（A台）'], [deskB, '李咨询（B台）']] as const) {
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
    await page.keyboard.press('Alt+5');
    await page.getByRole('tab', { name: '员工名册' }).click();
    await page.getByRole('row', { name: /王组长/ }).getByRole('button', { name: '编辑' }).click();
    await page.getByRole('textbox', { name: '姓名', exact: true }).fill(name);
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('cell', { name })).toBeVisible();
  }
  await expect(deskA.getByTestId('sync-status')).toContainText('待上传');
  await shot(deskA, testInfo, 'sync-05-offline-pending');

  // Back online: one version on both desks, and a conflict to settle.
  await headOffice.start();
  for (const page of [deskA, deskB]) await expect(page.getByTestId('sync-status')).toContainText('冲突 1', { timeout: 20_000 });
  const shownA = await deskA.getByTestId('operator').textContent();
  const shownB = await deskB.getByTestId('operator').textContent();
  expect(shownA).toBe(shownB);
  await deskA.getByTestId('sync-status').click();
  const conflict = deskA.getByTestId('conflict');
  await expect(conflict).toContainText('李咨询（A台）');
  await expect(conflict).toContainText('李咨询（B台）');
  await shot(deskA, testInfo, 'sync-06-conflict-review');
  // Keep desk A's version; desk B's is archived, and the count clears on both desks.
  await conflict.getByTestId('conflict-revision').filter({ has: deskA.locator('dd').getByText('李咨询（A台）', { exact: true }) }).getByRole('button', { name: '保留此版本' }).click();
  for (const page of [deskA, deskB]) await expect(page.getByTestId('sync-status')).not.toContainText('冲突', { timeout: 20_000 });
  await expect(deskB.getByTestId('operator')).toContainText('李咨询（A台）', { timeout: 20_000 });
  await shot(deskB, testInfo, 'sync-07-resolved');
});
