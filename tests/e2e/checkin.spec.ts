import { test, expect, shot, open, apiAs, firstStaffId } from './fixtures';
import { setUpClinicAsLead, signIn } from './steps';

test('set-up, operator PIN, check-in, draft, restart: a first morning at the door', async ({ page, host }, testInfo) => {
  // Without the per-run key the page cannot reach the host.
  await page.goto(host.url);
  await expect(page.getByText('未连接到导医台服务')).toBeVisible();
  await shot(page, testInfo, '00-no-key');

  // First start: the set-up screen.
  await open(page, host.openUrl);
  await expect(page.getByRole('heading', { name: '首次使用：设置本院与本台' })).toBeVisible();
  // It welcomes first (issue 19): the logo and what the set-up takes.
  await expect(page.getByTestId('welcome')).toContainText('欢迎使用导医台');
  await expect(page.getByTestId('welcome').locator('img')).toHaveJSProperty('complete', true);
  expect(await page.getByTestId('welcome').locator('img').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0); // the SVG loads under the CSP
  await shot(page, testInfo, '00b-welcome');
  // The app's own Chinese font draws the screen, whatever the PC has installed (this machine has no CJK font).
  const ownFont = await page.evaluate(async () => {
    await document.fonts.ready;
    let loaded = false;
    document.fonts.forEach((face) => {
      if (face.family.replace(/['"]/g, '') === 'Noto Sans SC' && face.status === 'loaded') loaded = true;
    });
    return loaded;
  });
  expect(ownFont).toBe(true);
  await page.getByRole('button', { name: '完成设置' }).click();
  await expect(page.getByText('2-4 个大写字母，如 BJ')).toBeVisible();
  await shot(page, testInfo, '01-setup-errors');
  await page.getByLabel('院简称').fill('bj');
  await page.getByLabel('机构名称').fill('北京整形美容医院');
  await page.getByLabel('姓名').fill('王组长');
  await page.getByLabel('PIN（4-8 位数字）').fill('1234');
  await page.getByLabel('再次输入 PIN').fill('1234');
  await shot(page, testInfo, '02-setup-filled');
  await page.getByRole('button', { name: '完成设置' }).click();

  // Who is at the desk: a wrong PIN is refused, the right one opens the desk.
  await expect(page.getByRole('heading', { name: '谁在当班？' })).toBeVisible();
  await page.getByRole('button', { name: /王组长/ }).click();
  await page.getByLabel('PIN').fill('9999');
  await page.getByRole('button', { name: '开始当班' }).click();
  await expect(page.getByText('PIN 不正确')).toBeVisible();
  await shot(page, testInfo, '03-operator-wrong-pin');
  await page.getByLabel('PIN').fill('1234');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('operator')).toHaveText(/王组长/);

  // Settings: add a consultant of 整形外科 to triage to.
  await page.keyboard.press('Alt+5');
  await page.getByRole('tab', { name: '员工名册' }).click();
  await page.getByRole('textbox', { name: '姓名', exact: true }).fill('李咨询');
  await page.getByRole('combobox', { name: '岗位' }).selectOption({ label: '咨询师' });
  await page.getByRole('combobox', { name: '科室', exact: true }).selectOption({ label: '整形外科' });
  await page.getByRole('button', { name: '添加员工' }).click();
  await expect(page.getByRole('cell', { name: '李咨询' })).toBeVisible();
  await shot(page, testInfo, '04-settings');

  // The desk: a first visit, registered and triaged from the keyboard.
  await page.keyboard.press('Alt+1');
  await page.getByRole('button', { name: /登记并分诊/ }).click();
  await expect(page.getByText('请先选择初诊或复诊')).toBeVisible();
  await page.getByRole('radio', { name: '初诊（第一次来）' }).check();
  await page.getByRole('radio', { name: '无预约' }).check();
  await page.getByLabel('姓名').fill('张晓梅');
  await page.getByRole('radio', { name: '女', exact: true }).check();
  await page.getByLabel('年龄').fill('28');
  await page.getByLabel('电话').fill('139 1234 5678');
  await page.getByLabel('媒体来源').selectOption({ label: '网络' });
  await page.getByLabel('就诊意向 / 项目').fill('双眼皮咨询');
  await page.getByLabel('关心内容').fill('恢复期多久');
  await page.getByRole('combobox', { name: '科室', exact: true }).selectOption({ label: '整形外科' });
  await page.getByLabel('咨询师 / 医生').selectOption({ label: '李咨询 · 咨询师' });
  await shot(page, testInfo, '05-checkin-filled');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('已登记：张晓梅 → 整形外科 · 李咨询')).toBeVisible();
  const rows = page.getByTestId('waiting-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('张晓梅');
  await expect(rows.first()).toContainText('139****5678');
  await expect(rows.first()).toContainText('登记 王组长');

  // The same phone again as a "first visit": the desk offers the existing customer instead.
  await page.getByRole('radio', { name: '初诊（第一次来）' }).check();
  // 已登记 lasted only until the next registration began (issue 21).
  await expect(page.getByText('已登记：张晓梅')).toHaveCount(0);
  await page.getByLabel('电话').fill('13912345678');
  await expect(page.getByRole('button', { name: '改为复诊：张晓梅' })).toBeVisible();
  await shot(page, testInfo, '06-duplicate-phone');
  await page.getByRole('button', { name: '清空' }).click();

  // A half-filled form survives a reload (Dexie draft).
  await page.getByRole('radio', { name: '初诊（第一次来）' }).check();
  await page.getByLabel('姓名').fill('李丽');
  await page.getByLabel('电话').fill('13800001111');
  await page.waitForTimeout(400); // the draft is saved 250 ms after the last keystroke
  await page.reload();
  await expect(page.locator('body[data-ready=true]')).toBeAttached();
  await expect(page.getByText('已恢复上次未提交的登记草稿')).toBeVisible();
  await expect(page.getByLabel('姓名')).toHaveValue('李丽');
  await expect(page.getByLabel('电话')).toHaveValue('13800001111');
  await shot(page, testInfo, '07-draft-restored');
  await page.getByRole('radio', { name: '有预约' }).check();
  await page.getByRole('radio', { name: '女', exact: true }).check();
  await page.getByLabel('年龄').fill('35');
  await page.getByLabel('媒体来源').selectOption({ label: '朋友介绍' });
  await page.getByLabel('就诊意向 / 项目').fill('水光针');
  await page.getByRole('combobox', { name: '科室', exact: true }).selectOption({ label: '皮肤美容科' });
  await page.keyboard.press('Control+Enter');
  await expect(rows).toHaveCount(2);

  // Restart the host: everything is kept; the guide signs in again.
  await host.restart();
  await open(page, host.openUrl);
  await page.getByRole('button', { name: /王组长/ }).click();
  await page.getByLabel('PIN').fill('1234');
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('张晓梅');
  await expect(rows.nth(1)).toContainText('李丽');

  // A returning customer, found by the last four digits and picked with the keyboard.
  await page.keyboard.press('F2');
  await page.keyboard.type('5678');
  await expect(page.getByRole('option', { name: /张晓梅/ })).toBeVisible();
  await shot(page, testInfo, '08-lookup');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chosen-customer')).toContainText('来访 1 次');
  // She is already waiting today: the form says so and offers her visit instead of a second one.
  const already = page.getByTestId('already-today');
  await expect(already).toContainText('张晓梅 今天已登记（已分诊，');
  await shot(page, testInfo, '09-already-today');
  await page.getByRole('radio', { name: '有预约' }).check();
  await page.getByLabel('就诊意向 / 项目').fill('术后复查');
  await page.getByRole('combobox', { name: '科室', exact: true }).selectOption({ label: '整形外科' });
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('同一天再次登记，请写明原因')).toBeVisible();
  await expect(rows).toHaveCount(2);
  await already.getByRole('button', { name: '打开她的登记' }).click();
  await expect(page.getByTestId('visit-actions')).toBeVisible();
  await expect(rows.nth(0).getByTestId('visit-actions')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('visit-actions')).toHaveCount(0);
  // She left and came back for her results: a second visit, with its reason.
  await page.keyboard.press('F2');
  await page.keyboard.type('5678');
  await expect(page.getByRole('option', { name: /张晓梅/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await page.getByLabel('再次到诊原因').fill('回来取化验单');
  await page.getByRole('radio', { name: '有预约' }).check();
  await page.getByLabel('就诊意向 / 项目').fill('术后复查');
  await page.getByRole('combobox', { name: '科室', exact: true }).selectOption({ label: '整形外科' });
  await page.keyboard.press('Control+Enter');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2)).toContainText('复');
  await expect(rows.nth(2)).toContainText('再次到诊：回来取化验单');
  await shot(page, testInfo, '09-desk-three-waiting');

  // The lead cancels a mistaken check-in (作废) with its reason: it leaves the list and the count.
  await rows.nth(2).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('visit-actions').getByRole('button', { name: '作废登记' }).click();
  await page.getByTestId('visit-actions').getByRole('button', { name: '确认作废' }).click();
  await expect(page.getByTestId('cancel-visit')).toContainText('必填');
  await page.getByLabel('作废原因').fill('重复登记');
  await shot(page, testInfo, '09-cancel-visit');
  await page.getByRole('button', { name: '确认作废' }).click();
  await expect(page.getByText('已作废：张晓梅 的登记')).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('waiting-count')).toHaveText('2 位');

  // English is one click away.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('tab', { name: 'Check-in' })).toBeVisible();
  // The desk's last message follows the language, and the heading keeps 'Waiting' and its count on one line (issue 19).
  await expect(page.getByText('Cancelled: 张晓梅’s check-in')).toBeVisible();
  await expect(page.getByText('已作废：张晓梅 的登记')).toHaveCount(0);
  const heading = page.getByRole('heading', { name: /Waiting/ });
  expect((await heading.boundingBox())!.height).toBeLessThan(40);
  await shot(page, testInfo, '10-desk-english');
});

const visitInput = (name: string, phone: string) => ({
  customer: { new: { name, sex: 'F', birthDate: null, age: 30, phone, address: '', source: 'referral', directed: {} } },
  visit: { hasAppointment: false, intention: '咨询', concerns: '', course: '', history: '', departmentId: 'plastic-surgery', consultantId: null, appointmentId: null },
});

// Issue 21, "Messages last as long as they are true": the phone check asks again for each phone
// typed (another owner, or nobody), and 今天已登记（已离院…） follows her visit: after 撤销离院 it says
// where she is now, after 作废 it is gone, without touching the form.
test('messages that last as long as they are true: the phone owner per phone typed, 已离院 after 撤销离院 and 作废', async ({ page, host, request }, testInfo) => {
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  const api = await apiAs(request, host, await firstStaffId(request, host), '1234');
  const zhang = (await api('desk.checkIn', visitInput('张晓梅', '13912345678'))) as unknown as { id: string };
  await api('desk.checkIn', visitInput('李娜', '13812345678'));
  await api('visits.setStatus', { visitId: zhang.id, status: 'inTreatment', outcome: null, note: '' });
  await api('visits.setStatus', { visitId: zhang.id, status: 'left', outcome: 'noPurchase', note: '' });
  await signIn(page, '王组长', '1234'); // the desk's operator is the one who signed in last

  await page.getByRole('radio', { name: '初诊（第一次来）' }).check();
  const phone = page.getByLabel('电话');
  await phone.fill('13912345678');
  await expect(page.getByRole('button', { name: '改为复诊：张晓梅' })).toBeVisible();
  await phone.fill('13812345678');
  await expect(page.getByRole('button', { name: '改为复诊：李娜' })).toBeVisible();
  await expect(page.getByRole('button', { name: /改为复诊/ })).toHaveCount(1);
  await phone.fill('13700001111');
  await page.waitForTimeout(600); // past the check's 200 ms pause and its answer: nobody has this phone
  await expect(page.getByRole('button', { name: /改为复诊/ })).toHaveCount(0);
  await phone.fill('13912345678');
  await page.getByRole('button', { name: '改为复诊：张晓梅' }).click();

  const already = page.getByTestId('already-today');
  await expect(already).toContainText('张晓梅 今天已登记（已离院，');
  await shot(page, testInfo, '11-already-left');
  // A lead undoes her leaving elsewhere (another desk): the message says where she is now.
  await api('visits.reopen', { visitId: zhang.id, reason: '她还在治疗室' });
  await expect(already).toContainText('张晓梅 今天已登记（治疗中，');
  await expect(already).not.toContainText('已离院');
  await shot(page, testInfo, '11-already-reopened');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(already).toContainText('张晓梅 is already checked in today (In treatment,');
  await shot(page, testInfo, '11-already-reopened-english');
  await page.getByRole('button', { name: '中文' }).click();
  // Her visit cancelled (作废): she is not checked in today any more, and the message goes.
  await api('visits.cancel', { visitId: zhang.id, reason: '登记错人' });
  await expect(already).toHaveCount(0);
  await expect(page.getByTestId('chosen-customer')).toContainText('张晓梅');
});


// Issue 21, "the other desk within a second": the lookup row she is shown says where she is (在候
// with her 排队号 and since when) as soon as another desk checks her in, without the guide typing
// again; and follows her to her consultant (咨询中).
test('the lookup row follows a check-in at another desk: 在候 N 号 shows without re-typing, then 咨询中', async ({ page, host, request }, testInfo) => {
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  const api = await apiAs(request, host, await firstStaffId(request, host), '1234');
  // On file but not here today: her mistaken visit of this morning was cancelled (作废).
  const first = (await api('desk.checkIn', visitInput('周雨桐', '13755556666'))) as unknown as { id: string; customerId: string };
  await api('visits.cancel', { visitId: first.id, reason: '登记错人' });
  await signIn(page, '王组长', '1234');

  await page.getByRole('radio', { name: '复诊（老客户）' }).check();
  await page.keyboard.press('F2');
  await page.keyboard.type('5566');
  const row = page.getByRole('option', { name: /周雨桐/ });
  await expect(row).toBeVisible();
  await expect(row).not.toContainText('在候');
  await expect(row).not.toContainText('今日已到');
  // The other desk (another window on this host) checks her in as a returning customer: her
  // number is 2 (the cancelled visit kept 1: a 作废 renumbers nobody).
  const again = (await api('desk.checkIn', { customer: { id: first.customerId }, visit: visitInput('周雨桐', '13755556666').visit })) as unknown as { id: string };
  await expect(row).toContainText(/在候 2 号 · \d{2}:\d{2} 起/, { timeout: 2_000 });
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await shot(page, testInfo, '12-lookup-arrived');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('option', { name: /周雨桐/ })).toContainText(/Waiting · No\. 2 · since \d{2}:\d{2}/);
  await shot(page, testInfo, '12-lookup-arrived-english');
  await page.getByRole('button', { name: '中文' }).click();
  // Her consultant comes for her: the row says so, and is no longer 在候.
  await api('visits.setStatus', { visitId: again.id, status: 'withConsultant', outcome: null, note: '' });
  await expect(row).toContainText(/咨询中 · \d{2}:\d{2} 起/, { timeout: 2_000 });
  await expect(row).not.toContainText('在候');
  await shot(page, testInfo, '12-lookup-with-consultant');
});

