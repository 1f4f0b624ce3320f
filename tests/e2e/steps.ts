import { expect, type Page } from '@playwright/test';

/** Steps a guide takes, shared by the end-to-end tests (each asserts what she would see). */

export async function setUpClinicAsLead(page: Page, clinic = { code: 'BJ', name: '北京整形美容医院' }) {
  await page.getByLabel('院简称').fill(clinic.code);
  await page.getByLabel('机构名称').fill(clinic.name);
  await page.getByRole('textbox', { name: '姓名' }).fill('王组长');
  await page.getByLabel('PIN（4-8 位数字）').fill('1234');
  await page.getByLabel('再次输入 PIN').fill('1234');
  await page.getByRole('button', { name: '完成设置' }).click();
  await expect(page.getByRole('heading', { name: '谁在当班？' })).toBeVisible();
}

export async function signIn(page: Page, name: string, pin: string) {
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.getByLabel('PIN').fill(pin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('operator')).toHaveText(new RegExp(name));
}

export async function checkInFirstVisit(page: Page, v: { name: string; phone: string; department: string }) {
  await page.getByRole('radio', { name: '初诊（第一次来）' }).check();
  await page.getByRole('radio', { name: '无预约' }).check();
  await page.getByRole('textbox', { name: '姓名' }).fill(v.name);
  await page.getByRole('radio', { name: '女', exact: true }).check();
  await page.getByLabel('年龄').fill('30');
  await page.getByLabel('电话').fill(v.phone);
  await page.getByLabel('媒体来源').selectOption({ label: '网络' });
  await page.getByLabel('就诊意向 / 项目').fill('咨询');
  await page.getByRole('combobox', { name: '科室', exact: true }).selectOption({ label: v.department });
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText(`已登记：${v.name}`)).toBeVisible();
}

export interface HeadOfficeAccount {
  url: string;
  desk: { BJ: { username: string; password: string } };
}

async function fillCredentials(page: Page, ho: HeadOfficeAccount) {
  await page.getByLabel('总部服务器地址').fill(ho.url);
  await page.getByLabel('本台账号').fill(ho.desk.BJ.username);
  await page.getByLabel('密码').fill(ho.desk.BJ.password);
}

/** Settings → 与总部同步 on a set-up desk, until the shell says it is in sync. */
export async function connectToHeadOffice(page: Page, ho: HeadOfficeAccount) {
  await page.getByTestId('sync-status').click();
  await fillCredentials(page, ho);
  await page.getByRole('button', { name: '连接并开始同步' }).click();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 15_000 });
}

/** A fresh desk joins clinic BJ from head office; the roster arrives and the lead signs in. */
export async function joinClinic(page: Page, ho: HeadOfficeAccount, beforeSubmit?: () => Promise<void>) {
  await page.getByRole('radio', { name: '加入已有机构（从总部同步）' }).check();
  await page.getByLabel('院简称').fill('BJ');
  await fillCredentials(page, ho);
  await beforeSubmit?.();
  await page.getByRole('button', { name: '连接总部并下载本院资料' }).click();
  await expect(page.getByRole('heading', { name: '谁在当班？' })).toBeVisible({ timeout: 15_000 });
  await signIn(page, '王组长', '1234');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 15_000 });
}

/** A fresh computer is set up as head office's, its CS director 赵总监 (PIN 2468), and starts syncing. */
export async function setUpHeadOffice(page: Page, server: { url: string; ho: { username: string; password: string } }, beforeSubmit?: () => Promise<void>) {
  await page.getByRole('radio', { name: '总部电脑（查看所有机构）' }).check();
  await page.getByLabel('总部服务器地址').fill(server.url);
  await page.getByLabel('总部账号').fill(server.ho.username);
  await page.getByLabel('密码').fill(server.ho.password);
  await page.getByRole('textbox', { name: '姓名' }).fill('赵总监');
  await page.getByLabel('PIN（4-8 位数字）').fill('2468');
  await page.getByLabel('再次输入 PIN').fill('2468');
  await beforeSubmit?.();
  await page.getByRole('button', { name: '设为总部电脑并开始同步' }).click();
}
