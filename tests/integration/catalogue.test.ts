import { describe, expect, it } from 'vitest';
import { catalogueMatches } from '../../shared/enquiries/catalogue';
import { referenceValidation } from '../../src-main/sync/couch/validation';
import { storeMark } from '../support/app';
import { LEAD_PIN, setUpClinic } from '../support/factories';
import { DESK_USERS, HO_USER } from '../support/headOffice';
import { serviceItemInput } from '../support/valid/enquiries';
import { waitFor } from '../support/wait';
import { testWorld } from '../support/world';

/**
 * The service catalogue (issue 14; seed 003 客服规章制度 4: 「把握…專家特長、技術工程、儀器設備、收費價格…
 * 適時更相關資料，做到準確無誤」): head office saves it, the `reference` database carries it, a clinic's
 * desk receives it and its enquiry and booking pick from it.
 */
const { headOffice, desk } = testWorld();

type Vdu = (newDoc: object, oldDoc: object | null, userCtx: { name: string | null; roles: string[] }, secObj: object) => void;
const referenceVdu = new Function(`return (${referenceValidation()});`)() as Vdu;
function referenceVerdict(doc: object): string | null {
  try {
    referenceVdu(doc, null, { name: 'ho_director', roles: ['headoffice'] }, {});
    return null;
  } catch (err) {
    return (err as { forbidden: string }).forbidden;
  }
}

