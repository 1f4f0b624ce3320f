import { test, expect, shot, open, apiAs, firstStaffId, hostClockAt } from './fixtures';
import type { Page } from '@playwright/test';
import { setUpClinicAsLead, signIn } from './steps';
import { openStore } from '../../src-main/store/store';

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
  process.env.DAOYI_CLOCK_START = CLOCK; // for the next test's host
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

/** The name a screen reader gives the focused control (its label without the required mark). */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el) return '';
    const label = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
    return `${el.tagName.toLowerCase()}${el.type === 'radio' ? ':radio' : ''} ${label.replace('*', '').trim()}`;
  });
}

// Issue 21, "The keyboard flow": the check-in form by keyboard alone.
test('the check-in form by Tab: one stop for age or birth date, focus after a pick and after F8, F2 and F8 everywhere', async ({ page, host, request }, testInfo) => {
  await page.clock.setFixedTime(new Date(CLOCK));
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  const leadId = await firstStaffId(request, host);
  const api = await apiAs(request, host, leadId, '1234');
  const lili = await api('desk.checkIn', {
    customer: { new: { name: '李丽', sex: 'F', birthDate: null, age: 41, phone: '13500003333', address: '', source: 'referral', directed: {} } },
    visit: { hasAppointment: false, intention: '咨询', concerns: '', course: '', history: '', departmentId: 'plastic-surgery', consultantId: null, appointmentId: null },
  });
  await api('visits.cancel', { visitId: lili.id, reason: '建档，非到诊' });
  await api('staff.add', { name: '李咨询', sex: 'F', role: 'consultant', departmentId: 'plastic-surgery', pin: null });
  await api('appointment.book', { customer: { name: '刘芳', phone: '13600001111' }, source: 'phone', date: '2026-11-27', time: '10:30', serviceItem: '玻尿酸咨询', departmentId: 'plastic-surgery', consultantId: null, note: '' });
  await signIn(page, '王组长', '1234');

  // A first visit, Tab by Tab from 初诊: the birth date is one stop, so the phone gets the phone.
  await page.getByRole('radio', { name: '初诊（第一次来）' }).check();
  const order: string[] = [];
  for (let i = 0; i < 9; i++) {
    await page.keyboard.press('Tab');
    order.push(await focusedName(page));
  }
  expect(order).toEqual([
    'input:radio 有预约',
    'input 姓名',
    'input:radio 女',
    'input 年龄或出生日期',
    'input 电话',
    'select 媒体来源',
    'input 地址（选填）',
    'button 一般性登记',
    'button 定向性登记（选填，敏感信息）',
  ]);
  await page.getByLabel('年龄或出生日期').focus();
  await page.keyboard.type('19850312');
  await page.keyboard.press('Tab');
  await page.keyboard.type('13811112222');
  await expect(page.getByLabel('电话')).toHaveValue('13811112222');
  await expect(page.getByLabel('年龄或出生日期')).toHaveValue('19850312');
  await shot(page, testInfo, 'keys-05-first-visit-birth');
  // Sent: 19850312 is her birth date (41 on 2026-11-27), not an age.
  await page.getByRole('radio', { name: '无预约' }).check();
  await page.getByRole('textbox', { name: '姓名' }).fill('陈静');
  await page.getByRole('radio', { name: '女', exact: true }).check();
  await page.getByLabel('媒体来源').selectOption({ label: '网络' });
  await page.getByLabel('就诊意向 / 项目').fill('咨询');
  await page.getByRole('combobox', { name: '科室', exact: true }).selectOption({ label: '整形外科' });
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('已登记：陈静')).toBeVisible();
  const [chen] = (await api('customer.search', { query: '陈静', limit: 1 })) as unknown as { age: number }[];
  expect(chen?.age).toBe(41);

  // A returning customer: F2, pick, and the focus goes on to 有预约/无预约 (not chosen yet).
  await page.getByRole('radio', { name: '复诊（老客户）' }).check();
  await page.keyboard.press('F2');
  await page.keyboard.type('ll');
  await expect(page.getByRole('option', { name: /李丽/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chosen-customer')).toContainText('李丽');
  await expect(page.getByRole('radio', { name: '有预约' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '无预约' })).toBeChecked();
  await shot(page, testInfo, 'keys-06-returning-picked');
  await page.getByRole('button', { name: '清空' }).click();

  // F8 from another screen; Enter on a booking not on file: the form, focus in the first empty field.
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('listbox', { name: '今日预约' })).toHaveCount(0);
  await page.keyboard.press('F8');
  await expect(page.getByRole('listbox', { name: '今日预约' })).toBeVisible();
  await page.getByRole('listbox', { name: '今日预约' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: '姓名' })).toHaveValue('刘芳');
  await expect(page.getByRole('radio', { name: '女', exact: true })).toBeFocused();

  // F2 on 预约登记 goes to its lookup.
  await page.getByRole('button', { name: '清空' }).click();
  await page.getByRole('tab', { name: '预约登记' }).click();
  await page.keyboard.press('F2');
  await page.keyboard.type('ll');
  await expect(page.getByRole('option', { name: /李丽/ })).toBeVisible();
  await shot(page, testInfo, 'keys-07-book-f2');
  // The booking form's selects jump by pinyin initials too (issue 21).
  await page.getByRole('combobox', { name: '科室', exact: true }).focus();
  await page.keyboard.type('zx');
  await expect(page.getByRole('combobox', { name: '科室', exact: true })).toHaveValue('plastic-surgery');

  // Department and consultant by pinyin initials: zx → 整形外科, lzx → 李咨询.
  await page.getByRole('tab', { name: '登记与分诊' }).click();
  await page.getByRole('radio', { name: '初诊（第一次来）' }).check();
  await page.getByRole('combobox', { name: '科室', exact: true }).focus();
  await page.keyboard.type('zx');
  await expect(page.getByRole('combobox', { name: '科室', exact: true })).toHaveValue('plastic-surgery');
  await page.keyboard.press('Tab');
  await page.keyboard.type('lzx');
  await expect(page.getByLabel('咨询师 / 医生').locator('option:checked')).toHaveText('李咨询 · 咨询师');
  await page.getByRole('button', { name: '清空' }).click();

  // The operator switch: initials filter the names (wz: 王组长), Enter moves to the PIN.
  await page.getByRole('button', { name: '换人' }).click();
  await page.keyboard.type('wz');
  await expect(page.getByRole('button', { name: /王组长/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /李丽|李咨询/ })).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('PIN')).toBeFocused();
  await page.keyboard.type('1234');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('operator')).toHaveText(/王组长/);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('tab', { name: 'Check-in' }).click();
  await page.getByRole('radio', { name: /First visit/ }).check();
  await shot(page, testInfo, 'keys-08-first-visit-english');
});

