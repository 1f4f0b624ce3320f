import type { APIRequestContext } from '@playwright/test';
import { expectPaper, paper, pdfPageTexts, printPdf } from './paper';
import { test, expect, shot, open, apiAs, type DeskHost } from './fixtures';
import { setUpClinicAsLead, signIn } from './steps';
import { seedFromHeadOffice } from './seed';

/** A staff member's id by name, read without a session. */
async function staffId(request: APIRequestContext, host: DeskHost, name: string): Promise<string> {
  const secret = new URL(host.openUrl).hash.slice('#k='.length);
  const staff = (await (await request.post(`${host.url}/api/staff.list`, { headers: { Authorization: `Bearer ${secret}` }, data: {} })).json()) as { data: { id: string; name: string }[] };
  return staff.data.find((s) => s.name === name)!.id;
}

/** Chinese prose of about `n` characters, sentence by sentence, as a long case is written. */
function prose(n: number, topic: string): string {
  const sentence = `${topic}：患者反映候诊时间过长，前台未主动说明原因，复诊医生临时调班亦未提前电话通知，患者情绪激动，要求院方书面答复并给出改进办法。`;
  return sentence.repeat(Math.ceil(n / sentence.length)).slice(0, n - 1) + '。';
}

// The 患者投诉处理表 of a long case (issue 19): some 2,000 characters over intake, investigation and notes; the
// sheet prints zoomed onto one A4 page (PrintForm.tsx's useFitToPage) instead of spilling onto a second.
test('a long complaint’s 患者投诉处理表 stays on one A4 page', async ({ page, host, request }, testInfo) => {
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await seedFromHeadOffice(host, [{ name: '赵主任', role: 'csDirector', pin: '2222' }]);
  await open(page, host.openUrl);
  const api = await apiAs(request, host, await staffId(request, host, '赵主任'), '2222');
  await api('complaint.setNumberingDesk', {});
  const c = (await api('complaint.record', {
    patient: { name: '王女士', phone: '13800001234' },
    channel: 'inPerson',
    what: prose(500, '投诉内容'),
    wants: prose(200, '患者诉求'),
    staffInvolved: '前台 小李、复诊医生 周医生',
    departmentId: 'plastic-surgery',
    evidence: [],
  })) as { id: string };
  await api('complaint.step', { id: c.id, step: { kind: 'accept', note: prose(100, '受理说明') }, attachments: [] });
  await api('complaint.step', { id: c.id, step: { kind: 'investigate', staffTalkedTo: '前台小李、周医生、当班导医组长', patientDemands: prose(150, '调查所得诉求'), findings: prose(600, '调查结果'), note: '' }, attachments: [] });
  for (let i = 1; i <= 3; i++) await api('complaint.step', { id: c.id, step: { kind: 'note', text: prose(200, `跟进记录${i}`) }, attachments: [] });

  await signIn(page, '赵主任', '2222');
  await page.getByRole('navigation').getByRole('button', { name: '投诉' }).click();
  await page.getByTestId('open').getByRole('button', { name: /王女士/ }).click();
  await page.getByRole('button', { name: '打印投诉处理表' }).click();
  const form = page.getByTestId('print-form');
  await expect(form).toContainText('跟进记录3');
  // Taller than the page at full size: it prints zoomed, and not below the readable 0.6.
  const fit = Number(await page.locator('.print-fit').getAttribute('data-fit'));
  expect(fit).toBeLessThan(1);
  expect(fit).toBeGreaterThanOrEqual(0.6);
  for (const line of ['患者签字', '客服主任签字', '审批人签字']) await expect(page.getByTestId('print-signatures')).toContainText(line);
  await shot(page, testInfo, 'complaints-20-long-form');
  await expectPaper(page, testInfo, 'complaints-long-form', 'A4');
  // Unzoomed, the same sheet takes more than one page: the fit is what keeps it on one.
  await page.locator('.print-fit').evaluate((el: HTMLElement) => el.style.setProperty('--fit', '1'));
  const unzoomed = (await printPdf(page, testInfo, 'complaints-long-form-unzoomed')).pages;
  expect(unzoomed.length).toBeGreaterThan(1);
  for (const p of unzoomed) expect(p).toEqual(paper.A4);
});

