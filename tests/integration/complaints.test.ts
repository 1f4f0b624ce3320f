import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { OperationName } from '../../shared/contract';
import type { StepInput } from '../../shared/complaints/schemas';
import { clinicValidation } from '../../src-main/sync/couch/validation';
import { calendarDoc } from '../../shared/reference/calendar';
import { complaintIds } from '../../src-main/complaints/storage';
import { newMeta } from '../../src-main/store/meta';
import { expectRefusals, refusal, startTestApp, storeMark, type TestApp } from '../support/app';
import { seedStaff, setUpClinic } from '../support/factories';
import { staffRoleNames, staffRoles, type StaffRole } from '../../shared/reference/schemas';
import { canReadAll, endOfClinicDay } from '../../shared/complaints/rules';
import { ruleMessage } from '../../src-renderer/i18n/ruleMessages';
import { summary } from '../../src-renderer/complaints/format';
import { complaintText } from '../../src-renderer/complaints/i18n';
import { arrivingDuplicate, complaintIntake, complaintStaff, MP4_HEAD, plainSteps, PNG_1PX } from '../support/complaints';
import { MAX_VIDEO_BYTES, VIDEO_CHUNK_BYTES } from '../../shared/complaints/schemas';

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

/** A set-up clinic with complaint staff, this desk as numbering desk, and the CS director signed in. */
async function clinic(options: { numberingDesk?: boolean } = {}) {
  t = await startTestApp();
  await setUpClinic(t);
  const staff = await complaintStaff(t);
  await staff.as('csDirector');
  if (options.numberingDesk !== false) await t.api['complaint.setNumberingDesk']({});
  return staff;
}

/** Calls raw, expects a refusal and a store that did not move. */
const refused = (operation: OperationName, input: unknown) => refusal(t, operation, input);

const step = (id: string, s: StepInput) => t.api['complaint.step']({ id, step: s, attachments: [] });

describe('intake', () => {
  it('records a complaint with evidence, stamps it, starts the 12 h clock and puts it in the CS inbox', async () => {
    const staff = await clinic();
    await staff.as('guide');
    const c = await t.api['complaint.record'](complaintIntake({ evidence: [{ name: 'receipt.png', mime: 'image/png', data: PNG_1PX }] }));
    expect(c).toMatchObject({ number: null, numberPending: false, current: 2, currentKey: 'accept', receivedAt: '2026-11-27T02:00:00.000Z', recordedBy: staff.ids.guide, limited: true, evidence: [{ name: '1-receipt.png', mime: 'image/png', size: 70 }] });
    expect(c.id).toMatch(/^complaint:BJ:2026-11-27:[0-9a-z]{18}$/);
    // The guide sees what she recorded, not the handling.
    expect(c.events).toEqual([]);
    expect(c.deadlines).toEqual([]);
    await staff.as('csDirector');
    const home = await t.api['complaint.home']({});
    expect(home.inbox.map((s) => s.id)).toEqual([c.id]);
    expect(home.inbox[0]!.nextDeadline).toMatchObject({ key: 'notify', dueAt: '2026-11-27T14:00:00.000Z', status: 'dueSoon' });
    const file = await t.api['complaint.evidence']({ id: c.id, name: '1-receipt.png' });
    expect(file).toEqual({ name: '1-receipt.png', mime: 'image/png', data: PNG_1PX });
  });

  it('a guide lists and reads only the complaints she recorded, intake only; readers see them all', async () => {
    const staff = await clinic();
    const byCs = await t.api['complaint.record'](complaintIntake({ what: '客服主任记录的' }));
    await step(byCs.id, { kind: 'accept', note: '' });
    await staff.as('guide');
    const own = await t.api['complaint.record'](complaintIntake({ what: '导医记录的' }));
    expect((await t.api['complaint.list']({ scope: 'all', month: null })).map((s) => [s.id, s.limited])).toEqual([[own.id, true]]);
    expect(await refused('complaint.get', { id: byCs.id })).toMatchObject({ code: 'forbidden', field: 'id' });
    expect(await refused('complaint.evidence', { id: byCs.id, name: 'x' })).toMatchObject({ code: 'forbidden', field: 'id' });
    expect(await t.api['complaint.home']({})).toMatchObject({ canReadAll: false, inbox: [], overdue: [], dueSoon: [], numberProblems: [] });
    for (const role of ['dean', 'medicalDirector', 'hoCsDirector', 'gmOffice'] as const) {
      await staff.as(role);
      expect((await t.api['complaint.list']({ scope: 'all', month: null })).map((s) => s.id).sort(), role).toEqual([byCs.id, own.id].sort());
      expect((await t.api['complaint.get']({ id: byCs.id })).events, role).toHaveLength(1);
    }
  });

  it('a complaint found the next day (意见箱) has its received-at time: the 12 h clock starts there, who typed it and when are kept apart; bad times are refused and nothing written', async () => {
    const staff = await clinic();
    await staff.as('guide');
    // Now is 2026-11-27 10:00 clinic time; the note was put in the box the evening before.
    const c = await t.api['complaint.record'](complaintIntake({ channel: 'suggestionBox', receivedAt: '2026-11-26T19:30' }));
    expect(c).toMatchObject({ receivedAt: '2026-11-26T11:30:00.000Z', recordedAt: '2026-11-27T02:00:00.000Z', recordedBy: staff.ids.guide });
    expect(c.id).toMatch(/^complaint:BJ:2026-11-26:/);
    await staff.as('csDirector');
    const v = await t.api['complaint.get']({ id: c.id });
    // Seed 001 step 1 "接到投诉工作人员 12 小时以内": from receipt, so 19:30 + 12 h is already past.
    expect(v.deadlines.find((d) => d.key === 'notify')).toMatchObject({ dueAt: '2026-11-26T23:30:00.000Z', status: 'overdue' });
    for (const bad of ['2026-11-27T10:02', '2026-10-27T09:59', '2026-02-31T09:30', '2026-11-27 09:30', '2026-11-27T24:00'])
      expect(await refused('complaint.record', complaintIntake({ receivedAt: bad })), bad).toMatchObject({ code: 'invalid_input', field: 'receivedAt' });
  });

  it('records the reply time promised to the patient at intake (seed 000 "48 小时内给患者答复"); a time before receipt or not a time is refused and nothing written', async () => {
    const staff = await clinic();
    await staff.as('guide');
    const c = await t.api['complaint.record'](complaintIntake({ promisedReplyAt: '2026-11-29T10:00' }));
    expect(c.promisedReplyAt).toBe('2026-11-29T02:00:00.000Z');
    expect((await t.api['complaint.record'](complaintIntake())).promisedReplyAt).toBeNull();
    const mark = await storeMark(t.app.store.db);
    for (const bad of ['2026-11-27T09:59', '2026-02-31T09:30', '2026-11-29 10:00', '', 'soon'])
      expect(await refused('complaint.record', complaintIntake({ promisedReplyAt: bad })), bad).toMatchObject({ code: 'invalid_input', field: 'promisedReplyAt' });
    expect(await refused('complaint.record', { ...complaintIntake(), promisedReplyAt: 48 })).toMatchObject({ code: 'invalid_input', field: 'promisedReplyAt' });
    expect(await storeMark(t.app.store.db)).toEqual(mark);
  });

  it('the case view gives the full phone to the roles that handle complaints, masked to the others', async () => {
    const staff = await clinic();
    await staff.as('guide');
    const c = await t.api['complaint.record'](complaintIntake());
    expect(c.patientPhone).toBe('138****1234');
    for (const role of ['csDirector', 'dean', 'hoCsDirector'] as const) {
      await staff.as(role);
      expect((await t.api['complaint.get']({ id: c.id })).patientPhone, role).toBe('13800001234');
    }
    // 总经办 reviews and issues slips, 总经理 / 副总经理 approve: on paper, never calling the patient
    // (seed 001 step 3 "客服主任与患者取得联系"); head office's medical experts and legal likewise.
    for (const role of ['gmOffice', 'gm', 'deputyGm', 'hoMedical', 'hoLegal'] as const) {
      await staff.as(role);
      expect((await t.api['complaint.get']({ id: c.id })).patientPhone, role).toBe('138****1234');
    }
  });

  it('takes a patient looked up at the desk', async () => {
    await clinic();
    const visit = await t.api['desk.checkIn']({
      customer: { new: { name: '陈先生', sex: 'M', birthDate: null, age: 40, phone: '13900002222', address: '', source: 'web', directed: {} } },
      visit: { hasAppointment: false, intention: '咨询', concerns: '', course: '', history: '', departmentId: 'plastic-surgery', consultantId: null },
    });
    const c = await t.api['complaint.record'](complaintIntake({ patient: { customerId: visit.customerId } }));
    expect(c).toMatchObject({ customerId: visit.customerId, patientName: '陈先生', patientPhone: '13900002222' });
  });

  it('refuses bad intakes with the field named and writes nothing', async () => {
    await clinic();
    const { patient: _p, ...noPatient } = complaintIntake();
    const { channel: _c, ...noChannel } = complaintIntake();
    expect(await refused('complaint.record', noPatient)).toMatchObject({ code: 'invalid_input', field: 'patient' });
    expect(await refused('complaint.record', noChannel)).toMatchObject({ code: 'invalid_input', field: 'channel' });
    expect(await refused('complaint.record', complaintIntake({ channel: 'fax' as never }))).toMatchObject({ field: 'channel' });
    expect(await refused('complaint.record', complaintIntake({ what: '   ' }))).toMatchObject({ field: 'what' });
    expect(await refused('complaint.record', complaintIntake({ patient: { name: '', phone: '13800001234' } }))).toMatchObject({ field: 'patient.name' });
    expect(await refused('complaint.record', complaintIntake({ patient: { customerId: 'customer:BJ:nobody' } }))).toMatchObject({ code: 'not_found', field: 'patient.customerId' });
    expect(await refused('complaint.record', complaintIntake({ departmentId: 'no-such' }))).toMatchObject({ field: 'departmentId' });
    // A "PNG" that is not one (MIME sniffing), and a file that is not base64.
    const jpegBytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]).toString('base64');
    expect(await refused('complaint.record', complaintIntake({ evidence: [{ name: 'a.png', mime: 'image/png', data: jpegBytes }] }))).toMatchObject({ field: 'evidence.0.data' });
    expect(await refused('complaint.record', complaintIntake({ evidence: [{ name: 'a.png', mime: 'image/png', data: 'not base64!' }] }))).toMatchObject({ field: 'evidence.0.data' });
    expect(await refused('complaint.record', complaintIntake({ evidence: [{ name: 'a.mp4', mime: 'video/mp4' as never, data: PNG_1PX }] }))).toMatchObject({ field: 'evidence.0.mime' });
  });
});

