/**
 * The embedded head office in a process of its own, so a test can kill it mid-replication
 * (SIGKILL) and start it again on the same data directory and port. Run as
 * `node --import tsx tests/support/headOfficeChild.ts <dataDir> <port> [consolidate]`; set up with
 * tests/support/headOffice.ts's clinics and users. Prints `{"event":"ready","url":…,"port":…}`.
 */
import { keepServingOnErrors, startHeadOffice } from '../../scripts/couchStandin/server';
import { couchSetup } from '../../src-main/sync/couch/setup';
import { HO_ADMIN, HO_CLINICS, HO_USER } from './headOfficeUsers';

const [dataDir, port, mode] = process.argv.slice(2);
if (!dataDir || port === undefined) throw new Error('usage: headOfficeChild.ts <dataDir> <port>');

// Errors are logged as {"event":"error"} lines on stderr; tests/support/headOffice.ts collects them.
const log = (line: string) => process.stderr.write(line + '\n');
keepServingOnErrors(log);
const clockSkewMs = Number(process.env.DAOYI_HO_CLOCK_SKEW_MS ?? 0);
const couchOldDoc = process.env.DAOYI_HO_COUCH_OLD_DOC === '1';
const ho = await startHeadOffice({ dataDir, port: Number(port), admin: HO_ADMIN, log, clockSkewMs, couchOldDoc });
// Idempotent: the first start sets the server up, later starts find it in place.
const consolidate = mode === 'consolidate';
await couchSetup({ url: ho.url, admin: HO_ADMIN, clinics: HO_CLINICS, ...(consolidate ? { headOfficeUsers: [HO_USER], consolidate } : {}) });
process.on('SIGTERM', () => void ho.close().then(() => process.exit(0)));
process.stdout.write(JSON.stringify({ event: 'ready', url: ho.url, port: ho.port }) + '\n');
