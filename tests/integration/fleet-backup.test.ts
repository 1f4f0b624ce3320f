import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src-main/store/pouch';
import { BackupError, restoreBackup } from '../../src-main/fleet/backup';
import { readBackupStatus, startBackupSchedule } from '../../src-main/fleet/backupSchedule';
import { expectRefusals, storeMark, tempDir } from '../support/app';
import { nodeSecretStore } from '../../src-main/platform/secrets.node';
import { conflictedStaff, firstVisit, LEAD_PIN, setUpClinic } from '../support/factories';
import { DESK_USERS } from '../support/headOffice';
import { waitFor } from '../support/wait';
import { testWorld } from '../support/world';

/** Backup and restore (docs/operations.md): real stores on disk, a real head office. */
const { headOffice, desk, defer } = testWorld();

async function everyLeaf(db: Db): Promise<string[]> {
  const out: string[] = [];
  const feed = db.changes({ since: 0, style: 'all_docs', return_docs: false });
  feed.on('change', (c) => {
    if (!c.id.startsWith('_design/')) for (const { rev } of c.changes) out.push(`${c.id} ${rev}`);
  });
  await feed;
  return out.sort();
}

function scratch() {
  const tmp = tempDir('daoyi-backup-');
  defer(() => tmp.remove());
  return tmp.path;
}

describe('backup and restore', () => {
  it('backs up on demand; a new data folder restored from it has every document and revision, the same desk id, and catches up by sync', async () => {
    const ho = await headOffice();
    const t = await desk();
    await setUpClinic(t);
    await t.api['sync.configure']({ url: ho.url, ...DESK_USERS.BJ });
    for (let i = 0; i < 3; i++) await t.api['desk.checkIn'](firstVisit());
    await conflictedStaff(t); // a document with two leaves: both are kept
    // Settled first: head office's reference data (the seeded calendars) arrives after the
    // configure, and a backup taken meanwhile holds what was there, not what arrives after it.
    await waitFor(async () => {
      const s = await t.api['sync.status']({});
      return (s.state === 'idle' && s.pendingUp === 0) || null;
    }, 'the desk settled with head office');
    const folder = join(scratch(), '优盘', '备份');
    const result = await t.api['backup.create']({ folder });
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^导医台备份_BJ_desk-.+\.daoyi-backup$/)]);
    expect(result).toMatchObject({ path: join(folder, readdirSync(folder)[0]!), docCount: expect.any(Number) });
    expect(await t.api['backup.status']({})).toMatchObject({ last: { path: result.path }, lastError: null });
    const before = await everyLeaf(t.app.store.db);
    expect(result.docCount).toBe(before.length);
    await waitFor(async () => (await t.api['sync.status']({})).pendingUp === 0 || null, 'the desk caught up');

    // After the backup, the old desk records one more visit (which reaches head office).
    const later = await t.api['desk.checkIn'](firstVisit({ name: '备份后' }));
    await waitFor(async () => ((await ho.ids('clinic_bj')).includes(later.id) ? true : null), 'the later visit at head office');

    const newDir = join(scratch(), '新电脑');
    const header = await restoreBackup(result.path, newDir);
    expect(header).toMatchObject({ deskId: t.app.store.deskId, clinic: 'BJ', docCount: before.length });
    const r = await desk(newDir);
    expect(r.app.store.deskId).toBe(t.app.store.deskId);
    expect(await everyLeaf(r.app.store.db)).toEqual(before);
    expect((await r.anon['app.status']({})).setupDone).toBe(true);
    // Connected again, it catches up on what happened since the backup, without a conflict.
    await r.app.sync.configure({ url: ho.url, ...DESK_USERS.BJ });
    await waitFor(() => r.app.store.db.get(later.id).catch(() => null), 'the later visit at the restored desk');
    const status = await waitFor(async () => {
      const s = await r.app.sync.status();
      return s.state === 'idle' ? s : null;
    }, 'the restored desk idle');
    expect(status.conflicts).toBe(1); // only the one the backup already had
  }, 90_000);

  it('refuses a corrupt, foreign or truncated backup with a clear message, and a folder that holds a store, writing nothing', async () => {
    const t = await desk();
    await setUpClinic(t);
    await t.api['desk.checkIn'](firstVisit());
    const dir = scratch();
    const { path } = await t.api['backup.create']({ folder: dir });
    const whole = new Uint8Array(readFileSync(path));
    const json = JSON.parse(Buffer.from(gunzipSync(whole)).toString('utf8')) as { docs: { name?: string }[] };
    const tampered = { ...json, docs: json.docs.map((d, i) => (i === 0 ? { ...d, name: '改过' } : d)) };
    const cases: [string, Uint8Array, RegExp][] = [
      ['truncated', whole.slice(0, Math.floor(whole.length / 2)), /已损坏（无法解压或读取）/],
      ['a changed document', new Uint8Array(gzipSync(JSON.stringify(tampered))), /已损坏（校验不符）/],
      ['not a backup', new Uint8Array(gzipSync(JSON.stringify({ hello: 'world' }))), /不是导医台的备份文件/],
      ['a newer schema', new Uint8Array(gzipSync(JSON.stringify({ ...json, schemaVersion: 999 }))), /比本机导医台新/],
    ];
    for (const [why, bytes, message] of cases) {
      const file = join(dir, `${why}.daoyi-backup`);
      writeFileSync(file, bytes);
      const target = join(dir, `target-${why}`);
      const err = await restoreBackup(file, target).catch((e: unknown) => e);
      expect(err, why).toBeInstanceOf(BackupError);
      expect((err as Error).message, why).toMatch(message);
      expect(existsSync(target), why).toBe(false);
    }
    await expect(restoreBackup(join(dir, 'missing.daoyi-backup'), join(dir, 'x'))).rejects.toThrow(/找不到或无法读取备份文件/);
    // A data folder that already holds a store is not overwritten.
    const other = await desk();
    await setUpClinic(other, { code: 'SH' });
    const mark = await storeMark(other.app.store.db);
    await expect(restoreBackup(path, other.dir)).rejects.toThrow(/恢复不会覆盖它/);
    expect(await storeMark(other.app.store.db)).toEqual(mark);
  }, 90_000);

  it('refuses bad folders and schedules by field, and keeps the schedule', async () => {
    const t = await desk();
    await setUpClinic(t);
    await expectRefusals(t, 'backup.create', [
      { why: 'empty', input: { folder: '' }, field: 'folder' },
      { why: 'relative', input: { folder: 'backups' }, field: 'folder' },
      { why: 'wrong type', input: { folder: 42 }, field: 'folder' },
      { why: 'oversized', input: { folder: '/' + 'a'.repeat(500) }, field: 'folder' },
      { why: 'unknown field', input: { folder: '/tmp', extra: 1 }, field: 'extra' },
    ]);
    await expectRefusals(t, 'backup.schedule', [
      { why: 'zero hours', input: { folder: '/tmp', everyHours: 0 }, field: 'everyHours' },
      { why: 'missing hours', input: { folder: '/tmp' }, field: 'everyHours' },
    ]);
    const folder = join(scratch(), 'daily');
    expect(await t.api['backup.schedule']({ folder, everyHours: 24 })).toMatchObject({ schedule: { folder, everyHours: 24 }, last: null });
    expect((await t.api['backup.status']({})).schedule).toEqual({ folder, everyHours: 24 });
    expect((await t.api['backup.schedule']({ folder: null, everyHours: 24 })).schedule).toBeNull();
    await t.api['backup.schedule']({ folder, everyHours: 24 });
    // The schedule's runner (the app asks every 10 minutes; here every 20 ms): one backup, then none for 24 hours.
    const runner = startBackupSchedule({ db: t.app.store.db, deskId: t.app.store.deskId, now: () => t.clock.now, log: () => {}, checkMs: 20 });
    const first = await waitFor(async () => (await readBackupStatus(t.app.store.db)).last, 'the scheduled backup');
    expect(readdirSync(folder)).toEqual([first.path.slice(folder.length + 1)]);
    // When the next one is due is the rule's (tests/unit/fleet-rules.test.ts): a day later, one more.
    t.clock.advance(24 * 60);
    await waitFor(() => (readdirSync(folder).length === 2 ? true : null), 'the next day’s backup');
    await runner.stop();
  }, 90_000);
});

