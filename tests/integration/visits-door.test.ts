import { afterEach, describe, expect, it } from 'vitest';
import { visitDoc } from '../../shared/desk/schemas';
import { visitEventDoc } from '../../shared/visits/schemas';
import { clinicDate } from '../../shared/time';
import { catchUp, summaryRows, visitRecords } from '../../src-main/headoffice/summaries';
import { displayBoard } from '../../src-main/visits/display';
import { expectRefusals, refusal, startTestApp, type TestApp } from '../support/app';
import { addStaff, firstVisit, setUpClinic, visitFields } from '../support/factories';
import { booking } from '../support/valid/appointments';

/** Issue 21, the door at rush hour: one visit per person and day, and a mistaken check-in cancelled (作废). */
let t: TestApp;
afterEach(async () => t?.close());

describe('desk.waitingList (issue 20: it read VisitDoc.status, always waiting)', () => {
  it('lists only who still waits for the door: not who was handed to a consultant, not who left', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const [waits, handed, left] = [await t.api['desk.checkIn'](firstVisit()), await t.api['desk.checkIn'](firstVisit()), await t.api['desk.checkIn'](firstVisit())];
    await t.api['visits.handOff']({ visitId: handed.id, toStaffId: f.consultant.id, status: 'withConsultant', note: '' });
    await t.api['visits.setStatus']({ visitId: left.id, status: 'left', outcome: 'noPurchase' });
    expect((await t.api['desk.waitingList']({})).map((v) => v.id)).toEqual([waits.id]);
  });
});

describe('a person already checked in today (issue 21)', () => {
  it('is offered her visit instead of a second one; a second visit the same day needs a reason, which the visit keeps', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const first = await t.api['desk.checkIn'](firstVisit({ name: '王晓玲' }));
    const again = { customer: { id: first.customerId }, visit: visitFields() };

    const e = await refusal(t, 'desk.checkIn', again);
    expect({ code: e.code, field: e.field }).toEqual({ code: 'conflict', field: 'visit.repeatReason' });
    expect(e.detail).toMatchObject({ existingVisitId: first.id, existingStatus: 'triaged' });
    // A blank reason is no reason.
    expect((await refusal(t, 'desk.checkIn', { ...again, visit: visitFields({ repeatReason: '   ' }) })).field).toBe('visit.repeatReason');
    expect(await t.api['visits.board']({})).toHaveLength(1);

    // She left and came back for her results: the second visit says why.
    await t.api['visits.setStatus']({ visitId: first.id, status: 'left', outcome: 'noPurchase' });
    expect((await refusal(t, 'desk.checkIn', again)).detail).toMatchObject({ existingVisitId: first.id, existingStatus: 'left' });
    t.clock.advance(90);
    const second = await t.api['desk.checkIn']({ ...again, visit: visitFields({ repeatReason: '回来取化验单' }) });
    expect(second.repeatReason).toBe('回来取化验单');
    expect(visitDoc.parse(await t.app.store.db.get(second.id)).repeatReason).toBe('回来取化验单');
    expect((await t.api['visits.board']({})).map((r) => [r.id, r.repeatReason])).toEqual([
      [first.id, null],
      [second.id, '回来取化验单'],
    ]);
  });

  it('a first visit of the day keeps no reason, and a cancelled visit does not count as the first', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const mistaken = await t.api['desk.checkIn'](firstVisit());
    await t.api['visits.cancel']({ visitId: mistaken.id, reason: '点错了' });
    const real = await t.api['desk.checkIn']({ customer: { id: mistaken.customerId }, visit: visitFields() });
    expect(real.repeatReason).toBeNull();
    // Yesterday's visit is no reason either.
    t.clock.advance(24 * 60);
    await t.signIn(f.lead.id, '1234');
    expect((await t.api['desk.checkIn']({ customer: { id: mistaken.customerId }, visit: visitFields({ repeatReason: '不该记下' }) })).repeatReason).toBeNull();
  });
});