// A case of more than 4,000 characters (issue 19) no longer fits one page at the readable 0.6: it prints on two
// A4 pages, the title, clinic and number repeated atop the second, each page numbered (1 / 2, 2 / 2) in the
// margin, the signature lines whole on the last.
test('a complaint of more than 4,000 characters prints on two numbered A4 pages, its head repeated', async ({ page, host, request }, testInfo) => {
  await open(page, host.openUrl);
  await setUpClinicAsLead(page);
  await seedFromHeadOffice(host, [{ name: '赵主任', role: 'csDirector', pin: '2222' }]);
  await open(page, host.openUrl);
  const api = await apiAs(request, host, await staffId(request, host, '赵主任'), '2222');
  await api('complaint.setNumberingDesk', {});
  const texts = { what: prose(1400, '投诉内容'), wants: prose(200, '患者诉求'), findings: prose(1400, '调查结果'), notes: [1, 2, 3].map((i) => prose(350, `跟进记录${i}`)) };
  const c = (await api('complaint.record', { patient: { name: '王女士', phone: '13800001234' }, channel: 'inPerson', what: texts.what, wants: texts.wants, staffInvolved: '前台 小李、复诊医生 周医生', departmentId: 'plastic-surgery', evidence: [] })) as { id: string };
  await api('complaint.step', { id: c.id, step: { kind: 'accept', note: prose(100, '受理说明') }, attachments: [] });
  await api('complaint.step', { id: c.id, step: { kind: 'investigate', staffTalkedTo: '前台小李、周医生、当班导医组长', patientDemands: prose(150, '调查所得诉求'), findings: texts.findings, note: '' }, attachments: [] });
  for (const text of texts.notes) await api('complaint.step', { id: c.id, step: { kind: 'note', text }, attachments: [] });
  expect(texts.what.length + texts.wants.length + texts.findings.length + texts.notes.join('').length).toBeGreaterThan(4000);

  await signIn(page, '赵主任', '2222');
  await page.getByRole('navigation').getByRole('button', { name: '投诉' }).click();
  await page.getByTestId('open').getByRole('button', { name: /王女士/ }).click();
  await page.getByRole('button', { name: '打印投诉处理表' }).click();
  await expect(page.getByTestId('print-form')).toContainText('跟进记录3');
  await expect(page.getByTestId('print-form')).toHaveAttribute('data-pages', '2');
  // Not shrunk below the readable 0.6 to force one page.
  expect(Number(await page.locator('.print-fit').getAttribute('data-fit'))).toBeGreaterThanOrEqual(0.6);
  const number = (await page.getByTestId('print-head').locator('.font-mono').textContent())!;
  expect(number).toMatch(/\d/);
  await shot(page, testInfo, 'complaints-21-very-long-form');
  const pdf = await expectPaper(page, testInfo, 'complaints-very-long-form', 'A4', 2);
  // The English sheet is paged the same way.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Print complaint form' }).click();
  await expect(page.getByTestId('print-form')).toHaveAttribute('data-pages', '2');
  await shot(page, testInfo, 'complaints-21-very-long-form-en');
  await expectPaper(page, testInfo, 'complaints-very-long-form-en', 'A4', 2);
  const pages = pdfPageTexts(pdf, 'complaints-very-long-form');
  // Without poppler-utils only the page count and size above are checked; with it, what each page says.
  if (!pages) return void testInfo.annotations.push({ type: 'note', description: 'no pdftotext here: page texts not read' });
  expect(pages).toHaveLength(2);
  pages.forEach((text, i) => {
    const flat = text.replace(/\s+/g, '');
    expect(flat, `page ${i + 1}'s head`).toContain('患者投诉处理表');
    expect(flat, `page ${i + 1}'s head`).toContain(number);
    expect(flat, `page ${i + 1}'s number`).toContain(`${i + 1}/2`);
  });
  const last = pages[1]!.replace(/\s+/g, '');
  for (const line of ['患者签字', '客服主任签字', '审批人签字']) expect(last).toContain(line);
});
