import { afterEach, describe, expect, it } from 'vitest';
import { contract, type Auth, type OperationName } from '../../shared/contract';
import { operationNames } from '../../shared/operations';
import type { ApiErrorBody } from '../../shared/errors';
import type { StaffRole } from '../../shared/reference/schemas';
import { startTestApp, type TestApp } from '../support/app';
import { allValidInputs } from '../support/valid/all';
import { headOfficeValidInputs } from '../support/valid/headoffice';
import { addStaff, seedStaff, setUpClinic } from '../support/factories';

/**
 * Every operation's declared access (shared/op.ts), checked against the people it names: a guide, a
 * desk lead and a CS director at a clinic desk, head office's CS director at head office, and
 * nobody signed in. The dispatcher's own refusals carry a rule `access.*`; a handler may still
 * refuse for its own reasons (a role a rule names, a missing record), which this test leaves alone.
 */
let apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.map((a) => a.close()));
  apps = [];
});

interface Persona {
  who: string;
  role: StaffRole | null;
  headOfficeMode: boolean;
}

/** What the contract promises `persona`, from the declared auth alone. */
function allowed(auth: Auth, p: Persona): boolean {
  if (auth === 'none') return true;
  if (p.role === null) return false;
  if (auth === 'operator') return true;
  if (auth === 'admin') return ['guideLead', 'csDirector', 'dean', 'hoCsDirector'].includes(p.role);
  return p.headOfficeMode && ['hoCsDirector', 'gmOffice', 'gm', 'deputyGm', 'hoMedical', 'hoLegal'].includes(p.role);
}

const accessRefusal = (e: ApiErrorBody) => e.rule?.startsWith('access.') ?? false;

/** Calls every operation as `session` and checks each answer against the declared access. */
async function walk(t: TestApp, persona: Persona, session: string | null, inputs: Record<OperationName, Record<string, unknown>>) {
  const wrong: string[] = [];
  for (const operation of operationNames) {
    // Signing out (or in) at this window would end the session the walk goes on with.
    if (operation === 'operator.signOut' || operation === 'operator.signIn') continue;
    const auth = contract[operation].auth;
    const result = await t.app.dispatcher.invoke(operation, inputs[operation], session);
    const refusedByAccess = !result.ok && accessRefusal(result.error);
    if (allowed(auth, persona) === refusedByAccess) wrong.push(`${operation} (${auth}): ${result.ok ? 'answered' : `${result.error.code} ${result.error.rule ?? ''} ${result.error.message}`}`);
    if (refusedByAccess && !result.ok) expect(result.error.code, operation).toBe(persona.role === null ? 'not_signed_in' : 'forbidden');
  }
  expect(wrong, `${persona.who}: answers that disagree with the declared access`).toEqual([]);
}

describe('access is declared where it belongs', () => {
  it('every head-office operation but the set-up of head office itself declares headoffice', () => {
    const declared = operationNames.filter((o) => o.startsWith('headoffice.') && o !== 'headoffice.setup').map((o) => [o, contract[o].auth]);
    expect(declared.filter(([, auth]) => auth !== 'headoffice')).toEqual([]);
    expect(declared.length).toBeGreaterThan(20);
  });
});

describe('every operation is open to exactly the people its declared access names', () => {
  it('at a clinic desk: nobody, a guide, a CS director, a desk lead; at head office: its CS director', async () => {
    const t = await startTestApp();
    apps.push(t);
    const f = await setUpClinic(t);
    const inputs = await allValidInputs(t, f);
    const leadSession = t.session();
    const guide = await addStaff(t, { name: '导医甲', role: 'guide', pin: '1357' });
    const director = await seedStaff(t, { role: 'csDirector', name: '客服主任甲', pin: '2468' });
    await t.signIn(guide.id, '1357');
    const guideSession = t.session();
    await t.signIn(director.id, '2468');
    const directorSession = t.session();

    await walk(t, { who: 'nobody signed in', role: null, headOfficeMode: false }, null, inputs);
    await walk(t, { who: 'a guide', role: 'guide', headOfficeMode: false }, guideSession, inputs);
    await walk(t, { who: 'a CS director', role: 'csDirector', headOfficeMode: false }, directorSession, inputs);
    await walk(t, { who: 'a desk lead', role: 'guideLead', headOfficeMode: false }, leadSession, inputs);

    // Head office: set up in head-office mode against a server nobody listens on (sync retries).
    const ho = await startTestApp();
    apps.push(ho);
    const setup = headOfficeValidInputs()['headoffice.setup'];
    expect(await ho.app.dispatcher.invoke('headoffice.setup', setup, null)).toMatchObject({ ok: true });
    const hoDirector = (await ho.anon['staff.list']({})).find((s) => s.role === 'hoCsDirector')!;
    await ho.signIn(hoDirector.id, '2468');
    await walk(ho, { who: 'head office’s CS director', role: 'hoCsDirector', headOfficeMode: true }, ho.session(), inputs);
    // A guide on head office's own roster is signed in there but is not head office's people.
    const hoGuide = await ho.api['staff.add']({ name: '总部文员', sex: 'F', role: 'guide', departmentId: null, pin: '1470' });
    await ho.signIn(hoGuide.id, '1470');
    const refused = await ho.app.dispatcher.invoke('headoffice.dashboard', headOfficeValidInputs()['headoffice.dashboard'], ho.session());
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', rule: 'access.headOfficeRole' } });
  }, 120_000);
});
