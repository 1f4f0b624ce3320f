/**
 * A desk that checks visitors in as fast as it can, for tests/integration/durability.test.ts.
 * Run as `node --import tsx tests/support/durabilityChild.ts <dataDir>`. Prints `ready` once the
 * clinic is set up, then one visit id per line, each only after `desk.checkIn` has answered (the
 * write is acknowledged). It never stops by itself: the test kills it.
 */
import { startApp } from '../../src-main/app';
import { directClient } from '../../src-main/api/dispatch';
import { firstVisit, LEAD_PIN, setupInput } from './factories';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: durabilityChild.ts <dataDir>');

const app = await startApp(dataDir, { log: (message, err) => console.error(message, err) });
let session: string | null = null;
const anon = directClient(app.dispatcher);
const api = directClient(app.dispatcher, () => session);

await anon['clinic.setup'](setupInput());
const lead = (await anon['staff.list']({}))[0]!;
session = (await anon['operator.signIn']({ staffId: lead.id, pin: LEAD_PIN })).session;
process.stdout.write('ready\n');

for (let i = 0; ; i++) {
  const visit = await api['desk.checkIn'](firstVisit({ phone: `138${String(i).padStart(8, '0')}` }));
  process.stdout.write(`${visit.id}\n`);
}
