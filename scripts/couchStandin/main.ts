import { resolve } from 'node:path';
import { couchSetup, type CouchSetupOptions } from '../../src-main/sync/couch/setup';
import { keepServingOnErrors, startHeadOffice } from './server';

/**
 * `npm run headoffice`: the embedded head office for development and the demo — a CouchDB-
 * compatible server on 127.0.0.1 with the demo clinics set up exactly as `couch:setup` sets up a
 * real CouchDB 3. Prints one JSON line `{"event":"ready",…}` (a milestone tests wait for), then
 * the logins.
 */
const DEMO_CLINICS = [
  { code: 'BJ', name: '北京院（京内）', deskUsers: [{ username: 'desk_bj', password: 'desk_bj_demo' }] },
  { code: 'SH', name: '上海院（京外）', deskUsers: [{ username: 'desk_sh', password: 'desk_sh_demo' }] },
];
const DEMO_HEAD_OFFICE_USERS = [{ username: 'ho_director', password: 'ho_demo' }];

async function main() {
  const dataDir = resolve(process.env.DAOYI_HO_DATA_DIR ?? '.data/headoffice');
  const port = Number(process.env.DAOYI_HO_PORT ?? 5984);
  const admin = { username: 'admin', password: process.env.DAOYI_HO_ADMIN_PASSWORD ?? 'admin-demo' };
  keepServingOnErrors((line) => console.error(line));
  const ho = await startHeadOffice({ dataDir, port, admin, log: (line) => console.error(line) });

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await ho.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const setup: CouchSetupOptions = { url: ho.url, admin, clinics: DEMO_CLINICS, headOfficeUsers: DEMO_HEAD_OFFICE_USERS, consolidate: true };
  const { changes, notes } = await couchSetup(setup);
  console.log(JSON.stringify({ event: 'ready', url: ho.url, dataDir, changes: changes.length }));
  const rows = [
    ...DEMO_CLINICS.map((c) => `    ${c.deskUsers[0]!.username.padEnd(12)} ${c.deskUsers[0]!.password.padEnd(14)} desk of ${c.code} ${c.name}: database clinic_${c.code.toLowerCase()}`),
    ...DEMO_HEAD_OFFICE_USERS.map((u) => `    ${u.username.padEnd(12)} ${u.password.padEnd(14)} head office: reads every clinic, headoffice, writes reference`),
    `    ${admin.username.padEnd(12)} ${admin.password.padEnd(14)} server admin`,
  ];
  console.log(`\n  Head office (embedded CouchDB-compatible server) at ${ho.url}\n  data: ${dataDir}\n\n  Logins (user, password):\n${rows.join('\n')}\n`);
  for (const line of notes) console.log(`  ! ${line}`);
  console.log(`  ${changes.length ? `${changes.length} set-up changes made` : 'set-up already in place'}; Ctrl-C stops it.\n`);
}

main().catch((err: unknown) => {
  console.error(JSON.stringify({ event: 'fatal', message: err instanceof Error ? err.message : String(err) }));
  process.exit(1);
});
