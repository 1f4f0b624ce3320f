import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { test, expect, shot, open, apiAs, firstStaffId, hostClockAt } from './fixtures';
import { connectToHeadOffice, setUpClinicAsLead, setUpHeadOffice, signIn } from './steps';
import { expectPaper, paper, printPdf } from './paper';

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
  // The clinic warns of a week over 45 hours (the seeds name no weekly limit: the clinic's setting).
  const { fromHeadOffice: _h, updatedAt: _a, updatedBy: _b, shiftTypesVersion: _v, shiftTypesByHeadOffice: _o, ...settings } = (await api('rota.settings', {})) as Record<string, unknown>;
  await api('rota.saveSettings', { ...settings, weeklyHoursLimit: 45 });
  // Today: the guide and the doctor on shift A (8:00–18:00), the consultant on C (12:00–20:00).
  for (const [staffId, code] of [[guide.id, 'A'], [doctor.id, 'A'], [consultant.id, 'C']] as const) await api('rota.set', { date: '2026-11-27', staffId, code });

  // Next week's rota by keyboard: the guide's row, Monday to Sunday.
  await page.keyboard.press('Alt+8');
  await page.getByRole('tab', { name: '排班', exact: true }).click();
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
  // A + A + B + 休 + C + A + B: 8 + 8 + 7.5 + 0 + 7.5 + 8 + 7.5 hours, over the clinic's 45; the warning does not stop publishing.
  await expect(row.getByTestId('rota-hours')).toHaveText('本周 46.5 小时');
  await expect(page.getByTestId('rota-warnings')).toContainText('张导医：本周工时 46.5 小时，超过本院设定的 45 小时');
  await shot(page, testInfo, 'staff-01-rota-week');

  // Printed for the staff board: A4 landscape (test-results/screens/staff-02-rota-print.pdf; pdftoppm makes a PNG to look at).
  await expectPaper(page, testInfo, 'staff-02-rota-print', 'A4 landscape');

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
  // The printed 员工过失处罚单: the one shared slip, one A5 landscape page (test-results/screens/staff-09-fine-slip.pdf).
  await att.getByRole('button', { name: '打印处罚单' }).click();
  const slip = page.getByTestId('slip');
  await expect(slip.getByTestId('slip-name')).toHaveText('张导医');
  await expect(slip).toContainText('2026-11-27 迟到 12');
  await expect(slip).toContainText('按本院规定罚款');
  await expect(slip.getByTestId('slip-total')).toContainText('10');
  await shot(page, testInfo, 'staff-09-fine-slip');
  await expect(slip.getByTestId('slip-total-capitals')).toHaveText('人民币壹拾元整');
  await expect(slip.getByTestId('slip-number')).toHaveText(/^BJ-KQ-20261127-[^-]+-L$/);
  await expectPaper(page, testInfo, 'staff-09-fine-slip', 'A5 landscape');
  await page.keyboard.press('Escape');
  await expect(slip).toHaveCount(0);

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
  // The same file as Excel: the fine on its sheet, the date a date.
  const downloading = page.waitForEvent('download');
  await fileForm.getByRole('button', { name: '导出 Excel' }).click();
  const sheetFile = await downloading;
  expect(sheetFile.suggestedFilename()).toMatch(/^员工档案_张导医_\d{4}-\d{2}-\d{2}_2026-11-27\.xlsx$/);
  const fileBook = new ExcelJS.Workbook();
  await fileBook.xlsx.load(readFileSync(await sheetFile.path()) as unknown as ArrayBuffer);
  const fineCells = fileBook.getWorksheet('考勤罚款')!.getRow(2);
  expect([fineCells.getCell(1).value, fineCells.getCell(2).value, fineCells.getCell(5).value]).toEqual([new Date('2026-11-27T00:00:00Z'), '迟到', 10]);
  // Printed on A4 (test-results/screens/staff-21-staff-file.pdf): the file alone, with its title.
  const filePages = (await printPdf(page, testInfo, 'staff-21-staff-file')).pages;
  expect(filePages.length).toBeGreaterThanOrEqual(1);
  for (const p of filePages) expect(p).toEqual(paper.A4); // every page A4 portrait

  // English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('Alt+8');
  await page.getByRole('tab', { name: 'Rota' }).click();
  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(page.getByText(/Published \(王组长/)).toBeVisible();
  await expect(page.getByTestId('rota-warnings')).toContainText('张导医: 46.5 h this week, over the clinic’s 45 h');
  await shot(page, testInfo, 'staff-05-rota-week-en');
  await page.getByRole('tab', { name: 'Sign-in' }).click();
  await expect(page.getByTestId('attendance-row').filter({ hasText: '张导医' })).toContainText('Lateness fine ¥10 confirmed');
  await shot(page, testInfo, 'staff-06-sign-in-en');
  await page.getByRole('tab', { name: 'Staff file' }).click();
  await page.getByRole('form', { name: 'Staff file' }).getByLabel('Person').selectOption({ label: '张导医' });
  await expect(page.getByRole('region', { name: 'Staff file of 张导医' }).getByTestId('file-attendance')).toContainText('late: 1 (');
  await shot(page, testInfo, 'staff-08-staff-file-en');
});

