import { runSmoke } from './smoke';

/**
 * `npm run couch:smoke -- --url https://couch.example:6984 --admin-user admin --admin-password …
 * [--clinic ZZ] [--replication-url …]` (or COUCH_ADMIN_USER / COUCH_ADMIN_PASSWORD in the
 * environment). Exits 0 when every step passed, 1 when one failed, 2 for bad arguments.
 */
function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

const url = arg('url');
const username = arg('admin-user') ?? process.env.COUCH_ADMIN_USER;
const password = arg('admin-password') ?? process.env.COUCH_ADMIN_PASSWORD;
const clinic = arg('clinic');
const replicationUrl = arg('replication-url');
if (!url || !username || !password || (clinic !== undefined && !/^[A-Z]{2,4}$/.test(clinic))) {
  console.error('usage: npm run couch:smoke -- --url <CouchDB 3 address> --admin-user <name> --admin-password <password> [--clinic ZZ] [--replication-url <address>]');
  process.exit(2);
}
const result = await runSmoke({ url, admin: { username, password }, ...(clinic ? { clinic } : {}), ...(replicationUrl ? { replicationUrl } : {}), say: (line) => console.log(line) });
console.log(result.ok ? '\ncouch:smoke: every step passed' : '\ncouch:smoke: FAILED');
process.exit(result.ok ? 0 : 1);
