import { test, expect, shot, open, apiAs, firstStaffId, hostClockAt } from './fixtures';
import { expectPaper } from './paper';
import { checkInFirstVisit, connectToHeadOffice, setUpClinicAsLead, setUpHeadOffice, signIn } from './steps';

/** Thursday 2026-11-26 09:30 in the clinic; the host restarts on Friday 09:30 for the calls. */
const THURSDAY = '2026-11-26T01:30:00Z';
const FRIDAY = '2026-11-27T01:30:00Z';
hostClockAt(THURSDAY);
// The tests move the hosts to Friday (DAOYI_CLOCK_START); the next test's hosts start on Thursday again.
test.afterEach(() => {
  process.env.DAOYI_CLOCK_START = THURSDAY;
});

test('回访: a visitor leaves after surgery, the next day she is on the call list, a call with the four ratings', async ({ page, host, request }, testInfo) => {
  await page.clock.setFixedTime(new Date(THURSDAY));
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');
  await checkInFirstVisit(page, { name: '林美玲', phone: '13912345678', department: '整形外科' });

  // She leaves with 手术消费 (recorded at the desk; the API stands in for the visit's actions).
  const api = await apiAs(request, host, await firstStaffId(request, host), '1234');
  const board = (await api('visits.board', { date: '2026-11-26' })) as unknown as { id: string; customerName: string }[];
  const visit = board.find((r) => r.customerName === '林美玲')!;
  await api('visits.setStatus', { visitId: visit.id, status: 'left', outcome: 'surgical', note: '' });

  // Thursday: nothing is due yet.
  await page.keyboard.press('Alt+6');
  await expect(page.getByText('今天没有待回访的客户')).toBeVisible();

  // Friday morning: the host restarts a day later, and she is on the list with her full number to dial.
  process.env.DAOYI_CLOCK_START = FRIDAY;
  await host.restart();
  await page.clock.setFixedTime(new Date(FRIDAY));
  await open(page, host.openUrl);
  await signIn(page, '王组长', '1234');
  await page.keyboard.press('Alt+6');
  const rows = page.getByTestId('followup-row').filter({ hasText: '林美玲' });
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText('13912345678');
  await shot(page, testInfo, 'followup-01-call-list');

  // Enter opens the call form; she rates 技术 非常满意 and 准时 一般, praises, and the call is recorded.
  const before = await rows.count();
  await rows.first().focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('form').or(page.locator('form')).first();
  await expect(page.getByText('回访：林美玲')).toBeVisible();
  await form.getByRole('group', { name: '技术' }).getByLabel('非常满意').check();
  await form.getByRole('group', { name: '准时' }).getByLabel('一般').check();
  await form.getByRole('group', { name: '反馈分类' }).getByLabel('表扬').check();
  await form.getByLabel('意见与建议').fill('医生很耐心，恢复得好。');
  await shot(page, testInfo, 'followup-02-call-form');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已记录：林美玲')).toBeVisible();
  await expect(rows).toHaveCount(before - 1); // a reached call closes its task

  // The week's figures count her answers: one reached call, satisfied overall.
  const friday = await apiAs(request, host, await firstStaffId(request, host), '1234'); // the restarted host has a new address and secret
  const figures = (await friday('followup.figures', { date: '2026-11-27', period: 'week' })) as unknown as { comments: { customerName: string; feedback: string | null; comments: string }[] };
  expect(figures.comments).toContainEqual(expect.objectContaining({ customerName: '林美玲', feedback: 'praise', comments: '医生很耐心，恢复得好。' }));

  // Her next call: she complains. Saving the call opens the complaint intake, channel 回访反馈.
  await expect(rows).toHaveCount(1);
  await rows.first().focus();
  await page.keyboard.press('Enter');
  await form.getByRole('group', { name: '服务态度' }).getByLabel('较差').check();
  await form.getByRole('group', { name: '反馈分类' }).getByLabel('投诉').check();
  await form.getByLabel('意见与建议').fill('术后肿胀，打电话没人回。');
  await form.getByRole('button', { name: '保存' }).click();
  const intake = page.getByRole('form', { name: '登记投诉：林美玲' });
  await expect(intake).toBeVisible();
  await expect(intake).toContainText('投诉渠道：回访反馈');
  await expect(intake.getByLabel('投诉内容')).toHaveValue('术后肿胀，打电话没人回。');
  await intake.getByLabel('患者诉求').fill('请医生复查');
  await shot(page, testInfo, 'followup-04-complaint-intake');
  await intake.getByRole('button', { name: '登记投诉' }).click();
  await expect(page.getByText('已登记投诉：林美玲（待编号）')).toBeVisible();
  await expect(rows).toHaveCount(0);
  // The complaint is the complaints domain's own, channel 回访反馈, pointing back at the task.
  const cases = (await friday('complaint.list', { scope: 'all', month: null })) as unknown as { id: string; channel: string; patientName: string }[];
  expect(cases).toContainEqual(expect.objectContaining({ channel: 'followUp', patientName: '林美玲' }));
  // …and its case view links back to the call: 来自回访, the plan and Thursday's visit, and 打开回访 returns to the list.
  await page.getByRole('button', { name: '投诉', exact: true }).click();
  await page.getByTestId('open').getByRole('button', { name: /林美玲/ }).click();
  const back = page.getByTestId('from-followup');
  await expect(back).toContainText('来自回访');
  await expect(back).toContainText('2026-11-26');
  await shot(page, testInfo, 'followup-07-complaint-from-call');
  await back.getByRole('button', { name: '打开回访' }).click();

  // The printable 服务满意度调查表: the four questions and four levels, one A4 page as PDF.
  await page.getByRole('button', { name: '打印满意度调查表' }).click();
  const sheet = page.getByTestId('survey-form');
  await expect(sheet).toContainText('服务满意度调查表');
  for (const q of ['服务态度', '技术', '准时', '守信', '非常满意', '满意', '一般', '较差']) await expect(sheet).toContainText(q);
  await shot(page, testInfo, 'followup-05-survey-form');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: '打印 / 存为 PDF' })).toBeHidden();
  const pdf = await page.pdf({ preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const text = pdf.toString('latin1');
  expect(text.slice(0, 5)).toBe('%PDF-');
  expect(text.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1); // one page
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
  expect(Math.round(Number(box![1]))).toBe(595); // A4 portrait in points (210 × 297 mm)
  expect(Math.round(Number(box![2]))).toBe(842);
  await testInfo.attach('survey-form.pdf', { body: pdf, contentType: 'application/pdf' });
  await page.getByRole('button', { name: '返回' }).click();

  // English.
  await page.getByRole('button', { name: 'English' }).click();
  await shot(page, testInfo, 'followup-03-call-list-en');
  await page.getByRole('button', { name: 'Print the survey form' }).click();
  await expect(page.getByTestId('survey-form')).toContainText('Service satisfaction survey');
  await shot(page, testInfo, 'followup-06-survey-form-en');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('survey-form')).toBeHidden();
  // The complaint's link back to its call, in English.
  await page.getByRole('button', { name: 'Complaints', exact: true }).click();
  await page.getByTestId('open').getByRole('button', { name: /林美玲/ }).click();
  await expect(page.getByTestId('from-followup')).toContainText('Service call (within 7 days)');
  await page.getByTestId('from-followup').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'followup-08-complaint-from-call-en');

  // 回访 → 统计, the CS director's figures (seed 001: 「客戶滿意度須達到90%以上」): this week (Saturday
  // 11-21 to Friday 11-27) her two reached calls, 3 of 4 answers 满意 or better in each, 75 % 未达标.
  await page.getByRole('button', { name: '中文' }).click();
  await page.keyboard.press('Alt+6');
  await page.getByRole('tab', { name: '今日回访' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: '统计' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('回访满意度（本周：2026-11-21 至 2026-11-27）')).toBeVisible();
  await expect(page.getByTestId('figures-satisfaction')).toHaveText('75%');
  await expect(page.getByRole('button', { name: /满意度 · 未达标/ })).toBeVisible();
  // Due by today: her 服务回访 and 次日满意度调查 (术后 is due on 11-29), both reached.
  await expect(page.getByTestId('figures-reached')).toHaveText('2 / 2');
  await expect(page.getByTestId('figures-success')).toHaveText('100%');
  await expect(page.getByTestId('figures-overdue')).toHaveText('0');
  const dept = page.getByTestId('figures-department');
  await expect(dept).toContainText('整形外科');
  const row = dept.getByRole('row', { name: /整形外科/ });
  await expect(row.getByRole('cell')).toHaveText(['整形外科', '8', '75%', '未达标']);
  // The keyboard opens the tasks behind a figure: 已接通 counts her two reached calls.
  await page.getByRole('button', { name: /已接通 \/ 应回访/ }).focus();
  await page.keyboard.press('Enter');
  const records = page.getByTestId('figures-records');
  await expect(records.getByRole('heading', { name: '本院 · 已接通' })).toBeFocused();
  await expect(records.getByTestId('figures-record')).toHaveCount(2);
  await expect(records.getByTestId('figures-record').first()).toContainText('林美玲');
  await expect(records.getByTestId('figures-record').first()).toContainText('3/4 题满意');
  // 整形外科's 答题数 opens the surveys of that department only.
  await dept.getByRole('button', { name: '8' }).click();
  await expect(records.getByRole('heading', { name: '整形外科 · 已答卷' })).toBeVisible();
  await expect(records.getByTestId('figures-record')).toHaveCount(2);
  await shot(page, testInfo, 'followup-09-figures');
  await records.getByRole('heading').focus();
  await page.keyboard.press('Escape');
  await expect(records).toBeHidden();
  // The month (November) counts the same two, its title says so.
  await page.getByTestId('figures-span').selectOption('month');
  await expect(page.getByText('回访满意度（本月：2026-11-01 至 2026-11-30）')).toBeVisible();
  await expect(page.getByTestId('figures-satisfaction')).toHaveText('75%');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: /Reached \/ due/ }).click();
  await expect(records.getByRole('heading', { name: 'This clinic · Reached' })).toBeVisible();
  await shot(page, testInfo, 'followup-10-figures-en');
});