test('排班设置, 离岗, 例会, 培训考核 by keyboard; the day’s 人员调班 offered to the shift handover', async ({ page, host, request }, testInfo) => {
  await page.clock.setFixedTime(new Date(FRIDAY_10));
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');
  const api = await apiAs(request, host, await firstStaffId(request, host), '1234');
  const guide = (await api('staff.add', { name: '张导医', sex: 'F', role: 'guide', departmentId: null, pin: '5678' })) as { id: string };
  // This week published with the guide on A today, then changed to B: a 人员调班 of today.
  await api('rota.set', { date: '2026-11-27', staffId: guide.id, code: 'A' });
  await api('rota.set', { date: '2026-11-29', staffId: guide.id, code: 'REST' });
  await api('rota.publish', { weekStart: '2026-11-23' });
  await api('rota.set', { date: '2026-11-27', staffId: guide.id, code: 'B', reason: '与小林调班' });

  // 排班设置: a break overlapping another is refused, named in words; fixed, saved as version 1.
  await page.keyboard.press('Alt+8');
  await page.getByRole('tab', { name: '排班设置' }).click();
  await expect(page.getByTestId('shift-version')).toHaveText('班次：总部默认');
  const breaks = page.getByLabel('第 1 个班次 夏季休息');
  await breaks.fill('12:00-14:00，13:00-13:30');
  await breaks.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('第 1 个班次夏季的第 2 段休息：两段休息时间重叠');
  await shot(page, testInfo, 'staff-10-settings-refused');
  await breaks.fill('12:00-13:30');
  await page.getByLabel('迟到罚款（元）').fill('15');
  await page.getByLabel('每周工时提醒（小时，空为不提醒）').fill('0');
  await page.getByLabel('迟到罚款（元）').press('Enter');
  await expect(page.getByRole('alert')).toHaveText('每周工时提醒：不能小于 1');
  await page.getByLabel('每周工时提醒（小时，空为不提醒）').fill('44');
  await page.getByLabel('迟到罚款（元）').press('Enter');
  await expect(page.getByText('已保存')).toBeVisible();
  await expect(page.getByTestId('shift-version')).toHaveText('班次：第 1 版（本院修改）');

  // 离岗: 8 minutes is not logged; 25 minutes is.
  await page.getByRole('tab', { name: '离岗记录' }).click();
  const away = page.getByRole('form', { name: '登记离岗' });
  await away.getByLabel('人员').selectOption({ label: '张导医' });
  await away.getByLabel('离岗时间').fill('09:10');
  await away.getByLabel('回岗时间').fill('09:18');
  await away.getByLabel('原因').fill('去银行');
  await away.getByLabel('原因').press('Enter');
  await expect(page.getByRole('alert')).toHaveText('结束：离岗 8 分钟；超过 10 分钟才需记录');
  await away.getByLabel('回岗时间').fill('09:35');
  await away.getByLabel('原因').press('Enter');
  // Seed 003: 不得私自脫崗、10分鐘,須向部門負責人請示,同意前方可離崗,否則視為曠工,按曠工半日處理.
  await expect(page.getByText('已登记：张导医 离岗 25 分钟，未经同意，按旷工半日处理，已建议罚款')).toBeVisible();
  const unagreed = page.getByTestId('away-row').filter({ hasText: '09:10–09:35' });
  await expect(unagreed).toContainText('未经同意：按旷工半日处理');
  await expect(unagreed).toContainText('建议罚款：离岗（按旷工半日）（金额由组长填写）');
  // Earlier, 08:20–08:45, agreed by the lead at 08:15: logged, not an absence. An agreement after leaving is refused.
  await away.getByLabel('离岗时间').fill('08:20');
  await away.getByLabel('回岗时间').fill('08:45');
  await away.getByLabel('原因').fill('送客人去停车场');
  await away.getByLabel('离岗前已经部门负责人同意').check();
  await expect(away.getByLabel('同意人')).toHaveValue(await firstStaffId(request, host));
  await away.getByLabel('同意时间').fill('08:30');
  await away.getByLabel('原因').press('Enter');
  await expect(page.getByRole('alert')).toHaveText('同意时间：同意时间晚于离岗时间：须先请示，同意后方可离岗');
  await away.getByLabel('同意时间').fill('08:15');
  await away.getByLabel('原因').press('Enter');
  await expect(page.getByText('已登记：张导医 离岗 25 分钟', { exact: true })).toBeVisible();
  await expect(page.getByTestId('away-row').filter({ hasText: '08:20–08:45' })).toContainText('经王组长同意（08:15）');
  // The lead confirms the half day's fine, entering its amount, and prints the same 员工过失处罚单 as lateness.
  await unagreed.getByRole('button', { name: '确认罚款' }).click();
  await expect(page.getByRole('alert')).toContainText('组长填写');
  await unagreed.getByLabel('金额（元）').fill('50');
  await unagreed.getByRole('button', { name: '确认罚款' }).click();
  await expect(unagreed).toContainText('离岗（按旷工半日）罚款 ¥50 已确认（王组长）');
  await shot(page, testInfo, 'staff-11-away');
  await unagreed.getByRole('button', { name: '打印处罚单' }).click();
  const awaySlip = page.getByTestId('slip');
  await expect(awaySlip).toContainText('2026-11-27 离岗（按旷工半日） 25 分钟');
  await expect(awaySlip).toContainText('视为旷工，按旷工半日处理；按本院规定罚款');
  await expect(awaySlip.getByTestId('slip-number')).toHaveText(/^BJ-KQ-20261127-[^-]+-W$/);
  await expect(awaySlip.getByTestId('slip-total-capitals')).toHaveText('人民币伍拾元整');
  await shot(page, testInfo, 'staff-26-away-slip');
  await page.keyboard.press('Escape');

  // 例会: an earlier meeting's action is open; today's follows it up as done and adds one.
  await api('meeting.save', { kind: 'weekly', date: '2026-11-20', attendees: [guide.id], issues: ['指示牌不醒目'], actions: [{ what: '更换指示牌', ownerId: guide.id, due: '2026-11-25' }], followUps: [] });
  await page.getByRole('tab', { name: '例会' }).click();
  await expect(page.getByTestId('open-action')).toHaveText('更换指示牌（负责人：张导医，期限：2026-11-25）');
  const minutes = page.getByRole('form', { name: '会议记录' });
  await minutes.getByRole('checkbox', { name: '王组长', exact: true }).check();
  await minutes.getByRole('checkbox', { name: '张导医', exact: true }).check();
  await minutes.getByTestId('follow-up').getByRole('checkbox').check();
  await minutes.getByLabel('跟进说明：更换指示牌').fill('已更换');
  await minutes.getByLabel('提出的问题（每行一条）').fill('候诊区杂志太旧');
  await minutes.getByRole('button', { name: '添加措施' }).click();
  await minutes.getByLabel('第 1 项措施', { exact: true }).fill('更新候诊区杂志');
  await minutes.getByLabel('第 1 项负责人').selectOption({ label: '张导医' });
  await minutes.getByRole('button', { name: '保存会议记录' }).click();
  await expect(page.getByText('已保存')).toBeVisible();
  await expect(page.getByTestId('open-action')).toHaveText('更新候诊区杂志（负责人：张导医，期限：2026-12-04）');
  await expect(page.getByTestId('meeting').first()).toContainText('更换指示牌：已完成，已更换');
  await shot(page, testInfo, 'staff-12-meetings');
  // A lead corrects the earlier minutes: the old value stays in its history.
  await page.getByRole('button', { name: '编辑 2026-11-20 的会议记录' }).click();
  await minutes.getByLabel('问题').fill('指示牌不醒目\n候诊区灯光暗');
  await minutes.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByTestId('meeting-edit')).toContainText('问题：原为「指示牌不醒目」，改为「指示牌不醒目\n候诊区灯光暗」');
  await shot(page, testInfo, 'staff-12b-meeting-edited');

  // 培训考核: two scores against a pass mark.
  await page.getByRole('tab', { name: '培训考核' }).click();
  const training = page.getByRole('form', { name: '登记培训与考核' });
  await training.getByLabel('培训主题').fill('接待礼仪');
  await training.getByLabel('培训讲师').fill('陈老师');
  await training.getByLabel('及格分（可不填）').fill('80');
  await training.getByRole('checkbox', { name: '张导医', exact: true }).check();
  await training.getByLabel('张导医的成绩').fill('92');
  await training.getByRole('checkbox', { name: '王组长', exact: true }).check();
  await training.getByLabel('王组长的成绩').fill('75');
  await training.getByLabel('王组长的成绩').press('Enter');
  await expect(page.getByTestId('training')).toContainText('张导医 92 分');
  await expect(page.getByTestId('training')).toContainText('王组长 75 分（不及格）');
  await shot(page, testInfo, 'staff-13-training');

  // 卫生值日: the desk area is the guide's on Fridays; the lead's check at 10:00 is after 8:50.
  await page.getByRole('tab', { name: '卫生值日' }).click();
  await page.getByRole('button', { name: '添加区域' }).click();
  await page.getByLabel('第 1 个区域', { exact: true }).fill('导医台');
  await page.getByLabel('导医台 周五').selectOption({ label: '张导医' });
  await page.getByRole('button', { name: '保存值日表' }).click();
  await expect(page.getByTestId('cleaning-duty')).toHaveText('导医台：张导医');
  // The reminder strip above every screen (seed 003: 在每天上午8:50之前做好責任區域內的衛生清潔,交由主管檢查): at 10:00 it is late.
  const strip = page.getByTestId('cleaning-strip');
  await expect(strip).toContainText('已过 8:50 70 分钟，卫生检查还未完成');
  // At 08:30 (the screen's clock): 20 minutes left, who cleans what; 去检查打勾 opens the checklist from the desk.
  await page.clock.setFixedTime(new Date('2026-11-27T00:30:00Z'));
  await expect(strip).toContainText('卫生值日：8:50 前做好并交主管检查（还有 20 分钟）');
  await expect(strip).toContainText('导医台：张导医');
  await page.keyboard.press('Alt+1');
  await shot(page, testInfo, 'staff-27-cleaning-strip');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(strip).toContainText('Cleaning duty: done and checked by 8:50 (20 min left)');
  await shot(page, testInfo, 'staff-28-cleaning-strip-en');
  await page.getByRole('button', { name: '中文' }).click();
  await strip.getByRole('button', { name: '去检查打勾' }).click();
  await page.clock.setFixedTime(new Date(FRIDAY_10));
  const opening = page.getByTestId('cleaning-opening');
  await expect(opening).toBeVisible();
  await opening.getByRole('checkbox', { name: '导医台' }).uncheck();
  await opening.getByRole('button', { name: '提交开诊前检查' }).click();
  await expect(page.getByRole('alert')).toHaveText('检查项目：每个区域都须勾选或注明（还差 1 个）');
  await opening.getByLabel('开诊前检查：导医台的说明').fill('桌面有灰尘，已重扫');
  await opening.getByRole('button', { name: '提交开诊前检查' }).click();
  await expect(opening).toContainText(/王组长 已于 10:\d\d 检查（晚于 8:50）/);
  await expect(opening).toContainText('✗ 导医台（桌面有灰尘，已重扫）');
  // Ticked on the checklist: the strip goes.
  await expect(strip).toHaveCount(0);
  await shot(page, testInfo, 'staff-19-cleaning');

  // The shift handover offers today's 人员调班 and puts it into 人员变动.
  await page.keyboard.press('Alt+1');
  await page.getByTestId('handover-button').click();
  const dialog = page.getByRole('dialog', { name: '交接班记录' });
  await expect(dialog.getByTestId('handover-rota-changes')).toContainText('张导医：A → B（与小林调班）');
  await dialog.getByRole('button', { name: '填入人员变动' }).click();
  await expect(dialog.getByLabel('人员变动')).toHaveValue('张导医：A → B（与小林调班）');
  await shot(page, testInfo, 'staff-14-handover-changes');
  await page.keyboard.press('Escape');

  // English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('Alt+8');
  await page.getByRole('tab', { name: 'Shift settings' }).click();
  await expect(page.getByTestId('shift-version')).toHaveText('Shift types: version 1 (edited here)');
  await shot(page, testInfo, 'staff-15-settings-en');
  await page.getByRole('tab', { name: 'Meetings' }).click();
  await expect(page.getByTestId('open-action')).toHaveText('更新候诊区杂志 (owner: 张导医, due 2026-12-04)');
  await shot(page, testInfo, 'staff-16-meetings-en');
  await page.getByRole('tab', { name: 'Training' }).click();
  await expect(page.getByTestId('training')).toContainText('王组长 75 (failed)');
  await shot(page, testInfo, 'staff-17-training-en');
  await page.getByRole('tab', { name: 'Away from post' }).click();
  await expect(page.getByTestId('away-row').filter({ hasText: '09:10–09:35' })).toContainText('Away from post (half a day’s absence) fine ¥50 confirmed');
  await expect(page.getByTestId('away-row').filter({ hasText: '08:20–08:45' })).toContainText('Agreed by 王组长 (08:15)');
  await shot(page, testInfo, 'staff-18-away-en');
  await page.getByRole('tab', { name: 'Cleaning' }).click();
  await expect(page.getByTestId('cleaning-opening')).toContainText('(after 8:50)');
  await shot(page, testInfo, 'staff-20-cleaning-en');
});

