import { ruleMessage } from '../../src-renderer/i18n/ruleMessages';
import { describe, expect, it } from 'vitest';
import { storeMark, type TestApp } from '../support/app';
import { setUpClinic } from '../support/factories';
import { DESK_USERS, HO_USER, type TestHeadOffice } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { testWorld } from '../support/world';
import { signInToRun } from '../support/valid/inspection';

/**
 * Head office edits the clinics' checklists (issue 8): it reads a clinic's tea and inspection
 * checklists from its consolidated copy and writes a new version, online, into one clinic's
 * database or into several at once; each clinic's desk then receives it as its current version.
 * Runs against the embedded head office with consolidation and two clinic desks.
 */
const { headOffice, desk } = testWorld();
const DIRECTOR_PIN = '2468';

async function clinicDesk(ho: TestHeadOffice, code: 'BJ' | 'SH') {
  const t = await desk();
  t.clock.now = new Date('2026-11-27T02:00:00Z');
  const f = await setUpClinic(t, { code, name: code === 'BJ' ? '北京院' : '上海院', inHeadOfficeCity: code === 'BJ' });
  await t.api['sync.configure']({ url: ho.url, ...DESK_USERS[code] });
  return { t, ...f };
}

async function headOfficeDesk(ho: TestHeadOffice) {
  const t = await desk();
  t.clock.now = new Date('2026-11-27T03:00:00Z');
  await t.anon['headoffice.setup']({ url: ho.url, ...HO_USER, director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: DIRECTOR_PIN } });
  const director = (await t.anon['staff.list']({})).find((s) => s.role === 'hoCsDirector')!;
  await t.signIn(director.id, DIRECTOR_PIN);
  return { t, director };
}

/** The world of these tests: BJ and SH, each with a checklist item of its own numbered item-14, and head office. */
async function world() {
  const ho = await headOffice({ consolidate: true });
  const bj = await clinicDesk(ho, 'BJ');
  const sh = await clinicDesk(ho, 'SH');
  const base = (await bj.t.api['tea.template']({})).items.map((i) => ({ id: i.id, text: i.text }));
  await bj.t.api['tea.saveTemplate']({ baseVersion: 0, items: [...base, { id: null, text: '北京：递上热毛巾' }] });
  await sh.t.api['tea.saveTemplate']({ baseVersion: 0, items: [...base, { id: null, text: '上海：询问是否过敏' }] });
  const { t, director } = await headOfficeDesk(ho);
  // Both clinics' records, and their first checklist versions, at head office.
  await waitFor(async () => {
    const clinics = await t.api['headoffice.clinics']({});
    if (clinics.length < 2) return false;
    const [b, s] = await Promise.all([t.api['headoffice.templates']({ clinic: 'BJ' }), t.api['headoffice.templates']({ clinic: 'SH' })]);
    return b.tea.version === 1 && s.tea.version === 1 && b.tea.savedByName !== bj.lead.id && s.tea.savedByName !== sh.lead.id;
  }, 'both clinics and their checklists at head office', 30_000);
  return { ho, bj, sh, t, director };
}

/** update_seq of a clinic's database on the server: a refused roll-out must not move it. */
async function remoteSeq(ho: TestHeadOffice, code: string) {
  const info = (await ho.admin<{ update_seq: unknown; doc_count: number }>('GET', `/clinic_${code.toLowerCase()}`)).body;
  return { seq: info.update_seq, docs: info.doc_count };
}

/** Waits until head office's sync is idle and nothing moves, here or in either clinic's database, for a second. */
async function settled(t: TestApp, ho: TestHeadOffice) {
  const snapshot = async () => JSON.stringify([await storeMark(t.app.store.db), await remoteSeq(ho, 'BJ'), await remoteSeq(ho, 'SH')]);
  let last = '';
  await waitFor(async () => {
    const now = await snapshot();
    const still = now === last && (await t.app.sync.status()).state === 'idle';
    last = now;
    if (!still) await new Promise((r) => setTimeout(r, 1_000));
    return still;
  }, 'head office and both clinics to settle', 30_000);
}

