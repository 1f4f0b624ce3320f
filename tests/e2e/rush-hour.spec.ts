import type { Page } from '@playwright/test';
import { test, expect, shot, twoDesks } from './fixtures';
import { checkInFirstVisit } from './steps';

// The hosts take the waiting-room display's key from here (both desks' displays open with it).
const DISPLAY_KEY = 'e2e-display-key-rush-hour-0123';
process.env.DAOYI_DISPLAY_SECRET = DISPLAY_KEY;

const NAMES = ['陈静', '刘敏', '赵雪', '孙悦'];

/** The waiting list as a guide reads it: each row's 排队号 and who it is, top to bottom. */
async function waitingList(page: Page): Promise<string[]> {
  return page.getByTestId('waiting-row').evaluateAll(
    (rows, names) => rows.map((r) => `${r.querySelector('[data-testid="queue-number"]')?.textContent?.trim() ?? ''}|${names.find((n) => r.textContent?.includes(n)) ?? '?'}`),
    NAMES,
  );
}

async function callFromList(page: Page, name: string) {
  await page.getByTestId('waiting-row').filter({ hasText: name }).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('visit-actions').getByRole('button', { name: '叫号' }).click();
  await expect(page.getByText(new RegExp(`已叫号：.* ${name} →`))).toBeVisible();
  await page.keyboard.press('Escape');
}

// Issue 21, the door at rush hour: two receptionists at two desks (each its own host and store,
// synced through head office's stand-in) check visitors in at the same moment and call at the same
// moment; both waiting lists, both lookups and both waiting-room displays end up saying the same.
test('rush hour at two desks: check-ins and calls at once, both screens agree', async ({ browser, host, newHost, headOffice }, testInfo) => {
  test.setTimeout(300_000); // two hosts, head office and four pages: set-up, join, four check-ins by keyboard and two displays (3.1 min at load 25)
  const { a, b, hostA, hostB } = await twoDesks(browser, host, newHost, headOffice);

  // Two at each desk, both desks typing at the same time.
  await Promise.all([
    (async () => {
      await checkInFirstVisit(a, { name: NAMES[0]!, phone: '13611110001', department: '整形外科' });
      await checkInFirstVisit(a, { name: NAMES[1]!, phone: '13611110002', department: '皮肤美容科' });
    })(),
    (async () => {
      await checkInFirstVisit(b, { name: NAMES[2]!, phone: '13611110003', department: '整形外科' });
      await checkInFirstVisit(b, { name: NAMES[3]!, phone: '13611110004', department: '皮肤美容科' });
    })(),
  ]);
  // Both lists hold all four, and read the same, number for number (two numbers given at once at
  // two desks are told apart the same way on both: 1 and 1B).
  await expect(a.getByTestId('waiting-row')).toHaveCount(4, { timeout: 10_000 });
  await expect(b.getByTestId('waiting-row')).toHaveCount(4, { timeout: 10_000 });
  await expect.poll(async () => JSON.stringify(await waitingList(b)), { timeout: 10_000 }).toBe(JSON.stringify(await waitingList(a)));
  const list = await waitingList(a);
  expect(new Set(list.map((r) => r.split('|')[1])).size, list.join(', ')).toBe(4);
  expect(new Set(list.map((r) => r.split('|')[0])).size, list.join(', ')).toBe(4);
  await shot(a, testInfo, 'rush-01-desk-a');
  await shot(b, testInfo, 'rush-02-desk-b');

  // Desk B's lookup says where desk A's visitor is: 在候 with the number desk A's list shows.
  const chenAtA = list.find((r) => r.endsWith(`|${NAMES[0]!}`))!.split('|')[0]!.replace(/\s*号$/, '');
  await b.getByRole('radio', { name: '复诊（老客户）' }).check();
  await b.keyboard.press('F2');
  await b.keyboard.type('0001');
  await expect(b.getByRole('option', { name: new RegExp(NAMES[0]!) })).toContainText(`在候 ${chenAtA}`);
  await b.keyboard.press('Escape');

  // The displays of both desks, then a call at each desk at the same moment.
  const displayA = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const displayB = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await displayA.goto(`${hostA.url}/display#k=${DISPLAY_KEY}`);
  await displayB.goto(`${hostB.url}/display#k=${DISPLAY_KEY}`);
  await expect(displayA.getByTestId('display-row')).toHaveCount(4);
  await expect(displayB.getByTestId('display-row')).toHaveCount(4);
  await Promise.all([callFromList(a, NAMES[1]!), callFromList(b, NAMES[2]!)]);
  // Both displays show the same call (the later of the two, once both are synced), and the same rows.
  const called = displayA.getByTestId('display-call');
  await expect(called).toHaveText(/^请 \S+ 号 \S+ 到 \S+$/);
  await expect.poll(async () => [await displayA.getByTestId('display-call').textContent(), await displayB.getByTestId('display-call').textContent()].every((t, _, all) => t === all[0]), { timeout: 10_000 }).toBe(true);
  expect(await called.textContent()).toMatch(/刘\*|赵\*/);
  const rowsA = await displayA.getByTestId('display-row').allTextContents();
  await expect.poll(() => displayB.getByTestId('display-row').allTextContents(), { timeout: 10_000 }).toEqual(rowsA);
  await shot(displayA, testInfo, 'rush-03-display-a');
  await shot(displayB, testInfo, 'rush-04-display-b');
});
