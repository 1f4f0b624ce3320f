import { test as base, expect, type APIRequestContext, type Browser, type Page, type TestInfo } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { connectToHeadOffice, joinClinic, setUpClinicAsLead, signIn } from './steps';

/** A running browser host (`node dist/main/host.cjs`) on its own data directory. */
export interface DeskHost {
  url: string;
  openUrl: string;
  dataDir: string;
  /**
   * Stops the host the way a desk PC does at night (SIGTERM) and starts it again on the same data;
   * `whileStopped` runs in between (e.g. to put in what replication from head office would bring).
   */
  restart(whileStopped?: () => Promise<void>): Promise<void>;
  /** The host's clock now: the real one, or the one DAOYI_CLOCK_START set (hostClockAt), as it has run on since. */
  now(): Date;
}

/** Starts a process and waits for its "ready" milestone line, never for a timeout. */
async function startReady(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string; openUrl: string }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (!line.startsWith('{')) continue;
    const event = JSON.parse(line) as { event: string; url: string; openUrl: string; message?: string };
    if (event.event === 'ready') return { child, url: event.url, openUrl: event.openUrl };
    if (event.event === 'fatal') throw new Error(event.message);
  }
  throw new Error(`${args.join(' ')} exited before it was ready`);
}

/** A host's clock: the DAOYI_CLOCK_START it was started with (none: the real clock), that instant, and when it started. */
interface HostClock {
  env: string | undefined;
  start: number;
  launched: number;
}

/**
 * The clock a host starts with. A restart goes on from where the stopped host's clock was, as a desk
 * PC's does overnight, so that nothing written after it is dated before what was written before it;
 * unless the test moved the clock (a DAOYI_CLOCK_START other than the one the host was started with).
 */
function clockAtStart(previous: HostClock | null): HostClock {
  const env = process.env.DAOYI_CLOCK_START;
  const launched = Date.now();
  if (previous && env !== undefined && env === previous.env) return { env, start: previous.start + (launched - previous.launched), launched };
  return { env, start: env === undefined ? launched : Date.parse(env), launched };
}

const clockNow = (c: HostClock) => new Date(c.env === undefined ? Date.now() : c.start + (Date.now() - c.launched));

function startHost(dataDir: string, clock: HostClock) {
  return startReady(['dist/main/host.cjs'], { DAOYI_DATA_DIR: dataDir, DAOYI_PORT: '0', ...(clock.env === undefined ? {} : { DAOYI_CLOCK_START: new Date(clock.start).toISOString() }) });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The embedded head office (`npm run headoffice`) with its demo clinics and desk users. */
export interface HeadOfficeHost {
  url: string;
  desk: { BJ: { username: string; password: string } };
  /** A head-office reader (role headoffice) for head-office mode. */
  ho: { username: string; password: string };
  /** Takes head office off the network (both desks go offline) … */
  stop(): Promise<void>;
  /** … and brings it back on the same data and address. */
  start(): Promise<void>;
}

export const test = base.extend<{ host: DeskHost; newHost: () => Promise<DeskHost>; headOffice: HeadOfficeHost }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'daoyi-e2e-'));
    let clock = clockAtStart(null);
    let running = await startHost(dataDir, clock);
    const host: DeskHost = {
      dataDir,
      url: running.url,
      openUrl: running.openUrl,
      async restart(whileStopped) {
        await stop(running.child);
        await whileStopped?.();
        clock = clockAtStart(clock);
        running = await startHost(dataDir, clock);
        host.url = running.url;
        host.openUrl = running.openUrl;
      },
      now: () => clockNow(clock),
    };
    await use(host);
    await stop(running.child);
    rmSync(dataDir, { recursive: true, force: true });
  },
  // More desks for tests that need two (each on its own data directory).
  // eslint-disable-next-line no-empty-pattern
  newHost: async ({}, use) => {
    const started: { child: ChildProcess; dir: string }[] = [];
    await use(async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'daoyi-e2e-'));
      let clock = clockAtStart(null);
      const running = await startHost(dataDir, clock);
      const entry = { child: running.child, dir: dataDir };
      started.push(entry);
      const host: DeskHost = {
        dataDir,
        url: running.url,
        openUrl: running.openUrl,
        async restart(whileStopped) {
          await stop(entry.child);
          await whileStopped?.();
          clock = clockAtStart(clock);
          const again = await startHost(dataDir, clock);
          entry.child = again.child;
          host.url = again.url;
          host.openUrl = again.openUrl;
        },
        now: () => clockNow(clock),
      };
      return host;
    });
    for (const s of started) {
      await stop(s.child);
      rmSync(s.dir, { recursive: true, force: true });
    }
  },
  // eslint-disable-next-line no-empty-pattern
  headOffice: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'daoyi-e2e-ho-'));
    const run = (port: string) => startReady(['--import', 'tsx', 'scripts/couchStandin/main.ts'], { DAOYI_HO_DATA_DIR: dataDir, DAOYI_HO_PORT: port });
    let running = await run('0');
    const url = running.url;
    await use({
      url,
      desk: { BJ: { username: 'desk_bj', password: 'desk_bj_demo' } },
      ho: { username: 'ho_director', password: 'ho_demo' },
      stop: () => stop(running.child),
      async start() {
        running = await run(new URL(url).port);
      },
    });
    await stop(running.child);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

