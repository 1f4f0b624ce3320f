import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/sync/schemas';
import { complaintIds } from '../../src-main/complaints/storage';
import type { TestApp } from '../support/app';
import { seedStaff, setUpClinic } from '../support/factories';
import { complaintIntake, MP4_HEAD, PNG_1PX } from '../support/complaints';
import { VIDEO_CHUNK_BYTES } from '../../shared/complaints/schemas';
import { DESK_USERS, type TestHeadOffice } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { testWorld } from '../support/world';

/**
 * Complaint numbers across desks that work offline (docs/complaints.md "Numbering"): real desks,
 * the embedded head office in a child process that the test stops and starts.
 */
const { headOffice, desk } = testWorld();

const CS_PIN = '3001';

async function caughtUp(t: TestApp) {
  let last: SyncStatus | null = null;
  return waitFor(async () => {
    const s = (last = await t.app.sync.status());
    return s.state === 'idle' && s.pendingUp === 0 ? s : null;
  }, 'the desk to be caught up').catch((err: Error) => {
    throw new Error(`${err.message}; last status: ${JSON.stringify(last)}`);
  });
}

/** Desk A (set up, CS director on the roster) and desk B (joined), both signed in as the CS director. */
async function twoDesks(ho: TestHeadOffice) {
  const a = await desk();
  await setUpClinic(a);
  const cs = await seedStaff(a, { name: '赵主任', role: 'csDirector', pin: CS_PIN });
  await a.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
  await caughtUp(a);
  const b = await desk();
  await b.anon['clinic.join']({ clinicCode: 'BJ', url: ho.url, ...DESK_USERS.BJ });
  await waitFor(async () => (await b.anon['app.status']({})).setupDone, 'the clinic at desk B');
  await waitFor(() => b.app.store.db.get(cs.id).catch(() => null), 'the CS director at desk B');
  await a.signIn(cs.id, CS_PIN);
  await b.signIn(cs.id, CS_PIN);
  return { a, b, cs };
}

async function acceptNew(t: TestApp, what: string) {
  const c = await t.api['complaint.record'](complaintIntake({ what }));
  return t.api['complaint.step']({ id: c.id, step: { kind: 'accept', note: '' }, attachments: [] });
}

