import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Input } from '../../shared/contract';
import { calendar2026 } from '../../shared/reference/calendar';
import { clinicDate } from '../../shared/time';
import { docVersions } from '../../shared/docTypes';
import { storeMark, type TestApp } from '../support/app';
import { firstVisit, LEAD_PIN, setUpClinic, visitFields } from '../support/factories';
import { complaintIntake, complaintStaff, plainSteps, signInCsDirector } from '../support/complaints';
import { defaultTemplates, itemsFor } from '../../shared/inspection/templates';
import { groomingMarks, signInToRun } from '../support/valid/inspection';
import { bookAt, booking } from '../support/valid/appointments';
import { DESK_USERS, HO_USER, type TestHeadOffice } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { openXlsx, sheetProblems } from '../support/xlsxTypes';
import { testWorld } from '../support/world';

/**
 * Head-office mode (issue 8) against the embedded head office with consolidation: two clinics'
 * desks check visitors in over several days, head office pulls the consolidated database, and
 * every figure of the dashboard and of the export is checked against counts this test keeps
 * itself while it enters the data.
 */
const { headOffice, desk } = testWorld();
const DIRECTOR_PIN = '2468';

interface Entered {
  clinic: string;
  date: string;
  first: boolean;
  department: string;
  source: string | null;
}

async function clinicDesk(ho: TestHeadOffice, code: 'BJ' | 'SH', start: Date) {
  const t = await desk();
  t.clock.now = start;
  const f = await setUpClinic(t, { code, name: code === 'BJ' ? '北京院' : '上海院', inHeadOfficeCity: code === 'BJ' });
  await t.api['sync.configure']({ url: ho.url, ...DESK_USERS[code] });
  /** Another day at the desk: the clock moves and the lead signs in again (sessions end). */
  const moveTo = async (iso: string) => {
    t.clock.now = new Date(iso);
    await t.signIn(f.lead.id, LEAD_PIN);
  };
  return { t, moveTo, ...f };
}

/** Checks visitors in (first visits with the given sources, then returning visits) and notes them. */
async function checkIns(t: TestApp, code: string, entered: Entered[], plan: { sources: ('web' | 'phone' | 'referral')[]; returning: number; departmentId: string; department: string }) {
  const customerIds: string[] = [];
  for (const source of plan.sources) {
    const v = await t.api['desk.checkIn'](firstVisit({ source }, { departmentId: plan.departmentId }));
    customerIds.push(v.customerId);
    entered.push({ clinic: code, date: clinicDate(t.clock.now), first: true, department: plan.department, source });
    t.clock.advance(7);
  }
  for (let i = 0; i < plan.returning; i++) {
    await t.api['desk.checkIn']({ customer: { id: customerIds[i % customerIds.length]! }, visit: visitFields({ departmentId: plan.departmentId, repeatReason: '复诊' }) });
    entered.push({ clinic: code, date: clinicDate(t.clock.now), first: false, department: plan.department, source: null });
    t.clock.advance(5);
  }
}

async function headOfficeDesk(ho: TestHeadOffice) {
  const t = await desk();
  const status = await t.anon['headoffice.setup']({ url: ho.url, ...HO_USER, director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: DIRECTOR_PIN } });
  expect(status).toMatchObject({ setupDone: true, headOffice: true, clinic: { code: 'HO' } });
  const director = (await t.anon['staff.list']({})).find((s) => s.role === 'hoCsDirector')!;
  await t.signIn(director.id, DIRECTOR_PIN);
  return t;
}

function count(entered: Entered[], where: (e: Entered) => boolean) {
  return entered.filter(where).length;
}

