import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { TaskView } from '../../shared/followup/schemas';
import { storeMark } from '../support/app';
import { firstVisit, LEAD_PIN, setUpClinic } from '../support/factories';
import { DESK_USERS, HO_USER } from '../support/headOffice';
import { caughtUp, waitFor } from '../support/wait';
import { testWorld } from '../support/world';

/**
 * Calls made at head office (issue 13: 「calls made at head office reach the clinic's desks through
 * sync, and calls made at a clinic reach head office」; seed 001: 「改由集團公司客服部統一進行回訪」): a
 * clinic desk and head office's call centre call the same clinic's customers. Head office writes
 * online into the clinic's database; a task taken at both while the desk was cut off is flagged
 * after sync, and the attempts of both survive (append-only events).
 */
const { headOffice, desk } = testWorld();


describe('follow-up calls at a clinic desk and at head office', () => {
  it('head office lists and calls the next-day survey in the clinic database; a task taken at both while apart is contested after sync; both attempts survive', async () => {
    const ho = await headOffice({ consolidate: true });
    const bj = await desk();
    const f = await setUpClinic(bj);
    await bj.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
    const v = await bj.api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13812345678' }));
    await bj.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'noPurchase', note: '' });
    await caughtUp(bj);

    const hq = await desk();
    await hq.anon['headoffice.setup']({ url: ho.url, ...HO_USER, director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: '2468' } });
    const director = (await hq.anon['staff.list']({})).find((s) => s.role === 'hoCsDirector')!;
    // The next day at both.
    bj.clock.advance(24 * 60);
    hq.clock.now = new Date(bj.clock.now.getTime());
    await bj.signIn(f.lead.id, LEAD_PIN);
    await hq.signIn(director.id, '2468');

    // Head office's list of BJ: the next-day survey (its plan is called by head office), with the number to dial.
    const hoList = await waitFor(async () => {
      const r = await hq.app.dispatcher.invoke('headoffice.followupList', { clinic: 'BJ' }, hq.session());
      const rows = r.ok ? (r.data as TaskView[]) : [];
      return rows.length ? rows : null;
    }, 'BJ at head office', 30_000);
    expect(hoList).toMatchObject([{ planId: 'nextDaySurvey', customerName: '张晓梅', dial: '13812345678', state: 'open' }]);
    const taskId = hoList[0]!.id;

    // Refused at head office, naming the field, nothing written there or in BJ's database
    // (once consolidation has brought the tasks head office wrote in BJ's database back here).
    await waitFor(() => hq.app.store.db.get(taskId).catch(() => null), 'the task in head office\'s consolidated copy', 30_000);
    await caughtUp(hq);
    const mark = await storeMark(hq.app.store.db);
    const seq = (await ho.admin<{ update_seq: unknown }>('GET', '/clinic_bj')).body.update_seq;
    for (const [op, input, field, code] of [
      ['headoffice.followupList', { clinic: 'GZ' }, 'clinic', 'not_found'],
      ['headoffice.followupList', { clinic: 'bj' }, 'clinic', 'invalid_input'],
      ['headoffice.followupTake', { taskId: 'followup-task:GZ:nextDaySurvey:2026-11-27:x' }, 'taskId', 'not_found'],
      ['headoffice.followupAttempt', { taskId, result: 'reached', ratings: { attitude: 'great', skill: 'satisfied', punctuality: 'satisfied', promises: 'satisfied' } }, 'ratings.attitude', 'invalid_input'],
      ['headoffice.followupAttempt', { taskId, result: 'sent' }, 'result', 'invalid_input'],
    ] as const) expect(await hq.app.dispatcher.invoke(op, input, hq.session()), `${op} ${field}`).toMatchObject({ ok: false, error: { code, field } });
    expect(await storeMark(hq.app.store.db)).toEqual(mark);
    expect((await ho.admin<{ update_seq: unknown }>('GET', '/clinic_bj')).body.update_seq).toEqual(seq);
    // A clinic desk may not use head office's list.
    expect(await bj.app.dispatcher.invoke('headoffice.followupList', { clinic: 'BJ' }, bj.session())).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // The desk is cut off; both take the task while apart: after sync it is flagged at the desk.
    await bj.api['followup.list']({});
    await caughtUp(bj);
    const eventsAtDesk = (n: number) =>
      waitFor(async () => {
        const rows = await bj.app.store.db.allDocs<{ taskId: string; kind: string; createdBy: string }>({ startkey: 'followup-event:BJ:', endkey: 'followup-event:BJ:\ufff0', include_docs: true });
        const mine = rows.rows.flatMap((r) => (r.doc && r.doc.taskId === taskId ? [r.doc] : []));
        return mine.length === n ? mine : null;
      }, `${n} events of the task at BJ`, 30_000);
    await bj.app.sync.disconnect();
    expect((await bj.api['followup.take']({ taskId })).contested).toBe(false);
    expect((await hq.api['headoffice.followupTake']({ taskId })).contested).toBe(false);
    await bj.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
    await eventsAtDesk(2);
    expect(await bj.api['followup.task']({ taskId })).toMatchObject({ contested: true, attempts: 0 });
    expect((await bj.api['followup.list']({})).find((t) => t.id === taskId)).toMatchObject({ contested: true });
    await caughtUp(bj);

    // Both call while apart, unanswered: append-only events, both survive and count.
    await bj.app.sync.disconnect();
    await bj.api['followup.attempt']({ taskId, result: 'noAnswer' });
    hq.clock.advance(5);
    await hq.api['headoffice.followupAttempt']({ taskId, result: 'noAnswer' });
    await bj.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
    const events = await eventsAtDesk(4);
    expect(events.map((e) => `${e.kind}:${e.createdBy === director.id ? 'HO' : 'BJ'}`).sort()).toEqual(['attempt:BJ', 'attempt:HO', 'take:BJ', 'take:HO']);
    // Two unanswered calls of three: open, the last caller (head office) has it, no longer contested.
    expect(await bj.api['followup.task']({ taskId })).toMatchObject({ attempts: 2, state: 'open', contested: false, takenBy: director.id, takenByName: '王总监' });
    // And head office sees the desk's call in the clinic's database.
    expect(await hq.api['headoffice.followupList']({ clinic: 'BJ' })).toMatchObject([{ id: taskId, attempts: 2 }]);

    // Head office reaches her: 3 of 4 answers 满意 or better (75 %, the 90 % target missed). The
    // Friday report (Saturday 11-28 to Friday 12-04) counts it per clinic and in total, and as .xlsx.
    hq.clock.advance(4 * 60);
    await hq.api['headoffice.followupAttempt']({ taskId, result: 'reached', ratings: { attitude: 'verySatisfied', skill: 'satisfied', punctuality: 'fair', promises: 'satisfied' }, feedback: 'suggestion', comments: '电话回访很及时' });
    const report = await waitFor(async () => {
      const r = await hq.api['headoffice.followupReport']({ date: '2026-11-30', period: 'week' });
      return r.total.figures.reached === 1 ? r : null;
    }, 'the call in head office\'s consolidated copy', 30_000);
    expect(report).toMatchObject({ from: '2026-11-28', to: '2026-12-04' });
    expect(report.clinics).toMatchObject([{ code: 'BJ', figures: { due: 1, reached: 1, successRate: 1, total: { answers: 4, satisfied: 3, share: 0.75, met: false } } }]);
    expect(report.clinics[0]!.figures.byDepartment).toMatchObject([{ name: '整形外科', answers: 4, met: false }]);
    expect(report.clinics[0]!.figures.comments).toMatchObject([{ customerName: '张晓梅', feedback: 'suggestion', comments: '电话回访很及时' }]);
    expect(report.total.figures.total).toMatchObject({ answers: 4, satisfied: 3, met: false });
    const file = await hq.api['headoffice.followupReportXlsx']({ date: '2026-11-30', period: 'week' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(file.filename).toBe('回访满意度-2026-11-28-2026-12-04.xlsx');
    const rows = book.getWorksheet('回访满意度')!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    // Typed cells: counts are numbers, rates fractions shown as percent, the time a date (the clinic's wall clock).
    expect(rows).toEqual([['北京院', 1, 1, 1, 0, 4, 0.75, '未达标'], ['合计', 1, 1, 1, 0, 4, 0.75, '未达标']]);
    const first = book.getWorksheet('回访满意度')!.getRow(2);
    expect([first.getCell(2).type, first.getCell(4).type, first.getCell(7).type]).toEqual([ExcelJS.ValueType.Number, ExcelJS.ValueType.Number, ExcelJS.ValueType.Number]);
    expect([first.getCell(4).numFmt, first.getCell(7).numFmt]).toEqual(['0%', '0%']);
    const comment = book.getWorksheet('客户意见')!.getRow(2);
    expect(comment.getCell(4).value).toBe('电话回访很及时');
    expect(comment.getCell(5).type).toBe(ExcelJS.ValueType.Date);
    expect(comment.getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm');
    // A clinic desk may not read it.
    expect(await bj.app.dispatcher.invoke('headoffice.followupReport', { date: '2026-11-30', period: 'week' }, bj.session())).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // The dashboard's 回访 section follows the dashboard's own 从/至, not the week of 至: 11-25..11-29
    // holds the task (due 11-28), 11-01..11-27 does not (the week of 11-27 would be 11-21..11-27).
    const range = { from: '2026-11-25', to: '2026-11-29', clinic: null, grain: 'day' } as const;
    const dash = await hq.api['headoffice.followupFigures'](range);
    expect(dash).toMatchObject({ from: '2026-11-25', to: '2026-11-29', clinics: [{ code: 'BJ', figures: { due: 1, reached: 1, overdue: 0, total: { answers: 4, satisfied: 3 } } }], total: { figures: { due: 1, reached: 1 } } });
    expect((await hq.api['headoffice.followupFigures']({ ...range, from: '2026-11-01', to: '2026-11-27' })).total.figures).toMatchObject({ due: 0, reached: 0 });
    expect((await hq.api['headoffice.followupFigures']({ ...range, clinic: 'BJ' })).clinics.map((c) => c.code)).toEqual(['BJ']);
    // Every figure opens the tasks it counts: as many as the figure (a survey is 4 answers), for all clinics and for BJ.
    const bjFigures = dash.clinics[0]!.figures;
    for (const clinic of [null, 'BJ'] as const)
      for (const [figure, count] of [['due', bjFigures.due], ['reached', bjFigures.reached], ['overdue', bjFigures.overdue], ['answered', bjFigures.total.answers / 4]] as const) {
        const records = await hq.api['headoffice.followupRecords']({ period: { ...range, clinic }, figure });
        expect(records, `${clinic} ${figure}`).toHaveLength(count);
        for (const r of records) expect(r).toMatchObject({ id: taskId, clinic: 'BJ', planId: 'nextDaySurvey', customerName: '张晓梅', dueDate: '2026-11-28', state: 'reached', satisfied: 3, feedback: 'suggestion' });
      }
    expect(await hq.api['headoffice.followupRecords']({ period: { ...range, to: '2026-11-27' }, figure: 'reached' })).toEqual([]);
    // The Friday report's group rows open their own surveys: the department's row its task, another department none.
    const dept = bjFigures.byDepartment[0]!;
    expect(await hq.api['headoffice.followupRecords']({ period: { ...range, clinic: 'BJ' }, figure: 'answered', group: { kind: 'department', key: dept.key } })).toHaveLength(dept.answers / 4);
    expect(await hq.api['headoffice.followupRecords']({ period: { ...range, clinic: 'BJ' }, figure: 'answered', group: { kind: 'department', key: 'dental' } })).toEqual([]);
    const doctor = bjFigures.byDoctor[0]!;
    expect(await hq.api['headoffice.followupRecords']({ period: range, figure: 'answered', group: { kind: 'doctor', key: doctor.key } })).toHaveLength(doctor.answers / 4);
    // Bad filters refused naming the field, nothing written; a clinic desk refused.
    const before = await storeMark(hq.app.store.db);
    for (const [op, input, field] of [
      ['headoffice.followupRecords', { period: range, figure: 'satisfied' }, 'figure'],
      ['headoffice.followupRecords', { period: { ...range, to: '2026-11-01' }, figure: 'due' }, 'period.to'],
      ['headoffice.followupRecords', { period: { ...range, clinic: 'bj' }, figure: 'due' }, 'period.clinic'],
      ['headoffice.followupRecords', { period: range, figure: 'due', drop: true }, 'drop'],
      ['headoffice.followupRecords', { period: range }, 'figure'],
      ['headoffice.followupRecords', { period: range, figure: 'answered', group: { kind: 'clinic', key: 'BJ' } }, 'group.kind'],
      ['headoffice.followupRecords', { period: range, figure: 'answered', group: { kind: 'doctor', key: 7 } }, 'group.key'],
      ['headoffice.followupRecords', { period: range, figure: 'answered', group: { kind: 'doctor' } }, 'group.key'],
      ['headoffice.followupFigures', { ...range, from: 20261125 }, 'from'],
      ['headoffice.followupFigures', { ...range, from: '2025-01-01' }, 'to'],
      ['headoffice.followupXlsx', { ...range, clinic: "'); DROP" }, 'clinic'],
    ] as const) expect(await hq.app.dispatcher.invoke(op, input, hq.session()), `${op} ${field}`).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    expect(await storeMark(hq.app.store.db)).toEqual(before);
    expect(await bj.app.dispatcher.invoke('headoffice.followupRecords', { period: range, figure: 'due' }, bj.session())).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // The section's 导出 Excel: the follow-up sheets for the range, opened and checked cell by cell.
    const dashFile = await hq.api['headoffice.followupXlsx'](range);
    expect(dashFile.filename).toBe('回访满意度-2026-11-25-2026-11-29.xlsx');
    const dashBook = new ExcelJS.Workbook();
    await dashBook.xlsx.load(Buffer.from(dashFile.base64, 'base64') as unknown as ArrayBuffer);
    expect(dashBook.worksheets.map((w) => w.name)).toEqual(['回访满意度', '分组满意度', '客户意见']);
    const main = dashBook.getWorksheet('回访满意度')!;
    expect((main.getRow(1).values as unknown[]).slice(1)).toEqual(['诊所', '应回访', '已接通', '回访成功率', '逾期', '答题数', '满意度', '目标 ≥ 90%']);
    const cells = [2, 3].map((n) => (main.getRow(n).values as unknown[]).slice(1));
    expect(cells).toEqual([['北京院', 1, 1, 1, 0, 4, 0.75, '未达标'], ['合计', 1, 1, 1, 0, 4, 0.75, '未达标']]);
    for (const n of [2, 3])
      for (const c of [2, 3, 4, 5, 6, 7]) expect(main.getRow(n).getCell(c).type, `回访满意度 ${n}:${c}`).toBe(ExcelJS.ValueType.Number);
    expect([main.getRow(2).getCell(4).numFmt, main.getRow(2).getCell(7).numFmt]).toEqual(['0%', '0%']);
    const groups = dashBook.getWorksheet('分组满意度')!;
    expect((groups.getRow(1).values as unknown[]).slice(1)).toEqual(['诊所', '分组', '名称', '答题数', '满意度', '目标 ≥ 90%']);
    expect((groups.getRow(2).values as unknown[]).slice(1)).toEqual(['北京院', '科室', '整形外科', 4, 0.75, '未达标']);
    expect(groups.getRow(2).getCell(5).numFmt).toBe('0%');
    const said = dashBook.getWorksheet('客户意见')!.getRow(2);
    expect([said.getCell(1).value, said.getCell(2).value, said.getCell(3).value, said.getCell(4).value]).toEqual(['北京院', '张晓梅', '建议', '电话回访很及时']);
    expect(said.getCell(5).type).toBe(ExcelJS.ValueType.Date);
  }, 90_000);

  it('head office lists every clinic at once (全部门店), and a 投诉 call there opens the complaint in the clinic database; refused by field, nothing written', async () => {
    const ho = await headOffice({ consolidate: true });
    const desks = [];
    for (const [code, name, visitor] of [['BJ', '北京院', '张晓梅'], ['SH', '上海院', '李娜']] as const) {
      const t = await desk();
      const f = await setUpClinic(t, { code, name, inHeadOfficeCity: code === 'BJ' });
      await t.api['sync.configure']({ url: ho.url, ...DESK_USERS[code] });
      const v = await t.api['desk.checkIn'](firstVisit({ name: visitor, phone: code === 'BJ' ? '13812345678' : '13900001111' }));
      await t.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'noPurchase', note: '' });
      await caughtUp(t);
      desks.push({ t, f });
    }
    const bj = desks[0]!.t;
    const hq = await desk();
    await hq.anon['headoffice.setup']({ url: ho.url, ...HO_USER, director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: '2468' } });
    const director = (await hq.anon['staff.list']({})).find((s) => s.role === 'hoCsDirector')!;
    hq.clock.now = new Date(bj.clock.now.getTime() + 24 * 3_600_000);
    await hq.signIn(director.id, '2468');

    // 全部门店: both clinics' next-day surveys in one list, each row naming its clinic.
    const all = await waitFor(async () => {
      const r = await hq.app.dispatcher.invoke('headoffice.followupList', { clinic: '*' }, hq.session());
      const rows = r.ok ? (r.data as TaskView[]) : [];
      return rows.length === 2 ? rows : null;
    }, 'both clinics at head office', 30_000);
    expect(all.map((r) => [r.clinic, r.customerName, r.planId]).sort()).toEqual([['BJ', '张晓梅', 'nextDaySurvey'], ['SH', '李娜', 'nextDaySurvey']]);
    expect((await hq.api['headoffice.followupList']({ clinic: 'SH' })).map((r) => r.customerName)).toEqual(['李娜']);
    const bjTask = all.find((r) => r.clinic === 'BJ')!.id;
    const shTask = all.find((r) => r.clinic === 'SH')!.id;

    // Reached, the feedback a 投诉 (seed 001 投诉回访): head office opens the complaint, written online in BJ's database.
    await hq.api['headoffice.followupAttempt']({ taskId: bjTask, result: 'reached', ratings: { attitude: 'poor', skill: 'fair', punctuality: 'poor', promises: 'poor' }, feedback: 'complaint', comments: '术后肿胀没人管' });
    await hq.api['headoffice.followupAttempt']({ taskId: shTask, result: 'reached', ratings: { attitude: 'satisfied', skill: 'satisfied', punctuality: 'satisfied', promises: 'satisfied' }, feedback: 'praise', comments: '' });
    // Nothing written is counted once consolidation has brought both calls back to head office's copy.
    await waitFor(async () => {
      const rows = await hq.app.store.db.allDocs({ startkey: 'followup-event:', endkey: 'followup-event:\ufff0' });
      return rows.rows.length === 2 || null;
    }, 'both calls in head office\'s consolidated copy', 30_000);
    await caughtUp(hq);
    const bjSeq = async () => (await ho.admin<{ update_seq: unknown }>('GET', '/clinic_bj')).body.update_seq;
    const shSeq = async () => (await ho.admin<{ update_seq: unknown }>('GET', '/clinic_sh')).body.update_seq;
    const mark = [await storeMark(hq.app.store.db), await bjSeq(), await shSeq()];
    const input = { taskId: bjTask, what: '术后肿胀，打电话没人回', wants: '院方说明', staffInvolved: '' };
    for (const [bad, field, code] of [
      [{ ...input, what: '' }, 'what', 'invalid_input'],
      [{ ...input, what: 'x'.repeat(2001) }, 'what', 'invalid_input'],
      [{ ...input, taskId: 42 }, 'taskId', 'invalid_input'],
      [{ ...input, extra: '<script>' }, 'extra', 'invalid_input'],
      [{ ...input, taskId: 'followup-task:GZ:nextDaySurvey:2026-11-27:x' }, 'taskId', 'not_found'],
      [{ ...input, taskId: shTask }, 'taskId', 'conflict'], // a 表扬, not a 投诉: followup.complaintNeedsFeedback
    ] as const) expect(await hq.app.dispatcher.invoke('headoffice.followupComplaint', bad, hq.session()), field).toMatchObject({ ok: false, error: { code, field } });
    expect(await hq.app.dispatcher.invoke('headoffice.followupList', { clinic: '**' }, hq.session())).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'clinic' } });
    expect([await storeMark(hq.app.store.db), await bjSeq(), await shSeq()]).toEqual(mark);
    expect(await bj.app.dispatcher.invoke('headoffice.followupComplaint', input, bj.session())).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const opened = await hq.api['headoffice.followupComplaint'](input);
    expect(opened).toMatchObject({ id: bjTask, clinic: 'BJ', state: 'reached' });
    expect(opened.complaintId).toMatch(/^complaint:BJ:/);
    const inBj = await ho.admin<{ type: string; channel: string; followupTaskId: string; clinic: string }>('GET', `/clinic_bj/${encodeURIComponent(opened.complaintId!)}`);
    expect(inBj.body).toMatchObject({ type: 'complaint', clinic: 'BJ', channel: 'followUp', followupTaskId: bjTask });
    // Only once.
    expect(await hq.app.dispatcher.invoke('headoffice.followupComplaint', input, hq.session())).toMatchObject({ ok: false, error: { code: 'conflict', field: 'taskId', rule: 'followup.complaintTwice' } });
    // BJ's desk receives it through sync, pointing back at the call.
    const atDesk = await waitFor(() => bj.app.store.db.get<{ followupTaskId?: string }>(opened.complaintId!).catch(() => null), 'the complaint at BJ', 30_000);
    expect(atDesk.followupTaskId).toBe(bjTask);
  }, 120_000);
});
