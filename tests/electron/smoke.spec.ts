import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { checkInFirstVisit, setUpClinicAsLead, signIn } from '../e2e/steps';

/**
 * The installed app as a front desk starts it (issue 17): the packaged 导医台.exe, a data folder
 * under a Chinese path, set-up, one check-in, quit — and a second start finds the visitor again.
 * Run by the Windows workflow only (playwright.electron.config.ts); DAOYI_EXE names the binary.
 */
const exe = resolve(process.env.DAOYI_EXE ?? join('release', 'win-unpacked', '导医台.exe'));

test('the packaged app starts, sets up, checks a visitor in and quits; its data survives a restart', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'daoyi-')), '导医台 数据');
  const launch = () => electron.launch({ executablePath: exe, env: { ...process.env, DAOYI_DATA_DIR: dataDir } });

  const app = await launch();
  const page = await app.firstWindow();
  await expect(page).toHaveTitle('导医台');
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');
  await checkInFirstVisit(page, { name: '冒烟测试', phone: '13900001111', department: '整形外科' });
  await expect(page.getByTestId('waiting-row').filter({ hasText: '冒烟测试' })).toBeVisible();
  // The bridge is there, and nothing of Node is.
  expect(await page.evaluate(() => [typeof (window as { daoyi?: unknown }).daoyi, typeof (globalThis as { require?: unknown }).require])).toEqual(['object', 'undefined']);
  await app.close();

  const again = await launch();
  const second = await again.firstWindow();
  await signIn(second, '王组长', '1234');
  await expect(second.getByTestId('waiting-row').filter({ hasText: '冒烟测试' })).toBeVisible();
  await again.close();
});
