import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { expect, open, shot, test } from './fixtures';
import { connectToHeadOffice, setUpClinicAsLead, setUpHeadOffice, signIn } from './steps';

test('head office 设备: the clinic desk’s heartbeat is listed, sortable, exported; English one click away', async ({ browser, host, newHost, headOffice }, testInfo) => {
  // A clinic desk connects; caught up, it sends its first heartbeat.
  const desk = await (await browser.newContext()).newPage();
  await open(desk, host.openUrl);
  await setUpClinicAsLead(desk);
  await signIn(desk, '王组长', '1234');
  await connectToHeadOffice(desk, headOffice);

  const hoHost = await newHost();
  const page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } })).newPage();
  await open(page, hoHost.openUrl);
  await setUpHeadOffice(page, headOffice);
  await signIn(page, '赵总监', '2468');

  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('button', { name: '设备' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('device')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('device')).toContainText('北京整形美容医院 · BJ');
  await expect(page.getByTestId('device')).toContainText('0.1.0');
  // Sorting by version, by keyboard.
  await page.getByTestId('sort-version').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('columnheader', { name: /版本/ })).toHaveAttribute('aria-sort', 'ascending');
  await shot(page, testInfo, 'fleet-devices');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^设备_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
  expect(book.getWorksheet('设备')!.getRow(2).getCell(1).value).toBe('BJ');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Devices' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('columnheader', { name: /Version/ })).toBeVisible();
  await shot(page, testInfo, 'fleet-devices-en');
});