describe('head office edits the clinics’ checklists', () => {
  it('rolls a new tea and grooming checklist out to two clinics; each desk gets it, a later edit of its own is the next version, and a version is never changed', async () => {
    const { ho, bj, sh, t, director } = await world();
    const seen = await t.api['headoffice.templates']({ clinic: 'BJ' });
    expect(seen).toMatchObject({ clinic: 'BJ', name: '北京院', tea: { version: 1, savedByName: bj.lead.name } });
    expect(seen.tea.items.at(-1)).toEqual({ id: 'item-14', text: '北京：递上热毛巾' });
    expect(seen.inspection.map((x) => [x.key, x.version, x.builtIn])).toEqual([
      ['grooming', 0, true],
      ['grooming-strict', 0, true],
      ['behaviour', 0, true],
    ]);
    // SH's own item-14 says something else than BJ's.
    expect((await t.api['headoffice.templates']({ clinic: 'SH' })).tea.items.at(-1)).toEqual({ id: 'item-14', text: '上海：询问是否过敏' });

    // The chain's new checklist, edited from BJ's: the BJ item moved first, one text changed, one removed, one new.
    const [first, second, , ...rest] = seen.tea.items;
    const own = rest.pop()!;
    const items = [{ id: own.id, text: own.text }, { id: first!.id, text: '茶水八分满，不可溢出' }, { id: second!.id, text: second!.text }, ...rest.map((i) => ({ id: i.id, text: i.text })), { id: null, text: '总部：奉茶后微笑示意' }];
    t.clock.now = new Date('2026-11-27T03:30:00Z');
    const tea = await t.api['headoffice.teaTemplateSave']({ from: 'BJ', baseVersion: 1, targets: ['BJ', 'SH'], items });
    expect(tea.results).toEqual([
      { clinic: 'BJ', name: '北京院', ok: true, version: 2, id: 'tea-template:BJ:v2', code: null, field: null, message: null, rule: null, params: null },
      { clinic: 'SH', name: '上海院', ok: true, version: 2, id: 'tea-template:SH:v2', code: null, field: null, message: null, rule: null, params: null },
    ]);
    type TeaDoc = { items: { id: string; text: string }[]; createdBy: string; createdAt: string; clinic: string; version: number };
    const bjDoc = (await ho.admin<TeaDoc>('GET', '/clinic_bj/tea-template:BJ:v2')).body;
    const shDoc = (await ho.admin<TeaDoc>('GET', '/clinic_sh/tea-template:SH:v2')).body;
    expect(bjDoc).toMatchObject({ clinic: 'BJ', version: 2, createdBy: director.id, createdAt: '2026-11-27T03:30:00.000Z' });
    expect(bjDoc.items.map((i) => i.text)).toEqual(items.map((i) => i.text));
    expect(shDoc.items.map((i) => i.text)).toEqual(items.map((i) => i.text));
    // BJ keeps its ids; the new item has the same head-office id in both clinics; SH gets BJ's own
    // item under a fresh id (its item-14 means something else), so SH's item-14 history stays its own.
    expect(bjDoc.items.map((i) => i.id).slice(0, -1)).toEqual(items.slice(0, -1).map((i) => i.id));
    const newId = bjDoc.items.at(-1)!.id;
    expect(newId).toMatch(/^ho-[a-z0-9]+$/);
    expect(shDoc.items.at(-1)!.id).toBe(newId);
    expect(shDoc.items[0]!.id).toMatch(/^ho-/);
    expect(shDoc.items[0]!.id).not.toBe('item-14');
    expect(shDoc.items.slice(1).map((i) => i.id)).toEqual(bjDoc.items.slice(1).map((i) => i.id));

    // Each desk receives it as its current checklist, and serves with it.
    for (const c of [bj, sh]) {
      const got = await waitFor(async () => {
        const v = await c.t.api['tea.template']({});
        return v.version === 2 ? v : null;
      }, 'the new tea checklist at the desk', 20_000);
      expect(got.items.map((i) => i.text)).toEqual(items.map((i) => i.text));
      expect(got.savedAt).toBe('2026-11-27T03:30:00.000Z');
      expect(got.savedByName).toBe('集团总部');
    }

    // The grooming checklist, rolled out to both clinics: an item added for men, one for everybody, one removed.
    const grooming = seen.inspection.find((x) => x.key === 'grooming')!;
    const groomingItems = [...grooming.items.slice(1), { id: 'c-ho-tie-clip', label: '领带夹统一佩戴', sex: 'M' as const }, { id: 'c-ho-name', label: '主动报出姓名', sex: null }];
    const groomed = await t.api['headoffice.inspectionTemplateSave']({ from: 'BJ', key: 'grooming', name: '仪容仪表（集团版）', baseVersion: 0, targets: ['BJ', 'SH'], items: groomingItems });
    expect(groomed.results.map((r) => [r.clinic, r.ok, r.version, r.id])).toEqual([
      ['BJ', true, 1, 'inspection-template:BJ:grooming:v1'],
      ['SH', true, 1, 'inspection-template:SH:grooming:v1'],
    ]);
    for (const c of [bj, sh]) {
      const got = await waitFor(async () => (await c.t.api['inspection.templates']({})).find((x) => x.key === 'grooming' && x.version === 1) ?? null, 'the new grooming checklist at the desk', 20_000);
      expect(got).toMatchObject({ name: '仪容仪表（集团版）', builtIn: false, basedOn: 'default:grooming', createdBy: director.id, items: groomingItems });
      // A new inspection uses it: the men's new item is there.
      await signInToRun(c.t, 'weekly');
      const started = await c.t.api['inspection.start']({ kind: 'weekly', departmentId: null, templateKey: 'grooming' });
      expect(started).toMatchObject({ templateVersion: 1, templateName: '仪容仪表（集团版）' });
    }
    // Head office shows who saved each version by name.
    const after = await waitFor(async () => {
      const v = await t.api['headoffice.templates']({ clinic: 'SH' });
      return v.tea.version === 2 && v.inspection[0]!.version === 1 ? v : null;
    }, 'the roll-out back at head office');
    expect(after.tea.savedByName).toBe('王总监');
    expect(after.inspection[0]).toMatchObject({ createdByName: '王总监', version: 1 });

    // The clinic's own later edit is a newer version, on top of head office's.
    const bjNow = await bj.t.api['tea.template']({});
    const mine = await bj.t.api['tea.saveTemplate']({ baseVersion: 2, items: bjNow.items.slice(1).map((i) => ({ id: i.id, text: i.text })) });
    expect(mine.version).toBe(3);
    await waitFor(async () => (await t.api['headoffice.templates']({ clinic: 'BJ' })).tea.version === 3, 'BJ’s own version 3 at head office', 20_000);

    // Head office edits BJ's version 2 though 3 exists: refused for BJ by name, nothing written.
    const beforeBj = await remoteSeq(ho, 'BJ');
    const stale = await t.app.dispatcher.invoke('headoffice.teaTemplateSave', { from: 'BJ', baseVersion: 2, targets: ['BJ'], items }, t.session());
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', field: 'baseVersion' } });
    // Rolled out to both: BJ refused (stale), SH gets its version 3 — each clinic whole or not at all.
    const mixed = await t.api['headoffice.teaTemplateSave']({ from: 'BJ', baseVersion: 2, targets: ['BJ', 'SH'], items });
    expect(mixed.results.map((r) => [r.clinic, r.ok, r.version, r.code, r.field])).toEqual([
      ['BJ', false, null, 'conflict', 'baseVersion'],
      ['SH', true, 3, null, null],
    ]);
    expect(await remoteSeq(ho, 'BJ')).toEqual(beforeBj);

    // A version is written once: the clinic cannot change head office's version (nor its own).
    const asDesk = async (code: 'BJ' | 'SH', path: string, body: unknown) => {
      const res = await fetch(`${ho.url}/clinic_${code.toLowerCase()}/${encodeURIComponent(path)}`, {
        method: 'PUT',
        headers: { Authorization: 'Basic ' + Buffer.from(`${DESK_USERS[code].username}:${DESK_USERS[code].password}`).toString('base64'), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { reason?: string } };
    };
    const hoVersion = (await ho.admin<TeaDoc & { _rev: string }>('GET', '/clinic_sh/tea-template:SH:v2')).body;
    const altered = await asDesk('SH', 'tea-template:SH:v2', { ...hoVersion, items: hoVersion.items.slice(1), updatedBy: sh.lead.id });
    expect(altered).toMatchObject({ status: 403, body: { reason: expect.stringContaining('written once') } });
    const groomingDoc = (await ho.admin<{ _rev: string; name: string }>('GET', '/clinic_bj/inspection-template:BJ:grooming:v1')).body;
    expect(await asDesk('BJ', 'inspection-template:BJ:grooming:v1', { ...groomingDoc, name: '改名' })).toMatchObject({ status: 403 });
    // The same edit made in the desk's own store is refused on its way up, and head office's version stays.
    const local = await sh.t.app.store.db.get<TeaDoc & { _rev: string }>('tea-template:SH:v2');
    await sh.t.app.store.db.put({ ...local, items: local.items.slice(1) });
    const denied = await waitFor(async () => (await sh.t.api['sync.status']({})).deniedDocs.find((d) => d.id === 'tea-template:SH:v2') ?? null, 'the SH desk to report the refusal', 20_000);
    expect(denied.reason).toContain('written once');
    expect((await ho.admin<TeaDoc>('GET', '/clinic_sh/tea-template:SH:v2')).body.items).toEqual(shDoc.items);
  }, 120_000);

  it('refuses bad input naming the field, and writes nothing locally or in any clinic', async () => {
    const { ho, bj, t, director } = await world();
    await settled(t, ho);
    const tpl = await t.api['headoffice.templates']({ clinic: 'BJ' });
    const items = tpl.tea.items.map((i) => ({ id: i.id, text: i.text }));
    const tea = { from: 'BJ', baseVersion: 1, targets: ['BJ', 'SH'], items };
    const grooming = tpl.inspection.find((x) => x.key === 'grooming')!;
    const insp = { from: 'BJ', key: 'grooming', name: '仪容仪表', baseVersion: 0, targets: ['BJ', 'SH'], items: grooming.items };
    const marks = async () => ({ local: await storeMark(t.app.store.db), bj: await remoteSeq(ho, 'BJ'), sh: await remoteSeq(ho, 'SH') });
    const refused = async (operation: 'headoffice.teaTemplateSave' | 'headoffice.inspectionTemplateSave', input: unknown, field: string, code = 'invalid_input') => {
      const before = await marks();
      const result = await t.app.dispatcher.invoke(operation, input, t.session());
      expect(result, `${operation} ${field}`).toMatchObject({ ok: false, error: { code, field } });
      expect(await marks(), `${operation} ${field} wrote`).toEqual(before);
    };
    // Tea.
    await refused('headoffice.teaTemplateSave', { ...tea, items: [] }, 'items');
    // A checklist's own problem is refused by its rule (inspection.itemIdRepeats), nothing written.
    await refused('headoffice.inspectionTemplateSave', { ...insp, items: [...grooming.items, grooming.items[0]!] }, `items.${grooming.items.length}.id`);
    expect((await t.app.dispatcher.invoke('headoffice.inspectionTemplateSave', { ...insp, items: [...grooming.items, grooming.items[0]!] }, t.session()))).toMatchObject({ ok: false, error: { rule: 'inspection.itemIdRepeats', params: { id: grooming.items[0]!.id } } });
    await refused('headoffice.teaTemplateSave', { ...tea, items: [{ id: null, text: '' }] }, 'items.0.text');
    await refused('headoffice.teaTemplateSave', { ...tea, items: [{ id: null, text: '   ' }] }, 'items.0.text');
    await refused('headoffice.teaTemplateSave', { ...tea, items: [{ id: null, text: '长'.repeat(121) }] }, 'items.0.text');
    await refused('headoffice.teaTemplateSave', { ...tea, items: [items[0], items[0]] }, 'items.1.id');
    await refused('headoffice.teaTemplateSave', { ...tea, items: [{ id: 'never-was', text: '茶' }] }, 'items.0.id');
    await refused('headoffice.teaTemplateSave', { ...tea, items: [{ id: 'Bad Id', text: '茶' }] }, 'items.0.id');
    await refused('headoffice.teaTemplateSave', { ...tea, targets: ['BJ', 'GZ'] }, 'targets.1', 'not_found');
    await refused('headoffice.teaTemplateSave', { ...tea, from: 'GZ' }, 'from', 'not_found');
    await refused('headoffice.teaTemplateSave', { ...tea, targets: ['HO'] }, 'targets.0');
    await refused('headoffice.teaTemplateSave', { ...tea, targets: [] }, 'targets');
    await refused('headoffice.teaTemplateSave', { ...tea, targets: ['BJ', 'BJ'] }, 'targets.1');
    await refused('headoffice.teaTemplateSave', { ...tea, targets: 'BJ' }, 'targets');
    await refused('headoffice.teaTemplateSave', { ...tea, targets: ['bj'] }, 'targets.0');
    await refused('headoffice.teaTemplateSave', { ...tea, baseVersion: '1' }, 'baseVersion');
    await refused('headoffice.teaTemplateSave', { ...tea, baseVersion: -1 }, 'baseVersion');
    await refused('headoffice.teaTemplateSave', { ...tea, items: { 0: items[0] } }, 'items');
    await refused('headoffice.teaTemplateSave', { ...tea, items: [{ id: null, text: 7 }] }, 'items.0.text');
    await refused('headoffice.teaTemplateSave', { ...tea, targets: ['BJ'], baseVersion: 0 }, 'baseVersion', 'conflict');
    // Inspection.
    await refused('headoffice.inspectionTemplateSave', { ...insp, key: 'no-such-list' }, 'key', 'not_found');
    await refused('headoffice.inspectionTemplateSave', { ...insp, key: 'Grooming!' }, 'key');
    await refused('headoffice.inspectionTemplateSave', { ...insp, items: [] }, 'items');
    await refused('headoffice.inspectionTemplateSave', { ...insp, items: [grooming.items[0], grooming.items[0]] }, 'items.1.id');
    await refused('headoffice.inspectionTemplateSave', { ...insp, items: [{ ...grooming.items[0], label: '' }] }, 'items.0.label');
    await refused('headoffice.inspectionTemplateSave', { ...insp, items: [{ ...grooming.items[0], label: '长'.repeat(61) }] }, 'items.0.label');
    await refused('headoffice.inspectionTemplateSave', { ...insp, items: [{ ...grooming.items[0], sex: 'X' }] }, 'items.0.sex');
    await refused('headoffice.inspectionTemplateSave', { ...insp, name: '' }, 'name');
    await refused('headoffice.inspectionTemplateSave', { ...insp, targets: ['HO'] }, 'targets.0');
    await refused('headoffice.inspectionTemplateSave', { ...insp, targets: [] }, 'targets');
    await refused('headoffice.inspectionTemplateSave', { ...insp, targets: ['SH', 'XY'] }, 'targets.1', 'not_found');
    await refused('headoffice.inspectionTemplateSave', { ...insp, targets: ['BJ'], baseVersion: 3 }, 'baseVersion', 'conflict');
    expect((await t.app.dispatcher.invoke('headoffice.templates', { clinic: 'GZ' }, t.session()))).toMatchObject({ ok: false, error: { code: 'not_found', field: 'clinic' } });
    expect((await t.app.dispatcher.invoke('headoffice.templates', { clinic: 'HO' }, t.session()))).toMatchObject({ ok: false, error: { code: 'not_found', field: 'clinic' } });

    // Only head-office people in head-office mode: a clinic desk, and a guide at head office, are refused.
    expect(await bj.t.app.dispatcher.invoke('headoffice.teaTemplateSave', tea, bj.t.session())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const guide = await t.api['staff.add']({ name: '总部文员', sex: 'F', role: 'guide', departmentId: null, pin: '1357' });
    await t.signIn(guide.id, '1357');
    expect(await t.app.dispatcher.invoke('headoffice.teaTemplateSave', tea, t.session())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.app.dispatcher.invoke('headoffice.templates', { clinic: 'BJ' }, t.session())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await t.signIn(director.id, DIRECTOR_PIN);
    await settled(t, ho);

    // Offline: one clinic → a clear refusal; several → each clinic reported; nothing written anywhere.
    const before = await marks();
    await ho.stop();
    const mark = await storeMark(t.app.store.db);
    const one = await t.app.dispatcher.invoke('headoffice.teaTemplateSave', { ...tea, targets: ['BJ'] }, t.session());
    expect(one).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('cannot be reached') } });
    const two = await t.app.dispatcher.invoke('headoffice.inspectionTemplateSave', insp, t.session());
    expect(two).toMatchObject({ ok: true, data: { results: [{ clinic: 'BJ', ok: false, code: 'conflict', rule: 'headoffice.unreachable' }, { clinic: 'SH', ok: false, code: 'conflict', rule: 'headoffice.unreachable' }] } });
    // Each clinic's result is keyed by its rule: the screen reads it in Chinese, not the English message.
    const result = (two as { data: { results: { rule: string | null; params: Record<string, string | number> | null }[] } }).data.results[0]!;
    expect(ruleMessage(result.rule ?? undefined, result.params ?? undefined, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    expect(await storeMark(t.app.store.db)).toEqual(mark);
    await ho.start();
    expect({ bj: await remoteSeq(ho, 'BJ'), sh: await remoteSeq(ho, 'SH') }).toEqual({ bj: before.bj, sh: before.sh });
  }, 120_000);
});