describe('complaint numbers with two desks offline', () => {
  it('only the numbering desk issues: cases accepted at B offline wait as 待编号 and get unique numbers once synced', async () => {
    const ho = await headOffice();
    const { a, b } = await twoDesks(ho);
    await a.api['complaint.setNumberingDesk']({});
    await caughtUp(a);
    await waitFor(() => b.app.store.db.get(complaintIds.settings('BJ')).catch(() => null), 'the settings at desk B');

    await ho.stop();
    const a1 = await acceptNew(a, 'A 的第一件');
    // A photo of the receipt recorded at B travels with the case.
    const withPhoto = await b.api['complaint.record'](complaintIntake({ what: 'B 的收据', evidence: [{ name: 'receipt.png', mime: 'image/png', data: PNG_1PX }] }));
    const b1 = await acceptNew(b, 'B 的第一件');
    const a2 = await acceptNew(a, 'A 的第二件');
    const b2 = await acceptNew(b, 'B 的第二件');
    expect([a1.number, a2.number]).toEqual(['BJ20261101', 'BJ20261102']);
    expect([b1, b2].map((c) => [c.number, c.numberPending])).toEqual([
      [null, true],
      [null, true],
    ]);
    expect((await b.api['complaint.home']({})).pendingNumbers).toBe(2);

    await ho.start();
    // A numbers B's cases as their acceptances arrive; the numbers travel back to B.
    const numbered = await waitFor(async () => {
      const list = await b.api['complaint.list']({ scope: 'all', month: null });
      const accepted = list.filter((c) => c.id !== withPhoto.id);
      return accepted.length === 4 && accepted.every((c) => c.number !== null) ? accepted : null;
    }, 'every case numbered at desk B', 30_000);
    const numbers = numbered.map((c) => c.number).sort();
    expect(numbers).toEqual(['BJ20261101', 'BJ20261102', 'BJ20261103', 'BJ20261104']);
    expect(numbered.find((c) => c.id === b1.id)!.number).not.toBe(a1.number);
    const home = await b.api['complaint.home']({});
    expect(home).toMatchObject({ pendingNumbers: 0, numberProblems: [] });
    await caughtUp(a);
    await caughtUp(b);
    expect((await a.api['complaint.home']({})).numberProblems).toEqual([]);
    // The evidence arrived at A through head office, byte for byte; the unaccepted case waits in A's inbox.
    expect(await a.api['complaint.evidence']({ id: withPhoto.id, name: '1-receipt.png' })).toMatchObject({ mime: 'image/png', data: PNG_1PX });
    expect((await a.api['complaint.home']({})).inbox.map((c) => c.id)).toEqual([withPhoto.id]);
  }, 90_000);

  it('a 3 MB video recorded at desk B reaches desk A whole through head office', async () => {
    const ho = await headOffice();
    const { a, b } = await twoDesks(ho);
    const c = await b.api['complaint.record'](complaintIntake());
    const video = Buffer.alloc(3 * 1024 * 1024, 5);
    Buffer.from(MP4_HEAD, 'base64').copy(video);
    for (let i = 0, at = 0; at < video.length; i++, at += VIDEO_CHUNK_BYTES)
      await b.api['complaint.uploadChunk']({ uploadId: 'lobby-video', index: i, data: video.subarray(at, at + VIDEO_CHUNK_BYTES).toString('base64') });
    const v = await b.api['complaint.attachVideo']({ id: c.id, uploadId: 'lobby-video', name: 'lobby.mp4', mime: 'video/mp4' });
    const eventId = v.events[0]!.id;
    await caughtUp(b);
    await waitFor(() => a.app.store.db.get(eventId).catch(() => null), 'the video event at desk A', 30_000);
    const file = await a.api['complaint.evidence']({ id: eventId, name: '1-lobby.mp4' });
    expect(Buffer.from(file.data, 'base64').equals(video)).toBe(true);
  }, 90_000);

  it('two desks both set as numbering desk while apart: the duplicate arrives, is flagged on both cases at both desks, and nothing is renumbered; an edited number is refused by head office', async () => {
    const ho = await headOffice();
    const { a, b } = await twoDesks(ho);
    await ho.stop();
    // The mistake: both desks made the numbering desk while head office was out of reach.
    await a.api['complaint.setNumberingDesk']({});
    await b.api['complaint.setNumberingDesk']({});
    const ca = await acceptNew(a, 'A 的');
    const cb = await acceptNew(b, 'B 的');
    expect([ca.number, cb.number]).toEqual(['BJ20261101', 'BJ20261101']);

    await ho.start();
    for (const t of [a, b]) {
      const home = await waitFor(async () => {
        const h = await t.api['complaint.home']({});
        return h.numberProblems.length ? h : null;
      }, 'the duplicate to show', 30_000);
      expect(home.numberProblems).toEqual([{ kind: 'sameNumberTwoCases', number: 'BJ20261101', complaintIds: [ca.id, cb.id].sort(), numbers: ['BJ20261101'] }]);
      const views = [await t.api['complaint.get']({ id: ca.id }), await t.api['complaint.get']({ id: cb.id })];
      expect(views.map((v) => [v.number, v.numberProblem])).toEqual([
        ['BJ20261101', true],
        ['BJ20261101', true],
      ]);
    }

    // Someone "fixes" it by editing the number at desk B: head office refuses, naming the rule.
    await caughtUp(b);
    const numberId = complaintIds.number(cb.id, b.app.store.deskId);
    const doc = await b.app.store.db.get<Record<string, unknown>>(numberId);
    await b.app.store.db.put({ ...doc, number: 'BJ20261199', serial: 99 });
    const denied = await waitFor(async () => {
      const s = await b.app.sync.status();
      return s.deniedDocs.length ? s : null;
    }, 'head office to refuse the edited number', 30_000);
    expect(denied.deniedDocs).toMatchObject([{ id: numberId, type: 'complaint-number', reason: 'number: cannot change' }]);
    // Head office still has the number as issued.
    const atHo = await a.app.store.db.get<{ number: string }>(numberId);
    expect(atHo.number).toBe('BJ20261101');
  }, 90_000);
});