test('回访 at head office: its call centre calls a clinic visitor from the next-day survey, and the clinic desk shows the call by the caller', async ({ browser, page, host, newHost, headOffice, request }, testInfo) => {
  test.setTimeout(90_000); // two hosts and sync both ways on a shared machine
  // BJ's desk on Thursday, connected to head office: a visitor leaves without buying.
  await page.clock.setFixedTime(new Date(THURSDAY));
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');
  await connectToHeadOffice(page, headOffice);
  await page.keyboard.press('Alt+1');
  await checkInFirstVisit(page, { name: '陈晓雯', phone: '13712345678', department: '整形外科' });
  const api = await apiAs(request, host, await firstStaffId(request, host), '1234');
  const board = (await api('visits.board', { date: '2026-11-26' })) as unknown as { id: string; customerName: string }[];
  await api('visits.setStatus', { visitId: board.find((r) => r.customerName === '陈晓雯')!.id, status: 'left', outcome: 'noPurchase', note: '' });
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 15_000 });

  // Friday: head office's computer, its director on the 回访 tab, BJ chosen (seed 001: 「改由集團公司客服部統一進行回訪」).
  process.env.DAOYI_CLOCK_START = FRIDAY;
  await host.restart();
  await page.clock.setFixedTime(new Date(FRIDAY));
  await open(page, host.openUrl);
  await signIn(page, '王组长', '1234');
  await page.keyboard.press('Alt+6');
  const desk = page.getByTestId('followup-row').filter({ hasText: '陈晓雯' });
  await expect(desk).toBeVisible();
  const hoHost = await newHost();
  const ho = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await ho.clock.setFixedTime(new Date(FRIDAY));
  await open(ho, hoHost.openUrl);
  await setUpHeadOffice(ho, headOffice);
  await signIn(ho, '赵总监', '2468');
  await ho.getByRole('button', { name: '回访', exact: true }).click();
  await ho.getByLabel('诊所').selectOption('BJ');
  const row = ho.getByTestId('followup-row').filter({ hasText: '陈晓雯' });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('次日满意度调查');
  await expect(row).toContainText('13712345678'); // the caller's own list: the full number to dial

  // She takes it; key 2 records 无人接听 (the task stays open, one try used).
  await row.getByRole('button', { name: '认领' }).click();
  await expect(row).toContainText('赵总监 已认领');
  await row.focus();
  await ho.keyboard.press('2');
  await expect(ho.getByText('已记录：陈晓雯')).toBeVisible();
  await expect(row).toContainText('已拨 1/');
  // BJ's desk receives the call by sync and shows it by head office's caller (seed 001: calls made at head office reach the clinic).
  await expect(desk).toContainText('赵总监 已认领', { timeout: 30_000 });
  await expect(desk).toContainText('已拨 1/');
  await shot(page, testInfo, 'followup-ho-03-desk-sees-caller');

  // Key 5, 约定改时间, with a time already past: refused on the field, in Chinese, nothing written.
  await row.focus();
  await ho.keyboard.press('5');
  const form = ho.getByRole('form', { name: '回访：陈晓雯' });
  await form.getByLabel('约定时间').fill('2026-11-27T08:00');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('alert')).toHaveText('约定时间须晚于现在');
  await expect(row).toContainText('已拨 1/');
  await form.getByRole('button', { name: '取消' }).click();

  // Enter: she is reached and answers the four questions of the survey (seed 003).
  await row.focus();
  await ho.keyboard.press('Enter');
  await form.getByRole('group', { name: '服务态度' }).getByLabel('非常满意').check();
  await form.getByRole('group', { name: '准时' }).getByLabel('一般').check();
  await form.getByRole('group', { name: '反馈分类' }).getByLabel('建议').check();
  await form.getByLabel('意见与建议').fill('等候时间可以再短一些。');
  await shot(ho, testInfo, 'followup-ho-01-call');
  await ho.getByRole('button', { name: 'English' }).click();
  await expect(ho.getByRole('form', { name: 'Call: 陈晓雯' })).toBeVisible();
  await shot(ho, testInfo, 'followup-ho-02-call-en');
  await ho.getByRole('button', { name: '中文' }).click();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(ho.getByText('已记录：陈晓雯')).toBeVisible();
  await expect(row).toHaveCount(0); // a reached call closes its task

  // …and BJ's desk receives that too: her row leaves its list.
  await expect(desk).toHaveCount(0, { timeout: 30_000 });

  // 总部看板 → 回访 follows the dashboard's own 从/至 (here Friday only, not its week): her call
  // counts once consolidation brought it; 已接通 opens exactly her task.
  await ho.getByRole('button', { name: '总部看板' }).click();
  await ho.getByLabel('开始日期').fill('2026-11-27');
  await ho.getByLabel('结束日期').fill('2026-11-27');
  await ho.getByRole('tab', { name: '回访' }).click();
  await expect(ho.getByText('2026-11-27 至 2026-11-27')).toBeVisible();
  await expect(ho.getByTestId('tile-followup-reached')).toHaveText('1 / 1', { timeout: 30_000 });
  await expect(ho.getByTestId('tile-followup-satisfaction')).toHaveText('75%'); // 3 of 4 answers 满意 or better
  await ho.getByTestId('followup-BJ-1').click(); // BJ's 已接通
  await expect(ho.getByRole('heading', { name: /^明细：BJ · .+ · 已接通$/ })).toBeFocused();
  const rec = ho.getByTestId('followup-record');
  await expect(rec).toHaveCount(1);
  await expect(rec).toContainText('陈晓雯');
  await expect(rec).toContainText('次日满意度调查');
  await expect(rec).toContainText('3/4 题满意 · 建议');
  await shot(ho, testInfo, 'followup-ho-04-dashboard-records');
  // The section's 导出 Excel is the follow-up workbook for the range.
  const downloading = ho.waitForEvent('download');
  await ho.getByRole('button', { name: '导出 Excel' }).click();
  expect((await downloading).suggestedFilename()).toBe('回访满意度-2026-11-27-2026-11-27.xlsx');
  await ho.getByRole('button', { name: 'English' }).click();
  await ho.getByTestId('tile-followup-satisfaction').click(); // the satisfaction opens the surveys behind it
  await expect(rec).toHaveCount(1);
  await expect(ho.getByRole('heading', { name: /Records: .*Surveyed$/ })).toBeVisible();
  await expect(rec).toContainText('3/4 satisfied · Suggestion');
  await shot(ho, testInfo, 'followup-ho-05-dashboard-records-en');

  // 报表 → the Friday report's follow-up part (seed 001 每週五): per clinic, then per department,
  // consultant and doctor on screen, with her comment; week or month; printed on ONE A4 landscape page.
  await ho.getByRole('button', { name: '中文' }).click();
  await ho.getByRole('button', { name: '报表' }).click();
  await ho.getByLabel('所在周（周六至周五）').fill('2026-11-27');
  const part = ho.getByTestId('followup-report');
  await expect(part).toContainText('回访满意度（本周：2026-11-21 至 2026-11-27）');
  await expect(ho.getByRole('table', { name: '科室' }).getByRole('row', { name: /整形外科/ })).toHaveText(/整形外科\s*4\s*75%\s*未达标/);
  await expect(ho.getByRole('table', { name: '咨询师' }).getByRole('row')).toHaveCount(2);
  await expect(ho.getByRole('table', { name: '医生' }).getByRole('row')).toHaveCount(2);
  await expect(part).toContainText('陈晓雯（建议）：等候时间可以再短一些。');
  await ho.getByTestId('followup-report-span').selectOption('month');
  await expect(part).toContainText('回访满意度（本月：2026-11-01 至 2026-11-30）');
  await expect(ho.getByRole('table', { name: '科室' })).toContainText('整形外科');
  await shot(ho, testInfo, 'followup-ho-06-friday-report');
  // Its figures open their records, as the dashboard's do: BJ's 已接通 (by the keyboard) her call…
  await ho.getByTestId('followup-report-BJ-1').focus();
  await ho.keyboard.press('Enter');
  await expect(ho.getByRole('heading', { name: /^明细：BJ · .+ · 已接通$/ })).toBeFocused();
  await expect(rec).toHaveCount(1);
  await expect(rec).toContainText('陈晓雯');
  await expect(ho.getByText('BJ · 2026-11-01 – 2026-11-30')).toBeVisible();
  // …and 整形外科's 答题数 the surveys of that department (4 answers: one call); 合计's overdue is 0, no button.
  await ho.getByTestId('followup-department-BJ-plastic-surgery-answers').click();
  await expect(ho.getByRole('heading', { name: '明细：BJ · 整形外科 · 已答卷' })).toBeFocused();
  await expect(rec).toHaveCount(1);
  await expect(rec).toContainText('3/4 题满意 · 建议');
  await expect(ho.getByTestId('followup-report-*-3')).toHaveCount(0);
  await shot(ho, testInfo, 'followup-ho-06b-friday-report-records');
  await ho.keyboard.press('Escape');
  await expect(rec).toHaveCount(0);
  await expectPaper(ho, testInfo, 'followup-ho-friday-report', 'A4 landscape');
  await ho.getByRole('button', { name: 'English' }).click();
  await expect(part).toContainText('Follow-up satisfaction (this month: 2026-11-01 to 2026-11-30)');
  await expect(ho.getByRole('table', { name: 'Department' })).toContainText('Missed');
  await shot(ho, testInfo, 'followup-ho-07-friday-report-en');
  await ho.getByTestId('followup-report-*-5').click(); // 合计's satisfaction: the surveys behind it
  await expect(ho.getByRole('heading', { name: 'Records: Total · Surveyed' })).toBeFocused();
  await expect(rec).toHaveCount(1);
  await shot(ho, testInfo, 'followup-ho-07b-friday-report-records-en');
});

