import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import { firstVisit, LEAD_PIN, setUpClinic } from '../support/factories';
import { DESK_USERS } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { testWorld } from '../support/world';

/** A second desk of a clinic head office already has: it joins through the contract, not set-up. */
const { headOffice, desk } = testWorld();

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe('joining a clinic from head office', () => {
  it('downloads the clinic and roster, then its staff sign in and work as on the first desk', async () => {
    const ho = await headOffice();
    const a = await desk();
    const { lead } = await setUpClinic(a);
    await a.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });

    const b = await desk();
    const joining = await b.anon['clinic.join']({ clinicCode: 'BJ', url: ho.url, ...DESK_USERS.BJ });
    expect(joining.setupDone).toBe(false);
    expect(joining.joining).toMatchObject({ clinic: 'BJ', server: ho.url, username: DESK_USERS.BJ.username });
    expect(JSON.stringify(joining)).not.toContain(DESK_USERS.BJ.password);

    const ready = await waitFor(async () => {
      const s = await b.anon['app.status']({});
      return s.setupDone ? s : null;
    }, 'the clinic to arrive at the joining desk');
    expect(ready.clinic).toMatchObject({ code: 'BJ', name: '北京院' });
    expect(ready.joining).toBeNull();
    await waitFor(async () => (await b.anon['staff.list']({})).some((s) => s.id === lead.id), 'the roster');

    await b.signIn(lead.id, LEAD_PIN);
    const visit = await b.api['desk.checkIn'](firstVisit({ name: '王芳' }));
    await waitFor(async () => (await a.api['desk.waitingList']({})).some((v) => v.id === visit.id), 'the visit at desk A');
    // Set-up is done: joining again, or creating a clinic, is refused.
    expect((await refusal(b.anon['clinic.join']({ clinicCode: 'BJ', url: ho.url, ...DESK_USERS.BJ }))).code).toBe('conflict');
    expect((await refusal(b.anon['clinic.cancelJoin']({}))).code).toBe('conflict');
  });

  it('a wrong password shows on the join screen; going back leaves a fresh, un-set-up desk', async () => {
    const ho = await headOffice();
    const b = await desk();
    await b.anon['clinic.join']({ clinicCode: 'BJ', url: ho.url, username: DESK_USERS.BJ.username, password: 'wrong-password' });
    const failed = await waitFor(async () => {
      const s = await b.anon['app.status']({});
      return s.joining?.state === 'error' ? s : null;
    }, 'the join to fail');
    expect(failed.joining?.error?.kind).toBe('auth');

    const back = await b.anon['clinic.cancelJoin']({});
    expect(back).toMatchObject({ setupDone: false, joining: null });
    // A clinic can now be created here after all.
    const created = await b.anon['clinic.setup']({ clinic: { code: 'SH', name: '上海院', inHeadOfficeCity: false, departments: ['皮肤美容科'] }, lead: { name: '周院长', sex: 'F', role: 'dean', pin: '2468' } });
    expect(created.setupDone).toBe(true);
  });

  it('refuses malformed join input by field and writes nothing', async () => {
    const b = await desk();
    const before = await b.app.store.db.info();
    const cases: [Record<string, unknown>, string][] = [
      [{ clinicCode: 'bj', url: 'http://127.0.0.1:5984', username: 'desk_bj', password: 'x' }, 'clinicCode'],
      [{ clinicCode: 'BJ', url: 'javascript:alert(1)', username: 'desk_bj', password: 'x' }, 'url'],
      [{ clinicCode: 'BJ', url: 'http://desk_bj:pw@127.0.0.1:5984', username: 'desk_bj', password: 'x' }, 'url'],
      [{ clinicCode: 'BJ', url: 'http://127.0.0.1:5984', username: 'desk bj', password: 'x' }, 'username'],
      [{ clinicCode: 'BJ', url: 'http://127.0.0.1:5984', username: 'desk_bj', password: '' }, 'password'],
      [{ clinicCode: 'BJ', url: 'http://127.0.0.1:5984', username: 'desk_bj', password: 'x'.repeat(129) }, 'password'],
    ];
    for (const [input, field] of cases) {
      const result = await b.app.dispatcher.invoke('clinic.join', input, null);
      expect(result, field).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    }
    expect((await b.app.store.db.info()).update_seq).toBe(before.update_seq);
    expect((await b.anon['app.status']({})).joining).toBeNull();
  });
});
