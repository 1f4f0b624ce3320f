import { afterEach, describe, expect, it } from 'vitest';
import { clinicValidation } from '../../src-main/sync/couch/validation';
import { startTestApp, type TestApp } from '../support/app';
import { addStaff, firstVisit, LEAD_PIN, setUpClinic } from '../support/factories';
import { allTicked } from '../support/valid/tea';

/** Every document the visits and tea parts write passes head office's validation; broken ones do not. */
type Vdu = (newDoc: object, oldDoc: object | null, userCtx: { name: string | null; roles: string[] }, secObj: object) => void;
const bj = new Function(`return (${clinicValidation('BJ')});`)() as Vdu;
const DESK = { name: 'desk_bj', roles: ['clinic_BJ'] };
const SECURITY = { admins: { names: [], roles: [] }, members: { names: [], roles: ['clinic_BJ'] } };
function verdict(doc: object, old: object | null = null): string | null {
  try {
    bj(doc, old, DESK, SECURITY);
    return null;
  } catch (err) {
    const forbidden = (err as { forbidden?: string }).forbidden;
    if (forbidden === undefined) throw err;
    return forbidden;
  }
}

let t: TestApp;
afterEach(async () => t?.close());

describe('head office accepts what this part writes', () => {
  it('visit events, handovers, acknowledgements, tea events, parties, checklist versions, settings', async () => {
    t = await startTestApp();
    const f = await setUpClinic(t);
    const a = await t.api['desk.checkIn'](firstVisit());
    const b = await t.api['desk.checkIn'](firstVisit());
    await t.api['visits.handOff']({ visitId: a.id, toStaffId: f.consultant.id, status: 'withConsultant', note: '' });
    await t.api['visits.setStatus']({ visitId: a.id, status: 'left', outcome: 'surgical', note: '' });
    await t.api['visits.setOutcome']({ visitId: a.id, outcome: 'nonSurgical' });
    await t.api['tea.serve']({ visitId: b.id, drink: '绿茶', templateId: 'tea-template:BJ:v0', checks: allTicked() });
    t.clock.advance(20);
    await t.api['tea.refill']({ visitId: b.id, drink: '' });
    const c = await t.api['desk.checkIn'](firstVisit());
    await t.api['tea.decline']({ visitId: c.id });
    await t.api['tea.setParty']({ visitIds: [b.id, c.id] });
    await t.api['tea.saveTemplate']({ items: [{ id: 'fill-80', text: '茶水八分满' }], baseVersion: 0 });
    await t.api['tea.updateSettings']({ refillMinutes: 10 });
    await t.api['tea.updateSettings']({ refillMinutes: 12 });
    const guide = await addStaff(t, { name: '小林', role: 'guide', pin: '2468' });
    await t.signIn(guide.id, '2468');
    const h = await t.api['handover.write']({ equipment: '正常', unresolved: '', staffChanges: '' });
    await t.signIn(f.lead.id, LEAD_PIN);
    await t.api['handover.ack']({ handoverId: h.id, note: '' });

    const all = await t.app.store.db.allDocs({ include_docs: true });
    const mine = all.rows.map((r) => r.doc as unknown as { _id: string; type: string } & Record<string, unknown>).filter((d) => /^(visit-event|handover|handover-ack|tea-event|tea-party|tea-template|tea-settings)$/.test(d.type));
    expect(new Set(mine.map((d) => d.type))).toEqual(new Set(['visit-event', 'handover', 'handover-ack', 'tea-event', 'tea-party', 'tea-template', 'tea-settings']));
    for (const doc of mine) expect(verdict(doc), doc._id).toBeNull();

    const event = mine.find((d) => d.type === 'visit-event')!;
    expect(verdict({ ...event, _id: 'visit-event:BJ:x' })).toBe('_id: a visit-event id looks like visit-event:BJ:<YYYY-MM-DD>:<tail>');
    expect(verdict({ ...event, visitId: 7 })).toBe('visitId: must be string, not number');
    expect(verdict({ ...event, _deleted: true }, event)).toBe('deleting a visit-event is not allowed');
    const template = mine.find((d) => d.type === 'tea-template')!;
    expect(verdict({ ...template, _id: 'tea-template:BJ:v0' })).toBe('_id: a tea-template id looks like tea-template:BJ:v<n>');
    const tea = mine.find((d) => d.type === 'tea-event')!;
    expect(verdict({ ...tea, checks: 'ok' })).toBe('checks: must be array, not string');
    const party = mine.find((d) => d.type === 'tea-party')!;
    expect(verdict({ ...party, _deleted: true }, party)).toBeNull(); // a superseded party order may go
  });
});
