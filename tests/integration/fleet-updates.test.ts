import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { EventEmitter } from 'node:events';
import JSZip from 'jszip';
import { describe, expect, it, vi } from 'vitest';
import { APP_VERSION } from '../../src-main/fleet/version';
import { startUpdates } from '../../src-main/electron/updater';
import { APP_POLICY_ID } from '../../shared/fleet/rules';
import { expectRefusals, storeMark, type TestApp } from '../support/app';
import { firstVisit, setUpClinic } from '../support/factories';
import { DESK_USERS, HO_USER, type TestHeadOffice } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { testWorld } from '../support/world';

const { headOffice, desk, defer } = testWorld();

const DIRECTOR_PIN = '2468';
async function headOfficeDesk(ho: TestHeadOffice): Promise<TestApp> {
  const t = await desk();
  Object.defineProperty(t.clock, 'now', { get: () => new Date(), set: () => {} });
  await t.anon['headoffice.setup']({ url: ho.url, ...HO_USER, director: { name: '王总监', sex: 'F', role: 'hoCsDirector', pin: DIRECTOR_PIN } });
  const director = (await t.anon['staff.list']({})).find((s) => s.role === 'hoCsDirector')!;
  await t.signIn(director.id, DIRECTOR_PIN);
  return t;
}