/** A check-in of a new visitor by the API (the screens' own steps are tested above). */
function firstVisitInput(name: string, phone: string) {
  return {
    customer: { new: { name, sex: 'F', birthDate: null, age: 30, phone, address: '', source: 'referral', directed: {} } },
    visit: { hasAppointment: false, intention: '咨询', concerns: '', course: '', history: '', departmentId: 'plastic-surgery', consultantId: null, appointmentId: null },
  };
}

// Issue 21, "Merging duplicate customers keeps both of their visits of the same day": two records of
// one person (two offline desks) each with a visit today. Enter in 重复档案 asks once (Esc keeps both),
// then asks whether to fold the day's visits (合并当天来访); the board shows her once. A lead's 撤销合并,
// with a reason, brings back both records and both visits.
test('重复档案: Enter asks once, the day’s two visits fold into one; 撤销合并 with a reason brings both back', async ({ page, host, request }, testInfo) => {
  await page.clock.setFixedTime(new Date(CLOCK));
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  let api = await apiAs(request, host, await firstStaffId(request, host), '1234');
  const first = (await api('desk.checkIn', firstVisitInput('张晓梅', '13912345678'))) as unknown as { customerId: string };
  // The other desk's record of her, as replication brings it (a copy under another id and name).
  await host.restart(async () => {
    const store = await openStore(host.dataDir);
    try {
      const { _rev: _r, ...body } = await store.db.get<Record<string, unknown>>(first.customerId);
      const at = new Date(Date.parse(CLOCK) + 60_000).toISOString();
      await store.db.put({ ...body, _id: 'customer:BJ:twine2e', name: '张小梅', createdAt: at, updatedAt: at });
    } finally {
      await store.close();
    }
  });
  api = await apiAs(request, host, await firstStaffId(request, host), '1234');
  const twinInput = firstVisitInput('张小梅', '13912345678');
  await api('desk.checkIn', { customer: { id: 'customer:BJ:twine2e' }, visit: { ...twinInput.visit, intention: '水光针' } });

  await open(page, host.openUrl);
  await signIn(page, '王组长', '1234');
  const rows = page.getByTestId('waiting-row');
  await expect(rows).toHaveCount(2);

  await page.keyboard.press('F8');
  await page.getByRole('tab', { name: '重复档案' }).click();
  const list = page.getByRole('listbox', { name: '重复档案' });
  await expect(page.getByTestId('duplicate-row')).toHaveCount(2);
  await list.focus();
  // Enter: a question saying what the merge will do, not the merge. Esc keeps both records.
  await page.keyboard.press('Enter');
  const ask = page.getByRole('alertdialog');
  await expect(ask).toContainText('保留「张晓梅」这份档案并合并其余档案？');
  await expect(ask.getByRole('button', { name: '合并 Enter' })).toBeFocused();
  await shot(page, testInfo, 'keys-09-merge-confirm');
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(list).toBeFocused();
  await expect(page.getByTestId('duplicate-row')).toHaveCount(2);

  // Enter, Enter: merged; then the day's two visits: 合并为一次.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(ask).toContainText('两份档案有 1 天各登记了一次到诊：合并为一次吗？');
  await expect(ask).toContainText('2026-11-27');
  await shot(page, testInfo, 'keys-10-fold-ask');
  await expect(ask.getByRole('button', { name: /合并为一次/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText(/^已合并，转移记录 \d+ 条，合并到诊 1 次$/)).toBeVisible();
  await expect(page.getByTestId('duplicate-row')).toHaveCount(0);
  const merge = page.getByTestId('merge-row');
  await expect(merge).toContainText('张小梅 → 张晓梅');
  await page.keyboard.press('Alt+1');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('张晓梅');

  // 撤销合并 (a lead): the reason is required; asked once; both records and both visits are back.
  await page.keyboard.press('F8');
  await page.getByRole('tab', { name: '重复档案' }).click();
  await merge.getByRole('button', { name: '撤销合并' }).click();
  await merge.getByRole('button', { name: '撤销合并' }).click();
  await expect(merge.getByText('必填')).toBeVisible();
  await merge.getByLabel('撤销原因').fill('不是同一个人，姐妹共用电话');
  await expect(merge.getByText('必填')).toHaveCount(0);
  await merge.getByRole('button', { name: '撤销合并' }).click();
  await expect(ask).toContainText('撤销合并，恢复「张小梅」的档案？');
  await expect(ask).toContainText('重新分开');
  await shot(page, testInfo, 'keys-11-unmerge-confirm');
  await page.keyboard.press('Enter');
  await expect(page.getByText(/^已撤销合并，转回记录 \d+ 条$/)).toBeVisible();
  await expect(merge).toContainText('已撤销');
  await expect(merge).toContainText('不是同一个人，姐妹共用电话');
  await expect(page.getByTestId('duplicate-row')).toHaveCount(2);
  await shot(page, testInfo, 'keys-12-unmerged');
  // The banner follows a switch of language (it stayed in Chinese, issue 19), and back.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByText(/^Merge undone, \d+ records? moved back$/)).toBeVisible();
  await expect(page.getByText(/已撤销合并/)).toHaveCount(0);
  await shot(page, testInfo, 'keys-12-unmerged-english');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByText(/^已撤销合并，转回记录 \d+ 条$/)).toBeVisible();
  await page.keyboard.press('Alt+1');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: '张小梅' })).toHaveCount(1);
  // Her visit's history still shows the fold's 作废（合并）, marked withdrawn (who, when, why), and the withdrawal.
  await rows.filter({ hasText: '张小梅' }).focus();
  await page.keyboard.press('Enter');
  const history = page.getByTestId('visit-actions').getByTestId('visit-history');
  await expect(history.locator('li[data-withdrawn]')).toHaveCount(1);
  await expect(history.locator('li[data-withdrawn]')).toContainText('王组长：作废 · 合并');
  await expect(history.locator('li[data-withdrawn]')).toContainText(/已撤回（王组长，\d{2}:\d{2}，原因：不是同一个人，姐妹共用电话）/);
  await expect(history).toContainText('王组长：撤回（撤销合并） · 不是同一个人，姐妹共用电话');
  await shot(page, testInfo, 'keys-12b-history-withdrawn');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(history.locator('li[data-withdrawn]')).toContainText(/withdrawn \(王组长, \d{2}:\d{2}, reason: 不是同一个人，姐妹共用电话\)/);
  await history.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'keys-12c-history-withdrawn-english');
  await page.keyboard.press('Escape');
  await page.keyboard.press('F8');
  await page.getByRole('tab', { name: 'Duplicates' }).click();
  await expect(merge).toContainText('Undone');
  await shot(page, testInfo, 'keys-13-merges-english');
});

