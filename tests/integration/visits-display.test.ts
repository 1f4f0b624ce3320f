import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startHost } from '../../src-main/host/server';
import { directClient } from '../../src-main/api/dispatch';
import { send, testHosts } from '../support/host';
import { firstVisit, LEAD_PIN, setupInput } from '../support/factories';

/** The waiting-room display (候诊屏) over real HTTP: its own token, masked names, a live stream. */
const SECRET = 'desk-secret-0123456789abcdef';
const DISPLAY = 'display-token-0123456789abcdef';
// Each read of the clock is a minute later, so arrivals have distinct times and a stable order.
let minute = 0;
const clock = () => new Date(Date.UTC(2026, 10, 27, 2, minute++));

const startTestHost = testHosts('daoyi-display-');

async function start() {
  const { app, host } = await startTestHost({ files: { 'static/index.html': '<!doctype html><div id="root"></div>' }, app: { now: clock }, host: { secret: SECRET, displaySecret: DISPLAY, now: clock } });
  let session: string | null = null;
  const api = directClient(app.dispatcher, () => session);
  await api['clinic.setup'](setupInput());
  const lead = (await api['staff.list']({})).find((s) => s.role === 'guideLead')!;
  session = (await api['operator.signIn']({ staffId: lead.id, pin: LEAD_PIN })).session;
  return { app, host, api };
}

/** Reads server-sent `data:` blocks until `count` have arrived. */
function stream(port: number, count: number, onOpen: () => Promise<void>): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const seen: unknown[] = [];
    const req = httpRequest({ host: '127.0.0.1', port, path: '/display-api/events', headers: { Authorization: `Bearer ${DISPLAY}` } }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith('data: ')) {
            seen.push(JSON.parse(block.slice(6)));
            if (seen.length === 1) onOpen().catch(reject);
            if (seen.length === count) {
              req.destroy();
              resolve(seen);
            }
          }
        }
      });
    });
    req.on('error', (e) => (seen.length >= count ? undefined : reject(e)));
    req.end();
  });
}

describe('the waiting-room display', () => {
  it('shows masked names and departments of those waiting, never a phone or a full name', async () => {
    const { host, api } = await start();
    const a = await api['desk.checkIn'](firstVisit({ name: '张晓梅', phone: '13912345678' }));
    await api['desk.checkIn'](firstVisit({ name: '欧阳娜娜', phone: '13887654321' }, { departmentId: 'skin' }));
    const gone = await api['desk.checkIn'](firstVisit({ name: '李静', phone: '13700001111' }));
    await api['visits.setStatus']({ visitId: gone.id, status: 'left', outcome: 'noPurchase', note: '' });
    await api['visits.setStatus']({ visitId: a.id, status: 'withConsultant', outcome: null, note: '' });
    await api['desk.checkIn'](firstVisit({ name: '王芳', phone: '13655556666' }));

    const res = await send(host.port, { path: '/display-api/board', headers: { Authorization: `Bearer ${DISPLAY}` } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({
      ok: true,
      data: {
        clinic: '北京院',
        // The queue number of the day (issue 21): 张晓梅 1 and 李静 3 are no longer waiting.
        rows: [
          { number: '2', name: '欧**娜', department: '皮肤美容科' },
          { number: '4', name: '王*', department: '整形外科' },
        ],
        call: null,
        speak: false,
        now: expect.any(String),
      },
    });
    for (const secret of ['张晓梅', '欧阳娜娜', '王芳', '李静', '1391234', '5678', '4321', '6666', 'customer:', 'visit:']) expect(res.text).not.toContain(secret);
  });

  it('refuses without its token, with the desk secret, and the display token opens nothing else', async () => {
    const { app, host } = await start();
    for (const headers of [{}, { Authorization: `Bearer ${SECRET}` }, { Authorization: `Bearer ${DISPLAY}x` }, { Authorization: DISPLAY }]) {
      const res = await send(host.port, { path: '/display-api/board', headers });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.text).error.code).toBe('unauthorized');
    }
    expect((await send(host.port, { path: '/display-api/events' })).status).toBe(401);
    // The display token is not the desk's: no operation, no desk event stream.
    for (const path of ['/api/app.status', '/api/desk.waitingList', '/api/visits.board']) {
      const res = await send(host.port, { path, headers: { Authorization: `Bearer ${DISPLAY}`, 'Content-Type': 'application/json' }, method: 'POST' });
      expect(res.status, path).toBe(401);
    }
    expect((await send(host.port, { path: '/api/events', headers: { Authorization: `Bearer ${DISPLAY}` } })).status).toBe(401);
    expect((await send(host.port, { path: '/display-api/board', headers: { Authorization: `Bearer ${DISPLAY}` }, method: 'POST' })).status).toBe(405);
    expect((await send(host.port, { path: '/display-api/other', headers: { Authorization: `Bearer ${DISPLAY}` } })).status).toBe(404);
    // A host started without a display token has no display.
    const other = await startHost({ app, staticDir: '.', secret: SECRET });
    try {
      expect((await send(other.port, { path: '/display-api/board', headers: { Authorization: 'Bearer ' } })).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('streams the board again when a visitor checks in or moves on', async () => {
    const { host, api } = await start();
    const v = await api['desk.checkIn'](firstVisit({ name: '张晓梅' }));
    const boards = await stream(host.port, 3, async () => {
      await api['desk.checkIn'](firstVisit({ name: '陈静' }));
      // wait for the second board before moving the first visitor on
      await new Promise((r) => setTimeout(r, 300));
      await api['visits.setStatus']({ visitId: v.id, status: 'withConsultant', outcome: null, note: '' });
    });
    expect(boards.map((b) => (b as { rows: { name: string }[] }).rows.map((r) => r.name))).toEqual([['张*梅'], ['张*梅', '陈*'], ['陈*']]);
  });
});
