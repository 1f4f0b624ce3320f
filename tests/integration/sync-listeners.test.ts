import { expect, it } from 'vitest';
import { setUpClinic } from '../support/factories';
import { DESK_USERS } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { testWorld } from '../support/world';

/**
 * Every sync session (and every changes feed, view update and status ask in it) listens for the
 * desk database's `destroyed` and `closed`: after each of several sessions, caught up, the desk
 * holds the same listeners as after the first — none is left behind per session or per batch.
 * (The MaxListenersExceededWarning of the sync benches is a peak of feeds at once, not a leak.)
 */
const { headOffice, desk } = testWorld();

it('the desk database holds the same listeners after every sync session', async () => {
  const ho = await headOffice();
  const t = await desk();
  await setUpClinic(t);
  await t.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
  const db = t.app.store.db;
  const listeners = () => Object.fromEntries(db.eventNames().map((e) => [String(e), db.listenerCount(e)]));
  const seen: Record<string, number>[] = [];
  for (let session = 0; session < 5; session += 1) {
    await waitFor(async () => {
      const s = await t.app.sync.status();
      return s.state === 'idle' && s.pendingUp === 0;
    }, `session ${session} to catch up`, 20_000);
    seen.push(listeners());
    await t.app.sync.restart();
  }
  expect(seen[0]!.destroyed).toBeGreaterThan(0); // the live replications are counted
  for (const s of seen) expect(s).toEqual(seen[0]);
}, 120_000);