/** Head office's update folder, served over HTTP: its channel files are set by each test. */
async function feedServer(files: Record<string, string | (() => { status: number; body: string })>): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const name = (req.url ?? '').replace(/^\/updates\//, '');
    const file = files[name];
    const answer = typeof file === 'function' ? file() : file === undefined ? { status: 404, body: 'not found' } : { status: 200, body: file };
    res.writeHead(answer.status, { 'Content-Type': 'text/yaml' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  defer(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/updates/`, hits };
}

const sha = createHash('sha512').update('installer').digest('base64');
const [major, minor, patch] = APP_VERSION.split('.').map(Number) as [number, number, number];
const newer = `${major}.${minor}.${patch + 1}`;
const channelFile = (version: string, extra = '') => `version: ${version}\nfiles:\n  - url: daoyitai-setup-${version}-x64.exe\n    sha512: ${sha}\n    size: 1234\npath: daoyitai-setup-${version}-x64.exe\nsha512: ${sha}\nreleaseDate: '2026-12-01T10:00:00.000Z'\n${extra}`;

/** electron-updater's autoUpdater as the shell drives it (Electron cannot run here): records what it is asked. */
function fakeUpdater(available = true) {
  return Object.assign(new EventEmitter(), {
    autoDownload: true,
    autoInstallOnAppQuit: false,
    allowDowngrade: true,
    channel: null as string | null,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => ({ isUpdateAvailable: available }) as never),
    downloadUpdate: vi.fn(async () => [] as string[]),
    quitAndInstall: vi.fn(),
  });
}

describe('head office publishes the update channel', () => {
  it('refuses an insecure or credentialed address and unknown pilot clinics, writing nothing; the policy reaches a desk, which reads its channel', async () => {
    const ho = await headOffice({ consolidate: true });
    const hq = await headOfficeDesk(ho);
    const bj = await desk();
    Object.defineProperty(bj.clock, 'now', { get: () => new Date(), set: () => {} });
    await setUpClinic(bj, { code: 'BJ' });
    await bj.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
    await waitFor(async () => ((await hq.api['headoffice.clinics']({})).some((c: { code: string }) => c.code === 'BJ') ? true : null), 'BJ at head office', 60_000);
    // Head office's store keeps pulling for a while (BJ's set-up, the calendars): the refusals'
    // "nothing written" check needs it quiet.
    await waitFor(async () => {
      const a = await storeMark(hq.app.store.db);
      await new Promise((r) => setTimeout(r, 1500));
      return JSON.stringify(a) === JSON.stringify(await storeMark(hq.app.store.db)) ? true : null;
    }, 'head office quiet', 60_000);

    const mark = await storeMark(hq.app.store.db);
    await expectRefusals(hq, 'fleet.setUpdatePolicy', [
      { why: 'plain http over the internet', input: { feedUrl: 'http://updates.example.cn/daoyi/', pilotClinics: [] }, field: 'feedUrl' },
      { why: 'credentials in the address', input: { feedUrl: 'https://it:secret@updates.example.cn/daoyi/', pilotClinics: [] }, field: 'feedUrl' },
      { why: 'not an address', input: { feedUrl: 'updates folder', pilotClinics: [] }, field: 'feedUrl' },
      { why: 'a file: address', input: { feedUrl: 'file:///C:/updates/', pilotClinics: [] }, field: 'feedUrl' },
      { why: 'an unknown clinic', input: { feedUrl: 'https://updates.example.cn/', pilotClinics: ['ZZ'] }, field: 'pilotClinics.0' },
      { why: 'a clinic twice', input: { feedUrl: 'https://updates.example.cn/', pilotClinics: ['BJ', 'BJ'] }, field: 'pilotClinics.1' },
      { why: 'not a clinic code', input: { feedUrl: 'https://updates.example.cn/', pilotClinics: ['bj; drop'] }, field: 'pilotClinics.0' },
      { why: 'a list of numbers', input: { feedUrl: 'https://updates.example.cn/', pilotClinics: [1] }, field: 'pilotClinics.0' },
      { why: 'an unknown field', input: { feedUrl: null, pilotClinics: [], channel: 'beta' }, field: 'channel' },
    ]);
    expect(await storeMark(hq.app.store.db)).toEqual(mark);
    await expect(bj.api['fleet.setUpdatePolicy']({ feedUrl: null, pilotClinics: [] })).rejects.toMatchObject({ code: 'forbidden' });

    const feed = await feedServer({ 'pilot.yml': channelFile(newer), 'latest.yml': channelFile(APP_VERSION) });
    await hq.api['fleet.setMinimumVersion']({ minAppVersion: '0.0.1' });
    // Loopback http is allowed (a LAN folder in a test); the minimum version stays as it was.
    expect(await hq.api['fleet.setUpdatePolicy']({ feedUrl: feed.url, pilotClinics: ['BJ'] })).toEqual({ feedUrl: feed.url, pilotClinics: ['BJ'], minAppVersion: '0.0.1' });
    const policy = await hq.app.store.db.get<Record<string, unknown>>(APP_POLICY_ID);
    expect(policy).toMatchObject({ updateFeedUrl: feed.url, pilotClinics: ['BJ'], minAppVersion: '0.0.1', updatedBy: expect.any(String), updatedAt: expect.any(String) });

    // Through sync (head office's validation takes the new fields) to BJ's desk, a pilot clinic.
    await waitFor(async () => ((await bj.app.store.db.get<{ updateFeedUrl?: string }>(APP_POLICY_ID).catch(() => null))?.updateFeedUrl === feed.url ? true : null), 'the policy at BJ', 60_000);
    const updater = fakeUpdater();
    const updates = startUpdates({ desk: bj.app, updater, lastActivity: () => null });
    defer(() => updates.stop());
    const status = await updates.check();
    expect(status).toMatchObject({ state: 'downloading', channel: 'pilot', version: newer });
    expect(feed.hits).toEqual(['/updates/pilot.yml']);
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: feed.url, channel: 'pilot' });
    expect(updater.downloadUpdate).toHaveBeenCalledTimes(1);
    expect((await bj.api['fleet.updateStatus']({})).status).toMatchObject({ state: 'downloading', version: newer });
  }, 120_000);
});

describe('the desk reads the feed before anything downloads', () => {
  async function deskWithFeed(files: Parameters<typeof feedServer>[0], available = true) {
    const t = await desk();
    await setUpClinic(t, { code: 'SH' });
    const feed = await feedServer(files);
    // As replication would bring head office's policy.
    await t.app.store.db.put({ _id: APP_POLICY_ID, type: 'app-policy', clinic: '*', schemaVersion: 1, createdAt: '2026-12-01T00:00:00.000Z', createdBy: 'staff:HQ:1', updatedAt: '2026-12-01T00:00:00.000Z', updatedBy: 'staff:HQ:1', minAppVersion: null, updateFeedUrl: feed.url, pilotClinics: ['BJ'] });
    const updater = fakeUpdater(available);
    const updates = startUpdates({ desk: t.app, updater, lastActivity: () => null });
    defer(() => updates.stop());
    return { t, feed, updater, updates };
  }

  it('no feed address: updates are off, nothing is fetched', async () => {
    const t = await desk();
    await setUpClinic(t, { code: 'SH' });
    const updater = fakeUpdater();
    const updates = startUpdates({ desk: t.app, updater, lastActivity: () => null });
    defer(() => updates.stop());
    expect(await updates.check()).toMatchObject({ state: 'off' });
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(updater).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: true, allowDowngrade: false });
  });

  it.each([
    ['a lower version', channelFile('0.0.1'), 'current'],
    ['the same version', channelFile(APP_VERSION), 'current'],
    ['a bad hash', channelFile(newer).replaceAll(sha, 'bm90IGEgaGFzaA=='), 'refused'],
    ['an installer outside the folder', channelFile(newer).replaceAll(`daoyitai-setup-${newer}-x64.exe`, '../../../Windows/evil.exe'), 'refused'],
    ['not YAML', '{{{ : :', 'refused'],
    ['a staged share of 300', channelFile(newer, 'stagingPercentage: 300\n'), 'refused'],
  ])('%s: nothing is downloaded (%s)', async (_why, body, state) => {
    const { t, updater, updates } = await deskWithFeed({ 'latest.yml': body });
    expect((await updates.check()).state).toBe(state);
    expect((await t.api['fleet.updateStatus']({})).status?.state).toBe(state);
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    expect(updater.downloadUpdate).not.toHaveBeenCalled();
  });

  it('a feed that answers an error or too much is refused', async () => {
    const { updates, updater } = await deskWithFeed({ 'latest.yml': () => ({ status: 500, body: 'oops' }) });
    expect(await updates.check()).toMatchObject({ state: 'refused', detail: expect.stringContaining('500') });
    const big = await deskWithFeed({ 'latest.yml': `version: ${newer}\n# ${'x'.repeat(70_000)}\n` });
    expect(await big.updates.check()).toMatchObject({ state: 'refused', detail: expect.stringContaining('too large') });
    expect(updater.downloadUpdate).not.toHaveBeenCalled();
  });

  it('a staged rollout that leaves this desk out downloads nothing; a download installs on quit or at night when idle, never by day', async () => {
    const out = await deskWithFeed({ 'latest.yml': channelFile(newer, 'stagingPercentage: 10\n') }, false);
    expect(await out.updates.check()).toMatchObject({ state: 'current', channel: 'latest' });
    expect(out.updater.downloadUpdate).not.toHaveBeenCalled();

    const { t, updater } = await deskWithFeed({ 'latest.yml': channelFile(newer) });
    let now = new Date('2026-12-03T14:00:00+08:00');
    let last: Date | null = new Date('2026-12-03T13:59:00+08:00');
    const updates = startUpdates({ desk: t.app, updater, lastActivity: () => last, now: () => now });
    defer(() => updates.stop());
    expect(await updates.check()).toMatchObject({ state: 'downloading', channel: 'latest' });
    expect(updates.tryInstall()).toBe(false); // nothing downloaded yet
    updater.emit('update-downloaded', { version: newer });
    await waitFor(async () => ((await t.api['fleet.updateStatus']({})).status?.state === 'ready' ? true : null), 'ready');
    expect(updates.tryInstall()).toBe(false); // 14:00: the clinic is open
    now = new Date('2026-12-03T22:00:00+08:00');
    last = new Date('2026-12-03T21:55:00+08:00');
    expect(updates.tryInstall()).toBe(false); // someone used the desk five minutes ago
    last = new Date('2026-12-03T21:30:00+08:00');
    expect(updates.tryInstall()).toBe(true);
    expect(updater.quitAndInstall).toHaveBeenCalledWith(true, true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });
});

describe('导出诊断包', () => {
  it('one .zip with the logs, versions, sync state and document counts, and no name or phone of a patient; a guide may not export it', async () => {
    const t = await desk();
    const { lead } = await setUpClinic(t, { code: 'BJ' });
    await t.api['desk.checkIn'](firstVisit({ name: '诊断包测试', phone: '13912345678' }));
    // A refusal that quotes what was typed goes to the log as its code only.
    await t.api['desk.checkIn'](firstVisit({ name: '诊断包测试二', phone: '13912345678' })).catch(() => {});
    t.app.logger.info('test: flush');
    const file = await t.api['fleet.diagnostics']({});
    expect(file).toMatchObject({ mime: 'application/zip', filename: expect.stringMatching(/^诊断包_\d{4}-\d{2}-\d{2}_[0-9a-z-]+\.zip$/) });
    const zip = await JSZip.loadAsync(new Uint8Array(Buffer.from(file.base64, 'base64')));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir).sort();
    expect(names).toEqual(expect.arrayContaining(['logs/daoyi.log', 'store.json', 'sync.json', 'versions.json']));
    const texts = await Promise.all(names.map((n) => zip.file(n)!.async('string')));
    const all = texts.join('\n');
    for (const secret of ['诊断包测试', '13912345678', lead.name]) expect(all, secret).not.toContain(secret);
    expect(JSON.parse(texts[names.indexOf('versions.json')]!)).toMatchObject({ app: APP_VERSION, node: process.versions.node, deskId: t.app.store.deskId });
    const store = JSON.parse(texts[names.indexOf('store.json')]!) as { documentsByType: Record<string, number> };
    expect(store.documentsByType.customer).toBe(1);
    expect(store.documentsByType.visit).toBe(1);
    expect(JSON.parse(texts[names.indexOf('sync.json')]!)).toMatchObject({ state: expect.any(String), pendingUp: expect.any(Number) });
    expect(texts[names.indexOf('logs/daoyi.log')]).toContain('app: start');

    await expect(t.api['fleet.diagnostics']({ all: true } as never)).rejects.toMatchObject({ code: 'invalid_input', field: 'all' });
    const guide = await t.api['staff.add']({ name: '小导医', sex: 'F', role: 'guide', departmentId: null, pin: '5678' });
    await t.signIn(guide.id, '5678');
    await expect(t.api['fleet.diagnostics']({})).rejects.toMatchObject({ code: 'forbidden' });
  });
});
