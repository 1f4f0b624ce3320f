import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, truncateSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../../src-main/app';
import { openStore } from '../../src-main/store/store';
import { durableLeveldown, mustExist } from '../../src-main/store/durableLeveldown';
import { PouchDB } from '../../src-main/store/pouch';
import { STORE_FOLDER, StoreProblemError, startupErrorMessage, storeProblemOf } from '../../src-main/store/health';
import { startTestApp, tempDir } from '../support/app';
import { setUpClinic } from '../support/factories';

/**
 * A damaged or missing store on a real disk (docs/security.md): each start is refused with a
 * Chinese message before anything is served, and no file of the store is changed, created or
 * removed, so that what is there can still be restored.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const DOCS = 400;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A set-up desk with DOCS extra documents, closed, its log compacted into table files. */
async function setUpDesk(): Promise<{ dir: string; ids: string[] }> {
  const dir = tempDir();
  cleanups.push(dir.remove);
  const t = await startTestApp({ dir: dir.path });
  await setUpClinic(t);
  const docs = Array.from({ length: DOCS }, (_, i) => ({ _id: `note:${String(i).padStart(5, '0')}`, type: 'note', text: `第 ${i} 条 ${'记录'.repeat(60)}` }));
  await t.app.store.db.bulkDocs(docs);
  const ids = (await t.app.store.db.allDocs()).rows.map((r) => r.id);
  await t.close();
  // LevelDB turns its log into a table file when it next opens.
  const again = await openStore(dir.path);
  await again.close();
  return { dir: dir.path, ids };
}

/**
 * Every file under the data directory with a hash of its content, but the app's log
 * (`logs/daoyi.log`, docs/operations.md), which records the refusal for IT and is meant to grow.
 */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (path === join(dir, 'logs')) continue;
      if (statSync(path).isDirectory()) walk(path);
      else out[path.slice(dir.length)] = createHash('sha256').update(readFileSync(path).toString('base64')).digest('hex');
    }
  };
  walk(dir);
  return out;
}

function largestTable(dir: string): string {
  const folder = join(dir, STORE_FOLDER);
  const tables = readdirSync(folder)
    .filter((f) => f.endsWith('.ldb'))
    .map((f) => join(folder, f))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  expect(tables.length).toBeGreaterThan(0);
  return tables[0]!;
}

/** Starts the app as the desk would and expects a refusal of `kind` that left every file as it was. */
async function expectRefusal(dir: string, kind: string, options: Parameters<typeof startApp>[1] = {}): Promise<string> {
  const before = snapshot(dir);
  const refusal = await startApp(dir, { log: () => {}, ...options }).then(
    async (app) => {
      await app.close();
      return null;
    },
    (err: unknown) => err,
  );
  expect(refusal, 'the start was refused').toBeInstanceOf(StoreProblemError);
  expect((refusal as StoreProblemError).problem.kind).toBe(kind);
  expect(snapshot(dir), 'no file was changed, added or removed').toEqual(before);
  return startupErrorMessage(refusal, dir);
}

async function expectAllThere(dir: string, ids: string[]) {
  const t = await startTestApp({ dir });
  cleanups.push(() => t.close());
  expect((await t.anon['app.status']({})).setupDone).toBe(true);
  const rows = (await t.app.store.db.allDocs()).rows.map((r) => r.id);
  expect(rows).toEqual(ids);
}

describe('a missing CURRENT file never wipes the store', () => {
  it('refuses to start, names CURRENT and the manifest, and every document comes back once CURRENT is restored', async () => {
    const { dir, ids } = await setUpDesk();
    expect(ids.length).toBeGreaterThan(DOCS);
    const current = join(dir, STORE_FOLDER, 'CURRENT');
    const manifest = readFileSync(current, 'utf8').trim();
    expect(manifest).toMatch(/^MANIFEST-\d+$/);
    renameSync(current, join(dir, 'CURRENT.aside'));

    const message = await expectRefusal(dir, 'missing');
    expect(message).toContain('数据文件缺失');
    expect(message).toContain(current);
    expect(message).toContain(manifest);
    expect(message).toContain('没有改动任何文件');
    // A second start is refused the same way: nothing was created in between.
    await expectRefusal(dir, 'missing');

    // What the message tells a technician to do: one line naming the manifest.
    writeFileSync(current, `${manifest}\n`);
    await expectAllThere(dir, ids);
  });

  it('a desk whose whole store folder is gone is refused, not offered set-up as a new desk', async () => {
    const { dir, ids } = await setUpDesk();
    renameSync(join(dir, STORE_FOLDER), join(dir, 'desk.aside'));
    const message = await expectRefusal(dir, 'missing');
    expect(message).toContain('恢复方法');
    renameSync(join(dir, 'desk.aside'), join(dir, STORE_FOLDER));
    await expectAllThere(dir, ids);
  });

  it('behind the check, LevelDB itself is opened without createIfMissing for a desk that was set up', async () => {
    const { dir } = await setUpDesk();
    const folder = join(dir, STORE_FOLDER);
    renameSync(join(folder, 'CURRENT'), join(dir, 'CURRENT.aside'));
    // LevelDB rotates its own diagnostic LOG on any open; every data file must stay as it was.
    const dataFiles = () => Object.fromEntries(Object.entries(snapshot(dir)).filter(([path]) => !/[\\/]LOG(\.old)?$/.test(path)));
    const before = dataFiles();
    mustExist.add(folder);
    cleanups.push(() => void mustExist.delete(folder));
    const db = new PouchDB(folder, { adapter: 'leveldb', db: durableLeveldown } as PouchDB.Configuration.DatabaseConfiguration);
    await expect(db.info()).rejects.toThrow(/does not exist/);
    expect(dataFiles()).toEqual(before);
  });

  it('a new data directory still sets up as a new desk', async () => {
    const t = await startTestApp();
    cleanups.push(() => t.close());
    expect((await t.anon['app.status']({})).setupDone).toBe(false);
  });
});