// Issue 21 (stop 28): 今日预约 has a 日期 field, so a lead corrects yesterday's no-show with C the
// next morning; the row then reads 爽约已更正 with who corrected it and why.
test('a past day in 今日预约: yesterday’s no-show corrected with C, the reason kept', async ({ page, host, request }, testInfo) => {
  await page.clock.setFixedTime(new Date(CLOCK));
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  const leadId = await firstStaffId(request, host);
  let api = await apiAs(request, host, leadId, '1234');
  const booked = (await api('appointment.book', { customer: { name: '刘芳', phone: '13600001111' }, source: 'phone', date: '2026-11-27', time: '10:00', serviceItem: '玻尿酸咨询', departmentId: 'plastic-surgery', consultantId: null, note: '' })) as unknown as { id: string };
  // 11:00: the other desk records her as a no-show.
  await host.restart(async () => {
    process.env.DAOYI_CLOCK_START = LATER;
  });
  api = await apiAs(request, host, leadId, '1234');
  await api('appointment.markNoShow', { id: booked.id });
  // The next morning, Sat 09:30.
  const NEXT = '2026-11-28T01:30:00Z';
  await host.restart(async () => {
    process.env.DAOYI_CLOCK_START = NEXT;
  });
  process.env.DAOYI_CLOCK_START = CLOCK; // for the next test's host
  await page.clock.setFixedTime(new Date(NEXT));
  await open(page, host.openUrl);
  await signIn(page, '王组长', '1234');
  await page.keyboard.press('F8');
  await expect(page.getByText('今天没有预约')).toBeVisible();
  await page.getByLabel('日期', { exact: true }).fill('2026-11-27');
  const list = page.getByRole('listbox', { name: '今日预约' });
  const row = page.getByTestId('appointment-row').filter({ hasText: '刘芳' });
  await expect(row.getByTestId('appointment-state')).toHaveText('爽约');
  await expect(page.getByText(/往日的预约只供查看/)).toBeVisible();
  await list.focus();
  // C: the reason is required before anything is written.
  await page.keyboard.press('c');
  await expect(page.getByLabel('更正原因')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('correct-no-show').getByText('必填')).toBeVisible();
  await expect(row.getByTestId('appointment-state')).toHaveText('爽约');
  await page.getByLabel('更正原因').fill('客户当天来电改约，未及时登记');
  await expect(page.getByTestId('correct-no-show').getByText('必填')).toHaveCount(0); // said only while true
  await shot(page, testInfo, 'keys-14-past-day-correct');
  await page.keyboard.press('Enter');
  await expect(page.getByText('已更正：刘芳 不再记为爽约')).toBeVisible();
  await expect(row.getByTestId('appointment-state')).toHaveText('爽约已更正');
  await expect(row.getByTestId('no-show-corrected')).toHaveText('爽约已由 王组长 更正：客户当天来电改约，未及时登记');
  await expect(list).toBeFocused();
  // C again on a corrected row does nothing: one correction, kept.
  await page.keyboard.press('c');
  await expect(page.getByTestId('correct-no-show')).toHaveCount(0);
  await shot(page, testInfo, 'keys-15-past-day-corrected');
  // Back to today: the day field goes back, the past row is gone.
  await page.getByRole('button', { name: '回到今天' }).click();
  await expect(row).toHaveCount(0);

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByLabel('Date', { exact: true }).fill('2026-11-27');
  await expect(row.getByTestId('no-show-corrected')).toContainText('No-show corrected by 王组长');
  await expect(page.getByText('已更正：刘芳 不再记为爽约')).toHaveCount(0); // no Chinese report left on the English screen
  await shot(page, testInfo, 'keys-16-past-day-english');
});
