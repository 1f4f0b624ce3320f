import type { Locator, Page } from '@playwright/test';
import { test, expect, shot, open, apiAs, firstStaffId } from './fixtures';
import { setUpClinicAsLead, setUpHeadOffice, signIn } from './steps';

/**
 * Measured layout (issue 19, "the look"): what a person would see cut off, pushed below the fold
 * or wrapped onto a second line, in Chinese and in English, on the desk's 1366 × 768 screen.
 */

/** The text's width in the element's own font, against the room its box gives (less padding and the picker's button). */
async function textRoom(field: Locator, text: string): Promise<{ text: number; room: number }> {
  return field.evaluate((el: HTMLInputElement, t) => {
    const css = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${css.fontWeight} ${css.fontSize} ${css.fontFamily}`;
    return { text: ctx.measureText(t).width, room: el.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight) };
  }, text);
}

/** One line of the element's own text: its height no more than one line and a half. */
async function lines(el: Locator): Promise<number> {
  return el.evaluate((e) => {
    const css = getComputedStyle(e);
    const line = parseFloat(css.lineHeight) || parseFloat(css.fontSize) * 1.5;
    return Math.round((e.clientHeight - parseFloat(css.paddingTop) - parseFloat(css.paddingBottom)) / line);
  });
}

async function inView(page: Page, el: Locator) {
  const box = (await el.boundingBox())!;
  const height = page.viewportSize()!.height;
  expect(box.y + box.height, `bottom of ${await el.textContent()} at ${Math.round(box.y + box.height)} px, the screen ${height} px`).toBeLessThanOrEqual(height);
}

test('the leave form’s submit, the handover button and the 回电时间 placeholder fit, in Chinese and English', async ({ page, host, request }, testInfo) => {
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');
  const api = await apiAs(request, host, await firstStaffId(request, host), '1234');
  await api('staff.add', { name: '赵网咨', sex: 'F', role: 'onlineConsultant', departmentId: null, pin: '2468' });
  await api('handover.write', { equipment: '叫号屏正常', unresolved: '', staffChanges: '' });
  await open(page, host.openUrl);

  for (const lang of ['zh', 'en'] as const) {
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    // The door: 交接班 with a handover not yet taken over stays one line.
    const handover = page.getByTestId('handover-button');
    await expect(handover).toContainText(lang === 'zh' ? '尚未接班' : 'Handover due');
    expect(await lines(handover), 'the handover button on one line').toBe(1);
    // … and the waiting list's four buttons keep one row beside 候诊.
    const tops = await page.getByTestId('waiting-actions').getByRole('button').evaluateAll((bs) => bs.map((b) => Math.round(b.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThanOrEqual(4);
    expect(new Set(tops).size, `the waiting list's buttons at ${tops.join(', ')} px`).toBe(1);
    await shot(page, testInfo, `layout-01-door-handover-${lang}`);

    // 排班 → 请假: the whole form, its submit button included, on the screen without scrolling.
    await page.getByRole('navigation').getByRole('button', { name: lang === 'zh' ? '排班' : 'Rota' }).click();
    await page.getByRole('tab', { name: lang === 'zh' ? '请假' : 'Leave' }).click();
    const submit = page.getByRole('form').getByRole('button', { name: lang === 'zh' ? '提交申请' : 'Send request' });
    await inView(page, submit);
    await shot(page, testInfo, `layout-02-leave-${lang}`);
    await page.getByRole('navigation').getByRole('button', { name: lang === 'zh' ? '导医台' : 'Desk' }).click();
    if (lang === 'en') await page.getByRole('button', { name: '中文' }).click();
  }

  // 咨询 → 待回电: the 回电时间 field shows its whole example.
  await page.getByRole('button', { name: '换人' }).click();
  await signIn(page, '赵网咨', '2468');
  await page.keyboard.press('Alt+6');
  const form = page.getByTestId('enquiry-form');
  for (const lang of ['zh', 'en'] as const) {
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    await form.getByRole('radio', { name: lang === 'zh' ? '待回电' : 'Call back' }).check();
    const at = form.getByLabel(lang === 'zh' ? '回电时间' : 'Call back at');
    const placeholder = (await at.getAttribute('placeholder'))!;
    expect(placeholder).toMatch(/\d/);
    // The widest example the clock can give: every one-digit number (day, hour) as two.
    const widest = placeholder.replace(/\d+/g, (n) => (n.length === 1 ? `2${n}` : n));
    const { text, room } = await textRoom(at, widest);
    expect(text, `"${widest}" (${Math.round(text)} px) in ${Math.round(room)} px`).toBeLessThanOrEqual(room);
    await shot(page, testInfo, `layout-03-callback-${lang}`);
  }
});

test('参考数据’s tab row stays within its column, in Chinese and English', async ({ page, headOffice, newHost }, testInfo) => {
  const hoHost = await newHost();
  await open(page, hoHost.openUrl);
  await setUpHeadOffice(page, headOffice);
  await signIn(page, '赵总监', '2468');
  await page.getByRole('navigation').getByRole('button', { name: '参考数据' }).click();
  for (const lang of ['zh', 'en'] as const) {
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    const row = page.getByRole('tablist', { name: lang === 'zh' ? '参考数据' : 'Reference data' });
    await expect(row.getByRole('tab')).toHaveCount(7);
    // Under every tab: no tab starts left of the open panel or ends right of it.
    for (const name of await row.getByRole('tab').allTextContents()) {
      await row.getByRole('tab', { name, exact: true }).click();
      const panel = page.getByRole('tabpanel').locator('> *').first();
      await expect(panel).toBeVisible();
      const p = (await panel.boundingBox())!;
      for (const box of await row.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => ({ name: t.textContent, left: t.getBoundingClientRect().left, right: t.getBoundingClientRect().right })))) {
        expect(box.right, `under ${name}: ${box.name} ends at ${Math.round(box.right)} px, the panel at ${Math.round(p.x + p.width)} px`).toBeLessThanOrEqual(p.x + p.width + 0.5);
        expect(box.left, `under ${name}: ${box.name} starts at ${Math.round(box.left)} px, the panel at ${Math.round(p.x)} px`).toBeGreaterThanOrEqual(p.x - 0.5);
      }
    }
    await row.getByRole('tab').first().click();
    await shot(page, testInfo, `layout-04-reference-tabs-${lang}`);
  }
});

test('仪容检查’s status cards count from the go-live day head office sets, and say so', async ({ page, host, request }, testInfo) => {
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');
  const api = await apiAs(request, host, await firstStaffId(request, host), '1234');
  // A go-live day a fortnight on (as head office's 机构与科室 would set it): this week is not owed.
  const day = new Date(host.now().getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
  await api('clinic.setGoLive', { date: day, baseVersion: 0 });
  await page.getByRole('navigation').getByRole('button', { name: '仪容检查' }).click();
  await expect(page.getByTestId('status-card').first()).toContainText('上线前不计');
  await expect(page.getByTestId('status-counts-from')).toContainText('自查与总部检查自上线日期');
  await shot(page, testInfo, 'layout-05-inspection-status-zh');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('status-card').first()).toContainText('not yet owed');
  await expect(page.getByTestId('status-counts-from')).toContainText('count from the go-live day');
  await shot(page, testInfo, 'layout-05-inspection-status-en');
});