describe('a damaged table file stops the start with a message, never a crash after ready', () => {
  it('a zeroed 4 KiB block is found before anything is served', async () => {
    const { dir } = await setUpDesk();
    const table = largestTable(dir);
    expect(statSync(table).size).toBeGreaterThan(3 * 4096);
    const fd = openSync(table, 'r+');
    writeSync(fd, new Uint8Array(4096), 0, 4096, 4096);
    closeSync(fd);
    const message = await expectRefusal(dir, 'damaged');
    expect(message).toContain('数据文件已损坏');
    expect(message).toContain(table);
  });

  it('a truncated table file is refused with the same kind of message', async () => {
    const { dir } = await setUpDesk();
    const table = largestTable(dir);
    truncateSync(table, Math.floor(statSync(table).size / 2));
    const message = await expectRefusal(dir, 'damaged');
    expect(message).toContain('数据文件已损坏');
    expect(message).toContain(table);
  });

  it('the half-written output of a compaction a close cut short is not damage: the MANIFEST does not list it, LevelDB deletes it at open, every document is there', async () => {
    const { dir, ids } = await setUpDesk();
    const table = largestTable(dir);
    // As LevelDB leaves it (CleanupCompaction abandons the builder): a numbered table file, no footer.
    const orphan = join(dirname(table), '999999.ldb');
    writeFileSync(orphan, new Uint8Array(readFileSync(table).subarray(0, Math.floor(statSync(table).size / 2))));
    await expectAllThere(dir, ids);
    expect(existsSync(orphan)).toBe(false);
  });
});

describe('a full disk stops the start before LevelDB or a view writes', () => {
  it('refuses with the free space named, files untouched', async () => {
    const { dir, ids } = await setUpDesk();
    const message = await expectRefusal(dir, 'diskFull', { store: { freeBytes: () => 3 * 1024 * 1024 } });
    expect(message).toContain('磁盘空间不足（剩余 3 MB');
    await expectAllThere(dir, ids);
  });

  it("LevelDB's own ENOSPC (as a 400 KiB tmpfs gave it) reads as a full disk", () => {
    const err = Object.assign(new Error('IO error: /mnt/d/desk/000005.ldb: No space left on device'), { name: 'OpenError' });
    const problem = storeProblemOf(err, '/mnt/d/desk');
    expect(problem).toBeInstanceOf(StoreProblemError);
    expect(startupErrorMessage(problem, '/mnt/d')).toContain('磁盘空间不足');
  });
});

describe('the browser host shows the same message and exits before ready', () => {
  it('a store without CURRENT: one fatal line in Chinese, exit code 1, no ready', async () => {
    const { dir } = await setUpDesk();
    renameSync(join(dir, STORE_FOLDER, 'CURRENT'), join(dir, 'CURRENT.aside'));
    const before = snapshot(dir);
    // The host's entry as `npm run web` runs it: bundled (tsx cannot load `paths.node.ts`).
    const out = tempDir();
    cleanups.push(out.remove);
    const entry = join(out.path, 'host.cjs');
    await build({ entryPoints: [join(ROOT, 'src-main/host/main.ts')], outfile: entry, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'silent' });
    const child = spawn(process.execPath, [entry], {
      cwd: ROOT,
      env: { ...process.env, DAOYI_DATA_DIR: dir, DAOYI_PORT: '0', NODE_PATH: join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(code, stderr).toBe(1);
    const events = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { event: string; message?: string });
    expect(events.map((e) => e.event)).toEqual(['fatal']);
    expect(events[0]!.message).toContain('数据文件缺失');
    expect(stderr).toContain('导医台无法启动');
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(join(dir, STORE_FOLDER, 'CURRENT'))).toBe(false);
  });
});
