import { describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app';
import { LEAD_PIN, setUpClinic } from '../support/factories';
import { DESK_USERS } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { testWorld } from '../support/world';

const { headOffice, desk } = testWorld();

/** Idle with nothing waiting to go up and this many conflicts. */
const caughtUp = (t: TestApp, conflicts: number) =>
  waitFor(async () => {
    const s = await t.app.sync.status();
    return s.state === 'idle' && s.pendingUp === 0 && s.conflicts === conflicts ? s : null;
  }, `caught up with ${conflicts} conflicts`, 30_000);

describe('two desks correct the same minutes offline', () => {
  it('seed 003 「組織每周一次的小組例會」: resolving the conflict keeps the history of both edits, the one not kept marked; every desk and head office agree', async () => {
    const ho = await headOffice();
    const a = await desk();
    const f = await setUpClinic(a);
    await a.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
    const saved = await a.api['meeting.save']({ kind: 'weekly', date: '2026-11-20', attendees: [f.lead.id], issues: ['指示牌不醒目'], actions: [], followUps: [] });
    const m = saved.meetings[0]!;
    await caughtUp(a, 0);

    const b = await desk();
    await b.anon['clinic.join']({ clinicCode: 'BJ', url: ho.url, ...DESK_USERS.BJ });
    await waitFor(async () => (await b.anon['app.status']({})).setupDone, 'the clinic at desk B');
    await waitFor(() => b.app.store.db.get(m.id).catch(() => null), 'the minutes at desk B');
    await b.signIn(f.lead.id, LEAD_PIN);
    await caughtUp(b, 0);

    // Head office away: desk A adds an issue, desk B (ten minutes later) an attendee, each on the version both read.
    await ho.stop();
    await a.api['meeting.edit']({ id: m.id, rev: m.rev, attendees: [f.lead.id], issues: ['指示牌不醒目', '候诊区灯光暗'], actions: [], followUps: [] });
    b.clock.advance(10);
    await b.api['meeting.edit']({ id: m.id, rev: m.rev, attendees: [f.lead.id, f.consultant.id], issues: ['指示牌不醒目'], actions: [], followUps: [] });
    await ho.start();
    await caughtUp(a, 1);
    await caughtUp(b, 1);

    // Before resolving, each desk shows the winner with its own edit only.
    const [conflict] = await a.api['sync.conflicts']({});
    expect(conflict).toMatchObject({ id: m.id, type: 'staff-meeting' });
    const winner = (await a.api['meeting.list']({ kind: 'weekly' })).meetings[0]!;
    expect(winner.edits).toHaveLength(1);
    const winnerField = winner.edits[0]!.changes[0]!.field;

    // A lead keeps the winner at desk A: the other desk's edit stays in the history, marked as not kept.
    a.clock.advance(30);
    await a.api['sync.resolveConflict']({ id: m.id, keepRev: conflict!.winner.rev });
    for (const t of [a, b]) {
      await caughtUp(t, 0);
      const shown = await waitFor(async () => {
        const x = (await t.api['meeting.list']({ kind: 'weekly' })).meetings.find((y) => y.id === m.id)!;
        return x.edits.length === 2 ? x : null;
      }, 'both edits in the history');
      expect(shown.edits.map((e) => [e.at, e.changes.map((c) => c.field), e.notKept ?? false])).toEqual([
        ['2026-11-27T02:00:00.000Z', ['issues'], winnerField !== 'issues'],
        ['2026-11-27T02:10:00.000Z', ['attendees'], winnerField !== 'attendees'],
      ]);
      // The content is the kept revision's.
      expect(shown.issues.length === 2).toBe(winnerField === 'issues');
      expect(await t.api['sync.conflicts']({})).toEqual([]);
      expect((await t.app.sync.status()).deniedDocs).toEqual([]);
    }
    // The merged record carries who and when; head office holds it without a conflict, and the loser's whole body in the archive.
    const atHo = await ho.admin<{ edits: unknown[]; updatedBy: string; updatedAt: string; _conflicts?: string[] }>('GET', `/clinic_bj/${encodeURIComponent(m.id)}?conflicts=true`);
    expect(atHo.body).toMatchObject({ updatedBy: f.lead.id, updatedAt: '2026-11-27T02:30:00.000Z' });
    expect(atHo.body.edits).toHaveLength(2);
    expect(atHo.body._conflicts).toBeUndefined();
    expect((await ho.ids('clinic_bj')).filter((id) => id.startsWith(`conflict-archive:${m.id}:`))).toHaveLength(1);
  }, 90_000);
});
