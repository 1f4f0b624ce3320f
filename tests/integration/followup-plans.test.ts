import { describe, expect, it } from 'vitest';
import { defaultPlans } from '../../shared/followup/rules';
import { referenceValidation } from '../../src-main/sync/couch/validation';
import { storeMark } from '../support/app';
import { firstVisit, LEAD_PIN, setUpClinic } from '../support/factories';
import { DESK_USERS, HO_USER } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { testWorld } from '../support/world';

/**
 * The follow-up plans as head office edits them (issue 13: 「as shipped defaults that head office
 * can edit and roll out (reference data, versioned)」): head office saves a version, `reference`
 * carries it, a clinic's desk derives its tasks by it.
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

const edited = (i: number, change: Record<string, unknown>) => defaultPlans.map((p, j) => (j === i ? { ...p, ...change } : p));
const postSurgery = defaultPlans.findIndex((p) => p.id === 'postSurgery');
const postCourse = defaultPlans.findIndex((p) => p.id === 'postCourse');

describe('the follow-up plans rolled out by head office', () => {
  it('head office saves a version that a clinic desk receives and derives by; bad plans and a stale version are refused naming the field, nothing written', async () => {
    const ho = await headOffice({ consolidate: true });
    const bj = await desk();
    const f = await setUpClinic(bj);
    await bj.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
    const t = await desk();
    await t.anon['headoffice.setup']({ url: ho.url, ...HO_USER, director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: '2468' } });
    const director = (await t.anon['staff.list']({})).find((s) => s.role === 'hoCsDirector')!;
    await t.signIn(director.id, '2468');

    // Before any save: the shipped defaults, version 0.
    expect(await t.api['followup.plans']({})).toMatchObject({ version: 0, plans: defaultPlans });
    // 术后 five days after surgery, in 整形外科 seven; 疗程后 a message (短信) instead of a call.
    const plans = edited(postSurgery, { offsetDays: 5, departmentDays: { 'plastic-surgery': 7 } }).map((p, j) => (j === postCourse ? { ...p, channel: 'message' as const } : p));
    const saved = await t.api['headoffice.followupPlansSave']({ baseVersion: 0, plans });
    expect(saved).toMatchObject({ version: 1, updatedBy: director.id });
    expect(saved.plans[postSurgery]).toMatchObject({ offsetDays: 5, departmentDays: { 'plastic-surgery': 7 } });
    expect(saved.plans[postCourse]).toMatchObject({ channel: 'message' });
    expect(referenceVerdict(await t.app.store.db.get('followup-plans'))).toBeNull();

    await waitFor(async () => {
      const s = await t.api['sync.status']({});
      return (s.state === 'idle' && s.pendingUp === 0) || null;
    }, 'head office settled', 30_000);
    const refused = async (input: unknown, field: string, code = 'invalid_input') => {
      const before = await storeMark(t.app.store.db);
      const result = await t.app.dispatcher.invoke('headoffice.followupPlansSave', input, t.session());
      expect(result, field).toMatchObject({ ok: false, error: { code, field } });
      expect(await storeMark(t.app.store.db)).toEqual(before);
    };
    await refused({ baseVersion: 1, plans: edited(postSurgery, { offsetDays: -1 }) }, `plans.${postSurgery}.offsetDays`);
    await refused({ baseVersion: 1, plans: edited(postSurgery, { windowDays: -3 }) }, `plans.${postSurgery}.windowDays`);
    await refused({ baseVersion: 1, plans: edited(postSurgery, { departmentDays: { skin: -2 } }) }, `plans.${postSurgery}.departmentDays.skin`);
    await refused({ baseVersion: 1, plans: edited(postSurgery, { tries: 0 }) }, `plans.${postSurgery}.tries`);
    await refused({ baseVersion: 1, plans: edited(postSurgery, { outcomes: ['surgical', 'cosmetic'] }) }, `plans.${postSurgery}.outcomes.1`);
    await refused({ baseVersion: 1, plans: edited(postSurgery, { departmentDays: { 'no-such-dept': 4 } }) }, `plans.${postSurgery}.departmentDays.no-such-dept`);
    await refused({ baseVersion: 1, plans: edited(postSurgery, { outcomes: [] }) }, `plans.${postSurgery}.outcomes`); // an active visit plan calls some outcome category
    await refused({ baseVersion: 1, plans: edited(postSurgery, { outcomes: ['surgical', 'surgical'] }) }, `plans.${postSurgery}.outcomes`);
    await refused({ baseVersion: 1, plans: edited(postSurgery, { caller: 'robot' }) }, `plans.${postSurgery}.caller`);
    await refused({ baseVersion: 1, plans: edited(postSurgery, { caller: null }) }, `plans.${postSurgery}.caller`);
    await refused({ baseVersion: 1, plans: edited(postSurgery, { channel: 'fax' }) }, `plans.${postSurgery}.channel`);
    await refused({ baseVersion: 1, plans: edited(postSurgery, { departmentDays: { skin: 'three' } }) }, `plans.${postSurgery}.departmentDays.skin`);
    await refused({ baseVersion: 1, plans: edited(postSurgery, { departmentDays: { skin: 400 } }) }, `plans.${postSurgery}.departmentDays.skin`);
    await refused({ baseVersion: 1, plans: edited(postSurgery, { trigger: 'membership' }) }, `plans.${postSurgery}.trigger`);
    await refused({ baseVersion: 1, plans: edited(postSurgery, { id: 'service7d' }) }, `plans.${postSurgery}.id`);
    await refused({ baseVersion: 1, plans: defaultPlans.slice(1) }, 'plans');
    await refused({ baseVersion: 1, plans: edited(postSurgery, { colour: 'red' }) }, `plans.${postSurgery}.colour`);
    await refused({ baseVersion: 1, plans: 'all' }, 'plans');
    await refused({ baseVersion: 0, plans }, 'baseVersion', 'conflict');
    // The server's own check refuses what the contract refuses.
    expect(referenceVerdict({ ...(await t.app.store.db.get('followup-plans')), plans: edited(postSurgery, { windowDays: -1 }) })).toBe(`plans[${postSurgery}].windowDays: cannot be negative`);
    expect(referenceVerdict({ ...(await t.app.store.db.get('followup-plans')), plans: edited(postSurgery, { tries: 0 }) })).toBe(`plans[${postSurgery}].tries: at least one`);
    // …and an active visit plan without an outcome category, or a channel that is neither 电话 nor 短信.
    const stored = await t.app.store.db.get('followup-plans');
    expect(referenceVerdict({ ...stored, plans: edited(postSurgery, { outcomes: [] }) })).toBe(`plans[${postSurgery}].outcomes: at least one outcome category`);
    expect(referenceVerdict({ ...stored, plans: edited(postSurgery, { outcomes: [], active: false }) })).toBeNull(); // a plan out of use calls nobody anyway
    expect(referenceVerdict({ ...stored, plans: edited(postSurgery, { outcomes: 'surgical' }) })).toBe(`plans[${postSurgery}].outcomes: must be array, not string`);
    expect(referenceVerdict({ ...stored, plans: edited(postSurgery, { channel: 'fax' }) })).toBe(`plans[${postSurgery}].channel: call or message`);
    expect(referenceVerdict({ ...stored, plans: edited(postCourse, { channel: 'message' }) })).toBeNull();
    // A clinic may not save them.
    expect(await bj.app.dispatcher.invoke('headoffice.followupPlansSave', { baseVersion: 0, plans }, bj.session())).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // The BJ desk pulls them from `reference` and derives by them: 术后 in 整形外科 seven days after.
    await waitFor(() => bj.app.store.db.get('followup-plans').catch(() => null), 'the plans to reach the BJ desk', 20_000);
    await bj.signIn(f.lead.id, LEAD_PIN);
    const pulled = await bj.api['followup.plans']({});
    expect(pulled.version).toBe(1);
    expect(pulled.plans[postCourse]!.channel).toBe('message');
    const v = await bj.api['desk.checkIn'](firstVisit({ name: '张晓梅' }, { departmentId: 'plastic-surgery' }));
    await bj.api['visits.setStatus']({ visitId: v.id, status: 'left', outcome: 'surgical', note: '' });
    await bj.api['followup.list']({});
    const tasks = await bj.app.store.db.allDocs<{ planId: string; dueDate: string }>({ startkey: 'followup-task:BJ:postSurgery:', endkey: 'followup-task:BJ:postSurgery:\ufff0', include_docs: true });
    expect(tasks.rows.map((r) => r.doc!.dueDate)).toEqual(['2026-12-04']);
  }, 60_000);
});
