import { describe, expect, it } from 'vitest';
import { enquiry } from '../support/valid/enquiries';
import { LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { DESK_USERS, HO_USER, type TestHeadOffice } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { openXlsx, sheetProblems } from '../support/xlsxTypes';
import { testWorld } from '../support/world';
import { funnelStages } from '../../shared/enquiries/headoffice';

/**
 * Head office's 咨询 section (issue 14): two clinics' consulting groups register enquiries and book,
 * a visitor arrives at the door; head office's figures per clinic, channel and consultant count
 * the links, each figure opens exactly its enquiries, and the .xlsx is dates, percent numbers and
 * Chinese only.
 */
const { headOffice, desk } = testWorld();

async function clinicDesk(ho: TestHeadOffice, code: 'BJ' | 'SH') {
  const t = await desk();
  t.clock.now = new Date('2026-11-27T02:00:00Z');
  const f = await setUpClinic(t, { code, name: code === 'BJ' ? '北京院' : '上海院', inHeadOfficeCity: code === 'BJ' });
  await t.api['sync.configure']({ url: ho.url, ...DESK_USERS[code] });
  const online = await seedStaff(t, { role: 'onlineConsultant', name: code === 'BJ' ? '赵网咨' : '孙网咨', pin: '2468' });
  await t.signIn(online.id, '2468');
  return { t, ...f, online };
}

describe('head office: the 咨询 section', () => {
  it('counts 咨询量 → 预约量 → 到诊量 per clinic, channel and consultant from the links; every figure opens its enquiries; the .xlsx', async () => {
    const ho = await headOffice({ consolidate: true });
    const bj = await clinicDesk(ho, 'BJ');
    const sh = await clinicDesk(ho, 'SH');
    const tomorrow = '2026-11-28';
    const booking = { date: tomorrow, time: '10:00', serviceItem: '双眼皮', departmentId: 'plastic-surgery', consultantId: null, note: '' };
    const a = await bj.t.api['enquiry.record'](enquiry({ channel: 'swt' }));
    const b = await bj.t.api['enquiry.record'](enquiry({ channel: 'qq' }));
    await bj.t.api['enquiry.record'](enquiry({ channel: 'phone', recordingRef: 'REC-1' }));
    const ra = await bj.t.api['enquiry.book']({ id: a.id, ...booking });
    await bj.t.api['enquiry.book']({ id: b.id, ...booking, time: '11:00' });
    await sh.t.api['enquiry.record'](enquiry({ channel: 'swt' }));
    // Next morning the 商务通 visitor arrives at the BJ door (预约到诊).
    bj.t.clock.now = new Date('2026-11-28T01:50:00Z');
    await bj.t.signIn(bj.lead.id, LEAD_PIN);
    await bj.t.api['appointment.checkIn']({ id: ra.appointmentId! });

    const t = await desk();
    t.clock.now = new Date('2026-11-28T03:00:00Z');
    await t.anon['headoffice.setup']({ url: ho.url, ...HO_USER, director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: '2468' } });
    const director = (await t.anon['staff.list']({})).find((s) => s.role === 'hoCsDirector')!;
    await t.signIn(director.id, '2468');
    const period = { from: '2026-11-01', to: '2026-11-30', clinic: null, grain: 'day' } as const;
    const f = await waitFor(async () => {
      const got = await t.api['headoffice.enquiries'](period);
      return got.total.enquiries === 4 && got.total.arrivals === 1 ? got : null;
    }, 'both clinics’ enquiries and the arrival at head office', 60_000);

    const line = (l: { key: string; enquiries: number; appointments: number; arrivals: number; bookingRate: number | null; arrivalRate: number | null }) => [l.key, l.enquiries, l.appointments, l.arrivals, l.bookingRate, l.arrivalRate];
    expect(line(f.total)).toEqual(['', 4, 2, 1, 0.5, 0.25]);
    expect(f.byClinic.map(line)).toEqual([
      ['BJ', 3, 2, 1, 0.667, 0.333],
      ['SH', 1, 0, 0, 0, 0],
    ]);
    expect(f.byClinic.map((l) => l.label)).toEqual(['北京院', '上海院']);
    expect(f.byChannel.map(line)).toEqual([
      ['phone', 1, 0, 0, 0, 0],
      ['swt', 2, 1, 1, 0.5, 0.5],
      ['qq', 1, 1, 0, 1, 0],
    ]);
    expect(f.byConsultant.map((l) => [l.label, l.clinic, l.enquiries, l.appointments, l.arrivals])).toEqual([
      ['赵网咨', 'BJ', 3, 2, 1],
      ['孙网咨', 'SH', 1, 0, 0],
    ]);
    expect(f.periods.map(line)).toEqual([['2026-11-27', 4, 2, 1, 0.5, 0.25]]);

    // Each figure opens exactly its enquiries.
    for (const [by, lines] of [['total', [f.total]], ['clinic', f.byClinic], ['channel', f.byChannel], ['consultant', f.byConsultant], ['period', f.periods]] as const) {
      for (const l of lines) {
        for (const stage of funnelStages) {
          const records = await t.api['headoffice.enquiryRecords']({ period, filter: { by, key: by === 'total' ? null : l.key, stage } });
          expect(records, `${by} ${l.key} ${stage}`).toHaveLength(l[stage]);
        }
      }
    }
    const arrivals = await t.api['headoffice.enquiryRecords']({ period, filter: { by: 'clinic', key: 'BJ', stage: 'arrivals' } });
    expect(arrivals).toEqual([expect.objectContaining({ id: a.id, clinic: 'BJ', channel: 'swt', consultantName: '赵网咨', outcome: 'booked', booked: true, arrived: true })]);
    // One clinic chosen: only its figures.
    expect((await t.api['headoffice.enquiries']({ ...period, clinic: 'SH' })).total.enquiries).toBe(1);

    // Bad filters are refused, naming the field.
    const invoke = (input: unknown) => t.app.dispatcher.invoke('headoffice.enquiryRecords', input, t.session());
    expect(await invoke({ period, filter: { by: 'channel', key: 'fax', stage: 'enquiries' } })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'filter.key' } });
    expect(await invoke({ period, filter: { by: 'clinic', key: null, stage: 'enquiries' } })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'filter.key' } });
    expect(await invoke({ period, filter: { by: 'total', key: null, stage: 'visits' } })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'filter.stage' } });
    // A clinic's desk has no head-office figures.
    expect(await bj.t.app.dispatcher.invoke('headoffice.enquiries', period, bj.t.session())).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // The .xlsx: per period (dates), clinic, channel and consultant; rates are percent numbers; no codes or English.
    for (const grain of ['day', 'week', 'month'] as const) {
      const file = await t.api['headoffice.enquiriesXlsx']({ ...period, grain });
      expect(file.filename).toBe('咨询统计_各机构_2026-11-01_2026-11-30.xlsx');
      const book = await openXlsx(file.base64);
      expect(sheetProblems(book), grain).toEqual([]);
      expect(book.worksheets.map((w) => w.name)).toEqual(['按期间', '按机构', '按渠道', '按咨询员', '说明']);
      const periodCell = book.getWorksheet('按期间')!.getCell('A2');
      expect(periodCell.value, grain).toBeInstanceOf(Date);
      expect((periodCell.value as Date).toISOString().slice(0, 10)).toBe({ day: '2026-11-27', week: '2026-11-23', month: '2026-11-01' }[grain]);
    }
    const book = await openXlsx((await t.api['headoffice.enquiriesXlsx'](period)).base64);
    const clinics = book.getWorksheet('按机构')!;
    expect(clinics.getRow(1).values).toEqual([undefined, '机构', '名称', '咨询量', '已解答', '预约量', '到诊量', '预约率（预约量/咨询量）', '成功率（到诊量/咨询量）']);
    expect(clinics.getRow(2).values).toEqual([undefined, 'BJ', '北京院', 3, 3, 2, 1, 0.667, 0.333]);
    expect([clinics.getCell('G2').numFmt, clinics.getCell('H2').numFmt]).toEqual(['0%', '0%']);
    expect(book.getWorksheet('按渠道')!.getColumn(1).values.slice(2)).toEqual(['电话', '商务通', 'QQ', '合计']);
    expect(book.getWorksheet('按咨询员')!.getRow(2).values).toEqual([undefined, '北京院', '赵网咨', 3, 3, 2, 1, 0.667, 0.333]);
    const about = book.getWorksheet('说明')!;
    expect(about.getCell('B4').value).toBeInstanceOf(Date);
  }, 120_000);
});