describe('video evidence in pieces', () => {
  it('stores a video only when it is whole and is what it says; refuses pieces out of order, over the limit, or someone else\'s', async () => {
    const staff = await clinic();
    await staff.as('guide');
    const c = await t.api['complaint.record'](complaintIntake());
    // A 300 KB "MP4" in three pieces.
    const video = Buffer.alloc(300 * 1024, 7);
    Buffer.from(MP4_HEAD, 'base64').copy(video);
    const pieces = [0, 1, 2].map((i) => video.subarray(i * VIDEO_CHUNK_BYTES, (i + 1) * VIDEO_CHUNK_BYTES).toString('base64'));
    const before = await storeMark(t.app.store.db);
    expect(await t.api['complaint.uploadChunk']({ uploadId: 'video-one', index: 0, data: pieces[0]! })).toEqual({ uploadId: 'video-one', bytes: VIDEO_CHUNK_BYTES });
    expect(await refused('complaint.uploadChunk', { uploadId: 'video-one', index: 2, data: pieces[2]! })).toMatchObject({ code: 'conflict', field: 'index' });
    await t.api['complaint.uploadChunk']({ uploadId: 'video-one', index: 1, data: pieces[1]! });
    await t.api['complaint.uploadChunk']({ uploadId: 'video-one', index: 2, data: pieces[2]! });
    expect(await storeMark(t.app.store.db)).toEqual(before); // pieces are not in the store
    // Declared WebM but it is an MP4: refused, nothing written.
    expect(await refused('complaint.attachVideo', { id: c.id, uploadId: 'video-one', name: 'lobby.webm', mime: 'video/webm' })).toMatchObject({ code: 'invalid_input', field: 'mime' });
    await staff.as('csDirector');
    expect(await refused('complaint.attachVideo', { id: c.id, uploadId: 'video-one', name: 'lobby.mp4', mime: 'video/mp4' })).toMatchObject({ code: 'not_found', field: 'uploadId' });
    await staff.as('guide');
    const v = await t.api['complaint.attachVideo']({ id: c.id, uploadId: 'video-one', name: 'lobby.mp4', mime: 'video/mp4' });
    expect(v.current).toBe(2);
    await staff.as('csDirector');
    const seen = await t.api['complaint.get']({ id: c.id });
    expect(seen.events.map((e) => [e.kind, e.attachments])).toEqual([['evidence', [{ name: '1-lobby.mp4', mime: 'video/mp4', size: video.length }]]]);
    const file = await t.api['complaint.evidence']({ id: seen.events[0]!.id, name: '1-lobby.mp4' });
    expect(Buffer.from(file.data, 'base64').equals(video)).toBe(true);
    // The upload is used up.
    expect(await refused('complaint.attachVideo', { id: c.id, uploadId: 'video-one', name: 'lobby.mp4', mime: 'video/mp4' })).toMatchObject({ code: 'not_found', field: 'uploadId' });
    // Over the limit: refused when the piece that passes it arrives, and the upload dropped.
    const big = Buffer.alloc(VIDEO_CHUNK_BYTES, 1).toString('base64');
    const last = MAX_VIDEO_BYTES / VIDEO_CHUNK_BYTES;
    for (let i = 0; i < last; i++) await t.api['complaint.uploadChunk']({ uploadId: 'video-two', index: i, data: big });
    expect(await refused('complaint.uploadChunk', { uploadId: 'video-two', index: last, data: big })).toMatchObject({ code: 'too_large', field: 'data' });
    expect(await refused('complaint.attachVideo', { id: c.id, uploadId: 'video-two', name: 'x.mp4', mime: 'video/mp4' })).toMatchObject({ code: 'not_found', field: 'uploadId' });
  }, 60_000);
});

describe('telling customer service', () => {
  it('seed 001 step 1 "接到投诉的工作人员…在最短时间内通知客服部门，做好交接工作；接到投诉工作人员 12 小时以内": the notification is the receiver\'s own act, who and when, apart from the acceptance', async () => {
    const staff = await clinic();
    await staff.as('guide');
    const c = await t.api['complaint.record'](complaintIntake());
    expect(c.allowed).toEqual(['notify']);
    await expectRefusals(t, 'complaint.step', [
      { why: 'nobody named', input: { id: c.id, step: { kind: 'notify', toWhom: ' ', note: '' }, attachments: [] }, field: 'step.toWhom' },
      { why: 'an unknown field', input: { id: c.id, step: { kind: 'notify', toWhom: '赵主任', note: '', at: '2026-11-27T01:00:00Z' }, attachments: [] }, field: 'step.at' },
    ]);
    t.clock.advance(120);
    const told = await step(c.id, { kind: 'notify', toWhom: '赵主任', note: '电话告知' });
    expect(told.allowed).toEqual([]);
    expect(await refused('complaint.step', { id: c.id, step: { kind: 'notify', toWhom: '赵主任', note: '' }, attachments: [] })).toMatchObject({ code: 'conflict', field: 'step.kind' });
    // Another person who did not receive it cannot record it for her.
    await staff.as('csDirector');
    const other = await t.api['staff.add']({ name: '另一位导医', sex: 'F', role: 'guide', departmentId: null, pin: '7777' });
    const v = await t.api['complaint.get']({ id: c.id });
    expect(v.current).toBe(2); // not accepted: the CS director still has to accept
    expect(v.deadlines.find((d) => d.key === 'notify')).toMatchObject({ doneAt: '2026-11-27T04:00:00.000Z', status: 'done' });
    expect(v.events).toMatchObject([{ kind: 'notify', by: staff.ids.guide, byRole: 'guide', at: '2026-11-27T04:00:00.000Z', data: { toWhom: '赵主任' } }]);
    await t.signIn(other.id, '7777');
    expect(await refused('complaint.step', { id: c.id, step: { kind: 'notify', toWhom: '赵主任', note: '' }, attachments: [] })).toMatchObject({ code: 'forbidden', field: 'id' });
  });
});