test('培训考核 编辑 with its history; 卫生值日: a failed area re-checked (failed → re-checked passed), a check corrected by keyboard', async ({ page, host, request }, testInfo) => {
  await page.clock.setFixedTime(new Date(FRIDAY_10));
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');
  const api = await apiAs(request, host, await firstStaffId(request, host), '1234');
  const guide = (await api('staff.add', { name: '张导医', sex: 'F', role: 'guide', departmentId: null, pin: '5678' })) as { id: string };
  const lead = await firstStaffId(request, host);
  await api('training.save', { date: '2026-11-27', topic: '接待礼仪', trainer: '陈老师', passMark: 80, attendees: [{ staffId: guide.id, score: 92 }, { staffId: lead, score: 75 }] });
  const plan = (await api('cleaning.savePlan', { areas: [{ id: null, name: '导医台', byWeekday: [null, null, null, null, guide.id, null, null] }] })) as { areas: { id: string }[] };
  await api('cleaning.check', { date: '2026-11-27', kind: 'opening', items: [{ areaId: plan.areas[0]!.id, done: false, note: '桌面有灰尘，已重扫' }] });

  // 培训考核: a lead corrects a mistyped score; the old scores stay in the session's history.
  await page.keyboard.press('Alt+8');
  await page.getByRole('tab', { name: '培训考核' }).click();
  const training = page.getByRole('form', { name: '登记培训与考核' });
  await expect(page.getByTestId('training')).toContainText('王组长 75 分（不及格）');
  await page.getByRole('button', { name: '编辑 2026-11-27「接待礼仪」的培训记录' }).click();
  await expect(training.getByLabel('培训主题')).toHaveValue('接待礼仪');
  await expect(training.getByLabel('王组长的成绩')).toHaveValue('75');
  await training.getByLabel('王组长的成绩').fill('85');
  await training.getByLabel('王组长的成绩').press('Enter');
  await expect(page.getByTestId('training')).toContainText('王组长 85 分');
  await expect(page.getByTestId('training')).not.toContainText('不及格');
  await expect(page.getByTestId('training-edit')).toContainText('王组长 修改：');
  await expect(page.getByTestId('training-edit')).toContainText('参加人员及成绩：原为「张导医 92\n王组长 75」，改为「张导医 92\n王组长 85」');
  // The form is empty again: the next 保存 is a new session.
  await expect(training.getByLabel('培训主题')).toHaveValue('');
  await shot(page, testInfo, 'staff-13b-training-edited');

  // 卫生值日 (seed 003 「交由主管檢查,檢查不合格者重清掃」): cleaned again, the desk is re-checked and passes.
  await page.getByRole('tab', { name: '卫生值日' }).click();
  const opening = page.getByTestId('cleaning-opening');
  await expect(opening.getByTestId('cleaning-item')).toHaveText('✗ 导医台（桌面有灰尘，已重扫）');
  await opening.getByRole('button', { name: '导医台复查合格' }).click();
  await expect(opening.getByTestId('cleaning-item')).toHaveText(/^✗ 导医台（桌面有灰尘，已重扫） → 10:\d\d 王组长 复查合格$/);
  await expect(opening.getByRole('button', { name: '导医台复查合格' })).toHaveCount(0);
  // A correction of the note, by keyboard: the old one kept in its history.
  await opening.getByRole('button', { name: '修改开诊前检查' }).click();
  await opening.getByLabel('开诊前检查：导医台的说明').fill('桌面有灰尘');
  await opening.getByRole('button', { name: '保存修改' }).press('Enter');
  await expect(opening.getByTestId('cleaning-edit')).toContainText('检查结果：原为「导医台 · ✗ · 桌面有灰尘，已重扫」，改为「导医台 · ✗ · 桌面有灰尘」');
  await expect(opening.getByTestId('cleaning-item')).toContainText('✗ 导医台（桌面有灰尘） → ');
  await shot(page, testInfo, 'staff-19b-cleaning-rechecked');

  // English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(opening.getByTestId('cleaning-item')).toHaveText(/→ re-checked by 王组长 at 10:\d\d: passed$/);
  await expect(opening.getByTestId('cleaning-edit')).toContainText('Results: was “导医台 · ✗ · 桌面有灰尘，已重扫”, now “导医台 · ✗ · 桌面有灰尘”');
  await shot(page, testInfo, 'staff-19c-cleaning-rechecked-en');
  await page.getByRole('tab', { name: 'Training' }).click();
  await expect(page.getByTestId('training-edit')).toContainText('Attendees and scores: was “张导医 92\n王组长 75”, now “张导医 92\n王组长 85”');
  await expect(page.getByRole('button', { name: 'Edit the training “接待礼仪” of 2026-11-27' })).toBeVisible();
  await shot(page, testInfo, 'staff-13c-training-edited-en');
});

