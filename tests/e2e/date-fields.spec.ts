import { test, expect, shot, open, hostClockAt } from './fixtures';
import type { Locator } from '@playwright/test';
import { setUpClinicAsLead, signIn } from './steps';

/** The host's clock starts at Fri 2026-11-27 09:30 in the clinic (and the page's), so "today" is fixed. */
const CLOCK = '2026-11-27T01:30:00Z';
hostClockAt(CLOCK);

// Chromium's own <input type="date"/"month"> follows the system's language ("November 2026",
// 11/27/2026 on a Chinese desk); ui/DateField and ui/MonthField write the app's (issue 19).
test('days and months read in the app’s language: typed, stepped with the arrows, picked from the calendar; the month summary’s header on one row', async ({ page, host }, testInfo) => {
  await page.clock.setFixedTime(new Date(CLOCK));
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');

  // 今日预约's day.
  await page.keyboard.press('F8');
  const day = page.getByTestId('appointment-day');
  await expect(day).toHaveValue('2026年11月27日');
  await day.fill('2026-11-25'); // typed in full: taken at once, as the native input did
  await expect(page.getByRole('heading', { name: '2026年11月25日的预约 0 位' })).toBeVisible();
  await day.press('ArrowUp'); // a day on
  await day.blur();
  await expect(day).toHaveValue('2026年11月26日');
  await day.press('ArrowUp');
  await day.press('ArrowUp'); // not past today: the list's max
  await expect(day).toHaveValue('2026年11月27日');
  await day.fill('2026/11/3');
  await expect(day).toHaveValue('2026/11/3'); // not yet taken: Enter takes it
  await day.press('Enter');
  await day.blur();
  await expect(day).toHaveValue('2026年11月3日');
  await day.fill('2026-02-30'); // not a day
  await expect(day).toHaveAttribute('aria-invalid', 'true');
  await day.blur();
  await expect(day).toHaveValue('2026年11月3日'); // put back
  await expect(day).not.toHaveAttribute('aria-invalid');

  // The calendar: Alt+↓ opens it on the day, arrows move, Enter picks; a day after today cannot be picked.
  await day.focus();
  await day.press('Alt+ArrowDown');
  const popup = page.getByTestId('calendar-popup');
  await expect(popup).toBeVisible();
  await expect(popup.getByRole('grid', { name: '2026年11月' })).toBeVisible();
  await expect(popup.getByRole('button', { name: '2026年11月3日' })).toBeFocused();
  await expect(popup.getByRole('columnheader')).toHaveText(['一', '二', '三', '四', '五', '六', '日']);
  await page.keyboard.press('ArrowDown'); // a week on
  await shot(page, testInfo, 'date-01-calendar');
  await page.keyboard.press('Enter');
  await expect(popup).toBeHidden();
  await expect(day).toBeFocused();
  await expect(day).toHaveValue('2026年11月10日');
  await day.press('Alt+ArrowDown');
  await page.keyboard.press('PageDown'); // December: after today
  await expect(popup.getByRole('grid', { name: '2026年12月' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(popup).toBeVisible(); // 2026-12-10 is after today: not taken
  await page.keyboard.press('Escape');
  await expect(popup).toBeHidden();
  await expect(day).toHaveValue('2026年11月10日');
  await page.getByTestId('appointment-day').locator('xpath=..').getByRole('button', { name: '打开日历' }).click();
  await popup.getByRole('button', { name: '今天' }).click();
  await expect(day).toHaveValue('2026年11月27日');

  // The inspection month: 2026年11月, and the header's buttons on one row at 1366×768.
  await page.getByRole('navigation').getByRole('button', { name: '仪容检查' }).click();
  await page.getByRole('tab', { name: '本月汇总' }).click();
  const month = page.getByRole('textbox', { name: '选择月份' });
  await expect(month).toHaveValue('2026年11月');
  await month.fill('2026-10');
  await expect(month).toHaveValue('2026-10');
  await month.blur();
  await expect(month).toHaveValue('2026年10月');
  await month.press('ArrowUp');
  await expect(month).toHaveValue('2026年11月');
  await month.press('Alt+ArrowDown');
  await expect(popup.getByRole('gridcell', { name: '2026年11月' })).toBeFocused();
  await shot(page, testInfo, 'date-02-month-calendar');
  await page.keyboard.press('Escape');
  const top = async (name: string) => (await page.getByRole('button', { name }).boundingBox())!.y;
  const monthTop = (await month.boundingBox())!.y;
  for (const name of ['打印本月汇总', '导出 Excel']) expect(Math.abs((await top(name)) - monthTop)).toBeLessThan(12);
  await shot(page, testInfo, 'date-03-month-summary');

  // The go-live day (上线日期), apart from set-up: the lead sets it in 设置 with the same field; 每周自查 counts from it.
  await page.getByRole('navigation').getByRole('button', { name: '设置' }).click();
  const goLive = page.getByTestId('go-live');
  await expect(page.getByTestId('go-live-state')).toHaveText('上线日期：未设置 · 每周自查从 2026年11月27日 起计');
  await goLive.getByLabel('上线日期').fill('2026-11-20'); // before the set-up day: the field's min
  await expect(goLive.getByLabel('上线日期')).toHaveAttribute('aria-invalid', 'true');
  await goLive.getByLabel('上线日期').fill('2026-12-07');
  await goLive.getByRole('button', { name: '保存上线日期' }).click();
  await expect(page.getByTestId('go-live-state')).toContainText('上线日期 2026年12月7日（第 1 版，王组长 于 2026-11-27');
  await expect(page.getByTestId('go-live-state')).toContainText('每周自查从 2026年12月7日 起计');
  await shot(page, testInfo, 'date-06-go-live');
  // A day and a time (ui/DateTimeField, where a datetime-local stood): the leave form's 开始.
  await page.getByRole('navigation').getByRole('button', { name: '排班' }).click();
  await page.getByRole('tab', { name: '请假' }).click();
  const start = page.getByRole('textbox', { name: '开始' });
  const selected = () => start.evaluate((el: HTMLInputElement) => el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0));
  await expect(start).toHaveAttribute('placeholder', '如 2026年11月27日 9:30'); // the clock's next quarter hour
  await start.fill('2026-12-04 09:30'); // typed in full: taken at once
  await start.blur();
  await expect(start).toHaveValue('2026年12月4日 9:30');
  await start.fill('2026年12月4日 14:07');
  await start.press('ArrowUp'); // the caret in the minutes: on to the next five
  await expect(start).toHaveValue('2026年12月4日 14:10');
  expect(await selected()).toBe('10'); // the part stepped is selected, as the native field did
  await start.press('ArrowUp');
  await expect(start).toHaveValue('2026年12月4日 14:15');
  await start.press('Home'); // the caret in the day: a day on
  await start.press('ArrowUp');
  await expect(start).toHaveValue('2026年12月5日 14:15');
  expect(await selected()).toBe('2026年12月5日');
  await start.press('End');
  await start.press('ArrowLeft');
  await start.press('ArrowLeft');
  await start.press('ArrowLeft'); // in the hour
  await start.press('ArrowDown');
  await expect(start).toHaveValue('2026年12月5日 13:15');
  expect(await selected()).toBe('13');
  await start.fill('2026-12-04'); // a day without a time
  await expect(start).toHaveAttribute('aria-invalid', 'true');
  await start.blur();
  await expect(start).toHaveValue('2026年12月5日 13:15'); // put back
  await expect(start).not.toHaveAttribute('aria-invalid');
  // The calendar with its time: Alt+↓, arrows, Enter takes the day to the time box, Enter there takes both.
  await start.focus();
  await start.press('Alt+ArrowDown');
  await expect(popup.getByRole('grid', { name: '2026年12月' })).toBeVisible();
  await expect(popup.getByRole('button', { name: '2026年12月5日' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const timeBox = popup.getByRole('textbox', { name: '时间' });
  await expect(timeBox).toBeFocused();
  await expect(timeBox).toHaveValue('13:15');
  await page.keyboard.type('9:4');
  await expect(timeBox).toHaveAttribute('aria-invalid', 'true');
  await expect(popup.getByRole('button', { name: '确定' })).toBeDisabled();
  await page.keyboard.type('5');
  await expect(timeBox).not.toHaveAttribute('aria-invalid');
  await timeBox.press('ArrowUp'); // the caret in the minutes
  await expect(timeBox).toHaveValue('9:50');
  await shot(page, testInfo, 'date-07-datetime-calendar');
  await page.keyboard.press('Enter');
  await expect(popup).toBeHidden();
  await expect(start).toBeFocused();
  await expect(start).toHaveValue('2026年12月6日 9:50');
  // By mouse: open, click a day, 确定.
  await start.locator('xpath=..').getByRole('button', { name: '打开日历' }).click();
  await popup.getByRole('button', { name: '2026年12月8日' }).click();
  await popup.getByRole('button', { name: '确定' }).click();
  await expect(start).toHaveValue('2026年12月8日 9:50');
  await shot(page, testInfo, 'date-08-datetime-leave');

  await page.getByRole('navigation').getByRole('button', { name: '仪容检查' }).click();
  await page.getByRole('tab', { name: '本月汇总' }).click();

  // English: the same fields in English.
  await page.getByRole('button', { name: 'English' }).click();
  const monthEn = page.getByRole('textbox', { name: 'Choose the month' });
  await expect(monthEn).toHaveValue('November 2026');
  for (const name of ['Print the month', 'Export Excel']) expect(Math.abs((await top(name)) - (await monthEn.boundingBox())!.y)).toBeLessThan(12);
  await monthEn.press('Alt+ArrowDown');
  await expect(popup.getByRole('gridcell', { name: 'November 2026' })).toBeFocused();
  await shot(page, testInfo, 'date-04-month-calendar-en');
  await page.keyboard.press('Escape');
  await page.keyboard.press('F8');
  await expect(day).toHaveValue('27 Nov 2026');
  // The English heading and its keys' hint each on one line (issue 19), neither cut: the hint fits whole.
  const heading = page.getByTestId('appointments-heading');
  const hint = page.getByTestId('appointments-hint');
  await expect(heading).toHaveText('Today’s appointments: 0');
  expect((await heading.boundingBox())!.height).toBeLessThan(40); // one line of text-lg
  expect((await hint.boundingBox())!.height).toBeLessThan(30); // one line of text-sm
  expect(await hint.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await day.press('Alt+ArrowDown');
  await expect(popup.getByRole('columnheader')).toHaveText(['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']);
  await shot(page, testInfo, 'date-05-calendar-en');
  await page.keyboard.press('Escape');

  // The day and time in English: 10 Dec 2026 08:05, the calendar's time box and OK.
  await page.getByRole('navigation').getByRole('button', { name: 'Rota' }).click();
  await page.getByRole('tab', { name: 'Leave' }).click();
  const startEn = page.getByRole('textbox', { name: 'From' });
  await expect(startEn).toHaveAttribute('placeholder', 'e.g. 27 Nov 2026 09:30'); // the form starts anew after leaving the screen
  await startEn.fill('10 Dec 2026 8:05');
  await startEn.blur();
  await expect(startEn).toHaveValue('10 Dec 2026 08:05');
  await startEn.press('End');
  await startEn.press('ArrowDown'); // the minutes, back to the five before
  await expect(startEn).toHaveValue('10 Dec 2026 08:00');
  await startEn.press('Alt+ArrowDown');
  await expect(popup.getByRole('grid', { name: 'Dec 2026' })).toBeVisible();
  await page.keyboard.press('ArrowDown'); // a week on
  await page.keyboard.press('Enter');
  await expect(popup.getByRole('textbox', { name: 'Time' })).toBeFocused();
  await expect(popup.getByRole('textbox', { name: 'Time' })).toHaveValue('08:00');
  await page.keyboard.type('16:30');
  await shot(page, testInfo, 'date-09-datetime-calendar-en');
  await popup.getByRole('button', { name: 'OK' }).click();
  await expect(startEn).toHaveValue('17 Dec 2026 16:30');
  await shot(page, testInfo, 'date-10-datetime-leave-en');
});

/** The text box's text fits it (nothing cut at its right edge, as 「2026年11月28E」 was). */
async function fits(field: Locator): Promise<{ scroll: number; client: number }> {
  return field.evaluate((el: HTMLInputElement) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
}

// 预约登记's 日期 sat in a quarter of the form at 1366×768 and showed 「2026年11月28E」 (issue 19).
test('the booking form’s day is not cut at 1366×768, and its time is 24-hour, typed and stepped, in zh-CN and English', async ({ page, host }, testInfo) => {
  await page.clock.setFixedTime(new Date(CLOCK));
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');
  await page.getByRole('tab', { name: '预约登记' }).click();
  const form = page.getByRole('form', { name: '预约登记' });
  const day = form.getByRole('textbox', { name: '日期' });
  await expect(day).toHaveValue('2026年11月28日'); // tomorrow
  await day.fill('2026-12-28'); // the widest day of the year
  await day.blur();
  await expect(day).toHaveValue('2026年12月28日');
  const zh = await fits(day);
  expect(zh.scroll, `${zh.scroll} > ${zh.client}`).toBeLessThanOrEqual(zh.client);
  await shot(page, testInfo, 'date-11-booking-day');

  // 时间 (ui/TimeField, where Chromium's time input showed 「10:00 AM」): 24-hour, typed and stepped.
  const time = form.getByRole('textbox', { name: '时间' });
  const selected = () => time.evaluate((el: HTMLInputElement) => el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0));
  await expect(time).toHaveValue('10:00');
  await time.fill('930'); // may become 9301…: taken on leaving
  await expect(time).toHaveValue('930');
  await time.blur();
  await expect(time).toHaveValue('09:30');
  await time.fill('14:07'); // typed in full: taken at once
  await time.press('ArrowUp'); // the caret after the minutes: on to the next five
  await expect(time).toHaveValue('14:10');
  expect(await selected()).toBe('10');
  await time.press('Home'); // in the hour
  await time.press('ArrowUp');
  await expect(time).toHaveValue('15:10');
  expect(await selected()).toBe('15');
  await time.press('ArrowDown');
  await time.press('ArrowDown');
  await expect(time).toHaveValue('13:10');
  // 25:00 is no time: the field says so, keeps what was typed, and the form refuses it by name, writing nothing.
  await form.getByRole('textbox', { name: '姓名' }).fill('孙悦');
  await form.getByRole('textbox', { name: '电话' }).fill('13800001234');
  await form.getByLabel('项目').fill('光子嫩肤');
  await form.getByRole('combobox', { name: '科室' }).selectOption({ label: '整形外科' });
  await time.fill('25:00');
  await expect(time).toHaveAttribute('aria-invalid', 'true');
  await time.blur();
  await expect(time).toHaveValue('25:00');
  await form.getByRole('button', { name: /保存预约/ }).click();
  await expect(time).toHaveAccessibleDescription('时间格式为 时：分，如 09:30');
  await expect(time).toBeFocused();
  await expect(form.getByText(/^已预约/)).toHaveCount(0);
  await shot(page, testInfo, 'date-13-booking-time-refused');
  await time.fill('1530'); // four figures: taken at once
  await time.blur();
  await expect(time).toHaveValue('15:30');
  await form.getByRole('button', { name: /保存预约/ }).click();
  await expect(form.getByText('已预约：孙悦 2026-12-28 15:30')).toBeVisible();
  await expect(time).toHaveValue('10:00'); // the form starts anew

  // The day in the other narrow places: 今日排班's 日期 (a fixed width) and 离岗记录's (a third of its panel).
  const widest = async (field: Locator, text: string) => {
    await field.fill(text); // the widest day as shown
    const w = await fits(field);
    expect(w.scroll, `${text}: ${w.scroll} > ${w.client}`).toBeLessThanOrEqual(w.client);
    await field.press('Escape');
  };
  await page.getByRole('tab', { name: '今日排班' }).click();
  await widest(page.getByRole('textbox', { name: '日期' }), '2026年12月28日');
  await page.getByRole('navigation').getByRole('button', { name: '排班' }).click();
  await page.getByRole('tab', { name: '离岗记录' }).click();
  await widest(page.getByRole('textbox', { name: '日期' }), '2026年12月28日');
  const awayDay = (await page.getByRole('textbox', { name: '日期' }).boundingBox())!;
  const awayFrom = (await page.getByRole('textbox', { name: '离岗时间' }).boundingBox())!;
  expect(awayDay.x + awayDay.width).toBeLessThanOrEqual(awayFrom.x); // side by side, not over the time
  await shot(page, testInfo, 'date-15-away-day');
  await page.getByRole('navigation').getByRole('button', { name: '导医台' }).click();
  await page.getByRole('tab', { name: '预约登记' }).click();

  await page.getByRole('button', { name: 'English' }).click();
  const dayEn = page.getByRole('form', { name: 'Book' }).getByRole('textbox', { name: 'Date' });
  await dayEn.fill('2026-12-28'); // the form started anew on coming back
  await dayEn.blur();
  await expect(dayEn).toHaveValue('28 Dec 2026');
  const en = await fits(dayEn);
  expect(en.scroll, `${en.scroll} > ${en.client}`).toBeLessThanOrEqual(en.client);
  await shot(page, testInfo, 'date-12-booking-day-en');
  const timeEn = page.getByRole('form', { name: 'Book' }).getByRole('textbox', { name: 'Time' });
  await expect(timeEn).toHaveValue('10:00');
  await expect(timeEn).toHaveAttribute('placeholder', 'e.g. 09:30');
  await timeEn.fill('1705');
  await timeEn.press('End');
  await timeEn.press('ArrowDown'); // the minutes, back to the five before
  await expect(timeEn).toHaveValue('17:00');
  expect(await timeEn.evaluate((el: HTMLInputElement) => el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0))).toBe('00');
  await timeEn.press('Home');
  await timeEn.press('ArrowUp');
  await expect(timeEn).toHaveValue('18:00'); // not 06:00 PM
  await timeEn.fill('9:60');
  await expect(timeEn).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('form', { name: 'Book' }).getByRole('button', { name: /Save appointment/ }).click();
  await expect(timeEn).toHaveAccessibleDescription(/\S/);
  await expect(timeEn).not.toHaveAccessibleDescription(/[\u4e00-\u9fff]/);
  await shot(page, testInfo, 'date-14-booking-time-en');
});
