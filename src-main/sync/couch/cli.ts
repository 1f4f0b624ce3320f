import { parseCliArgs, USAGE, UsageError } from './args';
import { couchSetup, CouchSetupError } from './setup';

/**
 * `npm run couch:setup -- --url … --admin-user … --clinic BJ --desk-user … --desk-password …`
 * Prints what it changed (nothing on a second run) and exits 0; a bad argument exits 2, a server
 * that refuses or cannot be reached exits 1, each with one line saying why.
 */
async function main(): Promise<number> {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`couch:setup: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const { options } = args;
  try {
    const { changes, notes } = await couchSetup(options);
    const clinics = options.clinics.map((c) => (c.name ? `${c.code} (${c.name})` : c.code)).join(', ');
    console.log(`CouchDB ${options.url}${clinics ? ` — clinics ${clinics}` : ''}`);
    if (changes.length === 0) console.log('  nothing to change: the server already matches');
    for (const line of changes) console.log(`  + ${line}`);
    for (const line of notes) console.log(`  ! ${line}`);
    return 0;
  } catch (err) {
    if (!(err instanceof CouchSetupError)) throw err;
    console.error(`couch:setup: ${err.message}`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('couch:setup: unexpected failure:', err);
    process.exit(1);
  },
);
