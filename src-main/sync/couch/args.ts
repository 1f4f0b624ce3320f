import { parseArgs } from 'node:util';
import { newClinicCode as clinicCode } from '../../../shared/reference/schemas';
import { parseCouchSetupOptions, type CouchSetupOptions } from './setup';

export const USAGE = `Set up a CouchDB 3 server for 导医台 (idempotent: run it again to check, or to add a clinic).

  npm run couch:setup -- --url http://127.0.0.1:5984 --admin-user admin --admin-password … \\
      --clinic BJ --clinic-name 北京院 --desk-user desk_bj --desk-password … \\
      [--clinic SH --desk-user desk_sh --desk-password …] \\
      [--ho-user ho_director --ho-password …] [--consolidate] [--replication-url …] [--reset-passwords]

  --url               the server, as this computer reaches it
  --admin-user        a server admin (default: admin)
  --admin-password    its password (or set COUCH_ADMIN_PASSWORD, which keeps it out of the process list)
  --clinic CODE       a clinic: 2-4 capital letters; the options after it belong to it
  --clinic-name NAME  the clinic's name (shown in the output only)
  --desk-user NAME    a desk login of that clinic (role clinic_<CODE>), followed by
  --desk-password PW  its password (repeat the pair for more desks)
  --ho-user NAME      a head-office login (role headoffice), followed by --ho-password
  --consolidate       replicate every clinic database into "headoffice" through _replicator
  --replication-url   the server's address as the server itself reaches it (default: --url)
  --reset-passwords   set the given password of existing users that do not sign in with it
                      (without it, existing users keep their password)
`;

/** A mistake in the command line: the message names the option. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export type CliArgs = { help: true } | { help: false; options: CouchSetupOptions };

const optionSpec = {
  url: { type: 'string' },
  'admin-user': { type: 'string' },
  'admin-password': { type: 'string' },
  clinic: { type: 'string', multiple: true },
  'clinic-name': { type: 'string', multiple: true },
  'desk-user': { type: 'string', multiple: true },
  'desk-password': { type: 'string', multiple: true },
  'ho-user': { type: 'string', multiple: true },
  'ho-password': { type: 'string', multiple: true },
  consolidate: { type: 'boolean' },
  'replication-url': { type: 'string' },
  'reset-passwords': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function read(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: optionSpec, strict: true, tokens: true, allowPositionals: false });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Reads the command line (pure: argv and env in, options out). */
export function parseCliArgs(argv: string[], env: Record<string, string | undefined> = {}): CliArgs {
  const parsed = read(argv);
  const { values, tokens } = parsed;
  if (values.help) return { help: true };

  if (!values.url) throw new UsageError('--url is required (e.g. --url http://127.0.0.1:5984)');
  const adminPassword = values['admin-password'] ?? env.COUCH_ADMIN_PASSWORD;
  if (!adminPassword) throw new UsageError('--admin-password is required (or set COUCH_ADMIN_PASSWORD)');

  // Options after a --clinic belong to it, so walk them in the order given.
  type User = { username: string; password?: string };
  const clinics: { code: string; name?: string; users: User[] }[] = [];
  const hoUsers: User[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const value = token.value ?? '';
    const current = clinics[clinics.length - 1];
    switch (token.name) {
      case 'clinic': {
        const code = clinicCode.safeParse(value);
        if (!code.success) throw new UsageError(`--clinic ${value}: a clinic code is 2-4 capital letters, e.g. BJ`);
        if (clinics.some((c) => c.code === value)) throw new UsageError(`--clinic ${value} is given twice`);
        clinics.push({ code: value, users: [] });
        break;
      }
      case 'clinic-name':
        if (!current) throw new UsageError('--clinic-name must follow the --clinic it names');
        current.name = value;
        break;
      case 'desk-user':
        if (!current) throw new UsageError(`--desk-user ${value} must follow the --clinic it belongs to`);
        current.users.push({ username: value });
        break;
      case 'desk-password': {
        const user = current?.users[current.users.length - 1];
        if (!user || user.password !== undefined) throw new UsageError('--desk-password must follow its --desk-user');
        user.password = value;
        break;
      }
      case 'ho-user':
        hoUsers.push({ username: value });
        break;
      case 'ho-password': {
        const user = hoUsers[hoUsers.length - 1];
        if (!user || user.password !== undefined) throw new UsageError('--ho-password must follow its --ho-user');
        user.password = value;
        break;
      }
    }
  }
  if (clinics.length === 0 && hoUsers.length === 0) throw new UsageError('nothing to set up: give at least one --clinic (or --ho-user)');
  const withPassword = (u: User, flag: string) => {
    if (u.password === undefined) throw new UsageError(`${flag} ${u.username} has no ${flag.replace('user', 'password')} after it`);
    return { username: u.username, password: u.password };
  };

  const options: CouchSetupOptions = {
    url: values.url,
    admin: { username: values['admin-user'] ?? 'admin', password: adminPassword },
    clinics: clinics.map((c) => ({ code: c.code, ...(c.name ? { name: c.name } : {}), deskUsers: c.users.map((u) => withPassword(u, '--desk-user')) })),
    ...(hoUsers.length ? { headOfficeUsers: hoUsers.map((u) => withPassword(u, '--ho-user')) } : {}),
    ...(values.consolidate ? { consolidate: true } : {}),
    ...(values['reset-passwords'] ? { resetPasswords: true } : {}),
    ...(values['replication-url'] ? { replicationUrl: values['replication-url'] } : {}),
  };
  try {
    parseCouchSetupOptions(options);
  } catch (err) {
    throw new UsageError(inFlags((err as Error).message.replace(/^bad arguments: /, ''), options));
  }
  return { help: false, options };
}

/** Says a set-up argument's path (`clinics[1].deskUsers[0].username`) as the option that gave it. */
function inFlags(message: string, options: CouchSetupOptions): string {
  return message
    .replace(/\bclinics\[(\d+)\]\.deskUsers\[(\d+)\]\.(username|password)/g, (_m, c: string, u: string, field: string) => {
      const clinic = options.clinics[Number(c)];
      return `--desk-${field === 'username' ? 'user' : 'password'} (desk ${Number(u) + 1} of --clinic ${clinic?.code ?? '?'})`;
    })
    .replace(/\bheadOfficeUsers\[(\d+)\]\.(username|password)/g, (_m, u: string, field: string) => `--ho-${field === 'username' ? 'user' : 'password'} (number ${Number(u) + 1})`)
    .replace(/\bclinics\[(\d+)\]\.name/g, '--clinic-name')
    .replace(/\breplicationUrl\b/g, '--replication-url')
    .replace(/^url\b/g, '--url')
    .replace(/\badmin\.username\b/g, '--admin-user')
    .replace(/\badmin\.password\b/g, '--admin-password');
}
