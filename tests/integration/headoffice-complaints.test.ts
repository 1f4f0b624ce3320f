import { describe, expect, it } from 'vitest';
import type { Input } from '../../shared/contract';
import { refusal, storeMark, type TestApp } from '../support/app';
import { seedStaff, setUpClinic } from '../support/factories';
import { complaintIntake, complaintStaff, plainSteps, PNG_1PX } from '../support/complaints';
import { DESK_USERS, HO_USER, type TestHeadOffice } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { testWorld } from '../support/world';

/**
 * Head office's 投诉 screen (issue 19): head office reads every clinic's cases from its
 * consolidated copy and records the steps its roles own — a plan from ¥1,000 (副总经理 / 总经理,
 * seed 003 第十七条), step 10's 员工过失处罚单 (总经办) and its approval (总经理, seed 001 (五)),
 * the monthly review — online in the clinic's database; the clinic's desk receives each act by
 * sync, stamped with head office's person. Runs on the real HTTP head office with consolidation.
 */
const { headOffice, desk } = testWorld();
const PIN = '2468';

async function bjDesk(ho: TestHeadOffice) {
  const t = await desk();
  t.clock.now = new Date('2026-11-05T02:00:00Z');
  const f = await setUpClinic(t, { code: 'BJ', name: '北京院', inHeadOfficeCity: true });
  await t.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
  return { t, ...f, staff: await complaintStaff(t) };
}

/** Head office's computer with its four people: 客服总监 (set-up), 副总经理, 总经理, 总经办. */
async function hoDesk(ho: TestHeadOffice) {
  const t = await desk();
  t.clock.now = new Date('2026-11-05T03:00:00Z');
  await t.anon['headoffice.setup']({ url: ho.url, ...HO_USER, director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: PIN } });
  const director = (await t.anon['staff.list']({})).find((s) => s.role === 'hoCsDirector')!;
  const people = {
    director,
    deputyGm: await seedStaff(t, { role: 'deputyGm', name: '钱副总', pin: PIN, clinic: 'HO' }),
    gm: await seedStaff(t, { role: 'gm', name: '孙总', pin: PIN, clinic: 'HO' }),
    gmOffice: await seedStaff(t, { role: 'gmOffice', name: '周总经办', pin: PIN, clinic: 'HO' }),
    hoMedical: await seedStaff(t, { role: 'hoMedical', name: '吴医务', pin: PIN, clinic: 'HO' }),
    hoLegal: await seedStaff(t, { role: 'hoLegal', name: '郑法务', pin: PIN, clinic: 'HO' }),
  };
  return { t, people, as: (who: keyof typeof people) => t.signIn(people[who].id, PIN) };
}

async function remoteSeq(ho: TestHeadOffice) {
  return (await ho.admin<{ update_seq: unknown }>('GET', '/clinic_bj')).body.update_seq;
}

const step = (t: TestApp, id: string, s: Input<'complaint.step'>['step']) => t.api['complaint.step']({ id, step: s, attachments: [] });

