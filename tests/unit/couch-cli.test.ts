import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src-main/sync/couch/args';

const base = ['--url', 'http://127.0.0.1:5984', '--admin-user', 'admin', '--admin-password', 'pw'];
const options = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseCliArgs(argv, env);
  if (parsed.help) throw new Error('help');
  return parsed.options;
};

describe('couch:setup command line', () => {
  it('gives each --clinic the names and desk users that follow it', () => {
    expect(
      options([
        ...base,
        '--clinic', 'BJ', '--clinic-name', '北京院', '--desk-user', 'desk_bj', '--desk-password', 'a', '--desk-user', 'desk_bj2', '--desk-password', 'b',
        '--clinic', 'SH', '--desk-user', 'desk_sh', '--desk-password', 'c',
        '--ho-user', 'ho', '--ho-password', 'd', '--consolidate', '--reset-passwords', '--replication-url', 'http://couchdb:5984',
      ]),
    ).toEqual({
      url: 'http://127.0.0.1:5984',
      admin: { username: 'admin', password: 'pw' },
      clinics: [
        { code: 'BJ', name: '北京院', deskUsers: [{ username: 'desk_bj', password: 'a' }, { username: 'desk_bj2', password: 'b' }] },
        { code: 'SH', deskUsers: [{ username: 'desk_sh', password: 'c' }] },
      ],
      headOfficeUsers: [{ username: 'ho', password: 'd' }],
      consolidate: true,
      resetPasswords: true,
      replicationUrl: 'http://couchdb:5984',
    });
  });

  it('takes the admin password from COUCH_ADMIN_PASSWORD and the admin name by default', () => {
    const o = options(['--url', 'http://h:5984', '--clinic', 'BJ'], { COUCH_ADMIN_PASSWORD: 'from-env' });
    expect(o.admin).toEqual({ username: 'admin', password: 'from-env' });
    expect(o).not.toHaveProperty('consolidate');
    expect(parseCliArgs(['--help'])).toEqual({ help: true });
  });

  it('refuses bad arguments, naming the option', () => {
    const cases: [string[], string | RegExp][] = [
      [['--clinic', 'BJ'], '--url is required (e.g. --url http://127.0.0.1:5984)'],
      [['--url', 'http://h', '--clinic', 'BJ'], '--admin-password is required (or set COUCH_ADMIN_PASSWORD)'],
      [[...base], 'nothing to set up: give at least one --clinic (or --ho-user)'],
      [[...base, '--clinic', 'bj'], '--clinic bj: a clinic code is 2-4 capital letters, e.g. BJ'],
      [[...base, '--clinic', 'BJ', '--clinic', 'BJ'], '--clinic BJ is given twice'],
      [[...base, '--desk-user', 'x', '--clinic', 'BJ'], '--desk-user x must follow the --clinic it belongs to'],
      [[...base, '--clinic', 'BJ', '--desk-password', 'x'], '--desk-password must follow its --desk-user'],
      [[...base, '--clinic', 'BJ', '--desk-user', 'a'], '--desk-user a has no --desk-password after it'],
      [[...base, '--ho-password', 'x', '--clinic', 'BJ'], '--ho-password must follow its --ho-user'],
      [[...base, '--clinic', 'BJ', '--clinci', 'SH'], /Unknown option '--clinci'/],
      [[...base, '--clinic', 'BJ', 'stray'], /Unexpected argument 'stray'/],
      [['--url', 'ftp://h', '--admin-password', 'x', '--clinic', 'BJ'], /^--url: an http\(s\) address/],
      [[...base, '--clinic', 'BJ', '--desk-user', '_x', '--desk-password', 'p'], /^--desk-user \(desk 1 of --clinic BJ\): a user name/],
      [
        [...base, '--clinic', 'BJ', '--desk-user', 'd', '--desk-password', 'p', '--clinic', 'SH', '--desk-user', 'd', '--desk-password', 'q'],
        '--desk-user (desk 1 of --clinic SH): user d is already given as a desk user of BJ',
      ],
      [[...base, '--clinic', 'BJ', '--ho-user', 'admin', '--ho-password', 'p'], '--ho-user (number 1): user admin is already given as the admin'],
    ];
    for (const [argv, message] of cases) expect(() => parseCliArgs(argv, {}), argv.join(' ')).toThrow(message);
  });
});
