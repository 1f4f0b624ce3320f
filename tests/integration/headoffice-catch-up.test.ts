import { describe, expect, it } from 'vitest';
import type { Period } from '../../shared/headoffice/schemas';
import { BACKGROUND_CATCH_UP } from '../../src-main/headoffice/summaries';
import { writeYear } from '../../scripts/benchData';
import { startTestApp } from '../support/app';
import { waitFor } from '../support/wait';
import { testWorld } from '../support/world';

/**
 * The first dashboard after a large pull (issue 16): head office answers at once from the days
 * summarised so far with how far the catch-up has come (the screen says 正在汇总 N/M), while the
 * day summaries catch up in the background, slice by slice; once done, the figures are those of
 * every document. A small catch-up is still awaited whole (tests/integration/headoffice.test.ts).
 */
const { defer } = testWorld();
const year: Period = { from: '2026-01-01', to: '2026-12-31', clinic: null, grain: 'month' };

describe('head office: the dashboard while the summaries catch up', () => {
  it('answers from what is summarised so far with its progress, then with every document once caught up', async () => {
    const now = new Date('2027-01-01T02:00:00Z');
    const t = await startTestApp({ now });
    defer(() => t.close());
    await t.anon['headoffice.setup']({ url: 'http://127.0.0.1:9', username: 'ho', password: 'test-pw', director: { name: '总监', sex: 'F', role: 'hoCsDirector', pin: '1234' } });
    await t.app.sync.disconnect();
    const director = (await t.anon['staff.list']({}))[0]!;
    await t.signIn(director.id, '1234');
    // More changes than the dashboard waits for, written as a pull writes them.
    const { expected, written } = await writeYear(t.app.store.db, BACKGROUND_CATCH_UP * 2, 2026, now, director.id, ['BJ', 'SH']);
    expect(written).toBeGreaterThan(BACKGROUND_CATCH_UP);

    const first = await t.api['headoffice.dashboard'](year);
    expect(first.catchingUp).not.toBeNull();
    expect(first.catchingUp!.total).toBeGreaterThan(BACKGROUND_CATCH_UP);
    expect(first.catchingUp!.done).toBeLessThanOrEqual(first.catchingUp!.total);
    expect(first.visits.total).toBeLessThan(expected.visits);
    // The door keeps answering while it runs.
    expect((await t.anon['app.status']({})).setupDone).toBe(true);

    const seen: { done: number; total: number }[] = [];
    const done = await waitFor(
      async () => {
        const d = await t.api['headoffice.dashboard'](year);
        if (d.catchingUp) seen.push(d.catchingUp);
        return d.catchingUp === null ? d : null;
      },
      'the summaries to catch up',
      600_000,
      200,
    );
    // Progress only moves forward.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    expect(done.visits.total).toBe(expected.visits);
    expect(done.tea.served).toBe(expected.tea.served);
    expect(done.tea.declined).toBe(expected.tea.declined);
    expect(done.visits.byOutcome.reduce((s, o) => s + o.count, 0)).toBe(Object.values(expected.outcomes).reduce((s, n) => s + n, 0));
    // Caught up: a few more changes are awaited whole again.
    expect((await t.api['headoffice.dashboard'](year)).catchingUp).toBeNull();
    // Closed here, not in the clean-up hook: the views warmed at start over 20,000 documents outlast its 20 s.
    await t.close();
  }, 600_000);
});
