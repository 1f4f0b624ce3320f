import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, shot, open, apiAs, firstStaffId, hostClockAt } from './fixtures';
import { setUpClinicAsLead, signIn } from './steps';

/** Friday 2026-11-27, 10:00 in the clinic. */
const FRIDAY_10 = '2026-11-27T02:00:00Z';
hostClockAt(FRIDAY_10);

test('排班: a week entered by keyboard and published, printed for the board; a late sign-in, the fine proposed and confirmed; triage offers only those on shift', async ({ page, host, request }, testInfo) => {
  await page.clock.setFixedTime(new Date(FRIDAY_10));
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');

  const api = await apiAs(request, host, await firstStaffId(request, host), '1234');
  const guide = (await api('staff.add', { name: '张导医', sex: 'F', role: 'guide', departmentId: null, pin: '5678' })) as { id: string };
  const consultant = (await api('staff.add', { name: '李咨询', sex: 'F', role: 'consultant', departmentId: 'plastic-surgery', pin: null })) as { id: string };
  const doctor = (await api('staff.add', { name: '赵医生', sex: 'M', role: 'doctor', departmentId: 'plastic-surgery', pin: null })) as { id: string };
  // Today: the guide and the doctor on shift A (8:00–18:00), the consultant on C (12:00–20:00).
  for (const [staffId, code] of [[guide.id, 'A'], [doctor.id, 'A'], [consultant.id, 'C']] as const) await api('rota.set', { date: '2026-11-27', staffId, code });

  // Next week's rota by keyboard: the guide's row, Monday to Sunday.
  await page.keyboard.press('Alt+8');
  await page.getByRole('tab', { name: '排班' }).click();
  await page.getByRole('button', { name: '下一周' }).click();
  await expect(page.getByRole('heading', { name: '排班表（2026-11-30 起一周）' })).toBeVisible();
  const first = page.getByRole('gridcell', { name: /^张导医 2026-11-30/ });
  await first.focus();
  for (const key of ['a', 'a', 'b', '0', 'c', 'a', 'b']) {
    await page.keyboard.press(key);
    await expect(page.getByText('已保存')).toBeVisible();
  }
  const row = page.getByTestId('rota-row').filter({ hasText: '张导医' });
  await expect(row.getByRole('gridcell')).toHaveText(['A', 'A', 'B', '休', 'C', 'A', 'B']);
  // The last code typed left the focus on Sunday; the arrow key moves it back a day.
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('gridcell', { name: /^张导医 2026-12-05/ })).toBeFocused();
  await page.getByRole('button', { name: '发布' }).click();
  await expect(page.getByText('排班已发布')).toBeVisible();
  await expect(page.getByText(/已发布（王组长/)).toBeVisible();
  await shot(page, testInfo, 'staff-01-rota-week');

  // Printed for the staff board: A4 landscape (test-results/screens/staff-02-rota-print.pdf; pdftoppm makes a PNG to look at).
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ landscape: true, format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const dir = join('test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'staff-02-rota-print.pdf'), new Uint8Array(pdf));
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

  // 10:00: the guide signs in with her own PIN, two hours late; the ¥10 fine is proposed; the lead confirms it.
  await page.getByRole('tab', { name: '签到考勤' }).click();
  const form = page.getByRole('form', { name: '签到 / 签退' });
  await form.getByLabel('人员').selectOption({ label: '张导医 · 导医' });
  await form.getByLabel('本人 PIN').fill('1234');
  await form.getByRole('button', { name: '签到', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('PIN');
  await form.getByLabel('本人 PIN').fill('5678');
  await form.getByRole('button', { name: '签到', exact: true }).click();
  // The host's clock runs on from 10:00, so a minute or two more.
  await expect(page.getByText(/张导医 已签到，迟到 12\d 分钟/)).toBeVisible();
  const att = page.getByTestId('attendance-row').filter({ hasText: '张导医' });
  await expect(att).toContainText('建议罚款：迟到 ¥10');
  await shot(page, testInfo, 'staff-03-sign-in-late');
  await att.getByRole('button', { name: '确认罚款' }).click();
  await expect(att).toContainText('迟到罚款 ¥10 已确认（王组长）');

  // Triage at 10:00: the doctor is on shift, the consultant (12:00–20:00) is not offered.
  await page.keyboard.press('Alt+1');
  await page.getByRole('combobox', { name: '科室', exact: true }).selectOption({ label: '整形外科' });
  const who = page.getByRole('combobox', { name: /咨询师/ });
  await expect(who.locator('option', { hasText: '赵医生' })).toHaveCount(1);
  await expect(who.locator('option', { hasText: '李咨询' })).toHaveCount(0);
  await who.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'staff-04-triage-on-shift');

  // 员工档案: the lead picks the guide (keyboard: the tab, then the person list); her lateness and the confirmed fine.
  await page.keyboard.press('Alt+8');
  await page.getByRole('tab', { name: '员工档案' }).click();
  const fileForm = page.getByRole('form', { name: '员工档案' });
  await fileForm.getByLabel('人员').focus();
  await fileForm.getByLabel('人员').selectOption({ label: '张导医' });
  const file = page.getByRole('region', { name: '张导医的员工档案' });
  await expect(file.getByTestId('file-attendance')).toContainText('迟到 1 次');
  await expect(file.getByTestId('file-attendance')).toContainText('已确认罚款 ¥10');
  for (const h of ['考勤', '检查及结果', '处罚', '涉及的投诉', '服务之星', '请假']) await expect(file.getByRole('heading', { name: h, exact: true })).toBeVisible();
  await shot(page, testInfo, 'staff-07-staff-file');

  // English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('Alt+8');
  await page.getByRole('tab', { name: 'Rota' }).click();
  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(page.getByText(/Published \(王组长/)).toBeVisible();
  await shot(page, testInfo, 'staff-05-rota-week-en');
  await page.getByRole('tab', { name: 'Sign-in' }).click();
  await expect(page.getByTestId('attendance-row').filter({ hasText: '张导医' })).toContainText('Lateness fine ¥10 confirmed');
  await shot(page, testInfo, 'staff-06-sign-in-en');
  await page.getByRole('tab', { name: 'Staff file' }).click();
  await page.getByRole('form', { name: 'Staff file' }).getByLabel('Person').selectOption({ label: '张导医' });
  await expect(page.getByRole('region', { name: 'Staff file of 张导医' }).getByTestId('file-attendance')).toContainText('late: 1 (');
  await shot(page, testInfo, 'staff-08-staff-file-en');
});
