/**
 * A browser host in a process of its own, for tests that need a process-wide limit (a small
 * `ulimit -n`) or that must see the process survive. Run as
 * `node --import tsx tests/support/hostChild.ts <dataDir> <secret> [limits as JSON]`.
 * Prints `{"event":"ready","port":…}` once listening.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startApp } from '../../src-main/app';
import { startHost, type HostLimits } from '../../src-main/host/server';

const [dataDir, secret, limits] = process.argv.slice(2);
if (!dataDir || !secret) throw new Error('usage: hostChild.ts <dataDir> <secret> [limits]');

const staticDir = join(dataDir, 'static');
mkdirSync(staticDir, { recursive: true });
const app = await startApp(join(dataDir, 'data'), { log: () => {} });
const host = await startHost({ app, staticDir, secret, ...(limits ? { limits: JSON.parse(limits) as Partial<HostLimits> } : {}) });
process.on('SIGTERM', () => void host.close().then(() => app.close()).then(() => process.exit(0)));
process.stdout.write(JSON.stringify({ event: 'ready', port: host.port }) + '\n');
