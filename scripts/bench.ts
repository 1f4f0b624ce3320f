/**
 * `npm run bench`: speed figures of the desk's store, each beside a baseline measured in the same
 * run on the same machine. Not a test: it prints numbers for people to compare over time.
 *
 *  1. Single-document writes: PouchDB on plain LevelDB (baseline) vs our durable LevelDB (fsync on
 *     every write) — the price of "acknowledged means on disk".
 *  2. Check-in through the whole contract (validation, triage checks, customer + visit in one batch).
 *  3. Customer lookup as the guide types, over 20,000 customers: the search view vs a full scan.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import leveldown from 'leveldown';
import { PouchDB } from '../src-main/store/pouch';
import { durableLeveldown } from '../src-main/store/durableLeveldown';
import { startApp } from '../src-main/app';
import { directClient } from '../src-main/api/dispatch';
import { customerSearchKeys, normaliseQuery } from '../shared/desk/rules';
import { docId, newIdTail } from '../shared/ids';

const dirs: string[] = [];
function tempDir() {
  const d = mkdtempSync(join(tmpdir(), 'daoyi-bench-'));
  dirs.push(d);
  return d;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const rows: [string, string, string][] = [];
function report(what: string, ours: string, baseline: string) {
  rows.push([what, ours, baseline]);
  console.log(`${what.padEnd(52)} ${ours.padStart(16)}   baseline ${baseline}`);
}

async function writes(n: number) {
  const time = async (db: PouchDB.Database) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await db.put({ _id: `bench:${i}`, type: 'bench', n: i, text: '双眼皮咨询 恢复期多久' });
    const ms = performance.now() - t0;
    await db.close();
    return ms;
  };
  const plain = await time(new PouchDB(join(tempDir(), 'db'), { adapter: 'leveldb', db: leveldown } as PouchDB.Configuration.DatabaseConfiguration));
  const durable = await time(new PouchDB(join(tempDir(), 'db'), { adapter: 'leveldb', db: durableLeveldown } as PouchDB.Configuration.DatabaseConfiguration));
  report(`single-doc writes (${n} puts), docs/s`, (n / (durable / 1000)).toFixed(0), `${(n / (plain / 1000)).toFixed(0)} (no fsync)`);
}

async function checkIns(n: number) {
  const app = await startApp(tempDir(), { log: () => {} });
  const anon = directClient(app.dispatcher);
  await anon['clinic.setup']({ clinic: { code: 'BJ', name: '北京院', inHeadOfficeCity: true, departments: ['整形外科'] }, lead: { name: '王组长', sex: 'F', role: 'guideLead', pin: '1234' } });
  const lead = (await anon['staff.list']({}))[0]!;
  const { session } = await anon['operator.signIn']({ staffId: lead.id, pin: '1234' });
  const api = directClient(app.dispatcher, () => session);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await api['desk.checkIn']({
      customer: { new: { name: `客户${i}`, sex: 'F', birthDate: null, age: 30, phone: `139${String(i).padStart(8, '0')}`, address: '', source: 'web', directed: {} } },
      visit: { hasAppointment: false, intention: '咨询', concerns: '', course: '', history: '', departmentId: 'plastic-surgery', consultantId: null },
    });
    samples.push(performance.now() - t0);
  }
  report(`check-in through the contract (${n}), p50 / p95 ms`, `${percentile(samples, 50).toFixed(1)} / ${percentile(samples, 95).toFixed(1)}`, 'single put above');
  const t0 = performance.now();
  const list = await api['desk.waitingList']({});
  report(`waiting list of ${list.length} visitors, ms`, (performance.now() - t0).toFixed(1), '—');
  await app.close();
}

async function lookup(customers: number, queries: number) {
  const app = await startApp(tempDir(), { log: () => {} });
  const db = app.store.db;
  const surnames = '张李王刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
  const given = ['晓梅', '丽', '静', '敏', '婷', '伟', '芳', '娜', '秀英', '强', '磊', '洋', '艳', '勇', '军'];
  const now = new Date().toISOString();
  for (let start = 0; start < customers; start += 2000) {
    const docs = [];
    for (let i = start; i < Math.min(customers, start + 2000); i++) {
      const name = surnames[i % surnames.length]! + given[(i * 7) % given.length]! + (i % 97);
      const phone = `13${String(100_000_000 + ((i * 7_919_731) % 900_000_000)).slice(-9)}`;
      docs.push({ _id: docId.customer('BJ', newIdTail()), type: 'customer', schemaVersion: 1, clinic: 'BJ', createdAt: now, createdBy: 'bench', updatedAt: now, updatedBy: 'bench', name, sex: 'F', birthDate: null, age: 30, phone, address: '', source: 'web', directed: {}, tier: null, search: customerSearchKeys(name, phone) });
    }
    await db.bulkDocs(docs);
  }
  const probe = ['张晓', '李丽', '王', '1234', '5678', '0000', '139', '陈静1', '8888', '周'];
  let t0 = performance.now();
  await db.query('desk/customer_search', { key: 'x', limit: 1 });
  report(`search view first build over ${customers} customers, ms`, (performance.now() - t0).toFixed(0), 'once, then incremental');

  const viewSamples: number[] = [];
  for (let i = 0; i < queries; i++) {
    const key = normaliseQuery(probe[i % probe.length]!);
    t0 = performance.now();
    await db.query('desk/customer_search', { startkey: key, endkey: key + '\ufff0', include_docs: true, limit: 32 });
    viewSamples.push(performance.now() - t0);
  }
  const scanSamples: number[] = [];
  for (let i = 0; i < Math.min(queries, 10); i++) {
    const key = normaliseQuery(probe[i % probe.length]!);
    t0 = performance.now();
    const all = await db.allDocs<{ type?: string; search?: string[] }>({ include_docs: true, startkey: 'customer:', endkey: 'customer:\ufff0' });
    all.rows.filter((r) => r.doc?.search?.some((s) => s.startsWith(key))).slice(0, 8);
    scanSamples.push(performance.now() - t0);
  }
  report(`lookup per keystroke, ${customers} customers, p50 / p95 ms`, `${percentile(viewSamples, 50).toFixed(1)} / ${percentile(viewSamples, 95).toFixed(1)}`, `${percentile(scanSamples, 50).toFixed(0)} / ${percentile(scanSamples, 95).toFixed(0)} (full scan)`);
  await app.close();
}

async function main() {
  console.log(`导医台 bench — node ${process.version}, ${new Date().toISOString()}\n`);
  await writes(500);
  await checkIns(200);
  await lookup(20_000, 200);
  const mem = process.memoryUsage();
  report('memory at the end: rss / heap used, MiB', `${(mem.rss / 2 ** 20).toFixed(0)} / ${(mem.heapUsed / 2 ** 20).toFixed(0)}`, '—');
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
