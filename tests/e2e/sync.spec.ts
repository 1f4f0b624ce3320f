import { test, expect, shot, open } from './fixtures';
import { checkInFirstVisit, setUpClinicAsLead, signIn } from './steps';

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
  await deskA.getByLabel('总部服务器地址').fill(headOffice.url);
  await deskA.getByLabel('本台账号').fill(headOffice.desk.BJ.username);
  await deskA.getByLabel('密码').fill(headOffice.desk.BJ.password);
  await deskA.getByRole('button', { name: '连接并开始同步' }).click();
  await expect(deskA.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 15_000 });
  await expect(deskA.getByTestId('sync-details')).toContainText('clinic_bj');
  await shot(deskA, testInfo, 'sync-01-desk-a-connected');

  // Desk B: joins the clinic instead of creating it again.
  const second = await newHost();
  await open(deskB, second.openUrl);
  await deskB.getByRole('radio', { name: '加入已有机构(从总部同步)' }).check();
  await deskB.getByLabel('院简称').fill('BJ');
  await deskB.getByLabel('总部服务器地址').fill(headOffice.url);
  await deskB.getByLabel('本台账号').fill(headOffice.desk.BJ.username);
  await deskB.getByLabel('密码').fill(headOffice.desk.BJ.password);
  await shot(deskB, testInfo, 'sync-02-desk-b-join');
  await deskB.getByRole('button', { name: '连接总部并下载本院资料' }).click();
  await expect(deskB.getByRole('heading', { name: '谁在当班?' })).toBeVisible({ timeout: 15_000 });
  await signIn(deskB, '王组长', '1234');
  await expect(deskB.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 15_000 });

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
});
