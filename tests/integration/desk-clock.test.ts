import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { setUpClinic } from '../support/factories';

/** The instant of a time-ordered id tail (shared/ids.ts: 10 Crockford base32 digits of milliseconds, then 8 random). */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const tailTime = (id: string) => new Date([...id.split(/[:-]/).at(-1)!.slice(0, 10)].reduce((t, c) => t * 32 + ALPHABET.indexOf(c), 0));

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

// This file's process mints no id before the store below: ids never step back within a process,
// so one minted by the real clock first would date all the later ones (the bug this checks).
describe("a desk's ids follow the app's clock", () => {
  it('a new desk on a clock a week behind the real one: its desk id and the records after it are dated by that clock', async () => {
    const clock = new Date(Date.now() - 7 * 24 * 3600_000);
    t = await startTestApp({ now: clock });
    expect(tailTime(t.app.store.deskId).toISOString()).toBe(clock.toISOString());
    const { lead, consultant } = await setUpClinic(t);
    // The lead and the consultant sort by creation, and are dated as their createdAt says.
    expect(tailTime(lead.id).toISOString()).toBe(clock.toISOString());
    expect(tailTime(consultant.id).toISOString()).toBe(clock.toISOString());
    expect(lead.id < consultant.id).toBe(true);
  });
});