// Issue 21: no empty focus ring on the door's screens. Each tab of the desk is walked by Tab from
// where the keys leave the focus; every element focused shows something (a field, text or an icon),
// the empty lists included (今天没有预约 inside the list that keeps the focus).
test('the door by keyboard: no focused element with nothing visible inside, empty lists included', async ({ page, host }, testInfo) => {
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');
  const focusedEmpty = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const r = el.getBoundingClientRect();
      const field = /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName);
      const shows = field || !!(el.innerText ?? '').trim() || !!el.querySelector('svg,img');
      return shows && r.width >= 2 && r.height >= 2 ? null : `${el.tagName} ${el.getAttribute('role') ?? ''} ${el.getAttribute('aria-label') ?? ''} ${Math.round(r.width)}x${Math.round(r.height)}`;
    });
  const empties: string[] = [];
  const walk = async (where: string) => {
    // As the keys leave it, once the screen's list has answered (an empty box while it loads is not the ring she is left with).
    await expect.poll(focusedEmpty, { message: `${where} (as left)` }).toBeNull();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const found = await focusedEmpty();
      if (found) empties.push(`${where} Tab ${i + 1}: ${found}`);
    }
  };
  await walk('登记与分诊');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('list-empty')).toHaveText('今天没有预约');
  await shot(page, testInfo, '13-today-empty-focus');
  await walk('今日预约');
  for (const tab of ['预约登记', '明日确认电话', '今日排班', '重复档案']) {
    await page.getByRole('tab', { name: tab }).focus();
    await page.keyboard.press('Enter');
    await walk(tab);
  }
  expect(empties).toEqual([]);
  await page.getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('F8');
  await expect(page.getByTestId('list-empty')).toHaveText('No appointments today');
  await shot(page, testInfo, '13-today-empty-focus-english');
});
