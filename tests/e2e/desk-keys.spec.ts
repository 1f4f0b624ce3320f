import { test, expect, shot, open, apiAs, firstStaffId, hostClockAt } from './fixtures';
import { setUpClinicAsLead, signIn } from './steps';

/** Fri 2026-11-27 09:30 in the clinic; the host is restarted at 11:00 so the 10:00 booking is overdue. */
const CLOCK = '2026-11-27T01:30:00Z';
const LATER = '2026-11-27T03:00:00Z';
hostClockAt(CLOCK);

// Issue 21, "Nothing irreversible by one key": N on today's list asks once (Enter records, Esc
// keeps the row as it was), and a desk lead corrects a no-show with C and a reason, kept on the row.
test('N asks before recording a no-show; a lead corrects it with the reason kept', async ({ page, host, request }, testInfo) => {
  await page.clock.setFixedTime(new Date(CLOCK));
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  const leadId = await firstStaffId(request, host);
  const api = await apiAs(request, host, leadId, '1234');
  await api('appointment.book', { customer: { name: '刘芳', phone: '13600001111' }, source: 'phone', date: '2026-11-27', time: '10:00', serviceItem: '玻尿酸咨询', departmentId: 'plastic-surgery', consultantId: null, note: '' });

  await host.restart(async () => {
    process.env.DAOYI_CLOCK_START = LATER;
  });
  await page.clock.setFixedTime(new Date(LATER));
  await open(page, host.openUrl);
  await signIn(page, '王组长', '1234');
  await page.keyboard.press('F8');
  const list = page.getByRole('listbox', { name: '今日预约' });
  const row = page.getByTestId('appointment-row').filter({ hasText: '刘芳' });
  await expect(row.getByTestId('appointment-state')).toHaveText('已过时间');
  await expect(list).toBeFocused();

  // N: a question, not the deed. Esc leaves her as she was, with the focus back on the list.
  await page.keyboard.press('n');
  const ask = page.getByRole('alertdialog');
  await expect(ask).toContainText('确认 刘芳（10:00）爽约？');
  await expect(ask.getByRole('button', { name: /记为爽约/ })).toBeFocused();
  // Tab stays inside the dialog.
  await page.keyboard.press('Tab');
  await expect(ask.getByRole('button', { name: /返回/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(ask.getByRole('button', { name: /记为爽约/ })).toBeFocused();
  await shot(page, testInfo, 'keys-01-no-show-confirm');
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(list).toBeFocused();
  await expect(row.getByTestId('appointment-state')).toHaveText('已过时间');

  // N, Enter: recorded.
  await page.keyboard.press('n');
  await expect(ask).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText('刘芳 已记为爽约')).toBeVisible();
  await expect(row.getByTestId('appointment-state')).toHaveText('爽约');
  await expect(list).toBeFocused();

  // C (a lead): the correction with its reason; the row says who corrected it and why.
  await page.keyboard.press('c');
  await page.getByLabel('更正原因').fill('客户在候诊区，误按爽约');
  await shot(page, testInfo, 'keys-02-correct-no-show');
  await page.keyboard.press('Enter');
  await expect(page.getByText('已更正：刘芳 不再记为爽约')).toBeVisible();
  await expect(row.getByTestId('appointment-state')).toHaveText('已过时间');
  await expect(row.getByTestId('no-show-corrected')).toHaveText('爽约已由 王组长 更正：客户在候诊区，误按爽约');
  await expect(list).toBeFocused();
  await shot(page, testInfo, 'keys-03-corrected');

  await page.getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('F8');
  await expect(row.getByTestId('no-show-corrected')).toContainText('No-show corrected by 王组长');
  await shot(page, testInfo, 'keys-04-corrected-english');
});
