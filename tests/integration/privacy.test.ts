import { afterEach, describe, expect, it } from 'vitest';
import type { OperationName } from '../../shared/contract';
import { operationNames } from '../../shared/operations';
import { phoneSearchLimits } from '../../shared/desk/rules';
import { refusal, startTestApp, type TestApp } from '../support/app';
import { addStaff, firstVisit, LEAD_PIN, setUpClinic } from '../support/factories';
import { allValidInputs } from '../support/valid/all';
import { complaintIntake } from '../support/complaints';

let t: TestApp;
afterEach(async () => t?.close());

/** The customer whose privacy the walk guards: a known phone and every directed field filled. */
const KNOWN_PHONE = '13987654321';
const DIRECTED = { priceComparison: '比较过三家医院的报价', consumptionHabits: '每月美容消费两万元', economicStatus: '年收入百万以上', personType: '企业高管' };
const GUIDE_PIN = '5678';

/** Every phone the store holds, in any field of any document whose name ends in "phone". */
async function phonesInStore(t: TestApp): Promise<Set<string>> {
  const phones = new Set<string>();
  const all = await t.app.store.db.allDocs({ include_docs: true, conflicts: true });
  const collect = (value: unknown, key: string | null) => {
    if (key && /phone$/i.test(key) && typeof value === 'string' && /^\d{7,}$/.test(value)) phones.add(value);
    else if (Array.isArray(value)) value.forEach((v) => collect(v, null));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, k);
  };
  for (const row of all.rows) collect(row.doc, null);
  return phones;
}

describe("a guide never receives a whole phone or directed data, from any operation", () => {
  it('walks every operation of the contract as a guide: no answer (data or refusal) holds a stored phone or a directed value', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    // The known customer: registered with directed data, waiting today, booked, complained about,
    // and a record of her in conflict (as two desks leave it).
    const known = await t.api['desk.checkIn'](firstVisit({ name: '林秘密', phone: KNOWN_PHONE, directed: DIRECTED }));
    const customer = await t.app.store.db.get<Record<string, unknown>>(known.customerId);
    await t.app.store.db.bulkDocs([{ ...customer, _rev: '2-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', address: '甲地' }, { ...customer, _rev: '2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', address: '乙地' }], { new_edits: false });
    const valid = await allValidInputs(t, f);
    await t.signIn(f.lead.id, LEAD_PIN);
    await t.api['complaint.record'](complaintIntake({ patient: { customerId: known.customerId } })).catch(() => undefined);
    const guide = await addStaff(t, { name: '小林', role: 'guide', pin: GUIDE_PIN });
    await t.signIn(guide.id, GUIDE_PIN);
    // She recorded one herself, about the known customer, and looks her up by the last four digits.
    const hers = await t.api['complaint.record'](complaintIntake({ patient: { customerId: known.customerId } }));
    valid['complaint.get'] = { id: hers.id };
    valid['customer.search'] = { query: KNOWN_PHONE.slice(-4) };
    valid['customer.history'] = { customerId: known.customerId };

    const answers = new Map<OperationName, { ok: boolean; json: string }>();
    for (const operation of operationNames) {
      if (operation === 'operator.signOut') continue; // would end the walk's session; it answers { ok: true }
      const session = operation === 'operator.signIn' ? null : t.session();
      const result = await t.app.dispatcher.invoke(operation, valid[operation], session);
      answers.set(operation, { ok: result.ok, json: JSON.stringify(result) });
    }

    const secrets = [...(await phonesInStore(t)), ...Object.values(DIRECTED)];
    expect(secrets).toContain(KNOWN_PHONE);
    for (const [operation, { json }] of answers) for (const secret of secrets) expect(json.includes(secret), `${operation} gave a guide ${secret}`).toBe(false);

    // The walk went through the doors that leaked: each answered her (masked), or refused.
    const answered = [...answers].filter(([, a]) => a.ok).map(([op]) => op);
    for (const op of ['visits.board', 'visits.setStatus', 'visits.handOff', 'visits.setOutcome', 'complaint.record', 'complaint.get', 'customer.search', 'desk.waitingList', 'desk.checkIn', 'customer.history'] as const) expect(answered, op).toContain(op);
    expect(answers.get('customer.search')!.json).toContain(`139****${KNOWN_PHONE.slice(-4)}`);
    expect(answers.get('sync.conflicts')).toMatchObject({ ok: false });
    expect(JSON.parse(answers.get('sync.conflicts')!.json)).toMatchObject({ error: { code: 'forbidden' } });
    expect(answered.length, `answered: ${answered.join(', ')}`).toBeGreaterThan(40);
  });
});

