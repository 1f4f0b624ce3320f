import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, tempDir, type TestApp } from '../support/app';
import { LEAD_PIN, seedStaff, setUpClinic } from '../support/factories';
import { enquiry } from '../support/valid/enquiries';
import { addDays } from '../../shared/appointments/rules';
import { clinicDate } from '../../shared/time';
import { daySums, funnelOfSums, funnelRows } from '../../shared/enquiries/rules';
import { daySumsParts, daySumsStats, keptDaySums, readFunnelFacts } from '../../src-main/enquiries/funnel';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { listStaff } from '../../src-main/reference/repo';

let t: TestApp;
afterEach(async () => t?.close());

/** The funnel as the former answer gave it: every fact read from the store at the ask. */
async function readFunnel(from: string, to: string, grain: 'day' | 'week' | 'month') {
  const [facts, staff] = await Promise.all([readFunnelFacts(t.app.store.db, 'BJ', from, to), listStaff(t.app.store.db, 'BJ')]);
  return funnelRows(facts.enquiries, facts.arrived, grain, new Map(staff.map((s) => [s._id, s.name])), facts.checks);
}

describe('the funnel from kept months (src-main/enquiries/funnel.ts) equals reading it at each ask', () => {
  it('after registrations, bookings, arrivals, a cancelled visit, a spot check and an answer, each ask equals the read', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const online = await seedStaff(t, { role: 'onlineConsultant', name: '赵网咨', pin: '2468' });
    await t.signIn(online.id, '2468');
    const day = clinicDate(t.clock.now);
    const asks = [
      [addDays(day, -40), addDays(day, 5), 'month'],
      [day, addDays(day, 1), 'day'],
      [addDays(day, -7), addDays(day, 7), 'week'],
    ] as const;
    const same = async (what: string) => {
      for (const [from, to, grain] of asks) expect(await t.api['enquiry.funnel']({ from, to, grain }), `${what}: ${from}..${to} by ${grain}`).toEqual(await readFunnel(from, to, grain));
    };
    const [a, b, c] = [await t.api['enquiry.record'](enquiry({ channel: 'swt' })), await t.api['enquiry.record'](enquiry({ channel: 'qq' })), await t.api['enquiry.record'](enquiry({ channel: 'wechat', answer: '', outcome: { kind: 'callBack', at: new Date(t.clock.now.getTime() + 3_600_000).toISOString() } }))];
    await same('registered');
    const booking = { date: addDays(day, 1), time: '10:00', serviceItem: '双眼皮', departmentId: 'plastic-surgery', consultantId: f.consultant.id, note: '' };
    const [ra, rb] = [await t.api['enquiry.book']({ id: a.id, ...booking }), await t.api['enquiry.book']({ id: b.id, ...booking, time: '11:00' })];
    await same('booked');
    expect((await t.api['enquiry.funnel']({ from: day, to: day, grain: 'day' })).total).toMatchObject({ enquiries: 3, appointments: 2, arrivals: 0 });

    // Next day both arrive at the door (预约到诊); one visit is then cancelled (作废): it kept nothing.
    t.clock.advance(24 * 60);
    await t.signIn(f.lead.id, LEAD_PIN);
    const va = await t.api['appointment.checkIn']({ id: ra.appointmentId! });
    await t.api['appointment.checkIn']({ id: rb.appointmentId! });
    await same('arrived');
    expect((await t.api['enquiry.funnel']({ from: day, to: day, grain: 'day' })).total).toMatchObject({ arrivals: 2 });
    await t.api['visits.cancel']({ visitId: va.id, reason: '登记错了人' });
    await same('a visit cancelled');
    expect((await t.api['enquiry.funnel']({ from: day, to: day, grain: 'day' })).total).toMatchObject({ arrivals: 1 });

    // The leader's spot check and a call-back made move the error rate and the answered count.
    await t.api['enquiry.spotCheck']({ id: c.id, verdict: 'incomplete', note: '未留电话' });
    await t.signIn(online.id, '2468');
    await t.api['enquiry.answer']({ id: c.id, answer: '已回电：下周来面诊。', outcome: { kind: 'answered' } });
    await same('checked and answered');
    expect((await t.api['enquiry.funnel']({ from: day, to: day, grain: 'day' })).total).toMatchObject({ answered: 3, checked: 1, faulty: 1, errorRate: 1 });
    // An enquiry of today (another month's key only when the day is in another month): counted at once.
    await t.api['enquiry.record'](enquiry({ channel: 'phone', recordingRef: 'REC-1' }));
    await same('one more today');
  });

  it('keeps day sums equal to a full recount after adds, edits, deletes, an arrival in a later month and a restart', async () => {
    const dir = tempDir();
    try {
      t = await startTestApp({ dir: dir.path, now: new Date('2026-11-29T02:00:00Z') });
      const f = await setUpClinic(t);
      const online = await seedStaff(t, { role: 'onlineConsultant', name: '钱网咨', pin: '1357' });
      await t.signIn(online.id, '1357');
      const day = clinicDate(t.clock.now);
      const asks = [
        ['2026-11-01', '2026-12-31', 'month'],
        ['2026-11-25', '2026-12-05', 'day'],
        ['2026-11-23', '2026-12-06', 'week'],
      ] as const;
      const same = async (what: string) => {
        for (const [from, to, grain] of asks) {
          const kept = await t.api['enquiry.funnel']({ from, to, grain });
          expect(kept, `${what}: ${from}..${to} by ${grain}`).toEqual(await readFunnel(from, to, grain));
          // And by hand from every enquiry document of the span (the links counted one by one).
          expect(kept.total, `${what}: counted by hand`).toMatchObject(await recount(from, to));
        }
      };
      const a = await t.api['enquiry.record'](enquiry({ channel: 'swt' }));
      const b = await t.api['enquiry.record'](enquiry({ channel: 'swt' }));
      const c = await t.api['enquiry.record'](enquiry({ channel: 'qq', answer: '', outcome: { kind: 'callBack', at: new Date(t.clock.now.getTime() + 3_600_000).toISOString() } }));
      await same('three added');
      // Booked for next month: the arrival comes in December, counted on November's row.
      const booking = { date: '2026-12-02', time: '10:00', serviceItem: '双眼皮', departmentId: 'plastic-surgery', consultantId: f.consultant.id, note: '' };
      const ra = await t.api['enquiry.book']({ id: a.id, ...booking });
      const rb = await t.api['enquiry.book']({ id: b.id, ...booking, time: '11:00' });
      await t.api['enquiry.answer']({ id: c.id, answer: '已回电：价格三千起。', outcome: { kind: 'answered' } });
      await same('booked and answered');

      t.clock.now = new Date('2026-12-02T02:00:00Z');
      await t.signIn(f.lead.id, LEAD_PIN);
      await same('a new month begins');
      const va = await t.api['appointment.checkIn']({ id: ra.appointmentId! });
      await t.api['appointment.checkIn']({ id: rb.appointmentId! });
      // November's row is kept; only December's arrivals are read again, and the two move it.
      await same('two arrivals in December');
      await t.api['enquiry.spotCheck']({ id: c.id, verdict: 'wrong', note: '项目填错' });
      await same('a spot check');
      expect((await t.api['enquiry.funnel']({ from: day, to: day, grain: 'day' })).total).toMatchObject({ enquiries: 3, appointments: 2, arrivals: 2, answered: 3, checked: 1, faulty: 1 });
      await t.api['enquiry.spotCheck']({ id: c.id, verdict: 'ok', note: '' });
      await same('the spot check rewritten');

      // Edits and deletes that come in as documents (as sync brings them): the enquiry moved to
      // another channel, a visit deleted (its arrival goes), an enquiry deleted (its row goes).
      const db = t.app.store.db;
      const doc = await db.get<Record<string, unknown>>(b.id);
      await db.put({ ...doc, channel: 'wechat' });
      await same('an enquiry edited');
      await db.remove(await db.get(va.id));
      await same('a visit deleted');
      await db.remove(await db.get(c.id));
      await same('an enquiry deleted');
      expect((await t.api['enquiry.funnel']({ from: day, to: day, grain: 'day' })).total).toMatchObject({ enquiries: 2, appointments: 2, arrivals: 1, checked: 0 });

      // A restart: the sums come back from the file beside the store (written before the close),
      // so the first ask reads no day and no arrival month again, and agrees with the recount.
      await t.close();
      expect(existsSync(`${db.name}.enquiry-sums.json`), 'the file beside the store').toBe(true);
      t = await startTestApp({ dir: dir.path, now: new Date('2026-12-02T03:00:00Z') });
      await t.signIn(online.id, '1357');
      await same('after a restart');
      expect(daySumsStats(t.app.store.db)).toEqual({ loaded: true, daysRead: 0, monthsRead: 0 });
      await t.api['enquiry.record'](enquiry({ channel: 'phone', recordingRef: 'REC-9' }));
      await same('one added after the restart');
      // Only the day of the new enquiry was read again (once per ask, the three asks share it: once).
      expect(daySumsStats(t.app.store.db)).toEqual({ loaded: true, daysRead: 1, monthsRead: 0 });

      // Changes after the file was last written, then a close and a start: the changes feed since
      // the file's sequence drops what they touch — November's enquiry moved to 商务通 as a
      // document (as sync brings it) and a December visit deleted — and the rest stays from the file.
      const db2 = t.app.store.db;
      await same('before the close');
      await db2.put({ ...(await db2.get<Record<string, unknown>>(b.id)), channel: 'swt' });
      await db2.remove(await db2.get((await db2.allDocs({ startkey: 'visit:BJ:2026-12', endkey: 'visit:BJ:2026-12\ufff0' })).rows[0]!.id));
      await t.close();
      t = await startTestApp({ dir: dir.path, now: new Date('2026-12-02T04:00:00Z') });
      await t.signIn(online.id, '1357');
      await same('changed while closed');
      expect(daySumsStats(t.app.store.db)).toEqual({ loaded: true, daysRead: 1, monthsRead: 1 });
      expect((await t.api['enquiry.funnel']({ from: day, to: day, grain: 'day' })).total).toMatchObject({ enquiries: 2, appointments: 2, arrivals: 0 });

      // A file that is not the store's sums (damaged, or of another version) is ignored: every day read again, the same figures.
      await t.close();
      const file = `${db2.name}.enquiry-sums.json`;
      writeFileSync(file, '{"version":1,"days":[["BJ|2026-11-29",[["x","qq",9,9,9,0,0,0]],[["appointment:BJ:x",5]]]]');
      t = await startTestApp({ dir: dir.path, now: new Date('2026-12-02T05:00:00Z') });
      await t.signIn(online.id, '1357');
      await same('a damaged file');
      expect(daySumsStats(t.app.store.db)).toMatchObject({ loaded: false });
      await t.close();
      writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), version: 0 }));
      t = await startTestApp({ dir: dir.path, now: new Date('2026-12-02T06:00:00Z') });
      await t.signIn(online.id, '1357');
      await same('a file of another version');
      expect(daySumsStats(t.app.store.db)).toMatchObject({ loaded: false });
    } finally {
      await t.close();
      dir.remove();
    }
  });
});

