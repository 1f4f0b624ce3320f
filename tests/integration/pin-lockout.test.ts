import { afterEach, describe, expect, it, vi } from 'vitest';
import { refusal, startTestApp, tempDir, type TestApp } from '../support/app';
import { addStaff, LEAD_PIN, setUpClinic } from '../support/factories';
import { MAX_PIN_FAILURES } from '../../src-main/reference/pinGuard';
import type * as Pin from '../../src-main/reference/pin';

/** Every PIN check the app makes, counted (the real scrypt check still runs). */
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src-main/reference/pin', async (importOriginal) => {
  const real = await importOriginal<typeof Pin>();
  return {
    ...real,
    verifyPin: (pin: string, stored: string | null) => {
      checks.count += 1;
      return real.verifyPin(pin, stored);
    },
  };
});

let t: TestApp;
const dirs: { remove(): void }[] = [];
afterEach(async () => {
  await t?.close();
  for (const d of dirs.splice(0)) d.remove();
});

const GUIDE_PIN = '5678';
const signIn = (staffId: string, pin: string) => t.app.dispatcher.invoke('operator.signIn', { staffId, pin }, null);

describe('PIN lock-out', () => {
  it('1,000 guesses sent at once: five PINs are checked, the rest meet the lock, and the right PIN is refused while it holds', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const guide = await addStaff(t, { pin: GUIDE_PIN });
    checks.count = 0;
    // Every other 4-digit PIN, the right one among them (the 500th), all in flight together.
    const guesses = Array.from({ length: 1000 }, (_, i) => (i === 499 ? GUIDE_PIN : String(9000 + i).padStart(4, '0')));
    const answers = await Promise.all(guesses.map((pin) => signIn(guide.id, pin)));

    expect(checks.count).toBe(MAX_PIN_FAILURES);
    expect(answers.filter((a) => a.ok), 'a guess won a session').toHaveLength(0);
    const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code));
    expect(codes.filter((c) => c === 'invalid_input')).toHaveLength(MAX_PIN_FAILURES - 1);
    expect(codes.filter((c) => c === 'locked')).toHaveLength(1000 - (MAX_PIN_FAILURES - 1));

    // The right PIN, after the storm: still locked, and not even checked.
    expect(await refusal(t, 'operator.signIn', { staffId: guide.id, pin: GUIDE_PIN }, null)).toMatchObject({ code: 'locked', field: 'pin' });
    expect(checks.count).toBe(MAX_PIN_FAILURES);
    t.clock.advance(6);
    await expect(t.anon['operator.signIn']({ staffId: guide.id, pin: GUIDE_PIN })).resolves.toMatchObject({ operator: { id: guide.id } });
  });

  it('200 wrong guesses at once, then the right PIN: at most five checks, and the right PIN is refused', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const guide = await addStaff(t, { pin: GUIDE_PIN });
    checks.count = 0;
    const wrong = Promise.all(Array.from({ length: 200 }, () => signIn(guide.id, '0000')));
    const right = signIn(guide.id, GUIDE_PIN);
    await wrong;
    expect(await right).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(checks.count).toBeLessThanOrEqual(MAX_PIN_FAILURES);
  });

  it('a restart keeps the lock: the desk closed and opened on the same data still refuses the right PIN', async () => {
    const dir = tempDir();
    dirs.push(dir);
    t = await startTestApp({ dir: dir.path });
    await setUpClinic(t);
    const guide = await addStaff(t, { pin: GUIDE_PIN });
    for (let i = 0; i < MAX_PIN_FAILURES; i++) await signIn(guide.id, '0000');
    const lockedAt = t.clock.now;
    await t.close();

    t = await startTestApp({ dir: dir.path, now: lockedAt });
    expect(await refusal(t, 'operator.signIn', { staffId: guide.id, pin: GUIDE_PIN }, null)).toMatchObject({ code: 'locked', field: 'pin' });
    t.clock.advance(4);
    expect(await refusal(t, 'operator.signIn', { staffId: guide.id, pin: GUIDE_PIN }, null)).toMatchObject({ code: 'locked' });
    t.clock.advance(2);
    await expect(t.anon['operator.signIn']({ staffId: guide.id, pin: GUIDE_PIN })).resolves.toMatchObject({ operator: { id: guide.id } });
  });

  it('four wrong PINs before a restart and one after lock her out: the count is kept too', async () => {
    const dir = tempDir();
    dirs.push(dir);
    t = await startTestApp({ dir: dir.path });
    await setUpClinic(t);
    const guide = await addStaff(t, { pin: GUIDE_PIN });
    for (let i = 0; i < MAX_PIN_FAILURES - 1; i++) await signIn(guide.id, '0000');
    const at = t.clock.now;
    await t.close();
    t = await startTestApp({ dir: dir.path, now: at });
    expect(await signIn(guide.id, '0000')).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it("a lock-out ends the person's sessions, and only hers", async () => {
    t = await startTestApp();
    const { lead } = await setUpClinic(t);
    const guide = await addStaff(t, { pin: GUIDE_PIN });
    const hers = (await t.anon['operator.signIn']({ staffId: guide.id, pin: GUIDE_PIN })).session;
    const leads = (await t.anon['operator.signIn']({ staffId: lead.id, pin: LEAD_PIN })).session;
    expect(await t.app.dispatcher.invoke('desk.waitingList', {}, hers)).toMatchObject({ ok: true });

    for (let i = 0; i < MAX_PIN_FAILURES; i++) await signIn(guide.id, '0000');
    expect(await t.app.dispatcher.invoke('desk.waitingList', {}, hers)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await t.app.dispatcher.invoke('desk.waitingList', {}, leads)).toMatchObject({ ok: true });
  });

  it('the right PIN clears the count: four wrong, one right, four wrong again are not a lock-out', async () => {
    t = await startTestApp();
    await setUpClinic(t);
    const guide = await addStaff(t, { pin: GUIDE_PIN });
    for (let i = 0; i < MAX_PIN_FAILURES - 1; i++) await signIn(guide.id, '0000');
    expect(await signIn(guide.id, GUIDE_PIN)).toMatchObject({ ok: true });
    for (let i = 0; i < MAX_PIN_FAILURES - 1; i++) expect(await signIn(guide.id, '0000')).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'pin' } });
    expect(await signIn(guide.id, GUIDE_PIN)).toMatchObject({ ok: true });
  });
});