describe('cancelling a visit (作废, issue 21)', () => {
  it('keeps who, when and why as an event, and the visit leaves every figure: waiting list, board, tea, display, 今日概览, appointments kept, head office', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const today = clinicDate(t.clock.now);
    const appt = await t.api['appointment.book'](booking(t, { date: today, time: '11:00' }));
    const stays = await t.api['desk.checkIn'](firstVisit({ name: '李静' }));
    const mistaken = await t.api['desk.checkIn'](firstVisit({ name: appt.name, phone: appt.phone }, { hasAppointment: true, appointmentId: appt.id }));
    expect((await t.api['appointment.day']({})).find((a) => a.id === appt.id)?.state).toBe('arrived');

    // Before: both count.
    const figures = async () => {
      await catchUp(t.app.store.db);
      const rows = await summaryRows(t.app.store.db, today, today);
      return {
        waitingList: (await t.api['desk.waitingList']({})).map((v) => v.id),
        board: (await t.api['visits.board']({})).map((r) => r.id),
        tea: (await t.api['tea.tasks']({})).map((x) => x.visitId),
        display: (await displayBoard(t.app.store.db, t.clock.now)).rows.length,
        arrivals: (await t.api['visits.dayView']({})).arrivals,
        stillWaiting: (await t.api['visits.dayView']({})).stillWaiting,
        firstVisits: (await t.api['visits.dayView']({})).firstVisits,
        kept: (await t.api['visits.dayView']({})).appointments.kept,
        headOfficeVisits: rows.visits.reduce((n, r) => n + r.value, 0),
        headOfficeSources: rows.customers.reduce((n, r) => n + r.value, 0),
        headOfficeRecords: (await visitRecords(t.app.store.db, today, today, { clinic: null, firstVisit: null, departmentName: null, source: null, outcome: null }, 50)).map((r) => r.id),
      };
    };
    expect(await figures()).toEqual({
      waitingList: [stays.id, mistaken.id],
      board: [stays.id, mistaken.id],
      tea: [stays.id, mistaken.id],
      display: 2,
      arrivals: 2,
      stillWaiting: 2,
      firstVisits: 2,
      kept: 1,
      headOfficeVisits: 2,
      headOfficeSources: 2,
      headOfficeRecords: [stays.id, mistaken.id],
    });

    t.clock.advance(3);
    const row = await t.api['visits.cancel']({ visitId: mistaken.id, reason: '登记错了人' });
    expect(row.cancelled).toEqual({ at: t.clock.now.toISOString(), byName: '王主任', reason: '登记错了人' });

    expect(await figures()).toEqual({
      waitingList: [stays.id],
      board: [stays.id],
      tea: [stays.id],
      display: 1,
      arrivals: 1,
      stillWaiting: 1,
      firstVisits: 1,
      kept: 0,
      headOfficeVisits: 1,
      headOfficeSources: 1,
      headOfficeRecords: [stays.id],
    });
    // The booking waits again for the real arrival.
    expect((await t.api['appointment.day']({})).find((a) => a.id === appt.id)?.state).not.toBe('arrived');

    // Kept in the visit's history, as an event document; the visit itself is untouched.
    const history = await t.api['visits.events']({ visitId: mistaken.id });
    expect(history.map((e) => [e.kind, e.byName, e.note, e.at])).toEqual([['cancel', '王主任', '登记错了人', t.clock.now.toISOString()]]);
    const docs = await t.app.store.db.allDocs({ startkey: `visit-event:BJ:${today}:`, endkey: `visit-event:BJ:${today}:\ufff0`, include_docs: true });
    expect(docs.rows.map((r) => visitEventDoc.parse(r.doc).kind)).toEqual(['cancel']);
  });

  it('is for the desk lead and up; a reason is required; a cancelled visit cannot be cancelled or moved again; nothing written on refusal', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const guide = await addStaff(t, { name: '小林', role: 'guide', pin: '2468' });
    const v = await t.api['desk.checkIn'](firstVisit());
    await expectRefusals(t, 'visits.cancel', [
      { why: 'no reason', input: { visitId: v.id, reason: '' }, field: 'reason' },
      { why: 'a blank reason', input: { visitId: v.id, reason: '   ' }, field: 'reason' },
      { why: 'an unknown visit', input: { visitId: 'visit:BJ:2026-11-27:NOPE', reason: '错' }, field: 'visitId', code: 'not_found' },
    ]);
    await t.signIn(guide.id, '2468');
    expect((await refusal(t, 'visits.cancel', { visitId: v.id, reason: '错' })).code).toBe('forbidden');
    await t.signIn(f.lead.id, '1234');
    await t.api['visits.cancel']({ visitId: v.id, reason: '重复登记' });
    await expectRefusals(t, 'visits.cancel', [{ why: 'already cancelled', input: { visitId: v.id, reason: '再来' }, field: 'visitId', code: 'conflict' }]);
    await expectRefusals(t, 'visits.setStatus', [{ why: 'a cancelled visit does not move', input: { visitId: v.id, status: 'withConsultant', outcome: null }, field: 'visitId', code: 'conflict' }]);
    await expectRefusals(t, 'visits.handOff', [{ why: 'nor is it handed on', input: { visitId: v.id, toStaffId: f.consultant.id, status: 'withConsultant' }, field: 'visitId', code: 'conflict' }]);
  });
});

