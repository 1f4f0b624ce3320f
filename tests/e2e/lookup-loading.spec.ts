import { rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, shot, open } from './fixtures';
import { checkInFirstVisit, setUpClinicAsLead, signIn } from './steps';

// Issue 16: the desk opens before the lookup index is loaded. A lookup typed meanwhile says the
// records are still loading (and asks again by itself) instead of 未找到. The index's snapshot
// is made a named pipe while the host is stopped (a disk that has not answered yet), so the
// index waits at the next start until the test writes into it.
test('a lookup typed while the customer records load says so, then finds her by itself', async ({ page, host }, testInfo) => {
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');
  await checkInFirstVisit(page, { name: '张晓梅', phone: '13912345678', department: '整形外科' });

  const pipe = join(host.dataDir, 'desk.customer-index.json');
  await host.restart(async () => {
    rmSync(pipe, { force: true });
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
  });
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await writeFile(pipe, 'not a snapshot\n'); // the index is then built from the store
  };
  try {
    await open(page, host.openUrl);
    await signIn(page, '王组长', '1234');
    // The door answers: she is on today's waiting list.
    await expect(page.getByTestId('waiting-row').filter({ hasText: '张晓梅' })).toBeVisible();
    // F2 opens the lookup (once the desk's keys are listening: the screen has just opened).
    const lookup = page.getByRole('combobox', { name: /查找老客户/ });
    await expect(async () => {
      await page.keyboard.press('F2');
      await expect(lookup).toBeFocused({ timeout: 1_000 });
    }).toPass();
    await page.keyboard.type('5678');
    const list = page.getByRole('listbox', { name: '查找老客户' });
    await expect(list.getByRole('status')).toHaveText(/^客户档案正在载入（\d+%），请稍候，马上就好$/);
    await shot(page, testInfo, 'lookup-loading-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await page.keyboard.press('F2');
    await expect(page.getByRole('listbox').getByRole('status')).toHaveText(/^Loading the customer records \(\d+%\); one moment$/);
    await shot(page, testInfo, 'lookup-loading-en');
    await release();
    // Asked again by itself: she is found without another keystroke.
    await expect(page.getByRole('option', { name: /张晓梅/ })).toBeVisible();
  } finally {
    await release();
  }
});