describe('head office acts on complaint cases', () => {
  it('approves a ¥3,000 plan as 副总经理 in the clinic’s database; the desk shows it; a wrong role, bad input or an unreachable server writes nothing', async () => {
    const ho = await headOffice({ consolidate: true });
    const bj = await bjDesk(ho);
    await bj.staff.as('csDirector');
    await bj.t.api['complaint.setNumberingDesk']({});
    const c = await bj.t.api['complaint.record'](complaintIntake());
    for (const s of plainSteps.slice(0, 3)) await step(bj.t, c.id, s);
    await step(bj.t, c.id, { kind: 'propose', solution: '退还部分治疗费', refund: 3000, compensation: 0, note: '' });
    const hq = await hoDesk(ho);
    await hq.as('director');

    // The case reaches head office's list, with its clinic, and head office's to-do (待审批).
    const listed = await waitFor(async () => {
      const rows = await hq.t.api['headoffice.complaintCases']({ clinic: null, state: 'open' });
      return rows.find((r) => r.id === c.id && r.current === 6) ?? null;
    }, 'the case at head office at step 6', 30_000);
    expect(listed).toMatchObject({ clinic: 'BJ', clinicName: '北京院', patientName: '王女士', currentKey: 'approve' });
    expect(await hq.t.api['headoffice.complaintCases']({ clinic: 'BJ', state: 'closed' })).toEqual([]);
    const todo = await hq.t.api['headoffice.complaintTodo']({});
    // Seed 003 第十七条 "1000-5000元 … 副总经理": the plan waits for 副总经理, its 24 h approval deadline open.
    expect(todo.approvals).toHaveLength(1);
    expect(todo.approvals[0]).toMatchObject({ act: 'approve', roles: ['deputyGm'], amount: 3000, case: { id: c.id }, deadline: { key: 'approve', rule: '24h', doneAt: null } });
    // The whole case, as the clinic's case view has it; head office's CS director may not approve ¥3,000.
    const whole = await hq.t.api['headoffice.complaintGet']({ id: c.id });
    expect(whole).toMatchObject({ clinic: 'BJ', amount: 3000, approverRoles: ['deputyGm'] });
    expect(whole.events.map((e) => e.kind)).toEqual(['accept', 'investigate', 'classify', 'propose']);
    expect(whole.allowed).not.toContain('approve');

    const invoke = (input: unknown) => hq.t.app.dispatcher.invoke('headoffice.complaintStep', input, hq.t.session());
    const approve = { id: c.id, step: { kind: 'approve', approved: true, note: '同意' }, attachments: [] };
    const seq = await remoteSeq(ho);
    expect(await invoke(approve)).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'step.approved' } });
    expect(await invoke({ ...approve, step: { kind: 'approve', approved: 'yes', note: '' } })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'step.approved' } });
    expect(await invoke({ ...approve, step: { kind: 'approve', approved: true, note: 'x'.repeat(3000) } })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'step.note' } });
    expect(await invoke({ ...approve, extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await invoke({ ...approve, id: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
    expect(await invoke({ ...approve, id: 'complaint:GZ:2026-11-05:0000000000000000aa' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    expect(await invoke({ ...approve, id: 'complaint:BJ:2026-11-05:0000000000000000aa' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    // Step 7 cannot come before the approval, at head office as at the desk.
    expect(await invoke({ ...approve, step: { kind: 'negotiate', agreed: true, note: '' } })).toMatchObject({ ok: false, error: { field: 'step.kind' } });
    expect(await remoteSeq(ho)).toEqual(seq);

    // The server stopped: refused, nothing written at head office or (after the restart) in the clinic.
    await hq.as('deputyGm');
    const mark = await storeMark(hq.t.app.store.db);
    await ho.stop();
    expect(await invoke(approve)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await storeMark(hq.t.app.store.db)).toEqual(mark);
    await ho.start();
    expect(await remoteSeq(ho)).toEqual(seq);

    // 副总经理 approves: one event in BJ's database, stamped with her and her name.
    hq.t.clock.now = new Date('2026-11-05T04:00:00Z');
    const after = await hq.t.api['headoffice.complaintStep']({ id: c.id, step: { kind: 'approve', approved: true, note: '同意' }, attachments: [] });
    expect(after).toMatchObject({ current: 7, clinic: 'BJ' });
    const ev = after.events.find((e) => e.kind === 'approve')!;
    expect(ev).toMatchObject({ by: hq.people.deputyGm.id, byName: '钱副总', byRole: 'deputyGm', data: { approved: true, amount: 3000, approverRoles: ['deputyGm'] } });
    const remote = (await ho.admin<Record<string, unknown>>('GET', `/clinic_bj/${encodeURIComponent(ev.id)}`)).body;
    expect(remote).toMatchObject({ type: 'complaint-event', clinic: 'BJ', createdBy: hq.people.deputyGm.id, at: '2026-11-05T04:00:00.000Z', byName: '钱副总', headOffice: true });
    expect(after.deadlines.find((d) => d.key === 'approve')).toMatchObject({ doneAt: '2026-11-05T04:00:00.000Z', status: 'done' });
    expect((await hq.t.api['headoffice.complaintTodo']({})).approvals).toEqual([]);
    // The clinic's desk receives it by sync: the case at step 7, the approval by head office's person, named.
    const atDesk = await waitFor(async () => {
      const v = await bj.t.api['complaint.get']({ id: c.id });
      return v.current === 7 ? v : null;
    }, 'the approval at the BJ desk', 30_000);
    expect(atDesk.events.find((e) => e.kind === 'approve')).toMatchObject({ byName: '钱副总', byRole: 'deputyGm' });
    // The clinic's limits for head office's screen of limits: the group's until head office sets others.
    expect(await hq.t.api['headoffice.complaintLimits']({ clinic: 'BJ' })).toMatchObject({ clinic: {}, effective: { approveHours: 24, closeDaysInCity: 7 }, updatedAt: null });
    expect(await hq.t.app.dispatcher.invoke('headoffice.complaintLimits', { clinic: 'GZ' }, hq.t.session())).toMatchObject({ ok: false, error: { code: 'not_found', field: 'clinic' } });
    // Approving twice is refused (the case moved on).
    expect(await invoke(approve)).toMatchObject({ ok: false, error: { field: 'step.kind' } });
  }, 60_000); // a server stopped and started, two desks, consolidation: the budget on a loaded machine, not a timing

  it('quality "集团医务部组织专家会诊、讨论，提出处理意见，报总经理批准" and "患者不同意 交由集团法务部处理": 总部医务部 proposes and 总部法务部 takes the case over, at head office in the clinic\'s database; head office\'s other people are refused, nothing written; the desk sees both', async () => {
    const ho = await headOffice({ consolidate: true });
    const bj = await bjDesk(ho);
    await bj.staff.as('csDirector');
    await bj.t.api['complaint.setNumberingDesk']({});
    const c = await bj.t.api['complaint.record'](complaintIntake({ what: '双眼皮术后不对称' }));
    await step(bj.t, c.id, plainSteps[0]!);
    await step(bj.t, c.id, plainSteps[1]!);
    await step(bj.t, c.id, { kind: 'classify', category: 'quality', subcategory: 'medicalResult', serviceType: null, responsible: '整形外科', cause: '术后不对称', note: '' });
    // 客服主任, then 院医务部主任 with the clinic's experts: the patient disagrees each time.
    for (const proposer of ['csDirector', 'medicalDirector'] as const) {
      await bj.staff.as(proposer);
      await step(bj.t, c.id, { kind: 'propose', solution: '免费修复', refund: 0, compensation: 0, note: '' });
      await bj.staff.as('dean');
      await step(bj.t, c.id, { kind: 'approve', approved: true, note: '' });
      await bj.staff.as('csDirector');
      await step(bj.t, c.id, { kind: 'negotiate', agreed: false, note: '患者不同意' });
      await step(bj.t, c.id, { kind: 'escalate', reason: '患者不同意' });
    }
    expect((await bj.t.api['complaint.get']({ id: c.id })).escalationLevel).toBe('headOfficeMedical');
    // The clinic's own people may not propose at head office's level any more.
    await bj.staff.as('medicalDirector');
    expect(await refusal(bj.t, 'complaint.step', { id: c.id, step: { kind: 'propose', solution: '院内再议', refund: 0, compensation: 0, note: '' }, attachments: [] })).toMatchObject({ code: 'forbidden', field: 'step.kind', params: { roles: 'hoMedical' } });

    const hq = await hoDesk(ho);
    await waitFor(async () => {
      await hq.as('hoMedical');
      // (BJ itself is unknown until consolidation brings its clinic document.)
      const rows = await hq.t.api['headoffice.complaintCases']({ clinic: null, state: 'open' });
      return rows.find((r) => r.id === c.id && r.escalationLevel === 'headOfficeMedical') ?? null;
    }, 'the escalated case at head office', 30_000);
    // Who sees the patient's whole phone at head office: whoever contacts her. Seed 001 gives that to
    // 客服部 (step 3 "客服主任与患者取得联系", 总部客服部 its CS level: 客服总监); 总经办 "审视…开立《员工过失处罚单》",
    // 总经理 "核准", 副总经理 "审批" act on paper (issue 19: "the case view shows the full phone to the roles
    // that handle complaints"), and so do the medical experts and legal here: masked for them.
    for (const who of ['gmOffice', 'gm', 'deputyGm', 'hoMedical', 'hoLegal'] as const) {
      await hq.as(who);
      expect((await hq.t.api['headoffice.complaintGet']({ id: c.id })).patientPhone, who).toBe('138****1234');
    }
    await hq.as('director');
    expect((await hq.t.api['headoffice.complaintGet']({ id: c.id })).patientPhone).toBe('13800001234');
    // Head office's to-do lists it for 总部医务部, with the case's close limit.
    expect((await hq.t.api['headoffice.complaintTodo']({})).escalations).toMatchObject([{ act: 'propose', roles: ['hoMedical'], case: { id: c.id }, deadline: { key: 'close' } }]);
    const invoke = (input: unknown) => hq.t.app.dispatcher.invoke('headoffice.complaintStep', input, hq.t.session());
    const propose = { id: c.id, step: { kind: 'propose' as const, solution: '集团专家会诊：二次修复，费用全免', refund: 0, compensation: 2000, note: '' }, attachments: [] };
    const seq = await remoteSeq(ho);
    for (const who of ['director', 'gm', 'deputyGm', 'gmOffice', 'hoLegal'] as const) {
      await hq.as(who);
      expect((await hq.t.api['headoffice.complaintGet']({ id: c.id })).allowed, who).not.toContain('propose');
      expect(await invoke(propose), who).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'step.kind', rule: 'complaints.stepRole', params: { roles: 'hoMedical' } } });
    }
    expect(await invoke({ ...propose, step: { ...propose.step, compensation: -1 } })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'step.compensation' } });
    expect(await remoteSeq(ho)).toEqual(seq);
    await hq.as('hoMedical');
    expect((await hq.t.api['headoffice.complaintGet']({ id: c.id })).allowed).toContain('propose');
    const proposed = await hq.t.api['headoffice.complaintStep'](propose);
    expect(proposed.events.at(-1)).toMatchObject({ kind: 'propose', by: hq.people.hoMedical.id, byName: '吴医务', byRole: 'hoMedical' });
    expect(proposed.patientPhone).toBe('138****1234');
    expect((await hq.t.api['headoffice.complaintTodo']({})).escalations).toEqual([]);
    // "报总经理批准": 总经理 approves whatever the amount.
    expect(proposed.approverRoles).toEqual(['gm']);
    await hq.as('gm');
    const approved = await hq.t.api['headoffice.complaintStep']({ id: c.id, step: { kind: 'approve', approved: true, note: '' }, attachments: [] });
    expect(approved.patientPhone).toBe('138****1234');

    // 医务处与患者签订处理协议书 — the patient still disagrees: the clinic hands the case to head office legal.
    await waitFor(async () => ((await bj.t.api['complaint.get']({ id: c.id })).current === 7 ? true : null), 'the approval at the BJ desk', 30_000);
    await bj.staff.as('csDirector');
    await step(bj.t, c.id, { kind: 'negotiate', agreed: false, note: '患者不同意' });
    const withLegal = await step(bj.t, c.id, { kind: 'escalate', reason: '交由集团法务部处理' });
    expect(withLegal).toMatchObject({ escalationLevel: 'headOfficeLegal', current: 9 });
    const close = { id: c.id, step: { kind: 'close' as const, patientConfirmed: false, handedToLegal: true, satisfaction: null, note: '法务部接手' }, attachments: [] };
    expect(await refusal(bj.t, 'complaint.step', close)).toMatchObject({ code: 'forbidden', field: 'step.kind', params: { roles: 'hoLegal' } });
    await hq.as('hoLegal');
    await waitFor(async () => ((await hq.t.api['headoffice.complaintGet']({ id: c.id })).escalationLevel === 'headOfficeLegal' ? true : null), 'the hand-over at head office', 30_000);
    expect((await hq.t.api['headoffice.complaintTodo']({})).escalations).toMatchObject([{ act: 'close', roles: ['hoLegal'], case: { id: c.id } }]);
    const seq2 = await remoteSeq(ho);
    for (const who of ['director', 'hoMedical'] as const) {
      await hq.as(who);
      expect(await invoke(close), who).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'step.kind', params: { roles: 'hoLegal' } } });
    }
    expect(await remoteSeq(ho)).toEqual(seq2);
    await hq.as('hoLegal');
    const closed = await hq.t.api['headoffice.complaintStep'](close);
    expect(closed).toMatchObject({ closed: true, handedToLegal: true });
    expect((await hq.t.api['headoffice.complaintTodo']({})).escalations).toEqual([]);
    expect(closed.events.at(-1)).toMatchObject({ kind: 'close', by: hq.people.hoLegal.id, byName: '郑法务', byRole: 'hoLegal' });
    // The desk receives both acts, each named.
    const atDesk = await waitFor(async () => {
      const v = await bj.t.api['complaint.get']({ id: c.id });
      return v.closed ? v : null;
    }, 'the legal hand-over at the BJ desk', 30_000);
    expect(atDesk.events.filter((e) => e.kind === 'propose' || e.kind === 'close').map((e) => [e.byName, e.byRole]).slice(-2)).toEqual([
      ['吴医务', 'hoMedical'],
      ['郑法务', 'hoLegal'],
    ]);
  }, 120_000);

  it('head office opens the evidence files of a case (the intake\'s and a step\'s) from its consolidated copy; a file the case has not is refused naming the field', async () => {
    const ho = await headOffice({ consolidate: true });
    const bj = await bjDesk(ho);
    await bj.staff.as('csDirector');
    const c = await bj.t.api['complaint.record'](complaintIntake({ evidence: [{ name: 'receipt.png', mime: 'image/png', data: PNG_1PX }] }));
    const v = await bj.t.api['complaint.step']({ id: c.id, step: { kind: 'accept', note: '' }, attachments: [{ name: 'photo.png', mime: 'image/png', data: PNG_1PX }] });
    const accept = v.events.find((e) => e.kind === 'accept')!;
    const hq = await hoDesk(ho);
    await hq.as('director');
    const seen = await waitFor(async () => {
      // The case and its step are two documents: wait until both have reached the consolidated copy.
      const got = await hq.t.app.dispatcher.invoke('headoffice.complaintEvidence', { id: accept.id, name: '1-photo.png' }, hq.t.session());
      const intake = await hq.t.app.dispatcher.invoke('headoffice.complaintGet', { id: c.id }, hq.t.session());
      return got.ok && intake.ok ? got.data : null;
    }, 'the case and the step\'s photo at head office', 30_000);
    expect(seen).toEqual({ name: '1-photo.png', mime: 'image/png', data: PNG_1PX });
    expect(await hq.t.api['headoffice.complaintEvidence']({ id: c.id, name: '1-receipt.png' })).toEqual({ name: '1-receipt.png', mime: 'image/png', data: PNG_1PX });
    // The case view at head office lists both, as the clinic's does.
    const view = await hq.t.api['headoffice.complaintGet']({ id: c.id });
    expect(view.evidence.map((f) => f.name)).toEqual(['1-receipt.png']);
    expect(view.events.find((e) => e.kind === 'accept')!.attachments.map((f) => f.name)).toEqual(['1-photo.png']);
    expect(await refusal(hq.t, 'headoffice.complaintEvidence', { id: c.id, name: '2-other.png' })).toMatchObject({ code: 'not_found', field: 'name', rule: 'headoffice.noSuchEvidenceHere' });
    expect(await refusal(hq.t, 'headoffice.complaintEvidence', { id: 'complaint:GZ:2026-11-05:x', name: '1-receipt.png' })).toMatchObject({ code: 'not_found', field: 'id' });
    expect(await refusal(hq.t, 'headoffice.complaintEvidence', { id: 'visit:BJ:x', name: '1-receipt.png' })).toMatchObject({ code: 'invalid_input', field: 'id' });
    expect(await refusal(hq.t, 'headoffice.complaintEvidence', { id: c.id, name: '' })).toMatchObject({ code: 'invalid_input', field: 'name' });
    expect(await refusal(hq.t, 'headoffice.complaintEvidence', { id: c.id, name: '1-receipt.png', extra: 1 })).toMatchObject({ code: 'invalid_input' });
  }, 60_000);

  it('step 10 at head office: 总经办 issues the 员工过失处罚单, 总经理 approves it, 总经办 reviews the month; the desk sees each', async () => {
    const ho = await headOffice({ consolidate: true });
    const bj = await bjDesk(ho);
    await bj.staff.as('csDirector');
    await bj.t.api['complaint.setNumberingDesk']({});
    const c = await bj.t.api['complaint.record'](complaintIntake());
    for (const s of plainSteps) await step(bj.t, c.id, s);
    await bj.staff.as('dean');
    await step(bj.t, c.id, { kind: 'approve', approved: true, note: '' });
    await bj.staff.as('csDirector');
    await step(bj.t, c.id, { kind: 'negotiate', agreed: true, note: '' });
    await step(bj.t, c.id, { kind: 'paperwork', payment: 'none', oaStarted: false, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '' });
    await step(bj.t, c.id, { kind: 'close', patientConfirmed: true, handedToLegal: false, satisfaction: 'satisfied', note: '' });
    await step(bj.t, c.id, { kind: 'file', copiesSent: true, note: '' });
    await step(bj.t, c.id, { kind: 'penalty', persons: [{ staffId: null, name: '小李', level: 'II' }], note: '' });
    await bj.staff.as('dean');
    await step(bj.t, c.id, { kind: 'deanAgree', approved: true, note: '' });

    const hq = await hoDesk(ho);
    await hq.as('gmOffice');
    const waiting = await waitFor(async () => {
      const todo = await hq.t.api['headoffice.complaintTodo']({});
      return todo.penalties.length ? todo.penalties : null;
    }, 'the penalty at head office', 30_000);
    // Seed 001 (五) "由总经办…开立《员工过失处罚单》，呈总经理核准": the slip waits for 总经办, by the 10th.
    expect(waiting).toMatchObject([{ act: 'penaltySlip', roles: ['gmOffice'], case: { id: c.id }, deadline: { key: 'review', dueAt: '2026-12-10T16:00:00.000Z' } }]);
    const invoke = (input: unknown) => hq.t.app.dispatcher.invoke('headoffice.complaintStep', input, hq.t.session());
    // 总经理 cannot approve a slip not issued yet; 总经办 cannot approve it.
    expect(await invoke({ id: c.id, step: { kind: 'penaltyApprove', approved: true, note: '' }, attachments: [] })).toMatchObject({ ok: false, error: { field: 'step.kind' } });
    const slip = await hq.t.api['headoffice.complaintStep']({ id: c.id, step: { kind: 'penaltySlip', note: '处罚单 2026-11 第 1 号' }, attachments: [] });
    expect(slip.penaltyStage).toBe('slipIssued');
    expect((await hq.t.api['headoffice.complaintTodo']({})).penalties).toMatchObject([{ act: 'penaltyApprove', roles: ['gm'] }]);
    await hq.as('gm');
    const done = await hq.t.api['headoffice.complaintStep']({ id: c.id, step: { kind: 'penaltyApprove', approved: true, note: '' }, attachments: [] });
    expect(done.penaltyStage).toBe('approved');
    expect(done.events.slice(-2).map((e) => [e.kind, e.byName, e.byRole])).toEqual([
      ['penaltySlip', '周总经办', 'gmOffice'],
      ['penaltyApprove', '孙总', 'gm'],
    ]);
    const atDesk = await waitFor(async () => {
      const v = await bj.t.api['complaint.get']({ id: c.id });
      return v.penaltyStage === 'approved' ? v : null;
    }, 'the approved penalty at the BJ desk', 30_000);
    expect(atDesk.events.find((e) => e.kind === 'penaltyApprove')).toMatchObject({ byName: '孙总' });

    // December: November's review is due by 12-10 (seed 001 (五) "每月 10 日前应审视上月份…结案的患者投诉案件").
    hq.t.clock.now = new Date('2026-12-03T02:00:00Z');
    await hq.as('gmOffice');
    const reviews = (await hq.t.api['headoffice.complaintTodo']({})).reviews;
    expect(reviews).toEqual([{ clinic: 'BJ', clinicName: '北京院', month: '2026-11', dueAt: '2026-12-10T16:00:00.000Z', closedCases: 1, penalised: 1, status: 'open', reviewedAt: null, reviewedByName: null, note: null }]);
    const review = (input: unknown) => hq.t.app.dispatcher.invoke('headoffice.complaintReview', input, hq.t.session());
    const seq = await remoteSeq(ho);
    expect(await review({ clinic: 'BJ', month: '2026-12', note: '审视' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'month' } });
    expect(await review({ clinic: 'BJ', month: '2026-11', note: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'note' } });
    expect(await review({ clinic: 'GZ', month: '2026-11', note: '审视' })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'clinic' } });
    expect(await review({ clinic: 'BJ', month: '2026-13', note: '审视' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'month' } });
    await hq.as('deputyGm');
    expect(await review({ clinic: 'BJ', month: '2026-11', note: '审视' })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'month' } });
    expect(await remoteSeq(ho)).toEqual(seq);
    await hq.as('gmOffice');
    const reviewed = await hq.t.api['headoffice.complaintReview']({ clinic: 'BJ', month: '2026-11', note: '已审视 11 月结案 1 件，处罚 1 人' });
    expect(reviewed).toMatchObject({ status: 'reviewed', reviewedByName: '周总经办', reviewedAt: '2026-12-03T02:00:00.000Z', closedCases: 1 });
    expect((await hq.t.api['headoffice.complaintTodo']({})).reviews[0]).toMatchObject({ status: 'reviewed', note: '已审视 11 月结案 1 件，处罚 1 人' });
    expect(await review({ clinic: 'BJ', month: '2026-11', note: '再审' })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'month' } });
    await waitFor(async () => !!(await bj.t.app.store.db.get('complaint-review:BJ:2026-11').catch(() => null)), 'the review at the BJ desk', 30_000);
    // The clinic's 受理台 lists the review with its own status, as head office recorded it.
    bj.t.clock.now = new Date('2026-12-03T03:00:00Z');
    await bj.staff.as('csDirector');
    expect((await bj.t.api['complaint.home']({})).reviews).toEqual([
      { clinic: 'BJ', clinicName: '北京院', month: '2026-11', dueAt: '2026-12-10T16:00:00.000Z', closedCases: 1, penalised: 1, status: 'reviewed', reviewedAt: '2026-12-03T02:00:00.000Z', reviewedByName: '周总经办', note: '已审视 11 月结案 1 件，处罚 1 人' },
    ]);
  }, 60_000);

  it('the GM office\'s monthly review at the clinic: last month open until the 10th, then overdue; an earlier month with closed cases stays on head office\'s to-do until reviewed', async () => {
    const ho = await headOffice({ consolidate: true });
    const bj = await bjDesk(ho);
    await bj.staff.as('csDirector');
    await bj.t.api['complaint.setNumberingDesk']({});
    const c = await bj.t.api['complaint.record'](complaintIntake());
    for (const s of plainSteps) await step(bj.t, c.id, s);
    await bj.staff.as('dean');
    await step(bj.t, c.id, { kind: 'approve', approved: true, note: '' });
    await bj.staff.as('csDirector');
    await step(bj.t, c.id, { kind: 'negotiate', agreed: true, note: '' });
    await step(bj.t, c.id, { kind: 'paperwork', payment: 'none', oaStarted: false, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '' });
    await step(bj.t, c.id, { kind: 'close', patientConfirmed: true, handedToLegal: false, satisfaction: 'satisfied', note: '' });
    // Seed 001 (五) "总经办每月 10 日前应审视上月份…结案的患者投诉案件": on 12-10 November's review is still open.
    bj.t.clock.now = new Date('2026-12-10T15:59:00Z');
    await bj.staff.as('csDirector');
    expect((await bj.t.api['complaint.home']({})).reviews.map((r) => [r.month, r.closedCases, r.status])).toEqual([['2026-11', 1, 'open']]);
    // From 12-11 it is overdue; a month later November stays listed (it closed a case, nobody reviewed it).
    bj.t.clock.now = new Date('2026-12-10T16:01:00Z');
    await bj.staff.as('csDirector');
    expect((await bj.t.api['complaint.home']({})).reviews.map((r) => [r.month, r.status])).toEqual([['2026-11', 'overdue']]);
    bj.t.clock.now = new Date('2027-01-05T02:00:00Z');
    await bj.staff.as('csDirector');
    expect((await bj.t.api['complaint.home']({})).reviews.map((r) => [r.month, r.closedCases, r.status])).toEqual([
      ['2026-12', 0, 'open'],
      ['2026-11', 1, 'overdue'],
    ]);
    // A guide reads no reviews (complaint details are for the readers).
    await bj.staff.as('guide');
    expect((await bj.t.api['complaint.home']({})).reviews).toEqual([]);
    const hq = await hoDesk(ho);
    hq.t.clock.now = new Date('2027-01-05T02:00:00Z');
    await hq.as('gmOffice');
    const overdue = await waitFor(async () => {
      const r = (await hq.t.api['headoffice.complaintTodo']({})).reviews;
      return r.some((x) => x.month === '2026-11' && x.closedCases === 1) ? r : null;
    }, 'the closed case at head office', 30_000);
    expect(overdue.map((r) => [r.month, r.status])).toEqual([
      ['2026-12', 'open'],
      ['2026-11', 'overdue'],
    ]);
    await hq.t.api['headoffice.complaintReview']({ clinic: 'BJ', month: '2026-11', note: '补审 11 月' });
    expect((await hq.t.api['headoffice.complaintTodo']({})).reviews.map((r) => [r.month, r.status])).toEqual([['2026-12', 'open']]);
  }, 60_000);
});