test('head office: 考勤与培训 per clinic, a clinic\'s people, a person\'s records, the Excel; 班次下发 with each clinic\'s result in words', async ({ browser, host, newHost, headOffice, request }, testInfo) => {
  test.setTimeout(180_000); // two hosts, the head office and consolidation on a loaded machine
  // The clinic desk: the guide on 全天班 today signs in at 10:00 (two hours late), the lead confirms the ¥10, a training is recorded.
  const desk = await (await browser.newContext()).newPage();
  await desk.clock.setFixedTime(new Date(FRIDAY_10));
  await open(desk, host.openUrl);
  await setUpClinicAsLead(desk);
  await signIn(desk, '王组长', '1234');
  const api = await apiAs(request, host, await firstStaffId(request, host), '1234');
  const guide = (await api('staff.add', { name: '张导医', sex: 'F', role: 'guide', departmentId: null, pin: '5678' })) as { id: string };
  await api('rota.set', { date: '2026-11-27', staffId: guide.id, code: 'A' });
  await api('attendance.sign', { staffId: guide.id, pin: '5678', kind: 'in' });
  await api('attendance.decideFine', { date: '2026-11-27', staffId: guide.id, kind: 'late', confirm: true, amountYuan: null, note: '' });
  await api('training.save', { date: '2026-11-27', topic: '接待礼仪', trainer: '总部培训部', passMark: 60, attendees: [{ staffId: guide.id, score: 85 }] });
  await connectToHeadOffice(desk, headOffice);
  await expect(desk.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 15_000 });

  const hoHost = await newHost();
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await page.clock.setFixedTime(new Date(FRIDAY_10));
  await open(page, hoHost.openUrl);
  await setUpHeadOffice(page, headOffice);
  await signIn(page, '赵总监', '2468');
  await page.getByRole('tab', { name: '考勤与培训' }).click();
  const clinics = page.getByTestId('staff-figures-clinics');
  await expect(clinics.getByRole('row', { name: /北京/ })).toBeVisible({ timeout: 30_000 });
  const bj = clinics.getByRole('row', { name: /北京/ });
  await expect(bj.getByRole('cell')).toHaveText(['BJ', /北京/, '2', '1', '100%', '1', /^12\d$/, '0', '0', '0', '0', '0', '10', '1', '100%', '85', '打开']);
  await bj.getByRole('button', { name: /打开/ }).press('Enter');
  await expect(page.locator('#staff-figures-people')).toBeFocused();
  const person = page.getByTestId('staff-figures-people').getByRole('row', { name: /张导医/ });
  await person.getByRole('button', { name: '打开：张导医' }).click();
  const records = page.getByTestId('staff-figures-records');
  await expect(records).toContainText('2026-11-27');
  await expect(records.getByRole('table', { name: '迟到、早退、旷工与请假' })).toContainText('迟到');
  await expect(records.getByRole('table', { name: '罚款' })).toContainText('¥10');
  await expect(records.getByRole('table', { name: '培训与考核' })).toContainText('通过');
  await shot(page, testInfo, 'staff-22-headoffice-figures');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出考勤与培训 Excel' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('考勤与培训_各机构_2026-11-01_2026-11-27.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(await file.path()) as unknown as ArrayBuffer);
  const sum = book.getWorksheet('机构汇总')!;
  expect(sum.getRow(2).getCell(1).value).toBe('BJ');
  expect(sum.getRow(2).getCell(7).value).toBe(1); // 迟到次数
  expect(book.getWorksheet('考勤记录')!.getRow(2).getCell(4).value).toBeInstanceOf(Date);

  // 参考数据 → 班次下发: a new 中班 rolled out to BJ; the result in words; then a refused break names its row.
  await page.getByRole('button', { name: '参考数据' }).click();
  await page.getByRole('tab', { name: '班次下发' }).click();
  await expect(page.getByTestId('rollout-current')).toHaveText('当前：总部默认班次');
  await page.getByRole('button', { name: '添加班次' }).click();
  const row = page.getByTestId('shift-row').last();
  await row.getByLabel(/代码/).fill('M');
  await row.getByLabel(/名称/).fill('中班');
  await row.getByLabel(/夏季上班/).fill('10:00');
  await row.getByLabel(/夏季下班/).fill('19:00');
  // Three breaks: the field wraps them one a line instead of cutting the text.
  const longBreaks = row.getByLabel(/夏季休息/);
  await longBreaks.fill('13:00-13:30，16:00-16:15，17:30-17:45');
  expect(await longBreaks.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  await page.getByRole('button', { name: '下发班次' }).click();
  await expect(page.getByTestId('shift-rollout-results')).toBeFocused();
  await expect(page.getByTestId('shift-rollout-results')).toContainText('班次已下发到 1 家机构');
  await expect(page.getByTestId('shift-rollout-results')).toContainText('已写入，第 1 版');
  await shot(page, testInfo, 'staff-23-shift-rollout');
  await row.getByLabel(/夏季休息/).fill('09:00-09:30');
  await page.getByRole('button', { name: '下发班次' }).click();
  await expect(page.getByRole('form', { name: '班次下发' }).getByRole('alert')).toContainText('第 5 个班次夏季的第 1 段休息：休息时间不在班次之内');
  await expect(row).toHaveClass(/bg-rose-50/);
  // The desk has the new shift type (its 排班设置 says head office rolled it out).
  await desk.keyboard.press('Alt+8');
  await desk.getByRole('tab', { name: '排班设置' }).click();
  await expect(desk.getByTestId('shift-version')).toHaveText('班次：第 1 版（总部下发）', { timeout: 20_000 });

  // English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Roll out' }).click();
  await expect(page.getByRole('form', { name: 'Shift types' }).getByRole('alert')).toContainText('the break is outside the shift');
  await shot(page, testInfo, 'staff-24-shift-rollout-en');
  await page.getByRole('button', { name: 'Dashboard' }).click();
  await page.getByRole('tab', { name: 'Staff' }).click();
  await page.getByTestId('staff-figures-clinics').getByRole('row', { name: /北京/ }).getByRole('button').click();
  await page.getByTestId('staff-figures-people').getByRole('row', { name: /张导医/ }).getByRole('button').click();
  await expect(page.getByTestId('staff-figures-records')).toContainText('Lateness');
  await shot(page, testInfo, 'staff-25-headoffice-figures-en');
});