/** A full-page screenshot kept in the report and in test-results/screens for people to look at. */
export async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = join('test-results', 'screens', `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Opens the app and waits for its "ready" milestone. */
export async function open(page: Page, url: string) {
  await page.goto('about:blank'); // a hash-only change would not reload the app
  await page.goto(url);
  await expect(page.locator('body[data-ready=true]')).toBeAttached();
}

/** Calls the host's API as a signed-in person (for the records a scene starts with). */
export async function apiAs(request: APIRequestContext, host: DeskHost, staffId: string, pin: string) {
  const secret = new URL(host.openUrl).hash.slice('#k='.length);
  const call = async (op: string, input: unknown, session?: string) => {
    const res = await request.post(`${host.url}/api/${op}`, { headers: { Authorization: `Bearer ${secret}`, ...(session ? { 'X-Daoyi-Session': session } : {}) }, data: input });
    const body = (await res.json()) as { ok: boolean; data: Record<string, unknown>; error?: unknown };
    if (!body.ok) throw new Error(`${op}: ${JSON.stringify(body.error)}`);
    return body.data;
  };
  const { session } = (await call('operator.signIn', { staffId, pin })) as { session: string };
  return (op: string, input: unknown) => call(op, input, session);
}

/** The first staff member's id (the lead who set the clinic up), read without a session. */
export async function firstStaffId(request: APIRequestContext, host: DeskHost): Promise<string> {
  const secret = new URL(host.openUrl).hash.slice('#k='.length);
  const staff = (await (await request.post(`${host.url}/api/staff.list`, { headers: { Authorization: `Bearer ${secret}` }, data: {} })).json()) as { data: { id: string }[] };
  return staff.data[0]!.id;
}

/** Starts every host of the file's tests with its clock at `instant` (src-main/host/main.ts, DAOYI_CLOCK_START). */
export function hostClockAt(instant: string) {
  test.beforeAll(() => {
    process.env.DAOYI_CLOCK_START = instant;
  });
  test.afterAll(() => {
    delete process.env.DAOYI_CLOCK_START;
  });
}

/**
 * Two desks of clinic BJ synced through head office's stand-in, each a browser page on its own
 * host with its own store: desk A sets the clinic up and connects, desk B joins it; both signed in
 * as 王组长, in sync, at the door (登记与分诊). For the walks that need two receptionists at once (issue 21).
 */
export async function twoDesks(browser: Browser, host: DeskHost, newHost: () => Promise<DeskHost>, headOffice: HeadOfficeHost) {
  const a = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const b = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await open(a, host.openUrl);
  await setUpClinicAsLead(a);
  await signIn(a, '王组长', '1234');
  await connectToHeadOffice(a, headOffice);
  const second = await newHost();
  await open(b, second.openUrl);
  await joinClinic(b, headOffice);
  await a.keyboard.press('Alt+1'); // from 设置 → 与总部同步 back to the door
  await expect(a.getByRole('radio', { name: '初诊（第一次来）' })).toBeVisible();
  return { a, b, hostA: host, hostB: second };
}
