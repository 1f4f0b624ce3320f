import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { startApp, type App } from '../app';
import { startupErrorMessage } from '../store/health';
import { dataDir } from '../platform/paths.node';
import { nodeSecretStore } from '../platform/secrets.node';
import { startHost } from './server';
import { logUncaught } from '../fleet/log';

/**
 * `DAOYI_CLOCK_START=2026-11-27T01:30:00Z` starts the host's clock at that instant (it then runs
 * at normal speed): for demos and end-to-end tests of time rules (opening hours, today's list).
 */
function clockFromEnv(): { now?: () => Date } {
  const start = process.env.DAOYI_CLOCK_START ? Date.parse(process.env.DAOYI_CLOCK_START) : NaN;
  if (Number.isNaN(start)) return {};
  const launched = Date.now();
  return { now: () => new Date(start + (Date.now() - launched)) };
}

/**
 * `npm run web`: the app with an embedded store, served to any browser on this PC.
 * Prints one JSON line `{"event":"ready",…}` (a milestone tests wait for), then the address.
 */
async function main() {
  const dir = dataDir();
  let app: App;
  try {
    app = await startApp(dir, { secrets: nodeSecretStore(dir), ...clockFromEnv() });
  } catch (err) {
    // The same words Electron's dialog shows (store/health.ts). The process ends by itself, before
    // "ready" and after its output is written (process.exit could cut a piped line short).
    const message = startupErrorMessage(err, dir);
    console.log(JSON.stringify({ event: 'fatal', message }));
    console.error(`\n  导医台无法启动：\n\n${message}\n`);
    process.exitCode = 1;
    return;
  }
  logUncaught(app.logger);
  const secret = process.env.DAOYI_SECRET ?? randomBytes(24).toString('base64url');
  const staticDir = process.env.DAOYI_STATIC_DIR ?? join(dirname(process.argv[1] ?? '.'), '..', 'renderer');
  const displaySecret = process.env.DAOYI_DISPLAY_SECRET ?? randomBytes(24).toString('base64url');
  // A debugging build (DAOYI_SOURCEMAP=1 npm run build) may serve its source maps; no other does.
  const serveSourceMaps = process.env.DAOYI_SOURCEMAP === '1';
  const host = await startHost({ app, staticDir, secret, displaySecret, port: Number(process.env.DAOYI_PORT ?? 4810), serveSourceMaps });
  const openUrl = `${host.url}/#k=${secret}`;
  const displayUrl = `${host.url}/display#k=${displaySecret}`;
  app.logger.info('host: listening', { port: host.port });
  console.log(JSON.stringify({ event: 'ready', url: host.url, openUrl, displayUrl, dataDir: dir }));
  console.log(`\n  导医台 is running. Open this address in a browser on this PC:\n\n    ${openUrl}\n\n  Waiting-room display (候诊屏, second screen):\n\n    ${displayUrl}\n`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    app.logger.info('host: stopping');
    await host.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(JSON.stringify({ event: 'fatal', message: err instanceof Error ? err.message : String(err) }));
  process.exit(1);
});
