import { afterEach, describe, expect, it } from 'vitest';
import type { OperationName } from '../../shared/contract';
import { teaEventDoc, teaPartyDoc, teaTemplateDoc } from '../../shared/tea/schemas';
import { defaultTeaChecklist } from '../../shared/tea/rules';
import { expectRefusals, refusal, startTestApp, type TestApp } from '../support/app';
import { addStaff, firstVisit, LEAD_PIN, setUpClinic } from '../support/factories';
import { allTicked } from '../support/valid/tea';

let t: TestApp;
afterEach(async () => t?.close());

const refused = (operation: OperationName, input: unknown) => refusal(t, operation, input);

const expectRefused = (operation: OperationName, cases: Parameters<typeof expectRefusals>[2]) => expectRefusals(t, operation, cases);

const V0 = 'tea-template:BJ:v0';

describe('tea tasks come from the visits (奉茶)', () => {
  it('a new visitor: serve after seating; a returning one: ask first; served with the checklist, refills due at the interval', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const fresh = await t.api['desk.checkIn'](firstVisit({ name: '新客' }));
    t.clock.advance(1);
    const back = await t.api['desk.checkIn']({ customer: { id: fresh.customerId }, visit: { ...firstVisit().visit, repeatReason: '复查' } });
    // (the same person twice makes the second a returning visit)
    let tasks = await t.api['tea.tasks']({});
    expect(tasks.map((x) => [x.visitId, x.ask, x.state])).toEqual([
      [fresh.id, 'serveAfterSeating', 'pending'],
      [back.id, 'askFirst', 'pending'],
    ]);

    t.clock.advance(4);
    const checks = allTicked().map((c) => (c.itemId === 'temperature' ? { ...c, ok: false, note: '偏烫，已换' } : c));
    const served = await t.api['tea.serve']({ visitId: fresh.id, drink: '菊花茶', templateId: V0, checks });
    expect(served).toMatchObject({ state: 'served', firstCupAt: '2026-11-27T02:05:00.000Z', refills: 0, refillDueAt: '2026-11-27T02:20:00.000Z' });
    await t.api['tea.decline']({ visitId: back.id });

    // The drink's quick picks: the clinic's drinks list (issue 21), kept when only the interval changes.
    expect((await t.api['tea.settings']({})).drinks).toEqual(['绿茶', '红茶', '花茶', '柠檬水', '温水']);
    await t.api['tea.updateSettings']({ refillMinutes: 15, drinks: ['菊花茶', '普洱', '温水'] });
    await t.api['tea.updateSettings']({ refillMinutes: 10 });
    expect(await t.api['tea.settings']({})).toEqual({ refillMinutes: 10, drinks: ['菊花茶', '普洱', '温水'] });
    tasks = await t.api['tea.tasks']({});
    expect(tasks[0]!.refillDueAt).toBe('2026-11-27T02:15:00.000Z');
    expect(tasks[1]!.state).toBe('declined');

    t.clock.advance(11);
    const refilled = await t.api['tea.refill']({ visitId: fresh.id, drink: '' });
    expect(refilled).toMatchObject({ refills: 1, lastCupAt: '2026-11-27T02:16:00.000Z', refillDueAt: '2026-11-27T02:26:00.000Z' });
    // The returning customer's next visit pre-fills the last order.
    const events = await t.app.store.db.allDocs({ startkey: 'tea-event:BJ:', endkey: 'tea-event:BJ:\ufff0', include_docs: true });
    expect(events.rows).toHaveLength(3);
    for (const r of events.rows) teaEventDoc.parse(r.doc);
    expect(events.rows.map((r) => (r.doc as unknown as { drink: string }).drink).sort()).toEqual(['', '菊花茶', '菊花茶']);

    t.clock.advance(1);
    const again = await t.api['desk.checkIn']({ customer: { id: fresh.customerId }, visit: { ...firstVisit().visit, repeatReason: '取药' } });
    const task = (await t.api['tea.tasks']({})).find((x) => x.visitId === again.id)!;
    expect(task).toMatchObject({ ask: 'askFirst', suggestedDrink: '菊花茶', drinkSource: 'lastOrder' });

    const figures = await t.api['tea.figures']({});
    expect(figures).toEqual({
      date: '2026-11-27',
      served: 1,
      declined: 1,
      refills: 1,
      averageFirstCupMinutes: 5,
      exceptions: [{ itemId: 'temperature', text: '水温适宜，不烫口', count: 1 }],
    });
  });

  it('a VIP’s drinks (customer.setTier) pre-fill before the last order; a returning visitor who declined may still be served', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const v = await t.api['desk.checkIn'](firstVisit({ name: '贵宾' }));
    await t.api['tea.serve']({ visitId: v.id, drink: '绿茶', templateId: V0, checks: allTicked() });
    await t.api['customer.setTier']({ customerId: v.customerId, tier: 'A', vip: { hostId: null, drinks: '普洱，七分烫', snacks: '', note: '' } });
    t.clock.advance(60);
    const back = await t.api['desk.checkIn']({ customer: { id: v.customerId }, visit: { ...firstVisit().visit, repeatReason: '复查' } });
    let task = (await t.api['tea.tasks']({})).find((x) => x.visitId === back.id)!;
    expect(task).toMatchObject({ ask: 'askFirst', suggestedDrink: '普洱，七分烫', drinkSource: 'preference' });
    await t.api['tea.decline']({ visitId: back.id });
    t.clock.advance(10);
    task = await t.api['tea.serve']({ visitId: back.id, drink: '普洱', templateId: V0, checks: allTicked() });
    expect(task.state).toBe('served');
  });

  it('a visitor handed on or gone: no refill due, no task once left', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const v = await t.api['desk.checkIn'](firstVisit());
    await t.api['tea.serve']({ visitId: v.id, drink: '绿茶', templateId: V0, checks: allTicked() });
    await t.api['visits.handOff']({ visitId: v.id, toStaffId: f.consultant.id, status: 'withConsultant', note: '' });
    expect((await t.api['tea.tasks']({}))[0]).toMatchObject({ waiting: false, refillDueAt: null });
    await t.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'noPurchase', note: '' });
    expect(await t.api['tea.tasks']({})).toEqual([]);
    const e = await refused('tea.refill', { visitId: v.id });
    expect([e.code, e.field]).toEqual(['conflict', 'visitId']);
  });

  it('a party is served together in the order the guide set; the suggested order is by seniority', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const a = await t.api['desk.checkIn'](firstVisit({ name: '甲' }));
    t.clock.advance(1);
    const b = await t.api['desk.checkIn'](firstVisit({ name: '乙' }));
    t.clock.advance(1);
    const c = await t.api['desk.checkIn'](firstVisit({ name: '丙' }));
    const party = await t.api['tea.setParty']({ visitIds: [c.id, a.id] });
    expect(party.map((x) => x.customerName)).toEqual(['丙', '甲']);
    expect(party[0]!.party).toEqual([c.id, a.id]);
    expect((await t.api['tea.tasks']({})).map((x) => x.customerName)).toEqual(['丙', '甲', '乙']);
    // Reordered later: the newest party document wins.
    t.clock.advance(1);
    await t.api['tea.setParty']({ visitIds: [a.id, b.id, c.id] });
    expect((await t.api['tea.tasks']({})).map((x) => x.customerName)).toEqual(['甲', '乙', '丙']);
    const parties = await t.app.store.db.allDocs({ startkey: 'tea-party:BJ:', endkey: 'tea-party:BJ:\ufff0', include_docs: true });
    for (const r of parties.rows) teaPartyDoc.parse(r.doc);
  });

  it('a party is served in one call, each member in the order given and through the checklist; nothing written unless all can be served (issue 21)', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const [a, b, c] = [await t.api['desk.checkIn'](firstVisit({ name: '甲' })), await t.api['desk.checkIn'](firstVisit({ name: '乙' })), await t.api['desk.checkIn'](firstVisit({ name: '丙' }))];
    await t.api['tea.setParty']({ visitIds: [c.id, a.id, b.id] });
    // 甲's cup was poured without a saucer: her run through the checklist says so, 丙's does not.
    const saucerless = allTicked().map((x, i) => (i === 1 ? { ...x, ok: false, note: '杯碟不够' } : x));
    const round = { members: [{ visitId: c.id, drink: '普洱', checks: allTicked() }, { visitId: a.id, drink: '绿茶', checks: saucerless }, { visitId: b.id, drink: '温水', checks: allTicked() }], templateId: V0 };
    await t.api['tea.serve']({ visitId: b.id, drink: '红茶', templateId: V0, checks: allTicked() });
    // 乙 already has her cup: the round is refused on her row, and nobody else is served either.
    await expectRefused('tea.serveParty', [
      { why: 'a member already served', input: round, field: 'members.2.visitId', code: 'conflict' },
      { why: 'a member twice', input: { ...round, members: [round.members[0], round.members[0]] }, field: 'members.1.visitId' },
      { why: 'one member', input: { ...round, members: [round.members[0]] }, field: 'members' },
      { why: 'an unknown visit', input: { ...round, members: [round.members[0], { visitId: 'visit:BJ:2026-11-27:NOPE', drink: '茶', checks: allTicked() }] }, field: 'members.1.visitId', code: 'not_found' },
      { why: 'no drink', input: { ...round, members: [round.members[0], { visitId: a.id, drink: '', checks: allTicked() }] }, field: 'members.1.drink' },
      { why: 'a member without her checklist', input: { ...round, members: [round.members[0], { visitId: a.id, drink: '绿茶' }] }, field: 'members.1.checks' },
      { why: 'a member whose checklist misses an item', input: { ...round, members: [round.members[0], { ...round.members[1]!, checks: allTicked().slice(1) }] }, field: 'members.1.checks' },
      { why: 'an item not of this checklist', input: { ...round, members: [round.members[0], { ...round.members[1]!, checks: saucerless.map((x, i) => (i === 1 ? { ...x, itemId: 'nope' } : x)) }] }, field: 'members.1.checks.1.itemId' },
      { why: 'an old checklist', input: { ...round, members: round.members.slice(0, 2), templateId: 'tea-template:BJ:v9' }, field: 'templateId', code: 'conflict' },
      { why: 'an unknown field', input: { ...round, members: round.members.slice(0, 2), extra: 1 }, field: 'extra' },
    ]);
    // One visit's refusal (`visitId`) under her row, its rule kept: the desk reads 没有这条到诊记录 from the rule, not from the message.
    const unknown = await refusal(t, 'tea.serveParty', { ...round, members: [round.members[0], { visitId: 'visit:BJ:2026-11-27:NOPE', drink: '茶', checks: allTicked() }] });
    expect(unknown).toMatchObject({ field: 'members.1.visitId', rule: 'tea.noSuchVisit', message: 'members.1.visitId: visitId: no such visit', issues: [{ field: 'members.1.visitId' }] });
    const served = await t.api['tea.serveParty']({ ...round, members: round.members.slice(0, 2) });
    expect(served.map((x) => [x.customerName, x.state])).toEqual([
      ['丙', 'served'],
      ['甲', 'served'],
    ]);
    // One event per member, in the order given (ids count up within the one request).
    const events = (await t.app.store.db.allDocs({ startkey: 'tea-event:BJ:', endkey: 'tea-event:BJ:\ufff0', include_docs: true })).rows.map((r) => teaEventDoc.parse(r.doc));
    expect(events.map((e) => [e.visitId, e.drink])).toEqual([
      [b.id, '红茶'],
      [c.id, '普洱'],
      [a.id, '绿茶'],
    ]);
    // Each cup keeps its own run through the checklist.
    expect(events.find((e) => e.visitId === c.id)!.checks).toEqual(allTicked());
    expect(events.find((e) => e.visitId === a.id)!.checks).toEqual(saucerless);
  });

  it('the checklist is versioned per clinic: an edit is a new version; servings must use the current one', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const v0 = await t.api['tea.template']({});
    expect(v0).toMatchObject({ id: V0, version: 0, savedAt: null });
    expect(v0.items).toEqual(defaultTeaChecklist);
    const items = [...v0.items.slice(0, 12).map((i) => ({ id: i.id, text: i.text })), { id: null, text: '茶具每日消毒' }];
    const v1 = await t.api['tea.saveTemplate']({ items, baseVersion: 0 });
    expect(v1).toMatchObject({ id: 'tea-template:BJ:v1', version: 1, savedByName: '王主任' });
    expect(v1.items.at(-1)).toEqual({ id: 'item-14', text: '茶具每日消毒' });
    teaTemplateDoc.parse(await t.app.store.db.get(v1.id));
    expect(await t.api['tea.template']({})).toMatchObject({ id: v1.id, version: 1 });

    const v = await t.api['desk.checkIn'](firstVisit());
    let e = await refused('tea.serve', { visitId: v.id, drink: '绿茶', templateId: V0, checks: allTicked() });
    expect([e.code, e.field]).toEqual(['conflict', 'templateId']);
    e = await refused('tea.serve', { visitId: v.id, drink: '绿茶', templateId: v1.id, checks: allTicked() });
    expect([e.code, e.field]).toEqual(['invalid_input', 'checks.12.itemId']);
    await t.api['tea.serve']({ visitId: v.id, drink: '绿茶', templateId: v1.id, checks: v1.items.map((i) => ({ itemId: i.id, ok: true, note: '' })) });

    e = await refused('tea.saveTemplate', { items, baseVersion: 0 });
    expect([e.code, e.field]).toEqual(['conflict', 'baseVersion']);
  });

  it('refuses bad input and impossible steps, naming the field, writing nothing', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const v = await t.api['desk.checkIn'](firstVisit());
    const done = await t.api['desk.checkIn'](firstVisit());
    t.clock.advance(1);
    await t.api['tea.serve']({ visitId: done.id, drink: '绿茶', templateId: V0, checks: allTicked() });
    const good = { visitId: v.id, drink: '绿茶', templateId: V0, checks: allTicked() };
    await expectRefused('tea.serve', [
      { why: 'empty', input: {}, field: 'visitId' },
      { why: 'no drink', input: { ...good, drink: '' }, field: 'drink' },
      { why: 'blank drink', input: { ...good, drink: '   ' }, field: 'drink' },
      { why: 'drink over 40', input: { ...good, drink: '茶'.repeat(41) }, field: 'drink' },
      { why: 'no checks', input: { ...good, checks: [] }, field: 'checks' },
      { why: 'checks not an array', input: { ...good, checks: 'all' }, field: 'checks' },
      { why: 'a check without ok', input: { ...good, checks: [{ itemId: 'fill-80' }] }, field: 'checks.0.ok' },
      { why: 'a bad item id', input: { ...good, checks: [{ itemId: 'Fill 80', ok: true }] }, field: 'checks.0.itemId' },
      { why: 'a missing item', input: { ...good, checks: allTicked().slice(1) }, field: 'checks' },
      { why: 'an item twice', input: { ...good, checks: [...allTicked(), allTicked()[0]] }, field: 'checks.13.itemId' },
      { why: 'an unknown item', input: { ...good, checks: [...allTicked().slice(1), { itemId: 'nope', ok: true }] }, field: 'checks.12.itemId' },
      { why: 'over 60 checks', input: { ...good, checks: Array.from({ length: 61 }, () => allTicked()[0]) }, field: 'checks' },
      { why: 'unknown template', input: { ...good, templateId: 'tea-template:BJ:v9' }, code: 'conflict', field: 'templateId' },
      { why: 'unknown visit', input: { ...good, visitId: 'visit:BJ:2026-11-27:nope' }, code: 'not_found', field: 'visitId' },
      { why: 'a staff id', input: { ...good, visitId: f.lead.id }, code: 'not_found', field: 'visitId' },
      { why: 'already served', input: { ...good, visitId: done.id }, code: 'conflict', field: 'visitId' },
    ]);
    await expectRefused('tea.decline', [
      { why: 'empty', input: {}, field: 'visitId' },
      { why: 'already served', input: { visitId: done.id }, code: 'conflict', field: 'visitId' },
    ]);
    await expectRefused('tea.refill', [
      { why: 'before any cup', input: { visitId: v.id }, code: 'conflict', field: 'visitId' },
      { why: 'drink over 40', input: { visitId: done.id, drink: '茶'.repeat(41) }, field: 'drink' },
    ]);
    await expectRefused('tea.setParty', [
      { why: 'one visitor', input: { visitIds: [v.id] }, field: 'visitIds' },
      { why: 'the same twice', input: { visitIds: [v.id, v.id] }, field: 'visitIds' },
      { why: 'an unknown visitor', input: { visitIds: [v.id, 'visit:BJ:2026-11-27:x'] }, code: 'not_found', field: 'visitIds.1' },
      { why: 'over 12', input: { visitIds: Array.from({ length: 13 }, (_, i) => `v${i}`) }, field: 'visitIds' },
      { why: 'empty id', input: { visitIds: [v.id, ''] }, field: 'visitIds.1' },
    ]);
    await expectRefused('tea.updateSettings', [
      { why: 'under 5', input: { refillMinutes: 4 }, field: 'refillMinutes' },
      { why: 'over 120', input: { refillMinutes: 121 }, field: 'refillMinutes' },
      { why: 'fractional', input: { refillMinutes: 7.5 }, field: 'refillMinutes' },
      { why: 'text', input: { refillMinutes: '15' }, field: 'refillMinutes' },
      { why: 'a blank drink', input: { refillMinutes: 15, drinks: ['绿茶', ' '] }, field: 'drinks.1' },
      { why: 'a drink over 20', input: { refillMinutes: 15, drinks: ['长'.repeat(21)] }, field: 'drinks.0' },
      { why: 'over 12 drinks', input: { refillMinutes: 15, drinks: Array.from({ length: 13 }, (_, i) => `茶${i}`) }, field: 'drinks' },
      { why: 'drinks not a list', input: { refillMinutes: 15, drinks: '绿茶' }, field: 'drinks' },
    ]);
    await expectRefused('tea.saveTemplate', [
      { why: 'no items', input: { items: [], baseVersion: 0 }, field: 'items' },
      { why: 'blank text', input: { items: [{ id: null, text: ' ' }], baseVersion: 0 }, field: 'items.0.text' },
      { why: 'unknown kept id', input: { items: [{ id: 'made-up', text: 'x' }], baseVersion: 0 }, field: 'items.0.id' },
      { why: 'an id twice', input: { items: [{ id: 'fill-80', text: 'x' }, { id: 'fill-80', text: 'y' }], baseVersion: 0 }, field: 'items.1.id' },
      { why: 'no baseVersion', input: { items: [{ id: null, text: 'x' }] }, field: 'baseVersion' },
    ]);
    // Only a desk lead, CS director or dean edits the checklist and the interval.
    const guide = await addStaff(t, { name: '小林', role: 'guide', pin: '2468' });
    await t.signIn(guide.id, '2468');
    await expectRefused('tea.saveTemplate', [{ why: 'a guide', input: { items: [{ id: null, text: 'x' }], baseVersion: 0 }, code: 'forbidden', field: undefined }]);
    await expectRefused('tea.updateSettings', [{ why: 'a guide', input: { refillMinutes: 20 }, code: 'forbidden', field: undefined }]);
    await t.signIn(f.lead.id, LEAD_PIN);
  });
});