describe('sync over the internet needs https', () => {
  it('refuses plain http to an internet address at join and in settings (field url), nothing written; LAN and https are taken', async () => {
    const t = await desk();
    await expectRefusals(t, 'clinic.join', [{ why: 'http over the internet', input: { clinicCode: 'BJ', url: 'http://couch.chain.cn:5984', username: 'desk_bj', password: 'x' }, field: 'url' }]);
    await setUpClinic(t);
    await expectRefusals(t, 'sync.configure', [
      { why: 'http over the internet', input: { url: 'http://couch.chain.cn', username: 'desk_bj', password: 'x' }, field: 'url' },
      { why: 'http to a public IP', input: { url: 'http://8.8.8.8:5984', username: 'desk_bj', password: 'x' }, field: 'url' },
    ]);
    expect((await t.api['sync.configure']({ url: 'http://192.168.1.10:9', username: 'desk_bj', password: 'x' })).server).toBe('http://192.168.1.10:9');
    expect((await t.api['sync.configure']({ url: 'https://127.0.0.1:9', username: 'desk_bj', password: 'x' })).server).toBe('https://127.0.0.1:9');
    await t.api['sync.disconnect']({});
  }, 90_000);

  it('credentials stored before the rule (plain http to an internet address) send nothing: sync stops and says why until a person reconnects', async () => {
    const dir = tempDir();
    defer(() => dir.remove());
    const first = await desk(dir.path);
    const { lead } = await setUpClinic(first);
    await first.close();
    // As an older app left them: the address was never checked.
    await nodeSecretStore(dir.path).write({ url: 'http://couch.chain.cn:5984', username: 'desk_bj', password: 'x' });
    const t = await desk(dir.path);
    const status = await waitFor(async () => {
      const s = await t.app.sync.status();
      return s.state === 'error' ? s : null;
    }, 'sync to stop on the insecure address');
    expect(status.lastError).toMatchObject({ kind: 'insecure', message: expect.stringContaining('https://') });
    // It stays stopped: nothing retries it behind the person's back.
    await t.app.sync.restart();
    expect((await t.app.sync.status()).lastError?.kind).toBe('insecure');
    // A LAN address taken by the rule clears it.
    await t.signIn(lead.id, LEAD_PIN);
    await t.api['sync.configure']({ url: 'http://192.168.1.10:9', username: 'desk_bj', password: 'x' });
    expect((await t.app.sync.status()).lastError?.kind).not.toBe('insecure');
    await t.api['sync.disconnect']({});
  }, 90_000);
});
