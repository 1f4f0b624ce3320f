import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logUncaught, openLog, redact } from '../../src-main/fleet/log';
import { tempDir } from '../support/app';
import { send, testHosts } from '../support/host';
import { firstVisit, LEAD_PIN, setupInput } from '../support/factories';

/** The log file (docs/operations.md): a real host on a real store, then what is in the file. */
const SECRET = 'log-secret-0123456789abcdef';
const auth = { Authorization: `Bearer ${SECRET}` };
const startHost = testHosts('daoyi-log-');

function call(port: number, operation: string, input: unknown, headers: Record<string, string> = auth) {
  return send(port, { method: 'POST', path: `/api/${operation}`, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(input) });
}

function lines(file: string): { level: string; event: string; [k: string]: unknown }[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

describe('log file', () => {
  it('a check-in through the browser host leaves neither the name nor the phone in the log; start and refusals are there', async () => {
    const { app, host } = await startHost({ files: { 'static/index.html': '<!doctype html>' }, host: { secret: SECRET } });
    expect((await call(host.port, 'clinic.setup', setupInput())).status).toBe(200);
    const staff = (await call(host.port, 'staff.list', {})).json().data as { id: string }[];
    const session = ((await call(host.port, 'operator.signIn', { staffId: staff[0]!.id, pin: LEAD_PIN })).json().data as { session: string }).session;
    const headers = { ...auth, 'X-Daoyi-Session': session };
    const visit = firstVisit({ name: '欧阳晓梅', phone: '13912345678', address: '北京市朝阳区建国路88号' });
    expect((await call(host.port, 'desk.checkIn', visit, headers)).status).toBe(200);
    // The same customer again is refused (a duplicate phone); a bad phone is refused by the contract.
    expect((await call(host.port, 'desk.checkIn', visit, headers)).status).toBe(409);
    expect((await call(host.port, 'desk.checkIn', firstVisit({ name: '欧阳晓梅', phone: '12' }), headers)).status).toBe(400);
    // An internal error whose message quotes a customer still reaches the file redacted.
    app.logger.error('operation desk.checkIn failed', new Error('customer 欧阳晓梅 13912345678 xm@example.com'));

    const text = readFileSync(app.logger.file, 'utf8');
    for (const secret of ['欧阳', '晓梅', '13912345678', '建国路', 'xm@example.com']) expect(text).not.toContain(secret);
    const events = lines(app.logger.file);
    expect(events[0]).toMatchObject({ level: 'info', event: 'app: start', deskId: app.store.deskId, version: expect.any(String), schemaVersion: expect.any(Number) });
    expect(events.filter((e) => e.event === 'refused').map((e) => [e.operation, e.code, e.field ?? null])).toEqual(
      expect.arrayContaining([
        ['desk.checkIn', 'conflict', 'customer.new.phone'],
        ['desk.checkIn', 'invalid_input', 'customer.new.phone'],
      ]),
    );
    expect(events.find((e) => e.level === 'error')).toMatchObject({ message: 'customer [zh] [digits] [email]' });
  });

  it('rotates by size, keeping the newest files and dropping the oldest', () => {
    const tmp = tempDir('daoyi-logrot-');
    try {
      const log = openLog(tmp.path, { maxBytes: 400, keep: 2 });
      for (let i = 0; i < 40; i++) log.info('tick', { i });
      expect(readdirSync(tmp.path).sort()).toEqual(['daoyi.1.log', 'daoyi.2.log', 'daoyi.log']);
      for (const f of readdirSync(tmp.path)) expect(statSync(join(tmp.path, f)).size).toBeLessThanOrEqual(400);
      // The newest line is in the current file, the oldest ones are gone.
      expect(lines(log.file).at(-1)).toMatchObject({ i: 39 });
      const all = ['daoyi.2.log', 'daoyi.1.log', 'daoyi.log'].flatMap((f) => lines(join(tmp.path, f)).map((e) => e.i));
      expect(all).toEqual([...all].sort((a, b) => Number(a) - Number(b)));
      expect(all).not.toContain(0);
    } finally {
      tmp.remove();
    }
  });

  it('redacts Chinese text, long digit runs and e-mail addresses, and keeps codes and short numbers', () => {
    expect(redact('张三 138-1234-5678 a.b@c.cn')).toBe('[zh] [digits] [email]');
    expect(redact('operation desk.checkIn 409 field customer.new.phone, 3 docs')).toBe('operation desk.checkIn 409 field customer.new.phone, 3 docs');
  });

  it('uncaught errors are logged', () => {
    const tmp = tempDir('daoyi-logerr-');
    try {
      const log = openLog(tmp.path);
      const stop = logUncaught(log, { rejections: true });
      (process.emit as (event: string, ...args: unknown[]) => boolean)('uncaughtExceptionMonitor', new TypeError('boom at 13912345678'), 'uncaughtException');
      process.emit('unhandledRejection', new Error('rejected'), Promise.resolve());
      stop();
      (process.emit as (event: string, ...args: unknown[]) => boolean)('uncaughtExceptionMonitor', new Error('after stop'), 'uncaughtException');
      expect(lines(log.file).map((e) => [e.event, e.error, e.message])).toEqual([
        ['uncaught exception', 'TypeError', 'boom at [digits]'],
        ['unhandled rejection', 'Error', 'rejected'],
      ]);
      expect(existsSync(join(tmp.path, 'daoyi.1.log'))).toBe(false);
    } finally {
      tmp.remove();
    }
  });
});