describe('head-office mode', () => {
  it('pulls every clinic, and each dashboard and export figure matches what the desks entered', async () => {
    const ho = await headOffice({ consolidate: true });
    const entered: Entered[] = [];
    const bj = await clinicDesk(ho, 'BJ', new Date('2026-11-02T01:30:00Z'));
    const sh = await clinicDesk(ho, 'SH', new Date('2026-11-02T02:00:00Z'));
    // Two appointments at BJ on Nov 2 that nobody keeps: 09:00, marked by hand at 09:30; 16:00,
    // recorded by the end-of-day job once the desk asks for Nov 2 the next day.
    const noShowsEntered: { clinic: string; date: string; how: string }[] = [];
    const unkept = await bookAt(bj.t, new Date('2026-11-02T00:30:00Z'), booking(bj.t, { date: '2026-11-02', time: '09:00' }));
    await bj.t.api['appointment.markNoShow']({ id: unkept.id });
    noShowsEntered.push({ clinic: 'BJ', date: '2026-11-02', how: 'manual' });
    await bj.t.api['appointment.book'](booking(bj.t, { date: '2026-11-02', time: '16:00' }));
    noShowsEntered.push({ clinic: 'BJ', date: '2026-11-02', how: 'auto' });
    // Three clinic days in November for BJ (one of them on a Monday of another week), two for SH.
    await checkIns(bj.t, 'BJ', entered, { sources: ['web', 'phone', 'web'], returning: 2, departmentId: 'plastic-surgery', department: '整形外科' });
    await bj.moveTo('2026-11-03T03:00:00Z');
    expect((await bj.t.api['appointment.day']({ date: '2026-11-02' })).map((a) => a.state)).toEqual(['noShow', 'noShow']);
    await checkIns(bj.t, 'BJ', entered, { sources: ['referral'], returning: 1, departmentId: 'skin', department: '皮肤美容科' });
    await bj.moveTo('2026-11-10T02:00:00Z');
    await checkIns(bj.t, 'BJ', entered, { sources: ['web', 'web'], returning: 0, departmentId: 'injection', department: '微整注射' });
    await checkIns(sh.t, 'SH', entered, { sources: ['phone'], returning: 1, departmentId: 'skin', department: '皮肤美容科' });
    await sh.moveTo('2026-11-30T15:30:00Z'); // 23:30 on the 30th in the clinic: still November
    await checkIns(sh.t, 'SH', entered, { sources: ['web', 'referral'], returning: 0, departmentId: 'plastic-surgery', department: '整形外科' });
    // A visit in December, outside the period asked below.
    await sh.moveTo('2026-11-30T16:30:00Z');
    await checkIns(sh.t, 'SH', entered, { sources: ['phone'], returning: 0, departmentId: 'skin', department: '皮肤美容科' });

    // The day's service at BJ on Nov 10: tea for the two visitors, one with an exception; the first
    // waits 12 minutes before the hand-off and leaves with surgery, the second waits 20 and leaves.
    const template = await bj.t.api['tea.template']({});
    const checks = (exception: boolean) => template.items.map((item, i) => ({ itemId: item.id, ok: !(exception && i === 0), note: exception && i === 0 ? '太满' : '' }));
    const nov10 = (await bj.t.api['visits.board']({})).filter((r) => r.arrivedAt.startsWith('2026-11-10'));
    expect(nov10).toHaveLength(2);
    const [v1, v2] = nov10 as [(typeof nov10)[number], (typeof nov10)[number]];
    const at = (visit: { arrivedAt: string }, minutes: number) => new Date(Date.parse(visit.arrivedAt) + minutes * 60_000);
    bj.t.clock.now = at(v2, 3);
    await bj.t.api['tea.serve']({ visitId: v1.id, drink: '绿茶', templateId: template.id, checks: checks(true) });
    await bj.t.api['tea.serve']({ visitId: v2.id, drink: '白开水', templateId: template.id, checks: checks(false) });
    bj.t.clock.now = at(v1, 12);
    await bj.t.api['visits.setStatus']({ visitId: v1.id, status: 'withConsultant' });
    await bj.t.api['visits.setStatus']({ visitId: v1.id, status: 'left', outcome: 'surgical' });
    bj.t.clock.now = at(v2, 20);
    await bj.t.api['visits.setStatus']({ visitId: v2.id, status: 'left', outcome: 'noPurchase' });
    const expectedFirstCups = [(at(v2, 3).getTime() - Date.parse(v1.arrivedAt)) / 60_000, 3];

    const t = await headOfficeDesk(ho);
    const expectedVisits = entered.length;
    await waitFor(async () => {
      const rows = await t.app.store.db.allDocs({ startkey: 'visit:', endkey: 'visit:\ufff0' });
      return rows.rows.length === expectedVisits;
    }, `all ${expectedVisits} visits to reach head office`, 30_000);
    const countOf = async (prefix: string) => (await t.app.store.db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0` })).rows.length;
    await waitFor(async () => (await countOf('visit-event:')) === 3 && (await countOf('tea-event:')) === 2 && (await countOf('no-show:')) === noShowsEntered.length, 'the visit and tea events and the no-shows to reach head office', 30_000);

    const november = (e: Entered) => e.date >= '2026-11-01' && e.date <= '2026-11-30';
    const dash = await t.api['headoffice.dashboard']({ from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'day' });
    expect(dash.clinics.map((c) => c.code)).toEqual(['BJ', 'SH']);
    expect(dash.visits.periods).toHaveLength(30);
    expect(dash.visits.total).toBe(count(entered, november));
    expect(dash.visits.firstTotal).toBe(count(entered, (e) => november(e) && e.first));
    dash.visits.periods.forEach((day, i) => {
      expect(dash.visits.first[i], `first visits on ${day}`).toBe(count(entered, (e) => e.date === day && e.first));
      expect(dash.visits.returning[i], `returning visits on ${day}`).toBe(count(entered, (e) => e.date === day && !e.first));
    });
    // No-shows (爽约), by the appointment's day, and the records behind them.
    expect(dash.visits.noShowTotal).toBe(noShowsEntered.length);
    dash.visits.periods.forEach((day, i) => expect(dash.visits.noShows[i], `no-shows on ${day}`).toBe(noShowsEntered.filter((n) => n.date === day).length));
    const noShowRows = await t.api['headoffice.noShowRecords']({ period: { from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'day' } });
    expect(noShowRows.map((r) => [r.clinic, r.date, r.time, r.how, r.recordedBy])).toEqual([
      ['BJ', '2026-11-02', '09:00', 'manual', bj.lead.name],
      ['BJ', '2026-11-02', '16:00', 'auto', 'system'],
    ]);
    expect(await t.api['headoffice.noShowRecords']({ period: { from: '2026-11-01', to: '2026-11-30', clinic: 'SH', grain: 'day' } })).toEqual([]);
    for (const c of dash.visits.byClinic) {
      expect(c.noShows, `${c.key} no-shows`).toBe(noShowsEntered.filter((n) => n.clinic === c.key).length);
      expect(c.first, `${c.key} first`).toBe(count(entered, (e) => november(e) && e.clinic === c.key && e.first));
      expect(c.returning, `${c.key} returning`).toBe(count(entered, (e) => november(e) && e.clinic === c.key && !e.first));
    }
    expect(dash.visits.byClinic.map((c) => c.name)).toEqual(['北京院', '上海院']);
    for (const d of dash.visits.byDepartment) expect(d.count, d.key).toBe(count(entered, (e) => november(e) && e.department === d.key));
    expect(dash.visits.byDepartment.reduce((a, d) => a + d.count, 0)).toBe(dash.visits.total);
    for (const s of dash.visits.bySource) expect(s.count, s.key).toBe(count(entered, (e) => november(e) && e.source === s.key));

    expect(dash.visits.averageWaitMinutes).toBe((12 + 20) / 2);
    expect(dash.visits.byOutcome).toEqual([
      { key: 'noPurchase', count: 1 },
      { key: 'surgical', count: 1 },
    ]);
    expect(dash.tea).toMatchObject({ served: 2, declined: 0, refills: 0, averageFirstCupMinutes: Math.round(((expectedFirstCups[0]! + expectedFirstCups[1]!) / 2) * 10) / 10 });
    expect(dash.tea.exceptions).toEqual([{ key: template.items[0]!.text, count: 1 }]);
    expect(dash.tea.byClinic).toEqual([{ key: 'BJ', name: '北京院', served: 2, refills: 0, exceptions: 1 }]);
    // Drill-down from the exception: the one serving that missed the item, who served it to whom.
    const teaPeriod = { from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'day' } as const;
    const missed = await t.api['headoffice.teaRecords']({ period: teaPeriod, item: template.items[0]!.text });
    expect(missed).toMatchObject([{ clinic: 'BJ', date: '2026-11-10', kind: 'served', customerName: v1.customerName, byName: bj.lead.name, missed: [template.items[0]!.text] }]);
    expect(await t.api['headoffice.teaRecords']({ period: teaPeriod, item: null })).toHaveLength(1);
    // The cups behind 奉茶: both servings, to whom; no refills or refusals.
    expect((await t.api['headoffice.teaRecords']({ period: teaPeriod, kind: 'served', item: null })).map((r) => r.customerName).sort()).toEqual([v1.customerName, v2.customerName].sort());
    expect(await t.api['headoffice.teaRecords']({ period: teaPeriod, kind: 'refill', item: null })).toEqual([]);
    // The visitors behind each outcome.
    for (const o of dash.visits.byOutcome) expect(await t.api['headoffice.visitRecords']({ period: teaPeriod, firstVisit: null, departmentName: null, source: null, outcome: o.key as 'surgical' }), o.key).toHaveLength(o.count);
    expect((await t.api['headoffice.visitRecords']({ period: teaPeriod, firstVisit: null, departmentName: null, source: null, outcome: 'surgical' })).map((r) => r.id)).toEqual([v1.id]);
    expect(await t.api['headoffice.teaRecords']({ period: teaPeriod, item: template.items[1]!.text })).toEqual([]);
    expect(await t.api['headoffice.teaRecords']({ period: { ...teaPeriod, clinic: 'SH' }, item: null })).toEqual([]);

    // The Friday week of Nov 10 (Sat Nov 7 – Fri Nov 13): BJ's two visits and their tea, SH nothing.
    const week = await t.api['headoffice.weekly']({ date: '2026-11-10' });
    expect({ from: week.from, to: week.to }).toEqual({ from: '2026-11-07', to: '2026-11-13' });
    const inWeek = (e: Entered) => e.date >= '2026-11-07' && e.date <= '2026-11-13';
    expect(week.clinics.map((c) => [c.code, c.visits, c.first, c.teaServed, c.teaExceptions, c.complaints])).toEqual([
      ['BJ', count(entered, (e) => inWeek(e) && e.clinic === 'BJ'), count(entered, (e) => inWeek(e) && e.clinic === 'BJ' && e.first), 2, 1, 0],
      ['SH', count(entered, (e) => inWeek(e) && e.clinic === 'SH'), count(entered, (e) => inWeek(e) && e.clinic === 'SH' && e.first), 0, 0, 0],
    ]);
    expect(week.totals).toMatchObject({ code: '合计', visits: count(entered, inWeek), averageWaitMinutes: 16 });
    const weekFile = await t.api['headoffice.weeklyXlsx']({ date: '2026-11-10' });
    expect(weekFile.filename).toBe('服务数据周报_各机构_2026-11-07_2026-11-13.xlsx');
    expect(sheetProblems(await openXlsx(weekFile.base64))).toEqual([]);

    // A customer's source corrected (as sync would bring it): the day's figures follow.
    const webCustomer = (await t.app.store.db.allDocs<{ source: string; createdAt: string; clinic: string }>({ startkey: 'customer:SH:', endkey: 'customer:SH:\ufff0', include_docs: true })).rows.map((r) => r.doc!).find((d) => d.source === 'web')!;
    await t.app.store.db.put({ ...webCustomer, source: 'ad' });
    const corrected = await t.api['headoffice.dashboard']({ from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'day' });
    const sourceCount = (f: typeof corrected, key: string) => f.visits.bySource.find((s) => s.key === key)?.count ?? 0;
    expect(sourceCount(corrected, 'ad')).toBe(1);
    expect(sourceCount(corrected, 'web')).toBe(sourceCount(dash, 'web') - 1);
    expect(corrected.visits.total).toBe(dash.visits.total);

    // One clinic, by ISO week: Nov 2-3 are week 45, Nov 10 week 46.
    const bjWeeks = await t.api['headoffice.dashboard']({ from: '2026-11-01', to: '2026-11-30', clinic: 'BJ', grain: 'week' });
    expect(bjWeeks.visits.periods).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49']);
    expect(bjWeeks.visits.first).toEqual([0, 4, 2, 0, 0, 0]);
    expect(bjWeeks.visits.returning).toEqual([0, 3, 0, 0, 0, 0]);
    expect(bjWeeks.visits.byClinic.map((c) => c.key)).toEqual(['BJ']);

    // Drill-down: the records behind "first visits of SH in November".
    const records = await t.api['headoffice.visitRecords']({ period: { from: '2026-11-01', to: '2026-11-30', clinic: 'SH', grain: 'month' }, firstVisit: true, departmentName: null, source: null });
    expect(records).toHaveLength(count(entered, (e) => november(e) && e.clinic === 'SH' && e.first));
    expect(records.every((r) => r.clinic === 'SH' && r.firstVisit && r.date.startsWith('2026-11'))).toBe(true);
    const skin = await t.api['headoffice.visitRecords']({ period: { from: '2026-11-01', to: '2026-12-31', clinic: null, grain: 'month' }, firstVisit: null, departmentName: '皮肤美容科', source: null });
    expect(skin).toHaveLength(count(entered, (e) => e.department === '皮肤美容科'));
    const referrals = await t.api['headoffice.visitRecords']({ period: { from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'day' }, firstVisit: null, departmentName: null, source: 'referral' });
    expect(referrals.map((r) => r.clinic).sort()).toEqual(entered.filter((e) => november(e) && e.source === 'referral').map((e) => e.clinic).sort());
    expect(referrals.every((r) => r.firstVisit)).toBe(true);

    // The export carries the same figures, under Chinese headers.
    const file = await t.api['headoffice.exportDashboard']({ from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'month' });
    expect(file.filename).toBe('总部看板_全部机构_2026-11-01_2026-11-30.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(sheetProblems(book)).toEqual([]);
    const summary = book.getWorksheet('到诊汇总')!;
    expect(summary.getRow(1).values).toEqual([undefined, '期间（按月）', '初诊', '复诊', '合计', '预约爽约']);
    expect(summary.getRow(2).values).toEqual([undefined, '2026-11', dash.visits.firstTotal, dash.visits.total - dash.visits.firstTotal, dash.visits.total, noShowsEntered.length]);
    const byClinic = book.getWorksheet('按机构')!;
    expect(byClinic.getRow(2).values).toEqual([undefined, 'BJ', '北京院', count(entered, (e) => november(e) && e.clinic === 'BJ' && e.first), count(entered, (e) => november(e) && e.clinic === 'BJ' && !e.first), count(entered, (e) => november(e) && e.clinic === 'BJ'), noShowsEntered.filter((n) => n.clinic === 'BJ').length]);

    // Issue 21: a lead corrects a past day’s no-show (the desk is on Nov 10 now); once it reaches
    // head office it no longer counts anywhere there, and the desk's day list reads it corrected.
    const nov2 = await bj.t.api['appointment.day']({ date: '2026-11-02' });
    const fixedOne = await bj.t.api['appointment.correctNoShow']({ id: nov2.find((a) => a.time === '09:00')!.id, reason: '客户当天到了，误按爽约' });
    expect(fixedOne).toMatchObject({ state: 'corrected', noShowCorrection: { reason: '客户当天到了，误按爽约' } });
    expect((await bj.t.api['appointment.day']({ date: '2026-11-02' })).map((a) => a.state)).toEqual(['corrected', 'noShow']);
    await waitFor(async () => (await countOf('no-show-correction:')) === 1, 'the correction to reach head office', 30_000);
    await waitFor(async () => (await t.api['headoffice.dashboard']({ from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'day' })).visits.noShowTotal === noShowsEntered.length - 1, 'head office to stop counting the corrected no-show', 30_000);
    expect((await t.api['headoffice.noShowRecords']({ period: { from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'day' } })).map((r) => [r.time, r.how])).toEqual([['16:00', 'auto']]);
  }, 120_000);

  it('saves a year of the working-day calendar that clinics receive, and refuses a malformed one whole', async () => {
    const ho = await headOffice({ consolidate: true });
    const bj = await clinicDesk(ho, 'BJ', new Date('2026-11-27T02:00:00Z'));
    const t = await headOfficeDesk(ho);
    // couch:setup seeds 2026 into `reference`; head office has pulled it.
    await waitFor(() => t.app.store.db.get('calendar:2026').catch(() => null), 'the seeded 2026 calendar at head office');
    expect(await t.api['headoffice.calendarGet']({ year: 2026 })).toMatchObject({ origin: 'saved', holidays: calendar2026.holidays });
    expect(await t.api['headoffice.calendarGet']({ year: 2027 })).toMatchObject({ origin: 'none', holidays: [], workdays: [] });

    const y2027: Input<'headoffice.calendarSave'> = {
      year: 2027,
      holidays: [
        { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
        { name: '春节', from: '2027-02-05', to: '2027-02-13' },
      ],
      workdays: ['2027-02-20'],
      source: '测试用 2027 安排',
    };
    const saved = await t.api['headoffice.calendarSave'](y2027);
    expect(saved).toMatchObject({ origin: 'saved', year: 2027, updatedBy: expect.stringMatching(/^staff:HO:/) });
    // The screen names who saved it, never the id (issue 19).
    const director = await t.app.store.db.get<{ name: string }>(saved.updatedBy!);
    expect(saved.updatedByName).toBe(director.name);
    expect((await t.api['headoffice.calendarGet']({ year: 2027 })).updatedByName).toBe(director.name);
    const atDesk = await waitFor(() => bj.t.app.store.db.get<{ holidays: unknown[] }>('calendar:2027').catch(() => null), 'the 2027 calendar to reach the BJ desk', 20_000);
    expect(atDesk.holidays).toEqual(y2027.holidays);
    // The refusals below check that the store did not move: first let the BJ desk's own records
    // (clinic, lead, consultant) finish arriving through consolidation.
    const bjStaff = (await bj.t.anon['staff.list']({ includeInactive: true })).length;
    await waitFor(async () => {
      const here = await t.app.store.db.allDocs({ startkey: 'staff:BJ:', endkey: 'staff:BJ:\ufff0' });
      const status = await t.app.sync.status();
      return here.rows.length === bjStaff && (await t.app.store.db.get('clinic:BJ').catch(() => null)) !== null && status.state === 'idle';
    }, 'the BJ desk’s records at head office, sync idle');

    const refused = async (input: unknown, field: string) => {
      const before = await storeMark(t.app.store.db);
      const result = await t.app.dispatcher.invoke('headoffice.calendarSave', input, t.session());
      expect(result, field).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
      expect(await storeMark(t.app.store.db)).toEqual(before);
    };
    await refused({ ...y2027, holidays: [...y2027.holidays, { name: '重叠', from: '2027-02-10', to: '2027-02-15' }] }, 'holidays.2.from');
    await refused({ ...y2027, holidays: [{ name: '元旦', from: '2027-02-30', to: '2027-03-01' }] }, 'holidays.0.from');
    await refused({ ...y2027, holidays: [{ name: '元旦', from: '2026-12-31', to: '2027-01-01' }] }, 'holidays.0.from');
    await refused({ ...y2027, workdays: ['2027-02-22'] }, 'workdays.0');
    await refused({ ...y2027, workdays: ['2027-02-06'] }, 'workdays.0');
    await refused({ ...y2027, year: 1999 }, 'year');
    await refused({ ...y2027, holidays: [{ name: '', from: '2027-01-01', to: '2027-01-01' }] }, 'holidays.0.name');
  }, 60_000);

  it('answers only head-office people in head-office mode, and refuses bad periods naming the field', async () => {
    const ho = await headOffice({ consolidate: true });
    const t = await headOfficeDesk(ho);
    const guide = await t.api['staff.add']({ name: '总部文员', sex: 'F', role: 'guide', departmentId: null, pin: '1357' });
    const period = { from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'day' };
    const bad = async (input: unknown, field: string) => {
      const result = await t.app.dispatcher.invoke('headoffice.dashboard', input, t.session());
      expect(result, field).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    };
    await bad({ ...period, to: '2026-10-31' }, 'to');
    await bad({ ...period, from: '2025-01-01', to: '2026-12-31' }, 'to');
    await bad({ ...period, from: '2026-02-30' }, 'from');
    await bad({ ...period, clinic: 'bj' }, 'clinic');
    await bad({ ...period, clinic: 12 }, 'clinic');
    await bad({ ...period, grain: 'year' }, 'grain');
    await bad({ ...period, from: null }, 'from');

    await t.signIn(guide.id, '1357');
    const result = await t.app.dispatcher.invoke('headoffice.dashboard', period, t.session());
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A second set-up of this computer is refused; so is a clinic taking head office's code.
    expect(await t.app.dispatcher.invoke('headoffice.setup', { url: ho.url, ...HO_USER, director: { name: '甲', sex: 'M', role: 'gmOffice', pin: '1111' } }, null)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const fresh = await desk();
    const asHo = await fresh.app.dispatcher.invoke('clinic.setup', { clinic: { code: 'HO', name: '假总部', inHeadOfficeCity: true, departments: ['整形外科'] }, lead: { name: '甲', sex: 'F', role: 'guideLead', pin: '1234' } }, null);
    expect(asHo).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'clinic.code' } });
  }, 60_000);

  it('corrects a clinic’s settings online in the clinic’s own database, which its desks then receive; refuses what the rules forbid', async () => {
    const ho = await headOffice({ consolidate: true });
    const bj = await clinicDesk(ho, 'BJ', new Date('2026-11-27T02:00:00Z'));
    const t = await headOfficeDesk(ho);
    const clinics = await waitFor(async () => {
      const list = await t.api['headoffice.clinics']({});
      return list.length ? list : null;
    }, 'clinic BJ to reach head office');
    const before = clinics.find((c) => c.code === 'BJ')!;
    const departments = before.departments.map((d) => (d.id === 'injection' ? { ...d, active: false } : d));
    const saved = await t.api['headoffice.clinicUpdate']({ code: 'BJ', name: '北京整形美容医院', inHeadOfficeCity: true, departments, waitAlertMinutes: 25 });
    expect(saved).toMatchObject({ name: '北京整形美容医院', waitAlertMinutes: 25, updatedBy: expect.stringMatching(/^staff:HO:/) });
    await waitFor(async () => (await bj.t.anon['app.status']({})).clinic?.waitAlertMinutes === 25, 'the BJ desk to receive head office’s change');
    expect((await bj.t.anon['app.status']({})).clinic).toMatchObject({ name: '北京整形美容医院', departments });

    const remoteRev = async () => (await ho.admin<{ _rev: string }>('GET', '/clinic_bj/clinic:BJ')).body._rev;
    const rev = await remoteRev();
    const invoke = (input: unknown) => t.app.dispatcher.invoke('headoffice.clinicUpdate', input, t.session());
    const good = { code: 'BJ', name: '北京院', inHeadOfficeCity: true, departments, waitAlertMinutes: 25 };
    expect(await invoke({ ...good, departments: departments.filter((d) => d.id !== 'skin') })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'departments' } });
    expect(await invoke({ ...good, code: 'GZ' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'code' } });
    expect(await invoke({ ...good, code: 'bj' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'code' } });
    expect(await invoke({ ...good, name: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'name' } });
    expect(await invoke({ ...good, waitAlertMinutes: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'waitAlertMinutes' } });
    expect(await remoteRev()).toBe(rev);
    const staffCount = (await ho.ids('clinic_bj')).filter((i) => i.startsWith('staff:')).length;

    // The roster: a new member added by head office reaches the desk; a correction keeps the PIN.
    const added = await t.api['headoffice.staffSave']({ clinic: 'BJ', id: null, name: '钱医生', sex: 'M', role: 'doctor', departmentId: 'skin', active: true, staffNumber: 'BJ301', supervisorId: bj.lead.id });
    expect(added).toMatchObject({ name: '钱医生', staffNumber: 'BJ301', supervisorId: bj.lead.id, canSignIn: false });
    await waitFor(async () => (await bj.t.anon['staff.list']({})).some((s) => s.id === added.id), 'the new doctor at the BJ desk');
    const leadRemote = async () => (await ho.admin<{ pinHash: string | null }>('GET', `/clinic_bj/${encodeURIComponent(bj.lead.id)}`)).body;
    const pinBefore = (await leadRemote()).pinHash;
    await waitFor(async () => (await t.api['headoffice.staff']({ clinic: 'BJ', includeInactive: true })).some((s) => s.id === bj.lead.id), 'the lead at head office');
    const renamed = await t.api['headoffice.staffSave']({ clinic: 'BJ', id: bj.lead.id, name: '王组长', sex: 'F', role: 'guideLead', departmentId: null, active: true });
    expect(renamed.name).toBe('王组长');
    expect((await leadRemote()).pinHash).toBe(pinBefore);
    const save = (input: Record<string, unknown>) => t.app.dispatcher.invoke('headoffice.staffSave', { clinic: 'BJ', id: null, name: '甲', sex: 'F', role: 'guide', departmentId: null, active: true, ...input }, t.session());
    expect(await save({ departmentId: 'nowhere' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'departmentId' } });
    expect(await save({ id: added.id, supervisorId: added.id })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'supervisorId' } });
    expect(await save({ deptHeadId: 'staff:BJ:nobody' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'deptHeadId' } });
    expect(await save({ clinic: 'GZ' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'clinic' } });
    expect(await save({ id: 'staff:SH:x' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    expect(await save({ pin: '1234' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'pin' } });
    expect(await save({ name: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'name' } });

    // Thresholds: the tea refill interval and the penalty window reach the desk's own settings.
    expect(await t.api['headoffice.thresholds']({ clinic: 'BJ' })).toEqual({ clinic: 'BJ', refillMinutes: 15, inspection: { penaltyWindowMonths: 12, flatAmount: null, flatKinds: ['preShift'] } }); // the defaults
    const newThresholds = { clinic: 'BJ', refillMinutes: 20, inspection: { penaltyWindowMonths: 6, flatAmount: 10, flatKinds: ['preShift' as const] } };
    expect(await t.api['headoffice.thresholdsSave'](newThresholds)).toEqual(newThresholds);
    await waitFor(async () => (await bj.t.api['tea.settings']({})).refillMinutes === 20, 'the refill interval at the BJ desk');
    await waitFor(async () => (await bj.t.api['inspection.settings']({})).penaltyWindowMonths === 6, 'the penalty window at the BJ desk');
    expect(await bj.t.api['inspection.settings']({})).toEqual(newThresholds.inspection);
    const setThresholds = (input: Record<string, unknown>) => t.app.dispatcher.invoke('headoffice.thresholdsSave', { ...newThresholds, ...input }, t.session());
    expect(await setThresholds({ refillMinutes: 3 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'refillMinutes' } });
    expect(await setThresholds({ inspection: { ...newThresholds.inspection, penaltyWindowMonths: 0 } })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'inspection.penaltyWindowMonths' } });
    expect(await setThresholds({ inspection: { ...newThresholds.inspection, flatKinds: ['daily'] } })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'inspection.flatKinds.0' } });
    expect(await setThresholds({ clinic: 'GZ' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'clinic' } });

    // Offline: a clear refusal, and nothing written anywhere.
    await ho.stop();
    // Head office's own background work (summaries catching up on what it pulled) may still write
    // for a moment after the server stops: take the mark once the store has been quiet for 300 ms.
    let mark = await storeMark(t.app.store.db);
    for (let quiet = false; !quiet; ) {
      await new Promise((r) => setTimeout(r, 300));
      const again = await storeMark(t.app.store.db);
      quiet = again.updateSeq === mark.updateSeq;
      mark = again;
    }
    const offline = await invoke(good);
    expect(offline).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('cannot be reached') } });
    expect(await storeMark(t.app.store.db)).toEqual(mark);
    expect(await save({})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await storeMark(t.app.store.db)).toEqual(mark);
    await ho.start();
    expect(await remoteRev()).toBe(rev);
    expect((await ho.ids('clinic_bj')).filter((i) => i.startsWith('staff:')).length).toBe(staffCount + 1);
  }, 60_000);

  it('head office sets a clinic\'s complaint time limits online (seed 004 "一般不超过24小时" to investigate); the clinic\'s desks receive them and each case says which rule it used; bad limits refused, nothing saved', async () => {
    const ho = await headOffice({ consolidate: true });
    const bj = await clinicDesk(ho, 'BJ', new Date('2026-11-27T02:00:00Z'));
    const t = await headOfficeDesk(ho);
    await waitFor(async () => ((await t.api['headoffice.clinics']({})).some((c) => c.code === 'BJ') ? true : null), 'clinic BJ to reach head office');
    await signInCsDirector(bj.t);
    const c = await bj.t.api['complaint.record'](complaintIntake());
    // The group's limits until head office sets others (seed 001 step 1 "12 小时以内", (三) "三个工作日内").
    expect(c.deadlines.map((d) => [d.key, d.rule, d.source])).toEqual([
      ['notify', '12h', 'group'],
      ['investigate', '3wd', 'group'],
    ]);
    const saved = await t.api['headoffice.complaintLimitsSave']({ clinic: 'BJ', limits: { notifyHours: 12, investigateWorkingDays: 1, approveHours: 12 }, reason: '本院规定：调查一般不超过 24 小时' });
    // A limit equal to the group's is not stored: the case keeps saying 集团标准 for it.
    expect(saved).toMatchObject({ clinic: { investigateWorkingDays: 1, approveHours: 12 }, effective: { notifyHours: 12, investigateWorkingDays: 1, approveHours: 12, closeDaysInCity: 7 }, reason: '本院规定：调查一般不超过 24 小时', updatedBy: expect.stringMatching(/^staff:HO:/) });
    expect(saved.clinic).not.toHaveProperty('notifyHours');
    const v = await waitFor(async () => {
      const got = await bj.t.api['complaint.get']({ id: c.id });
      return got.deadlines.find((d) => d.key === 'investigate')!.source === 'clinic' ? got : null;
    }, 'the BJ desk to receive the limits');
    // Received Fri 2026-11-27: one working day → due at the end of Mon 11-30.
    expect(v.deadlines.find((d) => d.key === 'investigate')).toMatchObject({ rule: '1wd', source: 'clinic', dueAt: '2026-11-30T16:00:00.000Z' });
    expect(v.deadlines.find((d) => d.key === 'notify')).toMatchObject({ rule: '12h', source: 'group' });
    expect(await bj.t.api['complaint.limits']({})).toMatchObject({ clinic: { investigateWorkingDays: 1, approveHours: 12 } });

    const remoteRev = async () => (await ho.admin<{ _rev: string }>('GET', '/clinic_bj/complaint-limits:BJ')).body._rev;
    const rev = await remoteRev();
    const invoke = (input: unknown) => t.app.dispatcher.invoke('headoffice.complaintLimitsSave', input, t.session());
    const good = { clinic: 'BJ', limits: { investigateWorkingDays: 2 }, reason: '放宽' };
    expect(await invoke({ ...good, limits: { notifyHours: 0 } })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'limits.notifyHours' } });
    expect(await invoke({ ...good, limits: { notifyHours: 1.5 } })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'limits.notifyHours' } });
    expect(await invoke({ ...good, limits: { replyHours: 48 } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await invoke({ ...good, reason: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'reason' } });
    expect(await invoke({ ...good, clinic: 'GZ' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'clinic' } });
    expect(await remoteRev()).toBe(rev);
  });

  it('seed 003 第十七条 "1000元以下 … 1000-5000元 … 5000元以上 … 副总经理 … 总经理": the approval bands are head office\'s settings per clinic; the case names the band and whose rule it is, the step follows it; bands out of order refused, nothing saved', async () => {
    const ho = await headOffice({ consolidate: true });
    const bj = await clinicDesk(ho, 'BJ', new Date('2026-11-27T02:00:00Z'));
    const t = await headOfficeDesk(ho);
    await waitFor(async () => ((await t.api['headoffice.clinics']({})).some((c) => c.code === 'BJ') ? true : null), 'clinic BJ to reach head office');
    const staff = await complaintStaff(bj.t);
    await staff.as('csDirector');
    const c = await bj.t.api['complaint.record'](complaintIntake());
    const steps = [...plainSteps.slice(0, 3), { kind: 'propose' as const, solution: '退还护理费', refund: 2000, compensation: 0, note: '' }];
    for (const s of steps) await bj.t.api['complaint.step']({ id: c.id, step: s, attachments: [] });
    // The group's bands: ¥2,000 is 1000-5000元, the deputy GM's.
    const before = await bj.t.api['complaint.get']({ id: c.id });
    expect(before).toMatchObject({ current: 6, amount: 2000, approverRoles: ['deputyGm'], approvalBand: { band: 'medium', mediumFrom: 1000, largeAbove: 5000, source: 'group' } });

    const invoke = (input: unknown) => t.app.dispatcher.invoke('headoffice.complaintLimitsSave', input, t.session());
    const remote = async () => (await ho.admin<{ _rev?: string }>('GET', '/clinic_bj/complaint-limits:BJ')).body._rev ?? null;
    const rev = await remote();
    const good = { clinic: 'BJ', limits: { approveMediumFromYuan: 500, approveLargeAboveYuan: 1500 }, reason: '本院审批权限更严' };
    expect(await invoke({ ...good, limits: { approveMediumFromYuan: 3000, approveLargeAboveYuan: 2000 } })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'limits.approveLargeAboveYuan' } });
    expect(await invoke({ ...good, limits: { approveLargeAboveYuan: 800 } })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'limits.approveLargeAboveYuan' } });
    expect(await invoke({ ...good, limits: { approveMediumFromYuan: 0 } })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'limits.approveMediumFromYuan' } });
    expect(await invoke({ ...good, limits: { approveMediumFromYuan: '500' } })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'limits.approveMediumFromYuan' } });
    expect(await remote()).toBe(rev);
    expect(await invoke(good)).toMatchObject({ ok: true });

    // On the clinic's desk, by sync: ¥2,000 is now above ¥1,500, the general manager's, and the case says it is the clinic's rule.
    const v = await waitFor(async () => {
      const got = await bj.t.api['complaint.get']({ id: c.id });
      return got.approvalBand?.source === 'clinic' ? got : null;
    }, 'the BJ desk to receive the bands');
    expect(v).toMatchObject({ approverRoles: ['gm'], approvalBand: { band: 'large', mediumFrom: 500, largeAbove: 1500, source: 'clinic' } });
    await staff.as('deputyGm');
    expect(await bj.t.app.dispatcher.invoke('complaint.step', { id: c.id, step: { kind: 'approve', approved: true, note: '' }, attachments: [] }, bj.t.session())).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'step.approved' } });
    await staff.as('gm');
    const approved = await bj.t.api['complaint.step']({ id: c.id, step: { kind: 'approve', approved: true, note: '' }, attachments: [] });
    expect(approved.events.at(-1)!.data).toMatchObject({ approved: true, amount: 2000, approverRoles: ['gm'] });
  }, 60_000);

  it('monthly complaint and inspection sheets across clinics: each clinic’s figures as its own screen shows them, the totals, and the .xlsx', async () => {
    const ho = await headOffice({ consolidate: true });
    const desks = { BJ: await clinicDesk(ho, 'BJ', new Date('2026-11-05T02:00:00Z')), SH: await clinicDesk(ho, 'SH', new Date('2026-11-05T02:00:00Z')) };
    // BJ: two complaints, one of them accepted and taken to its proposal; SH: one, by phone.
    await signInCsDirector(desks.BJ.t);
    await desks.BJ.t.api['complaint.setNumberingDesk']({});
    const first = await desks.BJ.t.api['complaint.record'](complaintIntake());
    await desks.BJ.t.api['complaint.record'](complaintIntake({ channel: 'wechat', patient: { name: '刘女士', phone: '13800005678' } }));
    for (const s of plainSteps) await desks.BJ.t.api['complaint.step']({ id: first.id, step: s, attachments: [] });
    await signInCsDirector(desks.SH.t);
    await desks.SH.t.api['complaint.record'](complaintIntake({ channel: 'phone' }));
    // BJ: a weekly inspection of two guides, one failing an item, signed.
    await desks.BJ.t.signIn(desks.BJ.lead.id, LEAD_PIN);
    const anna = await desks.BJ.t.api['staff.add']({ name: '孙丽', sex: 'F', role: 'guide', departmentId: 'plastic-surgery', pin: null });
    const bo = await desks.BJ.t.api['staff.add']({ name: '李强', sex: 'M', role: 'guide', departmentId: 'plastic-surgery', pin: null });
    await signInToRun(desks.BJ.t, 'weekly'); // the dean runs and signs the 每周自查
    const inspection = await desks.BJ.t.api['inspection.start']({ kind: 'weekly', departmentId: 'plastic-surgery', templateKey: 'grooming' });
    const fail = groomingMarks('F')[0]!.itemId;
    await desks.BJ.t.api['inspection.saveResult']({ inspectionId: inspection.id, staffId: anna.id, marks: groomingMarks('F', [fail]), note: '' });
    await desks.BJ.t.api['inspection.saveResult']({ inspectionId: inspection.id, staffId: bo.id, marks: groomingMarks('M'), note: '' });
    await desks.BJ.t.api['inspection.signOff']({ inspectionId: inspection.id });

    // What each clinic's own screens say (a CS director reads the complaints, the lead the inspections).
    await signInCsDirector(desks.BJ.t);
    const own = { BJ: await desks.BJ.t.api['complaint.monthlyStats']({ month: '2026-11' }), SH: await desks.SH.t.api['complaint.monthlyStats']({ month: '2026-11' }) };
    const ownInspections = await desks.BJ.t.api['inspection.monthSummary']({ month: '2026-11' });

    const t = await headOfficeDesk(ho);
    t.clock.now = new Date('2026-11-05T04:00:00Z');
    await t.signIn((await t.anon['staff.list']({})).find((s) => s.role === 'hoCsDirector')!.id, DIRECTOR_PIN);
    const countOf = async (prefix: string) => (await t.app.store.db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0` })).rows.length;
    await waitFor(async () => (await countOf('complaint:')) === 3 && (await countOf('complaint-event:')) === plainSteps.length && (await countOf('inspection-result:')) === 2 && (await countOf('inspection:')) === 1, 'complaints and inspections to reach head office', 30_000);

    const report = await t.api['headoffice.complaintMonth']({ month: '2026-11' });
    expect(report.clinics.map((c) => c.code)).toEqual(['BJ', 'SH']);
    for (const c of report.clinics) {
      const mine = own[c.code as 'BJ' | 'SH'];
      expect({ total: c.stats.total, byChannel: c.stats.byChannel, byStep: c.stats.byStep, byCategory: c.stats.byCategory }, c.code).toEqual({ total: mine.total, byChannel: mine.byChannel, byStep: mine.byStep, byCategory: mine.byCategory });
    }
    expect(report.totals).toMatchObject({ total: 3, open: 3, byChannel: { inPerson: 1, wechat: 1, phone: 1 }, byCategory: { nonQuality: 1, none: 2 } });

    const inspections = await t.api['headoffice.inspectionMonth']({ month: '2026-11' });
    const bjMonth = inspections.clinics.find((c) => c.code === 'BJ')!.summary;
    expect(bjMonth).toEqual(ownInspections);
    expect(bjMonth.inspections.total).toBe(1);
    expect(inspections.clinics.find((c) => c.code === 'SH')!.summary.inspections.total).toBe(0);

    const book = async (file: { base64: string }) => {
      const b = new ExcelJS.Workbook();
      await b.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
      return b;
    };
    const complaintsFile = await t.api['headoffice.complaintMonthXlsx']({ month: '2026-11' });
    expect(complaintsFile.filename).toBe('患者投诉案件统计表_各机构_2026-11.xlsx');
    const sheet = (await book(complaintsFile)).getWorksheet('各机构汇总')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '机构', '名称', '京内/京外', '投诉数', '质量投诉', '非质量投诉', '未结案', '超时', '退款（件）', '退款（元）', '补偿（件）', '补偿（元）', '处罚 I/II/III/IV/V']);
    expect((sheet.getRow(2).values as unknown[]).slice(0, 8)).toEqual([undefined, 'BJ', '北京院', '京内', 2, 0, 1, 2]);
    expect((sheet.getRow(4).values as unknown[])[1]).toBe('合计');
    expect((sheet.getRow(4).values as unknown[])[4]).toBe(3);
    const details = (await book(complaintsFile)).getWorksheet('案件明细')!;
    expect(details.rowCount).toBe(1 + 3);
    // Channels and steps in the staff's words, not the codes.
    const detailRows = details.getSheetValues().slice(2) as unknown[][];
    expect(detailRows.map((r) => r[5]).sort()).toEqual(['微信', '投诉电话', '院内当面'].sort());
    const stepColumn = (details.getRow(1).values as unknown[]).indexOf('当前步骤');
    expect(detailRows.every((r) => typeof r[stepColumn] === 'string' && /[\u4e00-\u9fff]/.test(r[stepColumn] as string))).toBe(true);
    expect(sheetProblems(await book(complaintsFile))).toEqual([]);
    const inspectionFile = await t.api['headoffice.inspectionMonthXlsx']({ month: '2026-11' });
    expect(sheetProblems(await book(inspectionFile))).toEqual([]);
    const summary = (await book(inspectionFile)).getWorksheet('各机构汇总')!;
    const pass = bjMonth.departments.reduce((a, d) => a + d.pass, 0);
    expect((summary.getRow(2).values as unknown[]).slice(0, 7)).toEqual([undefined, 'BJ', '北京院', 1, 2, pass, 1]);
  }, 90_000);

  it('complaint and inspection figures of the dashboard match what the clinics entered, and each opens exactly the records it counts', async () => {
    const ho = await headOffice({ consolidate: true });
    const bj = await clinicDesk(ho, 'BJ', new Date('2026-11-02T02:00:00Z'));
    const sh = await clinicDesk(ho, 'SH', new Date('2026-11-04T02:00:00Z'));
    /** What the test entered, case by case, and what it expects of each from the rules (DOMAIN.md §4). */
    interface Case { id: string; clinic: string; date: string; channel: string; category: string | null; closed: boolean; refund: number; compensation: number; levels: string[]; satisfaction: string | null; closeLimit: string | null; overdue: string[]; missed: boolean; acceptedAt: number | null; closedAt: number | null }
    const cases: Case[] = [];
    const entered = (t: TestApp, c: { id: string; receivedAt: string }, clinic: string, rest: Partial<Case> & { channel: string }) =>
      cases.push({ id: c.id, clinic, date: clinicDate(c.receivedAt), category: null, closed: false, refund: 0, compensation: 0, levels: [], satisfaction: null, closeLimit: null, overdue: [], missed: false, acceptedAt: null, closedAt: null, ...rest });
    const step = (t: TestApp, id: string, s: Input<'complaint.step'>['step']) => t.api['complaint.step']({ id, step: s, attachments: [] });

    // BJ (京内, 7 days): c1 settled with a ¥500 refund and closed two days after acceptance, a level II penalty.
    const bjStaff = await complaintStaff(bj.t);
    await bjStaff.as('csDirector');
    await bj.t.api['complaint.setNumberingDesk']({});
    const c1 = await bj.t.api['complaint.record'](complaintIntake());
    const c1Accepted = bj.t.clock.now.getTime();
    await step(bj.t, c1.id, { kind: 'accept', note: '' });
    await step(bj.t, c1.id, plainSteps[1]!);
    await step(bj.t, c1.id, plainSteps[2]!);
    await step(bj.t, c1.id, { kind: 'propose', solution: '退部分费用', refund: 500, compensation: 0, note: '' });
    await bjStaff.as('dean');
    await step(bj.t, c1.id, { kind: 'approve', approved: true, note: '' });
    // c2 by WeChat: accepted, then nothing (its investigation and its 7 days run out).
    await bjStaff.as('csDirector');
    const c2 = await bj.t.api['complaint.record'](complaintIntake({ channel: 'wechat', patient: { name: '刘女士', phone: '13800005678' } }));
    await step(bj.t, c2.id, { kind: 'accept', note: '' });
    bj.t.clock.now = new Date('2026-11-03T02:00:00Z');
    await bjStaff.as('csDirector');
    // c3 by phone: never accepted (the 12 hours and the 3 working days run out).
    const c3 = await bj.t.api['complaint.record'](complaintIntake({ channel: 'phone', patient: { name: '陈先生', phone: '13800009999' } }));
    bj.t.clock.now = new Date('2026-11-04T03:00:00Z');
    await bjStaff.as('csDirector');
    await step(bj.t, c1.id, { kind: 'negotiate', agreed: true, note: '' });
    await step(bj.t, c1.id, { kind: 'paperwork', payment: 'cash', oaStarted: true, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '' });
    const c1Closed = bj.t.clock.now.getTime();
    await step(bj.t, c1.id, { kind: 'close', patientConfirmed: true, handedToLegal: false, satisfaction: 'satisfied', note: '' });
    await step(bj.t, c1.id, { kind: 'file', copiesSent: true, note: '' });
    await bjStaff.as('hoCsDirector');
    await step(bj.t, c1.id, { kind: 'penalty', persons: [{ staffId: null, name: '小李', level: 'II' }], note: '' });
    await bjStaff.as('dean');
    await step(bj.t, c1.id, { kind: 'deanAgree', approved: true, note: '' });
    await bjStaff.as('gmOffice');
    await step(bj.t, c1.id, { kind: 'penaltySlip', note: '' });
    await bjStaff.as('gm');
    await step(bj.t, c1.id, { kind: 'penaltyApprove', approved: true, note: '' });
    await bjStaff.as('csDirector');
    await step(bj.t, c1.id, { kind: 'prevention', plan: '周末加排前台' });
    entered(bj.t, c1, 'BJ', { channel: 'inPerson', category: 'nonQuality', closed: true, refund: 500, levels: ['II'], satisfaction: 'satisfied', closeLimit: 'inTime', acceptedAt: c1Accepted, closedAt: c1Closed });
    entered(bj.t, c2, 'BJ', { channel: 'wechat', closeLimit: 'overdue', overdue: ['investigate', 'close'], missed: true });
    entered(bj.t, c3, 'BJ', { channel: 'phone', overdue: ['notify', 'investigate'], missed: true });

    // SH (京外, 14 days): c4, a quality case with ¥300 compensation, closed 16 days after acceptance; c5 today.
    const shStaff = await complaintStaff(sh.t);
    await shStaff.as('csDirector');
    await sh.t.api['complaint.setNumberingDesk']({});
    const c4 = await sh.t.api['complaint.record'](complaintIntake({ channel: 'phone' }));
    const c4Accepted = sh.t.clock.now.getTime();
    await step(sh.t, c4.id, { kind: 'accept', note: '' });
    await step(sh.t, c4.id, plainSteps[1]!);
    await step(sh.t, c4.id, { kind: 'classify', category: 'quality', subcategory: 'medicalResult', note: '' });
    await step(sh.t, c4.id, { kind: 'propose', solution: '免费修复', refund: 0, compensation: 300, note: '' });
    await shStaff.as('medicalDirector');
    await step(sh.t, c4.id, { kind: 'approve', approved: true, note: '' });
    await shStaff.as('csDirector');
    await step(sh.t, c4.id, { kind: 'negotiate', agreed: true, note: '' });
    await step(sh.t, c4.id, { kind: 'paperwork', payment: 'cash', oaStarted: true, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '' });
    sh.t.clock.now = new Date('2026-11-20T04:00:00Z');
    await shStaff.as('csDirector');
    const c4Closed = sh.t.clock.now.getTime();
    await step(sh.t, c4.id, { kind: 'close', patientConfirmed: true, handedToLegal: false, satisfaction: 'neutral', note: '' });
    await step(sh.t, c4.id, { kind: 'file', copiesSent: true, note: '' });
    const c5 = await sh.t.api['complaint.record'](complaintIntake({ channel: 'website', patient: { name: '周女士', phone: '13800004444' } }));
    entered(sh.t, c4, 'SH', { channel: 'phone', category: 'quality', closed: true, compensation: 300, satisfaction: 'neutral', closeLimit: 'late', missed: true, acceptedAt: c4Accepted, closedAt: c4Closed });
    entered(sh.t, c5, 'SH', { channel: 'website' });

    // BJ's weekly self-checks: Tue Nov 3 and Tue Nov 10, the same guide failing the same item twice
    // (a penalty decided the second time), nothing the week of Nov 16; SH never checks.
    const female = itemsFor(defaultTemplates[0]!.items, 'F');
    const male = itemsFor(defaultTemplates[0]!.items, 'M');
    const failed = female[0]!;
    interface Mark { clinic: string; staffId: string; label: string; mark: 'pass' | 'fail' }
    const marks: Mark[] = [];
    bj.t.clock.now = new Date('2026-11-03T05:00:00Z');
    await bj.t.signIn(bj.lead.id, LEAD_PIN);
    const anna = await bj.t.api['staff.add']({ name: '孙丽', sex: 'F', role: 'guide', departmentId: 'plastic-surgery', pin: null });
    const bo = await bj.t.api['staff.add']({ name: '李强', sex: 'M', role: 'guide', departmentId: 'plastic-surgery', pin: null });
    const label = (id: string) => [...female, ...male].find((x) => x.id === id)!.label;
    const check = async (kind: 'weekly' | 'headOffice', people: { id: string; marks: ReturnType<typeof groomingMarks> }[]) => {
      await signInToRun(bj.t, kind); // each kind by whoever may run it; the lead decides afterwards
      const i = await bj.t.api['inspection.start']({ kind, departmentId: 'plastic-surgery', templateKey: 'grooming' });
      for (const p of people) {
        await bj.t.api['inspection.saveResult']({ inspectionId: i.id, staffId: p.id, marks: p.marks, note: '' });
        for (const m of p.marks) marks.push({ clinic: 'BJ', staffId: p.id, label: label(m.itemId), mark: m.mark as 'pass' | 'fail' });
      }
      await bj.t.api['inspection.signOff']({ inspectionId: i.id });
      await bj.t.signIn(bj.lead.id, LEAD_PIN);
      return i;
    };
    const weekly = () => check('weekly', [{ id: anna.id, marks: groomingMarks('F', [failed.id]) }, { id: bo.id, marks: groomingMarks('M') }]);
    await weekly();
    await bj.moveTo('2026-11-10T05:00:00Z');
    const second = await weekly();
    // Head office's 服务质量检查小组 visits BJ the same day (its monthly visit), checking one guide.
    await check('headOffice', [{ id: bo.id, marks: groomingMarks('M') }]);
    const penalty = { measure: 'fine' as const, amount: 100, supervisorAmount: 100, deptHeadAmount: 100 };
    await bj.t.api['inspection.decidePenalty']({ inspectionId: second.id, staffId: anna.id, itemId: failed.id, ...penalty, reason: '第二次' });
    await bj.t.api['inspection.chooseStar']({ month: '2026-11', staffId: bo.id, reason: '全月检查全部合格' });
    const ownSummary = await bj.t.api['inspection.monthSummary']({ month: '2026-11' });
    await bjStaff.as('csDirector');
    const ownViews = new Map<string, { currentKey: string }>();
    for (const c of [c1, c2, c3]) ownViews.set(c.id, await bj.t.api['complaint.get']({ id: c.id }));
    for (const c of [c4, c5]) ownViews.set(c.id, await sh.t.api['complaint.get']({ id: c.id }));

    const t = await headOfficeDesk(ho);
    t.clock.now = new Date('2026-11-20T06:00:00Z');
    await t.signIn((await t.anon['staff.list']({})).find((s) => s.role === 'hoCsDirector')!.id, DIRECTOR_PIN);
    const countOf = async (prefix: string) => (await t.app.store.db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0` })).rows.length;
    const bjEvents = (await bj.t.app.store.db.allDocs({ startkey: 'complaint-event:', endkey: 'complaint-event:\ufff0' })).rows.length;
    const shEvents = (await sh.t.app.store.db.allDocs({ startkey: 'complaint-event:', endkey: 'complaint-event:\ufff0' })).rows.length;
    await waitFor(
      async () => (await countOf('complaint:')) === 5 && (await countOf('complaint-event:')) === bjEvents + shEvents && (await countOf('inspection-result:')) === 5 && (await countOf('inspection-penalty:')) === 1 && (await countOf('service-star:')) === 1,
      'complaints and inspections to reach head office',
      30_000,
    );

    const november = { from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'week' } as const;
    const f = await t.api['headoffice.complaints'](november);
    const tally = (list: string[]) => [...new Set(list)].map((key) => ({ key, count: list.filter((k) => k === key).length }));
    const sameCounts = (actual: { key: string; count: number }[], expected: { key: string; count: number }[]) => expect([...actual].sort((a, b) => a.key.localeCompare(b.key))).toEqual([...expected].sort((a, b) => a.key.localeCompare(b.key)));
    expect(f.total).toBe(cases.length);
    expect(f.periods).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49']);
    expect(f.received).toEqual(f.periods.map((w) => cases.filter((c) => isoWeekOf(c.date) === w).length));
    expect(f.open).toBe(cases.filter((c) => !c.closed).length);
    expect(f.closed).toBe(cases.filter((c) => c.closed).length);
    expect(f.overdue).toBe(cases.filter((c) => c.missed).length);
    sameCounts(f.byChannel, tally(cases.map((c) => c.channel)));
    sameCounts(f.byCategory, tally(cases.map((c) => c.category ?? 'none')));
    sameCounts(f.overdueDeadlines, tally(cases.flatMap((c) => c.overdue)));
    sameCounts(f.penaltyLevels, tally(cases.flatMap((c) => c.levels)));
    sameCounts(f.satisfaction, tally(cases.flatMap((c) => (c.satisfaction ? [c.satisfaction] : []))));
    expect(f.refunds).toEqual({ cases: cases.filter((c) => c.refund > 0).length, yuan: cases.reduce((a, c) => a + c.refund, 0) });
    expect(f.compensation).toEqual({ cases: cases.filter((c) => c.compensation > 0).length, yuan: cases.reduce((a, c) => a + c.compensation, 0) });
    const limit = (k: string) => cases.filter((c) => c.closeLimit === k).length;
    const closedDays = cases.flatMap((c) => (c.closedAt && c.acceptedAt ? [Math.round(((c.closedAt - c.acceptedAt) / 86_400_000) * 10) / 10] : []));
    expect(f.closing).toEqual({ inTime: limit('inTime'), late: limit('late'), overdue: limit('overdue'), open: limit('open'), averageDays: Math.round((closedDays.reduce((a, b) => a + b, 0) / closedDays.length) * 10) / 10 });
    // The step each case waits at, as the clinic's own complaint screen shows it.
    const waiting = cases.map((c) => ownViews.get(c.id)!.currentKey).filter((k) => k !== 'done');
    expect(f.byStep.map((s) => ({ key: s.key, count: s.open }))).toEqual(tally(waiting).sort((a, b) => stepOrder(a.key) - stepOrder(b.key)));
    expect(f.byStep.reduce((a, s) => a + s.overdue, 0)).toBe(cases.filter((c) => c.overdue.length && ownViews.get(c.id)!.currentKey !== 'done').length);
    expect(f.byClinic).toEqual(['BJ', 'SH'].map((key) => {
      const of = cases.filter((c) => c.clinic === key);
      return { key, name: key === 'BJ' ? '北京院' : '上海院', received: of.length, open: of.filter((c) => !c.closed).length, overdue: of.filter((c) => c.missed).length, closedLate: of.filter((c) => c.closeLimit === 'late').length };
    }));

    // Drill-down: every figure opens exactly the cases it counts.
    const records = (filter: Input<'headoffice.complaintRecords'>['filter'], period: Input<'headoffice.complaintRecords'>['period'] = november) => t.api['headoffice.complaintRecords']({ period, filter });
    for (const c of f.byChannel) expect((await records({ kind: 'channel', value: c.key })).map((r) => r.id).sort(), c.key).toEqual(cases.filter((x) => x.channel === c.key).map((x) => x.id).sort());
    for (const c of f.byCategory) expect(await records({ kind: 'category', value: c.key }), c.key).toHaveLength(c.count);
    for (const d of f.overdueDeadlines) expect((await records({ kind: 'overdueDeadline', value: d.key })).map((r) => r.id).sort(), d.key).toEqual(cases.filter((x) => x.overdue.includes(d.key)).map((x) => x.id).sort());
    for (const s of f.byStep) expect(await records({ kind: 'step', value: s.key }), s.key).toHaveLength(s.open);
    for (const k of ['inTime', 'late', 'overdue'] as const) expect(await records({ kind: 'closeLimit', value: k }), k).toHaveLength(f.closing[k]);
    expect(await records({ kind: 'open', value: null })).toHaveLength(f.open);
    expect((await records({ kind: 'closed', value: null })).map((r) => r.id).sort()).toEqual(cases.filter((c) => c.closed).map((c) => c.id).sort());
    expect((await records({ kind: 'money', value: null })).map((r) => r.id).sort()).toEqual(cases.filter((c) => c.refund || c.compensation).map((c) => c.id).sort());
    expect(await records({ kind: 'overdue', value: null })).toHaveLength(f.overdue);
    expect((await records({ kind: 'refund', value: null })).map((r) => r.id)).toEqual([c1.id]);
    expect((await records({ kind: 'level', value: 'II' })).map((r) => [r.clinic, r.number])).toEqual([['BJ', 'BJ20261101']]);
    // One clinic, the first three days: BJ's three cases and none of SH's.
    const early = await t.api['headoffice.complaints']({ from: '2026-11-01', to: '2026-11-03', clinic: 'BJ', grain: 'day' });
    expect(early.received).toEqual(['2026-11-01', '2026-11-02', '2026-11-03'].map((d) => cases.filter((c) => c.clinic === 'BJ' && c.date === d).length));
    expect((await records({ kind: 'all', value: null }, { from: '2026-11-01', to: '2026-11-03', clinic: 'SH', grain: 'day' }))).toEqual([]);

    // Inspections: BJ's two signed checks; the weeks due by today (Fri Nov 20): those whose Friday
    // has passed (Nov 6, Nov 13), not this one, which can still be done today.
    const i = await t.api['headoffice.inspections']({ ...november, grain: 'month' });
    const weeksBegun = ['2026-11-02', '2026-11-09'].length;
    // Counted from each clinic's first use (issue 19): SH was set up on Wednesday Nov 4, so its
    // first week (from Nov 2) is not owed; BJ, set up on Monday Nov 2, owes both.
    const shWeeks = ['2026-11-09'].length;
    expect(i.done).toEqual([3]);
    expect(i.byKind).toEqual([
      { key: 'weekly', count: 2 },
      { key: 'headOffice', count: 1 },
    ]);
    expect(i.weekly).toEqual({ due: weeksBegun + shWeeks, done: 2 });
    // November is not over: only BJ's month, visited, is due; October is over, and nobody came,
    // but neither clinic used the app yet: nothing is owed for it.
    expect(i.teamVisits).toEqual({ due: 1, done: 1 });
    const october = { from: '2026-10-01', to: '2026-10-31', clinic: null, grain: 'month' } as const;
    expect((await t.api['headoffice.inspections'](october)).teamVisits).toEqual({ due: 0, done: 0 });
    expect((await t.api['headoffice.inspectionRecords']({ period: october, filter: { kind: 'teamMissed', value: null } })).months).toEqual([]);
    expect((await t.api['headoffice.inspections'](october)).weekly).toEqual({ due: 0, done: 0 });
    expect(i.marks).toEqual({ pass: marks.filter((m) => m.mark === 'pass').length, fail: marks.filter((m) => m.mark === 'fail').length });
    const labels = [...new Set(marks.map((m) => m.label))];
    expect(i.items).toHaveLength(labels.length);
    for (const item of i.items) {
      const of = marks.filter((m) => m.label === item.key);
      expect({ pass: item.pass, fail: item.fail }, item.key).toEqual({ pass: of.filter((m) => m.mark === 'pass').length, fail: of.filter((m) => m.mark === 'fail').length });
    }
    expect(i.items[0]).toMatchObject({ key: failed.label, rate: 0 });
    // The clinic's own month summary agrees (it counts the same signed marks).
    expect(i.marks.pass).toBe(ownSummary.departments.reduce((a, d) => a + d.pass, 0));
    expect(i.marks.fail).toBe(ownSummary.departments.reduce((a, d) => a + d.fail, 0));
    expect(i.repeatOffenders).toEqual([{ key: anna.id, clinic: 'BJ', name: '孙丽', failures: 2 }]);
    expect(i.penalties).toEqual({ count: 1, yuan: penalty.amount + penalty.supervisorAmount + penalty.deptHeadAmount });
    expect(i.byMeasure).toEqual([{ key: 'fine', count: 1 }]);
    expect(i.stars).toEqual([{ clinic: 'BJ', month: '2026-11', name: '李强', reason: '全月检查全部合格' }]);
    expect(i.byClinic.map((c) => [c.key, c.weeklyDue, c.weeklyDone, c.teamDue, c.teamDone, c.inspections, c.penalties])).toEqual([
      ['BJ', weeksBegun, 2, 1, 1, 3, 1],
      ['SH', shWeeks, 0, 0, 0, 0, 0],
    ]);
    const inspectionRecords = (filter: Input<'headoffice.inspectionRecords'>['filter']) => t.api['headoffice.inspectionRecords']({ period: november, filter });
    for (const item of i.items.slice(0, 3)) expect((await inspectionRecords({ kind: 'item', value: item.key })).marks, item.key).toHaveLength(item.pass + item.fail);
    expect((await inspectionRecords({ kind: 'offender', value: anna.id })).marks.map((m) => [m.date, m.label, m.mark])).toEqual([['2026-11-03', failed.label, 'fail'], ['2026-11-10', failed.label, 'fail']]);
    expect((await inspectionRecords({ kind: 'weeksMissed', value: null })).weeks.map((w) => [w.clinic, w.from])).toEqual([['SH', '2026-11-09']]);
    expect((await inspectionRecords({ kind: 'penalties', value: null })).penalties).toMatchObject([{ clinic: 'BJ', date: '2026-11-10', staffName: '孙丽', itemLabel: failed.label, measure: 'fine' }]);
    expect((await inspectionRecords({ kind: 'inspections', value: 'weekly' })).inspections.map((x) => [x.date, x.inspected, x.fails])).toEqual([['2026-11-03', 2, 1], ['2026-11-10', 2, 1]]);
    expect((await inspectionRecords({ kind: 'fails', value: null })).marks).toHaveLength(i.marks.fail);
    expect((await inspectionRecords({ kind: 'offender', value: null })).marks).toHaveLength(i.repeatOffenders.reduce((a, o) => a + o.failures, 0));

    // The Friday figures: complaints received in the week, and those closed in it with the patient's satisfaction.
    for (const day of ['2026-11-04', '2026-11-20']) {
      const week = await t.api['headoffice.weekly']({ date: day });
      const inWeek = (ms: number | null) => ms !== null && clinicDate(new Date(ms)) >= week.from && clinicDate(new Date(ms)) <= week.to;
      for (const row of [...week.clinics, week.totals]) {
        const of = cases.filter((c) => row.code === '合计' || c.clinic === row.code);
        const closed = of.filter((c) => inWeek(c.closedAt));
        const satisfied = closed.filter((c) => c.satisfaction === 'satisfied' || c.satisfaction === 'verySatisfied').length;
        expect({ complaints: row.complaints, complaintsClosed: row.complaintsClosed, satisfied: row.satisfied, satisfactionRate: row.satisfactionRate }, `${day} ${row.code}`).toEqual({
          complaints: of.filter((c) => c.date >= week.from && c.date <= week.to).length,
          complaintsClosed: closed.length,
          satisfied,
          satisfactionRate: closed.length ? satisfied / closed.length : null,
        });
      }
    }

    // The dashboard's export carries the same complaint and inspection figures, in Chinese.
    const file = await t.api['headoffice.exportDashboard']({ ...november, grain: 'month' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(sheetProblems(book)).toEqual([]);
    const lines = (name: string) => new Map((book.getWorksheet(name)!.getSheetValues().slice(2) as unknown[][]).map((r) => [r[1] as string, r[2]]));
    const complaintSheet = lines('投诉汇总');
    expect([...complaintSheet.entries()].slice(0, 4)).toEqual([['收到投诉', f.total], ['未结案', f.open], ['已结案', f.closed], ['超时案件', f.overdue]]);
    expect(complaintSheet.get('退款（元）')).toBe(f.refunds.yuan);
    expect(complaintSheet.get('超时结案')).toBe(f.closing.late);
    const breakdown = book.getWorksheet('投诉_分类')!.getSheetValues().slice(2) as unknown[][];
    expect(breakdown.filter((r) => r[1] === '渠道').map((r) => [r[2], r[3]])).toEqual(f.byChannel.map((c) => [({ inPerson: '院内当面', wechat: '微信', phone: '投诉电话', website: '网站' } as Record<string, string>)[c.key], c.count]));
    const inspectionSheet = lines('检查汇总');
    expect(inspectionSheet.get('已签字检查')).toBe(3);
    expect(inspectionSheet.get('服务质量检查小组 到访（月）')).toBe(i.teamVisits.done);
    expect(inspectionSheet.get('每周自查 应做（周）')).toBe(i.weekly.due);
    expect(inspectionSheet.get('检查项 不合格')).toBe(i.marks.fail);
    expect(inspectionSheet.get('服务之星 BJ 2026-11')).toBe('李强');
    expect((book.getWorksheet('检查_按机构')!.getRow(2).values as unknown[]).slice(1, 8)).toEqual(['BJ', '北京院', 2, weeksBegun, 1, 1, 3]);
    expect(book.getWorksheet('屡犯人员')!.getRow(2).values).toEqual([undefined, 'BJ', '孙丽', 2]);

    // Bad input names the field; a desk person is refused.
    const invoke = (op: 'headoffice.complaintRecords' | 'headoffice.inspectionRecords' | 'headoffice.complaints', input: unknown) => t.app.dispatcher.invoke(op, input, t.session());
    expect(await invoke('headoffice.complaintRecords', { period: november, filter: { kind: 'colour', value: null } })).toMatchObject({ ok: false, error: { field: 'filter.kind' } });
    expect(await invoke('headoffice.complaintRecords', { period: november, filter: { kind: 'channel', value: 'x'.repeat(41) } })).toMatchObject({ ok: false, error: { field: 'filter.value' } });
    expect(await invoke('headoffice.inspectionRecords', { period: { ...november, to: '2026-10-01' }, filter: { kind: 'fails', value: null } })).toMatchObject({ ok: false, error: { field: 'period.to' } });
    expect(await invoke('headoffice.complaints', { ...november, clinic: ['BJ'] })).toMatchObject({ ok: false, error: { field: 'clinic' } });
  }, 120_000);

  it('pulls the consolidated database by a Mango selector the server applies: clinic records arrive; design documents, reference documents and records of a newer schema stay behind', async () => {
    const ho = await headOffice({ consolidate: true });
    const t = await headOfficeDesk(ho);
    const stamp = { createdAt: '2026-11-02T01:30:00.000Z', createdBy: 'system', updatedAt: '2026-11-02T01:30:00.000Z', updatedBy: 'system' };
    const visitVersion = docVersions.visit;
    // Written straight into `headoffice` (as the consolidation would bring them), in this order: the
    // last one arriving means the pull has walked past the others.
    const held = [
      { _id: '_design/selector-probe', views: {} },
      { _id: 'visit:BJ:from-a-newer-app', type: 'visit', schemaVersion: visitVersion + 1, clinic: 'BJ', ...stamp },
      { _id: 'shared-note:*:1', type: 'shared-note', schemaVersion: 1, clinic: '*', ...stamp },
    ];
    const passed = [
      { _id: 'visit:BJ:known', type: 'visit', schemaVersion: visitVersion, clinic: 'BJ', ...stamp },
      { _id: 'some-future-type:BJ:1', type: 'some-future-type', schemaVersion: 3, clinic: 'BJ', ...stamp },
    ];
    for (const doc of [...held, ...passed]) expect((await ho.admin('PUT', `/headoffice/${encodeURIComponent(doc._id).replace('%2F', '/')}`, doc)).status).toBe(201);
    await waitFor(() => t.app.store.db.get('some-future-type:BJ:1').catch(() => null), 'the last record to reach head office’s desk');
    await t.app.store.db.get('visit:BJ:known');
    for (const { _id } of held) await expect(t.app.store.db.get(_id), _id).rejects.toMatchObject({ status: 404 });
  });
});

function isoWeekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const jan4 = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  return `${d.getUTCFullYear()}-W${String(1 + Math.round(((d.getTime() - jan4.getTime()) / 86_400_000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7)).padStart(2, '0')}`;
}

function stepOrder(key: string): number {
  return ['receive', 'accept', 'investigate', 'classify', 'propose', 'approve', 'negotiate', 'paperwork', 'close', 'penalty', 'prevention'].indexOf(key);
}