describe('numbering', () => {
  it('numbers on acceptance at the numbering desk, restarting each month, 3 digits past 99', async () => {
    const staff = await clinic();
    const a = await t.api['complaint.record'](complaintIntake());
    const b = await t.api['complaint.record'](complaintIntake());
    expect((await step(a.id, { kind: 'accept', note: '' })).number).toBe('BJ20261101');
    expect((await step(b.id, { kind: 'accept', note: '' })).number).toBe('BJ20261102');
    // Fill the month up to 99 (numbers of other cases), then one more.
    const db = t.app.store.db;
    const fakes = [];
    for (let serial = 3; serial <= 99; serial++) {
      const caseId = `complaint:BJ:2026-11-01:${String(serial).padStart(18, '0')}`;
      fakes.push({ ...newMeta('complaint-number', complaintIds.number('BJ', `BJ202611${String(serial).padStart(2, '0')}`), 'BJ', 'x', new Date()), type: 'complaint-number', complaintId: caseId, number: `BJ202611${String(serial).padStart(2, '0')}`, month: '2026-11', serial, deskId: t.app.store.deskId, acceptEventId: 'x' });
    }
    await db.bulkDocs(fakes);
    const c = await t.api['complaint.record'](complaintIntake());
    expect((await step(c.id, { kind: 'accept', note: '' })).number).toBe('BJ202611100');
    // December starts again at 01 (23:30 on Nov 30 in Beijing is still November).
    t.clock.now = new Date('2026-11-30T15:30:00Z');
    await staff.as('csDirector');
    const d = await t.api['complaint.record'](complaintIntake());
    expect((await step(d.id, { kind: 'accept', note: '' })).number).toBe('BJ202611101');
    t.clock.now = new Date('2026-11-30T16:30:00Z');
    await staff.as('csDirector');
    const e = await t.api['complaint.record'](complaintIntake());
    expect((await step(e.id, { kind: 'accept', note: '' })).number).toBe('BJ20261201');
    expect((await t.api['complaint.home']({})).numberProblems).toEqual([]);
  });

  it('a desk that is not the numbering desk leaves the case 待编号 until the numbering desk issues it', async () => {
    await clinic({ numberingDesk: false });
    const c = await t.api['complaint.record'](complaintIntake());
    const accepted = await step(c.id, { kind: 'accept', note: '' });
    expect(accepted).toMatchObject({ number: null, numberPending: true, current: 3 });
    expect((await t.api['complaint.home']({})).pendingNumbers).toBe(1);
    const home = await t.api['complaint.setNumberingDesk']({});
    expect(home).toMatchObject({ numberingDesk: { deskId: t.app.store.deskId, thisDesk: true }, pendingNumbers: 0 });
    expect((await t.api['complaint.get']({ id: c.id })).number).toBe('BJ20261101');
  });

  it('flags a number on two cases for a person and renumbers nothing', async () => {
    await clinic();
    const a = await t.api['complaint.record'](complaintIntake());
    const b = await t.api['complaint.record'](complaintIntake());
    await step(a.id, { kind: 'accept', note: '' });
    // As if a replaced numbering desk had numbered b with the same number unseen (it arrives through sync as the other side of a conflict).
    await arrivingDuplicate(t, 'BJ20261101', b.id);
    const home = await t.api['complaint.home']({});
    expect(home.numberProblems).toEqual([{ kind: 'sameNumberTwoCases', number: 'BJ20261101', complaintIds: [a.id, b.id].sort(), numbers: ['BJ20261101'] }]);
    const [va, vb] = [await t.api['complaint.get']({ id: a.id }), await t.api['complaint.get']({ id: b.id })];
    expect([va.numberProblem, vb.numberProblem]).toEqual([true, true]);
    expect([va.number, vb.number]).toEqual(['BJ20261101', 'BJ20261101']);
    // b's own acceptance does not give it a second number: it has one already (flagged, kept).
    await step(b.id, { kind: 'accept', note: '' });
    expect((await t.api['complaint.get']({ id: b.id })).numbers.map((n) => n.number)).toEqual(['BJ20261101']);
  });

  it('a person resolves a duplicate: the CS director chooses who keeps it, the other case gets the next free number with the withdrawn one recorded (作废, who, when, why), and no number is reused', async () => {
    const staff = await clinic();
    const a = await t.api['complaint.record'](complaintIntake({ what: 'A' }));
    const b = await t.api['complaint.record'](complaintIntake({ what: 'B' }));
    await step(a.id, { kind: 'accept', note: '' });
    await arrivingDuplicate(t, 'BJ20261101', b.id);
    expect((await t.app.sync.status()).conflicts).toBe(1);
    const resolve = { number: 'BJ20261101', keepId: a.id, reason: '患者甲已被告知此编号' };
    await expectRefusals(t, 'complaint.resolveNumber', [
      { why: 'no reason', input: { ...resolve, reason: '' }, field: 'reason' },
      { why: 'not a number', input: { ...resolve, number: 'BJ2026' }, field: 'number' },
      { why: 'a case that does not hold the number', input: { ...resolve, keepId: 'complaint:BJ:2026-11-27:000000000000000000' }, field: 'keepId' },
      { why: 'a number on one case only', input: { ...resolve, number: 'BJ20261102' }, field: 'number', code: 'conflict' },
    ]);
    await staff.as('dean');
    await expectRefusals(t, 'complaint.resolveNumber', [{ why: 'not the CS director', input: resolve, field: 'keepId', code: 'forbidden' }]);
    await staff.as('csDirector');
    t.clock.now = new Date('2026-11-27T05:00:00Z');
    const home = await t.api['complaint.resolveNumber'](resolve);
    expect(home.numberProblems).toEqual([]);
    const [va, vb] = [await t.api['complaint.get']({ id: a.id }), await t.api['complaint.get']({ id: b.id })];
    expect([va.number, va.numberProblem]).toEqual(['BJ20261101', false]);
    expect([vb.number, vb.numberProblem]).toEqual(['BJ20261102', false]);
    expect(vb.numbers).toMatchObject([
      { number: 'BJ20261101', withdrawn: { at: '2026-11-27T05:00:00.000Z', by: staff.ids.csDirector, byName: 'csDirector-人', reason: '患者甲已被告知此编号', keptBy: a.id, replacedBy: 'BJ20261102' } },
      { number: 'BJ20261102', replaces: 'BJ20261101', withdrawn: null },
    ]);
    // The conflict is gone (the withdrawn claim archived), and the next case counts on past both.
    expect((await t.app.sync.status()).conflicts).toBe(0);
    const c = await t.api['complaint.record'](complaintIntake());
    expect((await step(c.id, { kind: 'accept', note: '' })).number).toBe('BJ20261103');
    // Resolving again finds nothing to resolve.
    expect(await refused('complaint.resolveNumber', resolve)).toMatchObject({ code: 'conflict', field: 'number' });
  });

  it('on a desk without head office, the numbering desk cannot be taken from another desk', async () => {
    await clinic();
    const settings = await t.app.store.db.get<Record<string, unknown>>(complaintIds.settings('BJ'));
    await t.app.store.db.put({ ...settings, numberingDeskId: 'desk-0000000000000000zz' });
    expect(await refused('complaint.setNumberingDesk', {})).toMatchObject({ code: 'conflict', field: '' });
  });

  it('head office refuses a second claim of a number by another case, and a number document whose id is another number', async () => {
    await clinic();
    const c = await t.api['complaint.record'](complaintIntake());
    await step(c.id, { kind: 'accept', note: '' });
    const numberDoc = await t.app.store.db.get<Record<string, unknown>>(complaintIds.number('BJ', 'BJ20261101'));
    const vdu = new Function(`return (${clinicValidation('BJ')});`)() as (n: object, o: object | null, u: object, s: object) => void;
    const ctx = { name: 'desk_bj', roles: ['clinic_BJ'] };
    const sec = { admins: { names: [], roles: [] }, members: { names: [], roles: ['clinic_BJ'] } };
    const other = 'complaint:BJ:2026-11-27:000000000000000000';
    // express-pouchdb hands the validation the current winner: the second claim is refused by name.
    expect(() => vdu({ ...numberDoc, complaintId: other }, numberDoc, ctx, sec)).toThrow(expect.objectContaining({ forbidden: `number: BJ20261101 is held by ${c.id}` }));
    expect(() => vdu({ ...numberDoc, _id: 'complaint-number:BJ:BJ20261102' }, null, ctx, sec)).toThrow(expect.objectContaining({ forbidden: '_id: must be complaint-number:BJ:BJ20261101' }));
    // Locally the same: a second claim of the id is a 409, never a second document.
    await expect(t.app.store.db.put({ ...numberDoc, _rev: undefined, complaintId: other })).rejects.toMatchObject({ status: 409 });
  });

  it('head office refuses an edited number; the number is not part of any input', async () => {
    await clinic();
    const c = await t.api['complaint.record'](complaintIntake());
    await step(c.id, { kind: 'accept', note: '' });
    const numberDoc = (await t.app.store.db.allDocs({ include_docs: true, ...complaintIds.range('complaint-number:') })).rows[0]!.doc as unknown as Record<string, unknown>;
    const vdu = new Function(`return (${clinicValidation('BJ')});`)() as (n: object, o: object | null, u: object, s: object) => void;
    const ctx = { name: 'desk_bj', roles: ['clinic_BJ'] };
    const sec = { admins: { names: [], roles: [] }, members: { names: [], roles: ['clinic_BJ'] } };
    try {
      vdu(numberDoc, null, ctx, sec);
    } catch (e) {
      expect.fail(JSON.stringify(e));
    }
    expect(() => vdu({ ...numberDoc, number: 'BJ20261199' }, numberDoc, ctx, sec)).toThrow(expect.objectContaining({ forbidden: 'number: cannot change' }));
    expect(() => vdu({ ...numberDoc, serial: 99 }, numberDoc, ctx, sec)).toThrow(expect.objectContaining({ forbidden: '_rev: a complaint-number is written once and never changed' }));
    expect(() => vdu({ ...numberDoc, _deleted: true }, numberDoc, ctx, sec)).toThrow(expect.objectContaining({ forbidden: 'deleting a complaint-number is not allowed' }));
    // Every complaint document this desk wrote passes head office's validation.
    for (const r of (await t.app.store.db.allDocs({ include_docs: true, startkey: 'complaint', endkey: 'complaint\ufff0' })).rows) {
      try {
        vdu(r.doc!, null, ctx, sec);
      } catch (e) {
        expect.fail(`${r.id}: ${JSON.stringify(e)}`);
      }
    }
    expect(await refused('complaint.step', { id: c.id, step: { kind: 'note', text: 'x' }, attachments: [], number: 'BJ20261199' })).toMatchObject({ field: 'number' });
  });
});

