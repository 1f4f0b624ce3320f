/**
 * The bench's head office in a process of its own (scripts/bench.ts, section `sync`): the embedded
 * server set up by couchSetup as a CouchDB 3 server would be, validation on. Head office is another
 * computer, so the desk's figures (time, heap) are the desk's alone. Run as
 * `node --import tsx scripts/benchHeadOffice.ts <dataDir> <admin> <password> <clinics JSON>`;
 * prints `{"url":…}` when ready.
 */
import { startHeadOffice } from './couchStandin/server';
import { couchSetup } from '../src-main/sync/couch/setup';

const [dataDir, username, password, clinics] = process.argv.slice(2);
if (!dataDir || !username || !password || !clinics) throw new Error('usage: benchHeadOffice.ts <dataDir> <admin> <password> <clinics JSON>');
const admin = { username, password };
const ho = await startHeadOffice({ dataDir, admin });
await couchSetup({ url: ho.url, admin, clinics: JSON.parse(clinics) as { code: string; deskUsers: { username: string; password: string }[] }[] });
process.stdout.write(JSON.stringify({ url: ho.url }) + '\n');