test('回访 at head office for 全部门店: a call classified 投诉 opens the complaint in the clinic, and the paper survey prints on one A4 page', async ({ browser, page, host, newHost, headOffice, request }, testInfo) => {
  test.setTimeout(90_000);
  // BJ's desk on Thursday, connected to head office: a visitor leaves without buying.
  await page.clock.setFixedTime(new Date(THURSDAY));
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await signIn(page, '王组长', '1234');
  await connectToHeadOffice(page, headOffice);
  await page.keyboard.press('Alt+1');
  await checkInFirstVisit(page, { name: '周雨', phone: '13712340000', department: '整形外科' });
  const api = await apiAs(request, host, await firstStaffId(request, host), '1234');
  const board = (await api('visits.board', { date: '2026-11-26' })) as unknown as { id: string; customerName: string }[];
  await api('visits.setStatus', { visitId: board.find((r) => r.customerName === '周雨')!.id, status: 'left', outcome: 'noPurchase', note: '' });
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 15_000 });

  // Friday at head office: 全部门店 lists every clinic's next-day surveys, each row naming its clinic.
  process.env.DAOYI_CLOCK_START = FRIDAY;
  const hoHost = await newHost();
  const ho = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await ho.clock.setFixedTime(new Date(FRIDAY));
  await open(ho, hoHost.openUrl);
  await setUpHeadOffice(ho, headOffice);
  await signIn(ho, '赵总监', '2468');
  await ho.getByRole('button', { name: '回访', exact: true }).click();
  await ho.getByLabel('诊所').selectOption({ label: '全部门店' });
  const row = ho.getByTestId('followup-row').filter({ hasText: '周雨' });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('BJ');

  // The paper survey for her (seed 003's four questions), one A4 page.
  await ho.getByRole('button', { name: '打印满意度调查表' }).click();
  const sheet = ho.getByTestId('survey-form');
  await expect(sheet).toContainText('服务满意度调查表');
  await expect(sheet).toContainText('周雨');
  await expect(sheet).not.toContainText('集团总部'); // the clinic's name, not head office's
  await shot(ho, testInfo, 'followup-ho-08-survey');
  await expectPaper(ho, testInfo, 'followup-ho-survey', 'A4');
  await ho.getByRole('button', { name: '返回' }).click();

  // Reached, she complains: saving the call opens the intake; it is saved in BJ's database.
  await row.focus();
  await ho.keyboard.press('Enter');
  const form = ho.getByRole('form', { name: '回访：周雨' });
  await form.getByRole('group', { name: '服务态度' }).getByLabel('较差').check();
  await form.getByRole('group', { name: '反馈分类' }).getByLabel('投诉').check();
  await form.getByLabel('意见与建议').fill('前台态度很差。');
  await form.getByRole('button', { name: '保存' }).click();
  const intake = ho.getByRole('form', { name: '登记投诉：周雨' });
  await expect(intake).toContainText('投诉渠道：回访反馈');
  await expect(intake.getByLabel('投诉内容')).toHaveValue('前台态度很差。');
  await intake.getByLabel('患者诉求').fill('要求道歉');
  await shot(ho, testInfo, 'followup-ho-09-complaint-intake');
  await ho.getByRole('button', { name: 'English' }).click();
  await expect(ho.getByRole('form', { name: /周雨/ })).toBeVisible();
  await shot(ho, testInfo, 'followup-ho-10-complaint-intake-en');
  await ho.getByRole('button', { name: '中文' }).click();
  await intake.getByRole('button', { name: '登记投诉' }).click();
  await expect(ho.getByText('已登记投诉：周雨（待编号）')).toBeVisible();
  await expect(row).toHaveCount(0);
  // BJ's desk receives the complaint by sync, linked to the call (the task shows it).
  const visitId = board.find((r) => r.customerName === '周雨')!.id;
  const taskId = `followup-task:BJ:nextDaySurvey:${visitId.split(':').slice(2).join(':')}`;
  await expect
    .poll(async () => ((await api('followup.task', { taskId })) as unknown as { complaintId: string | null }).complaintId, { timeout: 30_000 })
    .toMatch(/^complaint:BJ:/);
});