describe('the service catalogue', () => {
  it('head office saves a version that a clinic desk receives; bad items are refused whole, naming the field; the enquiry picks from it', async () => {
    const ho = await headOffice({ consolidate: true });
    const bj = await desk();
    const f = await setUpClinic(bj);
    await bj.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
    const t = await desk();
    await t.anon['headoffice.setup']({ url: ho.url, ...HO_USER, director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: '2468' } });
    const director = (await t.anon['staff.list']({})).find((s) => s.role === 'hoCsDirector')!;
    await t.signIn(director.id, '2468');

    expect(await t.api['catalogue.get']({})).toEqual({ version: 0, updatedAt: null, updatedBy: null, items: [] });
    const items = [
      serviceItemInput(),
      serviceItemInput({ id: 'svc-nose', name: '隆鼻', priceFrom: 8000, priceTo: 30000, doctors: ['李医生', '王医生'] }),
      serviceItemInput({ id: 'svc-photo', name: '光子嫩肤', category: '非手术', department: '皮肤科', priceFrom: 800, priceTo: 2000, doctors: [], active: false }),
    ];
    const saved = await t.api['headoffice.catalogueSave']({ baseVersion: 0, items });
    expect(saved).toMatchObject({ version: 1, updatedBy: director.id, items });
    expect(referenceVerdict(await t.app.store.db.get('service-catalogue'))).toBeNull();

    // Settled first: head office's computer is still pulling the reference data (the seeded
    // calendars), which would move the store under the "nothing written" marks below.
    await waitFor(async () => {
      const s = await t.api['sync.status']({});
      return (s.state === 'idle' && s.pendingUp === 0) || null;
    }, 'head office settled', 30_000);
    // Refused whole, naming the field, nothing written.
    const refused = async (input: unknown, field: string, code = 'invalid_input') => {
      const before = await storeMark(t.app.store.db);
      const result = await t.app.dispatcher.invoke('headoffice.catalogueSave', input, t.session());
      expect(result, field).toMatchObject({ ok: false, error: { code, field } });
      expect(await storeMark(t.app.store.db)).toEqual(before);
    };
    await refused({ baseVersion: 1, items: [serviceItemInput({ priceFrom: 5000, priceTo: 100 })] }, 'items.0.priceTo');
    await refused({ baseVersion: 1, items: [serviceItemInput({ priceFrom: -1 })] }, 'items.0.priceFrom');
    await refused({ baseVersion: 1, items: [serviceItemInput(), serviceItemInput({ id: 'svc-other' })] }, 'items.1.name');
    await refused({ baseVersion: 1, items: [serviceItemInput({ name: '' })] }, 'items.0.name');
    await refused({ baseVersion: 1, items: [serviceItemInput({ name: '长'.repeat(41) })] }, 'items.0.name');
    await refused({ baseVersion: 1, items: [serviceItemInput({ price: 5 })] }, 'items.0.price');
    await refused({ baseVersion: 1, items: Array.from({ length: 301 }, (_, i) => serviceItemInput({ id: `svc-${i}`, name: `项目${i}` })) }, 'items');
    await refused({ baseVersion: 0, items }, 'baseVersion', 'conflict');
    // Kept for history (seed 003: 適時更相關資料): a saved item is never deleted, only retired.
    await refused({ baseVersion: 1, items: [items[0], items[2]] }, 'items');
    await refused({ baseVersion: 1, items: [] }, 'items');
    // The server's own check refuses what the contract refuses.
    expect(referenceVerdict({ ...(await t.app.store.db.get('service-catalogue')), items: [{ ...serviceItemInput(), priceTo: 1 }] })).toBe('items[0].priceTo: must not be below the lower price');

    // A clinic may not save it: not head office.
    const atDesk = await bj.app.dispatcher.invoke('headoffice.catalogueSave', { baseVersion: 0, items }, bj.session());
    expect(atDesk).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // The BJ desk pulls it from `reference`: the pick lists the active items.
    await waitFor(() => bj.app.store.db.get('service-catalogue').catch(() => null), 'the catalogue to reach the BJ desk', 20_000);
    await bj.signIn(f.lead.id, LEAD_PIN);
    const pulled = await bj.api['catalogue.get']({});
    expect(pulled.version).toBe(1);
    expect(pulled.items.map((i) => i.name)).toEqual(['双眼皮', '隆鼻']);
    expect((await bj.api['catalogue.get']({ activeOnly: false })).items).toHaveLength(3);
    // The pick: typing finds by name or doctor; the enquiry stores what was picked, and free text too.
    expect(catalogueMatches(pulled.items, '李医生').map((i) => i.name)).toEqual(['隆鼻']);
    expect(catalogueMatches(pulled.items, '鼻').map((i) => i.name)).toEqual(['隆鼻']);
    const e = await bj.api['enquiry.record']({ channel: 'phone', customer: { anonymous: { name: '王女士', contact: '13800001111' } }, question: '隆鼻多少钱', items: ['隆鼻', '鼻尖整形（未列入目录）'], answer: '8000 到 30000 元，面诊后定', outcome: { kind: 'answered' }, recordingRef: 'REC-1' });
    expect(e.items).toEqual(['隆鼻', '鼻尖整形（未列入目录）']);

    // Version 2: 隆鼻 moved to the top, 双眼皮 retired (kept, no longer offered), a new item last.
    const v2 = [items[1]!, { ...items[0]!, active: false }, items[2]!, serviceItemInput({ id: 'svc-lip', name: '丰唇', priceFrom: 3000, priceTo: 8000 })];
    expect(await t.api['headoffice.catalogueSave']({ baseVersion: 1, items: v2 })).toMatchObject({ version: 2, items: v2 });
    await waitFor(async () => ((await bj.api['catalogue.get']({})).version === 2 ? true : null), 'version 2 at the BJ desk', 20_000);
    expect((await bj.api['catalogue.get']({})).items.map((i) => i.name)).toEqual(['隆鼻', '丰唇']);
    expect((await bj.api['catalogue.get']({ activeOnly: false })).items.map((i) => [i.name, i.active])).toEqual([['隆鼻', true], ['双眼皮', false], ['光子嫩肤', false], ['丰唇', true]]);
    // What was asked about before keeps its words.
    expect((await bj.api['enquiry.list']({})).find((x) => x.id === e.id)!.items).toEqual(['隆鼻', '鼻尖整形（未列入目录）']);
  }, 60_000);
});
