import { test, expect, shot, open, apiAs, firstStaffId, hostClockAt } from './fixtures';
import { setUpClinicAsLead, signIn } from './steps';

/** The host's clock starts at Fri 2026-11-27 09:30 in the clinic, so today's bookings and opening hours are fixed. */
const CLOCK = '2026-11-27T01:30:00Z';
hostClockAt(CLOCK);

test('the door: a VIP reminder, one-key arrival of booked visitors, booking with bad input, calls, roster, pinyin lookup', async ({ page, host, request }, testInfo) => {
  await page.clock.setFixedTime(new Date(CLOCK));
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');

  // The morning's records: a consultant, a returning A member with her host and preferences, bookings.
  const leadId = await firstStaffId(request, host);
  const api = await apiAs(request, host, leadId, '1234');
  const consultant = await api('staff.add', { name: '李咨询', sex: 'F', role: 'consultant', departmentId: 'plastic-surgery', pin: null });
  await api('staff.add', { name: '周医生', sex: 'M', role: 'doctor', departmentId: 'plastic-surgery', pin: null });
  await api('staff.add', { name: '陈导医', sex: 'F', role: 'guide', departmentId: null, pin: '5555' });
  const visit = await api('desk.checkIn', {
    customer: { new: { name: '张晓梅', sex: 'F', birthDate: null, age: 32, phone: '13912345678', address: '', source: 'web', directed: {} } },
    visit: { hasAppointment: false, intention: '咨询', concerns: '', course: '', history: '', departmentId: 'plastic-surgery', consultantId: null, appointmentId: null },
  });
  await api('customer.setTier', { customerId: visit.customerId, tier: 'A', vip: { hostId: leadId, drinks: '龙井', snacks: '坚果', note: '' } });
  const book = (customer: unknown, date: string, time: string, serviceItem: string) =>
    api('appointment.book', { customer, source: 'phone', date, time, serviceItem, departmentId: 'plastic-surgery', consultantId: consultant.id, note: '' });
  await book({ id: visit.customerId }, '2026-11-27', '10:00', '术后复查');
  await book({ name: '刘芳', phone: '13600001111' }, '2026-11-27', '10:30', '玻尿酸咨询');
  await book({ name: '王敏', phone: '13700002222' }, '2026-11-28', '14:00', '祛斑');
  const lili = await api('desk.checkIn', {
    customer: { new: { name: '李丽', sex: 'F', birthDate: null, age: 41, phone: '13500003333', address: '', source: 'referral', directed: {} } },
    visit: { hasAppointment: false, intention: '咨询', concerns: '', course: '', history: '', departmentId: 'plastic-surgery', consultantId: null, appointmentId: null },
  });
  await book({ id: lili.customerId }, '2026-11-27', '16:00', '热玛吉');
  // Both were registered ahead of today's visit: those walk-in visits are cancelled (作废), one visit a day (issue 21).
  for (const v of [visit, lili]) await api('visits.cancel', { visitId: v.id, reason: '建档，非到诊' });
  await book({ name: '赵琳', phone: '13300004444' }, '2026-11-27', '17:00', '水光针');
  await book({ name: '钱红', phone: '13300005555' }, '2026-11-27', '18:00', '洗牙');

  // The desk: the host is reminded to meet the A member at the door, with her preferences.
  await open(page, host.openUrl);
  await expect(page.getByTestId('reminders')).toContainText('10:00 A 类会员「张晓梅」预约到院，请到门口迎接');
  await expect(page.getByTestId('reminders')).toContainText('饮品：龙井');
  await shot(page, testInfo, 'appt-01-desk-reminder');

  // F8: today's list; Enter: the booked returning visitor is checked in — two keys.
  await page.keyboard.press('F8');
  const rows = page.getByTestId('appointment-row');
  await expect(rows).toHaveCount(5);
  await expect(page.getByRole('listbox', { name: '今日预约' })).toBeFocused();
  await shot(page, testInfo, 'appt-02-today');
  await page.keyboard.press('Enter');
  await expect(page.getByText('张晓梅 已到诊登记')).toBeVisible();
  await expect(rows.nth(0).getByTestId('appointment-state')).toHaveText('已到诊');
  await expect(page.getByTestId('waiting-row')).toHaveCount(1);
  await expect(page.getByRole('listbox', { name: '今日预约' })).toBeFocused();
  // The door reminder gives way to her arrival, for every guide and the lead, until she is handed on (issue 21).
  await expect(page.getByTestId('reminder')).toHaveCount(1);
  await expect(page.getByTestId('reminder')).toHaveAttribute('data-kind', 'vipArrived');
  await expect(page.getByTestId('reminder')).toContainText('A 类会员「张晓梅」');

  // ↓ Enter: a visitor booked by phone, not on file — the form opens with the booking filled in.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByText('预约到诊：刘芳（10:30）— 请补全登记信息')).toBeVisible();
  await expect(page.getByRole('textbox', { name: '姓名' })).toHaveValue('刘芳');
  await expect(page.getByLabel('电话')).toHaveValue('13600001111');
  await page.getByRole('radio', { name: '女', exact: true }).check();
  await page.getByLabel('年龄').fill('27');
  await shot(page, testInfo, 'appt-03-arrival-form');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('已登记：刘芳')).toBeVisible();
  await page.keyboard.press('F8');
  await expect(rows.nth(1).getByTestId('appointment-state')).toHaveText('已到诊');
  // Registered at her check-in: no longer 未建档 (issue 21).
  await expect(rows.nth(1)).not.toContainText('未建档');
  await expect(page.getByTestId('waiting-row')).toHaveCount(2);

  // E changes the 17:00 booking to 17:30 (under 24 h ahead: flagged late); X cancels the 18:00 one.
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('e');
  await expect(page.getByRole('heading', { name: '改约：赵琳' })).toBeVisible();
  await page.getByLabel('时间').fill('17:30');
  await page.getByLabel('改约 / 取消原因').fill('客户来电推迟');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('listbox', { name: '今日预约' })).toBeVisible();
  await expect(rows.filter({ hasText: '赵琳' })).toContainText('17:30');
  await expect(rows.filter({ hasText: '赵琳' })).toContainText('24 小时内改约 1 次');
  await page.getByRole('listbox', { name: '今日预约' }).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('x');
  await page.getByLabel('改约 / 取消原因').fill('临时出差');
  await page.keyboard.press('Enter');
  await expect(rows.filter({ hasText: '钱红' }).getByTestId('appointment-state')).toHaveText('已取消');
  await expect(rows.filter({ hasText: '钱红' })).toContainText('24 小时内取消');
  await expect(page.getByRole('listbox', { name: '今日预约' })).toBeFocused();
  await shot(page, testInfo, 'appt-03b-changed-cancelled');

  // Booking: a phone already on file is offered for the customer on file, never a second person;
  // a time outside opening hours is refused by name.
  await page.getByRole('tab', { name: '预约登记' }).click();
  await page.getByRole('textbox', { name: '姓名' }).fill('张小梅');
  await page.getByRole('textbox', { name: '电话' }).fill('13912345678');
  await page.getByLabel('项目').fill('光子嫩肤');
  await page.getByRole('combobox', { name: '科室' }).selectOption({ label: '整形外科' });
  await page.getByLabel('时间').fill('07:00');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('07:00 不在营业时间（08:00-21:00）内')).toBeVisible();
  await page.getByLabel('时间').fill('15:00');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('该号码已登记为「张晓梅」')).toBeVisible();
  await shot(page, testInfo, 'appt-04-book-duplicate');
  await page.getByRole('button', { name: '改为给老客户「张晓梅」预约' }).click();
  await expect(page.getByTestId('book-customer')).toContainText('张晓梅');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('已预约：张晓梅 2026-11-28 15:00')).toBeVisible();

  // Tomorrow's confirmation calls: 1 records "confirmed" on the chosen row.
  await page.getByRole('tab', { name: '明日确认电话' }).click();
  await expect(page.getByTestId('call-row')).toHaveCount(2);
  await expect(page.getByRole('listbox', { name: '明日确认电话' })).toBeFocused();
  await page.keyboard.press('1');
  await expect(page.getByTestId('last-call').first()).toContainText('已确认');
  // A coloured badge, not a line of text (issue 21).
  await expect(page.getByTestId('last-call').first().getByTestId('call-badge')).toHaveAttribute('data-outcome', 'confirmed');
  await shot(page, testInfo, 'appt-05-calls');

  // The duty roster: Enter puts 李咨询 on duty; triage then offers only her.
  await page.getByRole('tab', { name: '今日排班' }).click();
  await expect(page.getByRole('listbox', { name: '今日排班' })).toBeFocused();
  // The rows first: an Enter before the day's list has loaded selects nothing.
  await expect(page.getByTestId('duty-row').first()).toContainText('李咨询');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('duty-row').filter({ hasText: '李咨询' })).toHaveAttribute('data-on-duty', 'true');
  await expect(page.getByTestId('duty-row').filter({ hasText: '周医生' })).toHaveAttribute('data-on-duty', 'false');
  await shot(page, testInfo, 'appt-06-duty');
  await page.getByRole('tab', { name: '登记与分诊' }).click();
  await page.getByRole('radio', { name: '初诊（第一次来）' }).check();
  await page.getByRole('combobox', { name: '科室', exact: true }).selectOption({ label: '整形外科' });
  const offered = page.getByLabel('咨询师 / 医生').locator('option');
  await expect(offered).toHaveText(['由科室接待', '李咨询 · 咨询师']); // 周医生 is off duty today

  // Lookup by pinyin initials.
  await page.keyboard.press('F2');
  await page.keyboard.type('zxm');
  await expect(page.getByRole('option', { name: /张晓梅/ })).toBeVisible();
  await shot(page, testInfo, 'appt-07-pinyin-lookup');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('vip-prefs')).toContainText('龙井');
  // Her registration visit was cancelled (作废): only the real arrival counts (issue 21).
  await expect(page.getByTestId('customer-history')).toContainText('到院 1 次 · 预约 2 次');
  await shot(page, testInfo, 'appt-07b-returning-vip-history');

  // Through the form: 复诊 + 有预约 keeps her appointment of today.
  await page.getByRole('button', { name: '清空' }).click();
  await page.keyboard.press('F2');
  await page.keyboard.type('ll');
  await expect(page.getByRole('option', { name: /李丽/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await page.getByRole('radio', { name: '有预约' }).check();
  await expect(page.getByTestId('linked-appointment')).toHaveText('将关联今日预约：16:00 热玛吉');
  await page.getByLabel('就诊意向 / 项目').fill('热玛吉');
  await page.getByRole('combobox', { name: '科室', exact: true }).selectOption({ label: '整形外科' });
  // The lead sets her tier and VIP care on the spot.
  await page.getByText('会员等级与 VIP 接待').click();
  await page.getByLabel('会员等级').selectOption({ label: 'B 类 金卡' });
  await page.getByLabel('门口迎接人').selectOption({ label: '王组长' });
  await page.getByLabel('饮品偏好').fill('温水');
  await page.getByRole('button', { name: '保存会员信息' }).click();
  await expect(page.getByText('会员信息已保存')).toBeVisible();
  await expect(page.getByTestId('chosen-customer')).toContainText('B 类会员');
  await expect(page.getByTestId('vip-prefs')).toContainText('饮品：温水');
  await shot(page, testInfo, 'appt-07c-form-keeps-appointment');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('已登记：李丽')).toBeVisible();
  await page.keyboard.press('F8');
  await expect(rows.filter({ hasText: '李丽' }).getByTestId('appointment-state')).toHaveText('已到诊');

  // Records of one person from two offline desks would be listed here (merge is tested in appointments.test.ts).
  await page.getByRole('tab', { name: '重复档案' }).click();
  await expect(page.getByText('没有重复档案')).toBeVisible();
  await shot(page, testInfo, 'appt-07d-duplicates-empty');

  // A guide at the desk: phones masked (the main process never sends them whole), no directed
  // tab, no duplicates tab, no member editor.
  await page.getByRole('button', { name: '换人' }).click();
  await signIn(page, '陈导医', '5555');
  await page.keyboard.press('F8');
  await expect(rows.filter({ hasText: '刘芳' })).toContainText('136****1111');
  await expect(page.getByRole('tab', { name: '重复档案' })).toHaveCount(0);
  await shot(page, testInfo, 'appt-07e-guide-today-masked');
  await page.getByRole('tab', { name: '登记与分诊' }).click();
  // Whatever the lead left in the form (a draft of hers holds whole phones) is hers: the guide
  // starts from an empty form (it was the cause of this step's flakiness: the lead's draft, saved
  // late, came back for the guide with 李丽 chosen, so the lookup below never showed).
  await expect(page.getByTestId('chosen-customer')).toHaveCount(0);
  await expect(page.getByText('已恢复上次未提交的登记草稿')).toHaveCount(0);
  await expect(page.getByText('13500003333')).toHaveCount(0);
  await page.getByRole('radio', { name: '初诊（第一次来）' }).check();
  await expect(page.getByRole('tab', { name: /定向性登记/ })).toHaveCount(0);
  await page.keyboard.press('F2');
  await page.keyboard.type('ll');
  await expect(page.getByRole('option', { name: /李丽/ })).toContainText('135****3333');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chosen-customer')).toContainText('135****3333');
  await expect(page.getByTestId('tier-editor')).toHaveCount(0);
  await shot(page, testInfo, 'appt-07f-guide-checkin');

  // English, one click away.
  await page.getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('F8');
  await expect(page.getByRole('listbox', { name: 'Today' })).toBeVisible();
  await expect(rows.nth(0).getByTestId('appointment-state')).toHaveText('Arrived');
  await shot(page, testInfo, 'appt-08-today-english');
  await page.getByRole('tab', { name: 'Book' }).click();
  await shot(page, testInfo, 'appt-09-book-english');
});