describe('the steps', () => {
  it('seed 001 客服部 "改善投诉方案的提出、执行成果的督促及效果确认": step 11\'s actions are tracked one by one to done (who, when); bad input is refused with the field named and nothing written', async () => {
    const staff = await clinic();
    const c = await t.api['complaint.record'](complaintIntake());
    for (const s of plainSteps) await step(c.id, s);
    await staff.as('dean');
    await step(c.id, { kind: 'approve', approved: true, note: '' });
    await staff.as('csDirector');
    for (const s of [
      { kind: 'negotiate', agreed: true, note: '' },
      { kind: 'paperwork', payment: 'none', oaStarted: false, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '' },
      { kind: 'close', patientConfirmed: true, handedToLegal: false, satisfaction: 'satisfied', note: '' },
      { kind: 'file', copiesSent: true, note: '' },
    ] as StepInput[])
      await step(c.id, s);
    const plan = { kind: 'prevention', plan: '周末加排前台，培训预约话术', actions: [{ what: '周末加排一名前台', owner: '王组长', dueDate: '2026-11-28' }, { what: '培训预约话术', owner: '赵主任' }] };
    await expectRefusals(t, 'complaint.step', [
      { why: 'an action without its owner', input: { id: c.id, step: { ...plan, actions: [{ what: '加排' }] }, attachments: [] }, field: 'step.actions.0.owner' },
      { why: 'an empty action', input: { id: c.id, step: { ...plan, actions: [{ what: ' ', owner: '王组长' }] }, attachments: [] }, field: 'step.actions.0.what' },
      { why: 'a due date that is not a date', input: { id: c.id, step: { ...plan, actions: [{ what: '加排', owner: '王组长', dueDate: '11/28' }] }, attachments: [] }, field: 'step.actions.0.dueDate' },
      { why: 'eleven actions', input: { id: c.id, step: { ...plan, actions: Array.from({ length: 11 }, () => ({ what: '加排', owner: '王组长' })) }, attachments: [] }, field: 'step.actions' },
      { why: 'an unknown field on an action', input: { id: c.id, step: { ...plan, actions: [{ what: '加排', owner: '王组长', done: true }] }, attachments: [] }, field: 'step.actions.0.done' },
      { why: 'an action done before any plan', input: { id: c.id, step: { kind: 'actionDone', index: 0, result: '已排' }, attachments: [] }, field: 'step.kind', code: 'conflict' },
    ]);
    let v = await step(c.id, plan as StepInput);
    expect(v.preventionActions).toEqual([
      { what: '周末加排一名前台', owner: '王组长', dueDate: '2026-11-28', doneAt: null, doneBy: null, doneByName: null, result: null, status: 'open' },
      { what: '培训预约话术', owner: '赵主任', dueDate: null, doneAt: null, doneBy: null, doneByName: null, result: null, status: 'open' },
    ]);
    expect(v.allowed).toContain('actionDone');
    await expectRefusals(t, 'complaint.step', [
      { why: 'an action the plan does not list', input: { id: c.id, step: { kind: 'actionDone', index: 2, result: '已排' }, attachments: [] }, field: 'step.kind', code: 'conflict' },
      { why: 'a negative index', input: { id: c.id, step: { kind: 'actionDone', index: -1, result: '已排' }, attachments: [] }, field: 'step.index' },
      { why: 'an index as text', input: { id: c.id, step: { kind: 'actionDone', index: '0', result: '已排' }, attachments: [] }, field: 'step.index' },
      { why: 'no result', input: { id: c.id, step: { kind: 'actionDone', index: 0, result: '' }, attachments: [] }, field: 'step.result' },
      { why: 'an oversized result', input: { id: c.id, step: { kind: 'actionDone', index: 0, result: '排'.repeat(501) }, attachments: [] }, field: 'step.result' },
    ]);
    // 总经办 "改善对策的检查、执行、督促" confirms one; the dean (who reads the case) may not.
    await staff.as('dean');
    expect(await refused('complaint.step', { id: c.id, step: { kind: 'actionDone', index: 1, result: '已培训' }, attachments: [] })).toMatchObject({ code: 'forbidden', field: 'step.kind', rule: 'complaints.stepRole' });
    await staff.as('gmOffice');
    v = await step(c.id, { kind: 'actionDone', index: 1, result: '已培训全体导医' });
    expect(v.preventionActions[1]).toMatchObject({ doneAt: '2026-11-27T02:00:00.000Z', doneBy: staff.ids.gmOffice, doneByName: 'gmOffice-人', result: '已培训全体导医', status: 'done' });
    expect(await refused('complaint.step', { id: c.id, step: { kind: 'actionDone', index: 1, result: '再次' }, attachments: [] })).toMatchObject({ code: 'conflict', field: 'step.kind', rule: 'complaints.actionDoneAlready', params: { index: 2 } });
    // The penalty settled (nobody penalised), step 11 still waits for its open action.
    await staff.as('csDirector');
    await step(c.id, { kind: 'penalty', persons: [], note: '' });
    await staff.as('dean');
    v = await step(c.id, { kind: 'deanAgree', approved: true, note: '' });
    expect(v).toMatchObject({ current: 11, currentKey: 'prevention' });
    await staff.as('csDirector');
    v = await step(c.id, { kind: 'actionDone', index: 0, result: '周六周日各加一人' });
    expect(v).toMatchObject({ current: 12, currentKey: 'done' });
    expect(v.preventionActions.map((a) => a.status)).toEqual(['done', 'done']);
    expect(v.allowed).not.toContain('actionDone');
  });

  it('step 8 as seed 001 has it: 有退款 "由客服主任通知相关工作人员发起退款 OA" and "退至银行卡约 7 个工作日", 有/无退款 "备注到 U 丽格 CRM 系统和病历中": the payment way matches the money, the OA and both notes are required, whom she told is recorded; each lack refused on its field in Chinese, nothing written', async () => {
    const staff = await clinic();
    const at8 = async (refund: number, compensation: number) => {
      const c = await t.api['complaint.record'](complaintIntake());
      for (const s of plainSteps.slice(0, 3)) await step(c.id, s);
      await step(c.id, { kind: 'propose', solution: refund ? '退部分费用并赔偿' : '当面道歉', refund, compensation, note: '' });
      await staff.as('dean');
      await step(c.id, { kind: 'approve', approved: true, note: '' });
      await staff.as('csDirector');
      await step(c.id, { kind: 'negotiate', agreed: true, note: '' });
      return c.id;
    };
    const ok = { kind: 'paperwork', payment: 'none', oaStarted: false, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '' } as const;
    const none = await at8(0, 0);
    const money = await at8(600, 200);
    const cases: { id: string; step: Record<string, unknown>; field: string; rule?: string; zh?: string }[] = [
      { id: none, step: { ...ok, payment: 'cash' }, field: 'step.payment', rule: 'complaints.noMoneyNoPayment', zh: '方案不涉及退款或赔偿，付款方式应为「无退款」' },
      { id: none, step: { ...ok, oaStarted: true }, field: 'step.oaStarted', rule: 'complaints.noMoneyNoOa', zh: '方案不涉及退款或赔偿，没有退款 OA 流程' },
      { id: none, step: { ...ok, crmNoted: false }, field: 'step.crmNoted', rule: 'complaints.crmNoteNeeded', zh: '须将患者信息和投诉事件备注到 CRM 系统' },
      { id: none, step: { ...ok, medicalRecordNoted: false }, field: 'step.medicalRecordNoted', rule: 'complaints.medicalRecordNoteNeeded', zh: '须将投诉事件备注到病历中' },
      { id: none, step: { ...ok, notedBy: '' }, field: 'step.notedBy' },
      { id: none, step: { ...ok, payment: 'cheque' }, field: 'step.payment' },
      { id: money, step: ok, field: 'step.payment', rule: 'complaints.paymentNeeded', zh: '方案涉及 ¥800，请选择现金或银行卡' },
      { id: money, step: { ...ok, payment: 'bankCard' }, field: 'step.oaStarted', rule: 'complaints.oaNeeded', zh: '方案涉及 ¥800，须先发起退款 OA 流程' },
      { id: money, step: { ...ok, payment: 'cash', oaStarted: true, medicalRecordNoted: false }, field: 'step.medicalRecordNoted', rule: 'complaints.medicalRecordNoteNeeded' },
    ];
    for (const x of cases) {
      const e = await refused('complaint.step', { id: x.id, step: x.step, attachments: [] });
      expect({ code: e.code, field: e.field, ...(x.rule ? { rule: e.rule } : {}) }, JSON.stringify(x.step)).toEqual({ code: 'invalid_input', field: x.field, ...(x.rule ? { rule: x.rule } : {}) });
      if (x.zh) expect(ruleMessage(e.rule!, e.params ?? {}, 'zh-CN')).toBe(x.zh);
    }
    // No money: nothing to pay, no OA; the two notes and who made them.
    let v = await step(none, ok);
    expect(v.events.at(-1)!.data).toEqual({ payment: 'none', oaStarted: false, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '', amount: 0 });
    expect(v.currentKey).toBe('close');
    // ¥800 to a bank card, recorded on Fri 2026-11-27: seven working days on is Tue 2026-12-08.
    v = await step(money, { ...ok, payment: 'bankCard', oaStarted: true });
    const data = v.events.at(-1)!.data;
    expect(data).toMatchObject({ payment: 'bankCard', oaStarted: true, amount: 800, bankCardBy: '2026-12-08', notedBy: '前台小李' });
    // As the history and the printed 患者投诉处理表 show it (one summary for both).
    expect(summary(data, complaintText['zh-CN'])).toBe('¥800 退至银行卡（约 7 个工作日） · 预计 2026-12-08 前到账 · 已发起退款 OA · 已备注 CRM · 已备注病历 · 备注人：前台小李');
    expect(summary(data, complaintText.en)).toBe('¥800 To a bank card (~7 working days) · due by 2026-12-08 · refund OA started · noted in CRM · noted in the medical record · noted by 前台小李');
  });

  it('takes a case from intake to prevention with deadlines, the right approver, closing and penalty', async () => {
    const staff = await clinic();
    const c = await t.api['complaint.record'](complaintIntake());
    for (const s of plainSteps) await step(c.id, s);
    let v = await t.api['complaint.get']({ id: c.id });
    expect(v).toMatchObject({ current: 6, category: 'nonQuality', approverRoles: ['dean', 'hoCsDirector'] });
    expect(v.allowed).not.toContain('approve'); // the CS director does not approve
    await staff.as('dean');
    expect((await t.api['complaint.get']({ id: c.id })).allowed).toContain('approve');
    await step(c.id, { kind: 'approve', approved: true, note: '同意' });
    await staff.as('csDirector');
    await step(c.id, { kind: 'negotiate', agreed: true, note: '患者同意' });
    await step(c.id, { kind: 'paperwork', payment: 'none', oaStarted: false, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '' });
    await step(c.id, { kind: 'close', patientConfirmed: true, handedToLegal: false, satisfaction: 'satisfied', note: '' });
    await step(c.id, { kind: 'file', copiesSent: true, note: '' });
    // Seed 001 step 11 "由客服部协同医务部，提出改善方案" does not wait for step 10.
    v = await step(c.id, { kind: 'prevention', plan: '增加周末前台排班' });
    expect(v).toMatchObject({ current: 10, currentKey: 'penalty' });
    await staff.as('hoCsDirector');
    v = await step(c.id, { kind: 'penalty', persons: [{ staffId: staff.ids.guide, name: 'guide-人', level: 'II' }], note: '' });
    expect(v.events.at(-1)!.data.persons).toEqual([{ staffId: staff.ids.guide, name: 'guide-人', level: 'II', fines: { person: 200, supervisor: 400, leadership: 800 } }]);
    // Seed 001 step 10 "和该院院长协商后实施": the dean's agreement is the dean's own act.
    expect(v.allowed).not.toContain('deanAgree');
    await staff.as('dean');
    expect((await t.api['complaint.get']({ id: c.id })).allowed).toContain('deanAgree');
    await step(c.id, { kind: 'deanAgree', approved: true, note: '同意' });
    // Seed 001 (五) "由总经办…开立《员工过失处罚单》，呈总经理核准".
    await staff.as('gm');
    expect(await refused('complaint.step', { id: c.id, step: { kind: 'penaltyApprove', approved: true, note: '' }, attachments: [] })).toMatchObject({ code: 'conflict', field: 'step.kind' });
    await staff.as('gmOffice');
    await step(c.id, { kind: 'penaltySlip', note: '' });
    await staff.as('gm');
    v = await step(c.id, { kind: 'penaltyApprove', approved: true, note: '' });
    expect(v).toMatchObject({ current: 12, currentKey: 'done', closed: true, number: 'BJ20261101' });
    expect(v.events.map((e) => e.kind)).toEqual(['accept', 'investigate', 'classify', 'propose', 'approve', 'negotiate', 'paperwork', 'close', 'file', 'prevention', 'penalty', 'deanAgree', 'penaltySlip', 'penaltyApprove']);
    expect(v.deadlines.map((d) => [d.key, d.status])).toEqual([
      ['notify', 'done'],
      ['investigate', 'done'],
      ['classify', 'done'],
      ['approve', 'done'],
      ['paperwork', 'done'], // no refund: the paperwork is due all the same
      ['close', 'done'],
      ['file', 'done'],
      ['penalty', 'done'],
      ['review', 'done'],
      ['prevention', 'done'],
    ]);
    expect(v.missingCalendarYears).toEqual([]);
    expect((await t.api['complaint.list']({ scope: 'open', month: null })).map((s) => s.id)).toEqual([]);
    expect((await t.api['complaint.list']({ scope: 'month', month: '2026-11' })).map((s) => s.id)).toEqual([c.id]);
  });

  it('refuses a step out of order, the wrong role, the wrong approver and closing without confirmation — writing nothing', async () => {
    const staff = await clinic();
    const c = await t.api['complaint.record'](complaintIntake());
    const s = (x: StepInput) => ({ id: c.id, step: x, attachments: [] });
    expect(await refused('complaint.step', s({ kind: 'classify', category: 'quality', subcategory: 'medicalResult', note: '' }))).toMatchObject({ code: 'conflict', field: 'step.kind' });
    expect((await refused('complaint.step', s({ kind: 'classify', category: 'quality', subcategory: 'medicalResult', note: '' }))).message).toMatch(/at step 2/);
    expect(await refused('complaint.step', { id: 'complaint:BJ:2026-11-27:nope', step: { kind: 'accept', note: '' }, attachments: [] })).toMatchObject({ code: 'not_found', field: 'id' });
    await staff.as('guide');
    expect(await refused('complaint.step', s({ kind: 'accept', note: '' }))).toMatchObject({ code: 'forbidden', field: 'id' }); // she did not record it
    const own = await t.api['complaint.record'](complaintIntake());
    expect(await refused('complaint.step', { id: own.id, step: { kind: 'accept', note: '' }, attachments: [] })).toMatchObject({ code: 'forbidden', field: 'step.kind' });
    expect(await refused('complaint.monthlyStats', { month: '2026-11' })).toMatchObject({ code: 'forbidden', field: 'month' });
    await staff.as('csDirector');
    for (const x of plainSteps) await step(c.id, x);
    expect(await refused('complaint.step', s({ kind: 'classify', category: 'quality', subcategory: 'service', note: '' }))).toMatchObject({ field: 'step.subcategory' });
    // A non-quality plan without money: the dean or head office approve, not the medical director, not the CS director.
    expect(await refused('complaint.step', s({ kind: 'approve', approved: true, note: '' }))).toMatchObject({ code: 'forbidden', field: 'step.kind' });
    await staff.as('medicalDirector');
    const wrong = await refused('complaint.step', s({ kind: 'approve', approved: true, note: '' }));
    expect(wrong).toMatchObject({ code: 'forbidden', field: 'step.approved' });
    expect(wrong.message).toMatch(/行政院长/);
    await staff.as('dean');
    await step(c.id, { kind: 'approve', approved: true, note: '' });
    await staff.as('csDirector');
    await step(c.id, { kind: 'negotiate', agreed: true, note: '' });
    await step(c.id, { kind: 'paperwork', payment: 'none', oaStarted: false, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '' });
    expect(await refused('complaint.step', s({ kind: 'close', patientConfirmed: false, handedToLegal: false, satisfaction: null, note: '' }))).toMatchObject({ code: 'conflict', field: 'step.patientConfirmed' });
    expect(await refused('complaint.step', s({ kind: 'close', patientConfirmed: true, handedToLegal: false, satisfaction: null, note: '' }))).toMatchObject({ code: 'invalid_input', field: 'step.satisfaction' });
    // "Handed to legal" is only true of a case that went there.
    expect(await refused('complaint.step', s({ kind: 'close', patientConfirmed: false, handedToLegal: true, satisfaction: null, note: '' }))).toMatchObject({ code: 'conflict', field: 'step.patientConfirmed' });
    expect(await refused('complaint.step', s({ kind: 'penalty', persons: [], note: '' }))).toMatchObject({ code: 'conflict', field: 'step.kind' });
    await staff.as('medicalDirector');
    expect(await refused('complaint.step', s({ kind: 'penalty', persons: [], note: '' }))).toMatchObject({ code: 'forbidden', field: 'step.kind' });
  });

  it('seed 003 第十七条 "客户投诉金额1000元以下1000-5000元5000元以上核决权限销售部门经理副总经理总经理": ¥1,000-5,000 the deputy GM, above ¥5,000 the GM; nobody below', async () => {
    const staff = await clinic();
    const c = await t.api['complaint.record'](complaintIntake());
    await step(c.id, plainSteps[0]!);
    await step(c.id, plainSteps[1]!);
    await step(c.id, { kind: 'classify', category: 'quality', subcategory: 'medicalResult', note: '' });
    await step(c.id, { kind: 'propose', solution: '退款', refund: 3000, compensation: 0, note: '' });
    expect((await t.api['complaint.get']({ id: c.id })).approverRoles).toEqual(['deputyGm']);
    for (const role of ['medicalDirector', 'dean', 'hoCsDirector', 'gm'] as const) {
      await staff.as(role);
      expect(await refused('complaint.step', { id: c.id, step: { kind: 'approve', approved: true, note: '' }, attachments: [] }), role).toMatchObject({ code: 'forbidden', field: 'step.approved' });
    }
    await staff.as('deputyGm');
    expect((await t.api['complaint.get']({ id: c.id })).allowed).toContain('approve');
    await step(c.id, { kind: 'approve', approved: false, note: '金额过高' });
    await staff.as('csDirector');
    await step(c.id, { kind: 'propose', solution: '退款加赔偿', refund: 5000, compensation: 1000, note: '' });
    await staff.as('deputyGm');
    expect(await refused('complaint.step', { id: c.id, step: { kind: 'approve', approved: true, note: '' }, attachments: [] })).toMatchObject({ code: 'forbidden', field: 'step.approved' });
    // 总经办 issues the penalty slip; it does not approve solutions.
    await staff.as('gmOffice');
    expect(await refused('complaint.step', { id: c.id, step: { kind: 'approve', approved: true, note: '' }, attachments: [] })).toMatchObject({ code: 'forbidden', field: 'step.kind' });
    await staff.as('gm');
    const v = await step(c.id, { kind: 'approve', approved: true, note: '' });
    expect(v.events.at(-1)!.data).toMatchObject({ amount: 6000, approverRoles: ['gm'] });
    await staff.as('csDirector');
    t.clock.advance(60);
    const n = await step(c.id, { kind: 'negotiate', agreed: true, note: '' });
    expect(n.deadlines.find((d) => d.key === 'paperwork')).toMatchObject({ rule: '48h', dueAt: new Date(t.clock.now.getTime() + 48 * 3_600_000).toISOString(), status: 'open' });
  });

  it('seed 001 step 6 "客服主任将解决方案上交给客服总监或院长进行审批": under ¥1,000 the dean or the CS director general (quality: the medical director too), never whoever proposed the plan', async () => {
    const staff = await clinic();
    const c = await t.api['complaint.record'](complaintIntake());
    await step(c.id, plainSteps[0]!);
    await step(c.id, plainSteps[1]!);
    await step(c.id, { kind: 'classify', category: 'quality', subcategory: 'medicalResult', note: '' });
    expect((await t.api['complaint.get']({ id: c.id })).current).toBe(5);
    // The medical director proposes a quality plan; she may approve others' plans, not her own.
    await staff.as('medicalDirector');
    await step(c.id, { kind: 'propose', solution: '免费修复', refund: 0, compensation: 500, note: '' });
    const own = await t.api['complaint.get']({ id: c.id });
    expect(own.approverRoles).toEqual(['dean', 'medicalDirector', 'hoCsDirector']);
    expect(own.allowed).not.toContain('approve');
    expect(await refused('complaint.step', { id: c.id, step: { kind: 'approve', approved: true, note: '' }, attachments: [] })).toMatchObject({ code: 'forbidden', field: 'step.approved' });
    await staff.as('dean');
    expect((await step(c.id, { kind: 'approve', approved: true, note: '' })).current).toBe(7);
  });

  it('escalates a disagreement up to head office legal and closes it as handed to legal', async () => {
    const staff = await clinic();
    const c = await t.api['complaint.record'](complaintIntake());
    for (const x of plainSteps) await step(c.id, x);
    // The CS director proposes; head office's CS director general approves (never the proposer).
    await staff.as('hoCsDirector');
    await step(c.id, { kind: 'approve', approved: true, note: '' });
    await step(c.id, { kind: 'negotiate', agreed: false, note: '患者不同意' });
    for (const level of ['dean', 'headOfficeCs', 'headOfficeLegal']) {
      await staff.as('csDirector');
      const v = await step(c.id, { kind: 'escalate', reason: '患者不同意' });
      expect(v.escalationLevel).toBe(level);
      if (level !== 'headOfficeLegal') {
        await step(c.id, { kind: 'propose', solution: '再议', refund: 0, compensation: 0, note: '' });
        await staff.as('hoCsDirector');
        await step(c.id, { kind: 'approve', approved: true, note: '' });
        await step(c.id, { kind: 'negotiate', agreed: false, note: '' });
      }
    }
    // "交由集团法务部处理": head office's legal department takes it over (docs: closerRoles).
    await staff.as('hoLegal');
    const closed = await step(c.id, { kind: 'close', patientConfirmed: false, handedToLegal: true, satisfaction: null, note: '转法务' });
    expect(closed).toMatchObject({ closed: true, handedToLegal: true, current: 9, escalationPath: ['csDirector', 'dean', 'headOfficeCs', 'headOfficeLegal'] });
  });

  /**
   * Who owns the level's step, as the seeds give it (independent of rules.ts): 客服主任 / 医务部主任
   * (seed 001 step 5 "客服主任/医务部主任", and head office's 客服总监 for its CS level) propose; the
   * dean too at 行政院长重新协商 ("上报院长重新沟通并给予处理意见"); at 总部医务部 only head office's
   * medical department ("集团医务部组织专家会诊、讨论，提出处理意见，报总经理批准"); with 总部法务部
   * only head office's legal department closes ("患者不同意 交由集团法务部处理（院长授权责任人跟踪）").
   */
  const clinicProposers = ['csDirector', 'medicalDirector', 'hoCsDirector'];
  const owners: Record<string, { kind: 'propose' | 'close'; roles: string[] }> = {
    csDirector: { kind: 'propose', roles: clinicProposers },
    dean: { kind: 'propose', roles: [...clinicProposers, 'dean'] },
    headOfficeCs: { kind: 'propose', roles: clinicProposers },
    clinicExperts: { kind: 'propose', roles: clinicProposers },
    headOfficeMedical: { kind: 'propose', roles: ['hoMedical'] },
    headOfficeLegal: { kind: 'close', roles: ['hoLegal'] },
  };
  for (const [category, path] of [
    ['nonQuality', ['csDirector', 'dean', 'headOfficeCs', 'headOfficeLegal']],
    ['quality', ['csDirector', 'clinicExperts', 'headOfficeMedical', 'headOfficeLegal']],
  ] as const) {
    it(`${category}: every escalation level with every role — only the level's owner records its step (总部医务部 "提出处理意见", 总部法务部 "交由集团法务部处理"); anyone else is refused by name in Chinese, nothing written`, async () => {
      t = await startTestApp();
      await setUpClinic(t);
      // One person of every role on the roster.
      const people = new Map<StaffRole, string>();
      for (const role of staffRoles) people.set(role, (await seedStaff(t, { role, name: `${staffRoleNames[role]}某`, pin: '5150' })).id);
      const as = (role: StaffRole) => t.signIn(people.get(role)!, '5150');
      await as('csDirector');
      await t.api['complaint.setNumberingDesk']({});
      const c = await t.api['complaint.record'](complaintIntake());
      await step(c.id, plainSteps[0]!);
      await step(c.id, plainSteps[1]!);
      await step(c.id, category === 'quality' ? { kind: 'classify', category: 'quality', subcategory: 'medicalResult', serviceType: null, responsible: '整形外科', cause: '术后不对称', note: '' } : plainSteps[2]!);
      const levels: string[] = [];
      for (const level of path) {
        const v = await t.api['complaint.get']({ id: c.id });
        expect(v.escalationLevel).toBe(level);
        levels.push(v.escalationLevel);
        const owner = owners[level]!;
        const input: StepInput = owner.kind === 'propose' ? { kind: 'propose', solution: `${level} 的方案`, refund: 0, compensation: 0, note: '' } : { kind: 'close', patientConfirmed: false, handedToLegal: true, satisfaction: null, note: '转法务' };
        for (const role of staffRoles) {
          await as(role);
          if (owner.roles.includes(role)) {
            expect((await t.api['complaint.get']({ id: c.id })).allowed, `${level}: ${role}`).toContain(owner.kind);
            continue;
          }
          const e = await refused('complaint.step', { id: c.id, step: input, attachments: [] });
          if (!canReadAll(role)) {
            // Not a complaint reader: the case itself is not hers to read.
            expect({ code: e.code, field: e.field }, `${level}: ${role}`).toEqual({ code: 'forbidden', field: 'id' });
            continue;
          }
          expect({ code: e.code, field: e.field, rule: e.rule }, `${level}: ${role}`).toEqual({ code: 'forbidden', field: 'step.kind', rule: 'complaints.stepRole' });
          expect(ruleMessage(e.rule!, e.params ?? {}, 'zh-CN'), `${level}: ${role}`).toContain(`须由${owner.roles.map((r) => staffRoleNames[r as StaffRole]).join('或')}办理；${staffRoleNames[role]}某是${staffRoleNames[role]}`);
          expect((await t.api['complaint.get']({ id: c.id })).allowed, `${level}: ${role}`).not.toContain(owner.kind);
        }
        // The owner records it (the first of them), stamped as herself.
        const by = owner.roles[0] as StaffRole;
        await as(by);
        const after = await step(c.id, input);
        expect(after.events.at(-1)).toMatchObject({ kind: owner.kind, by: people.get(by), byRole: by });
        if (level === 'headOfficeLegal') {
          expect(after).toMatchObject({ closed: true, handedToLegal: true, current: 9 });
          break;
        }
        // Approved by someone else, the patient disagrees, the CS director escalates.
        const approver = after.approverRoles.find((r) => r !== by)!;
        await as(approver);
        await step(c.id, { kind: 'approve', approved: true, note: '' });
        await as(level === 'headOfficeMedical' ? 'medicalDirector' : 'csDirector');
        await step(c.id, { kind: 'negotiate', agreed: false, note: '患者不同意' });
        await as('csDirector');
        await step(c.id, { kind: 'escalate', reason: '患者不同意' });
      }
      expect(levels).toEqual(path);
    }, 120_000);
  }

  it('no dead end after 患者不同意: the CS director escalates; at the dean\'s level ("上报院长重新沟通并给予处理意见") the dean proposes, negotiates and escalates; the old approval deadline closes', async () => {
    const staff = await clinic();
    const c = await t.api['complaint.record'](complaintIntake());
    for (const x of plainSteps) await step(c.id, x);
    await staff.as('dean');
    expect(await refused('complaint.step', { id: c.id, step: { kind: 'propose', solution: '院长方案', refund: 0, compensation: 0, note: '' }, attachments: [] })).toMatchObject({ code: 'forbidden', field: 'step.kind' });
    await step(c.id, { kind: 'approve', approved: true, note: '' });
    await step(c.id, { kind: 'negotiate', agreed: false, note: '患者不同意' });
    await staff.as('csDirector');
    let v = await t.api['complaint.get']({ id: c.id });
    expect(v.allowed).toContain('escalate');
    expect(v.allowed).not.toContain('negotiate');
    v = await step(c.id, { kind: 'escalate', reason: '患者不同意' });
    expect(v).toMatchObject({ escalationLevel: 'dean', current: 5 });
    expect(v.deadlines.filter((d) => d.status === 'overdue' || (d.doneAt === null && d.key === 'approve'))).toEqual([]);
    await staff.as('dean');
    expect((await t.api['complaint.get']({ id: c.id })).allowed).toContain('propose');
    v = await step(c.id, { kind: 'propose', solution: '院长当面致歉并赠送护理', refund: 0, compensation: 0, note: '' });
    // The dean proposed: head office's CS director general approves, not the dean herself.
    expect(v.allowed).not.toContain('approve');
    expect(await refused('complaint.step', { id: c.id, step: { kind: 'approve', approved: true, note: '' }, attachments: [] })).toMatchObject({ code: 'forbidden', field: 'step.approved' });
    await staff.as('hoCsDirector');
    await step(c.id, { kind: 'approve', approved: true, note: '' });
    await staff.as('dean');
    await step(c.id, { kind: 'negotiate', agreed: false, note: '' });
    expect((await t.api['complaint.get']({ id: c.id })).allowed).toContain('escalate');
    v = await step(c.id, { kind: 'escalate', reason: '仍不同意' });
    expect(v.escalationLevel).toBe('headOfficeCs');
    await staff.as('dean');
    expect(await refused('complaint.step', { id: c.id, step: { kind: 'propose', solution: 'x', refund: 0, compensation: 0, note: '' }, attachments: [] })).toMatchObject({ code: 'forbidden', field: 'step.kind' });
  });

  it('lists overdue and due-within-a-day cases on the CS director home, and warns of a missing calendar', async () => {
    const staff = await clinic();
    const a = await t.api['complaint.record'](complaintIntake());
    t.clock.advance(13 * 60); // 12 h notify passed for a
    await staff.as('csDirector'); // (sessions end after 12 idle hours)
    const b = await t.api['complaint.record'](complaintIntake());
    const home = await t.api['complaint.home']({});
    expect(home.overdue.map((s) => [s.id, s.overdue])).toEqual([[a.id, ['notify']]]);
    expect(home.dueSoon.map((s) => s.id)).toEqual([b.id]);
    t.clock.now = new Date('2026-12-30T02:00:00Z');
    await staff.as('csDirector');
    const late = await t.api['complaint.record'](complaintIntake());
    expect(late.missingCalendarYears).toEqual([2027]);
    // The warning is wherever the deadline is shown: the home screen and the case's row in the lists.
    expect((await t.api['complaint.home']({})).missingCalendarYears).toEqual([2027]);
    expect((await t.api['complaint.list']({ scope: 'open', month: null })).find((s) => s.id === late.id)!.missingCalendarYears).toEqual([2027]);
    // Weekday/weekend meanwhile: Thu 31 Dec, Fri 1 Jan (not known to be a holiday), Mon 4 Jan.
    expect(late.deadlines.find((d) => d.key === 'investigate')!.dueAt).toBe(endOfClinicDay('2027-01-04'));
    // Head office publishes 2027 (元旦 Jan 1-3): it arrives from `reference` as calendar:2027, and the case counts with it.
    await t.app.store.db.put(calendarDoc({ year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], workdays: [], source: 'test' }, { at: '2026-12-01T00:00:00.000Z', by: 'couch-setup:admin' }));
    const known = await t.api['complaint.get']({ id: late.id });
    expect(known.missingCalendarYears).toEqual([]);
    expect((await t.api['complaint.home']({})).missingCalendarYears).toEqual([]);
    expect(known.deadlines.find((d) => d.key === 'investigate')!.dueAt).toBe(endOfClinicDay('2027-01-05'));
  });

  it('a desk that never synced counts a year before 2026 with the shipped chinese-days table, not Monday-Friday (issue 18: "a complaint received in December 2025 has no missing calendar")', async () => {
    const staff = await clinic();
    // No calendar:<year> in the store: nothing came from head office's `reference`.
    expect((await t.app.store.db.allDocs({ startkey: 'calendar:', endkey: 'calendar:\ufff0' })).rows).toEqual([]);
    t.clock.now = new Date('2025-09-30T02:00:00Z'); // Tue 30 Sep 2025, 10:00 at the clinic
    await staff.as('csDirector');
    const c = await t.api['complaint.record'](complaintIntake());
    expect(c.missingCalendarYears).toEqual([]);
    // 国庆节、中秋节 2025-10-01 to 10-08 off, Sat 10-11 a make-up working day: Thu 9, Fri 10, Sat 11.
    expect(c.deadlines.find((d) => d.key === 'investigate')!.dueAt).toBe(endOfClinicDay('2025-10-11'));
  });

  it('keeps a note from another desk that raced an acceptance: the later acceptance is shown as ignored', async () => {
    await clinic();
    const c = await t.api['complaint.record'](complaintIntake());
    await step(c.id, { kind: 'accept', note: '' });
    // An acceptance made on another desk while apart, a minute later, arrives through sync.
    const at = new Date(t.clock.now.getTime() + 60_000);
    await t.app.store.db.put({ ...newMeta('complaint-event', complaintIds.event(c.id, '1zzzzzzzzzzzzzzzzz'), 'BJ', 'x', at), type: 'complaint-event', complaintId: c.id, kind: 'accept', at: at.toISOString(), seq: 0, byRole: 'csDirector', data: { note: '' }, attachments: [] });
    const v = await t.api['complaint.get']({ id: c.id });
    expect(v.current).toBe(3);
    expect(v.events.map((e) => e.ignored)).toEqual([false, true]);
    expect(v.numbers).toHaveLength(1);
  });
});