/** The total counted by hand from the enquiry, check and visit documents (no code of the funnel's). */
async function recount(from: string, to: string) {
  const db = t.app.store.db;
  const all = (prefix: string) => db.allDocs<Record<string, unknown>>({ include_docs: true, startkey: prefix, endkey: `${prefix}\ufff0` }).then((r) => r.rows.map((row) => row.doc!));
  const [enquiries, checks, visits, events] = await Promise.all([all('enquiry:BJ:'), all('enquiry-check:BJ:'), all('visit:BJ:'), all('visit-event:BJ:')]);
  const cancelled = new Set(events.filter((e) => e.kind === 'cancel').map((e) => e.visitId));
  const kept = new Set(visits.filter((v) => v.appointmentId && !cancelled.has(v._id)).map((v) => v.appointmentId));
  const inSpan = enquiries.filter((e) => {
    const d = String(e._id).split(':')[2]!;
    return d >= from && d <= to;
  });
  const verdict = new Map(checks.map((c) => [c.enquiryId, c.verdict]));
  return {
    enquiries: inSpan.length,
    answered: inSpan.filter((e) => e.answeredAt !== null).length,
    appointments: inSpan.filter((e) => e.appointmentId !== null).length,
    arrivals: inSpan.filter((e) => e.appointmentId !== null && kept.has(e.appointmentId)).length,
    checked: inSpan.filter((e) => verdict.has(e._id)).length,
    faulty: inSpan.filter((e) => verdict.has(e._id) && verdict.get(e._id) !== 'ok').length,
  };
}

