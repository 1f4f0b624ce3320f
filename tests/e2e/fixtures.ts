import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A running browser host (`node dist/main/host.cjs`) on its own data directory. */
export interface DeskHost {
  url: string;
  openUrl: string;
  dataDir: string;
  /** Stops the host the way a desk PC does at night (SIGTERM) and starts it again on the same data. */
  restart(): Promise<void>;
}

async function startHost(dataDir: string): Promise<{ child: ChildProcess; url: string; openUrl: string }> {
  const child = spawn(process.execPath, ['dist/main/host.cjs'], {
    env: { ...process.env, DAOYI_DATA_DIR: dataDir, DAOYI_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  // Wait for the host's "ready" milestone, never for a timeout.
  for await (const line of lines) {
    if (!line.startsWith('{')) continue;
    const event = JSON.parse(line) as { event: string; url: string; openUrl: string; message?: string };
    if (event.event === 'ready') return { child, url: event.url, openUrl: event.openUrl };
    if (event.event === 'fatal') throw new Error(event.message);
  }
  throw new Error('host exited before it was ready');
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export const test = base.extend<{ host: DeskHost }>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'daoyi-e2e-'));
    let running = await startHost(dataDir);
    const host: DeskHost = {
      dataDir,
      url: running.url,
      openUrl: running.openUrl,
      async restart() {
        await stop(running.child);
        running = await startHost(dataDir);
        host.url = running.url;
        host.openUrl = running.openUrl;
      },
    };
    await use(host);
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
