import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clockIsWrong } from '../../shared/fleet/rules';
import { setUpClinic } from '../support/factories';
import { DESK_USERS } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { testWorld } from '../support/world';

/** Running many desks (docs/operations.md) against the embedded head office in a child process. */
const { headOffice, desk } = testWorld();

/** A desk whose clock is the PC's (the test desks' clock otherwise stands still at a fixed instant). */
async function realClockDesk() {
  const t = await desk();
  Object.defineProperty(t.clock, 'now', { get: () => new Date(), set: () => {} });
  return t;
}

describe('clock check', () => {
  it('a head office whose clock is 5 minutes ahead: the desk knows its clock is wrong; an honest one: right', async () => {
    const skewed = await headOffice({ clockSkewMs: 5 * 60_000 });
    const t = await realClockDesk();
    await setUpClinic(t);
    await t.api['sync.configure']({ url: skewed.url, ...DESK_USERS.BJ });
    const status = await waitFor(async () => {
      const s = await t.api['sync.status']({});
      return s.clock ? s : null;
    }, 'a clock reading');
    // The desk is 5 minutes behind head office (give or take the second the header is rounded to).
    expect(Math.abs(status.clock!.offsetMs - 300_000)).toBeLessThan(3_000);
    expect(clockIsWrong(status.clock!.offsetMs)).toBe(true);
    // The log says so, and follows the sync states.
    await waitFor(() => readFileSync(t.app.logger.file, 'utf8').includes('the clock is wrong'), 'the clock line in the log');
    await waitFor(() => readFileSync(t.app.logger.file, 'utf8').includes('"event":"sync: state","state":"idle"'), 'the idle state in the log');

    const honest = await headOffice();
    await t.api['sync.configure']({ url: honest.url, ...DESK_USERS.BJ });
    const right = await waitFor(async () => {
      const s = await t.api['sync.status']({});
      return s.server === honest.url && s.clock && !clockIsWrong(s.clock.offsetMs) ? s : null;
    }, 'the clock right again');
    expect(Math.abs(right.clock!.offsetMs)).toBeLessThan(3_000);
  });
});