describe('monthly statistics', () => {
  it('seed 004 "将投诉按类型分类（如医疗效果、服务态度、环境卫生、预约难题、收费问题等）": 服务类 broken down by type on screen and in the .xlsx, cell by cell, every type listed', async () => {
    const staff = await clinic();
    const kinds = ['attitude', 'attitude', 'charges', 'other'] as const;
    for (const serviceType of [...kinds, null]) {
      const c = await t.api['complaint.record'](complaintIntake());
      t.clock.advance(1);
      await step(c.id, plainSteps[0]!);
      await step(c.id, plainSteps[1]!);
      await step(c.id, serviceType ? { kind: 'classify', category: 'nonQuality', subcategory: 'service', serviceType, responsible: '前台', cause: '说明不清', note: '' } : { kind: 'classify', category: 'quality', subcategory: 'medicalResult', serviceType: null, responsible: '整形外科', cause: '术后不对称', note: '' });
    }
    await staff.as('csDirector');
    const stats = await t.api['complaint.monthlyStats']({ month: '2026-11' });
    expect(stats.byServiceType).toEqual({ attitude: 2, hygiene: 0, appointment: 0, charges: 1, other: 1 });
    expect(stats.byCategory).toEqual({ nonQuality: 4, quality: 1 });
    const xlsx = await t.api['complaint.monthlyXlsx']({ month: '2026-11' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.data, 'base64') as unknown as ArrayBuffer);
    const sum = wb.getWorksheet('汇总')!;
    const rows: unknown[][] = [];
    sum.eachRow({ includeEmpty: true }, (r) => rows.push((r.values as unknown[]).slice(1)));
    const at = rows.findIndex((r) => r[0] === '服务类细分');
    expect(at).toBeGreaterThan(0);
    expect(rows.slice(at + 1, at + 6)).toEqual([
      ['服务态度', 2],
      ['环境卫生', 0],
      ['预约难', 0],
      ['收费问题', 1],
      ['其他服务问题', 1],
    ]);
    expect(rows[at + 6] ?? []).toEqual([]);
    // 案件明细: 类别 is the 服务类 type, or the quality subcategory.
    const detail = wb.getWorksheet('案件明细')!;
    const header = (detail.getRow(1).values as unknown[]).slice(1);
    const col = header.indexOf('类别') + 1;
    const types: unknown[] = [];
    for (let r = 2; r <= detail.rowCount; r++) types.push(detail.getRow(r).getCell(col).value);
    expect(types.sort()).toEqual(['其他服务问题', '医疗效果', '收费问题', '服务态度', '服务态度'].sort());
  });

  it('counts by category, channel, department and step; refunds; penalty levels; and writes an .xlsx', async () => {
    const staff = await clinic();
    const a = await t.api['complaint.record'](complaintIntake({ channel: 'wechat' }));
    t.clock.advance(1);
    await t.api['complaint.record'](complaintIntake({ channel: 'phone', departmentId: null }));
    for (const x of plainSteps.slice(0, 3)) await step(a.id, x);
    await step(a.id, { kind: 'propose', solution: '退款', refund: 600, compensation: 200, note: '' });
    await staff.as('dean');
    await step(a.id, { kind: 'approve', approved: true, note: '' });
    await staff.as('csDirector');
    await step(a.id, { kind: 'negotiate', agreed: true, note: '' });
    const stats = await t.api['complaint.monthlyStats']({ month: '2026-11' });
    expect(stats).toMatchObject({
      total: 2,
      byCategory: { nonQuality: 1, none: 1 },
      byChannel: { wechat: 1, phone: 1 },
      byDepartment: { 整形外科: 1, '—': 1 },
      // Seed 004 "将投诉按类型分类（如…服务态度、环境卫生、预约难题、收费问题等）" and "定期统计投诉类型、原因".
      byServiceType: { appointment: 1 },
      byStep: { paperwork: 1, accept: 1 },
      refunds: { cases: 1, yuan: 600 },
      compensation: { cases: 1, yuan: 200 },
    });
    expect(stats.hoursToStep.accept).toBe(0);
    expect((await t.api['complaint.monthlyStats']({ month: '2026-10' })).total).toBe(0);
    const xlsx = await t.api['complaint.monthlyXlsx']({ month: '2026-11' });
    expect(xlsx.fileName).toBe('患者投诉案件统计表-BJ-2026-11.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.data, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '案件明细']);
    expect(wb.getWorksheet('汇总')!.getRow(2).values).toEqual([undefined, '案件总数', 2]);
    expect(wb.getWorksheet('案件明细')!.rowCount).toBe(3);
    expect(wb.getWorksheet('案件明细')!.getRow(2).getCell(1).value).toBe('BJ20261101');
    const header = (wb.getWorksheet('案件明细')!.getRow(1).values as unknown[]).slice(1);
    const row = Object.fromEntries(header.map((h, i) => [h, wb.getWorksheet('案件明细')!.getRow(2).getCell(i + 1).value]));
    expect(row).toMatchObject({ 性质: '非质量投诉', 类别: '预约难', '责任部门/责任人': '前台', 原因: '周末排班不足', 处理结果: '退款' });
  });

  it('seed 004 "投诉分类…服务态度、环境卫生、预约难题、收费问题": a 服务类 case needs its type, no other case has one — refused naming step.serviceType, nothing written', async () => {
    await clinic();
    const c = await t.api['complaint.record'](complaintIntake());
    for (const x of plainSteps.slice(0, 2)) await step(c.id, x);
    const s = (x: StepInput) => ({ id: c.id, step: x, attachments: [] });
    expect(await refused('complaint.step', s({ kind: 'classify', category: 'nonQuality', subcategory: 'service', serviceType: null, responsible: '', cause: '', note: '' }))).toMatchObject({ code: 'invalid_input', field: 'step.serviceType' });
    expect(await refused('complaint.step', s({ kind: 'classify', category: 'quality', subcategory: 'medicalResult', serviceType: 'charges', responsible: '', cause: '', note: '' }))).toMatchObject({ code: 'invalid_input', field: 'step.serviceType' });
    expect(await refused('complaint.step', { id: c.id, step: { kind: 'classify', category: 'nonQuality', subcategory: 'service', serviceType: 'rude', responsible: '', cause: '', note: '' }, attachments: [] })).toMatchObject({ code: 'invalid_input', field: 'step.serviceType' });
    const v = await step(c.id, { kind: 'classify', category: 'nonQuality', subcategory: 'service', serviceType: 'charges', responsible: '收费处 王会计', cause: '套餐价格未说明', note: '' });
    expect(v.events.at(-1)!.data).toMatchObject({ serviceType: 'charges', responsible: '收费处 王会计', cause: '套餐价格未说明' });
  });
});