describe('phone search by a guide', () => {
  it('matches the last four digits or the whole number only: a run from the middle finds nobody', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const v = await t.api['desk.checkIn'](firstVisit({ name: '林秘密', phone: KNOWN_PHONE }));
    // The lead still finds her by any four digits or more.
    expect(await t.api['customer.search']({ query: '8765' })).toMatchObject([{ id: v.customerId, phone: KNOWN_PHONE }]);
    const guide = await addStaff(t, { role: 'guide', pin: GUIDE_PIN });
    await t.signIn(guide.id, GUIDE_PIN);
    const search = (query: string) => t.api['customer.search']({ query });
    for (const query of ['1398', '8765', '87654', '139876', '9876543', '398765432', '54321', '654321', '7654321', '1398765432']) expect(await search(query), query).toEqual([]);
    expect(await search('4321')).toMatchObject([{ id: v.customerId, phone: '139****4321', exactPhone: false }]);
    expect(await search(KNOWN_PHONE)).toMatchObject([{ id: v.customerId, phone: '139****4321', exactPhone: true }]);
  });

  it('the attack of the issue: rebuilding a masked phone digit by digit from the tail finds nothing', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    await t.api['desk.checkIn'](firstVisit({ phone: KNOWN_PHONE }));
    const guide = await addStaff(t, { role: 'guide', pin: GUIDE_PIN });
    await t.signIn(guide.id, GUIDE_PIN);
    // Known: 139****4321. Guess the fifth digit from the end: ten tries, none answers.
    const tries = await Promise.all(Array.from({ length: 10 }, (_, d) => t.api['customer.search']({ query: `${d}4321` })));
    expect(tries.flat()).toEqual([]);
  });

  it(`is rationed: ${phoneSearchLimits[0].max} phone searches a minute, then a refusal naming the query; names are not counted; a minute later she searches again`, async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const guide = await addStaff(t, { role: 'guide', pin: GUIDE_PIN });
    await t.signIn(guide.id, GUIDE_PIN);
    for (let i = 0; i < phoneSearchLimits[0].max; i++) await t.api['customer.search']({ query: String(1000 + i) });
    expect(await refusal(t, 'customer.search', { query: '1234' })).toMatchObject({ code: 'forbidden', field: 'query', message: `query: at most ${phoneSearchLimits[0].max} phone searches per minute; try again later` });
    expect(await refusal(t, 'customer.search', { query: '13912345678' })).toMatchObject({ code: 'forbidden', field: 'query' });
    // Signing in again does not start the count over: it is hers, not the window's.
    await t.signIn(guide.id, GUIDE_PIN);
    expect(await refusal(t, 'customer.search', { query: '1234' })).toMatchObject({ field: 'query' });
    await expect(t.api['customer.search']({ query: '王' })).resolves.toEqual([]);
    t.clock.advance(1.1);
    await expect(t.api['customer.search']({ query: '1234' })).resolves.toEqual([]);
  });

  it('the same phone query asked again (the desk refreshing a shown row after a check-in) is not counted again', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const guide = await addStaff(t, { role: 'guide', pin: GUIDE_PIN });
    await t.signIn(guide.id, GUIDE_PIN);
    for (let i = 0; i < phoneSearchLimits[0].max - 1; i++) await t.api['customer.search']({ query: String(1000 + i) });
    for (let i = 0; i < 5; i++) await expect(t.api['customer.search']({ query: '4321' })).resolves.toEqual([]);
    expect(await refusal(t, 'customer.search', { query: '1234' })).toMatchObject({ code: 'forbidden', field: 'query' });
    // After the refusal, a repeat is counted again (and refused).
    expect(await refusal(t, 'customer.search', { query: '4321' })).toMatchObject({ code: 'forbidden', field: 'query' });
  });

  it(`and ${phoneSearchLimits[1].max} an hour`, async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const guide = await addStaff(t, { role: 'guide', pin: GUIDE_PIN });
    await t.signIn(guide.id, GUIDE_PIN);
    const perMinute = phoneSearchLimits[0].max;
    for (let minute = 0; minute * perMinute < phoneSearchLimits[1].max; minute++) {
      for (let i = 0; i < perMinute; i++) await t.api['customer.search']({ query: String(1000 + i) });
      t.clock.advance(1.01);
    }
    expect(await refusal(t, 'customer.search', { query: '1234' })).toMatchObject({ code: 'forbidden', field: 'query', message: `query: at most ${phoneSearchLimits[1].max} phone searches per hour; try again later` });
  });
});