describe('a lead undoes a 离院 (撤销离院, issue 21)', () => {
  it('puts her back where she left from, keeps the 离院 and the reason in the history, and she counts as there again', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const waiting = await t.api['desk.checkIn'](firstVisit({ name: '赵敏' }));
    const withConsultant = await t.api['desk.checkIn'](firstVisit({ name: '钱芳' }));
    await t.api['visits.handOff']({ visitId: withConsultant.id, toStaffId: f.consultant.id, status: 'withConsultant', note: '' });
    t.clock.advance(2);
    await t.api['visits.setStatus']({ visitId: waiting.id, status: 'left', outcome: 'noPurchase' });
    await t.api['visits.setStatus']({ visitId: withConsultant.id, status: 'left', outcome: 'surgical' });
    expect((await t.api['desk.waitingList']({})).map((v) => v.id)).toEqual([]);
    expect((await t.api['visits.dayView']({})).byOutcome).toEqual({ noPurchase: 1, surgical: 1 });

    t.clock.advance(1);
    const back = await t.api['visits.reopen']({ visitId: waiting.id, reason: '点错了离院，她还在候诊' });
    expect(back).toMatchObject({ status: 'triaged', leftAt: null, outcome: null, waitEndedAt: null, leftFrom: null, reopened: { at: t.clock.now.toISOString(), byName: '王主任', reason: '点错了离院，她还在候诊' } });
    const again = await t.api['visits.reopen']({ visitId: withConsultant.id, reason: '还在咨询室' });
    expect(again).toMatchObject({ status: 'withConsultant', lookingAfter: '李咨询', outcome: null });
    // Back on the waiting list and the display; the outcomes of the undone 离院 count no more.
    expect((await t.api['desk.waitingList']({})).map((v) => v.id)).toEqual([waiting.id]);
    expect((await displayBoard(t.app.store.db, t.clock.now)).rows.map((r) => r.name)).toEqual(['赵*']);
    expect((await t.api['visits.dayView']({})).byOutcome).toEqual({});
    // The history keeps both, who and why; the 离院 event itself is untouched.
    const history = await t.api['visits.events']({ visitId: waiting.id });
    expect(history.map((e) => [e.kind, e.status, e.outcome, e.byName, e.note])).toEqual([
      ['status', 'left', 'noPurchase', '王主任', ''],
      ['reopen', 'triaged', null, '王主任', '点错了离院，她还在候诊'],
    ]);
    // She can leave again, with an outcome chosen again.
    const gone = await t.api['visits.setStatus']({ visitId: waiting.id, status: 'left', outcome: 'nonSurgical' });
    expect(gone).toMatchObject({ status: 'left', outcome: 'nonSurgical', leftFrom: 'triaged' });
  });

  it('is for the desk lead and up, with a reason, only of a visitor who left today; nothing written on refusal', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const guide = await addStaff(t, { name: '小林', role: 'guide', pin: '2468' });
    const here = await t.api['desk.checkIn'](firstVisit());
    const left = await t.api['desk.checkIn'](firstVisit());
    await t.api['visits.setStatus']({ visitId: left.id, status: 'left', outcome: 'noPurchase' });
    await expectRefusals(t, 'visits.reopen', [
      { why: 'no reason', input: { visitId: left.id, reason: '' }, field: 'reason' },
      { why: 'a blank reason', input: { visitId: left.id, reason: '   ' }, field: 'reason' },
      { why: 'an oversized reason', input: { visitId: left.id, reason: '因'.repeat(201) }, field: 'reason' },
      { why: 'a reason of the wrong type', input: { visitId: left.id, reason: 7 }, field: 'reason' },
      { why: 'an unknown field', input: { visitId: left.id, reason: '错', status: 'triaged' }, field: 'status' },
      { why: 'an unknown visit', input: { visitId: 'visit:BJ:2026-11-27:NOPE', reason: '错' }, field: 'visitId', code: 'not_found' },
      { why: 'she has not left', input: { visitId: here.id, reason: '错' }, field: 'visitId', code: 'conflict' },
    ]);
    await t.signIn(guide.id, '2468');
    expect((await refusal(t, 'visits.reopen', { visitId: left.id, reason: '错' })).code).toBe('forbidden');
    await t.signIn(f.lead.id, '1234');
    await t.api['visits.cancel']({ visitId: here.id, reason: '重复登记' });
    await expectRefusals(t, 'visits.reopen', [{ why: 'a cancelled visit', input: { visitId: here.id, reason: '错' }, field: 'visitId', code: 'conflict' }]);
    // The next day, yesterday's 离院 stands.
    t.clock.advance(24 * 60);
    await t.signIn(f.lead.id, '1234');
    const e = await refusal(t, 'visits.reopen', { visitId: left.id, reason: '错' });
    expect({ code: e.code, field: e.field, rule: e.rule }).toEqual({ code: 'conflict', field: 'visitId', rule: 'visits.reopenOtherDay' });
  });
});