/**
 * Head office pulls every clinic, so its sums are many clinic-years (docs/bench.md: one file was
 * 162 MB at 50 clinics × 3 years). They are kept per clinic-month: an ask reads the parts of its
 * clinic and months only, and a change rewrites its part and the index. Documents of two clinics
 * in one store, as head office holds them, asked through keptDaySums beside a read of the store.
 */
describe('head office’s day sums: one file per clinic-month, read when asked', () => {
  const doc = (clinic: string, day: string, n: number, channel = 'qq') => ({
    _id: `enquiry:${clinic}:${day}:t${n}`, type: 'enquiry', clinic, createdAt: `${day}T02:00:00.000Z`, createdBy: 'staff:x', updatedAt: `${day}T02:00:00.000Z`, updatedBy: 'staff:x',
    channel, question: '价格？', items: [], answer: '三千起。', recordingRef: '', at: `${day}T02:00:00.000Z`, consultantId: `staff:${clinic}:c${n % 2}`, customerId: null, name: `客${n}`, phone: '', contact: 'qq:1', outcome: { kind: 'answered' }, answeredAt: `${day}T02:30:00.000Z`, appointmentId: null, steps: [],
  });
  const today = '2026-12-02';
  const read = async (clinic: string, from: string, to: string) => {
    const f = await readFunnelFacts(t.app.store.db, clinic, from, to);
    return funnelOfSums(daySums(f.enquiries, f.arrived, f.checks), 'day', new Map());
  };
  const kept = async (clinic: string, from: string, to: string) => funnelOfSums(await keptDaySums(t.app.store.db, clinic, from, to, today), 'day', new Map());

  it('after a start, asking one clinic’s month reads that clinic’s parts alone; a change to a part nobody asked is right after the next start', async () => {
    const dir = tempDir();
    try {
      t = await startTestApp({ dir: dir.path, now: new Date(`${today}T02:00:00Z`) });
      const db = t.app.store.db;
      let n = 0;
      await db.bulkDocs(['BJ', 'SH'].flatMap((c) => ['2026-11-03', '2026-11-20', '2026-12-01'].flatMap((d) => [doc(c, d, n++), doc(c, d, n++, 'wechat')])));
      for (const c of ['BJ', 'SH']) expect(await kept(c, '2026-11-01', '2026-12-02'), c).toEqual(await read(c, '2026-11-01', '2026-12-02'));
      await t.close();
      const folder = `${db.name}.enquiry-sums`;
      expect(readdirSync(folder).sort(), 'a file per clinic-month').toEqual(['BJ_2026-11.json', 'BJ_2026-12.json', 'SH_2026-11.json', 'SH_2026-12.json']);
      expect(JSON.parse(readFileSync(`${db.name}.enquiry-sums.json`, 'utf8'))).toMatchObject({ version: 2, parts: ['BJ|2026-11', 'BJ|2026-12', 'SH|2026-11', 'SH|2026-12'] });

      // A start: BJ's December asked; SH's parts are not read (a damaged SH file would not matter).
      writeFileSync(`${folder}/SH_2026-11.json`, '{"version":2,"part":"SH|2026-11","days":[["2026-11-03",[["x","qq",99,0,0,0,0,0]],[]]]');
      t = await startTestApp({ dir: dir.path, now: new Date(`${today}T03:00:00Z`) });
      expect(await kept('BJ', '2026-12-01', '2026-12-02')).toEqual(await read('BJ', '2026-12-01', '2026-12-02'));
      expect(daySumsStats(t.app.store.db)).toEqual({ loaded: true, daysRead: 0, monthsRead: 0 });
      expect(daySumsParts(t.app.store.db), 'only BJ’s December was taken from its file').toEqual(['BJ|2026-12']);
      // The damaged SH file is read when SH is asked: refused, its days read from the store, the figures right.
      expect(await kept('SH', '2026-11-01', '2026-11-30')).toEqual(await read('SH', '2026-11-01', '2026-11-30'));
      expect(daySumsStats(t.app.store.db).daysRead).toBe(30);
      await t.close();

      // A change to SH's November (as sync brings it) while only BJ is asked: the next write takes SH's
      // part from its file first, less the changed day, so the part is complete to the index's sequence.
      t = await startTestApp({ dir: dir.path, now: new Date(`${today}T04:00:00Z`) });
      const db2 = t.app.store.db;
      await kept('BJ', '2026-12-01', '2026-12-02');
      await db2.put(doc('SH', '2026-11-20', 99, 'swt'));
      await db2.remove(await db2.get(`enquiry:SH:2026-11-03:t6`));
      await kept('BJ', '2026-12-01', '2026-12-02');
      expect(daySumsParts(db2)).toEqual(['BJ|2026-12']);
      await t.close(); // writes the index and the touched parts
      t = await startTestApp({ dir: dir.path, now: new Date(`${today}T05:00:00Z`) });
      expect(await kept('SH', '2026-11-01', '2026-11-30')).toEqual(await read('SH', '2026-11-01', '2026-11-30'));
      expect((await kept('SH', '2026-11-01', '2026-11-30')).total).toMatchObject({ enquiries: 4 }); // 4 − 1 + 1
      // The two changed days alone were read again; the rest of the part came from its file.
      expect(daySumsStats(t.app.store.db)).toEqual({ loaded: true, daysRead: 2, monthsRead: 0 });
    } finally {
      await t.close();
      dir.remove();
    }
  });
});
